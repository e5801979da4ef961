// krust-bindgen-flags:
/* Primitive types: every C integer, _Bool, 128-bit integers, floating types. */
struct primitives {
	char c;
	signed char sc;
	unsigned char uc;
	short s;
	unsigned short us;
	int i;
	unsigned int ui;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	_Bool b;
	float f;
	double d;
	long double ld; /* x86-64: 16 bytes, 16-aligned, like u128 */
};
/* __int128 is 16-aligned in C and in current Rust alike. */
struct wide {
	char tag;
	__int128 s128;
	unsigned __int128 u128;
};
