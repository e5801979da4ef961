//! Must not compile: a #[pin] field moved out of its pinned struct. The
//! struct is not Unpin because a pinned field is not (a struct of Unpin
//! fields is: see pin_ok.rs), so safe code gets no `&mut` to it.
// krust-expect: E0277
// krust-expect-text: `PhantomPinned` cannot be unpinned
use kernel::prelude::*;
use kernel::sync::{CondVar, Mutex};

module! { type: M, name: "pin_move_field", license: "GPL", }

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
        let mut both = KBox::pin_init(pin_init!(Both { lock <- new_mutex!(1), cv <- new_condvar!(), count: 2 }), GFP_KERNEL)?;
        let inner: &mut Both = Pin::get_mut(both.as_mut());
        let lock = core::mem::replace(&mut inner.lock, unreachable_lock());
        *lock.lock() += 1;
        Ok(M)
    }
}

fn unreachable_lock() -> Mutex<u32> {
    loop {}
}
