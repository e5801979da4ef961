//! ioctl command numbers: `_IO`, `_IOR`, `_IOW` and `_IOWR`, as in
//! `include/uapi/asm-generic/ioctl.h`.

#![allow(non_snake_case)]

const NRSHIFT: u32 = 0;
const TYPESHIFT: u32 = 8;
const SIZESHIFT: u32 = 16;
const DIRSHIFT: u32 = 30;
const SIZEBITS: u32 = 14;
const NONE: u32 = 0;
const WRITE: u32 = 1;
const READ: u32 = 2;

const fn ioc(dir: u32, ty: u32, nr: u32, size: usize) -> u32 {
    assert!(size < 1 << SIZEBITS, "the argument is too large for an ioctl number");
    assert!(ty <= 0xff && nr <= 0xff, "type and number are one byte each");
    (dir << DIRSHIFT) | ((size as u32) << SIZESHIFT) | (ty << TYPESHIFT) | (nr << NRSHIFT)
}

/// A command without an argument.
pub const fn _IO(ty: u32, nr: u32) -> u32 {
    ioc(NONE, ty, nr, 0)
}

/// A command that reads a `T` from the kernel (`copy_to_user`).
pub const fn _IOR<T>(ty: u32, nr: u32) -> u32 {
    ioc(READ, ty, nr, core::mem::size_of::<T>())
}

/// A command that writes a `T` to the kernel (`copy_from_user`).
pub const fn _IOW<T>(ty: u32, nr: u32) -> u32 {
    ioc(WRITE, ty, nr, core::mem::size_of::<T>())
}

/// A command that does both.
pub const fn _IOWR<T>(ty: u32, nr: u32) -> u32 {
    ioc(READ | WRITE, ty, nr, core::mem::size_of::<T>())
}

/// The size of a command's argument.
pub const fn _IOC_SIZE(cmd: u32) -> usize {
    ((cmd >> SIZESHIFT) & ((1 << SIZEBITS) - 1)) as usize
}
