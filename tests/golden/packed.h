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
