/*
 * clang.h: private to src/clang, the only code that calls libclang.
 *
 * parse.c checks the inputs, runs clang and reports its diagnostics, then
 * runs the rest: walk.c visits the translation unit and fills the IR;
 * macros.c types the function-like macros that call a typed function;
 * inline.c adds what the C shims of functions without a symbol need;
 * consts.c lists the macros (on a thread, during the parse) and evaluates
 * what their tokens cannot give; cx.c answers what all of them ask of
 * libclang alike. Calls go one way, down that list, and the sections below
 * follow it: no file calls back into one that calls it.
 */
#ifndef KRUST_CLANG_H
#define KRUST_CLANG_H

#include "ir/ir.h"

#include <clang-c/Index.h>

/* -------------------------------------------------------------- walk.c */

/* Fill ir from a parsed translation unit; consts gives macros' tokens, and
 * names learns of every function and macro. */
struct consts_job;
struct macro_names;
void clang_walk(struct ir *ir, CXTranslationUnit tu, const struct consts_job *consts,
		struct macro_names *names);

/* ------------------------------------------------------------ macros.c */

/* Function-like macros that call a typed function, as helpers. The walk
 * notes each function declaration and macro definition it visits, by name;
 * after it (the functions have their items), clang_infer_macros types what
 * it can and frees the table. */
enum macro_note { NOTE_FUNCTION, NOTE_LISTED, NOTE_FUNCTION_MACRO, NOTE_OBJECT_MACRO };
struct macro_names *clang_macro_names_new(struct ir *ir, CXTranslationUnit tu,
					  const struct consts_job *consts);
/* name must live as long as the IR (its arena's). NOTE_LISTED: a helper-list
 * prototype, by the macro's name. */
void clang_macro_note(struct macro_names *t, CXCursor c, const char *name, enum macro_note what);
void clang_infer_macros(struct macro_names *t);

/* ------------------------------------------------------------ inline.c */

/* Functions called through C shims, and sparse annotations. */
enum ptr_tag clang_pointer_tag(CXType ptr);
/* The tag decl's pointer at level (1: its type; 2: that pointer's pointee...)
 * was written with, when clang spells it nameless (a tag inside a macro's
 * expansion, with clang 14); else TAG_NONE. */
enum ptr_tag clang_written_tag(CXTranslationUnit tu, CXCursor decl, size_t level);
/* Whether a typedef is declared __bitwise (a sparse newtype: gfp_t, __le32). */
bool clang_typedef_bitwise(CXTranslationUnit tu, CXCursor def);
/* The macro a helper-list prototype of this name stands for, or NULL when it is not one. */
const char *clang_macro_helper_name(struct ir *ir, const char *function);
/* Whether a shim can be written for fn (not variadic, every type nameable). */
bool clang_helper_possible(CXCursor fn);
/* Mark it a helper and keep clang's spelling of its types (and a macro's body). */
void clang_helper_fill(struct ir *ir, CXCursor fn, struct ir_item *it);
/* clang's spelling of a type, btf_type_tag attributes as the kernel writes them. */
const char *clang_c_spelling(struct ir *ir, CXType t);

/* ------------------------------------------------------------ consts.c */

/* Macro constants evaluated by clang. consts_start begins writing the C
 * declarations that ask for them to the FIFO at consts_path (NULL if it
 * cannot be made); the main file includes it last. After the parse,
 * consts_join waits for the writer, and warns when the preprocessor run
 * could not be made (when parse_ok, also when it failed: otherwise clang's
 * own errors say why). From then on consts_macro_tokens gives the tokens of
 * a macro as defined at the end of the headers (NULL if it is not, or is not
 * of that kind): an object-like one's body, a function-like one's name,
 * parameter list and body. consts_evaluate reads the values and
 * consts_finish cleans up, handing the tokens' memory to the IR. */
struct consts_job *consts_start(const char *const *args, int nargs, const char *main_file);
const char *consts_path(const struct consts_job *j);
void consts_join(struct consts_job *j, bool parse_ok);
const struct ir_token *consts_macro_tokens(const struct consts_job *j, const char *name,
					   bool function_like, uint32_t *n);
/* Whether consts_macro_tokens knows every macro in force at the end. */
bool consts_macros_known(const struct consts_job *j);
void consts_finish(struct consts_job *j, struct ir *ir);
void consts_evaluate(struct ir *ir, CXTranslationUnit tu);

/* ---------------------------------------------------------------- cx.c */

/* A token's spelling (malloc'd), without the line continuations libclang
 * leaves in it. */
char *clang_token_text(CXTranslationUnit tu, CXToken t);
/* The tokens of a cursor's extent, from libclang, in the IR's arena. */
const struct ir_token *clang_cursor_tokens(struct ir *ir, CXTranslationUnit tu, CXCursor c,
					   uint32_t *n);
/* The IR primitive for one of clang's builtin type kinds (ok false if none). */
enum ir_prim clang_builtin_prim(enum CXTypeKind k, bool *ok);

#endif
