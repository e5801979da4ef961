//! [`Revocable`]: a value whose access can be taken away while others may
//! still hold it, as Linux 6.18 has it.
//!
//! Readers reach the value inside an RCU read-side critical section
//! ([`Revocable::try_access`] gives a [`RevocableGuard`] that holds one,
//! [`Revocable::try_access_with_guard`] borrows the caller's). Revoking
//! clears the flag readers check, waits for an RCU grace period, so that
//! every reader that saw the flag set has left its section, and only then
//! drops the value. A reader must not sleep while it holds the value; a
//! revoker may not revoke from inside a read-side section (it would wait for
//! itself).

use core::marker::PhantomData;
use core::ops::Deref;
use core::pin::Pin;
use core::ptr::drop_in_place;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::init::{pin_data, pinned_drop, PinInit, PinnedDrop};
use crate::sync::rcu;
use crate::types::Opaque;

/// A value that can be revoked: once revoked, [`try_access`](Self::try_access)
/// fails, and the value is dropped as soon as no reader can still hold it.
///
/// ```
/// use kernel::prelude::*;
/// use kernel::revocable::Revocable;
///
/// struct Pair {
///     a: u32,
///     b: u32,
/// }
///
/// fn sum(v: &Revocable<Pair>) -> Option<u32> {
///     let p = v.try_access()?;
///     Some(p.a + p.b)
/// }
///
/// let v = KBox::pin_init(Revocable::new(Pair { a: 1, b: 2 }), GFP_KERNEL)?;
/// assert_eq!(sum(&v), Some(3));
/// assert!(v.revoke());
/// assert_eq!(sum(&v), None);
/// assert!(!v.revoke()); // once only
/// ```
///
/// With an RCU guard the caller holds already:
///
/// ```
/// use kernel::prelude::*;
/// use kernel::revocable::Revocable;
/// use kernel::sync::rcu;
///
/// let v = KBox::pin_init(Revocable::new(7u32), GFP_KERNEL)?;
/// {
///     let guard = rcu::read_lock();
///     assert_eq!(v.try_access_with_guard(&guard).copied(), Some(7));
/// }
/// v.revoke();
/// let guard = rcu::read_lock();
/// assert!(v.try_access_with_guard(&guard).is_none());
/// ```
///
/// # Invariants
///
/// `data` holds an initialised `T` while `is_available` is `true`; the one
/// who turns it `false` drops it, once.
#[pin_data(PinnedDrop)]
pub struct Revocable<T> {
    is_available: AtomicBool,
    #[pin]
    data: Opaque<T>,
}

// SAFETY: the value moves with the `Revocable` to another thread, and may be
// dropped there: `T: Send` is all that takes.
unsafe impl<T: Send> Send for Revocable<T> {}

// SAFETY: through `&Revocable` other threads get `&T` (so `T: Sync`), and
// one of them may revoke and so drop the value (so `T: Send`).
unsafe impl<T: Sync + Send> Sync for Revocable<T> {}

impl<T> Revocable<T> {
    /// An initialiser for a revocable value, available until revoked.
    pub fn new<E>(data: impl PinInit<T, E>) -> impl PinInit<Self, E> {
        // INVARIANT: the value is initialised and available.
        crate::try_pin_init!(Self {
            is_available: AtomicBool::new(true),
            data <- Opaque::pin_init(data),
        }? E)
    }

    /// The value, while it has not been revoked: the guard keeps it alive,
    /// in an RCU read-side critical section, so the holder must not sleep.
    pub fn try_access(&self) -> Option<RevocableGuard<'_, T>> {
        let guard = rcu::read_lock();
        if self.is_available.load(Ordering::Relaxed) {
            // INVARIANT: the section is open; the flag was set inside it, so
            // the value is dropped only after a grace period that waits for it.
            Some(RevocableGuard { data: self.data.get(), _rcu: guard, _p: PhantomData })
        } else {
            None
        }
    }

    /// The value, while it has not been revoked, for as long as the caller's
    /// RCU read-side critical section stays open.
    pub fn try_access_with_guard<'a>(&'a self, _guard: &'a rcu::Guard) -> Option<&'a T> {
        if self.is_available.load(Ordering::Relaxed) {
            // SAFETY: available, so initialised (the type invariant); a
            // revoker that clears the flag from now on waits for a grace
            // period, which outlasts the guard borrowed for `'a`, before it
            // drops the value.
            Some(unsafe { &*self.data.get() })
        } else {
            None
        }
    }

    /// Runs `f` on the value, while it has not been revoked, inside an RCU
    /// read-side critical section that ends when `f` returns.
    pub fn try_access_with<R, F: FnOnce(&T) -> R>(&self, f: F) -> Option<R> {
        self.try_access().map(|t| f(&t))
    }

    /// The value, without a check.
    ///
    /// # Safety
    ///
    /// The value has not been revoked, and will not be while the reference
    /// lives.
    pub unsafe fn access(&self) -> &T {
        // SAFETY: not revoked (the caller's guarantee), so initialised.
        unsafe { &*self.data.get() }
    }

    /// Clears the flag; if this call cleared it, waits for a grace period
    /// when `SYNC`, then drops the value. Whether this call revoked it.
    ///
    /// # Safety
    ///
    /// Without `SYNC`, no reader may hold the value any more.
    unsafe fn revoke_internal<const SYNC: bool>(&self) -> bool {
        let revoked = self.is_available.swap(false, Ordering::Relaxed);
        if revoked {
            if SYNC {
                rcu::synchronize_rcu();
            }
            // SAFETY: this call cleared the flag, so it alone drops the value
            // (the type invariant), which no reader holds any more: each
            // that saw the flag set has left its section (the grace period
            // above), or none can hold it (the caller's guarantee).
            unsafe { drop_in_place(self.data.get()) };
        }
        revoked
    }

    /// Revokes access and drops the value at once, without a grace period;
    /// `true` when this call revoked it, `false` when it was revoked before.
    ///
    /// # Safety
    ///
    /// No reader holds the value (no guard from
    /// [`try_access`](Self::try_access), no reference from
    /// [`try_access_with_guard`](Self::try_access_with_guard) lives).
    pub unsafe fn revoke_nosync(&self) -> bool {
        // SAFETY: the caller's guarantee is the one needed without `SYNC`.
        unsafe { self.revoke_internal::<false>() }
    }

    /// Revokes access: from now on [`try_access`](Self::try_access) fails;
    /// waits for the readers that hold the value to let it go, and drops
    /// it. `true` when this call revoked it, `false` when it was revoked
    /// before. It sleeps.
    pub fn revoke(&self) -> bool {
        // SAFETY: with `SYNC`, nothing is asked of the caller.
        unsafe { self.revoke_internal::<true>() }
    }
}

#[pinned_drop]
impl<T> PinnedDrop for Revocable<T> {
    fn drop(self: Pin<&mut Self>) {
        // SAFETY: only the flag is touched through the reference; the value
        // is dropped in place, never moved.
        let this = unsafe { self.get_unchecked_mut() };
        if *this.is_available.get_mut() {
            // SAFETY: still available, so initialised, and nobody else can
            // revoke it: this is the only reference.
            unsafe { drop_in_place(this.data.get()) };
        }
    }
}

/// Access to a revocable value: while it lives, the value is not dropped.
/// It holds an RCU read-side critical section: do not sleep while holding it.
///
/// # Invariants
///
/// `data` points to the available value of a [`Revocable`] that lives for
/// `'a`, and the RCU section opened before the flag was read is held.
pub struct RevocableGuard<'a, T> {
    // A pointer, not a `&'a T`: a reference passed to a function must stay
    // valid for the whole call, which a guard dropped inside the call would
    // break.
    data: *const T,
    _rcu: rcu::Guard,
    _p: PhantomData<&'a ()>,
}

impl<T> Deref for RevocableGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the section is held, so the value is not dropped (the type
        // invariant).
        unsafe { &*self.data }
    }
}
