//! In-place initialisation of values that must not move once initialised.
//!
//! A lock or a wait queue is a C object that the kernel links to by address,
//! so it must be initialised where it will live. Their constructors return an
//! initialiser, `impl PinInit<T>`, not a `T`: the only way to get the value
//! is to run the initialiser into pinned memory ([`crate::alloc::KBox::pin_init`],
//! [`crate::sync::Arc::pin_init`]). Holding an uninitialised lock, or moving
//! an initialised one, does not compile.

use core::marker::PhantomData;

use crate::error::Error;

/// An initialiser for a `T` that is pinned where it is initialised.
///
/// # Safety
///
/// When `__pinned_init` returns `Ok`, `*slot` is a fully initialised `T`;
/// when it returns `Err`, `*slot` holds nothing that needs dropping.
pub unsafe trait PinInit<T, E = Error>: Sized {
    /// Initialises `*slot`.
    ///
    /// # Safety
    ///
    /// `slot` is valid for writes of a `T`, and the memory will not move
    /// or be reused before the `T` is dropped (if this returns `Ok`).
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E>;
}

/// An initialiser made of a closure.
struct FromClosure<F, T, E>(F, PhantomData<fn(*mut T) -> E>);

// SAFETY: `pin_init_from_closure`'s caller guarantees the closure's behaviour.
unsafe impl<F, T, E> PinInit<T, E> for FromClosure<F, T, E>
where
    F: FnOnce(*mut T) -> Result<(), E>,
{
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
        (self.0)(slot)
    }
}

/// An initialiser that runs `f` on the slot.
///
/// # Safety
///
/// `f` upholds [`PinInit`]'s contract: it initialises the slot fully when it
/// returns `Ok`, and leaves nothing to drop when it returns `Err`; it relies
/// on the slot never moving.
pub unsafe fn pin_init_from_closure<T, E>(
    f: impl FnOnce(*mut T) -> Result<(), E>,
) -> impl PinInit<T, E> {
    FromClosure(f, PhantomData)
}

/// A value that is already made: moving it into place initialises the slot.
pub struct Value<T>(pub T);

// SAFETY: the slot is written with a whole `T`.
unsafe impl<T, E> PinInit<T, E> for Value<T> {
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
        // SAFETY: `slot` is valid for writes (the caller's guarantee).
        unsafe { slot.write(self.0) };
        Ok(())
    }
}
