//! Memory-mapped I/O: [`IoRaw`], a mapped range, and [`Io`], its accessors,
//! as Linux 6.18 has them.
//!
//! `Io<SIZE>` knows at build time that at least `SIZE` bytes are mapped: an
//! access at a constant offset inside `SIZE` (`read32(0x4)`) costs no check
//! at run time, and one outside it fails the build (see
//! [`build_assert!`](crate::build_assert!)). An offset known only at run time
//! goes through the `try_` accessors, checked against the size actually
//! mapped, which fail with `EINVAL`. Accesses must be aligned to their width.
//!
//! The plain accessors order themselves with other memory accesses as C's
//! `readl`/`writel` do; the `_relaxed` ones as `readl_relaxed`.
//!
//! Each accessor is the one instruction x86's `readl` and its kin are
//! (`arch/x86/include/asm/io.h`), inlined into the driver: C's accessors
//! are `static inline`, and a call to a C shim per access would cost a
//! driver in Rust what it does not cost one in C.

use crate::error::{code::EINVAL, Result};

pub mod mem;
pub mod resource;

/// x86's MMIO accessors: one `mov` of the access's width each. Like C's,
/// each is also a compiler barrier (the assembly is not `nomem`, so the
/// compiler assumes it reads and writes memory, as C's `"memory"` clobber
/// says); x86 itself orders MMIO with other memory accesses. C's relaxed
/// accessors differ from the plain ones only in that barrier, which krust
/// keeps for both: it constrains the compiler, never the CPU.
mod mmio {
    macro_rules! mmio_read {
        ($name:ident, $type:ty, $class:ident, $insn:literal) => {
            /// One read of the access's width at `addr`.
            ///
            /// # Safety
            ///
            /// `addr` is mapped I/O memory, aligned to the width.
            #[inline(always)]
            pub(super) unsafe fn $name(addr: usize) -> $type {
                let value: $type;
                // SAFETY: `addr` is mapped and aligned (the caller's
                // guarantee); the instruction touches nothing else.
                unsafe { core::arch::asm!($insn, out($class) value, in(reg) addr, options(nostack, preserves_flags)) };
                value
            }
        };
    }

    macro_rules! mmio_write {
        ($name:ident, $type:ty, $class:ident, $insn:literal) => {
            /// One write of the access's width at `addr`.
            ///
            /// # Safety
            ///
            /// `addr` is mapped I/O memory, aligned to the width.
            #[inline(always)]
            pub(super) unsafe fn $name(value: $type, addr: usize) {
                // SAFETY: `addr` is mapped and aligned (the caller's
                // guarantee); the instruction touches nothing else.
                unsafe { core::arch::asm!($insn, in($class) value, in(reg) addr, options(nostack, preserves_flags)) };
            }
        };
    }

    mmio_read!(readb, u8, reg_byte, "mov {0}, byte ptr [{1}]");
    mmio_read!(readw, u16, reg, "mov {0:x}, word ptr [{1}]");
    mmio_read!(readl, u32, reg, "mov {0:e}, dword ptr [{1}]");
    mmio_read!(readq, u64, reg, "mov {0:r}, qword ptr [{1}]");
    mmio_write!(writeb, u8, reg_byte, "mov byte ptr [{1}], {0}");
    mmio_write!(writew, u16, reg, "mov word ptr [{1}], {0:x}");
    mmio_write!(writel, u32, reg, "mov dword ptr [{1}], {0:e}");
    mmio_write!(writeq, u64, reg, "mov qword ptr [{1}], {0:r}");

    pub(super) use self::{readb as readb_relaxed, readl as readl_relaxed, readq as readq_relaxed, readw as readw_relaxed};
    pub(super) use self::{
        writeb as writeb_relaxed, writel as writel_relaxed, writeq as writeq_relaxed, writew as writew_relaxed,
    };
}

/// A physical address, C's `phys_addr_t`.
pub type PhysAddr = bindings::phys_addr_t;

/// A resource's size, C's `resource_size_t`.
pub type ResourceSize = bindings::resource_size_t;

/// A mapped I/O range: its address and size, with at least `SIZE` bytes
/// known at build time. It only carries the numbers; whoever maps the range
/// makes an [`Io`] of it.
///
/// # Invariants
///
/// `maxsize >= SIZE`.
pub struct IoRaw<const SIZE: usize = 0> {
    addr: usize,
    maxsize: usize,
}

impl<const SIZE: usize> IoRaw<SIZE> {
    /// The range of `maxsize` bytes at `addr`; `EINVAL` when `maxsize` is
    /// below `SIZE`.
    pub fn new(addr: usize, maxsize: usize) -> Result<Self> {
        if maxsize < SIZE {
            return Err(EINVAL);
        }
        // INVARIANT: just checked.
        Ok(Self { addr, maxsize })
    }

    /// The address of the range.
    pub fn addr(&self) -> usize {
        self.addr
    }

    /// The size of the range.
    pub fn maxsize(&self) -> usize {
        self.maxsize
    }
}

/// Accessors of a mapped I/O range of at least `SIZE` bytes.
///
/// Made only by whoever mapped the range ([`Io::from_raw`]); a bus gives
/// drivers one behind its own type (`pci::Bar<SIZE>` derefs to it).
///
/// ```ignore
/// fn reset(bar: &Io<0x10>, n: usize) -> Result {
///     bar.write8(1, 0x0);              // checked when building
///     let count = bar.read32(0xc);
///     bar.try_write8(0, n)?;           // checked when running: EINVAL
///     Ok(())
/// }
/// ```
///
/// # Invariants
///
/// `[addr, addr + maxsize)` is mapped I/O memory, valid for accesses of
/// every width while the `Io` lives.
#[repr(transparent)]
pub struct Io<const SIZE: usize = 0>(IoRaw<SIZE>);

macro_rules! define_read {
    ($(#[$attr:meta])* $name:ident, $try_name:ident, $c_fn:ident -> $type:ty) => {
        /// Reads at `offset`, known in range at build time: an offset the
        /// compiler cannot prove inside `SIZE` (and aligned) fails the build.
        $(#[$attr])*
        #[inline]
        pub fn $name(&self, offset: usize) -> $type {
            let addr = self.io_addr_assert::<$type>(offset);
            // SAFETY: `addr` is inside the mapped range and aligned (the
            // type invariant and the build-time check).
            unsafe { mmio::$c_fn(addr) }
        }

        /// Reads at `offset`, checked when running: `EINVAL` outside the
        /// mapped range or unaligned.
        $(#[$attr])*
        pub fn $try_name(&self, offset: usize) -> Result<$type> {
            let addr = self.io_addr::<$type>(offset)?;
            // SAFETY: `addr` is inside the mapped range and aligned (the
            // type invariant and the check just made).
            Ok(unsafe { mmio::$c_fn(addr) })
        }
    };
}

macro_rules! define_write {
    ($(#[$attr:meta])* $name:ident, $try_name:ident, $c_fn:ident <- $type:ty) => {
        /// Writes `value` at `offset`, known in range at build time: an
        /// offset the compiler cannot prove inside `SIZE` (and aligned)
        /// fails the build.
        $(#[$attr])*
        #[inline]
        pub fn $name(&self, value: $type, offset: usize) {
            let addr = self.io_addr_assert::<$type>(offset);
            // SAFETY: `addr` is inside the mapped range and aligned (the
            // type invariant and the build-time check).
            unsafe { mmio::$c_fn(value, addr) }
        }

        /// Writes `value` at `offset`, checked when running: `EINVAL`
        /// outside the mapped range or unaligned.
        $(#[$attr])*
        pub fn $try_name(&self, value: $type, offset: usize) -> Result {
            let addr = self.io_addr::<$type>(offset)?;
            // SAFETY: `addr` is inside the mapped range and aligned (the
            // type invariant and the check just made).
            unsafe { mmio::$c_fn(value, addr) };
            Ok(())
        }
    };
}

impl<const SIZE: usize> Io<SIZE> {
    /// The accessors of the range `raw` describes.
    ///
    /// # Safety
    ///
    /// `raw` is mapped I/O memory, valid for accesses while the returned
    /// reference lives.
    pub unsafe fn from_raw(raw: &IoRaw<SIZE>) -> &Self {
        // INVARIANT: mapped for the reference's lifetime (the caller's guarantee).
        // SAFETY: `Io` is a transparent wrapper of `IoRaw`.
        unsafe { &*(raw as *const IoRaw<SIZE>).cast::<Self>() }
    }

    /// The address of the range.
    #[inline]
    pub fn addr(&self) -> usize {
        self.0.addr()
    }

    /// The size of the range, as mapped (at least `SIZE`).
    #[inline]
    pub fn maxsize(&self) -> usize {
        self.0.maxsize()
    }

    /// Whether an access of a `U` at `offset` lies inside `size` bytes and
    /// is aligned to its width.
    #[inline]
    const fn offset_valid<U>(offset: usize, size: usize) -> bool {
        let width = core::mem::size_of::<U>();
        match offset.checked_add(width) {
            Some(end) => end <= size && offset % width == 0,
            None => false,
        }
    }

    #[inline]
    fn io_addr<U>(&self, offset: usize) -> Result<usize> {
        if !Self::offset_valid::<U>(offset, self.maxsize()) {
            return Err(EINVAL);
        }
        // No overflow: the access lies in the mapped range (just checked),
        // which fits the address space. `wrapping_add` says so to the
        // compiler, which then needs no overflow check.
        Ok(self.addr().wrapping_add(offset))
    }

    #[inline(always)]
    fn io_addr_assert<U>(&self, offset: usize) -> usize {
        crate::build_assert!(Self::offset_valid::<U>(offset, SIZE), "I/O offset out of range or unaligned");
        // No overflow, as in `io_addr`.
        self.addr().wrapping_add(offset)
    }

    define_read!(read8, try_read8, readb -> u8);
    define_read!(read16, try_read16, readw -> u16);
    define_read!(read32, try_read32, readl -> u32);
    define_read!(
        #[cfg(CONFIG_64BIT)]
        read64,
        try_read64,
        readq -> u64
    );

    define_read!(read8_relaxed, try_read8_relaxed, readb_relaxed -> u8);
    define_read!(read16_relaxed, try_read16_relaxed, readw_relaxed -> u16);
    define_read!(read32_relaxed, try_read32_relaxed, readl_relaxed -> u32);
    define_read!(
        #[cfg(CONFIG_64BIT)]
        read64_relaxed,
        try_read64_relaxed,
        readq_relaxed -> u64
    );

    define_write!(write8, try_write8, writeb <- u8);
    define_write!(write16, try_write16, writew <- u16);
    define_write!(write32, try_write32, writel <- u32);
    define_write!(
        #[cfg(CONFIG_64BIT)]
        write64,
        try_write64,
        writeq <- u64
    );

    define_write!(write8_relaxed, try_write8_relaxed, writeb_relaxed <- u8);
    define_write!(write16_relaxed, try_write16_relaxed, writew_relaxed <- u16);
    define_write!(write32_relaxed, try_write32_relaxed, writel_relaxed <- u32);
    define_write!(
        #[cfg(CONFIG_64BIT)]
        write64_relaxed,
        try_write64_relaxed,
        writeq_relaxed <- u64
    );
}
