/*
 * ir.c: the IR's tables and the questions every pass asks of them.
 *
 * Types and items are allocated from the arena in chunks of IR_CHUNK and
 * keep their address; the tables are arrays of pointers to the chunks, and
 * only those arrays grow. So a pass may hold an item while it adds others
 * (a record's walk fills the records its fields name), as chibicc holds its
 * nodes, and an item costs what its struct does. Everything else (names,
 * fields, token lists) comes from the arena too.
 */
#include "ir/ir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ir *ir_new(void)
{
	struct ir *ir = xcalloc(1, sizeof(*ir));
	ir->arena = arena_new();
	map_init(&ir->file_ids, 64);
	/* id 0 is "none" in both tables */
	ir_new_type(ir, TY_PRIM);
	ir_new_item(ir, IT_MACRO);
	ir_file_index(ir, "");
	return ir;
}

void ir_free(struct ir *ir)
{
	if (!ir)
		return;
	free(ir->types);
	free(ir->items);
	free(ir->files);
	free(ir->order);
	map_free(&ir->file_ids);
	arena_free(ir->arena);
	for (unsigned i = 0; i < ir->nadopted; i++)
		arena_free(ir->adopted[i]);
	free(ir);
}

void ir_adopt_arena(struct ir *ir, struct arena *a)
{
	if (ir->nadopted == sizeof(ir->adopted) / sizeof(*ir->adopted))
		fatal("ir_adopt_arena: more than %zu arenas", sizeof(ir->adopted) / sizeof(*ir->adopted));
	ir->adopted[ir->nadopted++] = a;
}

/* Room in a growing array for element n. */
static void *grow_index(void *v, uint32_t n, uint32_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 1024;
	return xrealloc(v, *cap * size);
}

/* A new chunk starts when the last one is full. */
type_id ir_new_type(struct ir *ir, enum type_kind kind)
{
	uint32_t chunk = ir->ntypes / IR_CHUNK;
	if (ir->ntypes % IR_CHUNK == 0) {
		ir->types = grow_index(ir->types, chunk, &ir->cap_types, sizeof(*ir->types));
		ir->types[chunk] = arena_alloc(ir->arena, IR_CHUNK * sizeof(**ir->types));
	}
	ir_type(ir, ir->ntypes)->kind = kind;
	return ir->ntypes++;
}

item_id ir_new_item(struct ir *ir, enum item_kind kind)
{
	uint32_t chunk = ir->nitems / IR_CHUNK;
	if (ir->nitems % IR_CHUNK == 0) {
		ir->items = grow_index(ir->items, chunk, &ir->cap_items, sizeof(*ir->items));
		ir->items[chunk] = arena_alloc(ir->arena, IR_CHUNK * sizeof(**ir->items));
	}
	struct ir_item *it = ir_item(ir, ir->nitems);
	it->kind = kind;
	it->id = ir->nitems;
	return ir->nitems++;
}

/* The map holds file_idx + 1 as its value, so that a missing path is NULL. */
uint32_t ir_file_index(struct ir *ir, const char *path)
{
	void *known = map_get(&ir->file_ids, map_str(path));
	if (known)
		return (uint32_t)((uintptr_t)known - 1);
	ir->files = grow_index(ir->files, ir->nfiles, &ir->cap_files, sizeof(*ir->files));
	/* the key is the arena's copy, which lives as long as the map */
	const char *copy = arena_strdup(ir->arena, path);
	ir->files[ir->nfiles] = copy;
	*map_put(&ir->file_ids, map_str(copy)) = (void *)(uintptr_t)(ir->nfiles + 1);
	return ir->nfiles++;
}

/* The Rust spelling; *ffi says it lives under the ctypes prefix. */
const char *ir_prim_name(enum ir_prim p, bool *ffi)
{
	static const char *const names[] = {
		[P_VOID] = "c_void", [P_CHAR] = "c_char", [P_SCHAR] = "c_schar",
		[P_UCHAR] = "c_uchar", [P_SHORT] = "c_short", [P_USHORT] = "c_ushort",
		[P_INT] = "c_int", [P_UINT] = "c_uint", [P_LONG] = "c_long",
		[P_ULONG] = "c_ulong", [P_LLONG] = "c_longlong", [P_ULLONG] = "c_ulonglong",
		[P_BOOL] = "bool", [P_I128] = "i128", [P_U128] = "u128",
		/* like bindgen: x86-64's long double has u128's size and alignment */
		[P_LDOUBLE] = "u128", [P_FLOAT] = "f32", [P_DOUBLE] = "f64",
		[P_USIZE] = "usize", [P_ISIZE] = "isize", [P_I8] = "i8", [P_U8] = "u8",
		[P_I16] = "i16", [P_U16] = "u16", [P_I32] = "i32",
		[P_U32] = "u32", [P_I64] = "i64", [P_U64] = "u64", [P_F64] = "f64",
	};
	*ffi = p <= P_ULLONG;
	return names[p];
}

bool ir_prim_signed(enum ir_prim p)
{
	return p == P_CHAR || p == P_SCHAR || p == P_SHORT || p == P_INT || p == P_LONG ||
	       p == P_LLONG || p == P_I128 || p == P_I8 || p == P_I16 || p == P_I32 ||
	       p == P_I64 || p == P_ISIZE;
}

type_id ir_resolve(const struct ir *ir, type_id t)
{
	while (t) {
		const struct ir_type *ty = ir_type(ir, t);
		if (ty->kind != TY_ITEM)
			return t;
		const struct ir_item *it = ir_item(ir, ty->item);
		if (it->kind != IT_TYPEDEF)
			return t;
		t = it->type;
	}
	return t;
}

bool ir_is_func(const struct ir *ir, type_id t)
{
	t = ir_resolve(ir, t);
	return t && ir_type(ir, t)->kind == TY_FUNC;
}

const struct ir_item *ir_bitwise(const struct ir *ir, type_id t)
{
	while (t && ir_type(ir, t)->kind == TY_ITEM) {
		const struct ir_item *it = ir_item(ir, ir_type(ir, t)->item);
		if (it->kind != IT_TYPEDEF)
			return NULL;
		if (it->bitwise)
			return it;
		t = it->type;
	}
	return NULL;
}
