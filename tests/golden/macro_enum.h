// krust-bindgen-flags:
/* An enum constant and a macro of its name are one Rust constant. */
#ifndef MACRO_ENUM_H
#define MACRO_ENUM_H
/* glibc's <netdb.h>: its own guard puts it first in the output, before the
 * header it includes, whose enum has the constant it defines again */
#include "include/macro_enum.h"
#define PORT_RESERVED 1024

/* a macro that is the constant itself (uapi's BPF_F_LINK) */
enum { SELF = 1 << 13 };
#define SELF SELF

/* the same value spelled otherwise */
enum { SAME = 2, SAME_CHAR = 'a' };
#define SAME (1 + 1)
#define SAME_CHAR 'a'

/* another value: C reads the macro wherever HIDDEN is written */
enum { HIDDEN = 4, NEXT };
#define HIDDEN 5

/* uapi's idiom: the macro is the last value, the constant one past it */
enum { MODE_A, MODE_B, __MODE_MAX };
#define __MODE_MAX (__MODE_MAX - 1)

/* #undef'd: at the end of the headers C reads the enum constant again */
#define GONE 9
#undef GONE
enum { GONE = 10 };

/* a named enum's constants carry its name: no conflict */
enum named { NAMED_A = 3 };
#define NAMED_A 3

/* defined twice with the same value, in two headers */
#define TWICE 7
/* redefined with another value: the last one counts, as in C */
#define REDEFINED 2

/* a function or variable hidden by a macro is left out, as the enum constant is */
int hidden_fn(void);
#define hidden_fn 6
#endif
