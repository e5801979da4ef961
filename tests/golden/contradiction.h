// krust-bindgen-flags: --allowlist-type foo --blocklist-type foo
struct foo { int x; };
