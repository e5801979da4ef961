//! C strings: [`CStr`], the [`c_str!`](crate::c_str) literal, [`CString`]
//! built by formatting, and formatting into fixed buffers ([`Formatter`]).

use core::fmt::{self, Write};

use crate::alloc::{flags::GFP_KERNEL, Flags, KVec};
use crate::error::{code::EINVAL, code::ENOMEM, Error, Result};

/// A NUL-terminated string with no NUL inside: what C calls a string.
///
/// ```
/// use kernel::c_str;
///
/// let s = c_str!("krust");
/// assert_eq!(s.len(), 5);
/// assert_eq!(s.as_bytes_with_nul(), b"krust\0");
/// assert!(kernel::str::CStr::from_bytes_with_nul(b"kr\0ust\0").is_err());
/// ```
///
/// # Invariants
///
/// The bytes end with a NUL and have no other.
#[repr(transparent)]
pub struct CStr([u8]);

impl CStr {
    /// Checks `bytes` and wraps them.
    pub const fn from_bytes_with_nul(bytes: &[u8]) -> Result<&CStr> {
        if bytes.is_empty() || bytes[bytes.len() - 1] != 0 {
            return Err(EINVAL);
        }
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] == 0 {
                return Err(EINVAL);
            }
            i += 1;
        }
        // SAFETY: just checked.
        Ok(unsafe { CStr::from_bytes_with_nul_unchecked(bytes) })
    }

    /// Wraps `bytes` without checking them.
    ///
    /// # Safety
    ///
    /// `bytes` end with a NUL and have no other.
    pub const unsafe fn from_bytes_with_nul_unchecked(bytes: &[u8]) -> &CStr {
        // INVARIANT: the caller's guarantee.
        // SAFETY: `CStr` is a transparent wrapper of `[u8]`.
        unsafe { &*(bytes as *const [u8] as *const CStr) }
    }

    /// The length in bytes, without the NUL.
    pub const fn len(&self) -> usize {
        self.0.len() - 1
    }

    /// Whether the string is empty.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, without the NUL.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0[..self.len()]
    }

    /// The bytes, with the NUL.
    pub const fn as_bytes_with_nul(&self) -> &[u8] {
        &self.0
    }

    /// The C pointer, valid as long as `self`.
    pub const fn as_char_ptr(&self) -> *const core::ffi::c_char {
        self.0.as_ptr() as *const core::ffi::c_char
    }

    /// The string as UTF-8, when it is.
    pub fn to_str(&self) -> Result<&str> {
        core::str::from_utf8(self.as_bytes()).map_err(|_| EINVAL)
    }
}

impl fmt::Display for CStr {
    /// Prints the bytes, printable ASCII as is and others as `\xNN`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.as_bytes() {
            if (0x20..0x7f).contains(&b) {
                f.write_char(b as char)?;
            } else {
                write!(f, "\\x{:02x}", b)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for CStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self)
    }
}

impl PartialEq for CStr {
    fn eq(&self, other: &CStr) -> bool {
        self.0 == other.0
    }
}

/// A [`CStr`] from a string literal, checked at compile time.
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
