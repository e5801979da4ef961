//! [`Vec`]: a growable array on the heap.

use core::alloc::Layout;
use core::fmt;
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, MaybeUninit};
use core::ops::{Deref, DerefMut};
use core::ptr::{self, NonNull};
use core::slice;

use super::{AllocError, Allocator, Flags, KVmalloc, Kmalloc, Vmalloc};

/// A contiguous growable array of `T` from allocator `A`.
///
/// Growing can fail, so `push`, `extend_from_slice` and `reserve` take
/// [`Flags`] and return a `Result`.
///
/// ```
/// use kernel::alloc::{flags::GFP_KERNEL, KVec};
///
/// let mut v = KVec::new();
/// for i in 0..100u32 {
///     v.push(i, GFP_KERNEL)?;
/// }
/// v.truncate(10);
/// v.extend_from_slice(&[7, 7], GFP_KERNEL)?;
/// assert_eq!(v.len(), 12);
/// assert_eq!(v.into_iter().sum::<u32>(), 45 + 14);
/// ```
///
/// # Invariants
///
/// `ptr` was allocated by `A` for `Layout::array::<T>(cap)`, or is dangling
/// when that layout has size zero (then `cap` is 0, or `usize::MAX` for a
/// zero-sized `T`). The first `len <= cap` elements are initialised.
pub struct Vec<T, A: Allocator> {
    ptr: NonNull<T>,
    cap: usize,
    len: usize,
    _owns: PhantomData<(T, A)>,
}

/// A [`Vec`] from [`Kmalloc`].
pub type KVec<T> = Vec<T, Kmalloc>;
/// A [`Vec`] from [`Vmalloc`].
pub type VVec<T> = Vec<T, Vmalloc>;
/// A [`Vec`] from [`KVmalloc`].
pub type KVVec<T> = Vec<T, KVmalloc>;

// SAFETY: a `Vec` owns its elements as an array field would.
unsafe impl<T: Send, A: Allocator> Send for Vec<T, A> {}
// SAFETY: as above.
unsafe impl<T: Sync, A: Allocator> Sync for Vec<T, A> {}

impl<T, A: Allocator> Vec<T, A> {
    const IS_ZST: bool = core::mem::size_of::<T>() == 0;

    /// An empty vector; allocates nothing.
    pub const fn new() -> Self {
        // INVARIANT: no allocation; dangling with capacity 0 (or `usize::MAX`
        // for zero-sized elements, which need no memory).
        Vec { ptr: NonNull::dangling(), cap: if Self::IS_ZST { usize::MAX } else { 0 }, len: 0, _owns: PhantomData }
    }

    /// An empty vector with room for `capacity` elements.
    pub fn with_capacity(capacity: usize, flags: Flags) -> Result<Self, AllocError> {
        let mut v = Self::new();
        v.reserve(capacity, flags)?;
        Ok(v)
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many elements fit without growing.
    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// The elements.
    pub fn as_slice(&self) -> &[T] {
        self
    }

    /// The elements, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self
    }

    /// Makes room for at least `additional` more elements.
    pub fn reserve(&mut self, additional: usize, flags: Flags) -> Result<(), AllocError> {
        let needed = self.len.checked_add(additional).ok_or(AllocError)?;
        if needed <= self.cap {
            return Ok(());
        }
        // Grow geometrically, so pushing n elements costs O(n).
        let cap = needed.max(self.cap.saturating_mul(2)).max(4);
        let layout = Layout::array::<T>(cap).map_err(|_| AllocError)?;
        let old_layout = Layout::array::<T>(self.cap).map_err(|_| AllocError)?;
        let old = if self.cap == 0 { None } else { Some(self.ptr.cast()) };
        // SAFETY: `old` is this vector's block, allocated by `A` for
        // `old_layout` (the type invariant); the alignments are `T`'s.
        let new = unsafe { A::realloc(old, layout, old_layout, flags)? };
        // INVARIANT: the block was allocated for `Layout::array::<T>(cap)`
        // and keeps the `len` initialised elements.
        self.ptr = new.cast();
        self.cap = cap;
        Ok(())
    }

    /// Appends `value`.
    pub fn push(&mut self, value: T, flags: Flags) -> Result<(), AllocError> {
        self.reserve(1, flags)?;
        // SAFETY: `len < cap` after `reserve`, so the slot is in the block.
        unsafe { self.as_mut_ptr().add(self.len).write(value) };
        // INVARIANT: the element at `len` was just written.
        self.len += 1;
        Ok(())
    }

    /// Removes the last element and returns it.
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        // INVARIANT: the element at the new `len` is moved out below.
        self.len -= 1;
        // SAFETY: the element at `len` was initialised and is now outside `len`.
        Some(unsafe { self.as_mut_ptr().add(self.len).read() })
    }

    /// Appends every element of `iter`.
    pub fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I, flags: Flags) -> Result<(), AllocError> {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0, flags)?;
        for item in iter {
            self.push(item, flags)?;
        }
        Ok(())
    }

    /// Shortens the vector to `len` elements, dropping the rest.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let tail = ptr::slice_from_raw_parts_mut(
            // SAFETY: `len < self.len`, so this is in the block.
            unsafe { self.as_mut_ptr().add(len) },
            self.len - len,
        );
        // INVARIANT: the elements past `len` are dropped below and never used again.
        self.len = len;
        // SAFETY: those elements were initialised and are now outside `len`.
        unsafe { ptr::drop_in_place(tail) };
    }

    /// Drops every element; keeps the memory.
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Keeps the elements for which `f` is true, in their order, and drops
    /// the others.
    ///
    /// ```
    /// let mut v = KVec::new();
    /// v.extend([1, 2, 3, 4, 5, 6], GFP_KERNEL)?;
    /// v.retain(|x| *x % 3 != 0);
    /// assert_eq!(v.as_slice(), &[1, 2, 4, 5]);
    /// ```
    pub fn retain(&mut self, mut f: impl FnMut(&mut T) -> bool) {
        let mut kept = 0;
        for i in 0..self.len {
            if f(&mut self.as_mut_slice()[i]) {
                // Every element in `kept..i` is one to drop: the kept one
                // moves before them, so the kept ones keep their order.
                self.as_mut_slice().swap(kept, i);
                kept += 1;
            }
        }
        self.truncate(kept);
    }

    fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr.as_ptr()
    }
}

impl<T: Clone, A: Allocator> Vec<T, A> {
    /// Appends clones of the elements of `other`.
    pub fn extend_from_slice(&mut self, other: &[T], flags: Flags) -> Result<(), AllocError> {
        self.reserve(other.len(), flags)?;
        for item in other {
            self.push(item.clone(), flags)?;
        }
        Ok(())
    }

    /// Resizes to `new_len` elements, filling with clones of `value`.
    pub fn resize(&mut self, new_len: usize, value: T, flags: Flags) -> Result<(), AllocError> {
        if new_len <= self.len {
            self.truncate(new_len);
            return Ok(());
        }
        self.reserve(new_len - self.len, flags)?;
        while self.len < new_len {
            self.push(value.clone(), flags)?;
        }
        Ok(())
    }
}

impl<T, A: Allocator> Default for Vec<T, A> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T, A: Allocator> Deref for Vec<T, A> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: the first `len` elements are initialised (the type invariant).
        unsafe { slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T, A: Allocator> DerefMut for Vec<T, A> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as for `deref`; `&mut self` is unique.
        unsafe { slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

/// Frees a block of `cap` elements of `T` allocated by `A`.
///
/// # Safety
///
/// `ptr` and `cap` are a vector's, per `Vec`'s invariant, and the block is not used afterwards.
unsafe fn free_block<T, A: Allocator>(ptr: NonNull<T>, cap: usize) {
    if let Ok(layout) = Layout::array::<T>(cap) {
        if layout.size() != 0 {
            // SAFETY: allocated by `A` for `layout` (the caller's guarantee).
            unsafe { A::free(ptr.cast(), layout) };
        }
    }
}

impl<T, A: Allocator> Drop for Vec<T, A> {
    fn drop(&mut self) {
        self.clear();
        // SAFETY: this vector's block, not used after drop.
        unsafe { free_block::<T, A>(self.ptr, self.cap) };
    }
}

impl<T: fmt::Debug, A: Allocator> fmt::Debug for Vec<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: PartialEq, A: Allocator> PartialEq<[T]> for Vec<T, A> {
    fn eq(&self, other: &[T]) -> bool {
        **self == *other
    }
}

/// The elements of a [`Vec`], by value.
///
/// # Invariants
///
/// `ptr` and `cap` describe the vector's block, as `Vec`'s invariant says;
/// the elements at `start..end` are initialised and owned.
pub struct IntoIter<T, A: Allocator> {
    ptr: NonNull<T>,
    cap: usize,
    start: usize,
    end: usize,
    _owns: PhantomData<(T, A)>,
}

impl<T, A: Allocator> IntoIterator for Vec<T, A> {
    type Item = T;
    type IntoIter = IntoIter<T, A>;
    fn into_iter(self) -> IntoIter<T, A> {
        let v = ManuallyDrop::new(self);
        // INVARIANT: takes over the vector's block and its `len` elements.
        IntoIter { ptr: v.ptr, cap: v.cap, start: 0, end: v.len, _owns: PhantomData }
    }
}

impl<T, A: Allocator> Iterator for IntoIter<T, A> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        if self.start == self.end {
            return None;
        }
        // SAFETY: the element at `start` is initialised and owned.
        let item = unsafe { self.ptr.as_ptr().add(self.start).read() };
        // INVARIANT: the element was moved out.
        self.start += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.start;
        (n, Some(n))
    }
}

impl<T, A: Allocator> Drop for IntoIter<T, A> {
    fn drop(&mut self) {
        let rest = ptr::slice_from_raw_parts_mut(
            // SAFETY: `start <= end <= cap`, in the block.
            unsafe { self.ptr.as_ptr().add(self.start) },
            self.end - self.start,
        );
        // SAFETY: the remaining elements are initialised and owned.
        unsafe { ptr::drop_in_place(rest) };
        // SAFETY: the vector's block, not used afterwards.
        unsafe { free_block::<T, A>(self.ptr, self.cap) };
    }
}

/// Room for elements beyond the length; lets readers fill a vector in place.
impl<A: Allocator> Vec<u8, A> {
    /// The spare capacity, for writing before [`Vec::set_len_filled`].
    pub fn spare_capacity_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        let spare = self.cap - self.len;
        // SAFETY: the block holds `cap` bytes; those past `len` are merely uninitialised.
        unsafe { slice::from_raw_parts_mut(self.as_mut_ptr().add(self.len) as *mut MaybeUninit<u8>, spare) }
    }

    /// Adds `n` bytes of the spare capacity to the length.
    ///
    /// # Safety
    ///
    /// The first `n` bytes of [`Vec::spare_capacity_mut`] have been written.
    pub unsafe fn set_len_filled(&mut self, n: usize) {
        // INVARIANT: the caller guarantees the bytes are initialised.
        self.len += n;
    }
}


impl<T> crate::page::AsPageIter for VVec<T> {
    type Iter<'a>
        = super::allocator::VmallocPageIter<'a>
    where
        T: 'a;

    /// The pages of the vector's whole capacity, used or not.
    fn page_iter(&mut self) -> Self::Iter<'_> {
        // No overflow: the capacity's bytes were allocated (none for a
        // zero-sized `T`).
        let size = self.cap * core::mem::size_of::<T>();
        // SAFETY: a `VVec`'s buffer is a `vmalloc` allocation of `size`
        // bytes (none when `size` is 0, when the iterator yields nothing),
        // which the unique borrow of `self` keeps for the iterator's life.
        unsafe { super::allocator::VmallocPageIter::new(self.ptr.cast(), size) }
    }
}
