//! [`Arc`]: a reference-counted value shared between threads.

use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::ops::Deref;
use core::ptr::{addr_of_mut, NonNull};

use crate::alloc::{AllocError, Flags, KBox};
use crate::init::{InPlaceInit, Init, PinInit};
use crate::sync::Refcount;
use crate::types::ForeignOwnable;

/// The block an [`Arc`] points to: the count first, then the value.
#[repr(C)]
struct ArcInner<T> {
    refcount: Refcount,
    data: T,
}

/// A value on the heap shared by every clone, freed with the last one.
///
/// The count is a [`Refcount`], C's `refcount_t`: a count that would
/// overflow saturates with the kernel's warning, and the value then leaks
/// instead of being freed while still in use.
///
/// The value never moves, so it may be pinned C state (a lock):
/// [`Arc::pin_init`] initialises it in place.
///
/// ```
/// use kernel::alloc::flags::GFP_KERNEL;
/// use kernel::sync::Arc;
///
/// let a = Arc::new(5u32, GFP_KERNEL)?;
/// let b = a.clone();
/// assert_eq!(*a + *b, 10);
/// assert_eq!(Arc::count(&b), 2);
/// drop(a);
/// assert_eq!(Arc::count(&b), 1);
/// ```
///
/// # Invariants
///
/// `ptr` points to a live `ArcInner<T>` allocated by `KBox`, whose count is
/// the number of `Arc`s pointing to it (or saturated, and then never freed:
/// `refcount_dec_and_test` never reaches zero from a saturated count).
pub struct Arc<T> {
    ptr: NonNull<ArcInner<T>>,
    _owns: PhantomData<ArcInner<T>>,
}

// SAFETY: clones on other threads share `&T` and the last one drops the `T`
// wherever it is, so `T` must be `Sync` and `Send`.
unsafe impl<T: Send + Sync> Send for Arc<T> {}
// SAFETY: as above.
unsafe impl<T: Send + Sync> Sync for Arc<T> {}

impl<T> Arc<T> {
    /// Moves `data` to the heap with a count of one.
    pub fn new(data: T, flags: Flags) -> Result<Self, AllocError> {
        Self::init_in_place(Ok::<T, AllocError>(data), flags)
    }

    /// Initialises the value in place on the heap, where it stays: what
    /// [`InPlaceInit`] does for an `Arc`.
    fn init_in_place<E: From<AllocError>>(init: impl PinInit<T, E>, flags: Flags) -> Result<Self, E> {
        let inner = KBox::<ArcInner<T>>::new_uninit(flags)?;
        let raw = KBox::into_raw(inner) as *mut ArcInner<T>;
        // SAFETY: `raw` is valid for writes of an `ArcInner<T>`, and the
        // block never moves: it is the Arc's or freed below.
        let result = unsafe {
            addr_of_mut!((*raw).refcount).write(Refcount::new(1));
            init.__pinned_init(addr_of_mut!((*raw).data))
        };
        if let Err(e) = result {
            // SAFETY: the block came from `into_raw`; nothing in it needs dropping.
            drop(unsafe { KBox::from_raw(raw as *mut MaybeUninit<ArcInner<T>>) });
            return Err(e);
        }
        // INVARIANT: initialised, with a count of one for this Arc.
        // SAFETY: `into_raw` never gives null.
        Ok(Arc { ptr: unsafe { NonNull::new_unchecked(raw) }, _owns: PhantomData })
    }

    /// How many `Arc`s share the value (a snapshot; others may change it).
    pub fn count(this: &Self) -> u32 {
        this.inner().refcount.read()
    }

    fn inner(&self) -> &ArcInner<T> {
        // SAFETY: live while this Arc is (the type invariant).
        unsafe { self.ptr.as_ref() }
    }
}

impl<T> InPlaceInit<T> for Arc<T> {
    /// The value never moves: an `Arc` is pinned already.
    type PinnedSelf = Self;

    fn try_pin_init<E: From<AllocError>>(init: impl PinInit<T, E>, flags: Flags) -> Result<Self, E> {
        Self::init_in_place(init, flags)
    }

    fn try_init<E: From<AllocError>>(init: impl Init<T, E>, flags: Flags) -> Result<Self, E> {
        Self::init_in_place(init, flags)
    }
}

impl<T> Clone for Arc<T> {
    fn clone(&self) -> Self {
        self.inner().refcount.inc();
        // INVARIANT: counted above (or saturated, so never freed).
        Arc { ptr: self.ptr, _owns: PhantomData }
    }
}

impl<T> Deref for Arc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner().data
    }
}

impl<T> Drop for Arc<T> {
    fn drop(&mut self) {
        // refcount_dec_and_test orders every other Arc's uses of the value
        // before its drop (release, then acquire on reaching zero).
        if !self.inner().refcount.dec_and_test() {
            return;
        }
        // SAFETY: this was the last Arc; the block came from `KBox::into_raw`.
        drop(unsafe { KBox::from_raw(self.ptr.as_ptr()) });
    }
}

// SAFETY: the value stays live while C holds the count `into_foreign` kept.
unsafe impl<T: 'static> ForeignOwnable for Arc<T> {
    type Borrowed<'a> = &'a T;

    fn into_foreign(self) -> *const core::ffi::c_void {
        let ptr = self.ptr.as_ptr();
        core::mem::forget(self);
        ptr as *const core::ffi::c_void
    }

    unsafe fn borrow<'a>(ptr: *const core::ffi::c_void) -> &'a T {
        // SAFETY: the count kept by `into_foreign` keeps the value live
        // (the caller's guarantee).
        unsafe { &(*(ptr as *const ArcInner<T>)).data }
    }

    unsafe fn from_foreign(ptr: *const core::ffi::c_void) -> Self {
        // INVARIANT: takes back the count `into_foreign` kept.
        // SAFETY: `ptr` came from `into_foreign`, never null.
        Arc { ptr: unsafe { NonNull::new_unchecked(ptr as *mut ArcInner<T>) }, _owns: PhantomData }
    }
}
