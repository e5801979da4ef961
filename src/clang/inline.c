/*
 * inline.c: what libclang says about functions without a symbol.
 *
 * A static inline function, and a function-like macro from the helper list
 * (declared to clang as a prototype named MACRO_MARK + its name), cannot be
 * linked to: krust calls it through a C shim (emit/helpers.c). The shim is
 * compiled by the kernel's own compiler, so its types are written as clang
 * spells them, qualifiers and all, not re-spelled from the IR; only clang's
 * btf_type_tag attributes go back to the kernel's own words (__user,
 * __iomem, __rcu), which mean nothing to gcc and so stay harmless.
 *
 * The same tags make pointers distinct in the IR (clang_pointer_tag; or
 * clang_written_tag, from the declaration's own words, when clang 14 spells
 * a tag a macro wrote without its name), and the word __bitwise makes a
 * typedef one (clang_typedef_bitwise).
 */
#include "clang/clang.h"

#include <stdlib.h>
#include <string.h>

/* The prefix ir/helpers.c gives the prototypes of listed macros. */
#define MACRO_MARK "__krust_macro_"

static const struct {
	const char *attr, *word;
	enum ptr_tag tag;
} tags[] = {
	{ "__attribute__((btf_type_tag(\"user\")))", "__user", TAG_USER },
	{ "__attribute__((btf_type_tag(\"iomem\")))", "__iomem", TAG_IOMEM },
	{ "__attribute__((btf_type_tag(\"rcu\")))", "__rcu", TAG_RCU },
};
enum { NTAGS = sizeof(tags) / sizeof(tags[0]) };

/* Whether text holds the tag, as clang spells it: the attribute, or the macro that wrote it. */
static bool has_tag(const char *text, size_t i)
{
	const char *w = strstr(text, tags[i].word);
	size_t n = strlen(tags[i].word);
	bool word = w && (w[n] == ' ' || w[n] == '\0' || w[n] == '*');
	return word || strstr(text, tags[i].attr);
}

/*
 * clang 14 spells a pointer to tagged memory "__user char *" (the macro
 * that wrote the attribute); newer ones may spell the attribute itself. The
 * tag is this pointer's when it is in the pointee's part of the spelling,
 * after any inner '*'.
 */
enum ptr_tag clang_pointer_tag(CXType ptr)
{
	CXType pointee = clang_getPointeeType(ptr);
	if (pointee.kind == CXType_FunctionProto || pointee.kind == CXType_FunctionNoProto)
		return TAG_NONE;
	CXString s = clang_getTypeSpelling(ptr);
	char *sp = xstrdup(clang_getCString(s));
	clang_disposeString(s);
	char *star = strrchr(sp, '*');
	enum ptr_tag tag = TAG_NONE;
	if (star) {
		*star = '\0';
		char *inner = strrchr(sp, '*');
		for (size_t i = 0; i < NTAGS; i++)
			if (has_tag(inner ? inner : sp, i))
				tag = tags[i].tag;
	}
	free(sp);
	return tag;
}

/* clang 14 prints a tag written inside a macro's expansion without its name */
static const char nameless[] = " __attribute__((btf_type_tag))";

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A declarator's type in a form two spellings of it can be compared in:
 * the words between one '*' and the next sorted (clang 14 moves a tagged
 * pointee's qualifiers after it), the '*'s kept in place. Caller frees.
 */
static char *comparable(const char *text)
{
	struct strbuf out;
	sb_init(&out);
	for (const char *seg = text;; seg++) {
		size_t n = strcspn(seg, "*");
		char *part = xstrndup(seg, n);
		struct strvec words;
		sv_init(&words);
		sv_split(&words, part);
		free(part);
		qsort(words.v, words.n, sizeof(*words.v), by_string);
		char *joined = sv_join(&words, " ");
		sb_adds(&out, joined);
		free(joined);
		sv_free(&words);
		seg += n;
		if (!*seg)
			break;
		sb_addc(&out, '*');
	}
	return out.buf ? sb_steal(&out) : xstrdup("");
}

/* clang's spelling of t with its nameless tags taken out, in comparable form */
static char *spelled_without_tags(CXType t)
{
	CXString s = clang_getTypeSpelling(t);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = clang_getCString(s); p && *p;) {
		if (!strncmp(p, nameless, strlen(nameless)))
			p += strlen(nameless);
		else
			sb_addc(&sb, *p++);
	}
	clang_disposeString(s);
	char *r = comparable(sb.buf ? sb.buf : "");
	sb_free(&sb);
	return r;
}

/* How many nameless tags clang spells in t. */
static int count_nameless(CXType t)
{
	CXString s = clang_getTypeSpelling(t);
	int n = 0;
	for (const char *p = clang_getCString(s); p && (p = strstr(p, nameless)); p += strlen(nameless))
		n++;
	clang_disposeString(s);
	return n;
}

/*
 * clang 14 writes every nameless tag of a pointer type at the end of its
 * spelling, whatever pointer it belongs to ("void ** __attribute__(...)" is
 * void __iomem ** as well as void * __iomem *): ptr's own pointee has one
 * when ptr's spelling has more of them than the pointee's.
 */
static int own_nameless(CXType ptr)
{
	return count_nameless(ptr) - count_nameless(clang_getPointeeType(ptr));
}

/*
 * The tokens of decl as written, from its start up to its name: where the
 * declaration was spelled, inside a macro's body when a macro wrote it.
 * The tag words are left out of text, and the one before the level-th '*'
 * from the end is returned; TAG_NONE when there is none there, or two.
 */
static enum ptr_tag written_words(CXTranslationUnit tu, CXCursor decl, size_t level,
				  struct strbuf *text)
{
	CXSourceRange range = clang_getRange(clang_getRangeStart(clang_getCursorExtent(decl)),
					     clang_getCursorLocation(decl));
	CXToken *toks;
	unsigned n;
	clang_tokenize(tu, range, &toks, &n);
	struct strvec words;
	sv_init(&words);
	for (unsigned i = 0; i < n; i++) {
		char *word = clang_token_text(tu, toks[i]);
		sv_push(&words, word);
		free(word);
	}
	clang_disposeTokens(tu, toks, n);
	CXString name = clang_getCursorSpelling(decl);
	/* the name itself is not part of the type */
	if (words.n && !strcmp(words.v[words.n - 1], clang_getCString(name))) {
		free(words.v[--words.n]);
		words.v[words.n] = NULL;
	}
	clang_disposeString(name);
	size_t stars = 0;
	for (size_t i = 0; i < words.n; i++)
		stars += !strcmp(words.v[i], "*");
	enum ptr_tag found = TAG_NONE;
	int candidates = 0;
	for (size_t i = 0; i < words.n; i++) {
		size_t t = 0;
		while (t < NTAGS && strcmp(words.v[i], tags[t].word))
			t++;
		if (t == NTAGS) {
			stars -= !strcmp(words.v[i], "*");
			sb_adds(text, words.v[i]);
			sb_addc(text, ' ');
		} else if (stars == level) {
			found = tags[t].tag;
			candidates++;
		}
	}
	sv_free(&words);
	return candidates == 1 ? found : TAG_NONE;
}

/*
 * When clang spells a tag without its name, the word the declaration was
 * written with says which tag it is. The tokens are trusted only when, the
 * tag words left out, they spell the same type clang does: otherwise they
 * are not the declarator's own (a type given as a macro's argument is
 * spelled apart from the name that follows it) and the pointer keeps no tag.
 */
enum ptr_tag clang_written_tag(CXTranslationUnit tu, CXCursor decl, size_t level)
{
	CXType type = clang_getCursorType(decl), ptr = type;
	for (size_t i = 1; i < level; i++)
		ptr = clang_getPointeeType(ptr);
	CXType pointee = clang_getPointeeType(ptr);
	if (ptr.kind != CXType_Pointer || pointee.kind == CXType_FunctionProto ||
	    pointee.kind == CXType_FunctionNoProto || own_nameless(ptr) != 1)
		return TAG_NONE;
	struct strbuf text;
	sb_init(&text);
	enum ptr_tag tag = written_words(tu, decl, level, &text);
	char *written = comparable(text.buf ? text.buf : "");
	sb_free(&text);
	char *spelled = spelled_without_tags(type);
	bool same = tag != TAG_NONE && !strcmp(written, spelled);
	free(written);
	free(spelled);
	return same ? tag : TAG_NONE;
}

const char *clang_c_spelling(struct ir *ir, CXType t)
{
	CXString s = clang_getTypeSpelling(t);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = clang_getCString(s); p && *p;) {
		size_t i = 0;
		while (i < NTAGS && strncmp(p, tags[i].attr, strlen(tags[i].attr)))
			i++;
		if (!strncmp(p, nameless, strlen(nameless))) {
			p += strlen(nameless);
		} else if (i < NTAGS) {
			/* newer clangs print "int  __attribute__(...)*": make it "int __user *" */
			while (sb.len >= 2 && sb.buf[sb.len - 1] == ' ' && sb.buf[sb.len - 2] == ' ')
				sb.buf[--sb.len] = '\0';
			sb_adds(&sb, tags[i].word);
			p += strlen(tags[i].attr);
			if (*p && *p != ' ' && *p != ')' && *p != ',')
				sb_addc(&sb, ' ');
		} else {
			sb_addc(&sb, *p++);
		}
	}
	clang_disposeString(s);
	const char *r = arena_strdup(ir->arena, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return r;
}

/* Types a shim cannot name: clang's placeholders for anonymous records. */
static bool nameable(CXType t)
{
	CXString s = clang_getTypeSpelling(t);
	const char *sp = clang_getCString(s);
	bool ok = sp && !strstr(sp, "(unnamed") && !strstr(sp, "(anonymous");
	clang_disposeString(s);
	return ok;
}

/*
 * sparse's __bitwise expands to nothing for any compiler, and the kernel's
 * uapi/linux/types.h defines it after every -include, so no attribute can
 * stand in for it: the word itself, among the declaration's own tokens
 * (before expansion), says the typedef is one.
 */
bool clang_typedef_bitwise(CXTranslationUnit tu, CXCursor def)
{
	CXToken *toks;
	unsigned n;
	clang_tokenize(tu, clang_getCursorExtent(def), &toks, &n);
	bool yes = false;
	for (unsigned i = 0; i < n && !yes; i++) {
		if (clang_getTokenKind(toks[i]) != CXToken_Identifier)
			continue;
		char *word = clang_token_text(tu, toks[i]);
		yes = !strcmp(word, "__bitwise") || !strcmp(word, "__bitwise__");
		free(word);
	}
	clang_disposeTokens(tu, toks, n);
	return yes;
}

const char *clang_macro_helper_name(struct ir *ir, const char *function)
{
	if (function && !strncmp(function, MACRO_MARK, strlen(MACRO_MARK)))
		return arena_strdup(ir->arena, function + strlen(MACRO_MARK));
	return NULL;
}

bool clang_helper_possible(CXCursor fn)
{
	CXType t = clang_getCursorType(fn);
	if (t.kind != CXType_FunctionProto || clang_isFunctionTypeVariadic(t))
		return false;
	if (!nameable(clang_getResultType(t)))
		return false;
	for (int i = 0, n = clang_getNumArgTypes(t); i < n; i++)
		if (!nameable(clang_getArgType(t, i)))
			return false;
	return true;
}

static enum CXChildVisitResult find_annotation(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	CXString *out = data;
	if (clang_getCursorKind(c) != CXCursor_AnnotateAttr)
		return CXChildVisit_Continue;
	*out = clang_getCursorSpelling(c);
	return CXChildVisit_Break;
}

/* A listed macro's shim body, carried to here as the prototype's annotate attribute. */
static const char *macro_body(struct ir *ir, CXCursor fn)
{
	CXString s = { 0 };
	clang_visitChildren(fn, find_annotation, &s);
	if (!s.data)
		return NULL;
	const char *r = arena_strdup(ir->arena, clang_getCString(s));
	clang_disposeString(s);
	return r;
}

/* A listed macro's origin: its line in the list, which #line gave clang. */
static struct srcloc presumed(struct ir *ir, CXCursor c)
{
	CXString file;
	unsigned line, col;
	clang_getPresumedLocation(clang_getCursorLocation(c), &file, &line, &col);
	struct srcloc at = { arena_strdup(ir->arena, clang_getCString(file)), line, col };
	clang_disposeString(file);
	return at;
}

void clang_helper_fill(struct ir *ir, CXCursor fn, struct ir_item *it)
{
	CXType t = clang_getCursorType(fn);
	int n = clang_getNumArgTypes(t);
	it->helper = true;
	it->c_result = clang_c_spelling(ir, clang_getResultType(t));
	it->c_params = n > 0 ? arena_alloc(ir->arena, n * sizeof(char *)) : NULL;
	it->c_names = n > 0 ? arena_alloc(ir->arena, n * sizeof(char *)) : NULL;
	for (int i = 0; i < n; i++) {
		it->c_params[i] = clang_c_spelling(ir, clang_getArgType(t, i));
		CXString s = clang_getCursorSpelling(clang_Cursor_getArgument(fn, i));
		const char *name = clang_getCString(s);
		it->c_names[i] = name && *name ? arena_strdup(ir->arena, name) : NULL;
		clang_disposeString(s);
	}
	it->c_body = macro_body(ir, fn);
	if (it->c_body)
		it->loc = presumed(ir, fn);
}
