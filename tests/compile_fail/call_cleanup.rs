//! Must not compile: the module's own code calls the unload entry point,
//! which would drop the module value that rmmod drops again.
// krust-expect: E0425
// krust-expect-text: cannot find function `cleanup_module` in this scope
use kernel::prelude::*;

module! { type: M, name: "call_cleanup", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        cleanup_module();
        Ok(M)
    }
}
