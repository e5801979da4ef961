/*
 * toolchain.c: Debian's rustc and its library sources, and the cache of
 * crates built from them.
 *
 * Kernel code cannot use a prebuilt standard library: core must be compiled
 * with the kernel's code model and mitigations. krust builds core and
 * compiler_builtins from the rust-web-src package with the rustc-web compiler,
 * and the two must be the same release, so both are checked before anything
 * is built.
 *
 * Both go into a cache entry (cache.c) named by the exact rustc commands
 * that build them, the target specification and the library sources
 * rustc read.
 */
#define _GNU_SOURCE
#include "toolchain.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* The one place where rustc's unstable features are unlocked. */
const char *const rustc_env[] = { "RUSTC_BOOTSTRAP=1", NULL };

static const char default_rustc[] = "/usr/bin/rustc";

/* "release: 1.96.0" in `rustc -vV`. */
static char *release_of(const char *verbose)
{
	const char *p = strstr(verbose, "\nrelease: ");
	if (!p)
		return NULL;
	p += strlen("\nrelease: ");
	return xstrndup(p, strcspn(p, "\n"));
}

/*
 * The release a library tree belongs to: Debian installs it as
 * /usr/src/rustc-VERSION/library.
 */
static char *library_release(const char *library)
{
	char *real = real_path(library);
	if (!real)
		return NULL;
	char *release = NULL;
	char *slash = strrchr(real, '/');
	if (slash && !strcmp(slash, "/library")) {
		*slash = '\0';
		const char *base = strrchr(real, '/');
		base = base ? base + 1 : real;
		if (str_starts(base, "rustc-"))
			release = xstrdup(base + strlen("rustc-"));
	}
	free(real);
	return release;
}

bool toolchain_find(struct rust_toolchain *tc)
{
	memset(tc, 0, sizeof(*tc));
	const char *rustc = getenv("KRUST_RUSTC");
	tc->rustc = xstrdup(rustc && *rustc ? rustc : default_rustc);
	if (!is_exec(tc->rustc)) {
		error("Debian's rustc (%s) is not installed: install it with 'apt-get install rustc-web', "
		      "or set KRUST_RUSTC",
		      tc->rustc);
		toolchain_free(tc);
		return false;
	}
	struct strbuf out;
	sb_init(&out);
	const char *argv[] = { tc->rustc, "-vV", NULL };
	struct run_opts ro = { .out = &out };
	if (run(argv, &ro) != 0 || !(tc->version = release_of(out.buf))) {
		error("'%s -vV' failed; is KRUST_RUSTC a rustc?", tc->rustc);
		sb_free(&out);
		toolchain_free(tc);
		return false;
	}
	tc->verbose = sb_steal(&out);

	const char *src = getenv("KRUST_RUST_SRC");
	tc->library = src && *src ? xstrdup(src) : xasprintf("/usr/src/rustc-%s/library", tc->version);
	char *core = xasprintf("%s/core/src/lib.rs", tc->library);
	bool have_core = path_exists(core);
	free(core);
	if (!have_core) {
		error("the Rust library sources for rustc %s are missing (no %s/core): install them with "
		      "'apt-get install rust-web-src', or set KRUST_RUST_SRC",
		      tc->version, tc->library);
		toolchain_free(tc);
		return false;
	}
	char *release = library_release(tc->library);
	if (release && strcmp(release, tc->version) != 0) {
		error("%s is rustc %s but the library sources in %s are for %s: install the rustc-web and "
		      "rust-web-src of one release, or set KRUST_RUSTC and KRUST_RUST_SRC to a matching pair",
		      tc->rustc, tc->version, tc->library, release);
		free(release);
		toolchain_free(tc);
		return false;
	}
	free(release);
	return true;
}

void toolchain_free(struct rust_toolchain *tc)
{
	free(tc->rustc);
	free(tc->version);
	free(tc->verbose);
	free(tc->library);
	memset(tc, 0, sizeof(*tc));
}

/* ----------------------------------------------------------- rustc itself */

int run_rustc(const struct rust_toolchain *tc, const struct strvec *args, const char *const *env,
	      struct strbuf *err)
{
	struct strvec argv, envv;
	sv_init(&argv);
	sv_init(&envv);
	sv_push(&argv, tc->rustc);
	for (size_t i = 0; i < args->n; i++)
		sv_push(&argv, args->v[i]);
	for (size_t i = 0; rustc_env[i]; i++)
		sv_push(&envv, rustc_env[i]);
	for (size_t i = 0; env && env[i]; i++)
		sv_push(&envv, env[i]);
	struct run_opts ro = { .env = (const char *const *)envv.v, .err = err,
			       .verbose = getenv("KRUST_VERBOSE") != NULL };
	int rc = run((const char *const *)argv.v, &ro);
	sv_free(&argv);
	sv_free(&envv);
	return rc;
}

/* ------------------------------------------------------ core and builtins */

struct core_build {
	const struct rust_toolchain *tc;
	const struct rust_target *target;
};

static void push_target_args(struct strvec *args, const struct rust_target *t, const char *dir)
{
	sv_pushf(args, "--target=%s/%s.json", dir, TARGET_NAME);
	for (size_t i = 0; i < t->flags.n; i++)
		sv_push(args, t->flags.v[i]);
}

/*
 * compiler_builtins normally gets its cfgs from a Cargo build script; these
 * are the ones it sets for an x86_64 target without the "mem" feature (the
 * kernel provides memcpy and friends).
 */
static const char *const builtins_cfgs[] = {
	"feature=\"compiler-builtins\"", "feature=\"unstable-intrinsics\"", "feature=\"mem-unaligned\"",
	"intrinsics_enabled", "arch_enabled", "optimizations_enabled", "f16_enabled", "f128_enabled",
};
static const char *const builtins_env[] = {
	"CFG_CARGO_FEATURES=[\"compiler-builtins\"]", "CFG_OPT_LEVEL=2",
	"CFG_TARGET_FEATURES=[]", NULL,
};

/* rustc's arguments for core, built into dir. */
static void core_args(struct strvec *args, const struct core_build *cb, const char *dir)
{
	push_target_args(args, cb->target, dir);
	sv_split(args, "--edition=2024 --crate-type=rlib --crate-name=core -Copt-level=2 "
		       "-Ccodegen-units=1 -Cembed-bitcode=yes -Cdebug-assertions=n -Coverflow-checks=n "
		       "--cap-lints=allow --emit=link,dep-info");
	sv_pushf(args, "--out-dir=%s", dir);
	sv_pushf(args, "%s/core/src/lib.rs", cb->tc->library);
}

/* rustc's arguments for compiler_builtins (its environment is builtins_env). */
static void builtins_args(struct strvec *args, const struct core_build *cb, const char *dir)
{
	push_target_args(args, cb->target, dir);
	sv_split(args, "--edition=2024 --crate-type=rlib --crate-name=compiler_builtins -Copt-level=2 "
		       "-Ccodegen-units=10000 -Cembed-bitcode=no -Cdebug-assertions=n -Coverflow-checks=n "
		       "--cap-lints=allow --sysroot=/dev/null --emit=link,dep-info");
	for (size_t i = 0; i < sizeof(builtins_cfgs) / sizeof(builtins_cfgs[0]); i++) {
		sv_push(args, "--cfg");
		sv_push(args, builtins_cfgs[i]);
	}
	sv_pushf(args, "-L%s", dir);
	sv_pushf(args, "--out-dir=%s", dir);
	sv_pushf(args, "%s/compiler-builtins/compiler-builtins/src/lib.rs", cb->tc->library);
}

bool depinfo_inputs(const char *depfile, const char *tmpdir, struct strbuf *list)
{
	struct strvec files;
	sv_init(&files);
	if (!depfile_prereqs(depfile, &files)) {
		error("rustc wrote no dependency file %s", depfile);
		return false;
	}
	/* the first rule's prerequisites: every source rustc read */
	for (size_t i = 0; i < files.n; i++)
		if (!str_starts(files.v[i], tmpdir)) /* what the entry holds is no input */
			sb_printf(list, "%s\n", files.v[i]);
	sv_free(&files);
	return true;
}

/* Both crates' sources, from rustc's dep-info, as the entry's inputs. */
static bool write_core_inputs(const char *tmp)
{
	struct strbuf list;
	sb_init(&list);
	char *core = xasprintf("%s/core.d", tmp), *builtins = xasprintf("%s/compiler_builtins.d", tmp);
	char *path = xasprintf("%s/inputs", tmp);
	bool ok = depinfo_inputs(core, tmp, &list) && depinfo_inputs(builtins, tmp, &list);
	if (ok && !write_file_atomic(path, list.buf, list.len)) {
		error("%s: cannot write: %s", path, strerror(errno));
		ok = false;
	}
	free(core);
	free(builtins);
	free(path);
	sb_free(&list);
	return ok;
}

static bool build_core(const char *tmp, void *ctx)
{
	const struct core_build *cb = ctx;
	char *json = xasprintf("%s/%s.json", tmp, TARGET_NAME);
	bool ok = write_file_atomic(json, cb->target->spec.buf, cb->target->spec.len);
	free(json);
	if (!ok) {
		error("cannot write the target specification in %s: %s", tmp, strerror(errno));
		return false;
	}
	fprintf(stderr, "  RUST    core (rustc %s, once per kernel configuration)\n", cb->tc->version);
	struct strvec args;
	sv_init(&args);
	core_args(&args, cb, tmp);
	ok = run_rustc(cb->tc, &args, NULL, NULL) == 0;
	sv_free(&args);
	if (!ok) {
		error("building core from %s failed", cb->tc->library);
		return false;
	}

	fprintf(stderr, "  RUST    compiler_builtins\n");
	sv_init(&args);
	builtins_args(&args, cb, tmp);
	ok = run_rustc(cb->tc, &args, builtins_env, NULL) == 0;
	sv_free(&args);
	if (!ok)
		error("building compiler_builtins from %s failed", cb->tc->library);
	return ok && write_core_inputs(tmp);
}

/*
 * What core's entry is known by before it is built: the compiler, the
 * target specification, and the exact commands (with the entry's directory
 * left out, as it is not known yet). The library sources rustc reads are
 * the entry's inputs.
 */
static uint64_t core_key(const struct core_build *cb)
{
	struct strvec args;
	sv_init(&args);
	core_args(&args, cb, "");
	builtins_args(&args, cb, "");
	for (size_t i = 0; rustc_env[i]; i++)
		sv_push(&args, rustc_env[i]);
	for (size_t i = 0; builtins_env[i]; i++)
		sv_push(&args, builtins_env[i]);
	uint64_t h = hash_str(HASH_INIT, cb->tc->verbose);
	h = hash_str(h, cb->tc->rustc);
	h = hash_str(h, cb->target->spec.buf);
	h = hash_argv(h, &args);
	sv_free(&args);
	return h;
}

/* rustc's own target specification, the base krust adapts to the kernel. */
static char *base_target_spec(const struct rust_toolchain *tc)
{
	struct strbuf out;
	sb_init(&out);
	const char *argv[] = { tc->rustc, "-Zunstable-options", "--print=target-spec-json",
			       "--target=x86_64-unknown-none", NULL };
	struct run_opts ro = { .env = rustc_env, .out = &out };
	if (run(argv, &ro) != 0) {
		error("%s does not know the x86_64-unknown-none target", tc->rustc);
		sb_free(&out);
		return NULL;
	}
	return sb_steal(&out);
}

bool rust_target_init(struct rust_target *t, const struct kernel *k, const struct kbuild_codegen *kb,
		      const struct rust_toolchain *tc)
{
	memset(t, 0, sizeof(*t));
	sb_init(&t->spec);
	sv_init(&t->flags);
	char *base = base_target_spec(tc);
	bool ok = base && kernel_rust_target(k, kb, base, &t->spec, &t->flags);
	free(base);
	if (!ok) {
		rust_target_free(t);
		return false;
	}
	t->core_key = core_key(&(struct core_build){ tc, t });
	return true;
}

void rust_target_free(struct rust_target *t)
{
	sb_free(&t->spec);
	sv_free(&t->flags);
	free(t->core_dir);
	memset(t, 0, sizeof(*t));
}

char *core_link(const struct rust_target *t)
{
	return cache_dir("core", t->core_key);
}

bool core_ensure(struct rust_target *t, const struct rust_toolchain *tc)
{
	if (t->core_dir)
		return true;
	struct core_build cb = { tc, t };
	t->core_dir = cache_ensure_inputs("core", t->core_key, build_core, &cb);
	return t->core_dir != NULL;
}

void push_codegen_args(struct strvec *args, const struct rust_target *t)
{
	push_target_args(args, t, t->core_dir);
	sv_push(args, "--sysroot=/dev/null");
	sv_pushf(args, "-L%s", t->core_dir);
}
