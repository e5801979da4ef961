//! What `#[pin_data]`, `#[pinned_drop]` and `pin_init!` expand to; not for
//! direct use.

use core::cell::Cell;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::pin::Pin;

use super::{Init, PinInit, Zeroable};

/// A struct whose fields `pin_init!` can initialise one by one: written by
/// `#[pin_data]`.
///
/// # Safety
///
/// `PinData`'s functions initialise the field they are named after, each
/// with a [`PinInit`] if the field is structurally pinned, else an [`Init`].
pub unsafe trait HasPinData {
    /// The struct's field initialisers.
    type PinData: PinData;

    /// The token whose functions initialise the fields.
    fn __pin_data() -> Self::PinData;
}

/// The field initialisers of a [`HasPinData`] struct: one `unsafe fn` per
/// field, taking the field's place and an initialiser for it.
///
/// # Safety
///
/// Only `#[pin_data]` implements it, for the struct named by `Datee`.
pub unsafe trait PinData: Copy {
    /// The struct.
    type Datee: ?Sized + HasPinData;
}

/// Proof that the caller is the `Drop` of a `#[pin_data(PinnedDrop)]`
/// struct, the only one that may call [`super::PinnedDrop::drop`].
pub struct OnlyCallFromDrop(());

impl OnlyCallFromDrop {
    /// A new token.
    ///
    /// # Safety
    ///
    /// Only the `Drop` that `#[pin_data(PinnedDrop)]` writes calls this, to
    /// pass the token to `PinnedDrop::drop` of the value being dropped.
    pub unsafe fn new() -> Self {
        OnlyCallFromDrop(())
    }
}

/// What the closure of `pin_init!` and its kin returns once every field is
/// in. Safe code cannot make one, so an early `return Ok(..)` in a field's
/// expression does not compile instead of handing over a half-built value.
pub struct InitOk(());

impl InitOk {
    /// The proof that every field was initialised.
    ///
    /// # Safety
    ///
    /// Only the initialiser macros call this, after the last field.
    pub unsafe fn new() -> Self {
        InitOk(())
    }
}

/// Drops an initialised field of a value being initialised if the
/// initialisation fails later (while `armed` is set).
///
/// # Invariants
///
/// `ptr` points to an initialised value that nothing else drops while
/// `armed` is set.
pub struct DropGuard<'a, T: ?Sized> {
    ptr: *mut T,
    armed: &'a Cell<bool>,
}

impl<'a, T: ?Sized> DropGuard<'a, T> {
    /// A guard for the value at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` points to an initialised value, which may be dropped in place
    /// when the guard drops with `armed` set, and which nothing else drops
    /// until `armed` is cleared.
    pub unsafe fn new(ptr: *mut T, armed: &'a Cell<bool>) -> Self {
        // INVARIANT: the caller's guarantee.
        DropGuard { ptr, armed }
    }
}

impl<T: ?Sized> Drop for DropGuard<'_, T> {
    fn drop(&mut self) {
        if self.armed.get() {
            // SAFETY: initialised and dropped by nobody else while armed
            // (the type invariant); the guard drops once.
            unsafe { core::ptr::drop_in_place(self.ptr) };
        }
    }
}

/// The initialiser of [`super::pin_init_from_closure`] and
/// [`super::init_from_closure`].
pub struct InitClosure<F, T: ?Sized, E>(pub(super) F, pub(super) PhantomData<fn(*mut T) -> E>);

// SAFETY: the closure upholds `PinInit`'s contract (the guarantee of
// `pin_init_from_closure`'s caller, or `init_from_closure`'s, which is stronger).
unsafe impl<F, T: ?Sized, E> PinInit<T, E> for InitClosure<F, T, E>
where
    F: FnOnce(*mut T) -> Result<(), E>,
{
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
        (self.0)(slot)
    }
}

// SAFETY: only `init_from_closure` hands this out as an `Init`, and its
// caller guarantees the closure upholds `Init`'s contract.
unsafe impl<F, T: ?Sized, E> Init<T, E> for InitClosure<F, T, E>
where
    F: FnOnce(*mut T) -> Result<(), E>,
{
    unsafe fn __init(self, slot: *mut T) -> Result<(), E> {
        (self.0)(slot)
    }
}

/// What [`PinInit::pin_chain`] returns.
pub struct ChainPinInit<I, F, T: ?Sized, E>(pub(super) I, pub(super) F, pub(super) PhantomData<fn(*mut T) -> E>);

// SAFETY: on success the slot holds the `T` the first initialiser made and
// `f` changed in place; when `f` fails, that `T` is dropped first.
unsafe impl<I, F, T: ?Sized, E> PinInit<T, E> for ChainPinInit<I, F, T, E>
where
    I: PinInit<T, E>,
    F: FnOnce(Pin<&mut T>) -> Result<(), E>,
{
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
        // SAFETY: the caller's guarantees, handed on.
        unsafe { self.0.__pinned_init(slot)? };
        // SAFETY: just initialised, and pinned (the caller's guarantee);
        // nothing else refers to it yet.
        let value = unsafe { Pin::new_unchecked(&mut *slot) };
        (self.1)(value).inspect_err(|_| {
            // SAFETY: initialised above, and the caller will not drop it.
            unsafe { core::ptr::drop_in_place(slot) }
        })
    }
}

/// What [`Init::chain`] returns.
pub struct ChainInit<I, F, T: ?Sized, E>(pub(super) I, pub(super) F, pub(super) PhantomData<fn(*mut T) -> E>);

// SAFETY: as for `ChainPinInit`; `f` gets `&mut T`, which is fine for a
// value that may move.
unsafe impl<I, F, T: ?Sized, E> Init<T, E> for ChainInit<I, F, T, E>
where
    I: Init<T, E>,
    F: FnOnce(&mut T) -> Result<(), E>,
{
    unsafe fn __init(self, slot: *mut T) -> Result<(), E> {
        // SAFETY: the caller's guarantees, handed on.
        unsafe { self.0.__init(slot)? };
        // SAFETY: just initialised; nothing else refers to it yet.
        (self.1)(unsafe { &mut *slot }).inspect_err(|_| {
            // SAFETY: initialised above, and the caller will not drop it.
            unsafe { core::ptr::drop_in_place(slot) }
        })
    }
}

// SAFETY: `__init`'s contract is `__pinned_init`'s, less the pinning.
unsafe impl<I, F, T: ?Sized, E> PinInit<T, E> for ChainInit<I, F, T, E>
where
    I: Init<T, E>,
    F: FnOnce(&mut T) -> Result<(), E>,
{
    unsafe fn __pinned_init(self, slot: *mut T) -> Result<(), E> {
        // SAFETY: the caller's guarantees are stronger than `__init` needs.
        unsafe { self.__init(slot) }
    }
}

/// Room for a `T` on the stack, for `stack_pin_init!`: pinned there by
/// `core::pin::pin!`, which guarantees it is dropped (and so the `T` too)
/// before the memory is reused.
///
/// # Invariants
///
/// `value` holds an initialised `T` exactly when `is_init` is set.
pub struct StackInit<T> {
    value: MaybeUninit<T>,
    is_init: bool,
}

impl<T> StackInit<T> {
    /// Nothing yet.
    pub fn uninit() -> Self {
        // INVARIANT: nothing is initialised, and `is_init` says so.
        StackInit { value: MaybeUninit::uninit(), is_init: false }
    }

    /// Runs `init` into the room (dropping what an earlier call put there)
    /// and gives the value, pinned.
    pub fn init<E>(self: Pin<&mut Self>, init: impl PinInit<T, E>) -> Result<Pin<&mut T>, E> {
        // SAFETY: the room is not moved out of; only the value in it is
        // written and handed out pinned.
        let this = unsafe { Pin::into_inner_unchecked(self) };
        if this.is_init {
            // INVARIANT: cleared before the value is dropped.
            this.is_init = false;
            // SAFETY: initialised (the type invariant), and dropped once.
            unsafe { this.value.assume_init_drop() };
        }
        // SAFETY: the room is valid for writes, and pinned: `Self` is
        // dropped before its memory is reused, and drops the value then.
        unsafe { init.__pinned_init(this.value.as_mut_ptr())? };
        // INVARIANT: just initialised.
        this.is_init = true;
        // SAFETY: initialised above; pinned as the room is.
        Ok(unsafe { Pin::new_unchecked(this.value.assume_init_mut()) })
    }
}

impl<T> Drop for StackInit<T> {
    fn drop(&mut self) {
        if self.is_init {
            // SAFETY: initialised (the type invariant), and dropped once.
            unsafe { self.value.assume_init_drop() };
        }
    }
}

/// Fails to compile unless `T` is [`Zeroable`]; `..Zeroable::init_zeroed()` asks it.
pub fn assert_zeroable<T: ?Sized + Zeroable>(_: *mut T) {}

/// `f`, as the closure of an initialiser for a `T`: what gives its slot
/// parameter its type.
pub fn typed_closure<T: ?Sized, F, E>(f: F) -> F
where
    F: FnOnce(*mut T) -> Result<InitOk, E>,
{
    f
}
