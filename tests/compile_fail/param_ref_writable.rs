//! Must not compile: a reference kept to a parameter that sysfs may write
//! meanwhile. Its `value()` is a copy, read once; only a load-time
//! parameter's `value()` is a `&T`.
// krust-expect: E0716
// krust-expect-text: temporary value dropped while borrowed
use kernel::prelude::*;

module! {
    type: M,
    name: "param_ref_writable",
    license: "GPL",
    params: {
        level: i32 {
            default: 1,
            permissions: 0o644,
            description: "A level sysfs can change",
        },
    },
}

struct M {
    level: &'static i32,
}

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let level: &'static i32 = &module_parameters::level.value();
        Ok(M { level })
    }
}
