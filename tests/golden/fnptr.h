// krust-bindgen-flags:
/* Function pointers are Option<unsafe extern "C" fn>. */
struct module;
struct kernel_param;
typedef void (*callback_t)(void *data);
typedef int handler_fn(int irq, void *dev);
struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
	int (*very_long_callback_name)(struct module *owner, const char *name, unsigned long flags, void *private_data);
	callback_t cb;
	handler_fn *handler;
	int (*vprint)(const char *fmt, ...);
};
void register_handler(handler_fn *fn, callback_t done);
