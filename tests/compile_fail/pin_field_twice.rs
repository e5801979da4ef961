//! Must not compile: one field initialised twice. The first value would be
//! overwritten without being dropped, and if a later field failed, both
//! fields' guards would drop the one value left: twice.
// krust-expect: E0062
// krust-expect-text: field `lock` specified more than once
use kernel::prelude::*;
use kernel::sync::{CondVar, Mutex};

module! { type: M, name: "pin_field_twice", license: "GPL", }

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
        let init = pin_init!(Both { lock <- new_mutex!(1), lock <- new_mutex!(2), cv <- new_condvar!(), count: 3 });
        let both = KBox::pin_init(init, GFP_KERNEL)?;
        *both.lock.lock() += both.count;
        Ok(M)
    }
}
