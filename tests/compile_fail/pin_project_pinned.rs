//! Must not compile: a #[pin] field taken as `&mut` from the projection of
//! a pinned struct, with which it could be moved. The projection gives the
//! pinned fields as `Pin<&mut _>` only.
// krust-expect: E0308
// krust-expect-text: found `Pin<&mut Lock<u32, MutexBackend>>`
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_project_pinned", license: "GPL", }

#[pin_data]
struct Stats {
    #[pin]
    lock: Mutex<u32>,
    reads: u64,
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut s = KBox::pin_init(pin_init!(Stats { lock <- new_mutex!(0), reads: 0 }), GFP_KERNEL)?;
        let fields = s.as_mut().project();
        *fields.reads += 1;
        let lock: &mut Mutex<u32> = fields.lock;
        *lock.lock() += 1;
        Ok(M)
    }
}
