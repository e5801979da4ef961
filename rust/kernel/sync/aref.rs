//! Objects that count their own references: [`AlwaysRefCounted`] and the
//! owned reference [`ARef`].
//!
//! Many C objects carry their own count (a `struct device`'s kobject, a
//! task's usage count) with a `get_`/`put_` pair. Rust holds such an object
//! through an [`ARef`], which owns one count and puts it when dropped,
//! instead of wrapping it in an [`Arc`](crate::sync::Arc) of its own.

use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::ops::Deref;
use core::ptr::NonNull;

/// A type whose every value is reference counted by the object itself.
///
/// # Safety
///
/// `inc_ref` takes a count that keeps the object alive (its memory valid and
/// its content a valid `Self`) until a matching `dec_ref`; and every value of
/// the type lives under such a count, so a `&Self` always comes from an
/// object that counts.
pub unsafe trait AlwaysRefCounted {
    /// Takes one more count on the object.
    fn inc_ref(&self);

    /// Puts one count; the object may be freed when it was the last.
    ///
    /// # Safety
    ///
    /// The caller owns a count taken with `inc_ref` (or given to it by C), and
    /// does not use `obj` afterwards unless it owns another count.
    unsafe fn dec_ref(obj: NonNull<Self>);
}

/// An owned count on an [`AlwaysRefCounted`] object: a clone takes another,
/// a drop puts it.
///
/// ```
/// use core::cell::Cell;
/// use core::ptr::NonNull;
/// use kernel::types::{ARef, AlwaysRefCounted};
///
/// struct Counted(Cell<u32>);
///
/// // SAFETY: the test's object lives on the stack for the whole example,
/// // longer than any count on it.
/// unsafe impl AlwaysRefCounted for Counted {
///     fn inc_ref(&self) {
///         self.0.set(self.0.get() + 1);
///     }
///     unsafe fn dec_ref(obj: NonNull<Self>) {
///         // SAFETY: the caller owns a count, so the object is alive.
///         let c = unsafe { obj.as_ref() };
///         c.0.set(c.0.get() - 1);
///     }
/// }
///
/// let object = Counted(Cell::new(1));
/// let a = ARef::from(&object);
/// let b = a.clone();
/// assert_eq!(object.0.get(), 3);
/// drop(a);
/// drop(b);
/// assert_eq!(object.0.get(), 1);
/// ```
///
/// # Invariants
///
/// `ptr` is valid for as long as the `ARef` lives, which owns one count on it.
pub struct ARef<T: AlwaysRefCounted> {
    ptr: NonNull<T>,
    _owns: PhantomData<T>,
}

// SAFETY: an `ARef` on another thread shares `&T` (`T: Sync`) and may put the
// last count there, which drops the object there (`T: Send`).
unsafe impl<T: AlwaysRefCounted + Sync + Send> Send for ARef<T> {}
// SAFETY: `&ARef` shares `&T` and can be cloned into an `ARef` on another
// thread, so the same bounds apply.
unsafe impl<T: AlwaysRefCounted + Sync + Send> Sync for ARef<T> {}

// The object stays where it is; only the pointer to it moves.
impl<T: AlwaysRefCounted> Unpin for ARef<T> {}

impl<T: AlwaysRefCounted> ARef<T> {
    /// Takes over a count the caller owns on `ptr`.
    ///
    /// # Safety
    ///
    /// The caller owns a count on the object at `ptr` and gives it to the
    /// `ARef`: it no longer uses the object through that count.
    pub unsafe fn from_raw(ptr: NonNull<T>) -> Self {
        // INVARIANT: the caller gives its count.
        ARef { ptr, _owns: PhantomData }
    }

    /// Gives up the `ARef` without putting its count, which the caller now owns.
    pub fn into_raw(me: Self) -> NonNull<T> {
        ManuallyDrop::new(me).ptr
    }
}

impl<T: AlwaysRefCounted> Clone for ARef<T> {
    fn clone(&self) -> Self {
        self.inc_ref();
        // SAFETY: the count just taken is the new ARef's.
        unsafe { ARef::from_raw(self.ptr) }
    }
}

impl<T: AlwaysRefCounted> Deref for ARef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: valid while the ARef lives (the type invariant).
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: AlwaysRefCounted> From<&T> for ARef<T> {
    fn from(object: &T) -> Self {
        object.inc_ref();
        // SAFETY: the count just taken is the new ARef's.
        unsafe { ARef::from_raw(NonNull::from(object)) }
    }
}

impl<T: AlwaysRefCounted> Drop for ARef<T> {
    fn drop(&mut self) {
        // SAFETY: the ARef owns a count (the type invariant), and is not used after.
        unsafe { T::dec_ref(self.ptr) };
    }
}
