//! Must not compile: `..Zeroable::init_zeroed()` on a struct that is not
//! Zeroable: the fields left out would be zero bytes, and a zero `KBox` is
//! a null pointer that its drop would free.
// krust-expect: E0277
// krust-expect-text: the trait bound `Owner: Zeroable` is not satisfied
use kernel::prelude::*;

module! { type: M, name: "pin_zeroed_not_zeroable", license: "GPL", }

#[pin_data]
struct Owner {
    count: u32,
    buf: KBox<u32>,
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let o = KBox::pin_init(pin_init!(Owner { count: 1, ..Zeroable::init_zeroed() }), GFP_KERNEL)?;
        pr_info!("{}\n", o.count + *o.buf);
        Ok(M)
    }
}
