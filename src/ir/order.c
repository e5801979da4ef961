/*
 * order.c: the order of the output, and one item per Rust name.
 *
 * Items come out in source order (by file, in the order clang first met
 * them, then by position), which keeps related declarations together and
 * makes the output the same from run to run. Rust needs no declaration
 * before use, so no topological sort is needed.
 *
 * C has separate namespaces for tags, typedefs and macros where Rust has one
 * for types and one for values: when two emitted items would share a name,
 * the first in order keeps it. A macro that repeats a name is dropped
 * quietly (headers often #define a name to itself); anything else is warned
 * about.
 */
#include "ir/ir.h"

#include <stdlib.h>
#include <string.h>

struct name_set {
	const char **slots;
	size_t n;
};

/* Adds name; false when it was there already. */
static bool set_add(struct name_set *s, const char *name)
{
	size_t j = hash_str(HASH_INIT, name) & (s->n - 1);
	while (s->slots[j]) {
		if (!strcmp(s->slots[j], name))
			return false;
		j = (j + 1) & (s->n - 1);
	}
	s->slots[j] = name;
	return true;
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

static bool claim_names(struct name_set *types, struct name_set *values, struct ir_item *it)
{
	if (is_type(it) && !set_add(types, it->rname))
		return false;
	if (!is_type(it) && !set_add(values, it->rname))
		return false;
	for (uint32_t i = 0; i < it->nconsts; i++)
		set_add(values, it->consts[i].rname);
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

	size_t names = ir->norder, cap = 64;
	for (uint32_t i = 0; i < ir->norder; i++)
		names += ir_item(ir, ir->order[i])->nconsts;
	while (cap < 2 * names)
		cap *= 2;
	struct name_set types = { xcalloc(cap, sizeof(char *)), cap };
	struct name_set values = { xcalloc(cap, sizeof(char *)), cap };
	uint32_t kept = 0;
	ir->macros_emitted = 0;
	for (uint32_t i = 0; i < ir->norder; i++) {
		struct ir_item *it = ir_item(ir, ir->order[i]);
		if (!claim_names(&types, &values, it)) {
			if (it->kind != IT_MACRO)
				warn_at((struct srcloc){ it->loc.file, it->loc.line, 0 },
					"'%s' is already the name of another item; this one is left out",
					it->rname);
			it->selected = false;
			continue;
		}
		ir->macros_emitted += it->kind == IT_MACRO;
		ir->order[kept++] = ir->order[i];
	}
	ir->norder = kept;
	free(types.slots);
	free(values.slots);
}
