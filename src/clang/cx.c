/*
 * cx.c: what every part of the front end asks libclang in the same words.
 *
 * A token's spelling, a cursor's tokens and the IR primitive of one of
 * clang's builtin types are wanted by the parse, the walk, the constants
 * and the inference alike. They live here, below all of them, so that no
 * file of the front end calls into another for them.
 */
#include "clang/clang.h"

#include <stdlib.h>

char *clang_token_text(CXTranslationUnit tu, CXToken t)
{
	CXString s = clang_getTokenSpelling(tu, t);
	char *text = xstrdup(clang_getCString(s));
	clang_disposeString(s);
	/* libclang 14 keeps a line continuation before a token in its spelling */
	char *out = text;
	for (const char *p = text; *p; p++) {
		if (p[0] == '\\' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'))) {
			p += p[1] == '\r' ? 2 : 1;
			continue;
		}
		*out++ = *p;
	}
	*out = '\0';
	return text;
}

const struct ir_token *clang_cursor_tokens(struct ir *ir, CXTranslationUnit tu, CXCursor c,
					   uint32_t *n)
{
	CXToken *toks;
	unsigned count;
	clang_tokenize(tu, clang_getCursorExtent(c), &toks, &count);
	struct ir_token *v = count ? arena_alloc(ir->arena, count * sizeof(*v)) : NULL;
	for (unsigned i = 0; i < count; i++) {
		CXTokenKind k = clang_getTokenKind(toks[i]);
		v[i].kind = k == CXToken_Punctuation ? TK_PUNCT
			  : k == CXToken_Keyword ? TK_KEYWORD
			  : k == CXToken_Identifier ? TK_IDENT
			  : k == CXToken_Literal ? TK_LITERAL : TK_COMMENT;
		char *text = clang_token_text(tu, toks[i]);
		v[i].text = arena_strdup(ir->arena, text);
		free(text);
	}
	clang_disposeTokens(tu, toks, count);
	*n = count;
	return v;
}

enum ir_prim clang_builtin_prim(enum CXTypeKind k, bool *ok)
{
	*ok = true;
	switch (k) {
	case CXType_Void: return P_VOID;
	case CXType_Bool: return P_BOOL;
	case CXType_Char_S: case CXType_Char_U: return P_CHAR;
	case CXType_SChar: return P_SCHAR;
	case CXType_UChar: return P_UCHAR;
	case CXType_Short: return P_SHORT;
	case CXType_UShort: return P_USHORT;
	case CXType_Int: return P_INT;
	case CXType_UInt: return P_UINT;
	case CXType_Long: return P_LONG;
	case CXType_ULong: return P_ULONG;
	case CXType_LongLong: return P_LLONG;
	case CXType_ULongLong: return P_ULLONG;
	case CXType_Int128: return P_I128;
	case CXType_UInt128: return P_U128;
	case CXType_Float: return P_FLOAT;
	case CXType_Double: return P_DOUBLE;
	case CXType_LongDouble: return P_LDOUBLE;
	default: *ok = false; return P_VOID;
	}
}
