//! Must not compile: a log prefix that is bytes, not a C string, which
//! printk's `%s` would read past. The prefix is a `&'static CStr`.
// krust-expect: E0308
// krust-expect-text: expected `&CStr`, found `&[u8; 1]`
use kernel::prelude::*;

module! { type: M, name: "print_prefix_bytes", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        kernel::print::call_printk(&kernel::print::levels::INFO, b"x", format_args!("hello"));
        Ok(M)
    }
}
