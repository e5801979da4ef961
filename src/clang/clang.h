/*
 * clang.h: private to src/clang, the only code that calls libclang.
 *
 * parse.c checks the inputs, runs clang and reports its diagnostics;
 * walk.c visits the translation unit and fills the IR.
 */
#ifndef KRUST_CLANG_H
#define KRUST_CLANG_H

#include "ir/ir.h"

#include <clang-c/Index.h>

/* Fill ir from a parsed translation unit. */
void clang_walk(struct ir *ir, CXTranslationUnit tu);

#endif
