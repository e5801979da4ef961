//! Compiles: the same lock, initialised in place and used through its guard.
// krust-expect: ok
use kernel::new_mutex;
use kernel::prelude::*;

module! { type: M, name: "ok_lock", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let pinned = KBox::pin_init(new_mutex!(0u32), GFP_KERNEL)?;
        *pinned.lock() += 1;
        Ok(M)
    }
}
