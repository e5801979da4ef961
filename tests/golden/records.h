// krust-bindgen-flags:
/* Structs and unions with their exact layout. */
struct list_head {
	struct list_head *next, *prev;
};
/** A record with gaps that repr(C) fills the same way. */
struct mixed {
	char c;
	long l;
	short s;
};
union value {
	int i;
	double d;
	char bytes[12];
};
struct outer {
	struct inner { int x; } in;
	union value v;
};
struct empty {};
