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
mod condvar;
pub mod lock;
mod refcount;

pub use arc::Arc;
pub use condvar::{CondVar, CondVarTimeoutResult};
pub use refcount::Refcount;
pub use lock::mutex::Mutex;
pub use lock::spinlock::SpinLock;
pub use lock::{Guard, Lock};

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
    /// A new key, for a `static`.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        LockClassKey(Opaque::zeroed())
    }

    pub(crate) fn as_ptr(&self) -> *mut bindings::lock_class_key {
        self.0.get()
    }
}

/// A static [`LockClassKey`] for the place this macro is written.
#[doc(hidden)]
#[macro_export]
macro_rules! static_lock_class {
    () => {{
        static CLASS: $crate::sync::LockClassKey = $crate::sync::LockClassKey::new();
        &CLASS
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
