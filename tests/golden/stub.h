// krust-bindgen-flags:
/* Declarations Rust cannot express: left out or opaque, with a warning. */
typedef int v4si __attribute__((vector_size(16)));
struct has_vector {
	int before;
	v4si v;
};
v4si add_vectors(v4si a, v4si b);
extern _Complex double complex_value;
int still_emitted(int x);
