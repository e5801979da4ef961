/*
 * lex.c: C tokens from the text of a macro's body.
 *
 * `clang -E -dM` prints every macro in force at the end of the headers, one
 * line each, comments gone and whitespace collapsed. Splitting those bodies
 * here costs a fraction of asking libclang to tokenize each definition again,
 * and it runs on the thread that reads them (clang/consts.c), beside the
 * parse. The kinds follow libclang's: GNU C keywords are keywords, numbers,
 * characters and strings (with their prefixes) are literals.
 */
#include "ir/ir.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* C17's keywords and the GNU spellings clang accepts in GNU C mode, sorted. */
static const char *const keywords[] = {
	"_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary",
	"_Noreturn", "_Static_assert", "_Thread_local", "__alignof", "__alignof__", "__asm",
	"__asm__", "__attribute", "__attribute__", "__auto_type", "__builtin_offsetof",
	"__builtin_va_arg", "__complex", "__complex__", "__const", "__const__", "__extension__",
	"__imag", "__imag__", "__inline", "__inline__", "__int128", "__label__", "__real",
	"__real__", "__restrict", "__restrict__", "__signed", "__signed__", "__thread",
	"__typeof", "__typeof__", "__volatile", "__volatile__", "asm", "auto", "break", "case",
	"char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
	"float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
	"short", "signed", "sizeof", "static", "struct", "switch", "typedef", "typeof", "union",
	"unsigned", "void", "volatile", "while",
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_keyword(const char *s)
{
	return bsearch(&s, keywords, sizeof(keywords) / sizeof(*keywords), sizeof(*keywords),
		       by_name) != NULL;
}

/* Punctuators, longest first so that the first match is the right one. */
static const char *const puncts[] = {
	"%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
	"&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%",
	"%>", "%:",
};

static size_t punct_len(const char *p)
{
	for (size_t i = 0; i < sizeof(puncts) / sizeof(*puncts); i++) {
		size_t n = strlen(puncts[i]);
		if (!strncmp(p, puncts[i], n))
			return n;
	}
	return 1;
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

/* A quoted literal from its opening quote; its length, or 0 if it does not close. */
static size_t quoted_len(const char *p)
{
	char q = *p;
	size_t i = 1;
	for (; p[i] && p[i] != q; i++)
		if (p[i] == '\\' && p[i + 1])
			i++;
	return p[i] == q ? i + 1 : 0;
}

/* A pp-number: digits, letters, '.', '_' and a sign after an exponent letter. */
static size_t number_len(const char *p)
{
	size_t i = 1;
	for (;;) {
		char c = p[i];
		if ((c == '+' || c == '-') && strchr("eEpP", p[i - 1]))
			i++;
		else if (ident_char(c) || c == '.')
			i++;
		else
			return i;
	}
}

/* The length of a literal's encoding prefix (L, u, U, u8) before a quote. */
static size_t prefix_len(const char *p)
{
	size_t n = !strncmp(p, "u8", 2) ? 2 : (*p == 'L' || *p == 'u' || *p == 'U');
	return n && (p[n] == '"' || p[n] == '\'') ? n : 0;
}

struct ir_token *ir_lex(struct arena *a, const char *s, uint32_t *ntokens)
{
	size_t cap = 8, n = 0;
	struct ir_token *v = xmalloc(cap * sizeof(*v));
	for (const char *p = s; *p;) {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		struct ir_token t;
		size_t len, pre = prefix_len(p);
		if (*p == '"' || *p == '\'' || pre) {
			len = quoted_len(p + pre);
			len = len ? pre + len : strlen(p);
			t.kind = TK_LITERAL;
		} else if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
			len = number_len(p);
			t.kind = TK_LITERAL;
		} else if (ident_char(*p)) {
			for (len = 1; ident_char(p[len]); len++)
				;
			t.kind = TK_IDENT;
		} else {
			len = punct_len(p);
			t.kind = TK_PUNCT;
		}
		t.text = arena_strndup(a, p, len);
		if (t.kind == TK_IDENT && is_keyword(t.text))
			t.kind = TK_KEYWORD;
		if (n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = t;
		p += len;
	}
	struct ir_token *out = n ? arena_alloc(a, n * sizeof(*out)) : NULL;
	if (n)
		memcpy(out, v, n * sizeof(*out));
	free(v);
	*ntokens = (uint32_t)n;
	return out;
}
