// krust-bindgen-flags: --layout-checks
/* Bit-fields: one byte array per storage run, with accessors. */
struct flags {
	unsigned int readable : 1;
	unsigned int writable : 1;
	unsigned int mode : 3;
	int delta : 4;
	_Bool on : 1;
	unsigned int : 0;
	unsigned int after_zero : 2;
	char c;
	unsigned long long wide : 40;
	unsigned int : 5;
	unsigned int last : 3;
};
struct only_padding {
	int a;
	unsigned int : 8;
};
union bits_or_word {
	unsigned int word;
	unsigned int low : 8;
	unsigned int high : 24;
};
struct __attribute__((packed)) packed_bits {
	char tag;
	unsigned int v : 12;
};
