/*
 * cflags.c: the C flags Kbuild gives a module, made fit for clang.
 *
 * The flags come from Kbuild itself, two ways:
 *   - inside a module's build, `krust rustc` is handed the command Kbuild
 *     compiles the module's C with ($(CC) $(c_flags)), and the flags are
 *     taken from it: no nested make, which inside Kbuild would see the
 *     outer build's state;
 *   - elsewhere (krust prepare, krust bindgen --kernel) a throw-away
 *     external module's Kbuild file prints the variables c_flags is made
 *     of. Running make costs most of a second, so the result is cached,
 *     keyed on krust, the build tree, and the makefiles make read.
 * Both keep every config-dependent -D, -include and -I exactly as a real
 * module sees them, and both end in one canonical list (translate()), so
 * that the bindings built after either are one cache entry.
 *
 * The kernel is built with gcc, and clang rejects many of gcc's flags. Where
 * Rust-for-Linux lists the gcc flags to skip, we keep only what can change
 * what a header means: the preprocessor's view (-D, -U, -I, -include,
 * -nostdinc, -std) and the target's ABI (-m64, -mno-sse and the like,
 * -fshort-wchar, char signedness). Warnings, optimisation and code
 * generation flags cannot change a declaration, and a gcc flag added in
 * some later release cannot break the parse.
 */
#define _GNU_SOURCE
#include "krust.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char flags_marker[] = "KRUST-CLANG-FLAGS:";
static const char cflags_marker[] = "KRUST-KBUILD-CFLAGS:";
static const char rustflags_marker[] = "KRUST-KBUILD-RUSTFLAGS:";
static const char makefiles_marker[] = "KRUST-MAKEFILES:";

/*
 * The variables Kbuild's c_flags is made of, bar the per-object ones; the
 * kernel's code generation for C and for Rust, as kbuild/krust.mk hands
 * them to krust rustc; and the makefiles they come from: those this make
 * read, and the top-level and architecture makefiles its parent read (in
 * the build tree, where make -C runs it, and in the source tree).
 */
static const char kbuild_text[] =
	"$(info KRUST-CLANG-FLAGS: $(NOSTDINC_FLAGS) $(LINUXINCLUDE) $(KBUILD_CPPFLAGS) "
	"$(KBUILD_CFLAGS) $(KBUILD_CFLAGS_MODULE))\n"
	"$(info KRUST-KBUILD-CFLAGS: $(KBUILD_CFLAGS) $(KBUILD_CFLAGS_MODULE))\n"
	"$(info KRUST-KBUILD-RUSTFLAGS: $(KBUILD_RUSTFLAGS))\n"
	"$(info KRUST-MAKEFILES: $(abspath $(MAKEFILE_LIST) Makefile $(srctree)/Makefile "
	"$(wildcard $(srctree)/arch/$(SRCARCH)/Makefile* $(srctree)/scripts/Makefile.*)))\n"
	"obj-m :=\n";

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


/* Relative paths are relative to where the compiler runs: base. Caller frees. */
static char *abs_path(const char *path, const char *base)
{
	if (path[0] == '/')
		return xstrdup(path);
	return xasprintf("%s/%s", base, str_starts(path, "./") ? path + 2 : path);
}

/*
 * Flags Kbuild gives one object and not another: its name and its module's
 * (its dependency file goes in -Wp,-MMD, which is not kept anyway). The
 * bindings are the same for every module.
 */
static bool per_object(const char *f)
{
	return str_starts(f, "-DKBUILD_") || str_starts(f, "-D__KBUILD_");
}

/* Options whose value is the next word and that do not matter to a parse. */
static bool skips_next(const char *f)
{
	return !strcmp(f, "--param") || !strcmp(f, "-MF") || !strcmp(f, "-MT") || !strcmp(f, "-MQ");
}

/* krust includes compiler_types.h itself, in front of its sparse tags. */
static bool is_compiler_types(const char *path)
{
	return str_ends(path, "/include/linux/compiler_types.h");
}

/* The kept flags by kind; within a kind, in the command line's order. */
struct flag_kinds {
	struct strvec abi, defines, paths, includes;
	const char *const *module_dirs; /* paths under these are the module's own */
};

/*
 * A module's own headers (ccflags-y, CFLAGS_foo.o, and the -I $(src) that
 * later Kbuilds give every external module) are for its C, not for the
 * kernel's bindings: kept, each module would have bindings of its own.
 */
static bool modules_own(const struct flag_kinds *fk, const char *path)
{
	for (const char *const *d = fk->module_dirs; d && *d; d++) {
		size_t n = strlen(*d);
		if (!strncmp(path, *d, n) && (path[n] == '/' || !path[n]))
			return true;
	}
	return false;
}

/* A path option (-I as one word when opt is "-I", else opt and the path as two) into v. */
static void sort_path(struct flag_kinds *fk, struct strvec *v, const char *opt, const char *path,
		      const char *base)
{
	char *p = abs_path(path, base);
	if (!modules_own(fk, p)) {
		if (!strcmp(opt, "-I")) {
			sv_pushf(v, "-I%s", p);
		} else {
			sv_push(v, opt);
			sv_push(v, p);
		}
	}
	free(p);
}

/* One flag (value: the path of -include and the like, else NULL) into its kind. */
static void sort_flag(struct flag_kinds *fk, const char *f, const char *value, const char *base)
{
	if (value && (!strcmp(f, "-include") || !strcmp(f, "-imacros"))) {
		if (!is_compiler_types(value))
			sort_path(fk, &fk->includes, f, value, base);
	} else if (value) {
		sort_path(fk, &fk->paths, f, value, base);
	} else if (str_starts(f, "-I")) {
		sort_path(fk, &fk->paths, "-I", f + 2, base);
	} else if (str_starts(f, "-D") || str_starts(f, "-U")) {
		if (!per_object(f))
			sv_push(&fk->defines, f);
	} else if (keep_flag(f)) {
		sv_push(&fk->abi, f);
	}
}

static void append(struct strvec *out, struct strvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		sv_push(out, v->v[i]);
	sv_free(v);
}

/*
 * The canonical list: ABI flags, -D/-U, search paths, forced includes, each
 * kind in its own order. clang applies the -D/-U in order, then the forced
 * includes in order, and searches the paths in order, however the kinds
 * interleave; so the list means what the command line meant, and Kbuild's
 * c_flags and the probe's variables, which interleave differently, give
 * the same list.
 */
static void translate(const struct strvec *in, const char *base, const char *const *module_dirs,
		      struct strvec *out)
{
	struct flag_kinds fk = { .module_dirs = module_dirs };
	sv_init(&fk.abi);
	sv_init(&fk.defines);
	sv_init(&fk.paths);
	sv_init(&fk.includes);
	for (size_t i = 0; i < in->n; i++) {
		const char *f = in->v[i];
		bool last = i + 1 == in->n;
		if (takes_path(f) && !last) {
			sort_flag(&fk, f, in->v[i + 1], base);
			i++;
		} else if ((!strcmp(f, "-I") || !strcmp(f, "-D") || !strcmp(f, "-U")) && !last) {
			char *joined = xasprintf("%s%s", f, in->v[++i]);
			sort_flag(&fk, joined, NULL, base);
			free(joined);
		} else if (skips_next(f)) {
			i++;
		} else {
			sort_flag(&fk, f, NULL, base);
		}
	}
	/* the kernel's own switch for parsers that are not its compiler */
	sv_push(&fk.defines, "-D__BINDGEN__");
	append(out, &fk.abi);
	append(out, &fk.defines);
	append(out, &fk.paths);
	append(out, &fk.includes);
}

/* What follows a marker in make's output, to the end of its line; NULL if absent. */
static char *marked_line(const char *out, const char *marker)
{
	const char *line = strstr(out, marker);
	if (!line)
		return NULL;
	line += strlen(marker);
	return xstrndup(line, strcspn(line, "\n"));
}

static bool write_text(const char *tmpdir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	bool ok = write_file_atomic(path, text, strlen(text));
	if (!ok)
		error("%s: cannot write: %s", path, strerror(errno));
	free(path);
	return ok;
}

/* A make variable's words, one a line (none for an empty one). */
static bool write_words(const char *tmpdir, const char *name, const char *value)
{
	struct strvec words;
	sv_init(&words);
	sv_split(&words, value);
	char *joined = sv_join(&words, "\n");
	bool ok = write_text(tmpdir, name, joined);
	free(joined);
	sv_free(&words);
	return ok;
}

/* The entry's inputs: the .config and what make read, bar the probe's own files. */
static bool write_inputs(const char *tmpdir, const char *probe, const char *makefiles,
			 const struct kernel *k)
{
	struct strvec files;
	sv_init(&files);
	sv_split(&files, makefiles);
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s\n", k->config);
	for (size_t i = 0; i < files.n; i++)
		if (!str_starts(files.v[i], probe))
			sb_printf(&sb, "%s\n", files.v[i]);
	bool ok = write_text(tmpdir, "inputs", sb.buf);
	sb_free(&sb);
	sv_free(&files);
	return ok;
}

/*
 * Kbuild's documented knobs that change c_flags (or KBUILD_RUSTFLAGS) when
 * set in the environment of a module's build: the probe's make gets them too (as
 * arguments, which no makefile overrides), so that krust prepare and a
 * module's build agree, and they are part of the probe's key. CC is not
 * among them: the kernel's Makefile sets it, and only `make CC=` on the
 * command line, which krust rustc receives after --, changes it.
 */
static const char *const kbuild_knobs[] = { "KCFLAGS", "KCPPFLAGS", "KRUSTFLAGS", "LLVM" };
#define NKNOBS (sizeof(kbuild_knobs) / sizeof(kbuild_knobs[0]))

/* "NAME=value" for each knob set: make's arguments, and the key's words. */
static void push_knobs(struct strvec *v)
{
	for (size_t i = 0; i < NKNOBS; i++) {
		const char *value = getenv(kbuild_knobs[i]);
		if (value && *value)
			sv_pushf(v, "%s=%s", kbuild_knobs[i], value);
	}
}

/*
 * Run the throw-away module in probe; make's exit status. Kbuild cannot
 * build an M= whose path holds a blank, which the cache's may: the probe
 * lives in a temporary directory of its own.
 */
static int run_probe(const struct kernel *k, const char *probe, struct strbuf *out, struct strbuf *err)
{
	struct strvec argv;
	sv_init(&argv);
	sv_push(&argv, "make");
	sv_push(&argv, "-s");
	sv_push(&argv, "-C");
	sv_push(&argv, k->objtree);
	sv_pushf(&argv, "M=%s", probe);
	push_knobs(&argv);
	sv_push(&argv, "modules");
	int rc = run((const char *const *)argv.v, &(struct run_opts){ .out = out, .err = err });
	sv_free(&argv);
	return rc;
}

/* The cache's builder: run Kbuild, keep in tmpdir the translated flags and what make read. */
static bool query_kbuild(const char *tmpdir, void *ctx)
{
	const struct kernel *k = ctx;
	const char *tmp = getenv("TMPDIR");
	char *probe = xasprintf("%s/krust-probe-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
	if (!mkdtemp(probe)) {
		error("%s: cannot create: %s", probe, strerror(errno));
		free(probe);
		return false;
	}
	struct strbuf out, err;
	sb_init(&out);
	sb_init(&err);
	int rc = write_text(probe, "Kbuild", kbuild_text) ? run_probe(k, probe, &out, &err) : -2;
	char *text = marked_line(out.buf, flags_marker);
	char *cflags = marked_line(out.buf, cflags_marker);
	char *rustflags = marked_line(out.buf, rustflags_marker);
	char *makefiles = marked_line(out.buf, makefiles_marker);
	bool ok = rc == 0 && text && cflags && rustflags && makefiles;
	if (rc == -2) {
		/* write_text said why */
	} else if (!ok) {
		error("cannot get the C flags from Kbuild in %s (make exited with %d): %s",
		      k->objtree, rc, err.len ? err.buf : "no output");
	} else {
		struct strvec raw, flags;
		sv_init(&raw);
		sv_init(&flags);
		sv_split(&raw, text);
		translate(&raw, k->objtree, NULL, &flags); /* make -C ran it in the build tree */
		char *joined = sv_join(&flags, "\n");
		ok = write_text(tmpdir, "flags", joined) && write_words(tmpdir, "kbuild-cflags", cflags) &&
		     write_words(tmpdir, "kbuild-rustflags", rustflags) && write_inputs(tmpdir, probe, makefiles, k);
		free(joined);
		sv_free(&raw);
		sv_free(&flags);
	}
	remove_tree(probe);
	free(probe);
	free(text);
	free(cflags);
	free(rustflags);
	free(makefiles);
	sb_free(&out);
	sb_free(&err);
	return ok;
}

/* The probe's cache entry (caller frees), from the cache or from a run of Kbuild. */
static char *probe_entry(const struct kernel *k)
{
	struct strvec knobs;
	sv_init(&knobs);
	push_knobs(&knobs);
	uint64_t key = hash_argv(hash_str(hash_self(), k->objtree), &knobs);
	sv_free(&knobs);
	return cache_ensure_inputs("clang-flags", key, query_kbuild, (void *)k);
}

/* One of the entry's lists, one word a line: a path in one may hold a blank. */
static bool read_entry_list(const char *dir, const char *name, struct strvec *words)
{
	char *path = xasprintf("%s/%s", dir, name);
	bool ok = read_list(path, words);
	if (!ok)
		error("%s: cannot read: %s", path, strerror(errno));
	free(path);
	return ok;
}

static bool probe_flags(const struct kernel *k, struct strvec *flags)
{
	char *dir = probe_entry(k);
	bool ok = dir && read_entry_list(dir, "flags", flags);
	free(dir);
	return ok;
}

bool kbuild_codegen_probe(const struct kernel *k, struct kbuild_codegen *kb)
{
	sv_init(&kb->cflags);
	sv_init(&kb->rustflags);
	char *dir = probe_entry(k);
	bool ok = dir && read_entry_list(dir, "kbuild-cflags", &kb->cflags) &&
		  read_entry_list(dir, "kbuild-rustflags", &kb->rustflags);
	free(dir);
	if (!ok)
		kbuild_codegen_free(kb);
	return ok;
}

void kbuild_codegen_from(struct kbuild_codegen *kb, const char *cflags, const char *rustflags)
{
	sv_init(&kb->cflags);
	sv_init(&kb->rustflags);
	sv_split(&kb->cflags, cflags);
	sv_split(&kb->rustflags, rustflags);
}

void kbuild_codegen_free(struct kbuild_codegen *kb)
{
	sv_free(&kb->cflags);
	sv_free(&kb->rustflags);
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

/* Whether a compile command is one for the kernel: Kbuild's always defines __KERNEL__. */
static bool kernel_command(const struct strvec *cc)
{
	for (size_t i = 1; i < cc->n; i++)
		if (!strcmp(cc->v[i], "-D__KERNEL__"))
			return true;
	return false;
}

bool kernel_clang_flags(const struct kernel *k, const struct strvec *cc, struct strvec *flags)
{
	if (cc && cc->n && !kernel_command(cc)) {
		error("'%s ...' after '--' is no kernel compile command (it lacks -D__KERNEL__): "
		      "give Kbuild's $(CC) $(c_flags) there, as kbuild/krust.mk does", cc->v[0]);
		return false;
	}
	if (cc && cc->n) {
		/* after the compiler's name; its relative paths are relative to where it runs, here */
		struct strvec in;
		sv_init(&in);
		for (size_t i = 1; i < cc->n; i++)
			sv_push(&in, cc->v[i]);
		char *cwd = getcwd(NULL, 0);
		if (!cwd)
			fatal("getcwd: %s", strerror(errno));
		/* the external module Kbuild builds (M=), as given and resolved */
		const char *extmod = getenv("KBUILD_EXTMOD");
		char *given = extmod && *extmod ? abs_path(extmod, cwd) : NULL;
		char *resolved = given ? real_path(given) : NULL;
		const char *dirs[] = { given, resolved, NULL };
		translate(&in, cwd, dirs, flags);
		free(given);
		free(resolved);
		free(cwd);
		sv_free(&in);
	} else if (!probe_flags(k, flags)) {
		return false;
	}
	push_sparse_tags(k, flags);
	return true;
}
