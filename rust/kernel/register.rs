//! Typed device registers: [`register!`](crate::register!) defines a type
//! per 32-bit register, with a getter and a setter per field (a range of
//! bits, seen as an integer, a `bool`, or a type of the driver's own
//! through `From` or `TryFrom`), and reads, writes and read-modify-writes
//! it at its offset in an I/O region ([`RegisterIo`]).
//!
//! This is the register macro of Nova (the Rust driver for NVIDIA GPUs),
//! which Linux 6.18 keeps inside that driver (`drivers/gpu/nova-core/regs/
//! macros.rs`), as krust's own: the same syntax, with read-only and
//! write-only registers and run-time checked accesses added, and
//! compile-time checks that each field lies inside the register and fits
//! its type.
//!
//! ```
//! use kernel::register;
//! use kernel::register::RegisterIo;
//!
//! /// A register block in memory, standing in for a device's I/O region.
//! struct Regs(core::cell::Cell<[u32; 4]>);
//!
//! impl RegisterIo for Regs {
//!     fn read32(&self, offset: usize) -> u32 {
//!         self.0.get()[offset / 4]
//!     }
//!     fn write32(&self, value: u32, offset: usize) {
//!         let mut r = self.0.get();
//!         r[offset / 4] = value;
//!         self.0.set(r);
//!     }
//!     fn try_read32(&self, offset: usize) -> Result<u32> {
//!         self.0.get().get(offset / 4).copied().ok_or(EINVAL)
//!     }
//!     fn try_write32(&self, value: u32, offset: usize) -> Result {
//!         let mut r = self.0.get();
//!         *r.get_mut(offset / 4).ok_or(EINVAL)? = value;
//!         self.0.set(r);
//!         Ok(())
//!     }
//! }
//!
//! #[derive(Debug, PartialEq)]
//! enum Mode { Off, Slow, Fast }
//!
//! impl TryFrom<u8> for Mode {
//!     type Error = Error;
//!     fn try_from(v: u8) -> Result<Mode> {
//!         match v {
//!             0 => Ok(Mode::Off),
//!             1 => Ok(Mode::Slow),
//!             2 => Ok(Mode::Fast),
//!             _ => Err(EINVAL),
//!         }
//!     }
//! }
//!
//! impl From<Mode> for u32 {
//!     fn from(m: Mode) -> u32 {
//!         m as u32
//!     }
//! }
//!
//! register!(CTRL @ 0x4, "Control" {
//!     0:0     enable as bool, "Turns the unit on";
//!     2:1     mode as u8 ?=> Mode, "Speed";
//!     15:8    divider as u8;
//!     31:16   magic as u16;
//! });
//! register!(STATUS @ 0x8 (ro) {
//!     7:0     count as u8;
//! });
//! register!(UNIT_CFG @ +0x0 {
//!     3:0     lanes as u8;
//! });
//!
//! let io = Regs(core::cell::Cell::new([0, 0, 0x2a, 0]));
//! let ctrl = CTRL::default().set_enable(true).set_mode(Mode::Fast).set_divider(0x10);
//! assert_eq!(u32::from(ctrl), 0x1005);
//! ctrl.write(&&io);
//! assert_eq!(io.read32(0x4), 0x1005);
//!
//! let ctrl = CTRL::read(&&io);
//! assert!(ctrl.enable());
//! assert_eq!(ctrl.mode(), Ok(Mode::Fast));
//! CTRL::update(&&io, |r| r.set_magic(0xbeef).set_enable(false));
//! assert_eq!(io.read32(0x4), 0xbeef_1004);
//! assert_eq!(CTRL::read(&&io).magic(), 0xbeef);
//!
//! // A value a field's type does not take is the conversion's error.
//! io.write32(0x6, 0x4);
//! assert_eq!(CTRL::read(&&io).mode(), Err(EINVAL));
//!
//! assert_eq!(STATUS::read(&&io).count(), 0x2a);
//! assert_eq!(CTRL::MAGIC_MASK, 0xffff_0000);
//! assert_eq!(CTRL::MODE_SHIFT, 1);
//!
//! // Relative registers take their base at run time.
//! UNIT_CFG::default().set_lanes(3).write(&&io, 0xc);
//! assert_eq!(UNIT_CFG::read(&&io, 0xc).lanes(), 3);
//! assert_eq!(UNIT_CFG::try_read(&&io, 0x100).err(), Some(EINVAL));
//! ```
//!
//! A field is `HI:LO $name as $type`, with an optional `, "doc"`:
//!
//! - `as u8` (`u16`, `u32`): the bits as that integer; `as bool`: one bit;
//! - `as u8 => T`: through `T: From<u8>`, and back through `u32: From<T>`;
//! - `as u8 ?=> T`: through `T: TryFrom<u8>`, the getter returning its
//!   `Result`: for fields where not every value means something (and
//!   back, as for `=>`, through `u32: From<T>`).
//!
//! A setter keeps the bits of the value that fit the field and drops the
//! rest, as the hardware would. The offset is `@ 0x100` (fixed), `@ +0x10`
//! (relative: every access takes a base, added at run time), or `=> OTHER`
//! / `=> +OTHER` (an alias: another view of the register `OTHER`). `(ro)`
//! after the offset leaves out `write` and `update`, `(wo)` `read` and
//! `update`.
//!
//! `read` and `write` use the region's `read32`/`write32`, which
//! [`Io<SIZE>`](crate::io::Io) checks at build time for a constant offset; `try_read` and
//! `try_write` check at run time (`EINVAL` past the end), for relative
//! registers whose base is not a constant.

/// A region whose 32-bit registers [`register!`](crate::register!) types
/// read and write: an MMIO region of the driver model (`Io<SIZE>`), or any
/// other that gives these four accesses.
pub trait RegisterIo {
    /// Reads the register at `offset` (checked as the region checks it).
    fn read32(&self, offset: usize) -> u32;

    /// Writes the register at `offset` (checked as the region checks it).
    fn write32(&self, value: u32, offset: usize);

    /// Reads the register at `offset`, checked at run time.
    fn try_read32(&self, offset: usize) -> crate::error::Result<u32>;

    /// Writes the register at `offset`, checked at run time.
    fn try_write32(&self, value: u32, offset: usize) -> crate::error::Result;
}

// The MMIO region of the driver model. Inlined always, so that a constant
// offset reaches `Io`'s build-time bounds check.
impl<const SIZE: usize> RegisterIo for crate::io::Io<SIZE> {
    #[inline(always)]
    fn read32(&self, offset: usize) -> u32 {
        crate::io::Io::read32(self, offset)
    }

    #[inline(always)]
    fn write32(&self, value: u32, offset: usize) {
        crate::io::Io::write32(self, value, offset)
    }

    #[inline(always)]
    fn try_read32(&self, offset: usize) -> crate::error::Result<u32> {
        crate::io::Io::try_read32(self, offset)
    }

    #[inline(always)]
    fn try_write32(&self, value: u32, offset: usize) -> crate::error::Result {
        crate::io::Io::try_write32(self, value, offset)
    }
}

/// Checks of a field, at compile time; not for direct use.
#[doc(hidden)]
pub const fn check_field(hi: u32, lo: u32, type_bits: u32, is_bool: bool) {
    if hi > 31 {
        panic!("register!: a field ends past bit 31 of its 32-bit register");
    }
    if hi < lo {
        panic!("register!: a field's high bit is below its low bit (write HI:LO)");
    }
    if is_bool && hi != lo {
        panic!("register!: a bool field is one bit wide");
    }
    if hi - lo + 1 > type_bits {
        panic!("register!: a field is wider than its type");
    }
}

/// The mask of bits `hi..=lo` of a 32-bit register; not for direct use.
#[doc(hidden)]
pub const fn field_mask(hi: u32, lo: u32) -> u32 {
    // A field `check_field` refuses has no mask (its error is reported).
    if hi > 31 || lo > hi {
        return 0;
    }
    (u32::MAX >> (31 - hi)) & (u32::MAX << lo)
}

/// The width in bits of a field's type: `bool` is one bit.
#[doc(hidden)]
#[macro_export]
macro_rules! __register_type_bits {
    (bool) => {
        1
    };
    ($type:ty) => {
        <$type>::BITS
    };
}

/// Defines a type for a 32-bit register and its fields: see
/// [`kernel::register`](mod@crate::register) for the syntax and an example.
#[macro_export]
macro_rules! register {
    // Fixed offset.
    ($name:ident @ $offset:literal $(($access:ident))? $(, $comment:literal)? { $($fields:tt)* }) => {
        $crate::register!(@common $name $(, $comment)?);
        $crate::register!(@fields $name { $($fields)* });
        $crate::register!(@io fixed $name @ $offset, [$($access)?]);
    };
    // Relative to a base given at run time.
    ($name:ident @ + $offset:literal $(($access:ident))? $(, $comment:literal)? { $($fields:tt)* }) => {
        $crate::register!(@common $name $(, $comment)?);
        $crate::register!(@fields $name { $($fields)* });
        $crate::register!(@io relative $name @ $offset, [$($access)?]);
    };
    // Another view of a fixed register.
    ($name:ident => $alias:ident $(($access:ident))? $(, $comment:literal)? { $($fields:tt)* }) => {
        $crate::register!(@common $name $(, $comment)?);
        $crate::register!(@fields $name { $($fields)* });
        $crate::register!(@io fixed $name @ $alias::OFFSET, [$($access)?]);
    };
    // Another view of a relative register.
    ($name:ident => + $alias:ident $(($access:ident))? $(, $comment:literal)? { $($fields:tt)* }) => {
        $crate::register!(@common $name $(, $comment)?);
        $crate::register!(@fields $name { $($fields)* });
        $crate::register!(@io relative $name @ $alias::OFFSET, [$($access)?]);
    };

    (@common $name:ident $(, $comment:literal)?) => {
        $(#[doc = $comment])?
        #[repr(transparent)]
        #[derive(Clone, Copy, Default, PartialEq, Eq)]
        #[allow(non_camel_case_types)]
        pub(crate) struct $name(u32);

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!($name)).field(&::core::format_args!("{:#x}", self.0)).finish()
            }
        }

        impl ::core::ops::BitOr for $name {
            type Output = Self;

            fn bitor(self, rhs: Self) -> Self {
                Self(self.0 | rhs.0)
            }
        }

        impl ::core::convert::From<$name> for u32 {
            fn from(reg: $name) -> u32 {
                reg.0
            }
        }

        impl ::core::convert::From<u32> for $name {
            fn from(value: u32) -> $name {
                $name(value)
            }
        }
    };

    (@fields $name:ident {
        $($hi:tt:$lo:tt $field:ident as $type:tt $(?=> $try_into:ty)? $(=> $into:ty)? $(, $comment:literal)?;)*
    }) => {
        $(
            const _: () = $crate::register::check_field(
                $hi, $lo, $crate::__register_type_bits!($type), $crate::register!(@is_bool $type),
            );
        )*
        #[allow(dead_code)]
        impl $name {
            $(
                $crate::register!(@field $name $hi:$lo $field as $type $(?=> $try_into)? $(=> $into)? $(, $comment)?);
            )*
        }
    };

    // A bool field: `as bool`, or `as bool => T`.
    (@field $name:ident $hi:tt:$lo:tt $field:ident as bool $(=> $into:ty)? $(, $comment:literal)?) => {
        $crate::register!(@leaf $name $hi:$lo $field, bool, [$($into)?],
            |f: u32| f != 0, $(, $comment)?);
    };
    // `as u8 ?=> T`
    (@field $name:ident $hi:tt:$lo:tt $field:ident as $type:tt ?=> $try_into:ty $(, $comment:literal)?) => {
        $crate::macros::paste! {
            $crate::register!(@consts $name $hi:$lo $field, $type);
            $(#[doc = $comment])?
            #[inline]
            pub(crate) fn $field(self) -> ::core::result::Result<$try_into, <$try_into as ::core::convert::TryFrom<$type>>::Error> {
                <$try_into as ::core::convert::TryFrom<$type>>::try_from(
                    ((self.0 & Self::[<$field:upper _MASK>]) >> Self::[<$field:upper _SHIFT>]) as $type,
                )
            }
            $crate::register!(@setter $name $field, $try_into, $(, $comment)?);
        }
    };
    // `as u8 => T`
    (@field $name:ident $hi:tt:$lo:tt $field:ident as $type:tt => $into:ty $(, $comment:literal)?) => {
        $crate::register!(@leaf $name $hi:$lo $field, $type, [$into],
            |f: u32| f as $type, $(, $comment)?);
    };
    // `as u8`
    (@field $name:ident $hi:tt:$lo:tt $field:ident as $type:tt $(, $comment:literal)?) => {
        $crate::register!(@leaf $name $hi:$lo $field, $type, [],
            |f: u32| f as $type, $(, $comment)?);
    };

    // The constants, getter and setter of a field seen as `$type` or, when
    // given, as `$into` (`From<$type>`).
    (@leaf $name:ident $hi:tt:$lo:tt $field:ident, $type:tt, [$($into:ty)?], $raw:expr, $(, $comment:literal)?) => {
        $crate::macros::paste! {
            $crate::register!(@consts $name $hi:$lo $field, $type);
            $(#[doc = $comment])?
            #[inline]
            pub(crate) fn $field(self) -> $crate::register!(@view $type $(, $into)?) {
                let raw: $type = ($raw)((self.0 & Self::[<$field:upper _MASK>]) >> Self::[<$field:upper _SHIFT>]);
                ::core::convert::From::from(raw)
            }
            $crate::register!(@setter $name $field, $crate::register!(@view $type $(, $into)?), $(, $comment)?);
        }
    };
    (@view $type:tt) => { $type };
    (@view $type:tt, $into:ty) => { $into };

    (@consts $name:ident $hi:tt:$lo:tt $field:ident, $type:tt) => {
        $crate::macros::paste! {
            #[doc = ::core::concat!("The bits of `", ::core::stringify!($field), "`: ", ::core::stringify!($hi), ":", ::core::stringify!($lo), ".")]
            pub(crate) const [<$field:upper _RANGE>]: ::core::ops::RangeInclusive<u8> = $lo..=$hi;
            #[doc = ::core::concat!("The mask of `", ::core::stringify!($field), "`.")]
            pub(crate) const [<$field:upper _MASK>]: u32 = $crate::register::field_mask($hi, $lo);
            #[doc = ::core::concat!("The shift of `", ::core::stringify!($field), "`.")]
            pub(crate) const [<$field:upper _SHIFT>]: u32 = $lo;
        }
    };
    (@is_bool bool) => { true };
    (@is_bool $type:tt) => { false };

    (@setter $name:ident $field:ident, $value:ty, $(, $comment:literal)?) => {
        $crate::macros::paste! {
            $(#[doc = $comment])?
            #[inline]
            #[must_use = "a setter returns the new value; the register is written with `write`"]
            pub(crate) fn [<set_ $field>](mut self, value: $value) -> Self {
                let value = (u32::from(value) << Self::[<$field:upper _SHIFT>]) & Self::[<$field:upper _MASK>];
                self.0 = (self.0 & !Self::[<$field:upper _MASK>]) | value;
                self
            }
        }
    };

    (@io fixed $name:ident @ $offset:expr, [$($access:ident)?]) => {
        #[allow(dead_code)]
        impl $name {
            /// The register's offset in its region.
            pub(crate) const OFFSET: usize = $offset;
        }
        $crate::register!(@access fixed $name, [$($access)?]);
    };
    (@io relative $name:ident @ $offset:expr, [$($access:ident)?]) => {
        #[allow(dead_code)]
        impl $name {
            /// The register's offset from its base.
            pub(crate) const OFFSET: usize = $offset;
        }
        $crate::register!(@access relative $name, [$($access)?]);
    };

    (@access $kind:ident $name:ident, []) => {
        $crate::register!(@read $kind $name);
        $crate::register!(@write $kind $name);
        $crate::register!(@update $kind $name);
    };
    (@access $kind:ident $name:ident, [ro]) => {
        $crate::register!(@read $kind $name);
    };
    (@access $kind:ident $name:ident, [wo]) => {
        $crate::register!(@write $kind $name);
    };

    (@read fixed $name:ident) => {
        #[allow(dead_code)]
        impl $name {
            /// Reads the register.
            #[inline(always)]
            pub(crate) fn read<T, I>(io: &T) -> Self
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                Self(io.read32(Self::OFFSET))
            }

            /// Reads the register, its offset checked at run time.
            #[inline]
            pub(crate) fn try_read<T, I>(io: &T) -> $crate::error::Result<Self>
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                io.try_read32(Self::OFFSET).map(Self)
            }
        }
    };
    (@read relative $name:ident) => {
        #[allow(dead_code)]
        impl $name {
            /// Reads the register of the unit at `base`.
            #[inline(always)]
            pub(crate) fn read<T, I>(io: &T, base: usize) -> Self
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                Self(io.read32(base + Self::OFFSET))
            }

            /// Reads the register of the unit at `base`, checked at run time.
            #[inline]
            pub(crate) fn try_read<T, I>(io: &T, base: usize) -> $crate::error::Result<Self>
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                let offset = base.checked_add(Self::OFFSET).ok_or($crate::error::code::EINVAL)?;
                io.try_read32(offset).map(Self)
            }
        }
    };
    (@write fixed $name:ident) => {
        #[allow(dead_code)]
        impl $name {
            /// Writes the register.
            #[inline(always)]
            pub(crate) fn write<T, I>(self, io: &T)
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                io.write32(self.0, Self::OFFSET)
            }

            /// Writes the register, its offset checked at run time.
            #[inline]
            pub(crate) fn try_write<T, I>(self, io: &T) -> $crate::error::Result
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                io.try_write32(self.0, Self::OFFSET)
            }
        }
    };
    (@write relative $name:ident) => {
        #[allow(dead_code)]
        impl $name {
            /// Writes the register of the unit at `base`.
            #[inline(always)]
            pub(crate) fn write<T, I>(self, io: &T, base: usize)
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                io.write32(self.0, base + Self::OFFSET)
            }

            /// Writes the register of the unit at `base`, checked at run time.
            #[inline]
            pub(crate) fn try_write<T, I>(self, io: &T, base: usize) -> $crate::error::Result
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
            {
                let offset = base.checked_add(Self::OFFSET).ok_or($crate::error::code::EINVAL)?;
                io.try_write32(self.0, offset)
            }
        }
    };
    (@update fixed $name:ident) => {
        #[allow(dead_code)]
        impl $name {
            /// Reads the register, changes it with `f` and writes it back.
            #[inline]
            pub(crate) fn update<T, I, F>(io: &T, f: F)
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
                F: ::core::ops::FnOnce(Self) -> Self,
            {
                f(Self::read(io)).write(io)
            }

            /// [`update`](Self::update), under Nova's older name.
            #[inline]
            pub(crate) fn alter<T, I, F>(io: &T, f: F)
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
                F: ::core::ops::FnOnce(Self) -> Self,
            {
                Self::update(io, f)
            }
        }
    };
    (@update relative $name:ident) => {
        #[allow(dead_code)]
        impl $name {
            /// Reads the register of the unit at `base`, changes it with `f`
            /// and writes it back.
            #[inline]
            pub(crate) fn update<T, I, F>(io: &T, base: usize, f: F)
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
                F: ::core::ops::FnOnce(Self) -> Self,
            {
                f(Self::read(io, base)).write(io, base)
            }

            /// [`update`](Self::update), under Nova's older name.
            #[inline]
            pub(crate) fn alter<T, I, F>(io: &T, base: usize, f: F)
            where
                T: ::core::ops::Deref<Target = I>,
                I: $crate::register::RegisterIo + ?Sized,
                F: ::core::ops::FnOnce(Self) -> Self,
            {
                Self::update(io, base, f)
            }
        }
    };
}
