//! A module that leaks one 64-byte allocation each time it is loaded, on
//! purpose: the load and unload cycles of tests/vm/samples.sh must find it.

use kernel::prelude::*;

module! {
    type: RustLeak,
    name: "rust_leak",
    license: "GPL",
}

struct RustLeak;

impl Module for RustLeak {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        core::mem::forget(KBox::new([0u8; 64], GFP_KERNEL)?);
        Ok(RustLeak)
    }
}
