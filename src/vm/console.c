/*
 * console.c: from the guest's serial console to test results.
 *
 * The console carries three things at once: the kernel's messages, the
 * marker lines /init prints around each test (vm.h), and whatever the tests
 * print. Lines are attributed to the test that runs when they arrive; lines
 * outside any test belong to the pseudo-test "boot" (boot, the gaps between
 * tests, shutdown).
 *
 * A kernel message is recognised by its "[    1.234567]" timestamp
 * (printk.time=1 is on the command line), wherever it starts in a line: a
 * message may land in the middle of a test's output. Only kernel messages
 * are searched for signs of trouble, so a test that prints "WARNING:" itself
 * does not fail.
 *
 * Each result keeps the last TAIL_LINES lines, shown under a failure.
 */
#define _GNU_SOURCE
#include "vm.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TAIL_LINES = 40, TAIL_WIDTH = 256, LINE_MAX_BYTES = 4096 };

/* Kernel messages that fail the test they appear in. */
static const char *const bad_kernel_text[] = {
	"BUG:", "WARNING:", "Oops", "general protection", "Kernel panic", "kernel BUG at",
	"invalid opcode", "Call Trace", "RIP:", "Unable to handle kernel", "UBSAN:",
	"KASAN:", "stack-protector:", "list_add corruption", "list_del corruption",
	"INFO: task", "rcu_sched self-detected stall", "rcu: INFO:",
	/* slub_debug's and page_poison's reports, whose first line is "BUG CACHE (...): ..." */
	"Redzone overwritten", "Poison overwritten", "Padding overwritten", "Object already free",
	"Freepointer corrupt", "Invalid object pointer", "pagealloc: memory corruption",
	"pagealloc: single bit error", "Objects remaining in",
};

/* slub_debug's report header: "BUG kmalloc-64 (Tainted: G O): ...". */
static bool is_slab_report(const char *text)
{
	const char *p = strstr(text, "BUG ");
	if (!p)
		return false;
	p += 4;
	size_t name = strcspn(p, " ");
	return name > 0 && p[name] == ' ' && p[name + 1] == '(';
}

enum state { PENDING, RUNNING, PASSED, FAILED };

struct result {
	const char *name;
	enum state state;
	const char *reason;     /* why it failed */
	const char *kernel_bad; /* the first bad kernel message during it */
	const char *not_ok;     /* its first "not ok: ..." line */
	char (*tail)[TAIL_WIDTH];
	size_t n_lines;         /* lines seen; the tail holds the last TAIL_LINES */
};

struct console {
	struct arena *arena;
	FILE *log;
	bool echo;
	struct strbuf line;
	struct result boot;
	struct result *tests;
	size_t n_tests;
	struct result *cur; /* the running test, or &boot */
	enum vm_phase phase;
	unsigned marks;     /* marker lines seen, so the runner can time phases */
	bool panicked;
	const char *qemu_error; /* why QEMU failed, when it did */
	double t_start, t_ready, t_end;
};

double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct console *console_new(const struct guest *g, FILE *log, bool echo)
{
	struct arena *a = arena_new();
	struct console *con = arena_alloc(a, sizeof(*con));
	con->arena = a;
	con->log = log;
	con->echo = echo;
	sb_init(&con->line);
	con->boot.name = "boot";
	con->n_tests = g->n_tests;
	con->tests = arena_alloc(a, (g->n_tests + 1) * sizeof(struct result));
	for (size_t i = 0; i < g->n_tests; i++)
		con->tests[i].name = g->tests[i].name;
	con->cur = &con->boot;
	con->phase = PHASE_BOOT;
	con->t_start = now_seconds();
	return con;
}

void console_free(struct console *con)
{
	if (!con)
		return;
	sb_free(&con->line);
	arena_free(con->arena);
}

enum vm_phase console_phase(const struct console *con)
{
	return con->phase;
}

unsigned console_marks(const struct console *con)
{
	return con->marks;
}

bool console_panicked(const struct console *con)
{
	return con->panicked;
}

/* The text of the kernel message in line (after its timestamp), or NULL. */
static const char *kernel_text(const char *line)
{
	for (const char *p = strchr(line, '['); p; p = strchr(p + 1, '[')) {
		const char *q = p + 1;
		while (*q == ' ')
			q++;
		if (!isdigit((unsigned char)*q))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q++ != '.' || !isdigit((unsigned char)*q))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q == ']')
			return q[1] == ' ' ? q + 2 : q + 1;
	}
	return NULL;
}

static bool is_bad_kernel_text(const char *text)
{
	if (is_slab_report(text))
		return true;
	for (size_t i = 0; i < sizeof(bad_kernel_text) / sizeof(bad_kernel_text[0]); i++)
		if (strstr(text, bad_kernel_text[i]))
			return true;
	return false;
}

static void remember(struct console *con, struct result *r, const char *line, size_t len)
{
	if (!r->tail)
		r->tail = arena_alloc(con->arena, TAIL_LINES * sizeof(*r->tail));
	snprintf(r->tail[r->n_lines % TAIL_LINES], TAIL_WIDTH, "%.*s", (int)len, line);
	if (!r->not_ok && len >= 7 && !memcmp(line, "not ok:", 7))
		r->not_ok = arena_printf(con->arena, "%.*s", (int)(len < 160 ? len : 160), line);
	r->n_lines++;
}

static void fail(struct console *con, struct result *r, const char *reason)
{
	r->state = FAILED;
	r->reason = arena_strdup(con->arena, reason);
}

/* A bad kernel message fails the result it is attributed to; the first one is its reason. */
static void check_kernel_line(struct console *con, const char *line)
{
	const char *text = kernel_text(line);
	if (!text)
		return;
	if (strstr(text, "Kernel panic"))
		con->panicked = true;
	if (!con->cur->kernel_bad && is_bad_kernel_text(text))
		con->cur->kernel_bad = arena_printf(con->arena, "kernel: %.160s", text);
}

static struct result *find_test(struct console *con, const char *name)
{
	for (size_t i = 0; i < con->n_tests; i++)
		if (!strcmp(con->tests[i].name, name))
			return &con->tests[i];
	return NULL;
}

static void print_result(const struct result *r)
{
	if (r->state != FAILED) {
		printf("PASS: vm/%s\n", r->name);
		fflush(stdout);
		return;
	}
	printf("FAIL: vm/%s: %s\n", r->name, r->reason);
	size_t first = r->n_lines > TAIL_LINES ? r->n_lines - TAIL_LINES : 0;
	if (first)
		printf("    [%zu earlier lines are in the log]\n", first);
	for (size_t i = first; i < r->n_lines; i++)
		printf("    %s\n", r->tail[i % TAIL_LINES]);
	fflush(stdout);
}

/* "end NAME exit N" or "end NAME timeout": the test is over. */
static void end_test(struct console *con, const char *args)
{
	struct result *r = con->cur;
	size_t n = strcspn(args, " ");
	if (r == &con->boot || strncmp(args, r->name, n) || r->name[n])
		return; /* not the test that runs: ignore what a test may have echoed */
	const char *how = args + n + (args[n] == ' ');
	int status = 0;
	if (!strcmp(how, "timeout"))
		fail(con, r, "timed out");
	else if (sscanf(how, "exit %d", &status) != 1)
		fail(con, r, "garbled end line from /init");
	else if (status != 0 && r->not_ok)
		fail(con, r, arena_printf(con->arena, "exit status %d; first %s", status, r->not_ok));
	else if (status != 0)
		fail(con, r, arena_printf(con->arena, "exit status %d", status));
	if (r->kernel_bad) {
		if (r->state == FAILED)
			r->reason = arena_printf(con->arena, "%s; %s", r->reason, r->kernel_bad);
		else
			fail(con, r, r->kernel_bad);
	}
	if (r->state != FAILED)
		r->state = PASSED;
	print_result(r);
	con->cur = &con->boot;
	con->phase = PHASE_BETWEEN;
}

static void begin_test(struct console *con, const char *name)
{
	struct result *r = find_test(con, name);
	if (!r || r->state != PENDING)
		return;
	r->state = RUNNING;
	con->cur = r;
	con->phase = PHASE_TEST;
}

/* Handles a marker line; what precedes the marker still belongs to the current result. */
static void marker(struct console *con, const char *line, const char *mark)
{
	if (mark > line)
		remember(con, con->cur, line, (size_t)(mark - line));
	con->marks++;
	if (str_starts(mark, MARK_BEGIN)) {
		begin_test(con, mark + strlen(MARK_BEGIN));
	} else if (str_starts(mark, MARK_END)) {
		end_test(con, mark + strlen(MARK_END));
	} else if (!strcmp(mark, MARK_READY) && con->phase == PHASE_BOOT) {
		con->phase = PHASE_BETWEEN;
		con->t_ready = now_seconds();
	} else if (!strcmp(mark, MARK_DONE)) {
		con->phase = PHASE_DONE;
		con->t_end = now_seconds();
	} else {
		con->marks--;
	}
}

static void console_line(struct console *con, char *line)
{
	size_t n = strlen(line);
	while (n && line[n - 1] == '\r')
		line[--n] = '\0';
	if (con->log) {
		/* Flushed at once: the log matters most when something hangs. */
		fprintf(con->log, "%s\n", line);
		fflush(con->log);
	}
	if (con->echo)
		fprintf(stderr, "%s\n", line);
	const char *mark = strstr(line, MARK);
	if (mark) {
		marker(con, line, mark);
		return;
	}
	check_kernel_line(con, line);
	remember(con, con->cur, line, n);
}

void console_feed(struct console *con, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n' || con->line.len >= LINE_MAX_BYTES) {
			console_line(con, con->line.buf);
			con->line.len = 0;
			con->line.buf[0] = '\0';
			if (buf[i] == '\n')
				continue;
		}
		if (buf[i] != '\0')
			sb_addc(&con->line, buf[i]);
	}
}

void console_qemu_failed(struct console *con, const char *why)
{
	con->qemu_error = arena_strdup(con->arena, why);
}

static const char *end_reason(const struct console *con, enum vm_end how)
{
	if (con->panicked)
		return "kernel panicked";
	if (con->qemu_error)
		return con->qemu_error;
	if (how == END_TIMEOUT)
		return "timed out";
	return "guest did not finish";
}

/* Why the boot pseudo-test failed, given the phase the guest stopped in, or NULL. */
static const char *boot_failure(const struct console *con, enum vm_phase was, enum vm_end how)
{
	if (was == PHASE_BOOT && (con->panicked || con->qemu_error))
		return end_reason(con, how);
	if (was == PHASE_BOOT)
		return how == END_TIMEOUT ? "timed out before /init was ready" : "the guest stopped before /init was ready";
	if (was == PHASE_BETWEEN)
		return end_reason(con, how);
	if (was == PHASE_DONE && how == END_TIMEOUT)
		return "guest did not power off";
	return NULL;
}

static void finish_boot(struct console *con, enum vm_phase was, enum vm_end how)
{
	struct result *b = &con->boot;
	const char *why = boot_failure(con, was, how);
	if (why && b->kernel_bad)
		fail(con, b, arena_printf(con->arena, "%s; %s", why, b->kernel_bad));
	else if (why || b->kernel_bad)
		fail(con, b, why ? why : b->kernel_bad);
	else
		b->state = PASSED;
	print_result(b);
}

static void print_times(const struct console *con)
{
	double total = now_seconds() - con->t_start;
	if (con->t_ready)
		fprintf(stderr, "vm: booted in %.1f s, %zu test%s in %.1f s, %.1f s in all\n",
			con->t_ready - con->t_start, con->n_tests, con->n_tests == 1 ? "" : "s",
			con->t_end - con->t_ready, total);
	else
		fprintf(stderr, "vm: the guest did not boot (%.1f s)\n", total);
}

bool console_finish(struct console *con, enum vm_end how)
{
	if (con->line.len)
		console_line(con, con->line.buf);
	con->line.len = 0;
	if (!con->t_end)
		con->t_end = now_seconds();
	const char *why = end_reason(con, how);
	const char *not_run = arena_printf(con->arena, "not run: %s", why);
	enum vm_phase was = con->phase;
	if (was == PHASE_TEST) {
		struct result *r = con->cur;
		fail(con, r, r->kernel_bad ? arena_printf(con->arena, "%s; %s", why, r->kernel_bad) : why);
		print_result(r);
		not_run = arena_printf(con->arena, "not run: %s during vm/%s", why, r->name);
		con->cur = &con->boot;
	}
	bool ok = true;
	for (size_t i = 0; i < con->n_tests; i++) {
		struct result *r = &con->tests[i];
		if (r->state == PENDING) {
			fail(con, r, not_run);
			print_result(r);
		}
		ok = ok && r->state == PASSED;
	}
	finish_boot(con, was, how);
	print_times(con);
	return ok && con->boot.state == PASSED;
}
