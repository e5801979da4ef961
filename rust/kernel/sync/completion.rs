//! [`Completion`]: one task waits until others say something is done. C's
//! `struct completion`, as Linux 6.18 has it in `kernel::sync`.

use crate::init::{pin_data, PinInit};
use crate::types::Opaque;

/// A completion: [`wait_for_completion`](Completion::wait_for_completion)
/// sleeps until [`complete_all`](Completion::complete_all) has been called,
/// and returns at once from then on.
///
/// ```
/// use kernel::prelude::*;
/// use kernel::sync::Completion;
///
/// let done = KBox::pin_init(Completion::new(), GFP_KERNEL)?;
/// done.complete_all();
/// done.wait_for_completion(); // already complete: returns at once
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

    /// Sleeps, uninterruptibly, until it is complete.
    pub fn wait_for_completion(&self) {
        // SAFETY: initialised (the type invariant); the caller may sleep.
        unsafe { bindings::wait_for_completion(self.as_raw()) };
    }
}
