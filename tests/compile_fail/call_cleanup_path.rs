//! Must not compile: the unload entry point reached by its path in the
//! module! expansion, which two private modules hide.
// krust-expect: E0603
// krust-expect-text: module `__module_init` is private
use kernel::prelude::*;

module! { type: M, name: "call_cleanup_path", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        __module_init::__module_init::cleanup_module();
        Ok(M)
    }
}
