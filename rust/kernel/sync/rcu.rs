//! RCU, read-copy-update: [`read_lock`] opens a read-side critical section
//! for as long as its [`Guard`] lives, and [`synchronize_rcu`] waits until
//! every section open when it was called has closed.
//!
//! Linux 6.18 names them so. The stock kernels build with `PREEMPT_RCU`, where
//! a reader may be preempted but must not sleep (block on I/O, wait for a
//! lock that sleeps) while its guard lives.

use core::marker::PhantomData;

/// An RCU read-side critical section, open while the guard lives.
///
/// The section belongs to the task that opened it, so the guard is neither
/// `Send` nor `Sync`.
#[must_use = "the read-side critical section ends when the guard is dropped"]
pub struct Guard(PhantomData<*mut ()>);

impl Guard {
    /// Opens a read-side critical section (C's `rcu_read_lock`).
    #[inline]
    pub fn new() -> Self {
        // SAFETY: `rcu_read_lock` may be called in any context; the guard
        // closes the section it opens.
        unsafe { raw_read_lock() };
        Guard(PhantomData)
    }

    /// Closes the section: the same as dropping the guard.
    pub fn unlock(self) {}
}

impl Default for Guard {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Guard {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the guard opened a section on this task (it cannot move to
        // another), and this closes it, once.
        unsafe { raw_read_unlock() };
    }
}

// C's `rcu_read_lock` and `rcu_read_unlock` are static inline. Under
// `PREEMPT_RCU` without lockdep (the stock kernels), all they do is call
// `__rcu_read_lock` and `__rcu_read_unlock`, which are exported: calling
// those directly spares the C shim's call. With lockdep
// (`DEBUG_LOCK_ALLOC`) or another RCU, the shims keep every check C makes.
#[cfg(all(CONFIG_PREEMPT_RCU, not(CONFIG_DEBUG_LOCK_ALLOC)))]
use bindings::{__rcu_read_lock as raw_read_lock, __rcu_read_unlock as raw_read_unlock};
#[cfg(not(all(CONFIG_PREEMPT_RCU, not(CONFIG_DEBUG_LOCK_ALLOC))))]
use bindings::{rcu_read_lock as raw_read_lock, rcu_read_unlock as raw_read_unlock};

/// Opens a read-side critical section, closed when the guard is dropped.
pub fn read_lock() -> Guard {
    Guard::new()
}

/// Waits for an RCU grace period: every read-side critical section that was
/// open when it was called has closed when it returns. It sleeps, so it must
/// not be called inside a section, nor in atomic context.
pub fn synchronize_rcu() {
    // SAFETY: callable from any sleepable context, which the caller provides.
    unsafe { bindings::synchronize_rcu() };
}
