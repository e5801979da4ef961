/*
 * helpers.c: the helper list, function-like macros given C types.
 *
 * clang cannot type a macro until it is used, so the API macros a driver
 * needs (lock initialisers, INIT_WORK, the _IO encoders...) are listed, one
 * C prototype a line:
 *
 *     void spin_lock_init(spinlock_t *lock)
 *     unsigned int _IOR(unsigned int type, unsigned int nr, size_t size) = _IOC(_IOC_READ, type, nr, size)
 *
 * Each line becomes a prototype clang reads after the headers, named
 * "__krust_macro_" + the macro and placed at the list's own line with #line,
 * so that the walk finds it as a typed function without a symbol. The shim
 * calls the macro with the parameters in order, or evaluates the expression
 * after " = " when the macro takes something other than values (a type, say).
 * That expression rides along as an annotate attribute. Nothing is trusted:
 * clang checks the types, and gcc compiles every shim that is used.
 */
#include "ir/ir.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Past the parenthesis that closes the one at open; NULL if none does. */
static const char *past_closing(const char *open)
{
	int depth = 0;
	for (const char *p = open; *p; p++) {
		depth += (*p == '(') - (*p == ')');
		if (!depth)
			return p + 1;
	}
	return NULL;
}

/* The end of the parameter that starts at p: a comma outside parentheses, or the end. */
static size_t param_length(const char *p)
{
	const char *q = p;
	while (*q && *q != ',') {
		const char *past = *q == '(' ? past_closing(q) : NULL;
		q = past ? past : *q == '(' ? q + strlen(q) : q + 1;
	}
	return (size_t)(q - p);
}

/*
 * A parameter's name: its last identifier, or for a function pointer,
 * "RET (*NAME)(ARGS)", the one after "(*".
 */
static bool param_name(const char *p, size_t len, const char **start, const char **end)
{
	const char *stop = p + len;
	const char *star = strstr(p, "(*");
	if (star && star < stop) {
		*start = star + 2;
		while (isspace((unsigned char)**start))
			(*start)++;
		for (*end = *start; isalnum((unsigned char)**end) || **end == '_'; (*end)++)
			;
		return *end > *start;
	}
	*end = stop;
	while (*end > p && isspace((unsigned char)(*end)[-1]))
		(*end)--;
	*start = *end;
	while (*start > p && (isalnum((unsigned char)(*start)[-1]) || (*start)[-1] == '_'))
		(*start)--;
	return *start != *end && *start != p;
}

/* The names of the comma-separated parameters, as a call's arguments. */
static bool param_names(const char *params, struct strbuf *call, struct srcloc at)
{
	const char *p = params;
	bool first = true;
	while (*p) {
		size_t len = param_length(p);
		const char *start, *end;
		if (!param_name(p, len, &start, &end)) {
			error_at(at, "a parameter needs a type and a name: '%.*s'", (int)len, p);
			return false;
		}
		sb_printf(call, "%s%.*s", first ? "" : ", ", (int)(end - start), start);
		first = false;
		p += len + (p[len] == ',');
	}
	return true;
}

/* C string contents: the body goes into an annotate("...") attribute. */
static void put_escaped(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, *s);
	}
}

/* "RET NAME(PARAMS) [= EXPR]" -> a prototype clang can type, at the list's line. */
static bool translate_line(const char *list, unsigned lineno, char *line, struct strbuf *out)
{
	struct srcloc at = { list, lineno, 1 };
	char *open = strchr(line, '(');
	const char *past = open ? past_closing(open) : NULL;
	char *close = past ? open + (past - open) - 1 : NULL;
	if (!open || !close) {
		error_at(at, "expected a C prototype, 'RET NAME(TYPE NAME, ...)'");
		return false;
	}
	char *name_end = open;
	while (name_end > line && isspace((unsigned char)name_end[-1]))
		name_end--;
	char *name = name_end;
	while (name > line && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
		name--;
	if (name == name_end || name == line) {
		error_at(at, "expected a result type and a macro name before '('");
		return false;
	}
	char *params = xstrndup(open + 1, (size_t)(close - open - 1));
	char *eq = strstr(close, " = ");
	struct strbuf body;
	sb_init(&body);
	bool ok = true;
	if (eq) {
		sb_adds(&body, eq + 3);
	} else {
		sb_printf(&body, "%.*s(", (int)(name_end - name), name);
		bool is_void = !strcmp(params, "void") || !*params;
		ok = is_void || param_names(params, &body, at);
		sb_addc(&body, ')');
	}
	if (ok) {
		sb_printf(out, "#line %u \"%s\"\n", lineno, list);
		sb_printf(out, "%.*s__krust_macro_%.*s(%s) __attribute__((annotate(\"", (int)(name - line),
			  line, (int)(name_end - name), name, *params ? params : "void");
		put_escaped(out, body.buf);
		sb_adds(out, "\")));\n");
	}
	sb_free(&body);
	free(params);
	return ok;
}

bool helper_macros_source(const char *list, struct strbuf *out)
{
	char *text = read_file(list, NULL);
	if (!text) {
		error("%s: cannot read: %s", list, strerror(errno));
		return false;
	}
	bool ok = true;
	unsigned lineno = 0;
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line += strspn(line, " \t");
		if (*line && *line != '#')
			ok &= translate_line(list, lineno, line, out);
	}
	free(text);
	return ok;
}
