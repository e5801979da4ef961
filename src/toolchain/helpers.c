/*
 * helpers.c: the C shims and glue a module uses, compiled into it on demand.
 *
 * `krust bindgen` writes one shim per static inline function and listed
 * macro of the kernel's headers (helpers.c in the kernel crate's cache),
 * and an index of where each lies in the file (helpers.index). A module
 * references a few of them, as undefined krust_helper_* symbols of its
 * linked object. Only those are cut out of the file, compiled by the
 * command Kbuild compiles C with ($(CC) $(c_flags): the kernel's gcc and
 * flags, so inline asm and BUILD_BUG_ON behave as in C) and linked in.
 *
 * A shim may need a symbol the kernel does not export to modules, or one
 * its configuration leaves out. modpost would name only the symbol; here
 * each such shim is compiled alone to say which helper needs which symbol.
 *
 * The C glue the module references (krust_glue_* symbols; glue.c says
 * which source defines them) is compiled by the same command, each source
 * as it lies in the tree, with warnings made errors, and linked in with
 * the shims. Both add the files they read to the module's depfile.
 */
#define _GNU_SOURCE
#include "toolchain.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------- ELF */

/* The global symbols of a relocatable object: undefined ones and defined ones. */
static bool elf_symbols(const char *path, struct strvec *undef, struct strvec *defined)
{
	size_t len;
	char *data = read_file(path, &len);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)data;
	if (!data || len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > len) {
		error("%s: not a 64-bit ELF object", path);
		free(data);
		return false;
	}
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(data + eh->e_shoff);
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		const Elf64_Sym *sym = (const Elf64_Sym *)(data + sh[i].sh_offset);
		const char *names = data + sh[sh[i].sh_link].sh_offset;
		for (size_t j = 0; j < sh[i].sh_size / sizeof(*sym); j++) {
			const char *name = names + sym[j].st_name;
			if (!*name || ELF64_ST_BIND(sym[j].st_info) == STB_LOCAL)
				continue;
			sv_push(sym[j].st_shndx == SHN_UNDEF ? undef : defined, name);
		}
	}
	free(data);
	return true;
}

static bool sv_has(const struct strvec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return true;
	return false;
}

/* ---------------------------------------------------------------- exports */

/* The symbols the kernel exports to modules: the second column of Module.symvers. */
static bool read_exports(const char *objtree, struct strvec *exports)
{
	char *path = xasprintf("%s/Module.symvers", objtree);
	char *text = read_file(path, NULL);
	if (!text)
		error("%s: cannot read: %s", path, strerror(errno));
	for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
		char *name = strchr(line, '\t');
		if (name) {
			name[1 + strcspn(name + 1, "\t")] = '\0';
			sv_push(exports, name + 1);
		}
	}
	free(text);
	free(path);
	return text != NULL;
}

/* ---------------------------------------------------------------- shims */

/*
 * The shims file and its index (emit/helpers.c): the byte range of the
 * preamble, and of each shim by the symbol it defines.
 */
struct shim {
	char *symbol;
	size_t offset, length;
};

struct shims {
	char *text;
	size_t len;
	struct shim preamble;
	struct shim *v;
	size_t n;
};

static void shims_free(struct shims *sh)
{
	for (size_t i = 0; i < sh->n; i++)
		free(sh->v[i].symbol);
	free(sh->v);
	free(sh->text);
	memset(sh, 0, sizeof(*sh));
}

/* "OFFSET LENGTH" and nothing after, into s. */
static bool index_range(const char *text, struct shim *s)
{
	int end = -1;
	return sscanf(text, " %zu %zu%n", &s->offset, &s->length, &end) == 2 && !text[end];
}

/*
 * One index line into sh; false when it is malformed, points outside the
 * file, or is a second preamble. A symbol may be of any length.
 */
static bool index_line(struct shims *sh, const char *line, bool *have_preamble)
{
	struct shim s = { 0 };
	bool ok;
	if (str_starts(line, "shim ")) {
		const char *name = line + strlen("shim ");
		size_t n = strcspn(name, " ");
		s.symbol = xstrndup(name, n);
		ok = n && index_range(name + n, &s);
	} else {
		ok = str_starts(line, "preamble ") && !*have_preamble &&
		     index_range(line + strlen("preamble"), &s);
	}
	if (!ok || s.offset > sh->len || s.length > sh->len - s.offset) {
		free(s.symbol);
		return false;
	}
	if (!s.symbol) {
		sh->preamble = s;
		*have_preamble = true;
	} else {
		sh->v = xrealloc(sh->v, (sh->n + 1) * sizeof(*sh->v));
		sh->v[sh->n++] = s;
	}
	return true;
}

static bool shims_read(const char *path, const char *index_path, struct shims *sh)
{
	memset(sh, 0, sizeof(*sh));
	sh->text = read_file(path, &sh->len);
	char *index = sh->text ? read_file(index_path, NULL) : NULL;
	if (!index) {
		error("%s: cannot read: %s", sh->text ? index_path : path, strerror(errno));
		shims_free(sh);
		return false;
	}
	unsigned lineno = 0;
	bool ok = true, have_preamble = false;
	for (char *line = strtok(index, "\n"); ok && line; line = strtok(NULL, "\n")) {
		lineno++;
		if (!index_line(sh, line, &have_preamble)) {
			error_at((struct srcloc){ index_path, lineno, 0 }, "not a line of a helper index");
			ok = false;
		}
	}
	if (ok && !have_preamble) {
		/* without it, the shims would be compiled without their #includes */
		error_at((struct srcloc){ index_path, 0, 0 }, "a helper index without its preamble line");
		ok = false;
	}
	free(index);
	if (!ok)
		shims_free(sh);
	return ok;
}

/* The shim defining symbol, or NULL. */
static const struct shim *shim_of(const struct shims *sh, const char *symbol)
{
	for (size_t i = 0; i < sh->n; i++)
		if (!strcmp(sh->v[i].symbol, symbol))
			return &sh->v[i];
	return NULL;
}

/* The C of the preamble and the given shims; NULL (after an error) when one is missing. */
static char *shims_source(const struct shims *sh, const struct strvec *symbols)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_addn(&sb, sh->text + sh->preamble.offset, sh->preamble.length);
	for (size_t i = 0; i < symbols->n; i++) {
		const struct shim *shim = shim_of(sh, symbols->v[i]);
		if (!shim) {
			error("the module calls %s, which is no helper of this kernel", symbols->v[i]);
			sb_free(&sb);
			return NULL;
		}
		sb_addc(&sb, '\n');
		sb_addn(&sb, sh->text + shim->offset, shim->length);
	}
	return sb.buf;
}

/* Kbuild's dependency-file options: the module's depfile is krust's to write. */
static bool depfile_option(const char *f, bool *takes_next)
{
	*takes_next = !strcmp(f, "-MF") || !strcmp(f, "-MT") || !strcmp(f, "-MQ");
	return *takes_next || str_starts(f, "-Wp,-MD,") || str_starts(f, "-Wp,-MMD,") ||
	       !strcmp(f, "-MD") || !strcmp(f, "-MMD") || !strcmp(f, "-MP");
}

/*
 * Compile c_file to obj with the kernel's own command, minus its
 * dependency-file options, plus extra (NULL-terminated, or NULL); with dep,
 * the files read are listed there.
 */
static bool compile_c_file(const struct strvec *cc, const char *const *extra, const char *c_file,
			   const char *obj, const char *dep)
{
	struct strvec argv;
	sv_init(&argv);
	for (size_t i = 0; i < cc->n; i++) {
		bool takes_next;
		if (depfile_option(cc->v[i], &takes_next))
			i += takes_next;
		else
			sv_push(&argv, cc->v[i]);
	}
	for (; extra && *extra; extra++)
		sv_push(&argv, *extra);
	if (dep) {
		sv_push(&argv, "-MD");
		sv_push(&argv, "-MF");
		sv_push(&argv, dep);
	}
	sv_split(&argv, "-c -o");
	sv_push(&argv, obj);
	sv_push(&argv, c_file);
	struct run_opts ro = { .verbose = getenv("KRUST_VERBOSE") != NULL };
	bool ok = run((const char *const *)argv.v, &ro) == 0;
	sv_free(&argv);
	return ok;
}

/* The shims' C source written to c_file and compiled to obj. */
static bool compile_c(const struct strvec *cc, const char *src, const char *c_file, const char *obj,
		      const char *dep)
{
	if (!write_file_atomic(c_file, src, strlen(src))) {
		error("cannot write %s: %s", c_file, strerror(errno));
		return false;
	}
	bool ok = compile_c_file(cc, NULL, c_file, obj, dep);
	if (!ok)
		error("compiling the helpers %s failed", c_file);
	return ok;
}

/* What obj needs that neither the module nor the kernel's exports provide. */
static void unresolved(const char *obj, const struct strvec *module_defs, const struct strvec *exports,
		       struct strvec *missing)
{
	struct strvec undef, defs;
	sv_init(&undef);
	sv_init(&defs);
	if (elf_symbols(obj, &undef, &defs))
		for (size_t i = 0; i < undef.n; i++)
			if (!sv_has(module_defs, undef.v[i]) && !sv_has(exports, undef.v[i]) &&
			    strcmp(undef.v[i], "__this_module")) /* modpost's .mod.c defines it */
				sv_push(missing, undef.v[i]);
	sv_free(&undef);
	sv_free(&defs);
}

/* Each shim alone: one sentence per helper that needs what the kernel does not export. */
static void blame(const struct helper_build *hb, const struct shims *sh, const struct strvec *used,
		  const struct strvec *module_defs, const struct strvec *exports)
{
	for (size_t i = 0; i < used->n; i++) {
		struct strvec one, missing;
		sv_init(&one);
		sv_init(&missing);
		sv_push(&one, used->v[i]);
		char *src = shims_source(sh, &one);
		char *c_file = xasprintf("%s.one.c", hb->tmp), *o_file = xasprintf("%s.one.o", hb->tmp);
		if (src && compile_c(hb->cc, src, c_file, o_file, NULL))
			unresolved(o_file, module_defs, exports, &missing);
		for (size_t j = 0; j < missing.n; j++)
			error("helper %s needs %s, which kernel %s does not export to modules "
			      "(or its configuration leaves out)", used->v[i] + strlen(HELPER_PREFIX),
			      missing.v[j], hb->release);
		unlink(c_file);
		unlink(o_file);
		free(c_file);
		free(o_file);
		free(src);
		sv_free(&one);
		sv_free(&missing);
	}
}

/* The files of gcc's dependency file, bar skip (or NULL), each after a blank. */
static bool add_c_deps(const char *dep, const char *skip, struct strbuf *deps)
{
	struct strvec words;
	sv_init(&words);
	bool ok = depfile_prereqs(dep, &words);
	if (!ok)
		error("%s: the compiler wrote no dependency file: %s", dep, strerror(errno));
	for (size_t i = 0; i < words.n; i++)
		if (!skip || strcmp(words.v[i], skip))
			sb_add_prereq(deps, words.v[i]);
	sv_free(&words);
	return ok;
}

/* The shims obj calls, compiled to o_file; false after an error. */
static bool shims_compile(const struct helper_build *hb, const struct strvec *used, struct shims *sh,
			  const char *c_file, const char *o_file, const char *d_file)
{
	char *src = shims_read(hb->shims, hb->index, sh) ? shims_source(sh, used) : NULL;
	bool ok = src && compile_c(hb->cc, src, c_file, o_file, d_file) &&
		  (!hb->deps || add_c_deps(d_file, c_file, hb->deps));
	free(src);
	return ok;
}

/*
 * The glue sources, each compiled to its object in objs: warnings are
 * errors, and each must define the glue symbols of obj it is chosen for.
 */
static bool glue_compile(const struct helper_build *hb, const struct strvec *files,
			 const struct strvec *undef, struct strvec *objs)
{
	static const char *const strict[] = { "-Werror", NULL };
	struct strvec defined, ignored;
	sv_init(&defined);
	sv_init(&ignored);
	bool ok = true;
	for (size_t i = 0; ok && i < files->n; i++) {
		char *o_file = xasprintf("%s.glue%zu.o", hb->tmp, i), *d_file = xasprintf("%s.glue%zu.d", hb->tmp, i);
		sv_push(objs, o_file);
		ok = compile_c_file(hb->cc, strict, files->v[i], o_file, d_file);
		if (!ok)
			error("compiling the glue %s failed", files->v[i]);
		ok = ok && (!hb->deps || add_c_deps(d_file, NULL, hb->deps)) &&
		     elf_symbols(o_file, &ignored, &defined);
		unlink(d_file);
		free(o_file);
		free(d_file);
	}
	for (size_t i = 0; ok && i < undef->n; i++)
		if (str_starts(undef->v[i], GLUE_PREFIX) && !sv_has(&defined, undef->v[i])) {
			error("the module calls %s, which its glue source does not define", undef->v[i]);
			ok = false;
		}
	sv_free(&defined);
	sv_free(&ignored);
	return ok;
}

/* One sentence per symbol a glue object needs that the kernel does not export. */
static bool glue_exports(const struct helper_build *hb, const struct strvec *files, const struct strvec *objs,
			 const struct strvec *module_defs, const struct strvec *exports)
{
	bool ok = true;
	for (size_t i = 0; i < objs->n; i++) {
		struct strvec missing;
		sv_init(&missing);
		unresolved(objs->v[i], module_defs, exports, &missing);
		for (size_t j = 0; j < missing.n; j++)
			error("the glue %s needs %s, which kernel %s does not export to modules "
			      "(or its configuration leaves out)", files->v[i], missing.v[j], hb->release);
		ok = ok && !missing.n;
		sv_free(&missing);
	}
	return ok;
}

/* ld -r of obj, the shims' object (when any) and the glue objects into out. */
static bool link_all(const struct helper_build *hb, const char *obj, const char *shims_o,
		     const struct strvec *glue_objs, const char *out)
{
	struct strvec ld;
	sv_init(&ld);
	sv_push(&ld, hb->ld);
	sv_split(&ld, "-m elf_x86_64 -r -o");
	sv_push(&ld, out);
	sv_push(&ld, obj);
	if (shims_o)
		sv_push(&ld, shims_o);
	for (size_t i = 0; i < glue_objs->n; i++)
		sv_push(&ld, glue_objs->v[i]);
	struct run_opts ro = { .verbose = getenv("KRUST_VERBOSE") != NULL };
	bool ok = run((const char *const *)ld.v, &ro) == 0;
	if (!ok)
		error("linking the helpers into %s failed", out);
	sv_free(&ld);
	return ok;
}

bool helpers_link(const struct helper_build *hb, const char *obj, const char *out)
{
	struct strvec undef, defs, used, glue, glue_objs, exports, missing;
	sv_init(&undef);
	sv_init(&defs);
	sv_init(&used);
	sv_init(&glue);
	sv_init(&glue_objs);
	sv_init(&exports);
	sv_init(&missing);
	bool ok = elf_symbols(obj, &undef, &defs);
	for (size_t i = 0; ok && i < undef.n; i++)
		if (str_starts(undef.v[i], HELPER_PREFIX))
			sv_push(&used, undef.v[i]);
	ok = ok && glue_sources(&undef, &glue);
	char *c_file = xasprintf("%s.helpers.c", hb->tmp), *o_file = xasprintf("%s.helpers.o", hb->tmp);
	char *d_file = xasprintf("%s.helpers.d", hb->tmp);
	struct shims sh = { 0 };
	bool any = used.n || glue.n;
	if (ok && any && !hb->cc->n) {
		error("the module calls %s (%s...) but no C compiler was given after '--': "
		      "build it through Kbuild, or only check it with --check",
		      used.n ? "helpers" : "C glue", used.n ? used.v[0] : glue.v[0]);
		ok = false;
	}
	ok = ok && (!used.n || shims_compile(hb, &used, &sh, c_file, o_file, d_file)) &&
	     (!glue.n || glue_compile(hb, &glue, &undef, &glue_objs));
	if (ok && any && read_exports(hb->objtree, &exports)) {
		if (used.n) {
			unresolved(o_file, &defs, &exports, &missing);
			if (missing.n) {
				blame(hb, &sh, &used, &defs, &exports);
				ok = false;
			}
		}
		ok = glue_exports(hb, &glue, &glue_objs, &defs, &exports) && ok;
	} else if (ok && any) {
		ok = false; /* read_exports said why */
	}
	if (ok && any) {
		ok = link_all(hb, obj, used.n ? o_file : NULL, &glue_objs, out);
	} else if (ok && rename(obj, out) != 0) {
		error("cannot write %s: %s", out, strerror(errno));
		ok = false;
	}
	if (!getenv("KRUST_KEEP_HELPERS"))
		unlink(c_file);
	unlink(o_file);
	unlink(d_file);
	for (size_t i = 0; i < glue_objs.n; i++)
		unlink(glue_objs.v[i]);
	free(d_file);
	shims_free(&sh);
	free(c_file);
	free(o_file);
	sv_free(&exports);
	sv_free(&missing);
	sv_free(&undef);
	sv_free(&defs);
	sv_free(&used);
	sv_free(&glue);
	sv_free(&glue_objs);
	return ok;
}
