//! Must not compile: Drop on a #[pin_data] struct: its `&mut self` could move a
//! pinned field. PinnedDrop is the way (#[pin_data(PinnedDrop)]).
// krust-expect: E0119
// krust-expect-text: conflicting implementations of trait `MustNotImplDrop`
use kernel::prelude::*;
use kernel::sync::{CondVar, Mutex};

module! { type: M, name: "pin_drop_impl", license: "GPL", }

#[pin_data]
struct Both {
    #[pin]
    lock: Mutex<u32>,
    #[pin]
    cv: CondVar,
    count: u32,
}

struct M;

impl Drop for Both {
    fn drop(&mut self) {
        self.count = 0;
    }
}

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}
