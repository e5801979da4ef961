//! Must not compile: an early return from a field's expression with the
//! value that says "every field is in", made by hand. Only the initialiser
//! macros may make it, through an unsafe function.
// krust-expect: E0133
// krust-expect-text: InitOk::new` is unsafe
use kernel::init::__internal::InitOk;
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_forge_ok", license: "GPL", }

#[pin_data]
struct Two {
    #[pin]
    lock: Mutex<u32>,
    count: u32,
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let init = try_pin_init!(Two {
            count: {
                return Ok(InitOk::new());
            },
            lock <- new_mutex!(1),
        });
        let two = KBox::try_pin_init(init, GFP_KERNEL)?;
        *two.lock.lock() += two.count;
        Ok(M)
    }
}
