/*
 * macros.c: function-like macros typed by what they call.
 *
 * clang gives a macro no type, but many API macros are a call in disguise:
 *
 *     #define wake_up(x) __wake_up(x, TASK_NORMAL, 1, NULL)
 *
 * When a macro's body is one call of a function with a prototype (or of a
 * macro typed so already), and each of the macro's parameters is passed
 * whole as one argument of it, the macro takes the types of those
 * parameters of the callee and returns what the callee returns:
 *
 *     void wake_up(struct wait_queue_head *x)
 *
 * Its shim then calls the macro itself, as C would. The body may be wrapped
 * in parentheses, in ({ CALL; }) or in do { CALL; } while (0) (which returns
 * nothing); anything else (a parameter used twice or inside an expression,
 * # or ##, a callee that is variadic, unknown or an object-like macro, a
 * macro defined twice) is left to the helper list, which wins when it names
 * the macro too. The types are clang's spellings of the callee's, as for a
 * static inline function (inline.c).
 */
#include "clang/clang.h"

#include <stdlib.h>
#include <string.h>

/* How far a macro got: inference is memoized, and a cycle fails. */
enum state { UNSEEN, VISITING, TYPED, UNTYPED };

struct sig {
	const char *c_result;
	type_id result;
	uint32_t n;
	const char **c_params;
	type_id *params;
};

struct name_entry {
	const char *name;
	CXCursor fn;    /* a function declaration, or null */
	CXCursor macro; /* a function-like macro's definition, or null */
	unsigned ndefs; /* definitions of the function-like macro */
	bool object_macro, listed;
	enum state state;
	struct sig sig;
	const char **names; /* an inferred macro's parameters */
	item_id item;       /* the function's IR item */
};

struct macro_names {
	struct ir *ir;
	CXTranslationUnit tu;
	const struct consts_job *consts;
	struct arena *arena;        /* the entries, freed with the table */
	struct map by_name;         /* name -> struct name_entry, in the order noted */
	type_id void_type;
};

static struct name_entry *lookup(struct macro_names *t, const char *name, bool add)
{
	if (!add)
		return map_get(&t->by_name, map_str(name));
	/* the name is the walk's, in the IR's arena: it outlives the map */
	void **slot = map_put(&t->by_name, map_str(name));
	if (!*slot) {
		struct name_entry *e = arena_alloc(t->arena, sizeof(*e));
		*e = (struct name_entry){ .name = name };
		e->fn = e->macro = clang_getNullCursor();
		*slot = e;
	}
	return *slot;
}

struct macro_names *clang_macro_names_new(struct ir *ir, CXTranslationUnit tu,
					  const struct consts_job *consts)
{
	struct macro_names *t = xcalloc(1, sizeof(*t));
	*t = (struct macro_names){ .ir = ir, .tu = tu, .consts = consts, .arena = arena_new() };
	/* the kernel TU has some 40,000 names */
	map_init(&t->by_name, 1 << 13);
	return t;
}

void clang_macro_note(struct macro_names *t, CXCursor c, const char *name, enum macro_note what)
{
	struct name_entry *e = lookup(t, name, true);
	if (what == NOTE_LISTED)
		e->listed = true;
	else if (what == NOTE_FUNCTION && clang_Cursor_isNull(e->fn))
		e->fn = c;
	else if (what == NOTE_FUNCTION_MACRO)
		e->macro = c, e->ndefs++;
	else if (what == NOTE_OBJECT_MACRO)
		e->object_macro = true;
}

/* ---------------------------------------------------------------- bodies */

/* A definition's tokens: its name, its parameter list, its body. */
struct toks {
	const struct ir_token *v;
	unsigned n;
};

static bool is(const struct toks *t, unsigned i, const char *s)
{
	return i < t->n && !strcmp(t->v[i].text, s);
}

/* The index of the bracket closing the one at i, or 0 when unbalanced. */
static unsigned closing(const struct toks *t, unsigned i, unsigned end)
{
	int depth = 0;
	for (unsigned j = i; j < end; j++) {
		const char *s = t->v[j].text;
		depth += (!strcmp(s, "(") || !strcmp(s, "{") || !strcmp(s, "["));
		depth -= (!strcmp(s, ")") || !strcmp(s, "}") || !strcmp(s, "]"));
		if (depth == 0)
			return j;
	}
	return 0;
}

/* Drop parentheses around the whole of [*b, *e). */
static void unwrap(const struct toks *t, unsigned *b, unsigned *e)
{
	while (*e - *b >= 2 && is(t, *b, "(") && closing(t, *b, *e) == *e - 1)
		(*b)++, (*e)--;
}

/* What a body passes on: the callee and, per macro parameter, the argument it is. */
struct call {
	const char *callee;
	unsigned nargs;
	int *arg_of; /* per parameter */
	bool returns_void;
};

static int param_index(const char **params, unsigned nparams, const char *s)
{
	for (unsigned i = 0; i < nparams; i++)
		if (!strcmp(params[i], s))
			return (int)i;
	return -1;
}

/* One argument [b, e): a parameter whole, or an expression naming none. */
static bool argument(const struct toks *t, unsigned b, unsigned e, const char **params, unsigned np,
		     unsigned argno, struct call *call)
{
	unwrap(t, &b, &e);
	if (b == e)
		return false;
	if (e - b == 1 && param_index(params, np, t->v[b].text) >= 0) {
		int p = param_index(params, np, t->v[b].text);
		if (call->arg_of[p] >= 0)
			return false;
		call->arg_of[p] = (int)argno;
		return true;
	}
	for (unsigned i = b; i < e; i++)
		if (param_index(params, np, t->v[i].text) >= 0)
			return false;
	return true;
}

/* CALLEE ( ARGS ) over exactly [b, e). */
static bool call_of(const struct toks *t, unsigned b, unsigned e, const char **params, unsigned np,
		    struct call *call)
{
	unwrap(t, &b, &e);
	if (e - b < 3 || t->v[b].kind != TK_IDENT || !is(t, b + 1, "(") ||
	    closing(t, b + 1, e) != e - 1)
		return false;
	call->callee = t->v[b].text;
	unsigned start = b + 2, argno = 0;
	if (start == e - 1)
		return true;
	for (unsigned i = start; i < e; i++) {
		if (is(t, i, "(") || is(t, i, "{") || is(t, i, "[")) {
			i = closing(t, i, e);
			if (!i)
				return false;
			continue;
		}
		if (i == e - 1 || is(t, i, ",")) {
			if (!argument(t, start, i, params, np, argno++, call))
				return false;
			start = i + 1;
		}
	}
	call->nargs = argno;
	return true;
}

/* The body after the parameter list, [b, e): a call, bare or in a statement wrapper. */
static bool body_call(const struct toks *t, unsigned b, unsigned e, const char **params, unsigned np,
		      struct call *call)
{
	for (unsigned i = b; i < e; i++)
		if (is(t, i, "#") || is(t, i, "##") || (is(t, i, ";") && !is(t, i + 1, "}")))
			return false;
	/* ({ CALL; }) keeps the call's value */
	if (e - b >= 6 && is(t, b, "(") && is(t, b + 1, "{") && is(t, e - 1, ")") &&
	    is(t, e - 2, "}") && is(t, e - 3, ";") && closing(t, b, e) == e - 1)
		return call_of(t, b + 2, e - 3, params, np, call);
	/* do { CALL; } while (0) returns nothing */
	if (e - b >= 9 && is(t, b, "do") && is(t, b + 1, "{") && is(t, e - 4, "while") &&
	    is(t, e - 3, "(") && is(t, e - 2, "0") && is(t, e - 1, ")") && is(t, e - 5, "}") &&
	    is(t, e - 6, ";") && closing(t, b + 1, e) == e - 5) {
		call->returns_void = true;
		return call_of(t, b + 2, e - 6, params, np, call);
	}
	unwrap(t, &b, &e);
	return call_of(t, b, e, params, np, call);
}

/* ---------------------------------------------------------------- types */

static bool infer(struct macro_names *t, struct name_entry *e);

/* A function's signature, from its declaration and its IR item. */
static bool function_sig(struct macro_names *t, struct name_entry *e)
{
	CXType ft = clang_getCursorType(e->fn);
	const struct ir_item *fn = e->item ? ir_item(t->ir, e->item) : NULL;
	if (!fn || !clang_helper_possible(e->fn) || ft.kind != CXType_FunctionProto)
		return false;
	const struct ir_type *ty = ir_type(t->ir, ir_resolve(t->ir, fn->type));
	int n = clang_getNumArgTypes(ft);
	if (ty->kind != TY_FUNC || ty->variadic || n < 0 || (uint32_t)n != ty->nparams)
		return false;
	struct sig *s = &e->sig;
	s->c_result = clang_c_spelling(t->ir, clang_getResultType(ft));
	s->result = ty->elem;
	s->n = (uint32_t)n;
	s->c_params = n ? arena_alloc(t->ir->arena, n * sizeof(char *)) : NULL;
	s->params = n ? arena_alloc(t->ir->arena, n * sizeof(type_id)) : NULL;
	for (int i = 0; i < n; i++) {
		s->c_params[i] = clang_c_spelling(t->ir, clang_getArgType(ft, i));
		s->params[i] = ty->params[i];
	}
	return true;
}

/* What calling name gives: a function-like macro hides a function of its name. */
static const struct sig *callee_sig(struct macro_names *t, const char *name)
{
	struct name_entry *e = lookup(t, name, false);
	uint32_t n;
	if (!e || e->object_macro || consts_macro_tokens(t->consts, name, false, &n))
		return NULL;
	if (!clang_Cursor_isNull(e->macro))
		return infer(t, e) ? &e->sig : NULL;
	if (clang_Cursor_isNull(e->fn))
		return NULL;
	if (e->state == UNSEEN)
		e->state = function_sig(t, e) ? TYPED : UNTYPED;
	return e->state == TYPED ? &e->sig : NULL;
}

/* From the constants thread's lexing when the macro is still defined at the
 * end (it has one definition); none when it is not, for a helper could not
 * call it; from libclang when the thread could not tell. */
static struct toks tokens(struct macro_names *t, const struct name_entry *e)
{
	struct toks k = { 0 };
	uint32_t n = 0;
	k.v = consts_macro_tokens(t->consts, e->name, true, &n);
	if (!k.v && !consts_macros_known(t->consts))
		k.v = clang_cursor_tokens(t->ir, t->tu, e->macro, &n);
	k.n = k.v ? n : 0;
	return k;
}

/* The macro's parameters, NAME ( P, ... ): their names, and where the body starts. */
static unsigned parameters(const struct toks *k, const char ***params, unsigned *np)
{
	*params = xcalloc(k->n, sizeof(char *));
	*np = 0;
	unsigned i = 2;
	if (!is(k, 1, "("))
		return 0;
	if (is(k, i, ")"))
		return i + 1;
	for (; i < k->n; i += 2) {
		if (k->v[i].kind != TK_IDENT && k->v[i].kind != TK_KEYWORD)
			return 0; /* "..." */
		(*params)[(*np)++] = k->v[i].text;
		if (is(k, i + 1, ")"))
			return i + 2;
		if (!is(k, i + 1, ","))
			return 0;
	}
	return 0;
}

static bool build_sig(struct macro_names *t, struct name_entry *e, unsigned np, const struct call *call)
{
	if (!strcmp(call->callee, e->name))
		return false;
	const struct sig *c = callee_sig(t, call->callee);
	if (!c || c->n != call->nargs)
		return false;
	struct sig *s = &e->sig;
	s->n = np;
	s->c_params = np ? arena_alloc(t->ir->arena, np * sizeof(char *)) : NULL;
	s->params = np ? arena_alloc(t->ir->arena, np * sizeof(type_id)) : NULL;
	for (unsigned i = 0; i < np; i++) {
		if (call->arg_of[i] < 0)
			return false; /* a parameter the call does not take */
		s->c_params[i] = c->c_params[call->arg_of[i]];
		s->params[i] = c->params[call->arg_of[i]];
	}
	if (call->returns_void) {
		if (!t->void_type) {
			t->void_type = ir_new_type(t->ir, TY_PRIM);
			ir_type(t->ir, t->void_type)->prim = P_VOID;
		}
		s->c_result = "void";
		s->result = t->void_type;
	} else {
		s->c_result = c->c_result;
		s->result = c->result;
	}
	return true;
}

static bool infer(struct macro_names *t, struct name_entry *e)
{
	if (e->state != UNSEEN)
		return e->state == TYPED;
	e->state = VISITING;
	bool ok = false;
	if (e->ndefs == 1) {
		struct toks k = tokens(t, e);
		const char **params;
		unsigned np;
		unsigned body = parameters(&k, &params, &np);
		int *arg_of = xcalloc(np + 1, sizeof(int));
		for (unsigned i = 0; i < np; i++)
			arg_of[i] = -1;
		struct call call = { .arg_of = arg_of };
		ok = body && body < k.n && body_call(&k, body, k.n, params, np, &call) &&
		     build_sig(t, e, np, &call);
		if (ok) {
			e->names = np ? arena_alloc(t->ir->arena, np * sizeof(char *)) : NULL;
			for (unsigned i = 0; i < np; i++)
				e->names[i] = arena_strdup(t->ir->arena, params[i]);
		}
		free(arg_of);
		free(params);
	}
	e->state = ok ? TYPED : UNTYPED;
	return ok;
}

/* ---------------------------------------------------------------- items */

static void add_item(struct macro_names *t, const struct name_entry *e)
{
	CXFile f;
	unsigned line, col, off;
	clang_getExpansionLocation(clang_getCursorLocation(e->macro), &f, &line, &col, &off);
	if (!f)
		return; /* -D options and clang's predefined macros */
	CXString path = clang_getFileName(f);
	uint32_t file = ir_file_index(t->ir, clang_getCString(path));
	clang_disposeString(path);
	const struct sig *s = &e->sig;
	type_id fn = ir_new_type(t->ir, TY_FUNC);
	struct ir_type *ty = ir_type(t->ir, fn);
	ty->elem = s->result;
	ty->nparams = s->n;
	ty->params = s->params;
	struct ir_item *it = ir_item(t->ir, ir_new_item(t->ir, IT_FUNC));
	it->name = e->name;
	it->loc = (struct srcloc){ t->ir->files[file], line, col };
	it->file_idx = file;
	it->offset = off;
	it->filled = true;
	it->type = fn;
	it->param_names = e->names;
	it->helper = true;
	it->c_result = s->c_result;
	it->c_params = s->c_params;
	it->c_names = e->names;
}

void clang_infer_macros(struct macro_names *t)
{
	struct ir *ir = t->ir;
	for (item_id id = 1; id < ir->nitems; id++) {
		const struct ir_item *it = ir_item(ir, id);
		struct name_entry *e = it->kind == IT_FUNC && it->name ? lookup(t, it->name, false) : NULL;
		if (e && !e->item)
			e->item = id;
	}
	/* in the order the walk met them, which is the headers' */
	for (size_t i = 0; i < t->by_name.len; i++) {
		struct name_entry *e = map_at(&t->by_name, i)->val;
		if (!clang_Cursor_isNull(e->macro) && !e->listed && !e->item &&
		    clang_Cursor_isNull(e->fn) && infer(t, e))
			add_item(t, e);
	}
	map_free(&t->by_name);
	arena_free(t->arena);
	free(t);
}
