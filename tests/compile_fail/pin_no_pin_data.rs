//! Must not compile: pin_init! on a struct without #[pin_data], which says
//! nothing of which fields are pinned. init! is for such structs, and takes
//! no pinned initialiser.
// krust-expect: E0277
// krust-expect-text: HasPinData` is not satisfied
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_no_pin_data", license: "GPL", }

struct Plain {
    lock: Mutex<u32>,
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let p = KBox::pin_init(pin_init!(Plain { lock <- new_mutex!(1) }), GFP_KERNEL)?;
        *p.lock.lock() += 1;
        Ok(M)
    }
}
