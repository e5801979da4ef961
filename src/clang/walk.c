/*
 * walk.c: from libclang cursors to IR items.
 *
 * One pass over the translation unit's top-level cursors. A type refers to a
 * record, enum or typedef through the item of its canonical declaration
 * (a hash map from cursor to item id), created the first time anything
 * mentions it; the item is filled when the walk reaches its definition.
 * Records that are never reached that way (clang's implicit __va_list_tag,
 * say) are filled afterwards from clang_getCursorDefinition.
 *
 * Every CXString is copied into the IR's arena and disposed of at once.
 * Sizes, alignments and field offsets are clang's own numbers.
 */
#include "clang/clang.h"

#include <stdlib.h>
#include <string.h>

/* A declaration's canonical cursor and its item: the cursor is the key. */
struct decl {
	CXCursor canon;
	item_id item;
};

/* A file libclang names by handle, and its index in the IR: the handle's bytes are the key. */
struct file {
	CXFile handle;
	uint32_t idx;
};

struct walker {
	struct ir *ir;
	CXTranslationUnit tu;
	const struct consts_job *consts; /* macros' tokens */
	struct macro_names *names;       /* what macros.c infers from */
	struct arena *arena;      /* the maps' entries, freed after the walk */
	struct map decls;         /* canonical cursor -> struct decl */
	struct map files;         /* CXFile -> struct file */
	const struct file *last_file; /* the one file_index found last */
	CXCursor *decl;           /* item id -> canonical cursor */
	size_t cap_decl;
	type_id prim_ids[P_F64 + 1];
};

static const char *take(struct walker *w, CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = c && *c ? arena_strdup(w->ir->arena, c) : NULL;
	clang_disposeString(s);
	return r;
}

static const char *spelling(struct walker *w, CXCursor c)
{
	return take(w, clang_getCursorSpelling(c));
}

/* ---------------------------------------------------------------- maps */

/* Cursors are equal by libclang's rule, not by their bytes. */
static bool same_cursor(const struct map_key *a, const struct map_key *b)
{
	return clang_equalCursors(*(const CXCursor *)a->data, *(const CXCursor *)b->data);
}

static struct map_key cursor_key(const CXCursor *c)
{
	return (struct map_key){ clang_hashCursor(*c), sizeof(*c), c };
}

/* Items come in runs from one file: the last one answers most lookups. */
static uint32_t file_index(struct walker *w, CXFile f)
{
	if (w->last_file && w->last_file->handle == f)
		return w->last_file->idx;
	struct file *e = map_get(&w->files, map_key(&f, sizeof(f)));
	if (!e) {
		e = arena_alloc(w->arena, sizeof(*e));
		CXString s = clang_getFileName(f);
		*e = (struct file){ f, ir_file_index(w->ir, clang_getCString(s)) };
		clang_disposeString(s);
		*map_put(&w->files, map_key(&e->handle, sizeof(e->handle))) = e;
	}
	w->last_file = e;
	return e->idx;
}

static void locate(struct walker *w, struct ir_item *it, CXCursor c)
{
	CXFile f;
	unsigned line, col, off;
	clang_getExpansionLocation(clang_getCursorLocation(c), &f, &line, &col, &off);
	if (!f)
		return;
	it->file_idx = file_index(w, f);
	it->loc = (struct srcloc){ w->ir->files[it->file_idx], line, col };
	it->offset = off;
}

/* ---------------------------------------------------------------- types */

static type_id conv_type(struct walker *w, CXType t);
static void fill(struct walker *w, item_id id, CXCursor def);

static item_id decl_item(struct walker *w, CXCursor decl, enum item_kind kind)
{
	CXCursor canon = clang_getCanonicalCursor(decl);
	struct decl *known = map_get(&w->decls, cursor_key(&canon));
	if (known)
		return known->item;
	item_id id = ir_new_item(w->ir, kind);
	struct decl *d = arena_alloc(w->arena, sizeof(*d));
	*d = (struct decl){ canon, id };
	*map_put(&w->decls, cursor_key(&d->canon)) = d;
	if (id >= w->cap_decl) {
		w->cap_decl = 2 * id + 1024;
		w->decl = xrealloc(w->decl, w->cap_decl * sizeof(*w->decl));
	}
	w->decl[id] = canon;
	struct ir_item *it = ir_item(w->ir, id);
	it->name = spelling(w, canon);
	/* clang 16 spells anonymous declarations "(unnamed struct at f:1:2)" */
	if (it->name && strchr(it->name, ' '))
		it->name = NULL;
	it->is_union = clang_getCursorKind(canon) == CXCursor_UnionDecl;
	locate(w, it, canon);
	if (kind == IT_TYPEDEF)
		fill(w, id, canon);
	return id;
}

static type_id with_const(struct walker *w, type_id id, bool is_const)
{
	if (!is_const || ir_type(w->ir, id)->is_const)
		return id;
	type_id c = ir_new_type(w->ir, TY_PRIM);
	*ir_type(w->ir, c) = *ir_type(w->ir, id);
	ir_type(w->ir, c)->is_const = true;
	return c;
}

/* A parameter of array type is a pointer (va_list is an array). */
static type_id decay(struct walker *w, type_id t)
{
	type_id r = ir_resolve(w->ir, t);
	if (ir_type(w->ir, r)->kind != TY_ARRAY)
		return t;
	type_id elem = ir_type(w->ir, r)->elem;
	type_id p = ir_new_type(w->ir, TY_POINTER);
	ir_type(w->ir, p)->elem = elem;
	ir_type(w->ir, p)->size = ir_type(w->ir, p)->align = 8;
	return p;
}

static type_id conv_func(struct walker *w, CXType t)
{
	type_id id = ir_new_type(w->ir, TY_FUNC);
	type_id ret = conv_type(w, clang_getResultType(t));
	int n = clang_getNumArgTypes(t);
	type_id *params = n > 0 ? arena_alloc(w->ir->arena, n * sizeof(*params)) : NULL;
	for (int i = 0; i < n; i++)
		params[i] = decay(w, conv_type(w, clang_getArgType(t, i)));
	struct ir_type *ty = ir_type(w->ir, id);
	ty->elem = ret;
	ty->params = params;
	ty->nparams = n > 0 ? n : 0;
	/* like bindgen, int f() is a function of no parameters */
	ty->variadic = t.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(t);
	/* libclang has no query for it; the attribute is part of the type's name */
	CXString s = clang_getTypeSpelling(t);
	ty->noreturn = strstr(clang_getCString(s), "__attribute__((noreturn))") != NULL;
	clang_disposeString(s);
	return id;
}

static type_id conv_unsupported(struct walker *w, CXType t)
{
	type_id id = ir_new_type(w->ir, TY_UNSUPPORTED);
	ir_type(w->ir, id)->why = take(w, clang_getTypeSpelling(t));
	return id;
}

static type_id conv_shape(struct walker *w, CXType t)
{
	type_id id;
	bool ok;
	switch (t.kind) {
	case CXType_Elaborated:
		return conv_type(w, clang_Type_getNamedType(t));
	case CXType_Attributed:
		return conv_type(w, clang_Type_getModifiedType(t));
	case CXType_Atomic:
		return conv_type(w, clang_Type_getValueType(t));
	case CXType_Unexposed: {
		CXType c = clang_getCanonicalType(t);
		return c.kind != CXType_Unexposed ? conv_type(w, c) : conv_unsupported(w, t);
	}
	case CXType_Typedef:
		id = ir_new_type(w->ir, TY_ITEM);
		ir_type(w->ir, id)->item = decl_item(w, clang_getTypeDeclaration(t), IT_TYPEDEF);
		return id;
	case CXType_Record:
	case CXType_Enum:
		id = ir_new_type(w->ir, TY_ITEM);
		ir_type(w->ir, id)->item = decl_item(w, clang_getTypeDeclaration(t),
						     t.kind == CXType_Enum ? IT_ENUM : IT_RECORD);
		return id;
	case CXType_Pointer: {
		/* clang 14 drops a tagged pointee's const ("__user int const *"); the canonical keeps it */
		bool is_const = clang_isConstQualifiedType(clang_getPointeeType(clang_getCanonicalType(t)));
		type_id elem = with_const(w, conv_type(w, clang_getPointeeType(t)), is_const);
		id = ir_new_type(w->ir, TY_POINTER);
		ir_type(w->ir, id)->elem = elem;
		ir_type(w->ir, id)->tag = clang_pointer_tag(t);
		return id;
	}
	case CXType_ConstantArray:
	case CXType_IncompleteArray: {
		type_id elem = conv_type(w, clang_getArrayElementType(t));
		id = ir_new_type(w->ir, TY_ARRAY);
		struct ir_type *ty = ir_type(w->ir, id);
		ty->elem = elem;
		ty->flex = t.kind == CXType_IncompleteArray;
		ty->len = ty->flex ? 0 : (uint64_t)clang_getArraySize(t);
		return id;
	}
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		return conv_func(w, t);
	default: {
		enum ir_prim p = clang_builtin_prim(t.kind, &ok);
		if (!ok)
			return conv_unsupported(w, t);
		if (!w->prim_ids[p]) {
			w->prim_ids[p] = ir_new_type(w->ir, TY_PRIM);
			ir_type(w->ir, w->prim_ids[p])->prim = p;
		}
		return w->prim_ids[p];
	}
	}
}

static type_id conv_type(struct walker *w, CXType t)
{
	type_id id = with_const(w, conv_shape(w, t), clang_isConstQualifiedType(t));
	struct ir_type *ty = ir_type(w->ir, id);
	if (!ty->align) {
		long long size = clang_Type_getSizeOf(t), align = clang_Type_getAlignOf(t);
		ty->size = size > 0 ? (uint64_t)size : 0;
		ty->align = align > 0 ? (uint64_t)align : 0;
	}
	return id;
}

/* ---------------------------------------------------------------- records */

/* A growing list of fields, copied to the arena once the record is done. */
struct record_walk {
	struct walker *w;
	item_id id;
	CXType type;
	struct ir_field *fields;
	size_t n, cap;
	unsigned anon;
};

static struct ir_field *add_field(struct record_walk *rw)
{
	if (rw->n == rw->cap) {
		rw->cap = rw->cap ? 2 * rw->cap : 16;
		rw->fields = xrealloc(rw->fields, rw->cap * sizeof(*rw->fields));
	}
	rw->fields[rw->n] = (struct ir_field){ 0 };
	return &rw->fields[rw->n++];
}

/*
 * libclang shows no field for an anonymous struct or union member, only its
 * declaration. Its offset is that of its first named field, as seen from the
 * enclosing record, minus that field's offset inside it.
 */
static long long anon_member_offset(struct walker *w, CXType outer, item_id anon)
{
	const struct ir_item *it = ir_item(w->ir, anon);
	for (uint32_t i = 0; i < it->nfields; i++) {
		const struct ir_field *f = &it->fields[i];
		if (f->name) {
			long long o = clang_Type_getOffsetOf(outer, f->name);
			return o < 0 ? o : o - (long long)f->offset;
		}
		const struct ir_type *ft = ir_type(w->ir, f->type);
		long long o = anon_member_offset(w, outer, ft->item);
		if (o >= 0)
			return o - (long long)f->offset;
	}
	return -1;
}

static enum CXChildVisitResult record_child(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct record_walk *rw = data;
	struct walker *w = rw->w;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FieldDecl) {
		type_id t = conv_type(w, clang_getCursorType(c));
		struct ir_field *f = add_field(rw);
		f->name = spelling(w, c);
		f->type = t;
		f->offset = (uint64_t)clang_Cursor_getOffsetOfField(c);
		f->is_bitfield = clang_Cursor_isBitField(c);
		f->width = f->is_bitfield ? (unsigned)clang_getFieldDeclBitWidth(c) : 0;
		f->doc = take(w, clang_Cursor_getRawCommentText(c));
		return CXChildVisit_Continue;
	}
	if (k != CXCursor_StructDecl && k != CXCursor_UnionDecl && k != CXCursor_EnumDecl)
		return CXChildVisit_Continue;
	item_id id = decl_item(w, c, k == CXCursor_EnumDecl ? IT_ENUM : IT_RECORD);
	struct ir_item *it = ir_item(w->ir, id);
	if (!it->name && !it->parent) {
		it->parent = rw->id;
		it->anon_index = ++rw->anon;
	}
	if (clang_isCursorDefinition(c))
		fill(w, id, c);
	if (k != CXCursor_EnumDecl && clang_Cursor_isAnonymousRecordDecl(c)) {
		long long off = anon_member_offset(w, rw->type, id);
		if (off < 0) {
			warn_at(it->loc, "cannot place an anonymous member; its record becomes opaque");
			ir_item(w->ir, rw->id)->opaque = true;
			return CXChildVisit_Continue;
		}
		type_id t = ir_new_type(w->ir, TY_ITEM);
		struct ir_type *ty = ir_type(w->ir, t);
		ty->item = id;
		ty->size = it->size;
		ty->align = it->align;
		struct ir_field *f = add_field(rw);
		f->type = t;
		f->offset = (uint64_t)off;
	}
	return CXChildVisit_Continue;
}

static void fill_record(struct walker *w, item_id id, CXCursor def)
{
	CXType t = clang_getCursorType(def);
	long long size = clang_Type_getSizeOf(t), align = clang_Type_getAlignOf(t);
	if (size < 0 || align <= 0)
		return;
	struct ir_item *it = ir_item(w->ir, id);
	it->complete = true;
	it->size = (uint64_t)size;
	it->align = (uint64_t)align;
	struct record_walk rw = { .w = w, .id = id, .type = t };
	clang_visitChildren(def, record_child, &rw);
	it->nfields = rw.n;
	if (rw.n) {
		it->fields = arena_alloc(w->ir->arena, rw.n * sizeof(*rw.fields));
		memcpy(it->fields, rw.fields, rw.n * sizeof(*rw.fields));
	}
	free(rw.fields);
}

/* ---------------------------------------------------------------- enums */

struct enum_walk {
	struct walker *w;
	bool is_unsigned;
	struct ir_enumerator *consts;
	size_t n, cap;
};

static enum CXChildVisitResult enum_child(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct enum_walk *ew = data;
	if (clang_getCursorKind(c) != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	if (ew->n == ew->cap) {
		ew->cap = ew->cap ? 2 * ew->cap : 16;
		ew->consts = xrealloc(ew->consts, ew->cap * sizeof(*ew->consts));
	}
	struct ir_enumerator *e = &ew->consts[ew->n++];
	struct ir_item tmp = { 0 };
	locate(ew->w, &tmp, c);
	*e = (struct ir_enumerator){
		.name = spelling(ew->w, c),
		.value = ew->is_unsigned ? (int64_t)clang_getEnumConstantDeclUnsignedValue(c)
					 : clang_getEnumConstantDeclValue(c),
		.doc = take(ew->w, clang_Cursor_getRawCommentText(c)),
		.loc = tmp.loc,
	};
	return CXChildVisit_Continue;
}

static void fill_enum(struct walker *w, item_id id, CXCursor def)
{
	bool ok;
	enum ir_prim p = clang_builtin_prim(clang_getEnumDeclIntegerType(def).kind, &ok);
	struct enum_walk ew = { .w = w };
	ew.is_unsigned = p == P_UINT || p == P_ULONG || p == P_ULLONG || p == P_UCHAR ||
			 p == P_USHORT || p == P_BOOL;
	clang_visitChildren(def, enum_child, &ew);
	struct ir_item *it = ir_item(w->ir, id);
	it->repr_prim = ok ? p : P_UINT;
	it->complete = true;
	it->nconsts = ew.n;
	if (ew.n) {
		it->consts = arena_alloc(w->ir->arena, ew.n * sizeof(*ew.consts));
		memcpy(it->consts, ew.consts, ew.n * sizeof(*ew.consts));
	}
	free(ew.consts);
}

/* ---------------------------------------------------------------- items */

/*
 * A typedef of an anonymous record or enum gives it its name. A typedef that
 * realigns the record (glibc's __pthread_unwind_buf_t is a 104-byte struct
 * aligned(16)) has no Rust equivalent, whose sizes are multiples of their
 * alignment: the record keeps its own alignment, and the typedef's name no
 * longer spells the same layout in C.
 */
static void name_anonymous_target(struct walker *w, item_id td, CXCursor def)
{
	const struct ir_type *t = ir_type(w->ir, ir_item(w->ir, td)->type);
	if (t->kind != TY_ITEM)
		return;
	struct ir_item *target = ir_item(w->ir, t->item);
	if (target->kind == IT_TYPEDEF || target->name || target->typedef_name || target->parent)
		return;
	target->typedef_name = ir_item(w->ir, td)->name;
	long long align = clang_Type_getAlignOf(clang_getCursorType(def));
	if (target->kind == IT_RECORD && target->complete && align > 0 && (uint64_t)align != target->align) {
		target->typedef_realigned = true;
		warn_at(ir_item(w->ir, td)->loc, "typedef %s is %lld-aligned, its struct %llu-aligned: "
			"Rust cannot express that, the struct keeps its own alignment",
			target->typedef_name, align, (unsigned long long)target->align);
	}
}

/* A declaration's attributes that matter to the extern: _Noreturn and asm labels. */
struct decl_attrs {
	struct walker *w;
	bool noreturn;
	const char *asm_label;
};

/* _Noreturn is an attribute libclang does not expose: look at its spelling
 * (through a macro, the tokens are the macro's). */
static bool spelled_noreturn(CXTranslationUnit tu, CXCursor attr)
{
	CXToken *toks;
	unsigned n;
	clang_tokenize(tu, clang_getCursorExtent(attr), &toks, &n);
	bool yes = false;
	if (n) {
		char *word = clang_token_text(tu, toks[0]);
		yes = !strcmp(word, "_Noreturn");
		free(word);
	}
	clang_disposeTokens(tu, toks, n);
	return yes;
}

static enum CXChildVisitResult decl_attr(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct decl_attrs *a = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_AsmLabelAttr)
		a->asm_label = spelling(a->w, c);
	else if (k == CXCursor_UnexposedAttr && spelled_noreturn(a->w->tu, c))
		a->noreturn = true;
	return CXChildVisit_Continue;
}

/*
 * A parameter whose tag clang spells without its name (one a macro wrote:
 * the kernel's readl, writel) takes it from the words it was written with.
 * Its pointer types are its own, each made by conv_type for it alone.
 */
static void written_param_tags(struct walker *w, type_id fn, CXCursor def)
{
	struct ir_type *f = ir_type(w->ir, ir_resolve(w->ir, fn));
	if (f->kind != TY_FUNC)
		return;
	for (int i = 0; i < (int)f->nparams && i < clang_Cursor_getNumArguments(def); i++) {
		CXCursor arg = clang_Cursor_getArgument(def, i);
		struct ir_type *p = ir_type(w->ir, f->params[i]);
		for (size_t level = 1; p->kind == TY_POINTER; level++) {
			if (p->tag == TAG_NONE)
				p->tag = clang_written_tag(w->tu, arg, level);
			p = ir_type(w->ir, p->elem);
		}
	}
}

static void fill_extern(struct walker *w, item_id id, CXCursor def)
{
	type_id t = conv_type(w, clang_getCursorType(def));
	struct ir_item *it = ir_item(w->ir, id);
	it->type = t;
	struct decl_attrs a = { w, false, NULL };
	clang_visitChildren(def, decl_attr, &a);
	if (a.asm_label && strcmp(a.asm_label, it->name))
		it->link_name = a.asm_label;
	if (it->kind != IT_FUNC)
		return;
	if (a.noreturn)
		ir_type(w->ir, ir_resolve(w->ir, t))->noreturn = true;
	int n = clang_Cursor_getNumArguments(def);
	it->param_names = n > 0 ? arena_alloc(w->ir->arena, n * sizeof(char *)) : NULL;
	for (int i = 0; i < n; i++)
		it->param_names[i] = spelling(w, clang_Cursor_getArgument(def, i));
	written_param_tags(w, t, def);
}

static void fill(struct walker *w, item_id id, CXCursor def)
{
	struct ir_item *it = ir_item(w->ir, id);
	if (it->filled)
		return;
	it->filled = true;
	locate(w, it, def);
	it->doc = take(w, clang_Cursor_getRawCommentText(def));
	switch (it->kind) {
	case IT_RECORD:
		fill_record(w, id, def);
		break;
	case IT_ENUM:
		fill_enum(w, id, def);
		break;
	case IT_TYPEDEF: {
		it->type = conv_type(w, clang_getTypedefDeclUnderlyingType(def));
		it->bitwise = clang_typedef_bitwise(w->tu, def);
		name_anonymous_target(w, id, def);
		break;
	}
	case IT_FUNC:
	case IT_VAR:
		fill_extern(w, id, def);
		break;
	case IT_MACRO:
		break;
	}
}

static void add_macro(struct walker *w, CXCursor c)
{
	const char *name = spelling(w, c);
	if (!name)
		return;
	bool function_like = clang_Cursor_isMacroFunctionLike(c);
	/* inference asks the constants thread about object-like ones when it can */
	if (function_like || !consts_macros_known(w->consts))
		clang_macro_note(w->names, c, name, function_like ? NOTE_FUNCTION_MACRO : NOTE_OBJECT_MACRO);
	if (function_like || clang_Cursor_isMacroBuiltin(c))
		return;
	/* clang's predefined macros and -D options have no file: they are never
	 * emitted, but the header's macros that use them are evaluated with them */
	struct ir_item *it = ir_item(w->ir, ir_new_item(w->ir, IT_MACRO));
	locate(w, it, c);
	it->name = name;
	uint32_t n;
	const struct ir_token *t = consts_macro_tokens(w->consts, name, false, &n);
	if (t) {
		/* the definition in force at the end: the one that counts */
		it->tokens = t;
		it->ntokens = n;
		return;
	}
	/* the preprocessor run knows it no more: #undef'd (or made function-like) */
	it->undefined = consts_macros_known(w->consts);
	t = clang_cursor_tokens(w->ir, w->tu, c, &n);
	/* the first token is the macro's own name */
	it->tokens = n > 1 ? t + 1 : NULL;
	it->ntokens = n > 1 ? n - 1 : 0;
}

/*
 * A function with a symbol is linked to. One without, a static inline
 * function or a listed macro's prototype, is called through a C shim. (A
 * plain static prototype may have no definition in the headers at all.)
 */
static void add_function(struct walker *w, CXCursor c)
{
	const char *name = spelling(w, c);
	const char *macro = clang_macro_helper_name(w->ir, name);
	if (name)
		clang_macro_note(w->names, c, macro ? macro : name, macro ? NOTE_LISTED : NOTE_FUNCTION);
	bool is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	if (!macro && !is_static) {
		fill(w, decl_item(w, c, IT_FUNC), c);
		return;
	}
	if ((is_static && !clang_Cursor_isFunctionInlined(c)) || !clang_helper_possible(c))
		return;
	item_id id = decl_item(w, c, IT_FUNC);
	fill(w, id, c);
	struct ir_item *it = ir_item(w->ir, id);
	clang_helper_fill(w->ir, c, it);
	if (macro) {
		it->name = macro;
		it->listed = true;
	}
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	struct walker *w = data;
	switch (clang_getCursorKind(c)) {
	case CXCursor_MacroDefinition:
		add_macro(w, c);
		break;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
	case CXCursor_EnumDecl: {
		item_id id = decl_item(w, c, clang_getCursorKind(c) == CXCursor_EnumDecl ? IT_ENUM : IT_RECORD);
		if (clang_isCursorDefinition(c))
			fill(w, id, c);
		break;
	}
	case CXCursor_TypedefDecl:
		decl_item(w, c, IT_TYPEDEF);
		break;
	case CXCursor_FunctionDecl:
		add_function(w, c);
		break;
	case CXCursor_VarDecl: {
		/* a global register variable has no symbol, only its register's asm label */
		enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
		if (sc != CX_SC_Static && sc != CX_SC_Register)
			fill(w, decl_item(w, c, IT_VAR), c);
		break;
	}
	default:
		break;
	}
	return CXChildVisit_Continue;
}

void clang_walk(struct ir *ir, CXTranslationUnit tu, const struct consts_job *consts,
		struct macro_names *names)
{
	struct walker w = { .ir = ir, .tu = tu, .consts = consts, .names = names,
			    .arena = arena_new() };
	map_init(&w.decls, 4096);
	w.decls.equal = same_cursor;
	map_init(&w.files, 1024);
	clang_visitChildren(clang_getTranslationUnitCursor(tu), top_level, &w);
	/* records and enums mentioned but defined where the walk did not go */
	for (item_id id = 1; id < ir->nitems; id++) {
		struct ir_item *it = ir_item(ir, id);
		if (it->filled || (it->kind != IT_RECORD && it->kind != IT_ENUM))
			continue;
		CXCursor def = clang_getCursorDefinition(w.decl[id]);
		if (!clang_Cursor_isNull(def))
			fill(&w, id, def);
	}
	map_free(&w.decls);
	map_free(&w.files);
	arena_free(w.arena);
	free(w.decl);
}
