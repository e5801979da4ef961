/*
 * cflags.c: the C flags Kbuild gives a module, made fit for clang.
 *
 * The flags come from Kbuild itself: a throw-away external module whose
 * Kbuild file prints the variables Kbuild compiles a module's C with. That
 * keeps every config-dependent -D, -include and -I exactly as a real module
 * sees them. Running make costs most of a second, so the result is cached,
 * keyed on the build tree, its .config and the rules below.
 *
 * The kernel is built with gcc, and clang rejects many of gcc's flags. Where
 * Rust-for-Linux lists the gcc flags to skip, we keep only what can change
 * what a header means: the preprocessor's view (-D, -U, -I, -include,
 * -nostdinc, -std) and the target's ABI (-m64, -mno-sse and the like,
 * -fshort-wchar, char signedness). Warnings, optimisation and code
 * generation flags cannot change a declaration, and a gcc flag added in
 * some later release cannot break the parse.
 */
#include "krust.h"
#include "toolchain/toolchain.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Bump when the rules below change, so that cached flags are redone. */
enum { RULES_VERSION = 1 };

static const char marker[] = "KRUST-CLANG-FLAGS:";

static const char kbuild_text[] =
	"$(info KRUST-CLANG-FLAGS: $(NOSTDINC_FLAGS) $(KBUILD_CPPFLAGS) $(KBUILD_CFLAGS) "
	"$(KBUILD_CFLAGS_MODULE) $(LINUXINCLUDE))\n"
	"obj-m :=\n";

/* Options that take the next word as their (path) value. */
static bool takes_path(const char *f)
{
	return !strcmp(f, "-include") || !strcmp(f, "-isystem") || !strcmp(f, "-idirafter") ||
	       !strcmp(f, "-iquote") || !strcmp(f, "-imacros");
}

static bool keep_flag(const char *f)
{
	static const char *const exact[] = {
		"-nostdinc", "-m64", "-m32", "-mno-sse", "-mno-mmx", "-mno-sse2", "-mno-3dnow",
		"-mno-avx", "-mno-80387", "-msoft-float", "-mno-red-zone", "-fshort-wchar",
		"-funsigned-char", "-fsigned-char", "-fms-extensions",
	};
	static const char *const prefix[] = { "-D", "-U", "-I", "-std=", "-mcmodel=" };
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (!strcmp(f, exact[i]))
			return true;
	for (size_t i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++)
		if (str_starts(f, prefix[i]))
			return true;
	return false;
}

/* Kbuild runs in the build tree; its relative paths are relative to it. */
static void push_path(struct strvec *out, const char *opt, const char *path, const char *objtree)
{
	if (path[0] == '/')
		sv_pushf(out, "%s%s", opt, path);
	else
		sv_pushf(out, "%s%s/%s", opt, objtree, str_starts(path, "./") ? path + 2 : path);
}

static void translate(const struct strvec *in, const char *objtree, struct strvec *out)
{
	for (size_t i = 0; i < in->n; i++) {
		const char *f = in->v[i];
		if (takes_path(f) && i + 1 < in->n) {
			sv_push(out, f);
			push_path(out, "", in->v[++i], objtree);
		} else if (str_starts(f, "-I")) {
			push_path(out, "-I", f + 2, objtree);
		} else if (keep_flag(f)) {
			sv_push(out, f);
		} else if (!strcmp(f, "--param") && i + 1 < in->n) {
			i++;
		}
	}
	/* the kernel's own switch for parsers that are not its compiler */
	sv_push(out, "-D__BINDGEN__");
}

struct query {
	const struct kernel *k;
};

/* cache_ensure's builder: run Kbuild in tmpdir, keep the translated flags. */
static bool query_kbuild(const char *tmpdir, void *ctx)
{
	const struct kernel *k = ((struct query *)ctx)->k;
	char *kbuild = xasprintf("%s/Kbuild", tmpdir);
	bool ok = write_file_atomic(kbuild, kbuild_text, sizeof(kbuild_text) - 1);
	free(kbuild);
	if (!ok) {
		error("%s: cannot write a Kbuild file: %s", tmpdir, strerror(errno));
		return false;
	}
	char *m = xasprintf("M=%s", tmpdir);
	const char *argv[] = { "make", "-s", "-C", k->objtree, m, "modules", NULL };
	struct strbuf out, err;
	sb_init(&out);
	sb_init(&err);
	int rc = run(argv, &(struct run_opts){ .out = &out, .err = &err });
	free(m);
	const char *line = out.buf ? strstr(out.buf, marker) : NULL;
	if (rc != 0 || !line) {
		error("cannot get the C flags from Kbuild in %s (make exited with %d): %s",
		      k->objtree, rc, err.len ? err.buf : "no output");
	} else {
		struct strvec raw, flags;
		sv_init(&raw);
		sv_init(&flags);
		char *text = xstrndup(line + strlen(marker), strcspn(line, "\n") - strlen(marker));
		sv_split(&raw, text);
		translate(&raw, k->objtree, &flags);
		char *joined = sv_join(&flags, "\n");
		char *path = xasprintf("%s/flags", tmpdir);
		ok = write_file_atomic(path, joined, strlen(joined));
		if (!ok)
			error("%s: cannot write: %s", path, strerror(errno));
		free(path);
		free(joined);
		free(text);
		sv_free(&raw);
		sv_free(&flags);
	}
	sb_free(&out);
	sb_free(&err);
	return ok && rc == 0 && line;
}

static uint64_t cache_key(const struct kernel *k)
{
	size_t len;
	char *config = read_file(k->config, &len);
	uint64_t h = hash_str(HASH_INIT, k->objtree);
	h = hash_bytes(h, &(int){ RULES_VERSION }, sizeof(int));
	if (config)
		h = hash_bytes(h, config, len);
	free(config);
	return h;
}

/*
 * The sparse annotations as type tags: compiler_types.h first, as Kbuild
 * includes it in every C file, then krust's redefinitions of its words.
 */
static void push_sparse_tags(const struct kernel *k, struct strvec *flags)
{
	sv_push(flags, "-include");
	sv_pushf(flags, "%s/include/linux/compiler_types.h", k->srctree);
	sv_push(flags, "-include");
	sv_pushf(flags, "%s/src/kernel/sparse-tags.h", krust_root());
}

bool kernel_clang_flags(const struct kernel *k, struct strvec *flags)
{
	char *dir = cache_dir("clang-flags", cache_key(k));
	bool ok = cache_ensure(dir, query_kbuild, &(struct query){ k });
	if (ok) {
		char *path = xasprintf("%s/flags", dir);
		char *text = read_file(path, NULL);
		if (text) {
			sv_split(flags, text);
			push_sparse_tags(k, flags);
		} else
			error("%s: cannot read: %s", path, strerror(errno));
		ok = text != NULL;
		free(text);
		free(path);
	}
	free(dir);
	return ok;
}
