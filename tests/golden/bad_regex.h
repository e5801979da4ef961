// krust-bindgen-flags: --allowlist-function '(unclosed'
int f(void);
