// krust-bindgen-flags: --helper-macros helpers.list
/*
 * Functions without a symbol: static inline functions and listed
 * function-like macros get a Rust declaration linked to a C shim; pointers
 * tagged as the kernel tags __user and __iomem get their own Rust types.
 */
#ifdef __clang__
#define __user __attribute__((btf_type_tag("user")))
#define __iomem __attribute__((btf_type_tag("iomem")))
#else
#define __user
#define __iomem
#endif

typedef struct {
	int counter;
} atomic_t;

struct refcount {
	atomic_t refs;
};

struct file_ops {
	long (*read)(char __user *buf, unsigned long len);
};

extern int real_function(int x);

static inline void refcount_inc(struct refcount *r)
{
	r->refs.counter++;
}

static inline int peek_user(const int __user *p, volatile unsigned long *flags)
{
	return *flags ? 0 : (int)(unsigned long)p;
}

static inline unsigned int readl(const volatile void __iomem *addr)
{
	return *(const volatile unsigned int *)addr;
}

static inline void call(void (*fn)(void *), void *arg)
{
	fn(arg);
}

/* variadic: no shim can forward its arguments */
static inline int log_at(int level, ...)
{
	return level;
}

static inline void declared_first(int x);

static inline void declared_first(int x)
{
	(void)x;
}

#define LIMIT 4096

static inline int limit(void)
{
	return LIMIT;
}

#define SQUARE(x) ((x) * (x))
#define INIT_REFCOUNT(r) do { (r)->refs.counter = 1; } while (0)
#define _IOC(dir, type, nr, size) (((dir) << 30) | ((size) << 16) | ((type) << 8) | (nr))
#define _IOR(type, nr, size) _IOC(2U, (type), (nr), sizeof(size))

/* a function pointer among a listed macro's parameters */
static inline int __add_action(void *dev, void (*action)(void *), void *data, const char *name)
{
	(void)dev;
	(void)name;
	action(data);
	return 0;
}
#define ADD_ACTION(dev, action, data) __add_action(dev, action, data, #action)
