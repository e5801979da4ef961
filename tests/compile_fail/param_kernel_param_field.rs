//! Must not compile: a module fills a `kernel_param` by hand and wraps it,
//! free to pick any parser, storage or name. The wrapper's field is private.
// krust-expect: E0423
// krust-expect-text: cannot initialize a tuple struct which contains private fields
use kernel::bindings;
use kernel::module_param::KernelParam;
use kernel::prelude::*;

module! { type: M, name: "param_kernel_param_field", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}

// SAFETY: not reached; the file does not compile.
static P: KernelParam = KernelParam(unsafe { core::mem::zeroed::<bindings::kernel_param>() });
