// krust-bindgen-flags:
/* Functions: prototypes, variadic, unnamed and keyword parameters. */
struct device;

/** Print a message, printf-style. */
int _printk(const char *fmt, ...);
void no_params(void);
int no_prototype();
long unnamed(int, char *);
void keywords(int type, int match, int self, int fn);
/* An array parameter is a pointer; a function parameter is a function pointer. */
void decays(int values[4], void callback(int));
struct device *find(const char *name, unsigned long long id, struct device **out,
		    const void *data, unsigned long data_len);
/* No symbol: a static inline function is called through a C shim; a plain
 * static prototype is left out. */
static inline int helper(int x) { return x + 1; }
static int internal(void);
/* '$' is allowed in C names and not in Rust's: it becomes '_', and a
 * function or variable keeps its symbol. */
struct with$dollar {
	int field$one;
};
void use$it(struct with$dollar *v, int arg$x);
extern int count$all;
