//! I/O vectors: C's `struct iov_iter`, the buffers of a `read_iter` or
//! `write_iter` call, as [`IovIterSource`] (data to take) and
//! [`IovIterDest`] (room to fill).
//!
//! The buffers may be user memory (a `read(2)` or `readv(2)`), kernel memory
//! or pages; the kernel's `_copy_from_iter` and `_copy_to_iter` handle every
//! kind, and stop at a user address that faults, so a copy may be short.

use core::ffi::c_void;
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use crate::alloc::{Allocator, Flags, Vec};
use crate::error::{code::EINVAL, Result};
use crate::types::Opaque;
use crate::uaccess::check_object_size;

/// The buffers of a `write_iter` call: data to read, front to back.
///
/// The bytes can change under the reader (user memory is the user's), and
/// each copy moves the vector on, so one vector gives each byte at most once.
/// It is not `Send`: its pages may be mapped for this thread only.
///
/// # Invariants
///
/// The `iov_iter` is valid and a source (`data_source` is `ITER_SOURCE`),
/// and reading from it with the kernel's functions is allowed for `'data`.
#[repr(transparent)]
pub struct IovIterSource<'data> {
    iov: Opaque<bindings::iov_iter>,
    _source: PhantomData<&'data [u8]>,
}

/// The buffers of a `read_iter` call: room to write, front to back.
///
/// # Invariants
///
/// The `iov_iter` is valid and a destination (`data_source` is
/// `ITER_DEST`), and writing to it with the kernel's functions is allowed
/// for `'data`.
#[repr(transparent)]
pub struct IovIterDest<'data> {
    iov: Opaque<bindings::iov_iter>,
    _dest: PhantomData<&'data mut [u8]>,
}

/// The bytes left in a vector.
///
/// # Safety
///
/// `iov` is a valid `iov_iter`.
unsafe fn count(iov: *mut bindings::iov_iter) -> usize {
    // SAFETY: valid (the caller's guarantee).
    unsafe { bindings::iov_iter_count(iov) }
}

impl<'data> IovIterSource<'data> {
    /// The source vector at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid `iov_iter` with `data_source` `ITER_SOURCE`, used
    /// only through the returned reference for `'iov`, and readable with the
    /// kernel's functions for `'data`.
    pub unsafe fn from_raw<'iov>(ptr: *mut bindings::iov_iter) -> &'iov mut IovIterSource<'data> {
        // INVARIANT: the caller's guarantee.
        // SAFETY: a transparent wrapper of the `iov_iter`, valid for `'iov`.
        unsafe { &mut *ptr.cast::<IovIterSource<'data>>() }
    }

    /// The C `struct iov_iter *`.
    pub fn as_raw(&mut self) -> *mut bindings::iov_iter {
        self.iov.get()
    }

    /// The bytes left; a copy may still give fewer, where user memory faults.
    pub fn len(&self) -> usize {
        // SAFETY: valid (the type invariant).
        unsafe { count(self.iov.get()) }
    }

    /// Whether no byte is left.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Skips `bytes` bytes (all that are left, if fewer).
    pub fn advance(&mut self, bytes: usize) {
        // SAFETY: valid (the type invariant); the kernel clamps to the end.
        unsafe { bindings::iov_iter_advance(self.as_raw(), bytes) };
    }

    /// Goes back `bytes` bytes, to read them again.
    ///
    /// # Safety
    ///
    /// At least `bytes` bytes were consumed before.
    pub unsafe fn revert(&mut self, bytes: usize) {
        // SAFETY: valid (the type invariant); in range (the caller's guarantee).
        unsafe { bindings::iov_iter_revert(self.as_raw(), bytes) };
    }

    /// Fills the front of `out`: returns how many bytes were copied.
    pub fn copy_from_iter(&mut self, out: &mut [u8]) -> usize {
        // SAFETY: `u8` and `MaybeUninit<u8>` have the same layout, and the
        // copy writes initialised bytes only.
        let out = unsafe { &mut *(out as *mut [u8] as *mut [MaybeUninit<u8>]) };
        self.copy_from_iter_raw(out).len()
    }

    /// Appends what is left to `out`: returns how many bytes were copied.
    pub fn copy_from_iter_vec<A: Allocator>(&mut self, out: &mut Vec<u8, A>, flags: Flags) -> Result<usize> {
        out.reserve(self.len(), flags)?;
        let n = self.copy_from_iter_raw(out.spare_capacity_mut()).len();
        // SAFETY: the copy initialised the first `n` spare bytes.
        unsafe { out.set_len_filled(n) };
        Ok(n)
    }

    /// Fills the front of `out`: returns the part that was written, which is
    /// shorter than `out` only when the vector ran out (or faulted).
    pub fn copy_from_iter_raw<'a>(&mut self, out: &'a mut [MaybeUninit<u8>]) -> &'a mut [u8] {
        let (ptr, cap) = (out.as_mut_ptr().cast::<u8>(), out.len());
        check_object_size(ptr as *const c_void, cap, false);
        // SAFETY: the vector may be read (the type invariant); `ptr` is
        // valid for writes of `cap` bytes.
        let n = unsafe { bindings::_copy_from_iter(ptr.cast(), cap, self.as_raw()) };
        // SAFETY: the kernel wrote the first `n <= cap` bytes.
        unsafe { core::slice::from_raw_parts_mut(ptr, n.min(cap)) }
    }
}

impl<'data> IovIterDest<'data> {
    /// The destination vector at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid `iov_iter` with `data_source` `ITER_DEST`, used only
    /// through the returned reference for `'iov`, and writable with the
    /// kernel's functions for `'data`.
    pub unsafe fn from_raw<'iov>(ptr: *mut bindings::iov_iter) -> &'iov mut IovIterDest<'data> {
        // INVARIANT: the caller's guarantee.
        // SAFETY: a transparent wrapper of the `iov_iter`, valid for `'iov`.
        unsafe { &mut *ptr.cast::<IovIterDest<'data>>() }
    }

    /// The C `struct iov_iter *`.
    pub fn as_raw(&mut self) -> *mut bindings::iov_iter {
        self.iov.get()
    }

    /// The room left; a copy may still write less, where user memory faults.
    pub fn len(&self) -> usize {
        // SAFETY: valid (the type invariant).
        unsafe { count(self.iov.get()) }
    }

    /// Whether no room is left.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Skips `bytes` bytes of room (all that is left, if less).
    pub fn advance(&mut self, bytes: usize) {
        // SAFETY: valid (the type invariant); the kernel clamps to the end.
        unsafe { bindings::iov_iter_advance(self.as_raw(), bytes) };
    }

    /// Goes back `bytes` bytes, to write them again.
    ///
    /// # Safety
    ///
    /// At least `bytes` bytes were consumed before.
    pub unsafe fn revert(&mut self, bytes: usize) {
        // SAFETY: valid (the type invariant); in range (the caller's guarantee).
        unsafe { bindings::iov_iter_revert(self.as_raw(), bytes) };
    }

    /// Writes the front of `input`: returns how many bytes were written.
    pub fn copy_to_iter(&mut self, input: &[u8]) -> usize {
        check_object_size(input.as_ptr() as *const c_void, input.len(), true);
        // SAFETY: the vector may be written (the type invariant); `input` is
        // valid for reads of its length.
        unsafe { bindings::_copy_to_iter(input.as_ptr().cast(), input.len(), self.as_raw()) }
    }

    /// A `read_iter` of a file whose whole content is `contents`: writes
    /// what lies from `*ppos` on and moves `*ppos` past it. At or past the
    /// end it writes nothing and returns 0; a negative position is `EINVAL`.
    pub fn simple_read_from_buffer(&mut self, ppos: &mut i64, contents: &[u8]) -> Result<usize> {
        let pos = usize::try_from(*ppos).map_err(|_| EINVAL)?;
        let Some(rest) = contents.get(pos..) else {
            return Ok(0);
        };
        let n = self.copy_to_iter(rest);
        // `pos + n` is at most `contents.len()`, which fits in an `i64`.
        *ppos = (pos + n) as i64;
        Ok(n)
    }
}
