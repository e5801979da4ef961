//! Must not compile: PinnedDrop::drop called by hand, which would let the value be
//! used (and dropped again) after its teardown. #[pinned_drop] gave it a
//! parameter that only the struct's Drop can fill.
// krust-expect: E0061
// krust-expect-text: this function takes 2 arguments but 1 argument was supplied
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_drop_call", license: "GPL", }

#[pin_data(PinnedDrop)]
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
        let mut c = KBox::pin_init(pin_init!(Counted { lock <- new_mutex!(1) }), GFP_KERNEL)?;
        PinnedDrop::drop(c.as_mut());
        Ok(M)
    }
}
