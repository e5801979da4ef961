// krust-bindgen-flags: --ctypes-prefix crate::ffi
/* --ctypes-prefix moves c_int and friends. */
struct s {
	int i;
	unsigned long ul;
	void *p;
};
long f(char c);
