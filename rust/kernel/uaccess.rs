//! User memory: [`UserSlice`] and its reader and writer halves.
//!
//! A user address is an integer here, never a pointer: Rust code cannot
//! dereference it. Data crosses with `copy_from_user` and `copy_to_user`,
//! which turn a fault into `EFAULT` instead of an oops.
//!
//! A [`UserSliceReader`] moves forward over the user memory as it reads, so
//! one reader reads each byte at most once: code that checks a value it read
//! and then uses it has the value it checked, not a second fetch that
//! userspace changed in between. That holds per reader, not per address:
//! nothing stops a module from making a second reader of the same range
//! (another [`UserSlice::new`], or [`UserSlice::reader_writer`]'s writer and
//! a new reader) and reading the bytes again, and then it may see other
//! values, as C code that calls `copy_from_user` twice does.

use core::ffi::{c_ulong, c_void};
use core::mem::{size_of, MaybeUninit};

use crate::alloc::{Allocator, Flags, Vec};
use crate::dma::CoherentAllocation;
use crate::error::{code::EFAULT, Result};

// Small values cross as C's `get_user` and `put_user` move them, where that
// is what C does (`small`'s header).
#[cfg(all(target_arch = "x86_64", not(CONFIG_PROVE_LOCKING), not(CONFIG_DEBUG_ATOMIC_SLEEP), not(CONFIG_KMSAN)))]
mod small;

/// An address in user space: an integer, never dereferenced by Rust.
///
/// [`UserSlice::new`] takes one or a plain `usize` (an ioctl's `arg`), so
/// code written either way builds: Linux 6.18 had `UserPtr` as a `usize`,
/// later kernels as this type.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UserPtr(usize);

impl UserPtr {
    /// The user address `addr`.
    pub fn from_addr(addr: usize) -> Self {
        UserPtr(addr)
    }

    /// The user address a C `__user` pointer holds.
    pub fn from_ptr(ptr: *mut c_void) -> Self {
        UserPtr(ptr as usize)
    }

    /// The address as an integer.
    pub fn addr(self) -> usize {
        self.0
    }

    /// The address as a C `const void __user *`, for the bindings.
    pub fn as_const_ptr(self) -> *const c_void {
        self.0 as *const c_void
    }

    /// The address as a C `void __user *`, for the bindings.
    pub fn as_mut_ptr(self) -> *mut c_void {
        self.0 as *mut c_void
    }

    /// The address `n` bytes on (wrapping, as C's pointer arithmetic on
    /// user addresses does; the copy functions check the result).
    pub fn wrapping_byte_add(self, n: usize) -> Self {
        UserPtr(self.0.wrapping_add(n))
    }
}

impl From<usize> for UserPtr {
    fn from(addr: usize) -> Self {
        UserPtr(addr)
    }
}

/// The most bytes one copy moves: the kernel's usercopy checks refuse more
/// (with a warning), and the VFS never asks for more in one call.
const MAX_COPY: usize = i32::MAX as usize;

/// A range of user memory, `length` bytes from `ptr`, not yet checked:
/// every access checks it and reports a bad address as `EFAULT`.
pub struct UserSlice {
    ptr: UserPtr,
    length: usize,
}

impl UserSlice {
    /// The `length` bytes at user address `ptr` (a [`UserPtr`] or a `usize`).
    pub fn new(ptr: impl Into<UserPtr>, length: usize) -> Self {
        UserSlice { ptr: ptr.into(), length }
    }

    /// A reader of the range, which reads each byte at most once.
    pub fn reader(self) -> UserSliceReader {
        UserSliceReader { ptr: self.ptr, length: self.length }
    }

    /// Writes the range.
    pub fn writer(self) -> UserSliceWriter {
        UserSliceWriter { ptr: self.ptr, length: self.length }
    }

    /// Both halves, for an in-out argument.
    pub fn reader_writer(self) -> (UserSliceReader, UserSliceWriter) {
        (
            UserSliceReader { ptr: self.ptr, length: self.length },
            UserSliceWriter { ptr: self.ptr, length: self.length },
        )
    }
}

/// The traits of the values [`UserSliceReader::read`] and
/// [`UserSliceWriter::write`] copy, from [`crate::transmute`], where Linux
/// 6.18 has them.
pub use crate::transmute::{AsBytes, FromBytes};

/// Reads user memory front to back: each byte at most once through this
/// reader (another reader of the same range may read it again).
///
/// # Invariants
///
/// `ptr..ptr + length` is what is left to read; what lies before was
/// consumed, read or not, and cannot be read again.
pub struct UserSliceReader {
    ptr: UserPtr,
    length: usize,
}

impl UserSliceReader {
    /// Bytes left.
    pub fn len(&self) -> usize {
        self.length
    }

    /// Whether every byte was consumed.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// Consumes `n` bytes without reading them.
    pub fn skip(&mut self, n: usize) -> Result {
        self.take(n).map(|_| ())
    }

    /// Takes the next `n` bytes off the front: the address to read them at.
    fn take(&mut self, n: usize) -> Result<(UserPtr, usize)> {
        if n > self.length || n > MAX_COPY {
            return Err(EFAULT);
        }
        let ptr = self.ptr;
        // INVARIANT: the bytes taken are consumed whatever happens to them.
        self.ptr = self.ptr.wrapping_byte_add(n);
        self.length -= n;
        Ok((ptr, n))
    }

    /// Fills `out` with the next bytes. `EFAULT` when there are too few or
    /// the memory is bad; either way, those bytes are consumed.
    pub fn read_raw(&mut self, out: &mut [MaybeUninit<u8>]) -> Result {
        let (ptr, n) = self.take(out.len())?;
        check_object_size(out.as_ptr() as *const c_void, n, false);
        // SAFETY: `out` is valid for writes of `n` bytes.
        unsafe { copy_from_user(out.as_mut_ptr() as *mut c_void, ptr, n) }
    }

    /// Fills `out` with the next bytes.
    pub fn read_slice(&mut self, out: &mut [u8]) -> Result {
        // SAFETY: `u8` and `MaybeUninit<u8>` have the same layout, and only
        // initialised bytes are written.
        let out = unsafe { &mut *(out as *mut [u8] as *mut [MaybeUninit<u8>]) };
        self.read_raw(out)
    }

    /// Reads a value of a type that any bytes make.
    pub fn read<T: FromBytes>(&mut self) -> Result<T> {
        let (ptr, n) = self.take(size_of::<T>())?;
        #[cfg(all(target_arch = "x86_64", not(CONFIG_PROVE_LOCKING), not(CONFIG_DEBUG_ATOMIC_SLEEP), not(CONFIG_KMSAN)))]
        if small::fits::<T>() {
            // SAFETY: it fits, and any bytes make a `T` (`T: FromBytes`).
            return unsafe { small::get(ptr) };
        }
        let mut value = MaybeUninit::<T>::uninit();
        // The size is a constant, so there is no hardened-usercopy check,
        // as in C: the destination is one whole `T`, not a range into
        // something larger that the check would have to bound.
        // SAFETY: `value` is valid for writes of its `n` bytes.
        unsafe { copy_from_user(value.as_mut_ptr() as *mut c_void, ptr, n) }?;
        // SAFETY: every byte was written, and any bytes make a `T`.
        Ok(unsafe { value.assume_init() })
    }

    /// Fills `count` bytes of `alloc` from byte `offset` with the next
    /// bytes, straight into the coherent memory: `EOVERFLOW` when the range
    /// is not in the allocation, `EFAULT` as for
    /// [`read_slice`](Self::read_slice). Nothing borrows the memory, which
    /// the device may access meanwhile; a device that does sees some mix of
    /// old and new bytes, as in C. A krust addition: 6.18 can only fill
    /// coherent memory one value at a time, with `dma_write!`.
    pub fn read_dma(&mut self, alloc: &CoherentAllocation<u8>, offset: usize, count: usize) -> Result {
        let dst = alloc.byte_range(offset, count)?;
        let (ptr, n) = self.take(count)?;
        check_object_size(dst as *const c_void, n, false);
        // SAFETY: `dst` is valid for writes of `n` bytes (`byte_range`), and
        // no Rust reference covers them (coherent memory is only ever
        // borrowed under an `unsafe` contract that excludes this call).
        unsafe { copy_from_user(dst.cast(), ptr, n) }
    }

    /// Appends every byte left to `buf`.
    pub fn read_all<A: Allocator>(mut self, buf: &mut Vec<u8, A>, flags: Flags) -> Result {
        let n = self.length;
        buf.reserve(n, flags)?;
        self.read_raw(&mut buf.spare_capacity_mut()[..n])?;
        // SAFETY: `read_raw` wrote the first `n` spare bytes.
        unsafe { buf.set_len_filled(n) };
        Ok(())
    }
}

/// Writes user memory front to back.
///
/// # Invariants
///
/// `ptr..ptr + length` is what is left to write.
pub struct UserSliceWriter {
    ptr: UserPtr,
    length: usize,
}

impl UserSliceWriter {
    /// Bytes left.
    pub fn len(&self) -> usize {
        self.length
    }

    /// Whether the range is full.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// Takes the next `n` bytes off the front, if they fit: the address to
    /// write them at.
    fn take(&self, n: usize) -> Result<UserPtr> {
        if n > self.length || n > MAX_COPY {
            return Err(EFAULT);
        }
        Ok(self.ptr)
    }

    /// Moves past `n` written bytes.
    fn advance(&mut self, n: usize) {
        // INVARIANT: those bytes are written; `take` checked that they fit.
        self.ptr = self.ptr.wrapping_byte_add(n);
        self.length -= n;
    }

    /// Writes `data` next. `EFAULT` when it does not fit or the memory is bad.
    pub fn write_slice(&mut self, data: &[u8]) -> Result {
        let n = data.len();
        let ptr = self.take(n)?;
        check_object_size(data.as_ptr() as *const c_void, n, true);
        // SAFETY: `data` is valid for reads of `n` bytes.
        unsafe { copy_to_user(ptr, data.as_ptr() as *const c_void, n) }?;
        self.advance(n);
        Ok(())
    }

    /// Writes `count` bytes of `alloc` from byte `offset` next, straight
    /// from the coherent memory: `EOVERFLOW` when the range is not in the
    /// allocation, `EFAULT` as for [`write_slice`](Self::write_slice). The
    /// reverse of [`UserSliceReader::read_dma`], and a krust addition too.
    pub fn write_dma(&mut self, alloc: &CoherentAllocation<u8>, offset: usize, count: usize) -> Result {
        let src = alloc.byte_range(offset, count)?;
        let ptr = self.take(count)?;
        check_object_size(src as *const c_void, count, true);
        // SAFETY: `src` is valid for reads of `count` bytes (`byte_range`);
        // any bytes are a `u8`, whatever the device wrote.
        unsafe { copy_to_user(ptr, src as *const c_void, count) }?;
        self.advance(count);
        Ok(())
    }

    /// Writes the bytes of `value` next.
    pub fn write<T: AsBytes>(&mut self, value: &T) -> Result {
        let n = size_of::<T>();
        let ptr = self.take(n)?;
        #[cfg(all(target_arch = "x86_64", not(CONFIG_PROVE_LOCKING), not(CONFIG_DEBUG_ATOMIC_SLEEP), not(CONFIG_KMSAN)))]
        if small::fits::<T>() {
            // SAFETY: it fits, and every byte of a `T` is initialised
            // (`T: AsBytes`).
            unsafe { small::put(ptr, value) }?;
            self.advance(n);
            return Ok(());
        }
        // The size is a constant, so there is no hardened-usercopy check,
        // as in C: the source is one whole `T`.
        // SAFETY: `value` is valid for reads of its `n` bytes, all
        // initialised (`T: AsBytes`).
        unsafe { copy_to_user(ptr, value as *const T as *const c_void, n) }?;
        self.advance(n);
        Ok(())
    }
}

/// The hardened-usercopy check of a kernel buffer whose size is known only at
/// run time: it must lie in one slab object or stack frame. C makes it in
/// `check_copy_size` for every copy whose size is not a constant.
#[inline(always)]
pub(crate) fn check_object_size(ptr: *const c_void, n: usize, to_user: bool) {
    #[cfg(CONFIG_HARDENED_USERCOPY)]
    // SAFETY: the check only reads the kernel's bookkeeping of `ptr`'s
    // memory, and reports what it finds wrong.
    unsafe {
        bindings::__check_object_size(ptr, n as c_ulong, to_user)
    };
    #[cfg(not(CONFIG_HARDENED_USERCOPY))]
    let _ = (ptr, n, to_user);
}

/// Copies `n` bytes from user address `from` to `to`.
///
/// # Safety
///
/// `to` is valid for writes of `n` bytes.
#[inline(always)]
unsafe fn copy_from_user(to: *mut c_void, from: UserPtr, n: usize) -> Result {
    // SAFETY: `to` is valid for writes of `n` bytes (the caller's
    // guarantee); the user address is checked by _copy_from_user, which
    // reports faults in its result.
    let left = unsafe { bindings::_copy_from_user(to, bindings::UserPtr(from.as_const_ptr()), n as c_ulong) };
    if left != 0 {
        return Err(EFAULT);
    }
    Ok(())
}

/// Copies `n` bytes from `from` to user address `to`.
///
/// # Safety
///
/// `from` is valid for reads of `n` initialised bytes.
#[inline(always)]
unsafe fn copy_to_user(to: UserPtr, from: *const c_void, n: usize) -> Result {
    // SAFETY: `from` is valid for reads of `n` bytes (the caller's
    // guarantee); the user address is checked by _copy_to_user, which
    // reports faults in its result.
    let left = unsafe { bindings::_copy_to_user(bindings::UserPtr(to.as_mut_ptr()), from, n as c_ulong) };
    if left != 0 {
        return Err(EFAULT);
    }
    Ok(())
}
