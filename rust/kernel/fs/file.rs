//! [`File`]: C's `struct file`.

use crate::types::Opaque;

/// An open file, as the kernel passes it to file operations.
///
/// Only references to it exist in Rust; the kernel owns it and keeps it
/// alive across each file operation.
///
/// # Invariants
///
/// A `&File` is a valid `struct file` with a reference held (by the VFS,
/// for the file operation it is passed to) for as long as the borrow lasts.
#[repr(transparent)]
pub struct File(Opaque<bindings::file>);

impl File {
    /// The file at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid file that stays alive for `'a`.
    pub(crate) unsafe fn from_raw<'a>(ptr: *mut bindings::file) -> &'a File {
        // INVARIANT: valid and kept alive for `'a` (the caller's guarantee).
        // SAFETY: `File` is a transparent wrapper; the caller guarantees the rest.
        unsafe { &*(ptr as *const File) }
    }

    /// The C `struct file *`.
    pub fn as_ptr(&self) -> *mut bindings::file {
        self.0.get()
    }

    /// The flags the file was opened with (`O_RDWR`, `O_NONBLOCK`...).
    pub fn flags(&self) -> u32 {
        // SAFETY: the file is valid (the type invariant); f_flags may change under us (fcntl),
        // so it is read once, as C reads it.
        unsafe { core::ptr::addr_of!((*self.as_ptr()).f_flags).read_volatile() }
    }
}
