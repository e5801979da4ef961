//! An `Arc` whose count is about to overflow, on purpose: the count is C's
//! `refcount_t`, so the next clone saturates it with the kernel's warning
//! (`refcount_t: saturated; leaking memory.`) instead of wrapping to zero,
//! and the value is leaked, never freed while in use. tests/vm/samples.sh
//! loads it in a boot of its own and checks the warning.

use kernel::prelude::*;
use kernel::sync::Arc;
use kernel::types::ForeignOwnable;

module! {
    type: RustRefcount,
    name: "rust_refcount",
    license: "GPL",
}

struct RustRefcount;

/// `refcount_t`'s saturated value, `REFCOUNT_SATURATED` in C.
const SATURATED: u32 = 0xc000_0000;

impl Module for RustRefcount {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let a = Arc::new(7u64, GFP_KERNEL)?;
        // The count is the first field of the block an Arc points to, which
        // into_foreign hands out; set it to the largest count, as 2^31 - 1
        // clones would.
        let block = a.into_foreign();
        // SAFETY: the block starts with the Arc's `refcount_t`, alive while
        // the count `block` stands for is held.
        unsafe { kernel::bindings::refcount_set(block as *mut kernel::bindings::refcount_t, i32::MAX) };
        // SAFETY: `block` came from into_foreign, and is taken back once.
        let a = unsafe { Arc::<u64>::from_foreign(block) };
        let b = a.clone();
        pr_info!("count after the overflowing clone: {:#x}, value {}\n", Arc::count(&b), *b);
        if Arc::count(&b) != SATURATED {
            pr_err!("the count did not saturate\n");
            return Err(EINVAL);
        }
        // Dropping both leaves the count saturated: the value leaks.
        drop(a);
        drop(b);
        Ok(RustRefcount)
    }
}
