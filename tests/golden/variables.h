// krust-bindgen-flags:
/* Extern variables: mutable, const, arrays, pointers. */
extern int counter;
extern const int limit;
extern const char banner[16];
extern int table[];
extern const char *const names[];
extern void *cookie;
int tentative;
static int hidden;
