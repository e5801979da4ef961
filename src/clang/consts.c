/*
 * consts.c: object-like macros as clang evaluates them, with the type C
 * gives them.
 *
 * ir/macro.c reads a macro's tokens, as bindgen does, and stops at casts,
 * sizeof and function-like macros: GFP_KERNEL, PAGE_SIZE, BIT(3),
 * (acpi_status) 0x0000. For those, clang itself is asked, in the same parse
 * as the headers (a second parse of the kernel would double the time):
 *
 *   1. `clang -E -dM` lists every macro in force at the end of the headers,
 *      and each is split into tokens (ir/lex.c);
 *   2. the main file ends by including a header holding, for each
 *      object-like macro that can be an expression and that is more than
 *      integer arithmetic on literals and such macros (which the tokens
 *      give),
 *          static const __auto_type krust_m_NAME = (NAME);
 *      clang gives each the type C gives the expression;
 *   3. after the parse, each such declaration is evaluated with
 *      clang_Cursor_Evaluate, and the value and type go to the macro's item.
 *
 * The preprocessor run costs a third of a parse, and clang needs its result
 * only at the end of the main file. So steps 1 and 2 run on a thread while
 * libclang parses the headers, and the header of step 2 is a FIFO: clang
 * blocks on it until the thread has written every declaration and closed
 * it. What clang reads does not depend on the timing, only when. The tokens
 * of step 1 serve the walk and the inference too (consts_macro_tokens),
 * which would otherwise ask libclang to tokenize every definition again.
 *
 * The driver is KRUST_CLANG, else the clang of this libclang's version.
 * When it cannot run, the walk and the inference fall back on libclang's
 * tokens and nothing is evaluated by clang: a warning says so, since the
 * constants of step 3 are then missing from the output.
 *
 * Most declarations of the virtual header do not compile (a macro that
 * names a type, a function call, an attribute); its diagnostics are not the
 * user's and are dropped. A macro whose expansion could unbalance the
 * declarations around it (braces, semicolons, unbalanced parentheses) is
 * left out, so that every other declaration still parses.
 */
#define _GNU_SOURCE /* mkdtemp, O_CLOEXEC */
#include "clang/clang.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREFIX "krust_m_"

/* One #define line of clang -E -dM: NAME, then "(" for a function-like one. */
struct define {
	const char *name;
	size_t len;
	const char *body;
	bool function_like;
	enum { UNKNOWN, VISITING, SAFE, UNSAFE } state;
	enum { UNSEEN, CHECKING, SIMPLE, NOT_SIMPLE } simple;
	struct ir_token *tokens; /* the body's; a function-like one's from its name */
	uint32_t ntokens;
};

struct defines {
	struct define *v;
	size_t n;
	struct map names; /* name (in the text, not NUL-terminated) -> struct define */
	bool known;       /* the preprocessor run gave them */
};

static struct define *define_of(const struct defines *d, const char *name, size_t len)
{
	return map_get(&d->names, map_key(name, len));
}

struct consts_job {
	struct strvec args;
	char *main_file, *dir, *path;
	char *driver;        /* the clang driver, chosen before the thread starts */
	pthread_t thread;
	atomic_bool done;
	bool joined;
	/* the thread's, read by others once it is joined */
	int status;          /* the driver's: 0, its exit status, or -1 when it cannot run */
	char *why;           /* the first line it wrote to stderr when it failed */
	char *text;          /* clang -E -dM's output, split in place */
	struct defines defines;
	struct arena *arena; /* the tokens */
};

/* Split -dM output in place into its definitions and index them by name. */
static void read_defines(char *text, struct defines *d)
{
	size_t cap = 0;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (!strncmp(line, "#define ", 8)) {
			char *name = line + 8, *p = name;
			while (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
				p++;
			if (d->n == cap) {
				cap = cap ? 2 * cap : 4096;
				d->v = xrealloc(d->v, cap * sizeof(*d->v));
			}
			struct define *x = &d->v[d->n++];
			*x = (struct define){ .name = name, .len = (size_t)(p - name), .body = p, .function_like = *p == '(' };
			if (x->function_like)
				x->body = strchr(p, ')') ? strchr(p, ')') + 1 : p + strlen(p);
		}
		line = nl;
	}
	/* a name defined twice (-D, then the header) keeps its last line, as clang does */
	map_init(&d->names, d->n);
	for (size_t i = 0; i < d->n; i++)
		*map_put(&d->names, map_key(d->v[i].name, d->v[i].len)) = &d->v[i];
	d->known = true;
}

static bool define_safe(struct defines *d, struct define *x);

/*
 * Whether a body, and every macro it names, keeps braces, brackets and
 * parentheses balanced and holds no braces or semicolons. Literals are
 * skipped; a macro naming itself is not expanded again, so it is fine.
 */
static bool body_safe(struct defines *d, const char *p)
{
	int depth = 0;
	while (*p) {
		char c = *p;
		if (c == '"' || c == '\'') {
			for (p++; *p && *p != c; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				return false;
			p++;
		} else if (isalpha((unsigned char)c) || c == '_' || c == '$') {
			const char *s = p;
			while (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
				p++;
			struct define *x = define_of(d, s, (size_t)(p - s));
			if (x && !define_safe(d, x))
				return false;
		} else {
			if (c == '{' || c == '}' || c == ';')
				return false;
			depth += (c == '(' || c == '[') - (c == ')' || c == ']');
			if (depth < 0)
				return false;
			p++;
		}
	}
	return depth == 0;
}

static bool define_safe(struct defines *d, struct define *x)
{
	if (x->state == UNKNOWN) {
		x->state = VISITING;
		x->state = body_safe(d, x->body) ? SAFE : UNSAFE;
	}
	return x->state != UNSAFE;
}

/* An integer literal: digits and suffixes, no fraction and no exponent. */
static bool integer_literal(const char *t)
{
	bool hex = t[0] == '0' && (t[1] == 'x' || t[1] == 'X');
	for (const char *p = t + (hex ? 2 : 0); *p; p++)
		if (*p == '.' || (!hex && (*p == 'e' || *p == 'E')) || (hex && (*p == 'p' || *p == 'P')))
			return false;
	return isdigit((unsigned char)t[0]);
}

static bool define_simple(struct defines *d, struct define *x);

/*
 * Whether ir/macro.c's evaluator gives the value from the tokens alone:
 * integer literals, arithmetic, comparison, logic and the conditional
 * operator, and other macros that are simple in turn. (A cast names a type,
 * which is no macro; sizeof is a keyword.) Clang need not be asked.
 */
static bool tokens_simple(struct defines *d, const struct ir_token *t, uint32_t n)
{
	static const char ops[][3] = { "(", ")", "+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^",
				       "~", "!", "<", ">", "<=", ">=", "==", "!=", "&&", "||", "?", ":" };
	if (!n)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		bool ok = false;
		if (t[i].kind == TK_LITERAL) {
			ok = integer_literal(t[i].text);
		} else if (t[i].kind == TK_IDENT) {
			struct define *x = define_of(d, t[i].text, strlen(t[i].text));
			ok = x && define_simple(d, x);
		} else if (t[i].kind == TK_PUNCT) {
			for (size_t k = 0; k < sizeof(ops) / sizeof(*ops) && !ok; k++)
				ok = !strcmp(t[i].text, ops[k]);
		}
		if (!ok)
			return false;
	}
	return true;
}

static bool define_simple(struct defines *d, struct define *x)
{
	if (x->simple == UNSEEN) {
		x->simple = CHECKING; /* a cycle is not simple */
		x->simple = !x->function_like && tokens_simple(d, x->tokens, x->ntokens) ? SIMPLE : NOT_SIMPLE;
	}
	return x->simple == SIMPLE;
}

/* The clang driver for the preprocessor run: KRUST_CLANG, else the one
 * that goes with this libclang. */
static char *clang_driver(void)
{
	const char *env = getenv("KRUST_CLANG");
	if (env && *env)
		return xstrdup(env);
	CXString v = clang_getClangVersion();
	const char *s = strstr(clang_getCString(v), "version ");
	int major = s ? atoi(s + 8) : 0;
	clang_disposeString(v);
	return major ? xasprintf("clang-%d", major) : xstrdup("clang");
}

/* The first line of what a failed run wrote, for the warning. */
static char *first_line(const struct strbuf *err)
{
	const char *text = err->buf ? err->buf : "";
	return xstrndup(text, strcspn(text, "\n"));
}

static char *consts_header(struct consts_job *j, const char *const *args, int nargs,
			   const char *main_file)
{
	struct strvec argv;
	sv_init(&argv);
	sv_push(&argv, j->driver);
	for (int i = 0; i < nargs; i++)
		sv_push(&argv, args[i]);
	sv_push(&argv, "-E");
	sv_push(&argv, "-dM");
	sv_push(&argv, main_file);
	struct strbuf out, err;
	sb_init(&out);
	sb_init(&err);
	struct run_opts ro = { .out = &out, .err = &err };
	j->status = run((const char *const *)argv.v, &ro);
	sv_free(&argv);
	if (j->status > 0)
		j->why = first_line(&err);
	sb_free(&err);
	if (j->status != 0) {
		sb_free(&out);
		return NULL;
	}
	struct defines *d = &j->defines;
	j->text = sb_steal(&out);
	read_defines(j->text, d);
	for (size_t i = 0; i < d->n; i++) {
		struct define *x = &d->v[i];
		x->tokens = ir_lex(j->arena, x->function_like ? x->name : x->body, &x->ntokens);
	}
	struct strbuf h;
	sb_init(&h);
	for (size_t i = 0; i < d->n; i++) {
		struct define *x = &d->v[i];
		if (x->function_like || !x->ntokens || define_simple(d, x) || !define_safe(d, x))
			continue;
		sb_printf(&h, "static const __auto_type " PREFIX "%.*s = (%.*s);\n",
			  (int)x->len, x->name, (int)x->len, x->name);
	}
	return sb_steal(&h);
}

/* ------------------------------------------------------- the FIFO's writer */

static void *write_declarations(void *data)
{
	struct consts_job *j = data;
	char *h = consts_header(j, (const char *const *)j->args.v, (int)j->args.n, j->main_file);
	/* blocks until a reader opens the FIFO: clang, or consts_finish */
	int fd = open(j->path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		/* a failed write means the reader is gone; it has what it wanted */
		if (h)
			write_all(fd, h, strlen(h));
		close(fd);
	}
	free(h);
	atomic_store(&j->done, true);
	return NULL;
}

struct consts_job *consts_start(const char *const *args, int nargs, const char *main_file)
{
	struct consts_job *j = xcalloc(1, sizeof(*j));
	const char *tmp = getenv("TMPDIR");
	j->dir = xasprintf("%s/krust-consts-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(j->dir)) {
		error("%s: cannot create: %s", j->dir, strerror(errno));
		free(j->dir);
		free(j);
		return NULL;
	}
	j->path = xasprintf("%s/macro-constants.h", j->dir);
	if (mkfifo(j->path, 0600) != 0) {
		error("%s: cannot create: %s", j->path, strerror(errno));
		rmdir(j->dir);
		free(j->path);
		free(j->dir);
		free(j);
		return NULL;
	}
	sv_init(&j->args);
	for (int i = 0; i < nargs; i++)
		sv_push(&j->args, args[i]);
	j->main_file = xstrdup(main_file);
	j->driver = clang_driver();
	j->arena = arena_new();
	atomic_init(&j->done, false);
	int rc = pthread_create(&j->thread, NULL, write_declarations, j);
	if (rc != 0)
		fatal("pthread_create: %s", strerror(rc));
	return j;
}

const char *consts_path(const struct consts_job *j)
{
	return j->path;
}

/* What is lost without the preprocessor run, said once, on the main thread. */
static void report_driver(const struct consts_job *j, bool parse_ok)
{
	if (j->status < 0)
		warn("cannot run %s (KRUST_CLANG names the clang driver): the macro constants only "
		     "clang can evaluate (casts, sizeof, function-like macros) are left out", j->driver);
	else if (j->status > 0 && parse_ok)
		warn("%s -E -dM failed (exit status %d: %s): the macro constants only clang can "
		     "evaluate (casts, sizeof, function-like macros) are left out", j->driver, j->status,
		     j->why && *j->why ? j->why : "no message");
}

/*
 * After the parse. If clang stopped before the FIFO (a fatal error), the
 * writer waits for a reader, or is still working: be that reader, and throw
 * its text away.
 */
void consts_join(struct consts_job *j, bool parse_ok)
{
	if (j->joined)
		return;
	int fd = open(j->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	char buf[65536];
	while (fd >= 0 && !atomic_load(&j->done)) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 10) > 0)
			while (read(fd, buf, sizeof(buf)) > 0)
				;
	}
	pthread_join(j->thread, NULL);
	j->joined = true;
	if (fd >= 0)
		close(fd);
	report_driver(j, parse_ok);
}

bool consts_macros_known(const struct consts_job *j)
{
	return j->joined && j->defines.known;
}

const struct ir_token *consts_macro_tokens(const struct consts_job *j, const char *name,
					   bool function_like, uint32_t *n)
{
	const struct defines *d = &j->defines;
	if (!consts_macros_known(j))
		return NULL;
	const struct define *x = define_of(d, name, strlen(name));
	if (!x || x->function_like != function_like)
		return NULL;
	/* defined empty is still defined */
	static const struct ir_token none[1];
	*n = x->ntokens;
	return x->ntokens ? x->tokens : none;
}

void consts_finish(struct consts_job *j, struct ir *ir)
{
	consts_join(j, false);
	ir->constants_partial = j->status != 0;
	unlink(j->path);
	rmdir(j->dir);
	sv_free(&j->args);
	ir_adopt_arena(ir, j->arena);
	free(j->defines.v);
	if (j->defines.known)
		map_free(&j->defines.names);
	free(j->text);
	free(j->why);
	free(j->driver);
	free(j->main_file);
	free(j->path);
	free(j->dir);
	free(j);
}

/* ---------------------------------------------------------------- evaluation */

struct consts {
	struct ir *ir;
	struct map macros;   /* name -> the last definition's item */
	struct map typedefs; /* name -> typedef item */
};

/* A constant's type: what the walk maps, less void, 128-bit integers and long double. */
static enum ir_prim int_prim(enum CXTypeKind k, bool *ok)
{
	enum ir_prim p = clang_builtin_prim(k, ok);
	if (p == P_VOID || p == P_I128 || p == P_U128 || p == P_LDOUBLE)
		*ok = false;
	return p;
}

static type_id prim_type(struct ir *ir, enum ir_prim p, CXType t)
{
	type_id id = ir_new_type(ir, TY_PRIM);
	ir_type(ir, id)->prim = p;
	ir_type(ir, id)->size = (uint64_t)clang_Type_getSizeOf(t);
	ir_type(ir, id)->align = (uint64_t)clang_Type_getAlignOf(t);
	return id;
}

/* The typedef item the bindings have for t (gfp_t), or 0. */
static item_id typedef_of(struct consts *c, CXType t)
{
	while (t.kind == CXType_Elaborated)
		t = clang_Type_getNamedType(t);
	if (t.kind != CXType_Typedef)
		return 0;
	CXString s = clang_getTypedefName(t);
	const struct ir_item *td = map_get(&c->typedefs, map_str(clang_getCString(s)));
	clang_disposeString(s);
	return td ? td->id : 0;
}

/* The typedef every operand of an operator tree has (and its C type), if one does. */
struct operands {
	struct consts *c;
	item_id td;
	bool mixed;
	CXType type;
};

static void operand_typedefs(struct operands *o, CXCursor e);

static enum CXChildVisitResult each_operand(CXCursor k, CXCursor parent, CXClientData data)
{
	(void)parent;
	operand_typedefs(data, k);
	return CXChildVisit_Continue;
}

/* Operators and parentheses (and the implicit conversions libclang leaves
 * unexposed) pass through to their operands; anything else is an operand. */
static void operand_typedefs(struct operands *o, CXCursor e)
{
	enum CXCursorKind k = clang_getCursorKind(e);
	if (k == CXCursor_BinaryOperator || k == CXCursor_UnaryOperator ||
	    k == CXCursor_ParenExpr || k == CXCursor_UnexposedExpr) {
		clang_visitChildren(e, each_operand, o);
		return;
	}
	item_id td = typedef_of(o->c, clang_getCursorType(e));
	if (!td || (o->td && o->td != td))
		o->mixed = true;
	o->td = td;
	o->type = clang_getCursorType(e);
}

static type_id typedef_type(struct consts *c, item_id td)
{
	type_id id = ir_new_type(c->ir, TY_ITEM);
	ir_type(c->ir, id)->item = td;
	return id;
}

/*
 * The constant's type: a typedef the bindings have (gfp_t), else the
 * primitive under it. Enums are their integer type, as in C's arithmetic.
 * C gives `__GFP_IO | __GFP_FS` the type unsigned int, but the user sees a
 * gfp_t, and so does the constant: when every operand of the expression has
 * the same typedef and the result is the type under it (not a promotion, not
 * a comparison's int), the typedef is kept.
 */
static type_id const_type(struct consts *c, CXCursor init)
{
	CXType t = clang_getCursorType(init);
	item_id td = typedef_of(c, t);
	if (td)
		return typedef_type(c, td);
	struct operands o = { c, 0, false, { 0 } };
	operand_typedefs(&o, init);
	if (o.td && !o.mixed &&
	    clang_equalTypes(clang_getCanonicalType(t), clang_getCanonicalType(o.type)))
		return typedef_type(c, o.td);
	CXType canon = clang_getCanonicalType(t);
	if (canon.kind == CXType_Enum)
		canon = clang_getEnumDeclIntegerType(clang_getTypeDeclaration(canon));
	bool ok;
	enum ir_prim p = int_prim(canon.kind, &ok);
	return ok ? prim_type(c->ir, p, canon) : 0;
}

/* The initializer: the one expression child of the declaration. */
static enum CXChildVisitResult first_expr(CXCursor k, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_isExpression(clang_getCursorKind(k))) {
		*(CXCursor *)data = k;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

static void evaluate(struct consts *c, CXCursor decl, struct ir_item *it)
{
	CXCursor init = clang_getNullCursor();
	clang_visitChildren(decl, first_expr, &init);
	if (clang_Cursor_isNull(init))
		return;
	CXEvalResult r = clang_Cursor_Evaluate(decl);
	if (!r)
		return;
	struct ir_mval v = { .kind = MV_NONE };
	CXEvalResultKind k = clang_EvalResult_getKind(r);
	if (k == CXEval_Int) {
		bool u = clang_EvalResult_isUnsignedInt(r);
		v.kind = MV_INT;
		v.i = u ? (int64_t)clang_EvalResult_getAsUnsigned(r) : clang_EvalResult_getAsLongLong(r);
		v.big = u && (uint64_t)v.i > INT64_MAX;
	} else if (k == CXEval_Float) {
		v.kind = MV_FLOAT;
		v.f = clang_EvalResult_getAsDouble(r);
	}
	clang_EvalResult_dispose(r);
	type_id t = v.kind != MV_NONE ? const_type(c, init) : 0;
	if (!t)
		return;
	it->cval = v;
	it->ctype = t;
}

static enum CXChildVisitResult eval_decl(CXCursor k, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct consts *c = data;
	if (clang_getCursorKind(k) != CXCursor_VarDecl)
		return CXChildVisit_Continue;
	CXString s = clang_getCursorSpelling(k);
	const char *name = clang_getCString(s);
	if (!strncmp(name, PREFIX, strlen(PREFIX))) {
		struct ir_item *it = map_get(&c->macros, map_str(name + strlen(PREFIX)));
		if (it)
			evaluate(c, k, it);
	}
	clang_disposeString(s);
	return CXChildVisit_Continue;
}

void consts_evaluate(struct ir *ir, CXTranslationUnit tu)
{
	struct consts c = { .ir = ir };
	map_init(&c.macros, ir->nitems / 2);
	map_init(&c.typedefs, ir->nitems / 8);
	for (item_id id = 1; id < ir->nitems; id++) {
		struct ir_item *it = ir_item(ir, id);
		if (it->name && it->kind == IT_MACRO)
			*map_put(&c.macros, map_str(it->name)) = it;
		else if (it->name && it->kind == IT_TYPEDEF && it->loc.file)
			*map_put(&c.typedefs, map_str(it->name)) = it;
	}
	clang_visitChildren(clang_getTranslationUnitCursor(tu), eval_decl, &c);
	map_free(&c.macros);
	map_free(&c.typedefs);
}
