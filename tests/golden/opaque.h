// krust-bindgen-flags: --opaque-type 'secret|handle_t'
/* Opaque types: asked for by name, or incomplete in C. */
struct secret {
	int key;
	long value;
};
struct hidden_target { char bytes[3]; short s; };
typedef struct hidden_target handle_t;
struct incomplete;
struct user {
	struct secret s;
	handle_t h;
	struct incomplete *p;
};
