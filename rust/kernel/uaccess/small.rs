//! Copies of one value of 1, 2, 4 or 8 bytes, as C's `get_user` and
//! `put_user` make them on x86-64: a call to the kernel's `__get_user_N` or
//! `__put_user_N`, which check the address, open user access (SMAP), move
//! the value and turn a fault into `-EFAULT` through the exception table,
//! all in a few instructions. `_copy_from_user`, the general copy, costs a
//! few dozen more.
//!
//! Those functions have a calling convention of their own, which
//! `arch/x86/include/asm/uaccess.h` states in the constraints of its `asm`
//! (the same in 6.1 and 6.12):
//! - `__get_user_N`: the address in `rax`; the error (0 or `-EFAULT`) back
//!   in `rax` and the value, zero-extended, in `rdx`; nothing else changes
//!   but the flags;
//! - `__put_user_N`: the address in `rcx` and the value in `rax`; the error
//!   back in `rcx`; `rbx` changes too.
//!
//! C's `get_user` and `put_user` first call `might_fault`, which checks
//! something only with `PROVE_LOCKING` or `DEBUG_ATOMIC_SLEEP`, and KMSAN
//! instruments them; under those configurations `uaccess` takes the
//! general copy, which makes every check.

use core::mem::{size_of, MaybeUninit};

use super::UserPtr;
use crate::error::{code::EFAULT, Result};

/// Whether a value of `T` can be copied here: its size is one `__get_user_N`
/// and `__put_user_N` take. Decided when the code is compiled.
#[inline(always)]
pub(super) const fn fits<T>() -> bool {
    matches!(size_of::<T>(), 1 | 2 | 4 | 8)
}

/// Reads a `T` at user address `from`.
///
/// # Safety
///
/// `fits::<T>()`, and any bytes make a `T`.
#[inline(always)]
pub(super) unsafe fn get<T>(from: UserPtr) -> Result<T> {
    let err: usize;
    let value: u64;
    macro_rules! call {
        ($f:literal) => {
            // SAFETY: `__get_user_N` reads `N` bytes at the user address in
            // `rax` or fails with `-EFAULT`, returns the error in `rax` and
            // the value in `rdx`, and changes nothing else but the flags
            // (the module's header); it is exported to modules.
            unsafe { core::arch::asm!(concat!("call ", $f), inout("rax") from.addr() => err, out("rdx") value) }
        };
    }
    match size_of::<T>() {
        1 => call!("__get_user_1"),
        2 => call!("__get_user_2"),
        4 => call!("__get_user_4"),
        _ => call!("__get_user_8"),
    }
    // The error is a C `int`.
    if err as u32 != 0 {
        return Err(EFAULT);
    }
    let mut out = MaybeUninit::<T>::uninit();
    // SAFETY: `out` has room for the `size_of::<T>()` low bytes of `value`
    // (`fits::<T>()`, the caller's guarantee), which x86 stores first; any
    // bytes make a `T` (the caller's guarantee).
    unsafe {
        core::ptr::copy_nonoverlapping(&value as *const u64 as *const u8, out.as_mut_ptr().cast::<u8>(), size_of::<T>());
        Ok(out.assume_init())
    }
}

/// Writes `value` at user address `to`.
///
/// # Safety
///
/// `fits::<T>()`, and every byte of a `T` is initialised.
#[inline(always)]
pub(super) unsafe fn put<T>(to: UserPtr, value: &T) -> Result {
    let mut bits = 0u64;
    // SAFETY: `value` has `size_of::<T>()` initialised bytes (the caller's
    // guarantee), at most 8: they fit in `bits`, low bytes first.
    unsafe {
        core::ptr::copy_nonoverlapping(value as *const T as *const u8, &mut bits as *mut u64 as *mut u8, size_of::<T>())
    };
    let err: usize;
    macro_rules! call {
        ($f:literal) => {
            // `rbx`, which Rust cannot name as a clobber, is kept in a
            // register of its own meanwhile.
            // SAFETY: `__put_user_N` writes the low `N` bytes of `rax` at
            // the user address in `rcx` or fails, with the error in `rcx`,
            // changing only `rbx` and the flags besides (the header).
            unsafe {
                core::arch::asm!(
                    "mov {saved}, rbx",
                    concat!("call ", $f),
                    "mov rbx, {saved}",
                    saved = out(reg) _,
                    inout("rcx") to.addr() => err,
                    in("rax") bits,
                )
            }
        };
    }
    match size_of::<T>() {
        1 => call!("__put_user_1"),
        2 => call!("__put_user_2"),
        4 => call!("__put_user_4"),
        _ => call!("__put_user_8"),
    }
    // The error is a C `int`.
    if err as u32 != 0 {
        return Err(EFAULT);
    }
    Ok(())
}
