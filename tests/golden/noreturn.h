// krust-bindgen-flags:
/* Functions that never return are `-> !`, whichever way C says so. */
#define __noreturn __attribute__((__noreturn__))
void panic_like(const char *fmt, ...) __attribute__((noreturn));
_Noreturn void exit_like(int status);
__noreturn void bug_like(void);
#define NORET _Noreturn
NORET void abort_like(void);
/* A name that starts like the keyword is not it. */
#define _Noreturnish
_Noreturnish void returns_too(void);
/* ... and so are pointers to them. */
struct ops {
	void (*stop)(int) __attribute__((noreturn));
	void (*step)(int);
};
void returns(void);
