/*
 * emit.h: private to src/emit, the readers of the frozen IR.
 *
 * spell.c spells types and lays out lines the way rustfmt would;
 * rust.c writes the items; bitwise.c the newtypes of __bitwise typedefs.
 */
#ifndef KRUST_EMIT_H
#define KRUST_EMIT_H

#include "ir/ir.h"

enum { MAX_WIDTH = 100 }; /* rustfmt's max_width */

struct emitter {
	const struct ir *ir;
	const struct bindgen_opts *o;
	struct strbuf *out;
};

void put_prim(const struct emitter *e, struct strbuf *sb, enum ir_prim p);
void put_type(const struct emitter *e, struct strbuf *sb, type_id t);
/* The Rust newtype of a pointer C marks __user, __iomem or __rcu. */
const char *tag_type_name(enum ptr_tag tag);
char *type_str(const struct emitter *e, type_id t); /* caller frees */
void indent(struct strbuf *sb, int level);
/* LEAD(PARAMS) -> RET TRAIL at an indentation level; names NULL in fn types. */
void put_fn_sig(const struct emitter *e, struct strbuf *sb, int level, const char *lead,
		type_id fn, const char *const *names, const char *trail);
/* LEAD TYPE TRAIL, e.g. "pub x: " T ",". */
void put_typed_line(const struct emitter *e, int level, const char *lead, type_id t,
		    const char *trail);
/* A C doc comment as /// lines. */
void put_doc(struct strbuf *sb, int level, const char *raw);

/* bitwise.c: a __bitwise typedef as a newtype (and its operators) */
void emit_bitwise_typedef(const struct emitter *e, const struct ir_item *it);

#endif
