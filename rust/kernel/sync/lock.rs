//! The generic lock: a C lock and the data it protects, reachable only
//! through a [`Guard`].

pub mod mutex;
pub mod spinlock;

use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;

use super::LockClassKey;
use crate::init::{pin_data, pin_init_from_closure, PinInit};
use crate::str::{CStr, CStrExt as _};
use crate::types::Opaque;

/// A kind of C lock: how to initialise, take and release it.
///
/// # Safety
///
/// `lock` excludes every other holder until `unlock`: while one guard
/// state is live, no other `lock` on the same state returns.
pub unsafe trait Backend {
    /// The C lock.
    type State;
    /// What a holder keeps between `lock` and `unlock`.
    type GuardState;

    /// Initialises the lock.
    ///
    /// # Safety
    ///
    /// `ptr` is valid for writes and never moves afterwards; `name` and
    /// `key` live as long as the lock.
    unsafe fn init(ptr: *mut Self::State, name: *const core::ffi::c_char, key: *mut bindings::lock_class_key);

    /// Takes the lock, waiting for it.
    ///
    /// # Safety
    ///
    /// `ptr` was initialised by `init`.
    unsafe fn lock(ptr: *mut Self::State) -> Self::GuardState;

    /// Releases the lock.
    ///
    /// # Safety
    ///
    /// The caller holds the lock, taken with `lock`, which returned `state`.
    unsafe fn unlock(ptr: *mut Self::State, state: &Self::GuardState);
}

/// Data of type `T` protected by a lock of kind `B`.
///
/// It is made by an initialiser ([`Lock::new`], or [`new_mutex!`](crate::new_mutex)
/// which names and keys the call site) run into pinned memory, so a lock
/// never moves once initialised and is never used uninitialised.
///
/// A struct holding a lock holds it in a `#[pin]` field and initialises
/// it with `field <- new_mutex!(..)` in [`pin_init!`](crate::pin_init).
///
/// # Invariants
///
/// `state` was initialised by `B::init`; `data` is accessed only by the
/// holder of the lock, through a [`Guard`].
#[pin_data]
#[repr(C)]
pub struct Lock<T: ?Sized, B: Backend> {
    #[pin]
    state: Opaque<B::State>,
    data: UnsafeCell<T>,
}

// SAFETY: a lock can move between threads with its data.
unsafe impl<T: ?Sized + Send, B: Backend> Send for Lock<T, B> {}
// SAFETY: the lock lets one thread at a time reach the data, which may then
// be sent on (so `Send`, not `Sync`, is what `T` needs).
unsafe impl<T: ?Sized + Send, B: Backend> Sync for Lock<T, B> {}

impl<T, B: Backend> Lock<T, B> {
    /// An initialiser for a lock protecting `t`. `name` and `key` identify
    /// the place of initialisation for lockdep.
    pub fn new(t: T, name: &'static CStr, key: Pin<&'static LockClassKey>) -> impl PinInit<Self> {
        // INVARIANT: `state` is initialised by `B::init`; the data is only
        // reached by guards.
        crate::pin_init!(Self {
            data: UnsafeCell::new(t),
            state <- state_init::<B>(name, key),
        })
    }
}

/// An initialiser for a lock's C state.
fn state_init<B: Backend>(name: &'static CStr, key: Pin<&'static LockClassKey>) -> impl PinInit<Opaque<B::State>> {
    let init = move |slot: *mut Opaque<B::State>| {
        // SAFETY: the state is in pinned memory that lives as long as the
        // lock (PinInit's contract); `name` and `key` are static.
        unsafe { B::init(Opaque::raw_get(slot), name.as_char_ptr(), key.as_ptr()) };
        Ok(())
    };
    // SAFETY: the closure initialises the state and never fails.
    unsafe { pin_init_from_closure(init) }
}

impl<T: ?Sized, B: Backend> Lock<T, B> {
    /// Takes the lock; the guard releases it when dropped.
    pub fn lock(&self) -> Guard<'_, T, B> {
        // SAFETY: the state was initialised (the type invariant).
        let state = unsafe { B::lock(self.state.get()) };
        // INVARIANT: the lock is held by this guard.
        Guard { lock: self, state, _not_send: PhantomData }
    }
}

/// Proof that a lock is held, and the only way to its data.
///
/// # Invariants
///
/// The lock is held, with `state`, for as long as the guard lives.
#[must_use = "the lock is released as soon as the guard is dropped"]
pub struct Guard<'a, T: ?Sized, B: Backend> {
    pub(crate) lock: &'a Lock<T, B>,
    pub(crate) state: B::GuardState,
    /// A lock is released by the thread that took it.
    _not_send: PhantomData<*mut ()>,
}

// SAFETY: sharing a guard shares `&T`.
unsafe impl<T: ?Sized + Sync, B: Backend> Sync for Guard<'_, T, B> {}

impl<T: ?Sized, B: Backend> Guard<'_, T, B> {
    /// Releases the lock while `f` runs, then takes it again.
    pub(crate) fn do_unlocked<U>(&mut self, f: impl FnOnce() -> U) -> U {
        // SAFETY: the lock is held (the type invariant).
        unsafe { B::unlock(self.lock.state.get(), &self.state) };
        let result = f();
        // INVARIANT: taken again before the guard is used.
        // SAFETY: the state was initialised (Lock's invariant).
        self.state = unsafe { B::lock(self.lock.state.get()) };
        result
    }
}

impl<T: ?Sized, B: Backend> Deref for Guard<'_, T, B> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock, so nothing else reaches the data.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T: ?Sized, B: Backend> DerefMut for Guard<'_, T, B> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as for `deref`; `&mut self` is unique.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<T: ?Sized, B: Backend> Drop for Guard<'_, T, B> {
    fn drop(&mut self) {
        // SAFETY: the guard holds the lock (the type invariant).
        unsafe { B::unlock(self.lock.state.get(), &self.state) };
    }
}
