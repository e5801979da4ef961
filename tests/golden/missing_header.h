// krust-bindgen-flags: no_such_file.h
/* The header given before this one does not exist. */
int f(void);
