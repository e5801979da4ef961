//! Must not compile: PinnedDrop implemented by hand, without #[pinned_drop].
//! The trait is unsafe, so that only that attribute implements it (it adds
//! the parameter that keeps anything but the struct's Drop from calling it).
// krust-expect: E0200
// krust-expect-text: PinnedDrop` requires an `unsafe impl` declaration
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_drop_no_attr", license: "GPL", }

#[pin_data(PinnedDrop)]
struct Counted {
    #[pin]
    lock: Mutex<u32>,
}

impl PinnedDrop for Counted {
    fn drop(self: Pin<&mut Self>) {
        *self.lock.lock() = 0;
    }
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let c = KBox::pin_init(pin_init!(Counted { lock <- new_mutex!(1) }), GFP_KERNEL)?;
        *c.lock.lock() += 1;
        Ok(M)
    }
}
