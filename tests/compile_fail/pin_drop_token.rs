//! Must not compile: the token PinnedDrop::drop asks for, made by safe code to
//! call it by hand: only an unsafe function makes one.
// krust-expect: E0133
// krust-expect-text: OnlyCallFromDrop::new` is unsafe
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_drop_token", license: "GPL", }

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

use kernel::init::__internal::OnlyCallFromDrop;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut c = KBox::pin_init(pin_init!(Counted { lock <- new_mutex!(1) }), GFP_KERNEL)?;
        PinnedDrop::drop(c.as_mut(), OnlyCallFromDrop::new());
        Ok(M)
    }
}
