/*
 * helpers.c: the C shims a module uses, compiled into it on demand.
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
 * Compile C source to obj with the kernel's own command, minus its
 * dependency-file options; with dep, the headers read are listed there.
 */
static bool compile_c(const struct strvec *cc, const char *src, const char *c_file, const char *obj,
		      const char *dep)
{
	if (!write_file_atomic(c_file, src, strlen(src))) {
		error("cannot write %s: %s", c_file, strerror(errno));
		return false;
	}
	struct strvec argv;
	sv_init(&argv);
	for (size_t i = 0; i < cc->n; i++) {
		bool takes_next;
		if (depfile_option(cc->v[i], &takes_next))
			i += takes_next;
		else
			sv_push(&argv, cc->v[i]);
	}
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
	if (!ok)
		error("compiling the helpers %s failed", c_file);
	sv_free(&argv);
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

/* The headers of gcc's dependency file, bar the shims' own file, each after a blank. */
static bool add_shim_deps(const char *dep, const char *c_file, struct strbuf *deps)
{
	struct strvec words;
	sv_init(&words);
	bool ok = depfile_prereqs(dep, &words);
	if (!ok)
		error("%s: the compiler wrote no dependency file: %s", dep, strerror(errno));
	for (size_t i = 0; i < words.n; i++)
		if (strcmp(words.v[i], c_file))
			sb_add_prereq(deps, words.v[i]);
	sv_free(&words);
	return ok;
}

bool helpers_link(const struct helper_build *hb, const char *obj, const char *out)
{
	struct strvec undef, defs, used;
	sv_init(&undef);
	sv_init(&defs);
	sv_init(&used);
	bool ok = elf_symbols(obj, &undef, &defs);
	for (size_t i = 0; ok && i < undef.n; i++)
		if (str_starts(undef.v[i], HELPER_PREFIX))
			sv_push(&used, undef.v[i]);
	char *c_file = xasprintf("%s.helpers.c", hb->tmp), *o_file = xasprintf("%s.helpers.o", hb->tmp);
	char *d_file = xasprintf("%s.helpers.d", hb->tmp);
	struct shims sh = { 0 };
	struct strvec exports, missing;
	sv_init(&exports);
	sv_init(&missing);
	if (ok && used.n && !hb->cc->n) {
		error("the module calls helpers (%s...) but no C compiler was given after '--': "
		      "build it through Kbuild, or only check it with --check", used.v[0]);
		ok = false;
	}
	char *src = ok && used.n && shims_read(hb->shims, hb->index, &sh) ? shims_source(&sh, &used) : NULL;
	ok = ok && (!used.n || (src && compile_c(hb->cc, src, c_file, o_file, d_file) &&
				(!hb->deps || add_shim_deps(d_file, c_file, hb->deps))));
	if (ok && used.n && read_exports(hb->objtree, &exports)) {
		unresolved(o_file, &defs, &exports, &missing);
		if (missing.n) {
			blame(hb, &sh, &used, &defs, &exports);
			ok = false;
		}
	}
	if (ok && used.n) {
		const char *ld[] = { hb->ld, "-m", "elf_x86_64", "-r", "-o", out, obj, o_file, NULL };
		struct run_opts ro = { .verbose = getenv("KRUST_VERBOSE") != NULL };
		ok = run(ld, &ro) == 0;
		if (!ok)
			error("linking the helpers into %s failed", out);
	} else if (ok && rename(obj, out) != 0) {
		error("cannot write %s: %s", out, strerror(errno));
		ok = false;
	}
	if (!getenv("KRUST_KEEP_HELPERS"))
		unlink(c_file);
	unlink(o_file);
	unlink(d_file);
	free(d_file);
	free(src);
	shims_free(&sh);
	free(c_file);
	free(o_file);
	sv_free(&exports);
	sv_free(&missing);
	sv_free(&undef);
	sv_free(&defs);
	sv_free(&used);
	return ok;
}
