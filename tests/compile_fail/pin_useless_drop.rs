//! Must not compile: a PinnedDrop impl on a struct declared with plain
//! #[pin_data], whose Drop would never call it (the teardown would silently
//! not run). #[pin_data(PinnedDrop)] is what makes it run.
// krust-expect: E0119
// krust-expect-text: UselessPinnedDropImpl_you_need_to_specify_PinnedDrop
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_useless_drop", license: "GPL", }

#[pin_data]
struct Counted {
    #[pin]
    lock: Mutex<u32>,
}

#[pinned_drop]
impl PinnedDrop for Counted {
    fn drop(self: Pin<&mut Self>) {
        *self.lock.lock() = 0;
    }
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}
