// krust-bindgen-flags:
/* Doc comments carry over as ///; plain comments do not. */

/**
 * struct documented - a kernel-doc comment
 * @a: the first field
 *
 * Longer description, with a // inside.
 */
struct documented {
	/** the field's own doc */
	int a;
	/* not a doc comment */
	int b;
};
/// A line doc comment on a function.
/// Second line.
void documented_fn(void);
/*! Qt-style doc. */
extern int documented_var;
