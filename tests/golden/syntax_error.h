// krust-bindgen-flags:
struct broken {
	int a
	int b;
};
int fine(void);
int missing_type = ;
