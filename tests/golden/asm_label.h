// krust-bindgen-flags:
/* An asm label renames the symbol: the Rust name stays, link_name says which. */
int stat_like(const char *path) __asm__("stat64_like");
extern int counter __asm__("counter_v2");
/* A label that repeats the name changes nothing. */
int same(void) __asm__("same");
/* A global register variable is a register, not a symbol: left out. */
register unsigned long stack_pointer_like __asm__("rsp");
