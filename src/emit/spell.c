/*
 * spell.c: how Rust spells the IR's types, and how rustfmt lays out the
 * lines that hold them: what fits in 100 columns stays on one line; a
 * parameter list that does not goes one per line; a function pointer that
 * does not opens its Option< on the first line.
 */
#include "emit/emit.h"

#include <stdlib.h>
#include <string.h>

void put_prim(const struct emitter *e, struct strbuf *sb, enum ir_prim p)
{
	bool ffi;
	const char *name = ir_prim_name(p, &ffi);
	if (ffi)
		sb_printf(sb, "%s::", e->o->ctypes_prefix);
	sb_adds(sb, name);
}

/* "fn(A, B) -> R" with its parameter list given by the caller. */
static void put_result(const struct emitter *e, struct strbuf *sb, const struct ir_type *f)
{
	type_id ret = f->elem;
	if (f->noreturn) {
		sb_adds(sb, " -> !");
		return;
	}
	const struct ir_type *r = ir_type(e->ir, ret);
	if (r->kind == TY_PRIM && r->prim == P_VOID)
		return;
	sb_adds(sb, " -> ");
	put_type(e, sb, ret);
}

static void put_fn_params(const struct emitter *e, struct strbuf *sb, const struct ir_type *f)
{
	sb_addc(sb, '(');
	for (uint32_t i = 0; i < f->nparams; i++) {
		if (i)
			sb_adds(sb, ", ");
		put_type(e, sb, f->params[i]);
	}
	if (f->variadic)
		sb_adds(sb, f->nparams ? ", ..." : "...");
	sb_addc(sb, ')');
}

static void put_fnptr(const struct emitter *e, struct strbuf *sb, type_id t)
{
	const struct ir_type *f = ir_type(e->ir, t);
	sb_adds(sb, "::core::option::Option<unsafe extern \"C\" fn");
	put_fn_params(e, sb, f);
	put_result(e, sb, f);
	sb_addc(sb, '>');
}

static void put_pointer(const struct emitter *e, struct strbuf *sb, type_id pointee)
{
	const struct ir_type *p = ir_type(e->ir, pointee);
	if (ir_is_func(e->ir, pointee)) {
		put_type(e, sb, pointee); /* a function's pointer is the Rust fn type */
		return;
	}
	sb_adds(sb, p->is_const ? "*const " : "*mut ");
	if (p->kind == TY_UNSUPPORTED)
		put_prim(e, sb, P_VOID);
	else
		put_type(e, sb, pointee);
}

const char *tag_type_name(enum ptr_tag tag)
{
	return tag == TAG_USER ? "UserPtr" : tag == TAG_IOMEM ? "IoPtr" : "RcuPtr";
}

void put_type(const struct emitter *e, struct strbuf *sb, type_id t)
{
	const struct ir_type *ty = ir_type(e->ir, t);
	switch (ty->kind) {
	case TY_PRIM:
		put_prim(e, sb, ty->prim);
		break;
	case TY_POINTER:
		if (ty->tag) {
			sb_printf(sb, "%s<", tag_type_name(ty->tag));
			put_pointer(e, sb, ty->elem);
			sb_addc(sb, '>');
		} else {
			put_pointer(e, sb, ty->elem);
		}
		break;
	case TY_ARRAY:
		sb_addc(sb, '[');
		put_type(e, sb, ty->elem);
		sb_printf(sb, "; %llu]", (unsigned long long)ty->len);
		break;
	case TY_FUNC:
		put_fnptr(e, sb, t);
		break;
	case TY_ITEM: {
		const struct ir_item *it = ir_item(e->ir, ty->item);
		if (it->maps_to_prim)
			put_prim(e, sb, it->repr_prim);
		else
			sb_adds(sb, it->rname);
		break;
	}
	case TY_UNSUPPORTED:
		sb_printf(sb, "[u8; %llu]", (unsigned long long)ty->size);
		break;
	}
}

char *type_str(const struct emitter *e, type_id t)
{
	struct strbuf sb;
	sb_init(&sb);
	put_type(e, &sb, t);
	return sb_steal(&sb);
}

/* ---------------------------------------------------------------- layout of lines */

void indent(struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		sb_adds(sb, "    ");
}

/* The column after the last line of sb. */
static size_t column(const struct strbuf *sb)
{
	size_t i = sb->len;
	while (i && sb->buf[i - 1] != '\n')
		i--;
	return sb->len - i;
}

static type_id fn_of(const struct emitter *e, type_id t)
{
	const struct ir_type *ty = ir_type(e->ir, t);
	if (ty->kind == TY_FUNC)
		return t;
	if (ty->kind == TY_POINTER && ir_type(e->ir, ty->elem)->kind == TY_FUNC)
		return ty->elem;
	return 0;
}

/*
 * Type t where sb ends, with tail more characters to come on its last line:
 * on one line if it fits; otherwise rustfmt's way, which is to open the
 * innermost Option< of a function pointer and put the fn on lines of its own.
 */
static void put_type_at(const struct emitter *e, struct strbuf *sb, int level, type_id t, size_t tail)
{
	char *flat = type_str(e, t);
	const struct ir_type *ty = ir_type(e->ir, t);
	type_id fn = fn_of(e, t);
	if (column(sb) + strlen(flat) + tail <= MAX_WIDTH) {
		sb_adds(sb, flat);
	} else if (fn) {
		sb_adds(sb, "::core::option::Option<\n");
		put_fn_sig(e, sb, level + 1, "unsafe extern \"C\" fn", fn, NULL, ",");
		indent(sb, level);
		sb_addc(sb, '>');
	} else if (ty->kind == TY_POINTER && !ty->tag) {
		sb_adds(sb, ir_type(e->ir, ty->elem)->is_const ? "*const " : "*mut ");
		put_type_at(e, sb, level, ty->elem, tail);
	} else if (ty->kind == TY_ARRAY) {
		char *len = xasprintf("; %llu]", (unsigned long long)ty->len);
		sb_addc(sb, '[');
		put_type_at(e, sb, level, ty->elem, tail + strlen(len));
		sb_adds(sb, len);
		free(len);
	} else {
		sb_adds(sb, flat);
	}
	free(flat);
}

/*
 * Whether rustfmt keeps a declaration's parameters on one line: they get
 * what the line leaves after the lead, "()", the return type and ";".
 */
static bool params_fit(size_t level, const char *lead, size_t params, size_t ret, size_t trail)
{
	size_t used = 4 * level + strlen(lead) + ret + (ret ? 3 : 2) + trail;
	return used < MAX_WIDTH && params <= MAX_WIDTH - used;
}

/*
 * LEAD(PARAMS) -> RET TRAIL on one line when it fits. Otherwise, for a
 * declaration whose parameters still fit, rustfmt moves "-> RET" to a line
 * of its own (and counts two more columns for a brace it will not write);
 * else one parameter a line.
 */
void put_fn_sig(const struct emitter *e, struct strbuf *sb, int level, const char *lead,
		type_id fn, const char *const *names, const char *trail)
{
	const struct ir_type *f = ir_type(e->ir, fn);
	struct strbuf params, ret;
	sb_init(&params);
	sb_init(&ret);
	put_result(e, &ret, f);
	for (uint32_t i = 0; i < f->nparams; i++) {
		sb_printf(&params, "%s%s%s", i ? ", " : "", names ? names[i] : "", names ? ": " : "");
		put_type(e, &params, f->params[i]);
	}
	if (f->variadic)
		sb_adds(&params, f->nparams ? ", ..." : "...");
	/* ret is " -> RET" or empty */
	const char *r = ret.len ? ret.buf : "";
	size_t head = 4 * (size_t)level + strlen(lead) + params.len + 2;
	if (head + ret.len + strlen(trail) <= MAX_WIDTH && (!names || !ret.len || head + ret.len + 2 <= MAX_WIDTH)) {
		indent(sb, level);
		sb_printf(sb, "%s(%s)%s%s\n", lead, params.len ? params.buf : "", r, trail);
	} else if (names && params_fit(level, lead, params.len, ret.len ? ret.len - 1 : 0, strlen(trail))) {
		indent(sb, level);
		sb_printf(sb, "%s(%s)\n", lead, params.buf);
		indent(sb, level + 1);
		sb_printf(sb, "%s%s\n", r + 1, trail);
	} else {
		indent(sb, level);
		sb_printf(sb, "%s(\n", lead);
		for (uint32_t i = 0; i < f->nparams; i++) {
			indent(sb, level + 1);
			if (names)
				sb_printf(sb, "%s: ", names[i]);
			put_type_at(e, sb, level + 1, f->params[i], 1);
			sb_adds(sb, ",\n");
		}
		if (f->variadic) {
			indent(sb, level + 1);
			sb_adds(sb, "...\n");
		}
		indent(sb, level);
		sb_printf(sb, ")%s%s\n", r, trail);
	}
	sb_free(&params);
	sb_free(&ret);
}

/*
 * LEAD TYPE TRAIL: on one line if it fits, else with TYPE on a line of its
 * own if that fits, else with TYPE broken up.
 */
void put_typed_line(const struct emitter *e, int level, const char *lead, type_id t,
		    const char *trail)
{
	struct strbuf *sb = e->out;
	char *ty = type_str(e, t);
	size_t lead_len = strlen(lead), trail_len = strlen(trail), ty_len = strlen(ty);
	indent(sb, level);
	if (4 * (size_t)level + lead_len + ty_len + trail_len <= MAX_WIDTH) {
		sb_printf(sb, "%s%s%s\n", lead, ty, trail);
	} else if (4 * (size_t)(level + 1) + ty_len + trail_len <= MAX_WIDTH) {
		sb_addn(sb, lead, lead_len - (lead_len && lead[lead_len - 1] == ' '));
		sb_addc(sb, '\n');
		indent(sb, level + 1);
		sb_printf(sb, "%s%s\n", ty, trail);
	} else {
		sb_adds(sb, lead);
		put_type_at(e, sb, level, t, trail_len);
		sb_printf(sb, "%s\n", trail);
	}
	free(ty);
}

/* ---------------------------------------------------------------- docs */

/* Rust source is UTF-8; C comments need not be. */
static size_t utf8_len(const unsigned char *s)
{
	int n = s[0] < 0x80 ? 1 : (s[0] >> 5) == 6 ? 2 : (s[0] >> 4) == 14 ? 3 : (s[0] >> 3) == 30 ? 4 : 0;
	for (int i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static void put_doc_line(struct strbuf *sb, int level, const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	indent(sb, level);
	sb_adds(sb, "///");
	if (n && s[0] == '/')
		sb_addc(sb, ' ');
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len((const unsigned char *)s + i);
		if (!k || i + k > n) {
			sb_addc(sb, '?');
			i++;
			continue;
		}
		sb_addn(sb, s + i, k);
		i += k;
	}
	sb_addc(sb, '\n');
}

/* A C doc comment (/ ** ... * /, ///) as /// lines, its decoration stripped. */
void put_doc(struct strbuf *sb, int level, const char *raw)
{
	if (!raw)
		return;
	struct strvec lines;
	sv_init(&lines);
	for (const char *p = raw; *p;) {
		size_t n = strcspn(p, "\n");
		char *l = xstrndup(p, n);
		char *s = l + strspn(l, " \t");
		if (str_starts(s, "/**") || str_starts(s, "/*!"))
			s += 3;
		else if (str_starts(s, "///") || str_starts(s, "//!"))
			s += 3;
		else if (s[0] == '*' && s[1] != '/')
			s += 1;
		if (s[0] == '<') /* a doc comment on what precedes it */
			s++;
		char *end = strstr(s, "*/");
		if (end)
			*end = '\0';
		sv_push(&lines, s);
		free(l);
		p += n + (p[n] == '\n');
	}
	size_t first = 0, last = lines.n;
	while (first < last && !lines.v[first][strspn(lines.v[first], " \t\r")])
		first++;
	while (last > first && !lines.v[last - 1][strspn(lines.v[last - 1], " \t\r")])
		last--;
	for (size_t i = first; i < last; i++)
		put_doc_line(sb, level, lines.v[i], strlen(lines.v[i]));
	sv_free(&lines);
}

