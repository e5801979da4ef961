//! [`Faulty`]: an allocator for tests that fails on demand, so that the
//! error paths of code that allocates can be run, not only read.
//!
//! Every `Faulty` allocator of a module draws on one budget of successful
//! allocations. It is unlimited until [`fail_after`] sets it; when it is
//! spent, every allocation and every growth fails until [`fail_never`].
//! Freeing always succeeds. Being one budget, it is meant for tests that
//! run alone, as a sample module's init does.
//!
//! ```
//! use kernel::alloc::faulty::{self, Faulty};
//! use kernel::alloc::{AllocError, Kmalloc, Vec};
//! use kernel::prelude::*;
//!
//! let mut v = Vec::<u32, Faulty<Kmalloc>>::new();
//! faulty::fail_after(1);
//! assert!(v.push(1, GFP_KERNEL).is_ok());
//! // The first push allocated; growing beyond its capacity fails.
//! let cap = v.capacity();
//! assert_eq!(v.reserve(cap, GFP_KERNEL), Err(AllocError));
//! assert_eq!(&v[..], &[1]);
//! faulty::fail_never();
//! assert!(v.reserve(cap, GFP_KERNEL).is_ok());
//! ```

use core::alloc::Layout;
use core::marker::PhantomData;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicUsize, Ordering};

use super::{AllocError, Allocator, Flags};

/// The allocator `A`, failing once the budget is spent.
pub struct Faulty<A: Allocator>(PhantomData<A>);

/// Successful allocations left; `UNLIMITED` when failures are off.
static BUDGET: AtomicUsize = AtomicUsize::new(UNLIMITED);

const UNLIMITED: usize = usize::MAX;

/// Lets the next `n` allocations (or growths) succeed and fails every one
/// after them.
pub fn fail_after(n: usize) {
    BUDGET.store(n.min(UNLIMITED - 1), Ordering::SeqCst);
}

/// Lets every allocation succeed again, as far as `A` can serve it.
pub fn fail_never() {
    BUDGET.store(UNLIMITED, Ordering::SeqCst);
}

/// Takes one allocation from the budget, if there is one left.
fn spend() -> bool {
    BUDGET
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| match left {
            UNLIMITED => Some(UNLIMITED),
            0 => None,
            n => Some(n - 1),
        })
        .is_ok()
}

// SAFETY: every block comes from `A` and goes back to it, so `A`'s
// guarantees hold; a refused request touches no block.
unsafe impl<A: Allocator> Allocator for Faulty<A> {
    unsafe fn realloc(
        ptr: Option<NonNull<u8>>,
        layout: Layout,
        old_layout: Layout,
        flags: Flags,
    ) -> Result<NonNull<[u8]>, AllocError> {
        if layout.size() != 0 && !spend() {
            return Err(AllocError);
        }
        // SAFETY: the caller's guarantees, passed on unchanged.
        unsafe { A::realloc(ptr, layout, old_layout, flags) }
    }
}
