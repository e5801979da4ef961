/*
 * select.c: which items are emitted.
 *
 * The roots are the items the allowlists name (every item when there is no
 * allowlist); from them the pass follows every type an item needs, as bindgen
 * does, so that the output compiles on its own. Blocklisted items are never
 * emitted nor followed, but references to them stay: the includer provides
 * them. An item that cannot be expressed is left out, or made opaque, with a
 * warning naming it.
 *
 * Filters are POSIX extended regexes anchored to the whole name, several of
 * one kind or-ed together.
 */
#include "ir/ir.h"

#include <stdlib.h>
#include <string.h>

bool filter_add(struct name_filter *f, const char *pattern)
{
	sv_push(&f->pats, pattern);
	return true;
}

bool filter_compile(struct name_filter *f, const char *option)
{
	if (!f->pats.n)
		return true;
	for (size_t i = 0; i < f->pats.n; i++) {
		int rc = regcomp(&f->re, f->pats.v[i], REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char msg[256];
			regerror(rc, &f->re, msg, sizeof(msg));
			error("%s: invalid regular expression '%s': %s", option, f->pats.v[i], msg);
			return false;
		}
		regfree(&f->re);
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "^(");
	for (size_t i = 0; i < f->pats.n; i++)
		sb_printf(&sb, "%s(%s)", i ? "|" : "", f->pats.v[i]);
	sb_adds(&sb, ")$");
	int rc = regcomp(&f->re, sb.buf, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char msg[256];
		regerror(rc, &f->re, msg, sizeof(msg));
		error("%s: invalid regular expression '%s': %s", option, sb.buf, msg);
	}
	sb_free(&sb);
	f->compiled = rc == 0;
	return f->compiled;
}

bool filter_match(const struct name_filter *f, const char *name)
{
	return f->compiled && name && regexec(&f->re, name, 0, NULL, 0) == 0;
}

void filter_free(struct name_filter *f)
{
	if (f->compiled)
		regfree(&f->re);
	sv_free(&f->pats);
}

/* ---------------------------------------------------------------- roots */

static const char *type_name(const struct ir_item *it)
{
	return it->name ? it->name : it->typedef_name;
}

static bool blocked(const struct ir_item *it, const struct bindgen_opts *o)
{
	if (it->loc.file && filter_match(&o->block_file, it->loc.file))
		return true;
	switch (it->kind) {
	case IT_FUNC: return filter_match(&o->block_fn, it->name);
	case IT_VAR:
	case IT_MACRO: return filter_match(&o->block_var, it->name);
	default: return filter_match(&o->block_type, type_name(it));
	}
}

static bool any_const_matches(const struct ir_item *it, const struct name_filter *f)
{
	for (uint32_t i = 0; i < it->nconsts; i++)
		if (filter_match(f, it->consts[i].name))
			return true;
	return false;
}

static bool is_root(const struct ir_item *it, const struct bindgen_opts *o, bool allow_all)
{
	if (it->kind == IT_MACRO && (it->val.kind == MV_NONE || !it->loc.file))
		return false; /* no value, or clang's own or a -D option */
	if (allow_all)
		return it->loc.file && (it->kind != IT_RECORD || !it->parent);
	if (it->loc.file && filter_match(&o->allow_file, it->loc.file))
		return true;
	switch (it->kind) {
	case IT_FUNC: return filter_match(&o->allow_fn, it->name);
	case IT_VAR:
	case IT_MACRO: return filter_match(&o->allow_var, it->name);
	case IT_ENUM:
		if (any_const_matches(it, &o->allow_var))
			return true;
		return filter_match(&o->allow_type, type_name(it));
	default: return filter_match(&o->allow_type, type_name(it));
	}
}

/* ---------------------------------------------------------------- needs */

struct selector {
	struct ir *ir;
	const struct bindgen_opts *o;
	item_id *stack; /* selected items whose needs are still to follow */
	size_t n, cap;
};

static void push(struct selector *s, item_id id)
{
	struct ir_item *it = ir_item(s->ir, id);
	if (it->selected || it->maps_to_prim || blocked(it, s->o))
		return;
	it->selected = true;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->stack = xrealloc(s->stack, s->cap * sizeof(*s->stack));
	}
	s->stack[s->n++] = id;
}

static void need_type(struct selector *s, type_id t)
{
	const struct ir_type *ty = ir_type(s->ir, t);
	switch (ty->kind) {
	case TY_POINTER:
	case TY_ARRAY:
		need_type(s, ty->elem);
		break;
	case TY_FUNC:
		need_type(s, ty->elem);
		for (uint32_t i = 0; i < ty->nparams; i++)
			need_type(s, ty->params[i]);
		break;
	case TY_ITEM:
		push(s, ty->item);
		break;
	default:
		break;
	}
}

/* Whether a value of this type can be spelled in Rust (pointers always can). */
static const char *unexpressible(const struct ir *ir, type_id t)
{
	const struct ir_type *ty = ir_type(ir, t);
	switch (ty->kind) {
	case TY_UNSUPPORTED:
		return ty->why;
	case TY_ARRAY:
		return unexpressible(ir, ty->elem);
	case TY_ITEM: {
		const struct ir_item *it = ir_item(ir, ty->item);
		if (it->kind != IT_TYPEDEF || !unexpressible(ir, it->type))
			return NULL;
		return it->name; /* the typedef says it better than clang's spelling */
	}
	case TY_FUNC:
		if (unexpressible(ir, ty->elem))
			return unexpressible(ir, ty->elem);
		for (uint32_t i = 0; i < ty->nparams; i++)
			if (unexpressible(ir, ty->params[i]))
				return unexpressible(ir, ty->params[i]);
		return NULL;
	default:
		return NULL;
	}
}

static struct srcloc line_of(struct srcloc loc)
{
	loc.col = 0;
	return loc;
}

static void need_record(struct selector *s, struct ir_item *it)
{
	for (uint32_t i = 0; i < it->nfields && !it->opaque; i++) {
		const char *why = unexpressible(s->ir, it->fields[i].type);
		if (why) {
			warn_at(line_of(it->loc), "'%s': field '%s' has type '%s', which Rust cannot "
				"express; the record is emitted opaque", type_name(it) ? type_name(it) : "(anonymous)",
				it->fields[i].name ? it->fields[i].name : "(anonymous)", why);
			it->opaque = true;
		}
	}
	if (it->opaque)
		return;
	for (uint32_t i = 0; i < it->nfields; i++)
		need_type(s, it->fields[i].type);
}

static void need(struct selector *s, item_id id)
{
	struct ir_item *it = ir_item(s->ir, id);
	switch (it->kind) {
	case IT_RECORD:
		need_record(s, it);
		break;
	case IT_TYPEDEF:
	case IT_VAR:
	case IT_FUNC: {
		const char *why = unexpressible(s->ir, it->type);
		if (why && it->kind == IT_TYPEDEF) {
			warn_at(line_of(it->loc), "'%s' is type '%s', which Rust cannot express; it is "
				"emitted as opaque bytes", it->name, why);
			it->opaque = true;
			break;
		}
		if (why) {
			warn_at(line_of(it->loc), "'%s' uses type '%s', which Rust cannot express; "
				"it is left out", it->name, why);
			it->selected = false;
			break;
		}
		need_type(s, it->type);
		break;
	}
	case IT_MACRO:
		need_type(s, it->type); /* clang's constants name their C type */
		break;
	default:
		break;
	}
}

/* The exact-width Rust primitive that means the same as a C primitive. */
static enum ir_prim exact_prim(const struct ir_type *t)
{
	static const enum ir_prim sized[2][9] = {
		{ [1] = P_U8, [2] = P_U16, [4] = P_U32, [8] = P_U64 },
		{ [1] = P_I8, [2] = P_I16, [4] = P_I32, [8] = P_I64 },
	};
	if (t->prim > P_ULLONG || t->prim == P_VOID || t->size > 8)
		return t->prim;
	return sized[ir_prim_signed(t->prim)][t->size];
}

/*
 * Typedefs that are spelled as a Rust primitive instead of being declared
 * (the primitive is kept in repr_prim):
 *  - like bindgen, size_t and friends are usize and isize;
 *  - a typedef named like a Rust primitive (the kernel's bool, u8, u64,
 *    u128) would shadow the primitive and make aliases that name it
 *    circular; it is the primitive when it means the same, else its target.
 */
static bool is_prim_alias(const struct ir *ir, struct ir_item *it)
{
	static const char *const sizes[] = { "size_t", "uintptr_t" };
	static const char *const ssizes[] = { "ssize_t", "intptr_t", "ptrdiff_t" };
	static const char *const rust[] = {
		"bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize",
		"str", "u8", "u16", "u32", "u64", "u128", "usize",
	};
	const struct ir_type *t = ir_type(ir, ir_resolve(ir, it->type));
	if (t->kind != TY_PRIM)
		return false;
	for (int i = 0; i < 2 && t->size == 8; i++)
		if (!strcmp(it->name, sizes[i]))
			return (it->repr_prim = P_USIZE), true;
	for (int i = 0; i < 3 && t->size == 8; i++)
		if (!strcmp(it->name, ssizes[i]))
			return (it->repr_prim = P_ISIZE), true;
	for (size_t i = 0; i < sizeof(rust) / sizeof(rust[0]); i++) {
		if (strcmp(it->name, rust[i]))
			continue;
		bool ffi;
		enum ir_prim p = exact_prim(t);
		it->repr_prim = !strcmp(ir_prim_name(p, &ffi), it->name) ? p : t->prim;
		return true;
	}
	return false;
}

/* --opaque-type on a typedef means the record it names. */
static void make_opaque(struct ir *ir, struct ir_item *it)
{
	if (it->kind == IT_TYPEDEF) {
		type_id t = ir_resolve(ir, it->type);
		if (ir_type(ir, t)->kind == TY_ITEM)
			it = ir_item(ir, ir_type(ir, t)->item);
	}
	if (it->kind == IT_RECORD)
		it->opaque = true;
}

void ir_select(struct ir *ir, const struct bindgen_opts *o)
{
	bool allow_all = !o->allow_fn.compiled && !o->allow_type.compiled &&
			 !o->allow_var.compiled && !o->allow_file.compiled;
	struct selector s = { .ir = ir, .o = o };
	for (item_id id = 1; id < ir->nitems; id++) {
		struct ir_item *it = ir_item(ir, id);
		if (it->kind == IT_TYPEDEF && it->name && is_prim_alias(ir, it)) {
			it->maps_to_prim = true;
			continue;
		}
		if (filter_match(&o->opaque, type_name(it)))
			make_opaque(ir, it);
		if (is_root(it, o, allow_all))
			push(&s, id);
	}
	/* first in, first out: warnings come in source order */
	for (size_t i = 0; i < s.n; i++)
		need(&s, s.stack[i]);
	free(s.stack);
}
