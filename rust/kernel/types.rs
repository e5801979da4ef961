//! Types shared by the abstractions: [`Opaque`] for C objects,
//! [`ForeignOwnable`] for Rust values lent to C as `void *`, and (from
//! [`crate::sync::aref`], where Linux 6.18 also has them) [`ARef`] and
//! [`AlwaysRefCounted`] for C objects that count their own references.

use core::cell::UnsafeCell;
use core::convert::Infallible;
use core::marker::PhantomPinned;
use core::mem::MaybeUninit;
use core::pin::Pin;

use crate::alloc::{Allocator, Box};
use crate::init::{pin_init_from_closure, PinInit};

pub use crate::sync::aref::{ARef, AlwaysRefCounted};

/// A C object that Rust never reads or writes directly: C owns its content
/// (which C may change at any time, even through a `&`) and its address
/// (it must not move once initialised).
#[repr(transparent)]
pub struct Opaque<T> {
    value: UnsafeCell<MaybeUninit<T>>,
    _pin: PhantomPinned,
}

impl<T> Opaque<T> {
    /// An object whose content is undefined until C initialises it.
    pub const fn uninit() -> Self {
        Opaque { value: UnsafeCell::new(MaybeUninit::uninit()), _pin: PhantomPinned }
    }

    /// An object of zero bytes.
    pub const fn zeroed() -> Self {
        Opaque { value: UnsafeCell::new(MaybeUninit::zeroed()), _pin: PhantomPinned }
    }

    /// The pointer to hand to C.
    pub const fn get(&self) -> *mut T {
        UnsafeCell::get(&self.value) as *mut T
    }

    /// The pointer to the object inside the `Opaque` at `this`.
    pub const fn raw_get(this: *const Self) -> *mut T {
        UnsafeCell::raw_get(this as *const UnsafeCell<MaybeUninit<T>>) as *mut T
    }

    /// The pointer to the object inside the `Opaque` at `this`, as Linux
    /// 6.18 names [`Opaque::raw_get`] for a pointer it owns.
    pub const fn cast_into(this: *const Self) -> *mut T {
        Self::raw_get(this)
    }

    /// An initialiser that lets C initialise the object in place:
    /// `init_func` gets the object's final address.
    pub fn ffi_init(init_func: impl FnOnce(*mut T)) -> impl PinInit<Self> {
        Self::try_ffi_init(move |slot| {
            init_func(slot);
            Ok::<(), Infallible>(())
        })
    }

    /// As [`Opaque::ffi_init`], for a C initialisation that can fail: when
    /// `init_func` fails, it must leave nothing to undo.
    pub fn try_ffi_init<E>(init_func: impl FnOnce(*mut T) -> Result<(), E>) -> impl PinInit<Self, E> {
        // SAFETY: an `Opaque` holds any bytes, so it is initialised however
        // `init_func` leaves it; it is pinned, so the address C keeps stays
        // valid; on failure there is nothing of Rust's to drop.
        unsafe { pin_init_from_closure(move |slot: *mut Self| init_func(Self::raw_get(slot))) }
    }

    /// An initialiser that runs a Rust initialiser for the object in place;
    /// the `Opaque` never drops what it holds, its owner does.
    pub fn pin_init<E>(init: impl PinInit<T, E>) -> impl PinInit<Self, E> {
        // SAFETY: `init` writes the whole object into the slot, which is
        // pinned and valid for writes (the initialiser's contract carries
        // over, the `Opaque` being a transparent wrapper).
        Self::try_ffi_init(move |slot: *mut T| unsafe { init.__pinned_init(slot) })
    }
}

/// A Rust value that can be lent to C as a `void *` (a file's
/// `private_data`) and borrowed back while C holds it.
///
/// # Safety
///
/// `into_foreign` returns a non-null pointer that stays valid, and `borrow`
/// gives a reference to the same value, until `from_foreign` takes it back.
pub unsafe trait ForeignOwnable: Sized {
    /// What a borrow of the value gives.
    type Borrowed<'a>;

    /// Gives the value to C.
    fn into_foreign(self) -> *const core::ffi::c_void;

    /// Borrows a value given to C.
    ///
    /// # Safety
    ///
    /// `ptr` came from `into_foreign` and `from_foreign` is not called on it
    /// while the borrow lives.
    unsafe fn borrow<'a>(ptr: *const core::ffi::c_void) -> Self::Borrowed<'a>;

    /// Takes the value back from C.
    ///
    /// # Safety
    ///
    /// `ptr` came from `into_foreign`, is taken back once, and no borrow of it lives.
    unsafe fn from_foreign(ptr: *const core::ffi::c_void) -> Self;
}

// SAFETY: the box's pointer is valid until it is made a box again.
unsafe impl<T: 'static, A: Allocator> ForeignOwnable for Box<T, A> {
    type Borrowed<'a> = &'a T;

    fn into_foreign(self) -> *const core::ffi::c_void {
        Box::into_raw(self) as *const core::ffi::c_void
    }

    unsafe fn borrow<'a>(ptr: *const core::ffi::c_void) -> &'a T {
        // SAFETY: a live box's value (the caller's guarantee).
        unsafe { &*(ptr as *const T) }
    }

    unsafe fn from_foreign(ptr: *const core::ffi::c_void) -> Self {
        // SAFETY: it came from `into_raw` (the caller's guarantee).
        unsafe { Box::from_raw(ptr as *mut T) }
    }
}

// SAFETY: as for `Box`; the value is never moved while C holds it.
unsafe impl<T: 'static, A: Allocator> ForeignOwnable for Pin<Box<T, A>> {
    type Borrowed<'a> = Pin<&'a T>;

    fn into_foreign(self) -> *const core::ffi::c_void {
        // SAFETY: the value stays where it is; only its address goes to C.
        Box::into_raw(unsafe { Pin::into_inner_unchecked(self) }) as *const core::ffi::c_void
    }

    unsafe fn borrow<'a>(ptr: *const core::ffi::c_void) -> Pin<&'a T> {
        // SAFETY: a live pinned box's value (the caller's guarantee).
        unsafe { Pin::new_unchecked(&*(ptr as *const T)) }
    }

    unsafe fn from_foreign(ptr: *const core::ffi::c_void) -> Self {
        // SAFETY: it came from a pinned box's `into_raw` (the caller's guarantee).
        unsafe { Pin::new_unchecked(Box::from_raw(ptr as *mut T)) }
    }
}

// SAFETY: unit values need no memory; any non-null pointer stands for one.
unsafe impl ForeignOwnable for () {
    type Borrowed<'a> = ();

    fn into_foreign(self) -> *const core::ffi::c_void {
        core::ptr::NonNull::<u8>::dangling().as_ptr() as *const core::ffi::c_void
    }

    unsafe fn borrow<'a>(_: *const core::ffi::c_void) -> Self::Borrowed<'a> {}

    unsafe fn from_foreign(_: *const core::ffi::c_void) {}
}
