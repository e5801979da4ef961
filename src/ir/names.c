/*
 * names.c: the Rust name of every item and field, by bindgen's conventions,
 * so that code written against bindgen's output reads the same here:
 *
 *   struct foo, union foo, enum foo      foo
 *   typedef struct { ... } foo_t         foo_t (and no separate alias)
 *   anonymous record inside foo          foo__bindgen_ty_1, _2, ... in order
 *   anonymous record at file scope       _bindgen_ty_1, _2, ...
 *   anonymous member of foo              field __bindgen_anon_1, _2, ...
 *   constant BAR of a named enum foo     foo_BAR (BAR when anonymous)
 *   a Rust keyword                       the keyword with '_' appended
 *
 * Every item referred to gets a name, emitted or not, since blocklisted
 * items are still referred to by name.
 */
#include "ir/ir.h"

#include <stdlib.h>
#include <string.h>

static bool is_keyword(const char *s)
{
	static const char *const kw[] = {
		"Self", "abstract", "as", "async", "await", "become", "box", "break", "const",
		"continue", "crate", "do", "dyn", "else", "enum", "extern", "false", "final",
		"fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
		"move", "mut", "override", "priv", "pub", "ref", "return", "self", "static",
		"struct", "super", "trait", "true", "try", "type", "typeof", "unsafe",
		"unsized", "use", "virtual", "where", "while", "yield",
	};
	size_t lo = 0, hi = sizeof(kw) / sizeof(kw[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s, kw[mid]);
		if (!c)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static const char *rust_ident(struct ir *ir, const char *name)
{
	if (!strcmp(name, "_"))
		return "__";
	if (strchr(name, '$')) {
		/* C compilers allow '$' in names; Rust does not */
		char *r = arena_strdup(ir->arena, name);
		for (char *p = r; (p = strchr(p, '$'));)
			*p = '_';
		name = r;
	}
	return is_keyword(name) ? arena_printf(ir->arena, "%s_", name) : name;
}

struct namer {
	struct ir *ir;
	unsigned anon_top; /* _bindgen_ty_N at file scope */
};

static const char *item_name(struct namer *nm, item_id id);

static const char *record_or_enum_name(struct namer *nm, struct ir_item *it)
{
	if (it->name)
		return rust_ident(nm->ir, it->name);
	if (it->typedef_name)
		return rust_ident(nm->ir, it->typedef_name);
	if (it->parent)
		return arena_printf(nm->ir->arena, "%s__bindgen_ty_%u", item_name(nm, it->parent),
				    it->anon_index);
	return arena_printf(nm->ir->arena, "_bindgen_ty_%u", ++nm->anon_top);
}

static void name_fields(struct namer *nm, struct ir_item *it)
{
	unsigned anon = 0;
	for (uint32_t i = 0; i < it->nfields; i++) {
		struct ir_field *f = &it->fields[i];
		if (f->name)
			f->rname = rust_ident(nm->ir, f->name);
		else if (!f->is_bitfield) /* unnamed bit-fields are padding: no accessor */
			f->rname = arena_printf(nm->ir->arena, "__bindgen_anon_%u", ++anon);
	}
}

static void name_consts(struct namer *nm, struct ir_item *it)
{
	bool prefixed = it->name || it->typedef_name;
	for (uint32_t i = 0; i < it->nconsts; i++) {
		struct ir_enumerator *e = &it->consts[i];
		e->rname = prefixed ? arena_printf(nm->ir->arena, "%s_%s", it->rname, e->name)
				    : rust_ident(nm->ir, e->name);
	}
}

/* Parameters keep their C names; unnamed ones are arg1, arg2, ... */
static void name_params(struct namer *nm, struct ir_item *it)
{
	const struct ir_type *f = ir_type(nm->ir, ir_resolve(nm->ir, it->type));
	const char **names = arena_alloc(nm->ir->arena, (f->nparams + 1) * sizeof(char *));
	for (uint32_t i = 0; i < f->nparams; i++) {
		const char *n = it->param_names ? it->param_names[i] : NULL;
		names[i] = n ? rust_ident(nm->ir, n) : arena_printf(nm->ir->arena, "arg%u", i + 1);
	}
	it->param_names = names;
}

static const char *item_name(struct namer *nm, item_id id)
{
	struct ir_item *it = ir_item(nm->ir, id);
	if (it->rname)
		return it->rname;
	switch (it->kind) {
	case IT_RECORD:
	case IT_ENUM:
		it->rname = record_or_enum_name(nm, it);
		name_fields(nm, it);
		name_consts(nm, it);
		break;
	case IT_FUNC:
		name_params(nm, it);
		/* fall through */
	default:
		it->rname = it->name ? rust_ident(nm->ir, it->name) : NULL;
		/* a symbol renamed for Rust ('$') keeps its own for the linker */
		if ((it->kind == IT_FUNC || it->kind == IT_VAR) && !it->helper && !it->link_name &&
		    it->name && strchr(it->name, '$'))
			it->link_name = it->name;
		break;
	}
	return it->rname;
}

/* A typedef that names its target's own name (typedef struct foo foo) is not emitted. */
static void drop_same_name_typedef(struct ir *ir, struct ir_item *it)
{
	const struct ir_type *t = ir_type(ir, it->type);
	if (t->kind == TY_ITEM && ir_item(ir, t->item)->kind != IT_TYPEDEF &&
	    !strcmp(ir_item(ir, t->item)->rname, it->rname))
		it->selected = false;
}

void ir_name(struct ir *ir)
{
	struct namer nm = { .ir = ir };
	/*
	 * ids follow the source, so anonymous numbering does too; emitted items
	 * are numbered first so that headers the output does not draw from do
	 * not shift the numbers.
	 */
	for (item_id id = 1; id < ir->nitems; id++)
		if (ir_item(ir, id)->selected)
			item_name(&nm, id);
	for (item_id id = 1; id < ir->nitems; id++)
		if (ir_item(ir, id)->kind != IT_MACRO)
			item_name(&nm, id);
	for (item_id id = 1; id < ir->nitems; id++) {
		struct ir_item *it = ir_item(ir, id);
		if (it->kind == IT_TYPEDEF && it->selected)
			drop_same_name_typedef(ir, it);
	}
}
