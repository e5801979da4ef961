//! Reading and writing values as bytes: [`FromBytes`], for types every bit
//! pattern is a value of, and [`AsBytes`], for types whose every byte is
//! initialised, as Linux 6.18 names them.
//!
//! A type that is both can cross a boundary the compiler cannot see through
//! (user memory, a device's DMA buffer) in either direction: what comes back
//! is always a value of the type, and what goes out never leaks
//! uninitialised padding.

use core::mem::{size_of, size_of_val};

/// Types for which any bit pattern is a valid value.
///
/// `bool`, `char`, references and enums are not: most patterns are no value
/// of theirs. Padding is allowed, since writing it changes no value.
///
/// # Examples
///
/// ```
/// use kernel::transmute::FromBytes;
///
/// let raw = [0x78u8, 0x56, 0x34, 0x12];
/// assert_eq!(u32::from_bytes_copy(&raw), Some(0x1234_5678));
/// assert_eq!(u32::from_bytes_copy(&raw[..3]), None);
/// ```
///
/// # Safety
///
/// Every bit pattern of `size_of::<Self>()` bytes is a valid `Self`, and the
/// type has no interior mutability.
pub unsafe trait FromBytes {
    /// `bytes` viewed as a `Self`: `None` unless `bytes` is exactly as long
    /// as `Self` and aligned for it.
    fn from_bytes(bytes: &[u8]) -> Option<&Self>
    where
        Self: Sized,
    {
        let ptr = bytes.as_ptr().cast::<Self>();
        if bytes.len() == size_of::<Self>() && ptr.is_aligned() {
            // SAFETY: `ptr` is aligned and points to `size_of::<Self>()`
            // initialised bytes, which are a valid `Self` (the trait's
            // contract), borrowed from `bytes` for its lifetime.
            Some(unsafe { &*ptr })
        } else {
            None
        }
    }

    /// `bytes` viewed as a mutable `Self`, under the conditions of
    /// [`from_bytes`](Self::from_bytes). `Self` must be [`AsBytes`] too, so
    /// that whatever is written through it leaves the bytes initialised.
    fn from_bytes_mut(bytes: &mut [u8]) -> Option<&mut Self>
    where
        Self: AsBytes + Sized,
    {
        let ptr = bytes.as_mut_ptr().cast::<Self>();
        if bytes.len() == size_of::<Self>() && ptr.is_aligned() {
            // SAFETY: as in `from_bytes`, with the unique borrow of `bytes`;
            // `Self: AsBytes` keeps every byte initialised after a write.
            Some(unsafe { &mut *ptr })
        } else {
            None
        }
    }

    /// A copy of `bytes` as a `Self`, whatever their alignment: `None`
    /// unless `bytes` is exactly as long as `Self`.
    fn from_bytes_copy(bytes: &[u8]) -> Option<Self>
    where
        Self: Sized,
    {
        if bytes.len() == size_of::<Self>() {
            // SAFETY: `bytes` holds `size_of::<Self>()` initialised bytes,
            // any pattern of which is a `Self`; the read makes no alignment
            // assumption.
            Some(unsafe { core::ptr::read_unaligned(bytes.as_ptr().cast::<Self>()) })
        } else {
            None
        }
    }
}

/// Types whose values have every byte initialised, so that they can be
/// viewed as bytes (and copied to userspace or a device).
///
/// A type with padding is not one: padding is uninitialised, and reading it
/// is undefined behaviour (and would leak kernel memory). Kernel pointers
/// should stay out too, though leaking an address is not undefined
/// behaviour.
///
/// # Examples
///
/// ```
/// use kernel::transmute::AsBytes;
///
/// let v: [u16; 2] = [0x0102, 0x0304];
/// assert_eq!(v.as_bytes(), &[0x02, 0x01, 0x04, 0x03]);
/// ```
///
/// # Safety
///
/// No value of the type has an uninitialised byte, and the type has no
/// interior mutability.
pub unsafe trait AsBytes {
    /// The bytes of `self`.
    fn as_bytes(&self) -> &[u8] {
        let data = core::ptr::from_ref(self).cast::<u8>();
        let len = size_of_val(self);
        // SAFETY: `self` spans `len` bytes from `data`, all initialised (the
        // trait's contract), borrowed for the lifetime of `&self`.
        unsafe { core::slice::from_raw_parts(data, len) }
    }

    /// The bytes of `self`, writable: any bytes written are a valid `Self`
    /// again, since it is [`FromBytes`] too.
    fn as_bytes_mut(&mut self) -> &mut [u8]
    where
        Self: FromBytes,
    {
        let data = core::ptr::from_mut(self).cast::<u8>();
        let len = size_of_val(self);
        // SAFETY: as in `as_bytes`, with the unique borrow of `self`; any
        // bytes written are a valid `Self` (`Self: FromBytes`).
        unsafe { core::slice::from_raw_parts_mut(data, len) }
    }
}

/// `unsafe impl`s of one trait for a list of types, each group of types
/// under the `// SAFETY:` comment that justifies it.
macro_rules! impl_transmute {
    ($trait:ident: $($(#[$m:meta])* $({$($g:tt)*})? $t:ty,)*) => {
        $(
            $(#[$m])*
            // SAFETY: given at the invocation, above each group of types.
            unsafe impl$(<$($g)*>)? $trait for $t {}
        )*
    };
}

impl_transmute! { FromBytes:
    // SAFETY: every bit pattern is an integer of these types.
    u8, u16, u32, u64, usize,
    i8, i16, i32, i64, isize,
    // SAFETY: a slice or array of values any pattern of which is valid is
    // such a value too, element by element.
    {T: FromBytes} [T],
    {T: FromBytes, const N: usize} [T; N],
}

impl_transmute! { AsBytes:
    // SAFETY: these types have no padding: every byte of a value is
    // initialised.
    u8, u16, u32, u64, usize,
    i8, i16, i32, i64, isize,
    bool, char, str,
    // SAFETY: a slice or array has no padding between its elements, so it is
    // initialised when they are.
    {T: AsBytes} [T],
    {T: AsBytes, const N: usize} [T; N],
}
