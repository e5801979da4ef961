//! A module that panics on load, on purpose: the test harness must report
//! it as a failed test, not hang.

use kernel::prelude::*;

module! {
    type: RustPanic,
    name: "rust_panic",
    license: "GPL",
    params: {
        index: u32 {
            default: 7,
            permissions: 0o444,
            description: "An index past the end of a four-element array",
        },
    },
}

struct RustPanic;

impl Module for RustPanic {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let values = [1u32, 2, 3, 4];
        let i = module_parameters::index.get() as usize;
        pr_info!("reading element {} of {}\n", i, values.len());
        pr_info!("value {}\n", values[i]);
        Ok(RustPanic)
    }
}
