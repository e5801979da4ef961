// krust-bindgen-flags:
/* Anonymous members and anonymous types, named as bindgen names them. */
struct page {
	unsigned long flags;
	union {
		struct {
			void *lru;
			unsigned long index;
		};
		struct {
			unsigned long pp_magic;
		};
	};
	struct {
		int count;
	} refs, *refs_ptr;
	union {
		int a;
		float b;
	};
};
struct {
	int x;
} global_anon;
