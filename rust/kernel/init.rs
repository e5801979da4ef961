//! In-place initialisation of values that must not move once initialised.
//!
//! A lock or a wait queue is a C object that the kernel links to by address,
//! so it must be initialised where it will live. Their constructors return an
//! initialiser, `impl PinInit<T>`, not a `T`: the only way to get the value
//! is to run the initialiser into pinned memory ([`KBox::pin_init`],
//! [`Arc::pin_init`], both from [`InPlaceInit`]). Holding an uninitialised
//! lock, or moving an initialised one, does not compile.
//!
//! A struct holding such values says which of its fields are pinned with
//! [`#[pin_data]`](pin_data) and `#[pin]`, and is built with
//! [`pin_init!`](crate::pin_init!) (or [`try_pin_init!`](crate::try_pin_init!)
//! when it can fail): `field <- initialiser` runs an initialiser in place,
//! `field: value` moves a value in. Fields are initialised in the order
//! written; when one fails, those already initialised are dropped, in
//! reverse order, and the error is returned.
//!
//! ```
//! use kernel::prelude::*;
//! use kernel::sync::{CondVar, Mutex};
//!
//! #[pin_data]
//! struct Queue {
//!     #[pin]
//!     items: Mutex<KVec<u32>>,
//!     #[pin]
//!     nonempty: CondVar,
//!     name: &'static str,
//! }
//!
//! impl Queue {
//!     fn new(name: &'static str) -> impl PinInit<Self, Error> {
//!         try_pin_init!(Self {
//!             items <- new_mutex!(KVec::with_capacity(4, GFP_KERNEL)?),
//!             nonempty <- new_condvar!(),
//!             name,
//!         })
//!     }
//! }
//!
//! let q = KBox::pin_init(Queue::new("q"), GFP_KERNEL)?;
//! q.items.lock().push(7, GFP_KERNEL)?;
//! q.nonempty.notify_one();
//! assert_eq!(q.items.lock()[0], 7);
//! assert_eq!(q.name, "q");
//! ```
//!
//! `KBox::pin_init` fails with [`Error`](crate::error::Error), into which
//! the initialiser's error converts; `KBox::try_pin_init` keeps the
//! initialiser's own error type, which an allocation failure must convert
//! into.
//!
//! A pinned struct's `project` method gives its fields: `Pin<&mut _>` for
//! the `#[pin]` ones, `&mut _` for the others, which may then be changed
//! (or moved) freely:
//!
//! ```
//! use kernel::prelude::*;
//! use kernel::sync::Mutex;
//!
//! #[pin_data]
//! struct Stats {
//!     #[pin]
//!     lock: Mutex<u32>,
//!     reads: u64,
//! }
//!
//! let mut s = KBox::pin_init(pin_init!(Stats { lock <- new_mutex!(0), reads: 0 }), GFP_KERNEL)?;
//! let fields = s.as_mut().project();
//! *fields.reads += 1;
//! let lock: Pin<&mut Mutex<u32>> = fields.lock;
//! *lock.lock() += 2;
//! assert_eq!((s.reads, *s.lock.lock()), (1, 2));
//! ```
//!
//! A struct whose teardown must see it pinned implements [`PinnedDrop`]
//! instead of `Drop`, which a `#[pin_data]` struct may not implement (its
//! `&mut self` could move a pinned field):
//!
//! ```
//! use core::sync::atomic::{AtomicU32, Ordering};
//! use kernel::prelude::*;
//! use kernel::sync::Mutex;
//!
//! static DROPPED: AtomicU32 = AtomicU32::new(0);
//!
//! #[pin_data(PinnedDrop)]
//! struct Counted {
//!     #[pin]
//!     value: Mutex<u32>,
//! }
//!
//! #[pinned_drop]
//! impl PinnedDrop for Counted {
//!     fn drop(self: Pin<&mut Self>) {
//!         DROPPED.fetch_add(*self.value.lock(), Ordering::Relaxed);
//!     }
//! }
//!
//! let c = KBox::pin_init(pin_init!(Counted { value <- new_mutex!(5) }), GFP_KERNEL)?;
//! drop(c);
//! assert_eq!(DROPPED.load(Ordering::Relaxed), 5);
//! ```
//!
//! [`KBox::pin_init`]: crate::alloc::KBox
//! [`Arc::pin_init`]: crate::sync::Arc

use core::convert::Infallible;
use core::marker::{PhantomData, PhantomPinned};
use core::pin::Pin;

use crate::alloc::{AllocError, Flags};
use crate::error;

#[doc(hidden)]
pub mod __internal;
mod macros;

pub use ::macros::{pin_data, pinned_drop, Zeroable};

/// An initialiser for a `T` that is pinned where it is initialised.
///
/// `E` is the error it can fail with; by default it cannot fail.
///
/// # Safety
///
/// When `__pinned_init` returns `Ok`, `*slot` is a fully initialised `T`;
/// when it returns `Err`, `*slot` holds nothing that needs dropping (the
/// caller may free it).
pub unsafe trait PinInit<T: ?Sized, E = Infallible>: Sized {
    /// Initialises `*slot`.
    ///
    /// # Safety
    ///
    /// `slot` is valid for writes of a `T`, and the memory will not move
    /// or be reused before the `T` is dropped (if this returns `Ok`).
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E>;

    /// This initialiser, then `f` on the value, pinned; when `f` fails,
    /// the value is dropped and `f`'s error returned.
    ///
    /// ```
    /// use kernel::prelude::*;
    /// use kernel::sync::Mutex;
    ///
    /// let init = new_mutex!(1u32).pin_chain(|m: Pin<&mut Mutex<u32>>| {
    ///     *m.lock() += 1;
    ///     Ok(())
    /// });
    /// let m = KBox::<Mutex<u32>>::pin_init(init, GFP_KERNEL)?;
    /// assert_eq!(*m.lock(), 2);
    /// ```
    fn pin_chain<F>(self, f: F) -> __internal::ChainPinInit<Self, F, T, E>
    where
        F: FnOnce(Pin<&mut T>) -> Result<(), E>,
    {
        __internal::ChainPinInit(self, f, PhantomData)
    }
}

/// An initialiser for a `T` that may move afterwards: every `Init` is a
/// [`PinInit`]; a plain value is an `Init` of itself that cannot fail, and a
/// `Result<T, E>` one that fails with its error.
///
/// ```
/// use kernel::prelude::*;
///
/// let failed = KBox::<u32>::try_init(Err::<u32, Error>(EINVAL), GFP_KERNEL);
/// assert!(matches!(failed, Err(e) if e == EINVAL));
/// let b = KBox::<u32>::init(7u32.chain(|v: &mut u32| {
///     *v *= 6;
///     Ok(())
/// }), GFP_KERNEL)?;
/// assert_eq!(*b, 42);
/// ```
///
/// # Safety
///
/// As for [`PinInit`]; and the value it makes may move once initialised.
pub unsafe trait Init<T: ?Sized, E = Infallible>: PinInit<T, E> {
    /// Initialises `*slot`.
    ///
    /// # Safety
    ///
    /// `slot` is valid for writes of a `T`.
    unsafe fn __init(self, slot: *mut T) -> Result<(), E>;

    /// This initialiser, then `f` on the value; when `f` fails, the value
    /// is dropped and `f`'s error returned.
    fn chain<F>(self, f: F) -> __internal::ChainInit<Self, F, T, E>
    where
        F: FnOnce(&mut T) -> Result<(), E>,
    {
        __internal::ChainInit(self, f, PhantomData)
    }
}

// SAFETY: the slot is written with a whole `T`, and nothing else is done.
unsafe impl<T> Init<T> for T {
    unsafe fn __init(self, slot: *mut T) -> Result<(), Infallible> {
        // SAFETY: `slot` is valid for writes (the caller's guarantee).
        unsafe { slot.write(self) };
        Ok(())
    }
}

// SAFETY: as for `Init`: a value does not care whether it is pinned.
unsafe impl<T> PinInit<T> for T {
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), Infallible> {
        // SAFETY: the caller's guarantees are stronger than `__init` needs.
        unsafe { self.__init(slot) }
    }
}

// SAFETY: the slot is written with the whole `T` on `Ok`, and not at all on
// `Err`.
unsafe impl<T, E> Init<T, E> for Result<T, E> {
    unsafe fn __init(self, slot: *mut T) -> Result<(), E> {
        // SAFETY: `slot` is valid for writes (the caller's guarantee).
        unsafe { slot.write(self?) };
        Ok(())
    }
}

// SAFETY: as for `Init`.
unsafe impl<T, E> PinInit<T, E> for Result<T, E> {
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
        // SAFETY: the caller's guarantees are stronger than `__init` needs.
        unsafe { self.__init(slot) }
    }
}

/// An initialiser that runs `f` on the slot.
///
/// # Safety
///
/// `f` upholds [`PinInit`]'s contract: it initialises the slot fully when it
/// returns `Ok`, and leaves nothing to drop when it returns `Err`; it may
/// rely on the slot never moving.
pub const unsafe fn pin_init_from_closure<T: ?Sized, E>(
    f: impl FnOnce(*mut T) -> Result<(), E>,
) -> impl PinInit<T, E> {
    __internal::InitClosure(f, PhantomData)
}

/// An initialiser that runs `f` on the slot, for a value that may move
/// afterwards.
///
/// # Safety
///
/// `f` upholds [`Init`]'s contract: as for [`pin_init_from_closure`], but
/// the value must not rely on staying where it was initialised.
pub const unsafe fn init_from_closure<T: ?Sized, E>(f: impl FnOnce(*mut T) -> Result<(), E>) -> impl Init<T, E> {
    __internal::InitClosure(f, PhantomData)
}

/// A pointer that owns memory and can initialise a `T` into it in place:
/// [`KBox`](crate::alloc::KBox) (pinned, a `Pin<KBox<T>>`) and
/// [`Arc`](crate::sync::Arc).
pub trait InPlaceInit<T>: Sized {
    /// What a pinned initialisation gives: `Pin<Self>`, or `Self` for a
    /// pointer that never lets its value move.
    type PinnedSelf;

    /// Allocates and runs `init` in place, where the value stays.
    fn try_pin_init<E>(init: impl PinInit<T, E>, flags: Flags) -> Result<Self::PinnedSelf, E>
    where
        E: From<AllocError>;

    /// As [`InPlaceInit::try_pin_init`], with the kernel's [`Error`](error::Error):
    /// `init` may fail with any error that converts into it (an
    /// initialiser that cannot fail among them), and so may the allocation.
    fn pin_init<E>(init: impl PinInit<T, E>, flags: Flags) -> error::Result<Self::PinnedSelf>
    where
        error::Error: From<E>,
    {
        let init = move |slot: *mut T| {
            // SAFETY: `slot` comes with `PinInit`'s guarantees, which are
            // handed on to `init`.
            unsafe { init.__pinned_init(slot) }.map_err(error::Error::from)
        };
        // SAFETY: the closure is `init`, with another error type.
        Self::try_pin_init(unsafe { pin_init_from_closure::<T, error::Error>(init) }, flags)
    }

    /// Allocates and runs `init` in place.
    fn try_init<E>(init: impl Init<T, E>, flags: Flags) -> Result<Self, E>
    where
        E: From<AllocError>;

    /// As [`InPlaceInit::try_init`], with the kernel's [`Error`](error::Error).
    fn init<E>(init: impl Init<T, E>, flags: Flags) -> error::Result<Self>
    where
        error::Error: From<E>,
    {
        let init = move |slot: *mut T| {
            // SAFETY: `slot` comes with `Init`'s guarantees, handed on.
            unsafe { init.__init(slot) }.map_err(error::Error::from)
        };
        // SAFETY: the closure is `init`, with another error type.
        Self::try_init(unsafe { init_from_closure::<T, error::Error>(init) }, flags)
    }
}

/// An initialiser that cannot fail fits where one that can is expected:
/// `field <- new_mutex!(..)` in a `try_pin_init!`.
impl From<Infallible> for error::Error {
    fn from(never: Infallible) -> Self {
        match never {}
    }
}

/// Teardown of a `#[pin_data(PinnedDrop)]` struct, which gets the value
/// pinned, where `Drop` would get `&mut`.
///
/// Implement it with `#[pinned_drop]` on `impl PinnedDrop for T { fn
/// drop(self: Pin<&mut Self>) { .. } }`; the macro adds a parameter only the
/// struct's `Drop` can fill, so nothing else calls it.
///
/// # Safety
///
/// Implemented by `#[pinned_drop]` only.
pub unsafe trait PinnedDrop: __internal::HasPinData {
    /// Tears the value down.
    fn drop(self: Pin<&mut Self>, only_call_from_drop: __internal::OnlyCallFromDrop);
}

/// A type for which all-zero bytes are a valid value.
///
/// # Safety
///
/// Every field, padding aside, is valid when all its bytes are zero.
pub unsafe trait Zeroable {
    /// An initialiser that writes zero bytes: [`init_zeroed`].
    fn init_zeroed() -> impl Init<Self>
    where
        Self: Sized,
    {
        init_zeroed()
    }

    /// The all-zero value: [`zeroed`].
    fn zeroed() -> Self
    where
        Self: Sized,
    {
        zeroed()
    }
}

/// An initialiser that writes zero bytes over the slot; also what
/// `..Zeroable::init_zeroed()` gives the fields a [`pin_init!`](crate::pin_init!)
/// does not name.
///
/// ```
/// use kernel::prelude::*;
/// use kernel::init::{init_zeroed, zeroed};
///
/// let big = KBox::<[u64; 512]>::init(init_zeroed(), GFP_KERNEL)?;
/// assert!(big.iter().all(|&v| v == 0));
/// let small: (u32, bool) = (zeroed(), zeroed());
/// assert_eq!(small, (0, false));
/// ```
pub fn init_zeroed<T: Zeroable>() -> impl Init<T> {
    let init = |slot: *mut T| {
        // SAFETY: `slot` is valid for writes (`Init`'s contract), and zero
        // bytes are a valid `T` (`Zeroable`'s).
        unsafe { core::ptr::write_bytes(slot, 0, 1) };
        Ok(())
    };
    // SAFETY: the closure initialises the whole slot and cannot fail.
    unsafe { init_from_closure(init) }
}

/// The all-zero `T`, by value.
pub const fn zeroed<T: Zeroable>() -> T {
    // SAFETY: zero bytes are a valid `T` (`Zeroable`'s guarantee).
    unsafe { core::mem::zeroed() }
}

/// `Zeroable` for the types listed (their generic parameters in braces before each).
macro_rules! impl_zeroable {
    ($($({$($generics:tt)*})? $t:ty,)*) => {
        $(
            // SAFETY: zero is a valid value of each type listed: numbers,
            // `false`, null pointers, `None` of a non-null pointer, and
            // wrappers of zeroable types.
            unsafe impl$(<$($generics)*>)? Zeroable for $t {}
        )*
    };
}

impl_zeroable! {
    bool, char, u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, (),
    PhantomPinned, {T: ?Sized} PhantomData<T>,
    {T} *const T, {T} *mut T,
    {T: ?Sized} Option<core::ptr::NonNull<T>>, {T: ?Sized} Option<&T>, {T: ?Sized} Option<&mut T>,
    {T, A: crate::alloc::Allocator} Option<crate::alloc::Box<T, A>>,
    Option<core::num::NonZeroU8>, Option<core::num::NonZeroU16>, Option<core::num::NonZeroU32>,
    Option<core::num::NonZeroU64>, Option<core::num::NonZeroUsize>,
    {T: Zeroable, const N: usize} [T; N],
    {T: ?Sized + Zeroable} core::cell::UnsafeCell<T>, {T: ?Sized + Zeroable} core::cell::Cell<T>,
    {T} core::mem::MaybeUninit<T>, {T} crate::types::Opaque<T>, {T: Zeroable} core::num::Wrapping<T>,
    core::sync::atomic::AtomicU32, core::sync::atomic::AtomicUsize, core::sync::atomic::AtomicBool,
}
