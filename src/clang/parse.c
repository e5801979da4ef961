/*
 * parse.c: check the headers, run clang on them, report what it says.
 *
 * Like bindgen, the last header is the main file and the others are
 * -include'd before it, so that each keeps its own name in diagnostics and
 * in --allowlist-file. Function bodies are skipped (nothing in them becomes
 * a binding) and the detailed preprocessing record is kept for the macros.
 *
 * A header that clang would accept but that cannot be meant (empty, binary)
 * is refused here with a location, as is every error clang reports.
 */
#include "clang/clang.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Empty and binary files are not headers; say where the problem is. */
static bool check_header(const char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		error_at((struct srcloc){ path, 0, 0 }, "cannot read the header: %s", strerror(errno));
		return false;
	}
	bool ok = true;
	size_t blank = strspn(text, " \t\r\n\f\v");
	if (blank == len) {
		error_at((struct srcloc){ path, 1, 1 }, "empty header: nothing to translate");
		ok = false;
	}
	char *nul = memchr(text, '\0', len);
	if (ok && nul) {
		unsigned line = 1, col = 1;
		for (const char *p = text; p < nul; p++, col++)
			if (*p == '\n')
				line++, col = 0;
		error_at((struct srcloc){ path, line, col }, "binary file: NUL byte is not C source");
		ok = false;
	}
	free(text);
	return ok;
}

static char *location_file(CXSourceLocation loc, unsigned *line, unsigned *col)
{
	CXFile f;
	clang_getSpellingLocation(loc, &f, line, col, NULL);
	if (!f)
		return NULL;
	CXString s = clang_getFileName(f);
	char *name = xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return name;
}

/* Whether a diagnostic is about consts.c's declarations, not the user's code. */
static bool in_consts_file(CXDiagnostic d, const char *consts)
{
	CXFile f;
	clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, NULL);
	if (!f)
		return false;
	CXString s = clang_getFileName(f);
	bool ours = !strcmp(clang_getCString(s), consts);
	clang_disposeString(s);
	return ours;
}

/* Report clang's errors as ours; warnings are clang's business, not ours. */
static unsigned report_diagnostics(CXTranslationUnit tu, const char *consts)
{
	unsigned errors = 0, n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error && !in_consts_file(d, consts)) {
			unsigned line, col;
			char *file = location_file(clang_getDiagnosticLocation(d), &line, &col);
			CXString msg = clang_getDiagnosticSpelling(d);
			if (file)
				error_at((struct srcloc){ file, line, col }, "%s", clang_getCString(msg));
			else
				error("clang: %s", clang_getCString(msg));
			clang_disposeString(msg);
			free(file);
			errors++;
		}
		clang_disposeDiagnostic(d);
	}
	return errors;
}

static void note_inclusion(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData data)
{
	(void)stack;
	char **dir = data;
	CXString s = clang_getFileName(f);
	const char *name = clang_getCString(s);
	if (n == 1 && !*dir && str_ends(name, "/stddef.h"))
		*dir = xstrndup(name, strlen(name) - strlen("/stddef.h"));
	clang_disposeString(s);
}

/* Every file the parse read goes into the IR's file table (krust bindgen --deps). */
static void note_input(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData data)
{
	(void)stack;
	(void)n;
	CXString s = clang_getFileName(f);
	ir_file_index(data, clang_getCString(s));
	clang_disposeString(s);
}

/*
 * With -nostdinc (the kernel's flags) clang loses its own headers too; find
 * them where this libclang looks for them by itself, by asking it to
 * include one.
 */
static char *resource_include_dir(CXIndex index)
{
	static const char probe[] = "#include <stddef.h>\n";
	struct CXUnsavedFile u = { "krust-probe.c", probe, sizeof(probe) - 1 };
	CXTranslationUnit tu;
	char *dir = NULL;
	if (clang_parseTranslationUnit2(index, u.Filename, NULL, 0, &u, 1, 0, &tu) != CXError_Success)
		return NULL;
	clang_getInclusions(tu, note_inclusion, &dir);
	clang_disposeTranslationUnit(tu);
	return dir;
}

static void build_args(CXIndex index, const struct strvec *headers, const struct strvec *args,
		       struct strvec *argv)
{
	sv_push(argv, "-xc");
	bool nostdinc = false;
	for (size_t i = 0; i < args->n; i++) {
		sv_push(argv, args->v[i]);
		nostdinc |= !strcmp(args->v[i], "-nostdinc");
	}
	if (nostdinc) {
		char *dir = resource_include_dir(index);
		if (dir) {
			sv_push(argv, "-isystem");
			sv_push(argv, dir);
		}
		free(dir);
	}
	for (size_t i = 0; i + 1 < headers->n; i++) {
		sv_push(argv, "-include");
		sv_push(argv, headers->v[i]);
	}
}

/* The main header with the appendix after it, as one unsaved file: its own lines keep their numbers. */
static char *main_with_appendix(const char *path, const char *appendix)
{
	char *text = read_file(path, NULL);
	if (!text)
		return NULL;
	char *joined = xasprintf("%s\n%s", text, appendix);
	free(text);
	return joined;
}

bool clang_parse_headers(struct ir *ir, const struct strvec *headers, const struct strvec *args,
			 const char *appendix)
{
	bool ok = true;
	for (size_t i = 0; i < headers->n; i++)
		ok &= check_header(headers->v[i]);
	if (!ok)
		return false;

	CXIndex index = clang_createIndex(0, 0);
	struct strvec argv;
	sv_init(&argv);
	build_args(index, headers, args, &argv);
	CXTranslationUnit tu;
	unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
			 CXTranslationUnit_SkipFunctionBodies;
	const char *main_file = headers->v[headers->n - 1];
	/* the macro constants come last, after every macro is defined; errors
	 * in them must not stop clang before the end */
	struct consts_job *consts = consts_start((const char *const *)argv.v, (int)argv.n, main_file);
	if (!consts) {
		sv_free(&argv);
		clang_disposeIndex(index);
		return false;
	}
	sv_push(&argv, "-ferror-limit=0");
	char *tail = xasprintf("%s\n#include \"%s\"\n", appendix ? appendix : "", consts_path(consts));
	char *text = main_with_appendix(main_file, tail);
	free(tail);
	struct CXUnsavedFile unsaved = { main_file, text, text ? strlen(text) : 0 };
	enum CXErrorCode rc = clang_parseTranslationUnit2(index, main_file,
		(const char *const *)argv.v, (int)argv.n, &unsaved, text != NULL, flags, &tu);
	sv_free(&argv);
	phase_done("parse");
	if (rc != CXError_Success) {
		error("%s: clang cannot parse it (libclang error %d)", main_file, rc);
		consts_finish(consts, ir);
		free(text);
		clang_disposeIndex(index);
		return false;
	}
	ok = report_diagnostics(tu, consts_path(consts)) == 0;
	consts_join(consts, ok);
	phase_done("diagnostics");
	if (ok) {
		struct macro_names *names = clang_macro_names_new(ir, tu, consts);
		clang_walk(ir, tu, consts, names);
		phase_done("walk");
		clang_infer_macros(names);
		phase_done("inference");
	}
	if (ok) {
		consts_evaluate(ir, tu);
		clang_getInclusions(tu, note_input, ir);
	}
	consts_finish(consts, ir);
	phase_done("constants");
	clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	phase_done("dispose");
	free(text);
	return ok;
}
