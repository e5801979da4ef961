//! Must not compile: an initialiser that does not name every field: the field
//! left out would be uninitialised memory.
// krust-expect: E0063
// krust-expect-text: missing field `cv`
use kernel::prelude::*;
use kernel::sync::{CondVar, Mutex};

module! { type: M, name: "pin_missing_field", license: "GPL", }

#[pin_data]
struct Both {
    #[pin]
    lock: Mutex<u32>,
    #[pin]
    cv: CondVar,
    count: u32,
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let both = KBox::pin_init(pin_init!(Both { lock <- new_mutex!(1), count: 2 }), GFP_KERNEL)?;
        both.cv.notify_all();
        Ok(M)
    }
}
