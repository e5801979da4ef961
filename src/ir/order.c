/*
 * order.c: the order of the output, and one item per Rust name.
 *
 * Items come out in source order (by file, in the order clang first met
 * them, then by position), which keeps related declarations together and
 * makes the output the same from run to run. Rust needs no declaration
 * before use, so no topological sort is needed.
 *
 * C has separate namespaces for tags, typedefs and macros where Rust has one
 * for types and one for values. Two types of one Rust name: the first in
 * order keeps it, and the other is left out with a warning. Values follow
 * C's preprocessor. Declarations (functions, variables, enum constants)
 * claim their names first, in order; then a macro in force at the end of
 * the headers takes its name from the declaration it hides, because C reads
 * the macro wherever the name is written:
 *   - an enum constant of the same value is the same constant, so the
 *     enum's is kept and the macro is dropped quietly (`enum { X = 1 };
 *     #define X X`, or glibc's IPPORT_RESERVED, in an enum of
 *     <netinet/in.h> and defined again by <netdb.h>);
 *   - an enum constant of another value, a function or a variable is left
 *     out with a warning, and the macro is emitted.
 * A line of the helper list whose macro this kernel declares as a function
 * instead is left out quietly: the function is bound.
 * A macro #undef'd before the end hides nothing, and is dropped quietly when
 * its name is taken: there, C reads the declaration. Names that are the same
 * only in Rust ('$' made '_') stay with the first, and the other is left out
 * with a warning.
 */
#include "ir/ir.h"

#include <stdlib.h>
#include <string.h>

/* Who has a value name: an item, or one constant of an enum item. */
struct holder {
	struct ir_item *item;
	struct ir_enumerator *konst;
};

struct names {
	struct map types;   /* Rust name -> struct ir_item */
	struct map values;  /* Rust name -> struct holder */
	struct arena *arena; /* the holders */
};

/* Gives name to it (or its constant c); false when another has it. */
static bool claim_value(struct names *nm, const char *name, struct ir_item *it,
			struct ir_enumerator *c)
{
	void **slot = map_put(&nm->values, map_str(name));
	if (*slot)
		return false;
	struct holder *h = arena_alloc(nm->arena, sizeof(*h));
	*h = (struct holder){ it, c };
	*slot = h;
	return true;
}

static void warn_taken(struct srcloc loc, const char *rname)
{
	warn_at((struct srcloc){ loc.file, loc.line, 0 },
		"'%s' is already the name of another item; this one is left out", rname);
}

/*
 * A listed macro that this kernel declares as a function of the same name
 * (krealloc is a function in one release and a macro in the next): the
 * function is what C calls, and the line is for the other kernels.
 */
static bool declared_function(struct names *nm, const struct ir_item *it)
{
	if (!it->listed)
		return false;
	const struct holder *h = map_get(&nm->values, map_str(it->rname));
	return h && !h->konst && h->item->kind == IT_FUNC && !h->item->listed &&
	       !strcmp(h->item->name, it->name);
}

/* qsort passes no context; the IR being sorted is here for by_position. */
static const struct ir *sort_ir;

static int by_position(const void *a, const void *b)
{
	const struct ir_item *x = ir_item(sort_ir, *(const item_id *)a);
	const struct ir_item *y = ir_item(sort_ir, *(const item_id *)b);
	if (x->file_idx != y->file_idx)
		return x->file_idx < y->file_idx ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return *(const item_id *)a < *(const item_id *)b ? -1 : 1;
}

static bool is_type(const struct ir_item *it)
{
	return it->kind == IT_RECORD || it->kind == IT_ENUM || it->kind == IT_TYPEDEF;
}

/* A type, and the constants of an enum; false when the type's name is taken. */
static bool claim_declaration(struct names *nm, struct ir_item *it)
{
	if (!is_type(it))
		return claim_value(nm, it->rname, it, NULL);
	void **slot = map_put(&nm->types, map_str(it->rname));
	if (*slot)
		return false;
	*slot = it;
	for (uint32_t i = 0; i < it->nconsts; i++) {
		struct ir_enumerator *c = &it->consts[i];
		if (!claim_value(nm, c->rname, it, c)) {
			warn_taken(c->loc, c->rname);
			c->hidden = true;
		}
	}
	return true;
}

/* The macro's value is the enum constant's: C gives both the same number. */
static bool same_value(const struct ir_item *macro, const struct ir_enumerator *c)
{
	const struct ir_mval *v = &macro->val;
	return (v->kind == MV_INT || v->kind == MV_CHAR) && (uint64_t)v->i == (uint64_t)c->value;
}

/* What C reads for the holder's name becomes the macro's; false when the
 * macro is the one to leave out. */
static bool claim_for_macro(struct holder *h, struct ir_item *macro)
{
	const char *c_name = h->konst ? h->konst->name : h->item->name;
	if (h->item->kind == IT_MACRO || strcmp(c_name, macro->name)) {
		warn_taken(macro->loc, macro->rname);
		return false;
	}
	if (macro->undefined || (h->konst && same_value(macro, h->konst)))
		return false;
	const char *what = h->konst ? "enum constant" : h->item->kind == IT_FUNC ? "function"
									 : "variable";
	struct srcloc at = h->konst ? h->konst->loc : h->item->loc;
	warn_at((struct srcloc){ at.file, at.line, 0 }, "%s '%s' is hidden by the macro at %s:%u, "
		"which C reads in its place; the %s is left out", what, c_name,
		macro->loc.file ? macro->loc.file : "?", macro->loc.line, what);
	if (h->konst)
		h->konst->hidden = true;
	else
		h->item->selected = false;
	*h = (struct holder){ macro, NULL };
	return true;
}

void ir_order(struct ir *ir)
{
	ir->order = xmalloc((ir->nitems + 1) * sizeof(*ir->order));
	ir->norder = 0;
	for (item_id id = 1; id < ir->nitems; id++)
		if (ir_item(ir, id)->selected && ir_item(ir, id)->rname)
			ir->order[ir->norder++] = id;
	sort_ir = ir;
	qsort(ir->order, ir->norder, sizeof(*ir->order), by_position);

	struct names nm = { .arena = arena_new() };
	map_init(&nm.types, ir->norder);
	map_init(&nm.values, ir->norder);
	for (uint32_t i = 0; i < ir->norder; i++) {
		struct ir_item *it = ir_item(ir, ir->order[i]);
		if (it->kind != IT_MACRO && !claim_declaration(&nm, it)) {
			if (!declared_function(&nm, it))
				warn_taken(it->loc, it->rname);
			it->selected = false;
		}
	}
	for (uint32_t i = 0; i < ir->norder; i++) {
		struct ir_item *it = ir_item(ir, ir->order[i]);
		if (it->kind != IT_MACRO || claim_value(&nm, it->rname, it, NULL))
			continue;
		it->selected = claim_for_macro(map_get(&nm.values, map_str(it->rname)), it);
	}
	map_free(&nm.types);
	map_free(&nm.values);
	arena_free(nm.arena);

	uint32_t kept = 0;
	ir->macros_emitted = 0;
	for (uint32_t i = 0; i < ir->norder; i++) {
		const struct ir_item *it = ir_item(ir, ir->order[i]);
		if (!it->selected)
			continue;
		ir->macros_emitted += it->kind == IT_MACRO;
		ir->order[kept++] = ir->order[i];
	}
	ir->norder = kept;
}
