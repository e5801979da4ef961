/*
 * macro.c: object-like macros -> typed constants.
 *
 * The evaluator works on the macro's tokens, the way bindgen's cexpr does, and
 * deliberately no further: literals (integer, floating, character, adjacent
 * strings), other object-like macros by name, and C's unary, binary and
 * conditional operators on them. Integer arithmetic is done in 64 bits and
 * wraps; an unsigned value (by its suffix or its size, and C's conversions)
 * wraps at its type's width (~0U is 4294967295). Casts, sizeof and anything
 * else leave the macro out.
 *
 * The type a constant gets follows bindgen, so that code written against
 * bindgen's output builds: a lone character literal is u8, a floating value
 * f64, a string &[u8; N] with its NUL, and an integer i32 or i64 when
 * negative, u32 or u64 otherwise, by the smallest that holds it.
 *
 * What the tokens cannot give, clang can (clang/consts.c): casts, sizeof,
 * function-like macros. Those constants come with the type C gives them
 * (it->type), which bindgen never emitted, so no existing code expects
 * otherwise.
 */
#include "ir/ir.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct eval {
	struct ir *ir;
	const struct map *tab; /* macro name -> the last definition's item */
	const struct ir_token *t;
	uint32_t n, pos;
	unsigned depth;
	bool failed;
};

static struct ir_mval eval_macro(struct ir *ir, const struct map *tab, struct ir_item *it,
			       unsigned depth);

/* ---------------------------------------------------------------- literals */

static struct ir_mval macro_value(struct eval *e, const char *name)
{
	struct ir_item *it = map_get(e->tab, map_str(name));
	return it ? eval_macro(e->ir, e->tab, it, e->depth + 1) : (struct ir_mval){ .kind = MV_NONE };
}

static bool string_macro(struct eval *e, const struct ir_token *t, struct ir_mval *v)
{
	if (t->kind != TK_IDENT)
		return false;
	*v = macro_value(e, t->text);
	return v->kind == MV_STR;
}

static bool fail(struct eval *e)
{
	e->failed = true;
	return false;
}

/*
 * C's type of an integer value, as far as the evaluator keeps it: unsigned
 * or not, int or long (long long is as wide). An unsigned value wraps at its
 * width, so ~0U is 4294967295 and ~0UL 2^64 - 1. A signed one is kept in 64
 * bits, as bindgen does, so 1 << 31 stays 2147483648.
 */
static void normalize(struct ir_mval *v)
{
	if (v->uns && !v->wide)
		v->i = (int64_t)((uint64_t)v->i & 0xffffffffu);
	v->big = v->uns && v->wide && (uint64_t)v->i > INT64_MAX;
}

/* The literal's type: the first of C's list for its suffix and base that holds it. */
static bool parse_int(const char *s, struct ir_mval *v)
{
	errno = 0;
	char *end;
	unsigned long long u = strtoull(s, &end, 0);
	if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		u = strtoull(s + 2, &end, 2);
	if (errno || end == s)
		return false;
	bool uns = false, lng = false, decimal = s[0] != '0' || !s[1];
	for (; *end; end++) {
		if (!strchr("uUlL", *end))
			return false;
		uns |= *end == 'u' || *end == 'U';
		lng |= *end == 'l' || *end == 'L';
	}
	*v = (struct ir_mval){ .kind = MV_INT, .i = (int64_t)u };
	if (!lng && u <= (uns ? UINT32_MAX : INT32_MAX))
		v->uns = uns; /* int, unsigned int */
	else if (!lng && !uns && !decimal && u <= UINT32_MAX)
		v->uns = true; /* unsigned int */
	else
		v->wide = true, v->uns = uns || u > INT64_MAX; /* long, unsigned long */
	normalize(v);
	return true;
}

static bool parse_float(const char *s, struct ir_mval *v)
{
	/* an integer literal too large for any type is no float */
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	if (!strchr(s, '.') && !strpbrk(s, hex ? "pP" : "eE"))
		return false;
	char *end;
	double d = strtod(s, &end);
	if (end == s || (*end && strcspn(end, "fFlL") != 0) || !isfinite(d))
		return false;
	*v = (struct ir_mval){ .kind = MV_FLOAT, .f = d };
	return true;
}

/* One escape sequence or character from a literal; p advances past it. */
static int char_value(const char **pp)
{
	const char *p = *pp;
	int c = (unsigned char)*p++;
	if (c == '\\') {
		c = (unsigned char)*p++;
		switch (c) {
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 'r': c = '\r'; break;
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'v': c = '\v'; break;
		case 'e': c = 27; break;
		case 'x':
			c = (int)strtol(p, (char **)&p, 16) & 0xff;
			break;
		default:
			if (c >= '0' && c <= '7') {
				c -= '0';
				for (int i = 0; i < 2 && *p >= '0' && *p <= '7'; i++)
					c = c * 8 + (*p++ - '0');
				c &= 0xff; /* '\400' is out of a char's range: gcc keeps the byte */
			}
			break;
		}
	}
	*pp = p;
	return c;
}

static bool parse_char(const char *s, struct ir_mval *v)
{
	if (s[0] != '\'')
		return false;
	const char *p = s + 1;
	int c = char_value(&p);
	if (strcmp(p, "'"))
		return false;
	*v = (struct ir_mval){ .kind = MV_CHAR, .i = c };
	return true;
}

static bool is_string_literal(const struct ir_token *t)
{
	return t->kind == TK_LITERAL && t->text[0] == '"';
}

static void add_string_literal(struct strbuf *sb, const char *text)
{
	for (const char *p = text + 1; *p && *p != '"';)
		sb_addc(sb, (char)char_value(&p));
}

/*
 * Adjacent string literals, concatenated as C does; a macro that is a string
 * joins in too (KERN_INFO is KERN_SOH "6").
 */
static bool parse_strings(struct eval *e, struct ir_mval *first, struct ir_mval *v)
{
	struct strbuf sb;
	sb_init(&sb);
	if (first)
		sb_addn(&sb, first->str, first->len);
	while (e->pos < e->n) {
		const struct ir_token *t = &e->t[e->pos];
		struct ir_mval m;
		if (is_string_literal(t)) {
			add_string_literal(&sb, t->text);
		} else if (string_macro(e, t, &m)) {
			sb_addn(&sb, m.str, m.len);
		} else {
			break;
		}
		e->pos++;
	}
	char *s = arena_alloc(e->ir->arena, sb.len + 1);
	if (sb.len)
		memcpy(s, sb.buf, sb.len);
	*v = (struct ir_mval){ .kind = MV_STR, .str = s, .len = sb.len };
	sb_free(&sb);
	return true;
}

/* ---------------------------------------------------------------- expressions */

static bool expr(struct eval *e, struct ir_mval *v);

static bool is_punct(const struct eval *e, const char *p)
{
	return e->pos < e->n && e->t[e->pos].kind == TK_PUNCT && !strcmp(e->t[e->pos].text, p);
}

static bool accept(struct eval *e, const char *p)
{
	if (!is_punct(e, p))
		return false;
	e->pos++;
	return true;
}

static bool primary(struct eval *e, struct ir_mval *v)
{
	if (e->pos >= e->n)
		return fail(e);
	const struct ir_token *t = &e->t[e->pos];
	if (accept(e, "(")) {
		if (!expr(e, v) || !accept(e, ")"))
			return fail(e);
		return true;
	}
	if (is_string_literal(t))
		return parse_strings(e, NULL, v);
	e->pos++;
	if (t->kind == TK_LITERAL)
		return parse_char(t->text, v) || parse_int(t->text, v) || parse_float(t->text, v) || fail(e);
	if (t->kind != TK_IDENT)
		return fail(e);
	*v = macro_value(e, t->text);
	if (v->kind == MV_STR) {
		struct ir_mval first = *v;
		return parse_strings(e, &first, v);
	}
	return v->kind != MV_NONE || fail(e);
}

static bool as_number(struct ir_mval *v)
{
	if (v->kind == MV_CHAR)
		v->kind = MV_INT;
	return v->kind == MV_INT || v->kind == MV_FLOAT;
}

static double as_double(const struct ir_mval *v)
{
	return v->kind == MV_FLOAT ? v->f : v->big ? (double)(uint64_t)v->i : (double)v->i;
}

static bool unary(struct eval *e, struct ir_mval *v)
{
	static const char *const ops[] = { "-", "+", "~", "!" };
	for (int k = 0; k < 4; k++) {
		if (!accept(e, ops[k]))
			continue;
		if (!unary(e, v) || !as_number(v))
			return fail(e);
		bool fl = v->kind == MV_FLOAT;
		if (k == 0 && fl)
			v->f = -v->f;
		else if (k == 0)
			v->i = (int64_t)(0 - (uint64_t)v->i);
		else if (k == 2 && !fl)
			v->i = ~v->i;
		else if (k == 3)
			*v = (struct ir_mval){ .kind = MV_INT, .i = fl ? v->f == 0 : v->i == 0 };
		else if (k == 2)
			return fail(e);
		if (!fl)
			normalize(v);
		return true;
	}
	return primary(e, v);
}

/* Binary operators by precedence, lowest first; each level a row. */
static const char *const levels[][5] = {
	{ "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" },
	{ "<", ">", "<=", ">=" }, { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
enum { NLEVELS = sizeof(levels) / sizeof(levels[0]) };

static bool apply_float(const char *op, struct ir_mval *l, double a, double b)
{
	if (!strcmp(op, "+")) l->f = a + b;
	else if (!strcmp(op, "-")) l->f = a - b;
	else if (!strcmp(op, "*")) l->f = a * b;
	else if (!strcmp(op, "/")) l->f = a / b;
	else return false;
	l->kind = MV_FLOAT;
	return isfinite(l->f);
}

/* C's usual arithmetic conversions on two integer types (int, long; signed or not). */
static void common_type(const struct ir_mval *l, const struct ir_mval *r, bool *uns, bool *wide)
{
	*wide = l->wide || r->wide;
	if (l->uns == r->uns)
		*uns = l->uns;
	else /* the unsigned one wins unless the signed one is wider: long and unsigned int */
		*uns = l->uns ? (l->wide || !r->wide) : (r->wide || !l->wide);
}

static bool apply(const char *op, struct ir_mval *l, const struct ir_mval *r)
{
	if (l->kind == MV_FLOAT || r->kind == MV_FLOAT)
		return apply_float(op, l, as_double(l), as_double(r));
	uint64_t a = (uint64_t)l->i, b = (uint64_t)r->i;
	bool uns, wide, shift = !strcmp(op, "<<") || !strcmp(op, ">>");
	common_type(l, r, &uns, &wide);
	if (shift) /* the type of the left operand; the count is a count */
		uns = l->uns, wide = l->wide;
	if (uns && !wide) { /* both operands converted to unsigned int */
		a &= 0xffffffffu;
		if (!shift)
			b &= 0xffffffffu;
	}
	int64_t sa = (int64_t)a, sb = (int64_t)b, x;
	if (!strcmp(op, "+")) x = (int64_t)(a + b);
	else if (!strcmp(op, "-")) x = (int64_t)(a - b);
	else if (!strcmp(op, "*")) x = (int64_t)(a * b);
	else if (!strcmp(op, "/") || !strcmp(op, "%")) {
		if (b == 0 || (!uns && sa == INT64_MIN && sb == -1))
			return false;
		if (uns)
			x = (int64_t)(op[0] == '/' ? a / b : a % b);
		else
			x = op[0] == '/' ? sa / sb : sa % sb;
	} else if (!strcmp(op, "<<")) x = b < 64 ? (int64_t)(a << b) : 0;
	else if (!strcmp(op, ">>")) x = b >= 64 ? 0 : uns ? (int64_t)(a >> b) : sa >> b;
	else if (!strcmp(op, "&")) x = sa & sb;
	else if (!strcmp(op, "|")) x = sa | sb;
	else if (!strcmp(op, "^")) x = sa ^ sb;
	else {
		/* comparisons and logic give int */
		if (!strcmp(op, "<")) x = uns ? a < b : sa < sb;
		else if (!strcmp(op, ">")) x = uns ? a > b : sa > sb;
		else if (!strcmp(op, "<=")) x = uns ? a <= b : sa <= sb;
		else if (!strcmp(op, ">=")) x = uns ? a >= b : sa >= sb;
		else if (!strcmp(op, "==")) x = sa == sb;
		else if (!strcmp(op, "!=")) x = sa != sb;
		else if (!strcmp(op, "&&")) x = sa && sb;
		else x = sa || sb;
		uns = wide = false;
	}
	*l = (struct ir_mval){ .kind = MV_INT, .i = x, .uns = uns, .wide = wide };
	normalize(l);
	return true;
}

static bool binary(struct eval *e, struct ir_mval *v, int level)
{
	if (level == NLEVELS)
		return unary(e, v);
	if (!binary(e, v, level + 1))
		return false;
	for (;;) {
		const char *op = NULL;
		for (int k = 0; k < 5 && levels[level][k]; k++)
			if (is_punct(e, levels[level][k]))
				op = levels[level][k];
		if (!op)
			return true;
		e->pos++;
		struct ir_mval r;
		if (!binary(e, &r, level + 1) || !as_number(v) || !as_number(&r) || !apply(op, v, &r))
			return fail(e);
	}
}

static bool expr(struct eval *e, struct ir_mval *v)
{
	if (!binary(e, v, 0))
		return false;
	if (!accept(e, "?"))
		return true;
	struct ir_mval a, b;
	if (!as_number(v) || !expr(e, &a) || !accept(e, ":") || !expr(e, &b))
		return fail(e);
	bool first = v->kind == MV_FLOAT ? v->f != 0 : v->i != 0;
	*v = first ? a : b;
	if (v->kind == MV_INT && a.kind == MV_INT && b.kind == MV_INT) {
		common_type(&a, &b, &v->uns, &v->wide);
		normalize(v);
	}
	return true;
}

/* ---------------------------------------------------------------- the pass */

/* Guards against macros that name each other. */
enum { MAX_DEPTH = 64 };

static struct ir_mval eval_macro(struct ir *ir, const struct map *tab, struct ir_item *it,
			       unsigned depth)
{
	if (it->val.kind != MV_NONE || it->ntokens == 0 || depth > MAX_DEPTH)
		return it->val;
	struct eval e = { .ir = ir, .tab = tab, .t = it->tokens, .n = it->ntokens, .depth = depth };
	struct ir_mval v;
	if (expr(&e, &v) && !e.failed && e.pos == e.n)
		it->val = v;
	return it->val;
}

static enum ir_prim int_type(const struct ir_mval *v)
{
	if (v->big)
		return P_U64;
	if (v->i < 0)
		return v->i < INT32_MIN ? P_I64 : P_I32;
	return v->i > UINT32_MAX ? P_U64 : P_U32;
}

void ir_eval_macros(struct ir *ir)
{
	size_t nmacros = 0;
	for (item_id id = 1; id < ir->nitems; id++)
		nmacros += ir_item(ir, id)->kind == IT_MACRO;
	struct map tab;
	map_init(&tab, nmacros);
	/* a redefinition replaces: the value is the one in force at the end, and
	 * earlier definitions are never evaluated */
	for (item_id id = 1; id < ir->nitems; id++) {
		struct ir_item *it = ir_item(ir, id);
		if (it->kind == IT_MACRO && it->name)
			*map_put(&tab, map_str(it->name)) = it;
	}
	for (item_id id = 1; id < ir->nitems; id++) {
		struct ir_item *it = ir_item(ir, id);
		if (it->kind == IT_MACRO && it->name && map_get(&tab, map_str(it->name)) == it)
			eval_macro(ir, &tab, it, 0);
	}
	for (item_id id = 1; id < ir->nitems; id++) {
		struct ir_item *it = ir_item(ir, id);
		if (it->kind != IT_MACRO || !it->name || map_get(&tab, map_str(it->name)) != it)
			continue;
		ir->macros_seen += it->ntokens > 0 && it->loc.file;
		/* only now, so that what the tokens give never depends on clang's */
		if (it->val.kind == MV_NONE && it->cval.kind != MV_NONE && it->ntokens) {
			it->val = it->cval;
			it->type = it->ctype;
		}
		struct ir_mval v = it->val;
		if (v.kind == MV_INT)
			it->val_prim = int_type(&v);
		else if (v.kind == MV_CHAR)
			it->val_prim = P_U8;
		else if (v.kind == MV_FLOAT)
			it->val_prim = P_F64;
		ir->macros_evaluated += v.kind != MV_NONE && it->loc.file;
	}
	map_free(&tab);
}
