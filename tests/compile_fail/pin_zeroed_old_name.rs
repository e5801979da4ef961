//! Must not compile: `..Zeroable::zeroed()` after the fields, the name
//! before Linux 6.17's rename. 6.18 takes `..Zeroable::init_zeroed()` only,
//! and says so.
// krust-expect: error
// krust-expect-text: expected nothing or `..Zeroable::init_zeroed()` after the fields
use kernel::prelude::*;

module! { type: M, name: "pin_zeroed_old_name", license: "GPL", }

#[pin_data]
#[derive(Zeroable)]
struct Counters {
    hits: u64,
    misses: u64,
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let c = KBox::pin_init(pin_init!(Counters { hits: 1, ..Zeroable::zeroed() }), GFP_KERNEL)?;
        pr_info!("{}\n", c.hits + c.misses);
        Ok(M)
    }
}
