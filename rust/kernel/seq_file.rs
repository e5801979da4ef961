//! [`SeqFile`]: C's `struct seq_file`, a text file made as it is read
//! (`/proc/<pid>/fdinfo/<fd>` and the like), and [`seq_print!`](crate::seq_print).

use core::fmt;

use crate::types::Opaque;

/// A `seq_file` being filled, as the kernel passes it to a `show` callback.
///
/// Text that does not fit in the kernel's buffer makes it retry with a
/// bigger one, as for C's `seq_printf`.
///
/// # Invariants
///
/// A `&SeqFile` is a valid `seq_file` that only the holder of the borrow
/// (and the kernel's own `seq_*` functions it calls) writes to while the
/// borrow lasts: a `show` callback's, during the callback.
#[repr(transparent)]
pub struct SeqFile(Opaque<bindings::seq_file>);

impl SeqFile {
    /// The `seq_file` at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid `seq_file`, used only through the returned reference
    /// (and the kernel's own `seq_*` functions) for `'a`.
    pub unsafe fn from_raw<'a>(ptr: *mut bindings::seq_file) -> &'a SeqFile {
        // INVARIANT: valid and used only through this reference for `'a`
        // (the caller's guarantee).
        // SAFETY: a transparent wrapper, valid for `'a` (the caller's guarantee).
        unsafe { &*ptr.cast::<SeqFile>() }
    }

    /// Appends formatted text, as `seq_printf` does.
    pub fn call_printf(&self, args: fmt::Arguments<'_>) {
        // Writer::write_str never fails: an overflow is recorded in the
        // seq_file itself, which the kernel then retries.
        let _ = fmt::Write::write_fmt(&mut Writer(self), args);
    }
}

/// Feeds `core::fmt`'s pieces to `seq_write`: no buffer of our own.
struct Writer<'a>(&'a SeqFile);

impl fmt::Write for Writer<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // SAFETY: the seq_file is valid and ours (the type invariant); `s` is valid
        // for reads of its length. A full buffer is recorded by seq_write.
        unsafe { bindings::seq_write(self.0 .0.get(), s.as_ptr().cast(), s.len()) };
        Ok(())
    }
}

/// Appends formatted text to a [`SeqFile`]: `seq_print!(m, "{} users\n", n)`.
#[macro_export]
macro_rules! seq_print {
    ($m:expr, $($arg:tt)+) => {
        $crate::seq_file::SeqFile::call_printf($m, $crate::fmt!($($arg)+))
    };
}
