/*
 * qemu.c: krust vm, the QEMU runner.
 *
 * It writes an initramfs (initramfs.c) into a private temporary directory,
 * boots the kernel image on it with QEMU, reads the serial console as it comes
 * (console.c turns it into results) and removes the directory afterwards.
 *
 * The guest bounds each test itself (tests/vm/init.sh), but a guest can hang
 * in ways it cannot notice, so the runner keeps a deadline of its own for
 * each phase: boot, each test, each gap between tests, power-off. When one
 * passes, QEMU is killed and what did not finish fails. A runner killed
 * itself takes QEMU along (PR_SET_PDEATHSIG).
 */
#define _GNU_SOURCE
#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define QEMU "qemu-system-x86_64"

/*
 * Seconds: to boot to /init (measured: 4 s under TCG), for the runner's
 * margin over the guest's own per-test timeout, for each gap between tests
 * and for power-off, and for QEMU to end after a kernel panic.
 */
enum { BOOT_ALLOWANCE = 60, TEST_GRACE = 15, GAP_ALLOWANCE = 30, PANIC_GRACE = 10 };

/*
 * With -icount the guest's clock follows the instructions executed, which
 * under TCG is slower than the wall clock: the guest's timeouts take longer.
 */
enum { ICOUNT_SLOWDOWN = 4 };

/*
 * Warnings and worse reach the console during boot; /init raises the level
 * for the tests. panic=-1 with -no-reboot ends QEMU at a panic. The stock
 * kernels have no KASAN, but they have SLUB_DEBUG and PAGE_POISONING: with
 * sanity checks, red zones, poisoning and owner tracking on every cache, an
 * overrun or a use after free in a module is reported (console.c fails the
 * test) instead of passing unseen.
 */
static const char base_cmdline[] =
	"console=ttyS0 loglevel=5 printk.time=1 panic=-1 slub_debug=FZPU page_poison=1";

struct vm_opts {
	const char *image;
	const char *kdir;
	struct guest guest;
	unsigned smp;
	unsigned memory; /* MiB */
	bool icount;
	bool no_kvm;
	bool verbose;
	const char *log;
	struct strvec qemu_args;
	struct strvec append;
	struct arena *arena;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: krust vm [OPTIONS] --test [NAME=]SCRIPT...\n"
		"\n"
		"Boots a kernel in QEMU on a generated initramfs, runs each test script in the\n"
		"guest with busybox sh, and prints \"PASS: vm/NAME\" or \"FAIL: vm/NAME: REASON\"\n"
		"for each, and for vm/boot (kernel trouble outside any test). Exits 0 when all\n"
		"pass, 1 when one fails, 2 on bad options.\n"
		"\n"
		"options:\n"
		"  --test [NAME=]SCRIPT  a guest test (repeatable; run in order); NAME defaults\n"
		"                        to the file name without its extension\n"
		"  --module FILE.ko      copy a module to " GUEST_MODULES "/ in the guest (repeatable)\n"
		"  --file HOST:GUEST     copy a file to the absolute guest path GUEST (repeatable)\n"
		"  --timeout SECONDS     per-test timeout (default 60)\n"
		"  --image PATH          the kernel image (default: that of the kernel found as\n"
		"                        by krust config)\n"
		"  --kernel KDIR         the kernel build tree whose image to boot\n"
		"  --smp N               virtual CPUs (default 1)\n"
		"  --memory MIB          guest memory (default 512)\n"
		"  --icount              deterministic instruction counting (-icount shift=0,sleep=off;\n"
		"                        implies TCG)\n"
		"  --no-kvm              use TCG even when /dev/kvm is usable\n"
		"  --append STR          add to the kernel command line (repeatable)\n"
		"  --qemu-arg ARG        pass ARG to QEMU (repeatable), e.g. --qemu-arg=-device\n"
		"                        --qemu-arg=edu\n"
		"  --log FILE            save the whole console output to FILE\n"
		"  -v, --verbose         echo the console to stderr as it comes\n"
		"  -h, --help            this text\n"
		"\n"
		"Guest tests source " GUEST_LIB " (tests/vm/lib.sh) for check helpers.\n"
		"KRUST_ROOT overrides where krust's data (tests/vm/) is found.\n");
}

/* "--name VALUE" or "--name=VALUE": true and *val set when argv[*i] is that option. */
static bool opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n))
		return false;
	if (a[n] == '=') {
		*val = a + n + 1;
		return true;
	}
	if (a[n])
		return false;
	if (*i + 1 >= argc) {
		error("option %s needs a value", name);
		*val = NULL;
		return true;
	}
	*val = argv[++*i];
	return true;
}

static bool parse_uint(const char *opt, const char *s, unsigned min, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		error("%s wants a whole number from %u to %u, not '%s'", opt, min, max, s);
		return false;
	}
	*out = (unsigned)v;
	return true;
}

static bool readable_file(const char *what, const char *path)
{
	if (access(path, R_OK) != 0 || is_dir(path)) {
		error("%s '%s' is not a readable file", what, path);
		return false;
	}
	return true;
}

/* Names appear in result lines and in the guest's shell: keep them plain. */
static bool valid_test_name(const char *name)
{
	return *name && strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == strlen(name) &&
	       strcmp(name, "boot") != 0;
}

static bool add_test(struct vm_opts *o, const char *arg)
{
	struct guest *g = &o->guest;
	const char *eq = strchr(arg, '='), *path = arg;
	char *name;
	if (eq && !memchr(arg, '/', (size_t)(eq - arg))) {
		name = arena_strndup(o->arena, arg, (size_t)(eq - arg));
		path = eq + 1;
	} else {
		const char *slash = strrchr(arg, '/');
		name = arena_strdup(o->arena, slash ? slash + 1 : arg);
		char *dot = strrchr(name, '.');
		if (dot && dot != name)
			*dot = '\0';
	}
	if (!readable_file("test", path))
		return false;
	if (!valid_test_name(name)) {
		error("test name '%s' must be letters, digits, '_', '.' or '-', and not 'boot'", name);
		return false;
	}
	for (size_t i = 0; i < g->n_tests; i++) {
		if (!strcmp(g->tests[i].name, name)) {
			error("two tests are named '%s'; name one with --test NAME=PATH", name);
			return false;
		}
	}
	g->tests = xrealloc(g->tests, (g->n_tests + 1) * sizeof(*g->tests));
	g->tests[g->n_tests++] = (struct guest_test){ name, path };
	return true;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static bool add_module(struct vm_opts *o, const char *path)
{
	struct guest *g = &o->guest;
	if (!readable_file("module", path))
		return false;
	if (!str_ends(path, ".ko")) {
		error("module '%s' is not a .ko file", path);
		return false;
	}
	for (size_t i = 0; i < g->n_modules; i++) {
		if (!strcmp(base_name(g->modules[i]), base_name(path))) {
			error("two modules are named '%s'", base_name(path));
			return false;
		}
	}
	g->modules = xrealloc(g->modules, (g->n_modules + 1) * sizeof(*g->modules));
	g->modules[g->n_modules++] = path;
	return true;
}

static bool add_file(struct vm_opts *o, const char *arg)
{
	struct guest *g = &o->guest;
	const char *colon = strrchr(arg, ':');
	if (!colon || colon == arg || colon[1] != '/') {
		error("--file wants HOSTPATH:/GUEST/PATH, not '%s'", arg);
		return false;
	}
	char *host = arena_strndup(o->arena, arg, (size_t)(colon - arg));
	if (!readable_file("file", host))
		return false;
	g->files = xrealloc(g->files, (g->n_files + 1) * sizeof(*g->files));
	g->files[g->n_files++] = (struct guest_file){ host, colon + 1 };
	return true;
}

static bool parse_one(struct vm_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;
	bool *flag = NULL;
	if (!strcmp(a, "--icount"))
		flag = &o->icount;
	else if (!strcmp(a, "--no-kvm"))
		flag = &o->no_kvm;
	else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
		flag = &o->verbose;
	if (flag) {
		*flag = true;
		return true;
	}
	if (opt_value(argc, argv, i, "--test", &v))
		return v && add_test(o, v);
	if (opt_value(argc, argv, i, "--module", &v))
		return v && add_module(o, v);
	if (opt_value(argc, argv, i, "--file", &v))
		return v && add_file(o, v);
	if (opt_value(argc, argv, i, "--timeout", &v))
		return v && parse_uint("--timeout", v, 1, 86400, &o->guest.timeout);
	if (opt_value(argc, argv, i, "--smp", &v))
		return v && parse_uint("--smp", v, 1, 64, &o->smp);
	if (opt_value(argc, argv, i, "--memory", &v))
		return v && parse_uint("--memory", v, 64, 65536, &o->memory);
	if (opt_value(argc, argv, i, "--image", &v)) {
		o->image = v;
		return v && readable_file("kernel image", v);
	}
	if (opt_value(argc, argv, i, "--kernel", &v)) {
		o->kdir = v;
		return v != NULL;
	}
	if (opt_value(argc, argv, i, "--log", &v)) {
		o->log = v;
		return v != NULL;
	}
	if (opt_value(argc, argv, i, "--append", &v)) {
		if (v)
			sv_push(&o->append, v);
		return v != NULL;
	}
	if (opt_value(argc, argv, i, "--qemu-arg", &v)) {
		if (v)
			sv_push(&o->qemu_args, v);
		return v != NULL;
	}
	if (a[0] != '-')
		error("unexpected argument '%s'; tests are given with --test", a);
	else
		error("unknown option '%s'; 'krust vm --help' lists the options", a);
	return false;
}

static void opts_free(struct vm_opts *o)
{
	free(o->guest.tests);
	free(o->guest.modules);
	free(o->guest.files);
	sv_free(&o->qemu_args);
	sv_free(&o->append);
	arena_free(o->arena);
}

/* krust's data: $KRUST_ROOT, else the parent of the binary's directory. */
static const char *find_root(struct arena *a)
{
	const char *env = getenv("KRUST_ROOT");
	const char *root = env && *env ? env : arena_printf(a, "%s/..", self_dir());
	char *real = real_path(root);
	if (real) {
		root = arena_strdup(a, real);
		free(real);
	}
	char *init = xasprintf("%s/tests/vm/init.sh", root);
	bool ok = path_exists(init);
	free(init);
	if (!ok) {
		error("krust's data (tests/vm/init.sh) is not under %s; set KRUST_ROOT to the krust tree", root);
		return NULL;
	}
	return root;
}

/* The image to boot: --image, else the installed image of the kernel krust targets. */
static char *find_image(const struct vm_opts *o)
{
	if (o->image)
		return xstrdup(o->image);
	struct kernel k = { 0 };
	if (!kernel_find(o->kdir, &k))
		return NULL;
	char *image = k.image ? xstrdup(k.image) : NULL;
	if (!image)
		error("kernel %s has no image in /boot; give one with --image", k.release);
	kernel_free(&k);
	return image;
}

static bool parse_opts(struct vm_opts *o, int argc, char **argv)
{
	bool ok = true;
	for (int i = 1; i < argc; i++)
		ok = parse_one(o, argc, argv, &i) && ok;
	if (ok && !o->guest.n_tests) {
		error("krust vm needs at least one test; give one with --test SCRIPT");
		ok = false;
	}
	if (ok)
		ok = (o->guest.root = find_root(o->arena)) != NULL;
	if (ok)
		ok = (o->guest.busybox = find_busybox()) != NULL;
	return ok;
}

/*
 * KVM only through a hardware back end: others (kvm_pvm, found on some nested
 * hosts) open /dev/kvm, but a stock kernel hangs early in its boot there.
 */
static bool kvm_usable(void)
{
	if (!is_dir("/sys/module/kvm_intel") && !is_dir("/sys/module/kvm_amd"))
		return false;
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void qemu_argv(const struct vm_opts *o, const char *image, const char *initrd, struct strvec *av)
{
	sv_push(av, QEMU);
	sv_split(av, "-nodefaults -no-reboot -display none -serial stdio");
	sv_push(av, "-m");
	sv_pushf(av, "%u", o->memory);
	sv_push(av, "-smp");
	sv_pushf(av, "%u", o->smp);
	if (o->icount)
		sv_split(av, "-icount shift=0,sleep=off");
	else if (!o->no_kvm && kvm_usable())
		sv_split(av, "-enable-kvm -cpu host");
	sv_push(av, "-kernel");
	sv_push(av, image);
	sv_push(av, "-initrd");
	sv_push(av, initrd);
	char *extra = sv_join(&o->append, " ");
	sv_push(av, "-append");
	sv_pushf(av, "%s%s%s", base_cmdline, *extra ? " " : "", extra);
	free(extra);
	for (size_t i = 0; i < o->qemu_args.n; i++)
		sv_push(av, o->qemu_args.v[i]);
}

/* A running QEMU: its pid, and its stdout (the serial console) and stderr. */
struct qemu {
	pid_t pid;
	int out, err;
	struct strbuf errors;
};

static void qemu_start(struct qemu *q, char **argv, bool verbose)
{
	int out[2], err[2];
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		fatal("pipe: %s", strerror(errno));
	if (verbose) {
		char *cmd = shell_quote_argv((const char *const *)argv);
		fprintf(stderr, "  %s\n", cmd);
		free(cmd);
	}
	struct strvec env; /* QEMU needs nothing of a build's environment either */
	child_env(NULL, &env);
	fflush(NULL);
	q->pid = fork();
	if (q->pid < 0)
		fatal("fork: %s", strerror(errno));
	if (q->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		execvpe(argv[0], argv, env.v);
		fprintf(stderr, "cannot run %s: %s%s\n", argv[0], strerror(errno),
			errno == ENOENT ? "; apt-get install qemu-system-x86" : "");
		_exit(127);
	}
	sv_free(&env);
	close(out[1]);
	close(err[1]);
	q->out = out[0];
	q->err = err[0];
	sb_init(&q->errors);
}

/* Returns QEMU's exit status (128+signal when killed). */
static int qemu_wait(struct qemu *q)
{
	int status;
	while (waitpid(q->pid, &status, 0) < 0)
		if (errno != EINTR)
			fatal("waitpid: %s", strerror(errno));
	if (q->out >= 0)
		close(q->out);
	if (q->err >= 0)
		close(q->err);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

/* SIGINT and SIGTERM interrupt poll() so that the temporary files go too. */
static void catch_signals(bool on)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = on ? on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The runner's deadline for the phase the guest is in, counted from its start. */
static double phase_limit(const struct vm_opts *o, enum vm_phase phase)
{
	unsigned slow = o->icount ? ICOUNT_SLOWDOWN : 1;
	switch (phase) {
	case PHASE_BOOT:
		return BOOT_ALLOWANCE * slow;
	case PHASE_TEST:
		return (double)o->guest.timeout * slow + TEST_GRACE;
	default:
		return GAP_ALLOWANCE * slow;
	}
}

/*
 * Reads what is there on *fd into the console, or else into sb (QEMU's
 * stderr, echoed with --verbose); closes *fd at end of file.
 */
static void drain(int *fd, struct console *con, struct strbuf *sb, bool echo)
{
	char buf[16384];
	ssize_t n = read(*fd, buf, sizeof(buf));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		close(*fd);
		*fd = -1;
	} else if (con) {
		console_feed(con, buf, (size_t)n);
	} else {
		sb_addn(sb, buf, (size_t)n);
		if (echo)
			fwrite(buf, 1, (size_t)n, stderr);
	}
}

/* Follows the console until QEMU closes it or a deadline passes. */
static enum vm_end follow(const struct vm_opts *o, struct qemu *q, struct console *con)
{
	unsigned marks = console_marks(con);
	double phase_start = now_seconds(), panic_at = 0;
	while (q->out >= 0 || q->err >= 0) {
		if (interrupted)
			return END_EXITED;
		double now = now_seconds();
		if (console_marks(con) != marks) {
			marks = console_marks(con);
			phase_start = now;
		}
		if (console_panicked(con) && !panic_at)
			panic_at = now;
		double deadline = phase_start + phase_limit(o, console_phase(con));
		if (panic_at && panic_at + PANIC_GRACE < deadline)
			deadline = panic_at + PANIC_GRACE;
		if (now >= deadline)
			return END_TIMEOUT;
		struct pollfd p[2] = { { q->out, POLLIN, 0 }, { q->err, POLLIN, 0 } };
		int r = poll(p, 2, (int)((deadline - now) * 1000) + 1);
		if (r < 0 && errno != EINTR)
			fatal("poll: %s", strerror(errno));
		if (r > 0 && p[0].revents)
			drain(&q->out, con, NULL, false);
		if (r > 0 && p[1].revents)
			drain(&q->err, NULL, &q->errors, o->verbose);
	}
	return END_EXITED;
}

/* QEMU exited with an error: its last message becomes the reason. */
static void report_qemu_failure(struct console *con, int status, struct strbuf *errors)
{
	while (errors->len && errors->buf[errors->len - 1] == '\n')
		errors->buf[--errors->len] = '\0';
	const char *last = strrchr(errors->buf, '\n');
	last = last ? last + 1 : errors->buf;
	error(QEMU " exited with status %d%s%s", status, *last ? ": " : "", last);
	console_qemu_failed(con, *last ? last : QEMU " failed");
}

/* Boots and follows the guest; returns the exit status of krust vm. */
static int boot(const struct vm_opts *o, const char *image, const char *initrd, FILE *log)
{
	struct strvec av;
	sv_init(&av);
	qemu_argv(o, image, initrd, &av);
	struct qemu q;
	qemu_start(&q, av.v, o->verbose);
	sv_free(&av);
	struct console *con = console_new(&o->guest, log, o->verbose);
	enum vm_end how = follow(o, &q, con);
	if (how != END_EXITED || interrupted)
		kill(q.pid, SIGKILL);
	int status = qemu_wait(&q);
	if (interrupted) {
		console_free(con);
		sb_free(&q.errors);
		error("krust vm was interrupted");
		return 128 + interrupted;
	}
	if (how == END_EXITED && status != 0 && console_phase(con) != PHASE_DONE)
		report_qemu_failure(con, status, &q.errors);
	bool ok = console_finish(con, how);
	console_free(con);
	sb_free(&q.errors);
	return ok ? 0 : 1;
}

static char *make_temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/krust-vm.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		error("cannot create a temporary directory %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

static int run_vm(const struct vm_opts *o)
{
	char *image = find_image(o);
	if (!image)
		return 2;
	FILE *log = NULL;
	if (o->log && !(log = fopen(o->log, "w"))) {
		error("cannot write the log %s: %s", o->log, strerror(errno));
		free(image);
		return 2;
	}
	int status = 2;
	char *dir = make_temp_dir();
	if (dir) {
		char *initrd = xasprintf("%s/initramfs.cpio", dir);
		catch_signals(true);
		if (initramfs_write(&o->guest, initrd))
			status = boot(o, image, initrd, log);
		catch_signals(false);
		remove_tree(dir);
		free(initrd);
		free(dir);
	}
	if (log)
		fclose(log);
	free(image);
	return status;
}

int cmd_vm(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
	}
	struct vm_opts o = { .smp = 1, .memory = 512, .guest.timeout = 60, .arena = arena_new() };
	sv_init(&o.qemu_args);
	sv_init(&o.append);
	int status = parse_opts(&o, argc, argv) ? run_vm(&o) : 2;
	opts_free(&o);
	return status;
}
