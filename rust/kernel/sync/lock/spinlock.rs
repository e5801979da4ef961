//! [`SpinLock`]: a busy-waiting lock, C's `spinlock_t`.
//!
//! `spin_lock_init`, `spin_lock` and `spin_unlock` are a macro and inline
//! functions in C; they are called through the C shims `krust bindgen`
//! generates. The shim of `spin_lock_init` holds the lockdep class of its
//! own call site, so every spinlock shares one class (the kernel has no
//! lockdep here; with lockdep, the name and key passed in would be used
//! through `__raw_spin_lock_init`).

/// A spinlock protecting a `T`: the holder must not sleep.
///
/// ```
/// use kernel::alloc::{flags::GFP_KERNEL, KBox};
/// use kernel::sync::new_spinlock;
///
/// let pair = KBox::pin_init(new_spinlock!((1u32, 2u32)), GFP_KERNEL)?;
/// {
///     let mut guard = pair.lock();
///     guard.0 += 10;
/// }
/// assert_eq!(pair.lock().0, 11);
/// ```
pub type SpinLock<T> = super::Lock<T, SpinLockBackend>;

/// A [`Guard`](super::Guard) of a [`SpinLock`].
pub type SpinLockGuard<'a, T> = super::Guard<'a, T, SpinLockBackend>;

/// An initialiser for a [`SpinLock`] holding `data`, with a lockdep class
/// for this call site, named after it or by the optional literal `name`.
#[macro_export]
macro_rules! new_spinlock {
    ($data:expr $(,)?) => {
        $crate::sync::SpinLock::new($data, $crate::optional_name!(), $crate::static_lock_class!())
    };
    ($data:expr, $name:literal $(,)?) => {
        $crate::sync::SpinLock::new($data, $crate::c_str!($name), $crate::static_lock_class!())
    };
}

/// The [`SpinLock`] backend: `spin_lock` and `spin_unlock`.
pub struct SpinLockBackend;

// SAFETY: C's spinlock excludes other holders until spin_unlock.
unsafe impl super::Backend for SpinLockBackend {
    type State = bindings::spinlock_t;
    type GuardState = ();

    // Inline, so only modules that use a spinlock reference the shims (and
    // get them compiled in); the others link none.
    #[inline]
    unsafe fn init(ptr: *mut bindings::spinlock_t, _name: *const core::ffi::c_char, _key: *mut bindings::lock_class_key) {
        // SAFETY: `ptr` is valid for writes and pinned (the caller's guarantee).
        unsafe { bindings::spin_lock_init(ptr) }
    }

    #[inline]
    unsafe fn lock(ptr: *mut bindings::spinlock_t) {
        // SAFETY: initialised (the caller's guarantee).
        unsafe { bindings::spin_lock(ptr) }
    }

    #[inline]
    unsafe fn unlock(ptr: *mut bindings::spinlock_t, _: &()) {
        // SAFETY: held by the caller.
        unsafe { bindings::spin_unlock(ptr) }
    }
}
