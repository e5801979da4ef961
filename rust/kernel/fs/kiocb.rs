//! [`Kiocb`]: C's `struct kiocb`, what a `read_iter` or `write_iter` call
//! is about (a file and a position).

use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::types::ForeignOwnable;

/// The control block of one `read_iter` or `write_iter` call: the file, whose
/// private data is a `T`, and the position the call reads or writes at.
///
/// # Invariants
///
/// `inner` is a valid `struct kiocb` for `'a`, which only this value changes,
/// and its file's `private_data` came from `T::into_foreign` and stays
/// borrowable for `'a`.
pub struct Kiocb<'a, T> {
    inner: NonNull<bindings::kiocb>,
    _file: PhantomData<&'a T>,
}

impl<'a, T: ForeignOwnable> Kiocb<'a, T> {
    /// The control block at `kiocb`.
    ///
    /// # Safety
    ///
    /// `kiocb` is a valid `struct kiocb` for `'a`, not changed by anyone else
    /// meanwhile, and its file's `private_data` came from `T::into_foreign`
    /// and is not taken back during `'a`.
    pub unsafe fn from_raw(kiocb: *mut bindings::kiocb) -> Self {
        // INVARIANT: the caller's guarantee.
        // SAFETY: a valid pointer is not null.
        Kiocb { inner: unsafe { NonNull::new_unchecked(kiocb) }, _file: PhantomData }
    }

    /// The C `struct kiocb *`.
    pub fn as_raw(&self) -> *mut bindings::kiocb {
        self.inner.as_ptr()
    }

    /// The file's private data: what the driver's `open` returned.
    pub fn file(&self) -> <T as ForeignOwnable>::Borrowed<'a> {
        // SAFETY: the kiocb and its file are valid (the type invariant).
        let private = unsafe { (*(*self.as_raw()).ki_filp).private_data };
        // SAFETY: it came from `T::into_foreign` and stays for `'a` (the type invariant).
        unsafe { T::borrow(private) }
    }

    /// The position of the call.
    pub fn ki_pos(&self) -> i64 {
        // SAFETY: valid (the type invariant).
        unsafe { (*self.as_raw()).ki_pos }
    }

    /// The position of the call, to move on: the VFS stores it in the file
    /// (or pread's caller keeps it) when the call returns.
    pub fn ki_pos_mut(&mut self) -> &mut i64 {
        // SAFETY: valid, and changed only through `self` (the type invariant).
        unsafe { &mut (*self.as_raw()).ki_pos }
    }
}
