//! [`Mutex`]: a sleeping lock, C's `struct mutex`.

/// A mutex protecting a `T`: the holder may sleep.
///
/// ```
/// use kernel::alloc::{flags::GFP_KERNEL, KBox};
/// use kernel::sync::new_mutex;
///
/// let counter = KBox::pin_init(new_mutex!(0u32), GFP_KERNEL)?;
/// *counter.lock() += 1;
/// assert_eq!(*counter.lock(), 1);
/// ```
pub type Mutex<T> = super::Lock<T, MutexBackend>;

/// A [`Guard`](super::Guard) of a [`Mutex`].
pub type MutexGuard<'a, T> = super::Guard<'a, T, MutexBackend>;

/// An initialiser for a [`Mutex`] holding `data`, with a lockdep class for
/// this call site, named after it or by the optional literal `name`.
#[macro_export]
macro_rules! new_mutex {
    ($data:expr $(,)?) => {
        $crate::sync::Mutex::new($data, $crate::optional_name!(), $crate::static_lock_class!())
    };
    ($data:expr, $name:literal $(,)?) => {
        $crate::sync::Mutex::new($data, $crate::c_str!($name), $crate::static_lock_class!())
    };
}

/// The [`Mutex`] backend: `mutex_lock` and `mutex_unlock`.
pub struct MutexBackend;

// SAFETY: C's mutex excludes other holders until mutex_unlock.
unsafe impl super::Backend for MutexBackend {
    type State = bindings::mutex;
    type GuardState = ();

    unsafe fn init(ptr: *mut bindings::mutex, name: *const core::ffi::c_char, key: *mut bindings::lock_class_key) {
        // SAFETY: the caller's guarantees are what __mutex_init needs.
        unsafe { bindings::__mutex_init(ptr, name, key) }
    }

    unsafe fn lock(ptr: *mut bindings::mutex) {
        // SAFETY: initialised (the caller's guarantee).
        unsafe { bindings::mutex_lock(ptr) }
    }

    unsafe fn unlock(ptr: *mut bindings::mutex, _: &()) {
        // SAFETY: held by the caller.
        unsafe { bindings::mutex_unlock(ptr) }
    }
}
