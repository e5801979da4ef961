// krust-bindgen-flags: --layout-checks
/* Packed and aligned records, and under-aligned typedefs (compat_u64). */
typedef unsigned long long u64;
typedef u64 compat_u64 __attribute__((aligned(4)));
struct compat {
	int a;
	compat_u64 b;
	int c;
};
struct __attribute__((packed)) wire {
	char tag;
	int value;
	short tail;
};
#pragma pack(push, 2)
struct pack2 {
	char a;
	int b;
};
#pragma pack(pop)
struct __attribute__((aligned(16))) cacheline {
	int a;
};
struct over_aligned_field {
	char a;
	int b __attribute__((aligned(8)));
};
struct contains_aligned {
	char c;
	struct cacheline line;
};
/* A packed record that holds an aligned one: Rust's packed types may not
 * hold repr(align) ones, so the inner record takes its alignment from a
 * zero-sized member instead, and the outer one is packed as in C. */
struct __attribute__((aligned(8))) stamp {
	unsigned int sec;
};
struct __attribute__((packed)) frame {
	char kind;
	struct stamp when[2];
	short len;
};
/* A record both packed and aligned: Rust has no repr for both, so its fields
 * go into a packed record of their own that an aligned one holds. */
struct __attribute__((packed, aligned(4))) both {
	char a;
	int b;
	short c;
};
struct holds_both {
	char x;
	struct both y;
};
struct __attribute__((packed)) packs_both {
	char x;
	struct both y;
};
struct __attribute__((packed, aligned(2))) both_bits {
	char a;
	unsigned int f : 3;
	unsigned int g : 9;
	int h;
};
/* ... laid out while another record is, and named apart from a type that
 * already has its part's name. */
struct holds_anonymous {
	char c;
	struct __attribute__((packed, aligned(4))) {
		char a;
		int b;
	} in;
};
struct both_bits__packed {
	int x;
};
