//! C strings: [`CStr`] (`core::ffi::CStr`, with [`CStrExt`]), the
//! [`c_str!`](crate::c_str) literal, [`CString`] built by formatting, and
//! formatting into fixed buffers ([`Formatter`]).

use core::fmt::{self, Write};

use crate::alloc::{flags::GFP_KERNEL, Flags, KVec};
use crate::error::{code::EINVAL, code::ENOMEM, Error, Result};

/// A NUL-terminated string with no NUL inside: what C calls a string.
///
/// It is `core::ffi::CStr`, so C-string literals (`c"krust"`) are `&CStr`s
/// wherever the crate takes one, as in Linux 6.19, and [`c_str!`](crate::c_str) makes the
/// same from a `concat!` or a macro argument. Linux 6.18 has a `CStr` of its
/// own; its methods that `core::ffi::CStr` lacks (`as_char_ptr`, `as_bytes`,
/// `as_bytes_with_nul`, `len`) come from [`CStrExt`], which the prelude
/// brings into scope, so code written for either builds.
///
/// ```
/// use kernel::c_str;
/// use kernel::str::{CStr, CStrExt};
///
/// let s = c_str!("krust");
/// assert_eq!(s.len(), 5);
/// assert_eq!(s.as_bytes_with_nul(), b"krust\0");
/// assert!(s == c"krust");
/// assert!(CStr::from_bytes_with_nul(b"kr\0ust\0").is_err());
/// ```
pub use core::ffi::CStr;

/// What Linux 6.18's own `CStr` has and `core::ffi::CStr` lacks.
pub trait CStrExt {
    /// The C pointer, valid as long as the string.
    fn as_char_ptr(&self) -> *const core::ffi::c_char;

    /// The bytes, without the NUL.
    fn as_bytes(&self) -> &[u8];

    /// The bytes, with the NUL.
    fn as_bytes_with_nul(&self) -> &[u8];

    /// The length in bytes, without the NUL.
    fn len(&self) -> usize;

    /// The string for `{}`: printable ASCII as is, other bytes as `\xNN`.
    fn display(&self) -> Display<'_>;
}

impl CStrExt for CStr {
    fn as_char_ptr(&self) -> *const core::ffi::c_char {
        self.as_ptr()
    }

    fn as_bytes(&self) -> &[u8] {
        self.to_bytes()
    }

    fn as_bytes_with_nul(&self) -> &[u8] {
        self.to_bytes_with_nul()
    }

    fn len(&self) -> usize {
        self.count_bytes()
    }

    fn display(&self) -> Display<'_> {
        Display(self)
    }
}

/// A [`CStr`] shown with `{}`; see [`CStrExt::display`].
///
/// ```
/// use kernel::str::{CStrExt, CString};
///
/// let s = CString::try_from_fmt(format_args!("{}", c"tab\there".display()))?;
/// assert_eq!(s.as_bytes(), b"tab\\x09here");
/// ```
pub struct Display<'a>(&'a CStr);

impl fmt::Display for Display<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.0.to_bytes() {
            if (0x20..0x7f).contains(&b) {
                f.write_char(b as char)?;
            } else {
                write!(f, "\\x{:02x}", b)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Display<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

/// What [`fmt!`](crate::fmt!) puts around each argument it formats:
/// `FmtArg(&arg).__fmt_arg()` is `arg.display()` for a [`CStr`] or a
/// `&CStr`, so that `{}` shows it, and `&arg` itself for any other type
/// (through [`FmtAny`], which a `CStr` never reaches: the inherent methods
/// below are found first).
#[doc(hidden)]
pub struct FmtArg<'a, T: ?Sized>(pub &'a T);

impl<'a> FmtArg<'a, CStr> {
    #[doc(hidden)]
    pub fn __fmt_arg(&self) -> Display<'a> {
        CStrExt::display(self.0)
    }
}

impl<'a, 'b: 'a> FmtArg<'a, &'b CStr> {
    #[doc(hidden)]
    pub fn __fmt_arg(&self) -> Display<'a> {
        CStrExt::display(*self.0)
    }
}

/// The argument of any other type, as it is; see [`FmtArg`].
#[doc(hidden)]
pub trait FmtAny<'a, T: ?Sized> {
    #[doc(hidden)]
    fn __fmt_arg(&self) -> &'a T;
}

impl<'a, T: ?Sized> FmtAny<'a, T> for &FmtArg<'a, T> {
    fn __fmt_arg(&self) -> &'a T {
        self.0
    }
}

impl From<core::ffi::FromBytesWithNulError> for Error {
    fn from(_: core::ffi::FromBytesWithNulError) -> Error {
        EINVAL
    }
}

/// A [`CStr`] from a string literal (or a `concat!` of them), checked at
/// compile time: a literal with a NUL inside does not compile.
#[macro_export]
macro_rules! c_str {
    ($s:expr) => {{
        const S: &$crate::str::CStr = match $crate::str::CStr::from_bytes_with_nul(
            ::core::concat!($s, "\0").as_bytes(),
        ) {
            Ok(s) => s,
            Err(_) => ::core::panic!("c_str! literal with a NUL inside"),
        };
        S
    }};
}

/// Formats into a fixed buffer; formatting fails when the text does not fit.
///
/// ```
/// use core::fmt::Write;
/// use kernel::str::Formatter;
///
/// let mut buf = [0u8; 8];
/// let mut f = Formatter::new(&mut buf);
/// write!(f, "{}-{}", 4, 2)?;
/// assert_eq!(f.as_bytes(), b"4-2");
/// assert!(write!(f, "{}", "too long for it").is_err());
/// ```
pub struct Formatter<'a> {
    buf: &'a mut [u8],
    pos: usize,
}

impl<'a> Formatter<'a> {
    /// A formatter that writes to `buf` from its start.
    pub fn new(buf: &'a mut [u8]) -> Self {
        Formatter { buf, pos: 0 }
    }

    /// What was written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.pos]
    }

    /// The number of bytes written.
    pub fn bytes_written(&self) -> usize {
        self.pos
    }
}

impl Write for Formatter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.pos.checked_add(s.len()).ok_or(fmt::Error)?;
        let dst = self.buf.get_mut(self.pos..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.pos = end;
        Ok(())
    }
}

impl From<fmt::Error> for Error {
    fn from(_: fmt::Error) -> Error {
        EINVAL
    }
}

/// An owned C string on the heap, made by formatting.
///
/// ```
/// use kernel::str::CString;
///
/// let s = CString::try_from_fmt(format_args!("{}-{}", "rust", 6))?;
/// assert_eq!(s.as_bytes(), b"rust-6");
/// assert!(CString::try_from_fmt(format_args!("a{}b", '\0')).is_err());
/// ```
///
/// # Invariants
///
/// The vector's bytes end with a NUL and have no other.
pub struct CString(KVec<u8>);

/// Collects formatted text in a vector.
struct VecWriter(KVec<u8>, Flags, bool);

impl Write for VecWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.0.extend_from_slice(s.as_bytes(), self.1).is_err() {
            self.2 = true;
            return Err(fmt::Error);
        }
        Ok(())
    }
}

impl CString {
    /// Formats `args` into a new C string (`GFP_KERNEL`). Fails with
    /// `ENOMEM`, or `EINVAL` when the text has a NUL.
    pub fn try_from_fmt(args: fmt::Arguments<'_>) -> Result<CString> {
        let mut w = VecWriter(KVec::new(), GFP_KERNEL, false);
        if w.write_fmt(args).is_err() {
            return Err(if w.2 { ENOMEM } else { EINVAL });
        }
        if w.0.contains(&0) {
            return Err(EINVAL);
        }
        w.0.push(0, GFP_KERNEL)?;
        // INVARIANT: one NUL, at the end, just checked and added.
        Ok(CString(w.0))
    }
}

impl core::ops::Deref for CString {
    type Target = CStr;
    fn deref(&self) -> &CStr {
        // SAFETY: by the type invariant.
        unsafe { CStr::from_bytes_with_nul_unchecked(&self.0) }
    }
}

impl TryFrom<&CStr> for CString {
    type Error = crate::alloc::AllocError;

    /// A copy of `s` (`GFP_KERNEL`), as Linux 6.18 has it.
    fn try_from(s: &CStr) -> core::result::Result<CString, crate::alloc::AllocError> {
        let mut v = KVec::new();
        v.extend_from_slice(s.to_bytes_with_nul(), GFP_KERNEL)?;
        // INVARIANT: a C string's bytes: one NUL, at the end.
        Ok(CString(v))
    }
}

impl fmt::Debug for CString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", CStrExt::display(&**self))
    }
}
