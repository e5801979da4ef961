// krust-bindgen-flags: --allowlist-function 'register_.*' --allowlist-var 'E[A-Z]+|MAX_.*' --allowlist-type 'kept' --blocklist-type 'blocked'
// krust-rust-prelude: #[repr(C)] pub struct blocked { y: core::ffi::c_int }
/* Allowlists pull in what the allowlisted items need; blocklists cut. */
#define EAGAIN 11
#define ENOMEM 12
#define MAX_LEN 64
#define OTHER 1
struct dep { int x; };
struct blocked { int y; };
struct via_pointer { struct dep d; };
typedef struct via_pointer via_t;
struct kept { long z; };
struct unrelated { int u; };
enum { E_FIRST = 1, E_SECOND };
int register_thing(via_t *v, struct blocked *b);
int unregister_thing(struct unrelated *u);
