// krust-bindgen-flags:
/* Object-like macros: bindgen's typing rules for constants. */
#define EPERM 1
#define EINVAL 22
#define HEX 0xffu
#define OCTAL 0755
#define BINARY 0b1010
#define BIG 0xffffffffffffffffULL
#define WIDE 0x100000000
#define MINUS_ONE (-1)
#define VERY_NEGATIVE (-5000000000LL)
#define SHIFTED (1 << 4)
#define MASK (SHIFTED - 1)
#define COMBINED ((EINVAL | HEX) & ~MASK)
#define TERNARY (EPERM ? 10 : 20)
#define COMPARE (EINVAL > EPERM)
#define PI 3.14159
#define HALF (1 / 2.0)
#define CHAR_A 'A'
#define CHAR_ESC '\033'
#define KERN_SOH "\001"
#define KERN_SOH_ASCII '\001'
#define KERN_INFO KERN_SOH "6"
#define GREETING "hello, \"world\"\n"
#define JOINED "a" "b" "c"
/* A cast is left to clang, and the constant has the type C gives it. */
#define CAST ((int)5)
/* Not constants: empty, function-like, unknown names, division by zero. */
#define EMPTY
#define FUNCLIKE(x) ((x) + 1)
#define UNKNOWN (NOT_DEFINED + 1)
#define DIVZERO (1 / 0)
#define SELF SELF
/* Lines continued with a backslash. */
#define CONTINUED ( \
	1 << 3 \
	| 2 \
)
/* An unsigned value wraps at its type's width, as in C (a signed one is kept
 * in 64 bits, as bindgen does: 1 << 31 is 2147483648). */
#define ALL_ONES_U (~0U)
#define ALL_ONES_UL (~0UL)
#define MINUS_ONE_U (-1U)
#define HALF_UL (~0UL >> 1)
#define HEX_UNSIGNED 0xFFFFFFFF
#define HEX_WRAPS (0xFFFFFFFF + 1)
#define LONG_HOLDS_UNSIGNED (1U - 2L)
#define SHIFT31 (1 << 31)
#define UNSIGNED_COMPARE (-1 < 0U)
#define NEGATIVE_MEETS_UNSIGNED (-2 < 4294967295u)
#define UNSIGNED_DIVIDES (-1 / 2u)
#define UNSIGNED_REMAINDER (-1 % 7u)
#define LONG_MEETS_UNSIGNED (-1L < 1U)
#define OCTAL_OUT_OF_RANGE ('\400' + 0)
/* too large for any integer type: not a constant (nor a float) */
#define TOO_LARGE 99999999999999999999
/* clang's predefined macros (and -D options) are not emitted, but they count. */
#define USES_PREDEFINED (__CHAR_BIT__ * 2)
/* gcc and clang allow '$' in a name; Rust does not: it becomes '_'. */
#define DOLLAR 1
#define DOLLAR$X 2
/* A redefinition: the last one is in force. */
#define REDEFINED 1
#undef REDEFINED
#define REDEFINED 2
