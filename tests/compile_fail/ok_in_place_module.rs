//! Compiles: a module written as Linux 6.18 writes one, an InPlaceModule
//! whose init returns an initialiser, with a parameter without permissions
//! read by reference, authors, an alias and a C-string literal.
// krust-expect: ok
use kernel::prelude::*;

module! {
    type: M,
    name: "ok_in_place_module",
    authors: ["A. Developer", "B. Developer"],
    description: "An in-place module",
    license: "GPL",
    alias: ["in-place"],
    imports_ns: ["KRUST_TEST"],
    params: {
        level: i64 {
            default: 1,
            description: "A level",
        },
    },
}

struct M {
    name: &'static CStr,
    level: i64,
}

impl kernel::InPlaceModule for M {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        Ok(M { name: c"in-place", level: *module_parameters::level.value() })
    }
}

impl Drop for M {
    fn drop(&mut self) {
        let text = kernel::str::CString::try_from_fmt(kernel::fmt!("{}", self.level));
        pr_info!("{} at level {} ({} bytes, {:?})\n", self.name.display(), self.level, self.name.len(), text.map(|t| t.len()));
    }
}
