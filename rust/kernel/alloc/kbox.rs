//! [`Box`]: a value on the heap, owned, freed when dropped.

use core::alloc::Layout;
use core::fmt;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::ptr::NonNull;

use super::{dangling_for, AllocError, Allocator, Flags, KVmalloc, Kmalloc, Vmalloc};
use crate::init::{Init, InPlaceInit, PinInit};

/// A pointer to a `T` on the heap of allocator `A`, which owns it.
///
/// ```
/// use kernel::alloc::{flags::GFP_KERNEL, KBox};
///
/// let b = KBox::new(24_u64, GFP_KERNEL)?;
/// assert_eq!(*b + 18, 42);
/// let big = kernel::alloc::VBox::new([0u8; 8192], GFP_KERNEL)?;
/// assert_eq!(big.len(), 8192);
/// ```
///
/// # Invariants
///
/// The pointer is valid and properly aligned for a `T`, which it owns; it
/// was allocated by `A` for `Layout::new::<T>()`, or is dangling when `T`
/// is zero-sized.
pub struct Box<T, A: Allocator>(NonNull<T>, PhantomData<(T, A)>);

/// A [`Box`] from [`Kmalloc`].
pub type KBox<T> = Box<T, Kmalloc>;
/// A [`Box`] from [`Vmalloc`].
pub type VBox<T> = Box<T, Vmalloc>;
/// A [`Box`] from [`KVmalloc`].
pub type KVBox<T> = Box<T, KVmalloc>;

// SAFETY: a `Box` owns its `T` as a plain `T` field would.
unsafe impl<T: Send, A: Allocator> Send for Box<T, A> {}
// SAFETY: as above.
unsafe impl<T: Sync, A: Allocator> Sync for Box<T, A> {}

impl<T, A: Allocator> Box<T, A> {
    /// Room for a `T`, not yet initialised.
    pub fn new_uninit(flags: Flags) -> Result<Box<MaybeUninit<T>, A>, AllocError> {
        let layout = Layout::new::<MaybeUninit<T>>();
        let ptr = if layout.size() == 0 { dangling_for(layout) } else { A::alloc(layout, flags)?.cast() };
        // INVARIANT: allocated for the layout of `MaybeUninit<T>`, which is
        // always initialised, or dangling for a zero size.
        Ok(Box(ptr.cast(), PhantomData))
    }

    /// Moves `x` to the heap.
    pub fn new(x: T, flags: Flags) -> Result<Self, AllocError> {
        Ok(Box::write(Self::new_uninit(flags)?, x))
    }

    /// Moves `x` to the heap, where it stays: the result is pinned.
    pub fn pin(x: T, flags: Flags) -> Result<Pin<Self>, AllocError> {
        Ok(Self::into_pin(Self::new(x, flags)?))
    }

    /// Pins the value: it can no longer move.
    pub fn into_pin(b: Self) -> Pin<Self> {
        // SAFETY: the value is on the heap and the box never hands out a way
        // to move it once pinned.
        unsafe { Pin::new_unchecked(b) }
    }

    /// The raw pointer, for [`Box::from_raw`]; the value is not dropped.
    pub fn into_raw(b: Self) -> *mut T {
        let ptr = b.0.as_ptr();
        core::mem::forget(b);
        ptr
    }

    /// Takes back ownership of a pointer from [`Box::into_raw`].
    ///
    /// # Safety
    ///
    /// `raw` came from `Box::<T, A>::into_raw` and is not used elsewhere.
    pub unsafe fn from_raw(raw: *mut T) -> Self {
        // INVARIANT: the caller gives back what `into_raw` took.
        // SAFETY: `into_raw` never returns null.
        Box(unsafe { NonNull::new_unchecked(raw) }, PhantomData)
    }

    /// Moves the value out and frees the memory.
    pub fn into_inner(b: Self) -> T {
        let raw = Box::into_raw(b);
        // SAFETY: `raw` points to a valid `T` that nothing else uses.
        let value = unsafe { raw.read() };
        // SAFETY: the memory was allocated by `A` for this layout; its value
        // has been moved out, so it is freed without dropping it.
        unsafe { Box::<MaybeUninit<T>, A>::from_raw(raw as *mut MaybeUninit<T>) };
        value
    }
}

impl<T, A: Allocator> Box<MaybeUninit<T>, A> {
    /// Initialises the value.
    pub fn write(b: Self, x: T) -> Box<T, A> {
        let raw = Box::into_raw(b);
        // SAFETY: `raw` is valid for writes of a `T`.
        unsafe { (*raw).write(x) };
        // SAFETY: the value is now initialised; the layouts of `T` and
        // `MaybeUninit<T>` are the same.
        unsafe { Box::from_raw(raw as *mut T) }
    }
}

impl<T, A: Allocator> InPlaceInit<T> for Box<T, A> {
    type PinnedSelf = Pin<Self>;

    fn try_pin_init<E>(init: impl PinInit<T, E>, flags: Flags) -> Result<Pin<Self>, E>
    where
        E: From<AllocError>,
    {
        let uninit = Self::new_uninit(flags)?;
        let slot = uninit.0.as_ptr() as *mut T;
        // SAFETY: `slot` is valid for writes of a `T` and never moves: on
        // success it is owned by the returned pinned box; on failure it is
        // freed without being read.
        unsafe { init.__pinned_init(slot)? };
        let raw = Box::into_raw(uninit) as *mut T;
        // SAFETY: the value was just initialised in the block `uninit` owned.
        Ok(Self::into_pin(unsafe { Box::from_raw(raw) }))
    }

    fn try_init<E>(init: impl Init<T, E>, flags: Flags) -> Result<Self, E>
    where
        E: From<AllocError>,
    {
        let uninit = Self::new_uninit(flags)?;
        let slot = uninit.0.as_ptr() as *mut T;
        // SAFETY: `slot` is valid for writes of a `T`; on failure it is freed
        // without being read.
        unsafe { init.__init(slot)? };
        let raw = Box::into_raw(uninit) as *mut T;
        // SAFETY: the value was just initialised in the block `uninit` owned.
        Ok(unsafe { Box::from_raw(raw) })
    }
}

impl<T, A: Allocator> Deref for Box<T, A> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: valid and owned, by the type invariant.
        unsafe { self.0.as_ref() }
    }
}

impl<T, A: Allocator> DerefMut for Box<T, A> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: valid and owned, by the type invariant; `&mut self` is unique.
        unsafe { self.0.as_mut() }
    }
}

impl<T, A: Allocator> Drop for Box<T, A> {
    fn drop(&mut self) {
        let layout = Layout::new::<T>();
        // SAFETY: the value is valid and owned (the type invariant), and
        // dropped only here.
        unsafe { core::ptr::drop_in_place(self.0.as_ptr()) };
        if layout.size() != 0 {
            // SAFETY: allocated by `A` for `layout`, by the type invariant.
            unsafe { A::free(self.0.cast(), layout) };
        }
    }
}

impl<T: fmt::Debug, A: Allocator> fmt::Debug for Box<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T, A: Allocator> From<Box<T, A>> for Pin<Box<T, A>> {
    fn from(b: Box<T, A>) -> Self {
        Box::into_pin(b)
    }
}

