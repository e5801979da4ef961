//! Must not compile: a parameter of a type no `param_ops_*` of the stock
//! kernel stores (6.1 has no parser for a signed `char`). The parameter
//! statics are `Sync` only for the types the kernel stores whole.
// krust-expect: E0277
// krust-expect-text: `i8` is not a module parameter type
use kernel::prelude::*;

module! {
    type: M,
    name: "param_type_unsupported",
    license: "GPL",
    params: {
        small: i8 {
            default: 1,
            description: "A signed byte",
        },
    },
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}
