// krust-bindgen-flags:
/* Typedefs: chains, aliases of records, names Rust spells itself. */
typedef unsigned char __u8;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef __u8 u8;
typedef __u32 u32;
typedef __u64 u64;
typedef _Bool bool;
typedef int u16;
typedef unsigned long size_t;
typedef long ssize_t;
typedef u32 handle_t;
typedef handle_t *handle_ptr;
typedef struct point { int x, y; } point;
typedef struct point point_t;
typedef struct { u8 r, g, b; } rgb;
typedef struct opaque_thing opaque_thing_t;
struct uses {
	size_t len;
	ssize_t ret;
	bool flag;
	u16 not_really_u16;
	u64 value;
	handle_ptr h;
	point_t p;
	rgb color;
	opaque_thing_t *thing;
};
