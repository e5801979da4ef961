//! [`File`]: C's `struct file`.

use crate::types::Opaque;

/// An open file, as the kernel passes it to file operations.
///
/// Only references to it exist in Rust; the kernel owns it and keeps it
/// alive across each file operation.
#[repr(transparent)]
pub struct File(Opaque<bindings::file>);

impl File {
    /// The file at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid file that stays alive for `'a`.
    pub(crate) unsafe fn from_raw<'a>(ptr: *mut bindings::file) -> &'a File {
        // SAFETY: `File` is a transparent wrapper; the caller guarantees the rest.
        unsafe { &*(ptr as *const File) }
    }

    /// The C `struct file *`.
    pub fn as_ptr(&self) -> *mut bindings::file {
        self.0.get()
    }

    /// The flags the file was opened with (`O_RDWR`, `O_NONBLOCK`...).
    pub fn flags(&self) -> u32 {
        // SAFETY: the file is valid; f_flags may change under us (fcntl),
        // so it is read once, as C reads it.
        unsafe { core::ptr::addr_of!((*self.as_ptr()).f_flags).read_volatile() }
    }
}
