//! User memory: [`UserSlice`] and its reader and writer halves.
//!
//! A user address is an integer here, never a pointer: Rust code cannot
//! dereference it. Data crosses with `copy_from_user` and `copy_to_user`,
//! which turn a fault into `EFAULT` instead of an oops. A reader moves
//! forward over the user memory as it reads, so each byte is read at most
//! once: the kernel cannot see two different values for one byte (no
//! double fetch), by construction.

use core::ffi::{c_ulong, c_void};
use core::mem::{size_of, MaybeUninit};

use crate::alloc::{Allocator, Flags, Vec};
use crate::error::{code::EFAULT, Result};

/// An address in user space.
pub type UserPtr = usize;

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
    /// The `length` bytes at user address `ptr`.
    pub fn new(ptr: UserPtr, length: usize) -> Self {
        UserSlice { ptr, length }
    }

    /// Reads the range, once.
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

/// Types any bytes are a valid value of (integers, arrays of them).
///
/// # Safety
///
/// Every bit pattern of `size_of::<Self>()` bytes is a valid `Self`.
pub unsafe trait FromBytes {}

/// Types whose bytes are all initialised (no padding).
///
/// # Safety
///
/// `Self` has no padding or other uninitialised bytes.
pub unsafe trait AsBytes {}

macro_rules! impl_plain {
    ($($t:ty),*) => {
        $(
            // SAFETY: integers have no padding and no invalid bit patterns.
            unsafe impl FromBytes for $t {}
            // SAFETY: as above.
            unsafe impl AsBytes for $t {}
        )*
    };
}
impl_plain!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

// SAFETY: an array of such values has no padding and no invalid patterns.
unsafe impl<T: FromBytes, const N: usize> FromBytes for [T; N] {}
// SAFETY: as above.
unsafe impl<T: AsBytes, const N: usize> AsBytes for [T; N] {}

/// Reads user memory front to back, each byte once.
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
        self.ptr = self.ptr.wrapping_add(n);
        self.length -= n;
        Ok((ptr, n))
    }

    /// Fills `out` with the next bytes. `EFAULT` when there are too few or
    /// the memory is bad; either way, those bytes are consumed.
    pub fn read_raw(&mut self, out: &mut [MaybeUninit<u8>]) -> Result {
        let (ptr, n) = self.take(out.len())?;
        #[cfg(CONFIG_HARDENED_USERCOPY)]
        // SAFETY: `out` is a live kernel buffer of `n` bytes.
        unsafe {
            bindings::__check_object_size(out.as_ptr() as *const c_void, n as c_ulong, false)
        };
        // SAFETY: `out` is valid for writes of `n` bytes; the user address is
        // checked by _copy_from_user, which reports faults in its result.
        let left = unsafe {
            bindings::_copy_from_user(
                out.as_mut_ptr() as *mut c_void,
                bindings::UserPtr(ptr as *const c_void),
                n as c_ulong,
            ) };
        if left != 0 {
            return Err(EFAULT);
        }
        Ok(())
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
        let mut value = MaybeUninit::<T>::uninit();
        // SAFETY: the value's bytes, valid for writes.
        let bytes = unsafe {
            core::slice::from_raw_parts_mut(value.as_mut_ptr() as *mut MaybeUninit<u8>, size_of::<T>())
        };
        self.read_raw(bytes)?;
        // SAFETY: every byte was written, and any bytes make a `T`.
        Ok(unsafe { value.assume_init() })
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

    /// Writes `data` next. `EFAULT` when it does not fit or the memory is bad.
    pub fn write_slice(&mut self, data: &[u8]) -> Result {
        let n = data.len();
        if n > self.length || n > MAX_COPY {
            return Err(EFAULT);
        }
        #[cfg(CONFIG_HARDENED_USERCOPY)]
        // SAFETY: `data` is a live kernel buffer of `n` bytes.
        unsafe {
            bindings::__check_object_size(data.as_ptr() as *const c_void, n as c_ulong, true)
        };
        // SAFETY: `data` is valid for reads of `n` bytes; the user address is
        // checked by _copy_to_user, which reports faults in its result.
        let left = unsafe { bindings::_copy_to_user(
                bindings::UserPtr(self.ptr as *mut c_void),
                data.as_ptr() as *const c_void,
                n as c_ulong,
            ) };
        if left != 0 {
            return Err(EFAULT);
        }
        // INVARIANT: those bytes are written.
        self.ptr = self.ptr.wrapping_add(n);
        self.length -= n;
        Ok(())
    }

    /// Writes the bytes of `value` next.
    pub fn write<T: AsBytes>(&mut self, value: &T) -> Result {
        // SAFETY: `T` has no uninitialised bytes.
        let bytes = unsafe { core::slice::from_raw_parts(value as *const T as *const u8, size_of::<T>()) };
        self.write_slice(bytes)
    }
}
