/*
 * toolchain.h: the toolchain stage's private interface: the Rust target for a
 * kernel, the cache, and the crates built into it.
 */
#ifndef KRUST_TOOLCHAIN_H
#define KRUST_TOOLCHAIN_H

#include "krust.h"

/* The target specification's file name (without .json); rustc names the target after it. */
#define TARGET_NAME "x86_64-linux-kernel"

/* How to generate code for one kernel configuration. */
struct rust_target {
	struct strbuf spec;  /* target specification (JSON) */
	struct strvec flags; /* rustc codegen flags that go with it */
	char *core_dir;      /* cache directory of core and compiler_builtins for them */
};
bool rust_target_init(struct rust_target *t, const struct kernel *k, const struct rust_toolchain *tc);
void rust_target_free(struct rust_target *t);
/* Build core and compiler_builtins into t->core_dir unless they are there. */
bool core_ensure(const struct rust_target *t, const struct rust_toolchain *tc);
/* --target, codegen flags, --sysroot and -L for code that links against t's core. */
void push_codegen_args(struct strvec *args, const struct rust_target *t);

/* The cache: $KRUST_CACHE, else $XDG_CACHE_HOME/krust, else ~/.cache/krust. */
const char *cache_root(void);
char *cache_dir(const char *kind, uint64_t key); /* caller frees */
bool cache_ensure(const char *dir, bool (*build)(const char *tmpdir, void *ctx), void *ctx);

/*
 * Run tc's rustc with args (and rustc_env plus env, NULL-terminated or NULL).
 * With err != NULL, rustc's stderr is collected there.
 */
int run_rustc(const struct rust_toolchain *tc, const struct strvec *args, const char *const *env,
	      struct strbuf *err);

/* The crates every module links against: bindings and kernel, for one kernel. */
struct kernel_crates {
	char *dir;      /* cache directory holding libkernel.rlib and its dependencies */
	char *depfiles; /* the sources they were built from, as a make prerequisite list */
};
bool kernel_crates_ensure(const struct kernel *k, const struct rust_toolchain *tc,
			  const struct rust_target *t, struct kernel_crates *kc);
void kernel_crates_free(struct kernel_crates *kc);

/* The C shims a module's object calls (helpers.c), compiled into it. */
struct helper_build {
	const struct strvec *cc; /* the kernel's C compile command, $(CC) $(c_flags) */
	const char *shims;       /* all the kernel's shims: helpers.c of the kernel crates */
	const char *objtree;     /* where Module.symvers is */
	const char *release;     /* for messages */
	const char *ld;
	const char *tmp;         /* prefix of intermediate files */
};
/* obj plus the shims it calls, as out (obj itself when it calls none). */
bool helpers_link(const struct helper_build *hb, const char *obj, const char *out);

/* The repository root: where rust/, kbuild/ and tests/ are ($KRUST_ROOT, else build/..). */
const char *krust_root(void);

#endif
