/*
 * util.c: what every stage shares.
 *
 * Diagnostics follow the compiler convention ("file:line:col: error: ...") so
 * that editors can jump to them. Allocation never returns NULL: running out of
 * memory in a build tool is fatal, and the message names what failed. Arenas
 * let a stage allocate freely and free once.
 */
#define _GNU_SOURCE
#include "krust.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------ diagnostics */

static unsigned n_errors;
static bool quiet;

/* Identical warnings beyond this many are counted, not printed. */
enum { WARN_REPEAT_CAP = 3 };

struct seen_warning {
	uint64_t hash;
	unsigned count;
};
static struct seen_warning *seen;
static size_t n_seen, cap_seen;

static bool warning_is_capped(const char *msg)
{
	uint64_t h = hash_str(HASH_INIT, msg);
	for (size_t i = 0; i < n_seen; i++)
		if (seen[i].hash == h)
			return ++seen[i].count > WARN_REPEAT_CAP;
	if (n_seen == cap_seen) {
		cap_seen = cap_seen ? 2 * cap_seen : 64;
		seen = xrealloc(seen, cap_seen * sizeof(*seen));
	}
	seen[n_seen++] = (struct seen_warning){ h, 1 };
	return false;
}

static void report(const struct srcloc *loc, const char *kind, const char *fmt, va_list ap)
{
	char msg[4096];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (kind[0] == 'w' && warning_is_capped(msg))
		return;
	if (loc && loc->file) {
		if (!loc->line) /* the file as a whole, as named on the command line */
			fprintf(stderr, "%s: %s: %s\n", loc->file, kind, msg);
		else if (loc->col)
			fprintf(stderr, "%s:%u:%u: %s: %s\n", loc->file, loc->line, loc->col, kind, msg);
		else
			fprintf(stderr, "%s:%u: %s: %s\n", loc->file, loc->line, kind, msg);
	} else {
		fprintf(stderr, "krust: %s: %s\n", kind, msg);
	}
}

void set_quiet(bool q)
{
	quiet = q;
}

static bool timing;
static double phase_start;

static double monotonic_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void phase_timing(bool on)
{
	timing = on;
	phase_start = monotonic_seconds();
}

void phase_done(const char *name)
{
	if (!timing)
		return;
	double now = monotonic_seconds();
	fprintf(stderr, "krust: time: %-12s %7.3f s\n", name, now - phase_start);
	phase_start = now;
}

unsigned error_count(void)
{
	return n_errors;
}

#define DIAG(loc, kind, fmt)            \
	do {                            \
		va_list ap;             \
		va_start(ap, fmt);      \
		report(loc, kind, fmt, ap); \
		va_end(ap);             \
	} while (0)

void warn(const char *fmt, ...)
{
	if (!quiet)
		DIAG(NULL, "warning", fmt);
}

void warn_at(struct srcloc loc, const char *fmt, ...)
{
	if (!quiet)
		DIAG(&loc, "warning", fmt);
}

void error(const char *fmt, ...)
{
	n_errors++;
	DIAG(NULL, "error", fmt);
}

void error_at(struct srcloc loc, const char *fmt, ...)
{
	n_errors++;
	DIAG(&loc, "error", fmt);
}

void fatal(const char *fmt, ...)
{
	DIAG(NULL, "error", fmt);
	exit(1);
}

void fatal_at(struct srcloc loc, const char *fmt, ...)
{
	DIAG(&loc, "error", fmt);
	exit(1);
}

/* ------------------------------------------------------------- allocation */

void *xmalloc_(size_t n, const char *what)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal("out of memory allocating %zu bytes (%s)", n, what);
	return p;
}

void *xcalloc_(size_t n, size_t size, const char *what)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		fatal("out of memory allocating %zu * %zu bytes (%s)", n, size, what);
	return p;
}

void *xrealloc_(void *p, size_t n, const char *what)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		fatal("out of memory reallocating to %zu bytes (%s)", n, what);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *vformat(const char *fmt, va_list ap)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_vprintf(&sb, fmt, ap);
	return sb_steal(&sb);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

/* ----------------------------------------------------------------- arenas */

enum { ARENA_CHUNK = 64 * 1024 };

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct arena_chunk *head;
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct arena_chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	char *p = arena_strdup(a, s);
	free(s);
	return p;
}

/* ---------------------------------------------------------------- strbuf */

void sb_init(struct strbuf *sb)
{
	sb->buf = xmalloc(64);
	sb->buf[0] = '\0';
	sb->len = 0;
	sb->cap = 64;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	while (sb->len + extra + 1 > sb->cap)
		sb->cap *= 2;
	sb->buf = xrealloc(sb->buf, sb->cap);
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("bad format string '%s'", fmt);
	if ((size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

char *sb_steal(struct strbuf *sb)
{
	char *p = sb->buf;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

/* ---------------------------------------------------------------- strvec */

void sv_init(struct strvec *sv)
{
	sv->cap = 8;
	sv->n = 0;
	sv->v = xcalloc(sv->cap, sizeof(char *));
}

void sv_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

static void sv_push_owned(struct strvec *sv, char *s)
{
	if (sv->n + 1 >= sv->cap) {
		sv->cap *= 2;
		sv->v = xrealloc(sv->v, sv->cap * sizeof(char *));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void sv_push(struct strvec *sv, const char *s)
{
	sv_push_owned(sv, xstrdup(s));
}

void sv_pushf(struct strvec *sv, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sv_push_owned(sv, vformat(fmt, ap));
	va_end(ap);
}

void sv_split(struct strvec *sv, const char *s)
{
	while (*s) {
		s += strspn(s, " \t\n");
		size_t n = strcspn(s, " \t\n");
		if (n)
			sv_push_owned(sv, xstrndup(s, n));
		s += n;
	}
}

char *sv_join(const struct strvec *sv, const char *sep)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			sb_adds(&sb, sep);
		sb_adds(&sb, sv->v[i]);
	}
	return sb_steal(&sb);
}

bool str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ----------------------------------------------------------------- files */

bool path_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_exec(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *read_file(const char *path, size_t *lenp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	for (;;) {
		sb_grow(&sb, 65536);
		ssize_t n = read(fd, sb.buf + sb.len, sb.cap - sb.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			sb_free(&sb);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
	}
	close(fd);
	sb.buf[sb.len] = '\0';
	if (lenp)
		*lenp = sb.len;
	return sb_steal(&sb);
}

bool write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

bool write_file_atomic(const char *path, const void *data, size_t len)
{
	/* Only a regular file can be replaced by renaming; /dev/stdout, a pipe or
	 * /dev/null must be written in place. */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		int fd = open(path, O_WRONLY | O_CLOEXEC);
		bool ok = fd >= 0 && write_all(fd, data, len);
		if (fd >= 0 && close(fd) != 0)
			ok = false;
		return ok;
	}
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	bool ok = fd >= 0 && write_all(fd, data, len);
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return ok;
}

bool depfile_prereqs(const char *path, struct strvec *out)
{
	char *text = read_file(path, NULL);
	if (!text)
		return false;
	const char *p = strstr(text, ": ");
	struct strbuf word;
	sb_init(&word);
	for (p = p ? p + 1 : ""; *p && *p != '\n'; p++) {
		bool blank = *p == ' ' || *p == '\t';
		if (p[0] == '\\' && p[1] == '\n') {
			blank = true; /* a continuation line */
			p++;
		} else if (p[0] == '\\' && p[1] == ' ') {
			sb_addc(&word, *++p);
			continue;
		}
		if (!blank) {
			sb_addc(&word, *p);
		} else if (word.len) {
			sv_push(out, word.buf);
			word.len = 0;
			word.buf[0] = '\0';
		}
	}
	if (word.len)
		sv_push(out, word.buf);
	sb_free(&word);
	free(text);
	return true;
}

void sb_add_prereq(struct strbuf *sb, const char *path)
{
	sb_addc(sb, ' ');
	for (; *path; path++) {
		if (*path == ' ')
			sb_addc(sb, '\\');
		sb_addc(sb, *path);
	}
}

bool mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = p + 1; ok; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			ok = false;
		*s = c;
		if (c == '\0')
			break;
	}
	if (ok && !is_dir(path)) {
		errno = ENOTDIR;
		ok = false;
	}
	free(p);
	return ok;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

bool remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0) /* lstat: a dangling link goes too */
		return true;
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

char *real_path(const char *path)
{
	return realpath(path, NULL);
}

const char *self_exe(void)
{
	static char exe[PATH_MAX];
	if (!exe[0]) {
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n <= 0)
			fatal("cannot find the krust binary: /proc/self/exe: %s", strerror(errno));
		exe[n] = '\0';
	}
	return exe;
}

const char *self_dir(void)
{
	static char dir[PATH_MAX];
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "%s", self_exe());
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
	}
	return dir;
}

const char *krust_root(void)
{
	static char *root;
	if (!root) {
		const char *env = getenv("KRUST_ROOT");
		char *guess = env && *env ? xstrdup(env) : xasprintf("%s/..", self_dir());
		root = real_path(guess);
		if (!root)
			fatal("krust's root directory %s is missing (set KRUST_ROOT)", guess);
		free(guess);
	}
	return root;
}

uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t hash_str(uint64_t h, const char *s)
{
	/* Include the terminator so that ("ab","c") and ("a","bc") differ. */
	return hash_bytes(h, s, strlen(s) + 1);
}

/* ------------------------------------------------------------- processes */

char *shell_quote_argv(const char *const *argv)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; argv[i]; i++) {
		const char *a = argv[i];
		if (i)
			sb_addc(&sb, ' ');
		if (*a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=+./,:@%") == strlen(a)) {
			sb_adds(&sb, a);
			continue;
		}
		sb_addc(&sb, '\'');
		for (; *a; a++) {
			if (*a == '\'')
				sb_adds(&sb, "'\\''");
			else
				sb_addc(&sb, *a);
		}
		sb_addc(&sb, '\'');
	}
	return sb_steal(&sb);
}

/* Drain both pipes until EOF; either may be -1. */
static void drain(int outfd, struct strbuf *out, int errfd, struct strbuf *err)
{
	char buf[65536];
	while (outfd >= 0 || errfd >= 0) {
		fd_set set;
		FD_ZERO(&set);
		int maxfd = -1;
		if (outfd >= 0) {
			FD_SET(outfd, &set);
			maxfd = outfd;
		}
		if (errfd >= 0) {
			FD_SET(errfd, &set);
			if (errfd > maxfd)
				maxfd = errfd;
		}
		if (select(maxfd + 1, &set, NULL, NULL, NULL) < 0) {
			if (errno == EINTR)
				continue;
			fatal("select: %s", strerror(errno));
		}
		int *fds[2] = { &outfd, &errfd };
		struct strbuf *bufs[2] = { out, err };
		for (int i = 0; i < 2; i++) {
			if (*fds[i] < 0 || !FD_ISSET(*fds[i], &set))
				continue;
			ssize_t n = read(*fds[i], buf, sizeof(buf));
			if (n > 0) {
				sb_addn(bufs[i], buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(*fds[i]);
				*fds[i] = -1;
			}
		}
	}
}

/*
 * The environment of every child krust starts. krust runs inside other
 * builds: Kbuild calls `krust rustc` with MAKEFLAGS carrying M= and obj= of
 * the module being built, KBUILD_EXTMOD, sub_make_done and dozens of
 * exported make variables (CC, LD, srctree, obj, src...). A nested make or
 * compiler that inherits them does the outer build's work instead of
 * krust's. So a child gets an allowlist, not our environment minus what is
 * known to be harmful: no list of the latter can be complete, since make
 * exports whatever its caller and its makefiles choose.
 *
 * What is kept is what a compiler, a linker, make or QEMU needs to run as
 * the user expects: where programs and their libraries are (PATH,
 * LD_LIBRARY_PATH, for a KRUST_RUSTC outside /usr), who and where the user is,
 * the language of messages, where temporary files go, reproducible-build
 * dates, ccache's settings (CC may be "ccache gcc"), and krust's own
 * KRUST_* settings, so that a child krust acts on the same cache, rustc
 * and tree as its parent (and, in a sanitizer build, with the same
 * sanitizer options). RUSTC_BOOTSTRAP is not kept: rustc gets it from
 * rustc_env, where krust wants it, and nowhere else.
 */
static bool env_allowed(const char *entry)
{
	static const char *const names[] = {
		"PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LANGUAGE", "TZ",
		"TMPDIR", "SOURCE_DATE_EPOCH", "LD_LIBRARY_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS",
		"LSAN_OPTIONS",
	};
	static const char *const prefixes[] = { "LC_", "CCACHE_", "KRUST_" };
	size_t n = strcspn(entry, "=");
	if (!entry[n])
		return false;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncmp(entry, names[i], n))
			return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (str_starts(entry, prefixes[i]))
			return true;
	return false;
}

/* Whether the entries "NAME=..." a and b set the same variable. */
static bool same_name(const char *a, const char *b)
{
	size_t n = strcspn(a, "=");
	return strncmp(a, b, n) == 0 && b[n] == '=';
}

void child_env(const char *const *extra, struct strvec *env)
{
	extern char **environ;
	sv_init(env);
	for (char **e = environ; e && *e; e++) {
		bool overridden = false;
		for (size_t i = 0; extra && extra[i] && !overridden; i++)
			overridden = same_name(extra[i], *e);
		if (!overridden && env_allowed(*e))
			sv_push(env, *e);
	}
	for (size_t i = 0; extra && extra[i]; i++)
		sv_push(env, extra[i]);
}

/*
 * Why a child could not start, told to its parent: what failed (the
 * working directory or the program) and errno. Between fork and exec a
 * child of a threaded process (the constants' thread) may only make
 * async-signal-safe calls, so it writes two ints to a pipe, and the parent
 * says it in words.
 */
enum start_failure { START_CWD = 1, START_EXEC };

static _Noreturn void child_failed(int fd, enum start_failure what)
{
	int msg[2] = { what, errno };
	ssize_t n = write(fd, msg, sizeof(msg));
	(void)n; /* nothing left to tell it with */
	_exit(127);
}

/* The child's report, if it wrote one, where its stderr goes. */
static void report_start(int fd, const char *const *argv, const struct run_opts *opts)
{
	int msg[2];
	if (read(fd, msg, sizeof(msg)) != (ssize_t)sizeof(msg))
		return;
	char *text = xasprintf("krust: error: cannot %s %s: %s\n", msg[0] == START_CWD ? "enter" : "run",
			       msg[0] == START_CWD ? opts->cwd : argv[0], strerror(msg[1]));
	if (opts->err)
		sb_adds(opts->err, text);
	else
		fputs(text, stderr);
	free(text);
}

int run(const char *const *argv, const struct run_opts *opts)
{
	static const struct run_opts none;
	if (!opts)
		opts = &none;
	if (opts->verbose) {
		char *cmd = shell_quote_argv(argv);
		fprintf(stderr, "  %s\n", cmd);
		free(cmd);
	}
	/* built before fork: the child of a threaded process must not allocate */
	struct strvec env;
	child_env(opts->env, &env);
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, startp[2];
	if ((opts->out && pipe2(outp, O_CLOEXEC) != 0) || (opts->err && pipe2(errp, O_CLOEXEC) != 0) ||
	    pipe2(startp, O_CLOEXEC) != 0)
		fatal("pipe: %s", strerror(errno));
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		if (opts->out)
			dup2(outp[1], 1);
		if (opts->err)
			dup2(errp[1], 2);
		if (opts->cwd && chdir(opts->cwd) != 0)
			child_failed(startp[1], START_CWD);
		execvpe(argv[0], (char *const *)argv, env.v);
		child_failed(startp[1], START_EXEC);
	}
	sv_free(&env);
	close(startp[1]);
	if (opts->out)
		close(outp[1]);
	if (opts->err)
		close(errp[1]);
	drain(outp[0], opts->out, errp[0], opts->err);
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			fatal("waitpid: %s", strerror(errno));
	}
	report_start(startp[0], argv, opts);
	close(startp[0]);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}
