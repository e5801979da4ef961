//! Must not compile: safe module code defines a symbol the loader calls
//! by name, a second `cleanup_module`. Naming a symbol takes `unsafe`.
// krust-expect: error
// krust-expect-text: unsafe attribute used without unsafe
// krust-expect-text: requested on the command line with `-D unsafe-attr-outside-unsafe`
use kernel::prelude::*;

module! { type: M, name: "attr_no_mangle", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}

#[export_name = "cleanup_module"]
pub extern "C" fn my_cleanup() {}
