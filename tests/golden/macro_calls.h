// krust-bindgen-flags: --helper-macros macro_calls.list
/*
 * Function-like macros typed by what they call: a body that is one call of
 * a typed function (or of a macro typed so), passing each parameter whole,
 * takes that function's parameter and result types. The helper list wins
 * over inference; a macro that does anything else is left to the list.
 */
struct wait_queue_head {
	int lock;
};

extern void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr, void *key);

static inline long add_scaled(const long *base, unsigned int scale, long value)
{
	return *base * scale + value;
}

#define NORMAL 3
#define NULL ((void *)0)

/* a call with constants for the other arguments */
#define wake_up(x) __wake_up(x, NORMAL, 1, NULL)
/* a macro calling a typed macro */
#define wake_up_all(x) (wake_up_nr((x), 0))
#define wake_up_nr(x, nr) __wake_up(x, NORMAL, nr, NULL)
/* parameters passed in another order, to a static inline function */
#define scaled(v, b) add_scaled((b), 2, (v))
/* statement wrappers: do-while returns nothing, ({ }) the call's value */
#define wake_up_quietly(x) do { __wake_up(x, NORMAL, 0, NULL); } while (0)
#define scaled_stmt(b) ({ add_scaled(b, 1, 0); })

/* not inferable: a parameter used twice, or inside an expression; pasting */
#define twice(x) add_scaled(&(x), 2, (x))
#define shifted(b, v) add_scaled(b, 1, (v) << 1)
#define pasted(x) __wake_up(x##_head, NORMAL, 1, NULL)
/* not inferable: the callee is unknown, or variadic */
#define unknown(x) no_such_function(x)
extern int log_all(int level, ...);
#define log_one(x) log_all(x, 1)
/* not inferable, so listed */
#define is_err_value(x) ((unsigned long)(x) >= (unsigned long)-4095)
/* inferable, but the list wins */
#define scaled_listed(b) add_scaled(b, 3, 0)
/* lines continued with a backslash */
#define wake_up_later(x) \
do { \
	__wake_up(x, NORMAL, 2, NULL); \
} while (0)
/* not in force at the end: a helper could not call it */
#define wake_up_gone(x) __wake_up(x, NORMAL, 3, NULL)
#undef wake_up_gone
/* a function hidden by an empty macro of its name: calling it is not a call */
extern int real(int v);
#define real
#define call_real(x) real(x)
