//! Must not compile: an early `return Ok(())` from a field's expression, which
//! would hand over a struct whose later fields were never initialised.
// krust-expect: E0308
// krust-expect-text: expected `InitOk`, found `()`
use kernel::prelude::*;
use kernel::sync::{CondVar, Mutex};

module! { type: M, name: "pin_early_return", license: "GPL", }

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
        let init = try_pin_init!(Both {
            lock <- new_mutex!(1),
            count: {
                return Ok(());
            },
            cv <- new_condvar!(),
        });
        let both = KBox::try_pin_init(init, GFP_KERNEL)?;
        both.cv.notify_all();
        Ok(M)
    }
}
