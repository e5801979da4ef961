//! A module with a type error, to check where krust reports it.

use kernel::prelude::*;

module! {
    type: RustBroken,
    name: "rust_broken",
    license: "GPL",
}

struct RustBroken;

impl Module for RustBroken {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let count: u32 = "three"; // KRUST-EXPECTED-ERROR
        pr_info!("{}\n", count);
        Ok(RustBroken)
    }
}
