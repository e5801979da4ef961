//! [`Completion`]: one task waits until others say something is done. C's
//! `struct completion`, as Linux 6.18 has it in `kernel::sync`, with three
//! more of C's calls that 6.18 does not wrap: [`complete`](Completion::complete),
//! [`reinit`](Completion::reinit) and
//! [`wait_for_completion_timeout`](Completion::wait_for_completion_timeout),
//! which a driver needs to signal one operation after another from its
//! interrupt handler.

use core::sync::atomic::{AtomicU32, Ordering};

use crate::error::{code::ETIMEDOUT, Result};
use crate::init::{pin_data, PinInit};
use crate::time::Jiffies;
use crate::types::Opaque;

/// A completion: [`wait_for_completion`](Completion::wait_for_completion)
/// sleeps until [`complete_all`](Completion::complete_all) has been called,
/// and returns at once from then on; or, counted, each
/// [`complete`](Completion::complete) lets one wait return, until
/// [`reinit`](Completion::reinit) forgets those not yet waited for.
///
/// ```
/// use kernel::prelude::*;
/// use kernel::sync::Completion;
///
/// let done = KBox::pin_init(Completion::new(), GFP_KERNEL)?;
/// done.complete();
/// done.wait_for_completion_timeout(1)?; // completed once: returns at once
/// assert_eq!(done.wait_for_completion_timeout(1), Err(ETIMEDOUT)); // that one is taken
/// done.complete();
/// done.reinit(); // forgets it
/// assert_eq!(done.wait_for_completion_timeout(1), Err(ETIMEDOUT));
/// done.complete_all();
/// done.wait_for_completion(); // complete for good: returns at once
/// done.wait_for_completion();
/// ```
///
/// # Invariants
///
/// `inner` was initialised by `init_completion`.
#[pin_data]
pub struct Completion {
    #[pin]
    inner: Opaque<bindings::completion>,
}

// SAFETY: a completion is made to be completed and waited for from any
// thread; its wait queue has a lock of its own.
unsafe impl Send for Completion {}
// SAFETY: as above; every operation takes `&self` and locks what it needs.
unsafe impl Sync for Completion {}

impl Completion {
    /// An initialiser for a completion not yet complete.
    pub fn new() -> impl PinInit<Self> {
        // INVARIANT: `init_completion` initialises `inner`.
        crate::pin_init!(Self {
            inner <- Opaque::ffi_init(|slot: *mut bindings::completion| {
                // SAFETY: `slot` is valid for writes and pinned (the
                // initialiser's contract).
                unsafe { bindings::init_completion(slot) }
            }),
        })
    }

    fn as_raw(&self) -> *mut bindings::completion {
        self.inner.get()
    }

    /// Marks it complete and wakes every waiter, present and future.
    pub fn complete_all(&self) {
        // SAFETY: initialised (the type invariant).
        unsafe { bindings::complete_all(self.as_raw()) };
    }

    /// Lets one wait return: the one sleeping longest, or else the next to
    /// come. Callable from interrupt context.
    pub fn complete(&self) {
        // SAFETY: initialised (the type invariant).
        unsafe { bindings::complete(self.as_raw()) };
    }

    /// Forgets every [`complete`](Self::complete) not yet waited for, before
    /// starting what will complete it again. Racing with a waiter or a
    /// `complete` loses nothing but that count, as in C.
    pub fn reinit(&self) {
        // C's static inline `reinit_completion` is this one store, of a
        // field that `complete` and the waiters change under the wait
        // queue's lock; an atomic store is the same `mov` on x86.
        // SAFETY: `done` is an aligned `unsigned int` of the initialised
        // completion (the type invariant), which outlives the borrow; every
        // other access to it is C's.
        let done = unsafe { AtomicU32::from_ptr(core::ptr::addr_of_mut!((*self.as_raw()).done)) };
        done.store(0, Ordering::Relaxed);
    }

    /// Sleeps, uninterruptibly, until it is complete.
    pub fn wait_for_completion(&self) {
        // SAFETY: initialised (the type invariant); the caller may sleep.
        unsafe { bindings::wait_for_completion(self.as_raw()) };
    }

    /// Sleeps, uninterruptibly, until it is complete or `timeout` jiffies
    /// have passed; `ETIMEDOUT` then.
    pub fn wait_for_completion_timeout(&self, timeout: Jiffies) -> Result {
        // SAFETY: initialised (the type invariant); the caller may sleep.
        let left = unsafe { bindings::wait_for_completion_timeout(self.as_raw(), timeout) };
        if left == 0 {
            Err(ETIMEDOUT)
        } else {
            Ok(())
        }
    }
}
