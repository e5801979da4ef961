/*
 * rust.c: the frozen IR as Rust items.
 *
 * It reads only the IR, never libclang. Items keep the IR's order; nothing
 * here depends on addresses or hash order, so equal input gives
 * byte-identical output.
 *
 * The output holds items only, no inner attributes: it is meant to be
 * include!d by a module that says
 *   #![allow(non_camel_case_types, non_upper_case_globals, non_snake_case, dead_code)]
 * (krust's kernel crate does), and it names only core. Every record is
 * plain data and derives Copy and Clone, which unions need of their fields.
 */
#include "emit/emit.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- constants */

static void put_byte_string(struct strbuf *sb, const char *s, size_t n)
{
	sb_adds(sb, "b\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			sb_printf(sb, "\\%c", c);
		else if (c == '\n')
			sb_adds(sb, "\\n");
		else if (c == '\t')
			sb_adds(sb, "\\t");
		else if (c == '\r')
			sb_adds(sb, "\\r");
		else if (c >= 0x20 && c < 0x7f)
			sb_addc(sb, (char)c);
		else
			sb_printf(sb, "\\x%02x", c);
	}
	sb_adds(sb, "\\0\"");
}

/* The shortest decimal that reads back as the same double, as a Rust float. */
static void put_float(struct strbuf *sb, double d)
{
	char buf[64];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	sb_adds(sb, buf);
	if (!strpbrk(buf, ".e"))
		sb_adds(sb, ".0");
}

/* A constant clang evaluated, in the C type it has: a typedef, or a primitive. */
static void put_typed_value(const struct emitter *e, struct strbuf *ty, struct strbuf *val,
			    const struct ir_item *it)
{
	put_type(e, ty, it->type);
	const struct ir_type *t = ir_type(e->ir, ir_resolve(e->ir, it->type));
	const struct ir_mval *v = &it->val;
	/* a __bitwise type's value is built by its newtype's constructor */
	const struct ir_item *bw = ir_bitwise(e->ir, it->type);
	if (bw)
		sb_printf(val, "%s(", bw->rname);
	if (v->kind == MV_FLOAT)
		put_float(val, v->f);
	else if (t->kind == TY_PRIM && t->prim == P_BOOL)
		sb_adds(val, v->i ? "true" : "false");
	else if (t->kind == TY_PRIM && ir_prim_signed(t->prim))
		sb_printf(val, "%lld", (long long)v->i);
	else
		sb_printf(val, "%llu", (unsigned long long)v->i);
	if (bw)
		sb_addc(val, ')');
}

static void put_macro_value(const struct emitter *e, struct strbuf *ty, struct strbuf *val,
			    const struct ir_item *it)
{
	const struct ir_mval *v = &it->val;
	if (it->type)
		return put_typed_value(e, ty, val, it);
	switch (v->kind) {
	case MV_STR:
		sb_printf(ty, "&[u8; %zu]", v->len + 1);
		put_byte_string(val, v->str, v->len);
		break;
	case MV_FLOAT:
		sb_adds(ty, "f64");
		put_float(val, v->f);
		break;
	case MV_CHAR:
		sb_adds(ty, "u8");
		sb_printf(val, "%u", (unsigned)(v->i & 0xff));
		break;
	default:
		put_prim(e, ty, it->val_prim);
		if (ir_prim_signed(it->val_prim))
			sb_printf(val, "%lld", (long long)v->i);
		else
			sb_printf(val, "%llu", (unsigned long long)v->i);
		break;
	}
}

/*
 * "pub const NAME: TYPE = VALUE;" as rustfmt lays it out when it is too long:
 * the value on the next line if the rest fits, else the type and value.
 */
static void put_const(struct strbuf *sb, const char *name, const char *ty, const char *val)
{
	size_t head = strlen("pub const N: T =") - 2 + strlen(name) + strlen(ty);
	if (head + 1 + strlen(val) + 1 <= MAX_WIDTH)
		sb_printf(sb, "pub const %s: %s = %s;\n", name, ty, val);
	else if (head <= MAX_WIDTH && 4 + strlen(val) + 1 <= MAX_WIDTH)
		sb_printf(sb, "pub const %s: %s =\n    %s;\n", name, ty, val);
	else if (head <= MAX_WIDTH)
		sb_printf(sb, "pub const %s: %s = %s;\n", name, ty, val);
	else
		sb_printf(sb, "pub const %s:\n    %s = %s;\n", name, ty, val);
}

static void emit_macro(const struct emitter *e, const struct ir_item *it)
{
	struct strbuf ty, val;
	sb_init(&ty);
	sb_init(&val);
	put_macro_value(e, &ty, &val, it);
	put_const(e->out, it->rname, ty.buf, val.buf);
	sb_free(&ty);
	sb_free(&val);
}

static void emit_enum(const struct emitter *e, const struct ir_item *it)
{
	for (uint32_t i = 0; i < it->nconsts; i++) {
		const struct ir_enumerator *c = &it->consts[i];
		if (c->hidden)
			continue;
		char val[32];
		if (ir_prim_signed(it->repr_prim))
			snprintf(val, sizeof(val), "%lld", (long long)c->value);
		else
			snprintf(val, sizeof(val), "%llu", (unsigned long long)c->value);
		put_doc(e->out, 0, c->doc);
		put_const(e->out, c->rname, it->rname, val);
	}
	put_doc(e->out, 0, it->doc);
	sb_printf(e->out, "pub type %s = ", it->rname);
	put_prim(e, e->out, it->repr_prim);
	sb_adds(e->out, ";\n");
}

/*
 * Opaque bytes: an array of the unsigned integer as aligned as the type, as
 * bindgen does, so that no repr(align) keeps it out of packed records; past
 * u128's alignment only repr(align) will do.
 */
static void put_opaque_body(const struct emitter *e, const char *kw, const char *name,
			    uint64_t size, uint64_t align)
{
	if (align > 16)
		sb_printf(e->out, "#[repr(C, align(%llu))]\n", (unsigned long long)align);
	else
		sb_adds(e->out, "#[repr(C)]\n");
	sb_adds(e->out, "#[derive(Copy, Clone)]\n");
	if (align > 16 || !align)
		align = 1;
	sb_printf(e->out, "pub %s %s {\n    pub _opaque: [u%llu; %llu],\n}\n", kw, name,
		  8 * (unsigned long long)align, (unsigned long long)(size / align));
}

static void emit_typedef(const struct emitter *e, const struct ir_item *it)
{
	put_doc(e->out, 0, it->doc);
	if (it->opaque) { /* of a type Rust cannot express: bytes in its place */
		const struct ir_type *t = ir_type(e->ir, it->type);
		put_opaque_body(e, "struct", it->rname, t->size, t->align);
		return;
	}
	if (it->bitwise)
		return emit_bitwise_typedef(e, it);
	char *lead = xasprintf("pub type %s = ", it->rname);
	put_typed_line(e, 0, lead, it->type, ";");
	free(lead);
}

/* ---------------------------------------------------------------- records */

static void emit_repr(const struct emitter *e, const struct ir_item *it)
{
	switch (it->repr) {
	case REPR_PACKED:
		if (it->repr_n == 1)
			sb_adds(e->out, "#[repr(C, packed)]\n");
		else
			sb_printf(e->out, "#[repr(C, packed(%llu))]\n", (unsigned long long)it->repr_n);
		break;
	case REPR_ALIGN:
		sb_printf(e->out, "#[repr(C, align(%llu))]\n", (unsigned long long)it->repr_n);
		break;
	default:
		sb_adds(e->out, "#[repr(C)]\n");
		break;
	}
	sb_adds(e->out, "#[derive(Copy, Clone)]\n");
}

static void emit_member(const struct emitter *e, const struct ir_item *it, const struct ir_member *m)
{
	if (m->kind == M_ALIGN) {
		sb_printf(e->out, "    pub %s: [u%llu; 0],\n", m->name, 8 * (unsigned long long)m->size);
		return;
	}
	if (m->kind != M_FIELD) {
		sb_printf(e->out, "    pub %s: [u8; %llu],\n", m->name, (unsigned long long)m->size);
		return;
	}
	const struct ir_field *f = &it->fields[m->field];
	put_doc(e->out, 1, f->doc);
	char *lead = xasprintf("pub %s: ", f->rname);
	put_typed_line(e, 1, lead, f->type, ",");
	free(lead);
}

static void emit_record_body(const struct emitter *e, const struct ir_item *it)
{
	const char *kw = it->is_union ? "union" : "struct";
	if (it->repr == REPR_INCOMPLETE) {
		sb_printf(e->out, "pub %s %s {\n    _unused: [u8; 0],\n}\n", kw, it->rname);
		return;
	}

	if (!it->nmembers) { /* a field keeps improper_ctypes quiet about an empty struct */
		sb_printf(e->out, "pub %s %s {\n    pub _unused: [u8; 0],\n}\n", kw, it->rname);
		return;
	}
	sb_printf(e->out, "pub %s %s {\n", kw, it->rname);
	for (uint32_t i = 0; i < it->nmembers; i++)
		emit_member(e, it, &it->members[i]);
	sb_adds(e->out, "}\n");
}

/* Accessors for the bit-fields of one storage unit. */
static void emit_bitfield_accessors(const struct emitter *e, const struct ir_member *m,
				    const struct ir_item *it)
{
	struct strbuf *sb = e->out;
	for (uint32_t k = m->field; k < m->field + m->nfields; k++) {
		const struct ir_field *f = &it->fields[k];
		if (!f->rname || !f->width)
			continue;
		unsigned long long bit = f->offset - 8 * m->offset;
		type_id rt = ir_resolve(e->ir, f->type);
		const struct ir_type *r = ir_type(e->ir, rt);
		enum ir_prim p = r->kind == TY_ITEM ? ir_item(e->ir, r->item)->repr_prim : r->prim;
		char *ty = type_str(e, f->type);
		/* union bytes may be another member's, partly uninitialized */
		const char *unsafe_ = it->is_union ? "unsafe " : "";
		const char *safety = it->is_union ? "    /// # Safety\n    /// The bit-field's bytes must be initialized.\n" : "";
		const char *open = it->is_union ? "        // SAFETY: the caller vouches for the bytes.\n        unsafe { " : "        ";
		const char *close = it->is_union ? " }" : "";
		put_doc(sb, 1, f->doc);
		sb_printf(sb, "%s    #[inline]\n    pub %sfn %s(&self) -> %s {\n%s", safety, unsafe_, f->rname, ty, open);
		/* a __bitwise type's bits are those of the integer it wraps */
		const struct ir_item *bw = ir_bitwise(e->ir, f->type);
		char *bits = bw ? type_str(e, bw->type) : NULL;
		if (p == P_BOOL)
			sb_printf(sb, "__krust_bitfield_get(&self.%s, %llu, %u) != 0", m->name, bit, f->width);
		else
			sb_printf(sb, "%s%s__krust_bitfield_get%s(&self.%s, %llu, %u) as %s%s",
				  bw ? bw->rname : "", bw ? "(" : "", ir_prim_signed(p) ? "_signed" : "",
				  m->name, bit, f->width, bw ? bits : ty, bw ? ")" : "");
		sb_printf(sb, "%s\n    }\n%s    #[inline]\n    pub %sfn set_%s(&mut self, val: %s) {\n%s",
			  close, safety, unsafe_, f->rname, ty, open);
		sb_printf(sb, "__krust_bitfield_set(&mut self.%s, %llu, %u, val%s as u64)%s\n    }\n",
			  m->name, bit, f->width, bw ? ".0" : "", close);
		free(bits);
		free(ty);
	}
}

/* Whether any bit-field has a name, and so accessors. */
static bool has_bitfields(const struct ir_item *it)
{
	for (uint32_t i = 0; i < it->nmembers; i++) {
		const struct ir_member *m = &it->members[i];
		for (uint32_t k = m->field; m->kind == M_BITUNIT && k < m->field + m->nfields; k++)
			if (it->fields[k].rname && it->fields[k].width)
				return true;
	}
	return false;
}

static void emit_assert(const struct emitter *e, const char *what, unsigned long long n)
{
	char *line = xasprintf("    assert!(%s == %llu);", what, n);
	if (strlen(line) <= MAX_WIDTH)
		sb_printf(e->out, "%s\n", line);
	else
		sb_printf(e->out, "    assert!(\n        %s == %llu\n    );\n", what, n);
	free(line);
}

/* A field Rust names otherwise than by renaming a keyword ('$'): its C name,
 * for checking the next offset against a C compiler. */
static void put_c_field(const struct emitter *e, const struct ir_field *f)
{
	if (f->name && strchr(f->name, '$'))
		sb_printf(e->out, "    // C field: %s\n", f->name);
}

/*
 * clang's numbers, checked by rustc at compile time (--layout-checks). The
 * alias keeps the lines short whatever the record's name.
 */
static void emit_layout_checks(const struct emitter *e, const struct ir_item *it)
{
	if (it->repr == REPR_INCOMPLETE)
		return;
	bool fields = false;
	for (uint32_t i = 0; i < it->nmembers; i++)
		fields |= it->members[i].kind == M_FIELD;
	sb_printf(e->out, "const _: () = {\n    use ::core::mem::{align_of, %ssize_of};\n",
		  fields ? "offset_of, " : "");
	/* the C spelling, for checking the same numbers against a C compiler;
	 * none for clang's own declarations, which another compiler lacks */
	const char *tag = it->is_union ? "union " : "struct ";
	if (it->loc.file && (it->name || (it->typedef_name && !it->typedef_realigned)))
		sb_printf(e->out, "    // C: %s%s\n", it->name ? tag : "",
			  it->name ? it->name : it->typedef_name);
	if (8 + strlen(it->rname) + 1 <= MAX_WIDTH - 4)
		sb_printf(e->out, "    type T = %s;\n", it->rname);
	else
		sb_printf(e->out, "    type T =\n        %s;\n", it->rname);
	emit_assert(e, "size_of::<T>()", it->size);
	emit_assert(e, "align_of::<T>()", it->align);
	for (uint32_t i = 0; i < it->nmembers; i++) {
		const struct ir_member *m = &it->members[i];
		if (m->kind != M_FIELD)
			continue;
		put_c_field(e, &it->fields[m->field]);
		char *s = xasprintf("offset_of!(T, %s)", it->fields[m->field].rname);
		emit_assert(e, s, m->offset);
		free(s);
	}
	/* the fields of a packed and aligned record, where C has them */
	const struct ir_item *part = it->packed_part ? ir_item(e->ir, it->packed_part) : NULL;
	for (uint32_t i = 0; part && i < part->nmembers; i++) {
		const struct ir_member *m = &part->members[i];
		if (m->kind != M_FIELD)
			continue;
		put_c_field(e, &part->fields[m->field]);
		char *s = xasprintf("offset_of!(T, %s.%s)", it->fields[0].rname, part->fields[m->field].rname);
		emit_assert(e, s, m->offset);
		free(s);
	}
	sb_adds(e->out, "};\n");
}

static void emit_record(const struct emitter *e, const struct ir_item *it)
{
	put_doc(e->out, 0, it->doc);
	if (it->repr == REPR_OPAQUE) {
		put_opaque_body(e, it->is_union ? "union" : "struct", it->rname, it->size, it->align);
	} else {
		emit_repr(e, it);
		emit_record_body(e, it);
	}
	if (has_bitfields(it)) {
		sb_printf(e->out, "impl %s {\n", it->rname);
		for (uint32_t i = 0; i < it->nmembers; i++)
			if (it->members[i].kind == M_BITUNIT)
				emit_bitfield_accessors(e, &it->members[i], it);
		sb_adds(e->out, "}\n");
	}
	if (e->o->layout_checks)
		emit_layout_checks(e, it);
}

/* Bit i of a storage unit is bit i % 8 of byte i / 8: x86-64 is little-endian. */
static const char bitfield_helpers[] =
	"#[inline]\n"
	"fn __krust_bitfield_get(unit: &[u8], bit: usize, width: usize) -> u64 {\n"
	"    let mut val = 0u64;\n"
	"    for i in 0..width {\n"
	"        let b = bit + i;\n"
	"        val |= (((unit[b / 8] >> (b % 8)) & 1) as u64) << i;\n"
	"    }\n"
	"    val\n"
	"}\n"
	"#[inline]\n"
	"fn __krust_bitfield_get_signed(unit: &[u8], bit: usize, width: usize) -> i64 {\n"
	"    let shift = 64 - width;\n"
	"    ((__krust_bitfield_get(unit, bit, width) << shift) as i64) >> shift\n"
	"}\n"
	"#[inline]\n"
	"fn __krust_bitfield_set(unit: &mut [u8], bit: usize, width: usize, val: u64) {\n"
	"    for i in 0..width {\n"
	"        let b = bit + i;\n"
	"        let mask = 1u8 << (b % 8);\n"
	"        if (val >> i) & 1 != 0 {\n"
	"            unit[b / 8] |= mask;\n"
	"        } else {\n"
	"            unit[b / 8] &= !mask;\n"
	"        }\n"
	"    }\n"
	"}\n";

/* ---------------------------------------------------------------- tagged pointers */

static const char *const tag_docs[] = {
	[TAG_USER] = "/// A pointer C marks `__user`: an address in user space, never to be\n"
		     "/// dereferenced; data crosses with copy_from_user and copy_to_user.\n",
	[TAG_IOMEM] = "/// A pointer C marks `__iomem`: I/O memory, never to be dereferenced;\n"
		      "/// it is read and written with readl, writel and their kin.\n",
	[TAG_RCU] = "/// A pointer C marks `__rcu`: read it with rcu_dereference, under\n"
		    "/// rcu_read_lock, and write it with rcu_assign_pointer.\n",
};

/*
 * The newtypes of the sparse address spaces that the IR's pointers carry.
 * Each wraps the raw pointer it stands for, *const T or *mut T, and is
 * transparent, so it passes to and from C exactly as that pointer does.
 */
static void emit_pointer_newtypes(const struct ir *ir, struct strbuf *out)
{
	bool used[TAG_RCU + 1] = { false };
	for (type_id t = 1; t < ir->ntypes; t++)
		used[ir_type(ir, t)->tag] = true;
	for (int tag = TAG_USER; tag <= TAG_RCU; tag++) {
		if (!used[tag])
			continue;
		sb_adds(out, tag_docs[tag]);
		sb_printf(out, "#[repr(transparent)]\n#[derive(Debug, Copy, Clone, PartialEq, Eq)]\n"
			  "pub struct %s<P>(pub P);\n", tag_type_name(tag));
	}
}

/* ---------------------------------------------------------------- externs */

/* An asm label names the symbol: int f(void) __asm__("g") links to g. */
static void put_link_name(const struct emitter *e, const struct ir_item *it)
{
	if (!it->link_name)
		return;
	indent(e->out, 1);
	sb_printf(e->out, "#[link_name = \"%s\"]\n", it->link_name);
}

static void emit_function(const struct emitter *e, const struct ir_item *it)
{
	put_doc(e->out, 1, it->doc);
	if (it->helper) {
		indent(e->out, 1);
		sb_printf(e->out, "#[link_name = \"" HELPER_PREFIX "%s\"]\n", it->name);
	} else {
		put_link_name(e, it);
	}
	char *lead = xasprintf("pub fn %s", it->rname);
	put_fn_sig(e, e->out, 1, lead, ir_resolve(e->ir, it->type), it->param_names, ";");
	free(lead);
}

/* An array of const elements is as read-only as a const scalar. */
static bool is_read_only(const struct ir *ir, type_id t)
{
	while (ir_type(ir, t)->kind == TY_ARRAY && !ir_type(ir, t)->is_const)
		t = ir_type(ir, t)->elem;
	return ir_type(ir, t)->is_const;
}

static void emit_var(const struct emitter *e, const struct ir_item *it)
{
	put_doc(e->out, 1, it->doc);
	put_link_name(e, it);
	char *lead = xasprintf("pub static %s%s: ", is_read_only(e->ir, it->type) ? "" : "mut ",
			       it->rname);
	put_typed_line(e, 1, lead, it->type, ";");
	free(lead);
}

static bool is_extern(const struct ir_item *it)
{
	return it->kind == IT_FUNC || it->kind == IT_VAR;
}

void emit_rust(const struct ir *ir, const struct bindgen_opts *o, struct strbuf *out)
{
	struct emitter e = { .ir = ir, .o = o, .out = out };
	bool bitfields = false;
	sb_adds(out, ir->norder ? "/* automatically generated by krust bindgen */\n\n"
				: "/* automatically generated by krust bindgen */\n");
	for (uint32_t i = 0; i < ir->norder; i++) {
		const struct ir_item *it = ir_item(ir, ir->order[i]);
		bool in_block = i > 0 && is_extern(ir_item(ir, ir->order[i - 1]));
		if (is_extern(it) && !in_block)
			sb_adds(out, "unsafe extern \"C\" {\n");
		if (!is_extern(it) && in_block)
			sb_adds(out, "}\n");
		switch (it->kind) {
		case IT_MACRO: emit_macro(&e, it); break;
		case IT_ENUM: emit_enum(&e, it); break;
		case IT_TYPEDEF: emit_typedef(&e, it); break;
		case IT_RECORD:
			emit_record(&e, it);
			bitfields |= has_bitfields(it);
			break;
		case IT_FUNC: emit_function(&e, it); break;
		case IT_VAR: emit_var(&e, it); break;
		}
	}
	if (ir->norder && is_extern(ir_item(ir, ir->order[ir->norder - 1])))
		sb_adds(out, "}\n");
	if (bitfields)
		sb_adds(out, bitfield_helpers);
	emit_pointer_newtypes(ir, out);
}
