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
	uint64_t core_key;   /* what the cache entry of core and compiler_builtins is known by */
	char *core_dir;      /* that entry, once core_ensure found or built it */
};
bool rust_target_init(struct rust_target *t, const struct kernel *k, const struct kbuild_codegen *kb,
		      const struct rust_toolchain *tc);
void rust_target_free(struct rust_target *t);
/* Build core and compiler_builtins into the cache unless they are there; sets t->core_dir. */
bool core_ensure(struct rust_target *t, const struct rust_toolchain *tc);
/* The cache's link to the latest core entry for t (caller frees), built or not. */
char *core_link(const struct rust_target *t);
/* The sources rustc's dep-info file lists, bar those under tmpdir, one a line into list. */
bool depinfo_inputs(const char *depfile, const char *tmpdir, struct strbuf *list);
/* --target, codegen flags, --sysroot and -L for code that links against t's core. */
void push_codegen_args(struct strvec *args, const struct rust_target *t);

/*
 * Run tc's rustc with args (and rustc_env plus env, NULL-terminated or NULL).
 * With err != NULL, rustc's stderr is collected there.
 */
int run_rustc(const struct rust_toolchain *tc, const struct strvec *args, const char *const *env,
	      struct strbuf *err);

/* The crates every module links against: bindings and kernel, for one kernel. */
struct kernel_crates {
	char *dir;      /* cache directory holding libkernel.rlib and its dependencies */
	char *depfiles; /* every input of them and of core, as a make prerequisite list */
};
bool kernel_crates_ensure(const struct kernel *k, const struct rust_toolchain *tc,
			  const struct rust_target *t, const struct strvec *clang_flags,
			  struct kernel_crates *kc);
void kernel_crates_free(struct kernel_crates *kc);

/* The C shims and glue a module's object calls (helpers.c), compiled into it. */
struct helper_build {
	const struct strvec *cc; /* the kernel's C compile command, $(CC) $(c_flags) */
	const char *shims;       /* all the kernel's shims: helpers.c of the kernel crates */
	const char *index;       /* where each lies in it: helpers.index beside it */
	const char *objtree;     /* where Module.symvers is */
	const char *release;     /* for messages */
	const char *ld;
	const char *tmp;         /* prefix of intermediate files */
	struct strbuf *deps;     /* receives the files the shims and glue read, each after a blank */
};
/* obj plus the shims and glue it calls, as out (obj itself when it calls none). */
bool helpers_link(const struct helper_build *hb, const char *obj, const char *out);

/* C glue (glue.c): rust/glue/NAME.c defines the krust_glue_NAME_* functions. */
#define GLUE_DIR "rust/glue"
#define GLUE_PREFIX "krust_glue_"
/* The glue sources defining the krust_glue_* symbols among undef, each once, into files. */
bool glue_sources(const struct strvec *undef, struct strvec *files);

/* A module's .rs compiled and linked into one object for Kbuild (module.c). */
struct module_build {
	const struct kernel *k;
	const struct rust_toolchain *tc;
	const struct rust_target *t;
	const struct kernel_crates *kc;
	const char *src, *out;     /* FILE.rs, OUT.o */
	const char *dep;           /* a make dependency file to write, or NULL */
	const char *ld, *objcopy;
	bool lto;
	bool check;                /* compile only: no shims, no link, no OUT.o */
	const struct strvec *cc;   /* the kernel's C compile command, for the shims */
};
bool module_compile(const struct module_build *mb);

#endif
