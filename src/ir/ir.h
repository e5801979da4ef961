/*
 * ir.h: the bindings generator's intermediate representation.
 *
 * The pipeline is  clang/ (fills the IR)  ->  ir/ passes  ->  emit/ (reads it).
 * The IR is two tables indexed by id: types (structural: pointers, arrays,
 * functions, primitives, references to named items) and items (what C
 * declares: records, enums, typedefs, functions, variables, macros). Id 0 is
 * "none" in both. Types and items are allocated from the IR's arena, a
 * chunk of IR_CHUNK at a time, and never move: a pointer to one stays good
 * while the front end and the passes add more, and only the index of the
 * chunks grows. Everything lives in the arena and is freed at once.
 *
 * The passes run in a fixed order, each reading what the previous ones wrote:
 *   ir_eval_macros    macro token lists -> typed constants
 *   ir_select         allowlist/blocklist roots, then everything they need
 *   ir_name           Rust names (bindgen's conventions)
 *   ir_order          the emission order; one item per Rust name
 *   ir_layout         per record: members, explicit padding, repr
 * After ir_layout the IR is frozen: the emitters only read it.
 */
#ifndef KRUST_IR_H
#define KRUST_IR_H

#include "krust.h"
#include "map.h"

#include <regex.h>

typedef uint32_t type_id;
typedef uint32_t item_id;

/* Primitive types, by their Rust spelling (see ir_prim_name). */
enum ir_prim {
	/* these first ones live under the ctypes prefix */
	P_VOID, P_CHAR, P_SCHAR, P_UCHAR, P_SHORT, P_USHORT, P_INT, P_UINT,
	P_LONG, P_ULONG, P_LLONG, P_ULLONG,
	P_BOOL, P_I128, P_U128,
	P_FLOAT, P_DOUBLE, P_LDOUBLE,
	P_USIZE, P_ISIZE,
	/* exact-width types: macro constants, typedefs named like them */
	P_I8, P_U8, P_I16, P_U16, P_I32, P_U32, P_I64, P_U64, P_F64,
};

enum type_kind {
	TY_PRIM,
	TY_POINTER,     /* elem: pointee */
	TY_ARRAY,       /* elem, len; incomplete arrays have len 0 and flex set */
	TY_FUNC,        /* elem: result; params */
	TY_ITEM,        /* a record, enum or typedef item */
	TY_UNSUPPORTED, /* why: clang's spelling of the type */
};

/* A sparse annotation on a pointer's target (clang's btf_type_tag). */
enum ptr_tag { TAG_NONE, TAG_USER, TAG_IOMEM, TAG_RCU };

struct ir_type {
	enum type_kind kind;
	enum ptr_tag tag; /* TY_POINTER: the address space C marks it with */
	bool is_const;
	bool flex;      /* TY_ARRAY: [] in C */
	bool variadic;  /* TY_FUNC */
	bool noreturn;  /* TY_FUNC: never returns (-> !) */
	enum ir_prim prim;
	type_id elem;
	item_id item;
	uint64_t len;
	type_id *params;
	uint32_t nparams;
	uint64_t size, align; /* clang's numbers in bytes; 0 when unknown */
	const char *why;
};

enum item_kind { IT_RECORD, IT_ENUM, IT_TYPEDEF, IT_FUNC, IT_VAR, IT_MACRO };

struct ir_field {
	const char *name;  /* NULL for an anonymous struct/union member */
	const char *rname; /* ir_name */
	type_id type;
	uint64_t offset;   /* in bits, clang's */
	unsigned width;    /* bit-field width; 0 when not a bit-field */
	bool is_bitfield;
	const char *doc;
};

struct ir_enumerator {
	const char *name;
	const char *rname;
	int64_t value;     /* unsigned values are stored bit for bit */
	const char *doc;
	struct srcloc loc;
	bool hidden;       /* ir_order: left out, a macro of its name stands for it */
};

struct ir_token {
	enum { TK_PUNCT, TK_IDENT, TK_KEYWORD, TK_LITERAL, TK_COMMENT } kind;
	const char *text;
};

/* A macro constant once evaluated. */
enum mval_kind { MV_NONE, MV_INT, MV_FLOAT, MV_CHAR, MV_STR };
struct ir_mval {
	enum mval_kind kind;
	bool big;          /* MV_INT: above INT64_MAX, held bit for bit in i */
	bool uns, wide;    /* MV_INT from tokens: C's type is unsigned, long (not int) */
	int64_t i;
	double f;
	const char *str;   /* MV_STR: bytes, NUL not included */
	size_t len;
};

/* ir_layout's decision for one emitted member of a record. */
struct ir_member {
	enum { M_FIELD, M_PAD, M_BITUNIT, M_ALIGN } kind;
	const char *name;  /* rust name: field, __bindgen_padding_N, _bitfield_N, _bitfield_align_N */
	uint32_t field;    /* M_FIELD: index into fields; M_BITUNIT: first bit-field */
	uint32_t nfields;  /* M_BITUNIT: how many bit-fields share the unit */
	uint64_t offset;   /* bytes */
	uint64_t size;     /* M_PAD, M_BITUNIT: bytes; M_ALIGN: the alignment it gives */
};

enum repr_kind { REPR_C, REPR_PACKED, REPR_ALIGN, REPR_OPAQUE, REPR_INCOMPLETE };

struct ir_item {
	enum item_kind kind;
	item_id id;         /* its own index in the table */
	const char *name;   /* C spelling; NULL when anonymous */
	const char *rname;  /* ir_name; NULL when not emitted */
	struct srcloc loc;  /* loc.file NULL for clang's own declarations */
	uint32_t file_idx;  /* order of first appearance of loc.file, for sorting */
	uint32_t offset;    /* byte offset in loc.file, for sorting */
	const char *doc;    /* raw comment text, or NULL */
	bool filled;        /* the front end has seen the definition */

	/* IT_RECORD */
	bool is_union;
	bool complete;
	uint64_t size, align;
	struct ir_field *fields;
	uint32_t nfields;
	item_id parent;          /* anonymous record: the record it is declared in */
	unsigned anon_index;     /* anonymous record: 1, 2, ... within parent */
	const char *typedef_name;/* anonymous record or enum named by a typedef */
	bool typedef_realigned;  /* ... whose typedef has another alignment */
	/* IT_ENUM: its integer type; IT_TYPEDEF with maps_to_prim: the primitive */
	enum ir_prim repr_prim;
	struct ir_enumerator *consts;
	uint32_t nconsts;
	/* IT_TYPEDEF, IT_FUNC (the TY_FUNC), IT_VAR */
	type_id type;
	/* IT_TYPEDEF: sparse's __bitwise, a type of its own (gfp_t, __le32) */
	bool bitwise;
	/* IT_FUNC, IT_VAR: the symbol, when an asm label renames it */
	const char *link_name;
	/* IT_FUNC */
	const char **param_names;
	/* IT_FUNC with no symbol (static inline, or a macro from the helper list):
	 * called through a C shim (helpers.c) named HELPER_PREFIX + name */
	bool helper;
	const char *c_result;     /* clang's spelling of the result type */
	const char **c_params;    /* ... and of each parameter's type */
	const char **c_names;     /* the parameters' C names (param_names become Rust's) */
	const char *c_body;       /* macro helpers: the expression the shim returns */
	bool listed;              /* a line of the helper list, not a declaration */
	/* IT_MACRO */
	const struct ir_token *tokens;
	uint32_t ntokens;
	bool undefined;      /* #undef'd before the end of the headers: C no longer reads it */
	struct ir_mval val;
	enum ir_prim val_prim;
	struct ir_mval cval; /* clang's value when the tokens say too little */
	type_id ctype;       /* ... and the type C gives it */

	/* passes */
	bool selected;       /* ir_select: emitted */
	bool opaque;         /* --opaque-type, or not expressible */
	bool maps_to_prim;   /* typedef used as its target (size_t -> usize) */
	bool laid_out;       /* ir_layout has decided this record */
	bool has_align;      /* has or contains a repr(align): packed may not hold it */
	bool align_marker;   /* aligned by a zero-sized [uN; 0] member, not repr(align),
	                        because a packed record holds it */
	item_id packed_part; /* packed and aligned: the packed record holding the
	                        fields, this one's only member (ir_layout) */
	enum repr_kind repr;
	uint64_t repr_n;     /* REPR_PACKED/REPR_ALIGN: N */
	struct ir_member *members;
	uint32_t nmembers;
};

struct ir {
	struct arena *arena;
	struct arena *adopted[4]; /* ir_adopt_arena */
	unsigned nadopted;
	struct ir_type **types; /* chunks of IR_CHUNK types, in the arena */
	uint32_t ntypes, cap_types; /* cap_types: chunks the array has room for */
	struct ir_item **items; /* chunks of IR_CHUNK items, in the arena */
	uint32_t nitems, cap_items;
	item_id *order;      /* ir_order: the emitted items */
	uint32_t norder;
	const char **files;  /* file_idx -> path */
	uint32_t nfiles, cap_files;
	struct map file_ids; /* path -> file_idx + 1 */
	/* the clang driver did not run: what only it evaluates is missing, and
	 * the output depends on something no file names */
	bool constants_partial;
	/* counts for --stats */
	unsigned macros_seen, macros_evaluated, macros_emitted;
};

/* One category of allowlist/blocklist: several regexes or-ed together. */
struct name_filter {
	struct strvec pats;
	regex_t re;
	bool compiled;
};

struct bindgen_opts {
	struct name_filter allow_fn, allow_type, allow_var, allow_file;
	struct name_filter block_fn, block_type, block_var, block_file;
	struct name_filter opaque;
	const char *ctypes_prefix; /* "core::ffi" */
	const char *helpers_c;     /* --helpers-c: where to write the C shims */
	const char *helper_macros; /* --helper-macros: the typed macro list */
	bool layout_checks;
	bool stats;
};

/* ir.c: the tables */
struct ir *ir_new(void);
void ir_free(struct ir *ir);
/* The IR takes a (the front end's thread's) and frees it with its own. */
void ir_adopt_arena(struct ir *ir, struct arena *a);
/* lex.c: the C tokens of text, in a (a macro's body as clang -E -dM prints it). */
struct ir_token *ir_lex(struct arena *a, const char *text, uint32_t *ntokens);
type_id ir_new_type(struct ir *ir, enum type_kind kind);
item_id ir_new_item(struct ir *ir, enum item_kind kind);
enum { IR_CHUNK_SHIFT = 8, IR_CHUNK = 1 << IR_CHUNK_SHIFT };
static inline struct ir_type *ir_type(const struct ir *ir, type_id t)
{
	return &ir->types[t >> IR_CHUNK_SHIFT][t & (IR_CHUNK - 1)];
}
static inline struct ir_item *ir_item(const struct ir *ir, item_id i)
{
	return &ir->items[i >> IR_CHUNK_SHIFT][i & (IR_CHUNK - 1)];
}
uint32_t ir_file_index(struct ir *ir, const char *path);
const char *ir_prim_name(enum ir_prim p, bool *ffi);
bool ir_prim_signed(enum ir_prim p);
/* Follow typedefs (and const) down to the type that gives the shape. */
type_id ir_resolve(const struct ir *ir, type_id t);
/* Whether a type is a function type, possibly behind typedefs. */
bool ir_is_func(const struct ir *ir, type_id t);
/* The __bitwise typedef t is or stands for (through other typedefs), or NULL. */
const struct ir_item *ir_bitwise(const struct ir *ir, type_id t);

/* name filters (select.c) */
bool filter_add(struct name_filter *f, const char *pattern);
bool filter_compile(struct name_filter *f, const char *option);
bool filter_match(const struct name_filter *f, const char *name);
void filter_free(struct name_filter *f);

/* the passes, in order */
void ir_eval_macros(struct ir *ir);
void ir_select(struct ir *ir, const struct bindgen_opts *o);
void ir_name(struct ir *ir);
void ir_order(struct ir *ir);
void ir_layout(struct ir *ir);

/* front end (clang/) and back end (emit/) */
/* appendix (or NULL): C text clang reads after the main header, as its continuation */
bool clang_parse_headers(struct ir *ir, const struct strvec *headers, const struct strvec *args,
			 const char *appendix);
void emit_rust(const struct ir *ir, const struct bindgen_opts *o, struct strbuf *out);
/* helpers.c: the C shims of the selected helpers, after #includes of headers,
 * and into index where each lies in out (see emit/helpers.c) */
void emit_helpers_c(const struct ir *ir, const struct strvec *headers, struct strbuf *out,
		    struct strbuf *index);
/* ir/helpers.c: the helper macro list as C declarations clang can type */
bool helper_macros_source(const char *list, struct strbuf *out);

#endif
