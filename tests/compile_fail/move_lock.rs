//! Must not compile: two initialised locks swapped, which moves each out of
//! its pinned box. Getting `&mut` to a pinned value needs `Unpin`, which a
//! lock (a C object the kernel links to by address) is not.
// krust-expect: E0277
// krust-expect-text: the trait `Unpin` is not implemented
use kernel::new_mutex;
use kernel::prelude::*;

module! { type: M, name: "move_lock", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut a = KBox::pin_init(new_mutex!(0u32), GFP_KERNEL)?;
        let mut b = KBox::pin_init(new_mutex!(1u32), GFP_KERNEL)?;
        core::mem::swap(Pin::get_mut(a.as_mut()), Pin::get_mut(b.as_mut()));
        Ok(M)
    }
}
