//! Must not compile: a pinned initialiser (a lock) given to a field that is not
//! #[pin]: that field may move, and the lock with it.
// krust-expect: E0277
// krust-expect-text: : Init<Lock<u32, MutexBackend>, _>` is not satisfied
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_unpinned_field", license: "GPL", }

struct M;

#[pin_data]
struct Unpinned {
    lock: Mutex<u32>,
}

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let u = KBox::pin_init(pin_init!(Unpinned { lock <- new_mutex!(1) }), GFP_KERNEL)?;
        *u.lock.lock() += 1;
        Ok(M)
    }
}
