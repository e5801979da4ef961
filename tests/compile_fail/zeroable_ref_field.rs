//! Must not compile: #[derive(Zeroable)] on a struct with a reference field:
//! all-zero bytes would make it a null reference.
// krust-expect: E0277
// krust-expect-text: the trait bound `&'a u32: kernel::init::Zeroable` is not satisfied
use kernel::prelude::*;

module! { type: M, name: "zeroable_ref_field", license: "GPL", }

#[derive(Zeroable)]
struct Borrowing<'a> {
    count: u32,
    target: &'a u32,
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let b: Borrowing<'static> = Zeroable::zeroed();
        pr_info!("{}\n", b.count + *b.target);
        Ok(M)
    }
}
