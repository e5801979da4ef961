//! Must not compile: an initialised lock moved out of its pinned box.
// krust-expect: E0507
use kernel::new_mutex;
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "move_lock", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let pinned = KBox::pin_init(new_mutex!(0u32), GFP_KERNEL)?;
        let moved: Mutex<u32> = *pinned;
        *moved.lock() += 1;
        Ok(M)
    }
}
