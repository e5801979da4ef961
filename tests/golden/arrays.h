// krust-bindgen-flags:
/* Arrays: fixed, nested, of records, flexible and zero-length members. */
struct pair { int a, b; };
struct arrays {
	char name[16];
	int matrix[3][4];
	struct pair pairs[2];
	const char *strings[3];
};
struct flexible {
	unsigned int len;
	unsigned char data[];
};
struct zero_length {
	long header;
	int items[0];
};
