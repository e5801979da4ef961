// krust-bindgen-flags: --frobnicate
struct foo { int x; };
