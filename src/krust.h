/*
 * krust.h: the one header shared by every stage of krust.
 *
 * Its sections follow the source folders:
 *   util.c           diagnostics, checked allocation, arenas, strings, files, processes
 *   cache.c          the cache: entries named by the hash of their inputs
 *   kernel/          find the target kernel, read its .config, derive C and rustc flags
 *   toolchain/       build and cache core, compiler_builtins and the kernel crate;
 *                    compile a module's .rs into a Kbuild object
 *   clang/ ir/ emit/ the bindings generator (see ir/ir.h for the IR itself)
 *   vm/              the QEMU runner and the initramfs writer
 *   cmd/             the commands, each driving the stages above
 *
 * Stages that need private declarations keep them in a header of their own folder.
 */
#ifndef KRUST_H
#define KRUST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---------------------------------------------------------------- util.c */

/*
 * Diagnostics. Every message goes to stderr as "krust: error: ..." or, with a
 * location, "file:line:col: error: ...". error() counts and returns so that the
 * caller can go on and report every problem at once; fatal() exits.
 * Repeated identical warnings are capped.
 */
struct srcloc {
	const char *file; /* NULL when the message has no location */
	unsigned line;     /* 0: the file as a whole */
	unsigned col;
};

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

void warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
void error(const char *fmt, ...) PRINTF_LIKE(1, 2);
_Noreturn void fatal(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warn_at(struct srcloc loc, const char *fmt, ...) PRINTF_LIKE(2, 3);
void error_at(struct srcloc loc, const char *fmt, ...) PRINTF_LIKE(2, 3);
_Noreturn void fatal_at(struct srcloc loc, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Number of error() and error_at() calls so far. */
unsigned error_count(void);
/* -q: suppress warnings (errors are always printed). */
void set_quiet(bool quiet);
/* --time-phases: phase_done() prints the wall time since the previous mark. */
void phase_timing(bool on);
void phase_done(const char *name);

/* Checked allocation: on failure, fatal() naming the expression that failed. */
#define xmalloc(n) xmalloc_((n), #n)
#define xcalloc(n, s) xcalloc_((n), (s), #n " * " #s)
#define xrealloc(p, n) xrealloc_((p), (n), #n)
void *xmalloc_(size_t n, const char *what);
void *xcalloc_(size_t n, size_t size, const char *what);
void *xrealloc_(void *p, size_t n, const char *what);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/*
 * An arena: many allocations, one free. Every stage that builds a data
 * structure for one run (a translation unit, a kernel description) allocates
 * from one arena and frees it once.
 */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n); /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* A growable string. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
char *sb_steal(struct strbuf *sb); /* caller frees; sb is reset */

/* A growable array of strings (argv-style, always NULL-terminated). */
struct strvec {
	char **v;
	size_t n;
	size_t cap;
};
void sv_init(struct strvec *sv);
void sv_free(struct strvec *sv); /* frees the strings too */
void sv_push(struct strvec *sv, const char *s); /* copies s */
void sv_pushf(struct strvec *sv, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sv_split(struct strvec *sv, const char *s); /* push each blank-separated word */
char *sv_join(const struct strvec *sv, const char *sep); /* caller frees */

bool str_starts(const char *s, const char *prefix);
bool str_ends(const char *s, const char *suffix);

/* Files. */
bool path_exists(const char *path);
bool is_dir(const char *path);
bool is_exec(const char *path);
/* Whole file into a NUL-terminated buffer; NULL (errno set) on failure. */
char *read_file(const char *path, size_t *len);
/* Write all of p to fd, retrying short writes; false (errno set) on failure. */
bool write_all(int fd, const char *p, size_t len);
/* Write atomically: to path.tmp.PID, then rename. false (errno set) on failure. */
bool write_file_atomic(const char *path, const void *data, size_t len);
/*
 * Make's dependency files. depfile_prereqs: the first rule's prerequisites
 * (rustc's dep-info, gcc's -MD) into out, continuation lines and escaped
 * spaces understood; false (errno set) when the file cannot be read.
 * sb_add_prereq: a blank, then path as a prerequisite (spaces escaped).
 */
bool depfile_prereqs(const char *path, struct strvec *out);
void sb_add_prereq(struct strbuf *sb, const char *path);
/* mkdir -p; false (errno set) on failure. */
bool mkdir_p(const char *path);
/* rm -rf; false on failure. */
bool remove_tree(const char *path);
/* Absolute, symlink-resolved path, or NULL. Caller frees. */
char *real_path(const char *path);
/* The running krust binary, whatever its name (/proc/self/exe), and its directory. */
const char *self_exe(void);
const char *self_dir(void);
/* The repository root: where rust/, kbuild/ and tests/ are ($KRUST_ROOT, else build/..). */
const char *krust_root(void);

/* FNV-1a 64-bit, for cache keys. */
uint64_t hash_bytes(uint64_t h, const void *p, size_t n);
uint64_t hash_str(uint64_t h, const char *s);
#define HASH_INIT 0xcbf29ce484222325ULL

/* The prefix of every C shim's symbol (bindgen's helpers): Rust links to it by name. */
#define HELPER_PREFIX "krust_helper_"

/*
 * Processes. run() executes argv (argv[0] looked up in PATH unless it holds a
 * '/') in the environment child_env() gives, and waits.
 * Returns the exit status, 128+signal when killed, or -1 when it cannot start.
 * With out != NULL, the child's stdout is collected there; stderr passes through
 * unless err != NULL.
 */
struct run_opts {
	const char *const *env;  /* "NAME=value" entries to add, NULL-terminated, or NULL */
	const char *cwd;         /* or NULL */
	struct strbuf *out;      /* capture stdout, or NULL */
	struct strbuf *err;      /* capture stderr, or NULL */
	bool verbose;            /* echo the command line to stderr first */
};
int run(const char *const *argv, const struct run_opts *opts);
/*
 * A child's environment: the few variables of ours that a compiler, make or
 * QEMU legitimately needs (see util.c; never MAKEFLAGS, KBUILD_*, M, O...),
 * then extra, which wins over them.
 */
void child_env(const char *const *extra, struct strvec *env);
/* Quote argv as a shell command line (for messages). Caller frees. */
char *shell_quote_argv(const char *const *argv);

/* --------------------------------------------------------------- cache.c */

/* $KRUST_CACHE (absolute, else fatal), else $XDG_CACHE_HOME/krust, else ~/.cache/krust. */
const char *cache_root(void);
/* Into h: a file's path and contents (a missing file hashes as missing). */
uint64_t hash_file(uint64_t h, const char *path);
/* Into h: an argument vector, word by word. */
uint64_t hash_argv(uint64_t h, const struct strvec *argv);
/* The running krust binary: the rules by which krust turns inputs into an entry. */
uint64_t hash_self(void);
/* A file of paths, one a line, appended to files; false when it cannot be read. */
bool read_list(const char *path, struct strvec *files);

/*
 * The name a build directory (tmpdir, given to build) is known by once in
 * place: the entry, or for cache_ensure_inputs the link that names it.
 * What the build writes that records paths (rustc's --remap-path-prefix)
 * uses it, so that no trace of the temporary name stays. Caller frees.
 */
char *cache_name_of_tmp(const char *tmpdir);
/* An entry's name (kind-KEY) without the cache's path. */
const char *cache_entry_name(const char *dir);
/* The entry kind-KEY; caller frees. */
char *cache_dir(const char *kind, uint64_t key);
/*
 * An entry whose inputs are known only once it is built: key hashes what is
 * known before, and build lists in tmpdir/inputs, one path a line, the
 * files it read. The entry is named by key and those files' contents, and
 * the link cache_dir(kind, key) names the latest. Returns the entry's
 * directory (caller frees), or NULL after an error.
 */
char *cache_ensure_inputs(const char *kind, uint64_t key,
			  bool (*build)(const char *tmpdir, void *ctx), void *ctx);

/* ------------------------------------------------------------- kernel/ */

/*
 * The target kernel: a build tree (objtree, where .config, Module.symvers and
 * include/generated live) and its source tree (srctree; for Debian's split
 * headers packages the -common directory).
 */
struct kernel {
	char *objtree;   /* absolute */
	char *srctree;   /* absolute */
	char *release;   /* "6.1.0-56-amd64", from include/config/kernel.release */
	char *image;     /* /boot/vmlinuz-RELEASE when installed, else NULL */
	char *config;    /* path of .config */
	char *arch;      /* "x86_64" */
	struct kconfig *kconfig;
};

/*
 * Find the kernel: explicit (--kernel or KDIR) when given, else the newest
 * Debian kernel under /lib/modules that has a build tree. Reports and returns
 * false when there is none.
 */
bool kernel_find(const char *explicit_kdir, struct kernel *k);
void kernel_free(struct kernel *k);
/* Every installed kernel build tree under /lib/modules, newest first (absolute paths). */
void kernel_list_installed(struct strvec *kdirs);
/* The error for a machine with no kernel build tree installed. */
void kernel_none_installed(void);
/* "--cfg=linux_ge_M_N" for each release M.N from 6.0 to the kernel's (kdir.c). */
void kernel_version_cfgs(const struct kernel *k, struct strvec *args);

/* .config */
struct kconfig;
struct kconfig *kconfig_read(const char *path);
void kconfig_free(struct kconfig *kc);
/* The value of CONFIG_NAME ("y", "m", a number, a string with its quotes), or NULL. */
const char *kconfig_get(const struct kconfig *kc, const char *name);
bool kconfig_enabled(const struct kconfig *kc, const char *name); /* y or m */
/* The names (without CONFIG_) of the options set to y or m that start with prefix, in order. */
void kconfig_set_with_prefix(const struct kconfig *kc, const char *prefix, struct strvec *names);

/*
 * What the kernel's Makefiles say about code generation: KBUILD_CFLAGS (with
 * KBUILD_CFLAGS_MODULE), how every module's C is compiled, and
 * KBUILD_RUSTFLAGS, how the kernel would compile its Rust (empty when its
 * Makefiles say nothing); one flag a string. Inside a module's build,
 * Kbuild hands them to krust rustc (kbuild/krust.mk); elsewhere a run of
 * Kbuild prints them (cflags.c, cached with the C flags).
 */
struct kbuild_codegen {
	struct strvec cflags, rustflags;
};
bool kbuild_codegen_probe(const struct kernel *k, struct kbuild_codegen *kb);
/* Each value split at blanks, as make splits a variable into words. */
void kbuild_codegen_from(struct kbuild_codegen *kb, const char *cflags, const char *rustflags);
void kbuild_codegen_free(struct kbuild_codegen *kb);

/*
 * Whether krust can build Rust for this kernel at all, from its .config
 * alone: x86_64, and none of the options krust refuses (kCFI, clang LTO, the
 * sanitizers, randomized structures). Otherwise one sentence on stderr
 * naming the option.
 */
bool kernel_supported(const struct kernel *k);

/*
 * The Rust target for this kernel (codegen.c): base_spec is rustc's own
 * specification of x86_64-unknown-none (--print target-spec-json); spec
 * receives it with the target features the kernel's mitigations need
 * (retpolines, SLS hardening), flags the rustc options that go with it:
 * the kernel's own from KBUILD_RUSTFLAGS where it gives them, krust's
 * derivation from the .config where it does not. Every code-generation
 * flag of KBUILD_CFLAGS and KBUILD_RUSTFLAGS must be one krust knows how
 * to match, and the two sources must agree; else one sentence on stderr
 * per flag, and false.
 */
bool kernel_rust_target(const struct kernel *k, const struct kbuild_codegen *kb, const char *base_spec,
			struct strbuf *spec, struct strvec *flags);
/* For krust config: each code-generation option of the kernel, and how it is matched. */
void kernel_codegen_report(const struct kernel *k, const struct kbuild_codegen *kb, FILE *out);

/*
 * The C flags the kernel's Kbuild passes to its compiler for a module, made
 * fit for clang (gcc-only flags dropped), in a canonical order. cc, when not
 * NULL or empty, is the command Kbuild compiles a module's C with
 * ($(CC) $(c_flags)) and gives them; else a run of Kbuild does (cached).
 * Flags of one object (KBUILD_MODNAME and the like) and the -I/-include
 * paths under the module's own directory (KBUILD_EXTMOD) are left out:
 * every module gets the same list. Its C shims keep them (they compile with cc).
 */
bool kernel_clang_flags(const struct kernel *k, const struct strvec *cc, struct strvec *flags);

/* ----------------------------------------------------------- toolchain/ */

/* The rustc and library sources krust uses, checked against each other. */
struct rust_toolchain {
	char *rustc;      /* /usr/bin/rustc unless KRUST_RUSTC is set */
	char *version;    /* "1.96.0" */
	char *verbose;    /* full `rustc -vV` output, part of cache keys */
	char *library;    /* /usr/src/rustc-VERSION/library */
};
bool toolchain_find(struct rust_toolchain *tc);
void toolchain_free(struct rust_toolchain *tc);
/* Environment entries every rustc invocation gets (RUSTC_BOOTSTRAP lives here). */
extern const char *const rustc_env[];

/* ------------------------------------------------------------- commands */

/*
 * Each subcommand (src/cmd/, and vm/qemu.c): argv[0] is the subcommand's
 * name. Returns the exit status.
 */
int cmd_config(int argc, char **argv);
int cmd_prepare(int argc, char **argv);
int cmd_rustc(int argc, char **argv);
int cmd_bindgen(int argc, char **argv);
int cmd_vm(int argc, char **argv);

#endif
