/*
 * bitwise.c: sparse's __bitwise typedefs as Rust newtypes.
 *
 * C makes gfp_t or __le32 a plain integer that only sparse keeps apart; in
 * Rust each becomes a tuple struct of its own, repr(transparent) so that it
 * passes to and from C (and lies in records) exactly as the integer does.
 * Mixing a gfp_t with an fmode_t, or a __be16 with a host-order u16, is
 * then a type error, as sparse makes it a warning.
 *
 * Most such types hold flags or codes (gfp_t, fmode_t, __poll_t,
 * blk_status_t), which C combines with |, & and ~: they get those
 * operators. The byte-order and checksum types hold data as a device or a
 * protocol lays it out, where only a conversion means something: they get
 * none.
 */
#include "emit/emit.h"

#include <stdlib.h>
#include <string.h>

/* The wire types: byte order (__le32, __be16, __virtio16), checksums (__sum16, __wsum). */
static bool is_wire_type(const char *name)
{
	static const char *const prefixes[] = { "__le", "__be", "__virtio", "__rpmsg", "__sum",
						"__wsum" };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static const struct {
	const char *trait, *method, *op;
} binary_ops[] = {
	{ "BitOr", "bitor", "|" },
	{ "BitAnd", "bitand", "&" },
	{ "BitXor", "bitxor", "^" },
};

static void emit_flag_ops(const struct emitter *e, const char *name)
{
	struct strbuf *sb = e->out;
	for (size_t i = 0; i < sizeof(binary_ops) / sizeof(binary_ops[0]); i++) {
		const char *trait = binary_ops[i].trait, *method = binary_ops[i].method;
		const char *op = binary_ops[i].op;
		sb_printf(sb, "impl ::core::ops::%s for %s {\n    type Output = Self;\n"
			  "    #[inline]\n    fn %s(self, rhs: Self) -> Self {\n"
			  "        Self(self.0 %s rhs.0)\n    }\n}\n", trait, name, method, op);
		sb_printf(sb, "impl ::core::ops::%sAssign for %s {\n    #[inline]\n"
			  "    fn %s_assign(&mut self, rhs: Self) {\n        self.0 %s= rhs.0;\n"
			  "    }\n}\n", trait, name, method, op);
	}
	sb_printf(sb, "impl ::core::ops::Not for %s {\n    type Output = Self;\n    #[inline]\n"
		  "    fn not(self) -> Self {\n        Self(!self.0)\n    }\n}\n", name);
}

void emit_bitwise_typedef(const struct emitter *e, const struct ir_item *it)
{
	sb_adds(e->out, "#[repr(transparent)]\n#[derive(Copy, Clone, Debug, PartialEq, Eq)]\n");
	char *lead = xasprintf("pub struct %s(pub ", it->rname);
	put_typed_line(e, 0, lead, it->type, ");");
	free(lead);
	const struct ir_type *under = ir_type(e->ir, ir_resolve(e->ir, it->type));
	bool integer = under->kind == TY_PRIM && under->prim != P_BOOL && under->prim != P_VOID &&
		       (under->prim < P_FLOAT || under->prim > P_LDOUBLE) && under->prim != P_F64;
	if (integer && !is_wire_type(it->name))
		emit_flag_ops(e, it->rname);
}
