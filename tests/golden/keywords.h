// krust-bindgen-flags:
/* C names that are Rust keywords get a trailing underscore. */
struct type {
	int match;
	int self;
	int loop;
	int _;
	int async;
};
enum impl { move, ref };
extern int unsafe;
void where(struct type *type);
