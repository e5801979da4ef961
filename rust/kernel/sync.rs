//! Synchronisation: locks whose guards are the only way to the data they
//! protect ([`Mutex`], [`SpinLock`]), reference counting ([`Arc`]) and
//! waiting for a condition ([`CondVar`]).
//!
//! Locks and condition variables are C objects that must not move once
//! initialised: they are made by initialisers ([`new_mutex!`](crate::new_mutex),
//! [`new_condvar!`](crate::new_condvar)) run into pinned memory. Each call
//! site of those macros gets its own [`LockClassKey`], as C's `mutex_init`
//! does for lockdep.

mod arc;
pub mod aref;
mod completion;
mod condvar;
pub mod lock;
pub mod rcu;
mod refcount;

pub use arc::Arc;
pub use completion::Completion;
pub use condvar::{CondVar, CondVarTimeoutResult};
pub use refcount::Refcount;
pub use lock::mutex::{Mutex, MutexGuard};
pub use lock::spinlock::{SpinLock, SpinLockGuard};
pub use lock::{Guard, Lock};
pub use crate::{new_condvar, new_mutex, new_spinlock, static_lock_class};

use crate::types::Opaque;

/// A lockdep class: one per place that initialises a lock.
///
/// Kernels without lockdep (as Debian's) make it zero bytes; the API is the
/// same either way.
#[repr(transparent)]
pub struct LockClassKey(Opaque<bindings::lock_class_key>);

// SAFETY: lockdep uses the key's address only, from any thread.
unsafe impl Sync for LockClassKey {}

impl LockClassKey {
    /// A key for a `static`, as [`static_lock_class!`] makes one.
    ///
    /// # Safety
    ///
    /// The key lives in a `static` (lockdep knows static keys by their
    /// address, and never sees them go), pinned there before it is used.
    pub const unsafe fn new_static() -> Self {
        LockClassKey(Opaque::zeroed())
    }

    /// The C key, for lockdep; it is the caller's to use it as C's rules say.
    pub fn as_ptr(&self) -> *mut bindings::lock_class_key {
        self.0.get()
    }
}

/// A static [`LockClassKey`] for the place this macro is written, pinned:
/// what [`Mutex::new`], [`SpinLock::new`] and [`CondVar::new`] take as
/// their `key`.
///
/// ```
/// use kernel::prelude::*;
/// use kernel::sync::{static_lock_class, Arc, SpinLock};
///
/// let lock = Arc::pin_init(SpinLock::new(42u32, c"answer", static_lock_class!()), GFP_KERNEL)?;
/// assert_eq!(*lock.lock(), 42);
/// ```
///
/// Mainline also has `LockClassKey::new_dynamic`, a key in allocated
/// memory that lockdep registers; the stock kernels build without lockdep,
/// where it would do nothing, and krust leaves it out.
#[macro_export]
macro_rules! static_lock_class {
    () => {{
        // SAFETY: in a `static`, pinned right away.
        static CLASS: $crate::sync::LockClassKey = unsafe { $crate::sync::LockClassKey::new_static() };
        ::core::pin::Pin::static_ref(&CLASS)
    }};
}

/// The name of the place this macro is written, for lockdep: `file:line`.
#[doc(hidden)]
#[macro_export]
macro_rules! optional_name {
    () => {
        $crate::c_str!(::core::concat!(::core::file!(), ":", ::core::line!()))
    };
}
