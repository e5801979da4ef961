/*
 * layout.c: make Rust lay each record out exactly as clang does.
 *
 * clang's numbers (field offsets, size, alignment) are the truth. The pass
 * replays Rust's repr(C) algorithm over the types as they will be emitted
 * and, where Rust would place something elsewhere, says how to correct it:
 *
 *   1. plain repr(C), with explicit padding fields where clang leaves gaps
 *      Rust would not (a field whose C type is over-aligned, say) and
 *      repr(C, align(N)) when the record is more aligned than its fields;
 *   2. failing that, repr(C, packed(N)) with N the record's alignment, again
 *      with explicit padding: this is what fields of under-aligned types need
 *      (the kernel's compat_u64 is a u64 aligned to 4);
 *   3. failing that, for a record both packed and aligned, its fields in a
 *      packed record of their own held by an aligned one;
 *   4. failing that, an opaque blob of the right size and alignment, with a
 *      warning.
 *
 * Rust refuses a repr(align) type inside a repr(packed) one, and C packs
 * aligned records into packed ones freely. So a record that a packed one
 * holds, and that is more aligned than its fields by at most 8, is laid out
 * again with a zero-sized [uN; 0] member at offset 0 for its alignment.
 *
 * Bit-fields that share storage become one byte array (_bitfield_N) at the
 * byte offset where the first of them starts; the emitter adds accessors.
 * A zero-sized array of the bit-fields' declared type before it
 * (_bitfield_align_N, as in bindgen) gives the record the alignment that
 * type gives it in C, without a repr(align) that would keep the record out
 * of packed ones.
 */
#include "ir/ir.h"

#include <string.h>

/* Opaque bytes are an array of u8..u128 of the record's alignment up to this. */
enum { MAX_ELEM_ALIGN = 16 };

struct rl {
	uint64_t size, align;
};

static void layout_record(struct ir *ir, item_id id);

static uint64_t round_up(uint64_t n, uint64_t a)
{
	return a ? (n + a - 1) / a * a : n;
}

/* Rust's size and alignment for a type as the emitter spells it. */
static struct rl rust_layout(struct ir *ir, type_id t)
{
	const struct ir_type *ty = ir_type(ir, t);
	switch (ty->kind) {
	case TY_POINTER:
		return (struct rl){ 8, 8 };
	case TY_ARRAY: {
		struct rl e = rust_layout(ir, ty->elem);
		return (struct rl){ ty->flex ? 0 : e.size * ty->len, e.align };
	}
	case TY_ITEM: {
		struct ir_item *it = ir_item(ir, ty->item);
		if (it->kind == IT_TYPEDEF)
			return rust_layout(ir, it->type);
		if (it->kind == IT_RECORD) {
			layout_record(ir, ty->item);
			if (it->repr == REPR_INCOMPLETE)
				return (struct rl){ 0, 1 };
			return (struct rl){ it->size, it->align };
		}
		return (struct rl){ ty->size, ty->align ? ty->align : 1 };
	}
	default:
		return (struct rl){ ty->size, ty->align ? ty->align : 1 };
	}
}

static bool type_has_align(struct ir *ir, type_id t)
{
	const struct ir_type *ty = ir_type(ir, t);
	if (ty->kind == TY_ARRAY)
		return type_has_align(ir, ty->elem);
	if (ty->kind != TY_ITEM)
		return false;
	struct ir_item *it = ir_item(ir, ty->item);
	if (it->kind == IT_TYPEDEF)
		return type_has_align(ir, it->type);
	if (it->kind != IT_RECORD)
		return false;
	layout_record(ir, ty->item);
	return it->has_align;
}

/* The members being decided for one record. */
struct plan {
	struct ir *ir;
	struct ir_item *it;
	struct ir_member *m;
	uint32_t n;
	uint64_t cur;      /* Rust's offset after the last member */
	uint64_t maxalign;
	unsigned npad, nbits;
};

static void pad_to(struct plan *p, uint64_t off)
{
	if (off <= p->cur)
		return;
	p->m[p->n++] = (struct ir_member){
		.kind = M_PAD, .offset = p->cur, .size = off - p->cur,
		.name = arena_printf(p->ir->arena, "__bindgen_padding_%u", p->npad++),
	};
	p->cur = off;
}

static void plan_bitfield_align(struct plan *p, uint32_t i, uint32_t j, uint64_t start);

/* The largest alignment a zero-sized array of an unsigned integer gives. */
enum { MAX_MARKER_ALIGN = 8 };

/* Lay the record t is (or is an array of) out again without repr(align), if
 * that is all that keeps a packed record from holding it. */
static bool drop_repr_align(struct ir *ir, type_id t)
{
	const struct ir_type *ty = ir_type(ir, t);
	if (ty->kind == TY_ARRAY)
		return drop_repr_align(ir, ty->elem);
	if (ty->kind != TY_ITEM)
		return false;
	struct ir_item *it = ir_item(ir, ty->item);
	if (it->kind == IT_TYPEDEF)
		return drop_repr_align(ir, it->type);
	if (it->kind != IT_RECORD || it->repr != REPR_ALIGN || it->align > MAX_MARKER_ALIGN)
		return false;
	it->align_marker = true;
	it->laid_out = false;
	layout_record(ir, ty->item);
	return !it->has_align;
}

/* Bit-fields i.. that share storage: one byte array. Returns the next field. */
static uint32_t plan_bitfields(struct plan *p, uint32_t i, bool *ok)
{
	const struct ir_field *f = p->it->fields;
	uint32_t j = i;
	uint64_t start = f[i].offset / 8, end_bit = f[i].offset + f[i].width;
	while (j + 1 < p->it->nfields && f[j + 1].is_bitfield) {
		j++;
		if (f[j].width && f[j].offset + f[j].width > end_bit)
			end_bit = f[j].offset + f[j].width;
	}
	if (p->cur > start) {
		*ok = false;
		return j + 1;
	}
	pad_to(p, start);
	plan_bitfield_align(p, i, j, start);
	uint64_t end = (end_bit + 7) / 8;
	p->m[p->n++] = (struct ir_member){
		.kind = M_BITUNIT, .field = i, .nfields = j - i + 1, .offset = start,
		.size = end - start, .name = arena_printf(p->ir->arena, "_bitfield_%u", ++p->nbits),
	};
	p->cur = end;
	return j + 1;
}

static bool plan_struct(struct plan *p, uint64_t pack)
{
	bool ok = true;
	for (uint32_t i = 0; i < p->it->nfields && ok;) {
		const struct ir_field *f = &p->it->fields[i];
		if (f->is_bitfield && f->width == 0) {
			i++;
			continue;
		}
		if (f->is_bitfield) {
			i = plan_bitfields(p, i, &ok);
			continue;
		}
		struct rl l = rust_layout(p->ir, f->type);
		uint64_t a = pack && l.align > pack ? pack : l.align, off = f->offset / 8;
		if (pack && type_has_align(p->ir, f->type) && !drop_repr_align(p->ir, f->type))
			return false;
		if (f->offset % 8 || round_up(p->cur, a) > off)
			return false;
		if (round_up(p->cur, a) < off) {
			if (off % a)
				return false;
			pad_to(p, off);
		}
		p->m[p->n++] = (struct ir_member){ .kind = M_FIELD, .field = i, .offset = off, .size = l.size };
		p->cur = off + l.size;
		if (a > p->maxalign)
			p->maxalign = a;
		i++;
	}
	return ok;
}

/* The alignment marker bit-fields i..j need: their declared type's, as in C. */
static void plan_bitfield_align(struct plan *p, uint32_t i, uint32_t j, uint64_t start)
{
	uint64_t align = 1;
	for (uint32_t k = i; k <= j; k++)
		if (ir_type(p->ir, p->it->fields[k].type)->align > align)
			align = ir_type(p->ir, p->it->fields[k].type)->align;
	if (align > 1 && align <= p->it->align && start % align == 0) {
		p->m[p->n++] = (struct ir_member){ .kind = M_ALIGN, .offset = start, .size = align,
			.name = arena_printf(p->ir->arena, "_bitfield_align_%u", p->nbits + 1) };
		if (align > p->maxalign)
			p->maxalign = align;
	}
}

/* In a union every member starts at 0, each bit-field in storage of its own. */
static bool plan_union(struct plan *p)
{
	for (uint32_t i = 0; i < p->it->nfields; i++) {
		const struct ir_field *f = &p->it->fields[i];
		struct rl l = rust_layout(p->ir, f->type);
		if (f->is_bitfield && !f->width)
			continue;
		if (f->is_bitfield) {
			plan_bitfield_align(p, i, i, 0);
			l = (struct rl){ (f->width + 7) / 8, 1 };
			p->m[p->n++] = (struct ir_member){ .kind = M_BITUNIT, .field = i, .nfields = 1,
				.size = l.size, .name = arena_printf(p->ir->arena, "_bitfield_%u", ++p->nbits) };
		} else {
			p->m[p->n++] = (struct ir_member){ .kind = M_FIELD, .field = i, .size = l.size };
		}
		if (l.size > p->cur)
			p->cur = l.size;
		if (l.align > p->maxalign)
			p->maxalign = l.align;
	}
	return true;
}

/* Records more or less aligned than their fields; then the tail padding. */
static bool finish(struct plan *p, uint64_t pack)
{
	struct ir_item *it = p->it;
	uint64_t align = p->maxalign;
	if (pack) {
		if (align > pack)
			align = pack;
		if (align != it->align)
			return false;
		it->repr = REPR_PACKED;
		it->repr_n = pack;
	} else if (align > it->align) {
		if (!it->is_union)
			return false;
		for (uint32_t i = 0; i < it->nfields; i++)
			if (type_has_align(p->ir, it->fields[i].type))
				return false;
		it->repr = REPR_PACKED;
		it->repr_n = align = it->align;
	} else if (align < it->align && it->align_marker) {
		memmove(p->m + 1, p->m, p->n * sizeof(*p->m));
		p->m[0] = (struct ir_member){ .kind = M_ALIGN, .size = it->align,
			.name = arena_printf(p->ir->arena, "_align") };
		p->n++;
		align = it->align;
	} else if (align < it->align) {
		it->repr = REPR_ALIGN;
		it->repr_n = align = it->align;
	}
	if (it->is_union && round_up(p->cur, align) < it->size) {
		p->m[p->n++] = (struct ir_member){ .kind = M_PAD, .size = it->size,
			.name = arena_printf(p->ir->arena, "__bindgen_padding_%u", p->npad++) };
		p->cur = it->size;
	} else if (!it->is_union && round_up(p->cur, align) < it->size) {
		pad_to(p, it->size);
	}
	return round_up(p->cur, align) == it->size;
}

static bool try_plan(struct ir *ir, struct ir_item *it, uint64_t pack)
{
	struct plan p = { .ir = ir, .it = it, .maxalign = 1 };
	p.m = arena_alloc(ir->arena, (3 * it->nfields + 3) * sizeof(*p.m));
	it->repr = REPR_C;
	bool ok = it->is_union ? plan_union(&p) : plan_struct(&p, pack);
	if (!ok || !finish(&p, pack))
		return false;
	it->members = p.m;
	it->nmembers = p.n;
	it->has_align = it->repr == REPR_ALIGN;
	for (uint32_t i = 0; i < p.n; i++)
		if (p.m[i].kind == M_FIELD)
			it->has_align |= type_has_align(ir, it->fields[p.m[i].field].type);
	return true;
}

/* ir->order with id inserted before the item at position i. */
static void order_insert(struct ir *ir, uint32_t i, item_id id)
{
	ir->order = xrealloc(ir->order, (ir->norder + 1) * sizeof(*ir->order));
	memmove(ir->order + i + 1, ir->order + i, (ir->norder - i) * sizeof(*ir->order));
	ir->order[i] = id;
	ir->norder++;
}

/*
 * A record both packed and aligned (C's packed, aligned(N)) has fields at
 * offsets no alignment above 1 allows, and an alignment of N; Rust has no
 * repr for both. Its fields go into a packed record of their own, NAME__packed,
 * which an aligned NAME holds as its only member, __packed: the size, the
 * alignment and every offset are C's, and the fields are one step away.
 */
/* A Rust type name no emitted item has: base, else base_1, base_2, ... */
static const char *unused_type_name(struct ir *ir, const char *base)
{
	const char *name = base;
	for (unsigned n = 1;; n++) {
		bool taken = false;
		for (uint32_t i = 0; i < ir->norder && !taken; i++) {
			const struct ir_item *x = ir_item(ir, ir->order[i]);
			taken = x->rname && !strcmp(x->rname, name);
		}
		if (!taken)
			return name;
		name = arena_printf(ir->arena, "%s_%u", base, n);
	}
}

/* Structs only: a union's members would need the same care as plan_struct's. */
static bool split_packed_aligned(struct ir *ir, item_id id)
{
	struct ir_item *it = ir_item(ir, id);
	if (it->align <= 1 || !it->rname || it->is_union)
		return false;
	item_id inner_id = ir_new_item(ir, IT_RECORD);
	struct ir_item *inner = ir_item(ir, inner_id);
	inner->rname = unused_type_name(ir, arena_printf(ir->arena, "%s__packed", it->rname));
	inner->loc = it->loc;
	inner->file_idx = it->file_idx;
	inner->offset = it->offset;
	inner->filled = inner->complete = inner->selected = inner->laid_out = true;
	inner->size = it->size;
	inner->align = 1;
	inner->fields = it->fields;
	inner->nfields = it->nfields;
	if (!try_plan(ir, inner, 1)) {
		inner->selected = false;
		inner->rname = NULL;
		return false;
	}
	type_id t = ir_new_type(ir, TY_ITEM);
	ir_type(ir, t)->item = inner_id;
	ir_type(ir, t)->size = it->size;
	ir_type(ir, t)->align = 1;
	struct ir_field *f = arena_alloc(ir->arena, sizeof(*f));
	*f = (struct ir_field){ .name = "__packed", .rname = "__packed", .type = t };
	it->fields = f;
	it->nfields = 1;
	if (!try_plan(ir, it, 0)) {
		it->fields = inner->fields;
		it->nfields = inner->nfields;
		inner->selected = false;
		inner->rname = NULL;
		return false;
	}
	it->packed_part = inner_id;
	for (uint32_t i = 0; i < ir->norder; i++)
		if (ir->order[i] == id) {
			order_insert(ir, i, inner_id);
			break;
		}
	return true;
}

static void layout_record(struct ir *ir, item_id id)
{
	struct ir_item *it = ir_item(ir, id);
	if (it->laid_out)
		return;
	it->laid_out = true;
	if (!it->complete) {
		it->repr = REPR_INCOMPLETE;
		return;
	}
	if (!it->opaque && (try_plan(ir, it, 0) || (!it->is_union && try_plan(ir, it, it->align))))
		return;
	if (!it->opaque && split_packed_aligned(ir, id))
		return;
	if (!it->opaque)
		warn_at((struct srcloc){ it->loc.file, it->loc.line, 0 },
			"'%s': Rust cannot reproduce clang's layout (size %llu, align %llu); "
			"it is emitted opaque", it->rname, (unsigned long long)it->size,
			(unsigned long long)it->align);
	it->opaque = true;
	it->repr = REPR_OPAQUE;
	it->has_align = it->align > MAX_ELEM_ALIGN;
	it->nmembers = 0;
}

void ir_layout(struct ir *ir)
{
	for (uint32_t i = 0; i < ir->norder; i++)
		if (ir_item(ir, ir->order[i])->kind == IT_RECORD)
			layout_record(ir, ir->order[i]);
}
