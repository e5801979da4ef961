//! Must not compile: a module makes a `kernel_param` of its own, for storage
//! it chose (here an address), which the loader would write the parameter's
//! value through. Only a parameter's static makes its `KernelParam`.
// krust-expect: E0624
// krust-expect-text: associated function `new` is private
use kernel::module_param::KernelParam;
use kernel::prelude::*;

module! { type: M, name: "param_kernel_param_new", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}

static P: KernelParam = KernelParam::new::<i64>(c"x", 0o644, 0x1000 as *mut i64);
