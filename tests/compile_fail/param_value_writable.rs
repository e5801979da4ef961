//! Must not compile: `value()`, a `&T`, of a parameter that sysfs may
//! write while the reference lives; such a parameter is read with `get()`.
// krust-expect: E0599
// krust-expect-text: no method named `value` found for struct `ModuleParam<T>`
use kernel::prelude::*;

module! {
    type: M,
    name: "param_value_writable",
    license: "GPL",
    params: {
        level: i32 {
            default: 1,
            permissions: 0o644,
            description: "A level sysfs can change",
        },
    },
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("{}\n", *module_parameters::level.value());
        Ok(M)
    }
}
