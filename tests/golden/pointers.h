// krust-bindgen-flags:
/* Pointers: const and mut, to pointers, to void, to incomplete types. */
struct node;
struct ptrs {
	void *any;
	const void *cany;
	char *s;
	const char *cs;
	const char *const *argv;
	char **mutable_argv;
	int *volatile vol;
	struct node *next;
	const struct node *const *nodes;
};
