//! Direct memory access, as Linux 6.18's `kernel::dma` has it: the
//! addressing limits of a device ([`DmaMask`], the [`Device`] trait), memory
//! the CPU and a device share ([`CoherentAllocation`], read and written with
//! [`dma_read!`](crate::dma_read) and [`dma_write!`](crate::dma_write)), and
//! the direction of a transfer ([`DataDirection`]).
//!
//! The streaming mapping of 6.18 is [`SGTable`](crate::scatterlist::SGTable):
//! memory of the driver's own, mapped for the device for as long as the
//! table lives, and never past the device's unbind.
//!
//! A [`CoherentAllocation`] holds a count on the device, not its binding:
//! the memory stays the driver's after an unbind (a file may still read
//! it), as in 6.18. The device must no longer write to it by then; a driver
//! stops its DMA engine before it lets its device go.

use core::mem::size_of;
use core::ptr::NonNull;

use crate::device::{self, Bound, Core};
use crate::error::{code::*, to_result, Result};
use crate::transmute::{AsBytes, FromBytes};
use crate::types::ARef;

/// A bus address a device uses for DMA: C's `dma_addr_t`.
pub type DmaAddress = bindings::dma_addr_t;

/// The DMA set-up of a device on a bus that can do DMA, implemented by the
/// bus's device type ([`pci::Device`](crate::pci::Device)).
///
/// A driver calls these in `probe`, once it knows what its device can
/// address; they are `unsafe`, as in 6.18, because the masks are plain
/// fields of the C device that every DMA allocation and mapping reads.
pub trait Device: AsRef<device::Device<Core>> {
    /// Sets the mask of the addresses the device reaches with streaming DMA.
    ///
    /// # Safety
    ///
    /// No DMA allocation or mapping for this device (such as
    /// [`CoherentAllocation::alloc_attrs`]) runs at the same time.
    unsafe fn dma_set_mask(&self, mask: DmaMask) -> Result {
        // SAFETY: the device is valid (the type invariant of
        // `device::Device`); nothing reads the mask meanwhile (the caller's
        // guarantee).
        to_result(unsafe { bindings::dma_set_mask(self.as_ref().as_raw(), mask.value()) })
    }

    /// Sets the mask of the addresses the device reaches in coherent memory.
    ///
    /// # Safety
    ///
    /// As for [`dma_set_mask`](Self::dma_set_mask).
    unsafe fn dma_set_coherent_mask(&self, mask: DmaMask) -> Result {
        // SAFETY: as in `dma_set_mask`.
        to_result(unsafe { bindings::dma_set_coherent_mask(self.as_ref().as_raw(), mask.value()) })
    }

    /// Sets both masks to `mask`.
    ///
    /// # Safety
    ///
    /// As for [`dma_set_mask`](Self::dma_set_mask).
    unsafe fn dma_set_mask_and_coherent(&self, mask: DmaMask) -> Result {
        // SAFETY: as in `dma_set_mask`.
        to_result(unsafe { bindings::dma_set_mask_and_coherent(self.as_ref().as_raw(), mask.value()) })
    }
}

#[cfg(CONFIG_PCI)]
impl Device for crate::pci::Device<Core> {}

/// A DMA mask: the lowest `n` bits set, `n` at most 64 (C's
/// `DMA_BIT_MASK(n)`).
///
/// # Examples
///
/// ```
/// use kernel::dma::DmaMask;
///
/// assert_eq!(DmaMask::new::<28>().value(), 0x0fff_ffff);
/// assert_eq!(DmaMask::new::<64>().value(), u64::MAX);
/// assert_eq!(DmaMask::try_new(0)?.value(), 0);
/// assert!(DmaMask::try_new(65).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DmaMask(u64);

impl DmaMask {
    /// The mask of the lowest `N` bits; an `N` above 64 does not compile.
    #[inline]
    pub const fn new<const N: u32>() -> Self {
        const { assert!(N <= 64, "a DMA mask has at most 64 bits") };
        match Self::try_new(N) {
            Ok(mask) => mask,
            Err(_) => DmaMask(u64::MAX),
        }
    }

    /// The mask of the lowest `n` bits; `EINVAL` for an `n` above 64.
    #[inline]
    pub const fn try_new(n: u32) -> Result<Self> {
        match n {
            0 => Ok(DmaMask(0)),
            1..=64 => Ok(DmaMask(u64::MAX >> (64 - n))),
            _ => Err(EINVAL),
        }
    }

    /// The mask as C takes it.
    #[inline]
    pub const fn value(&self) -> u64 {
        self.0
    }
}

/// Attributes of a DMA allocation or mapping (C's `DMA_ATTR_*`), combined
/// with `|`, `&` and `!`; the values are in [`attrs`].
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct Attrs(u32);

impl Attrs {
    /// The value C takes.
    pub(crate) fn as_raw(self) -> core::ffi::c_ulong {
        self.0 as core::ffi::c_ulong
    }

    /// Whether every attribute of `flags` is in `self`.
    pub fn contains(self, flags: Attrs) -> bool {
        self.0 & flags.0 == flags.0
    }
}

impl core::ops::BitOr for Attrs {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Attrs(self.0 | rhs.0)
    }
}

impl core::ops::BitAnd for Attrs {
    type Output = Self;
    fn bitand(self, rhs: Self) -> Self {
        Attrs(self.0 & rhs.0)
    }
}

impl core::ops::Not for Attrs {
    type Output = Self;
    fn not(self) -> Self {
        Attrs(!self.0)
    }
}

/// The DMA attributes, as `include/linux/dma-mapping.h` defines them.
pub mod attrs {
    use super::Attrs;

    /// Reads and writes of the mapping may pass each other.
    pub const DMA_ATTR_WEAK_ORDERING: Attrs = Attrs(bindings::DMA_ATTR_WEAK_ORDERING as u32);
    /// Writes to the mapping may be buffered.
    pub const DMA_ATTR_WRITE_COMBINE: Attrs = Attrs(bindings::DMA_ATTR_WRITE_COMBINE as u32);
    /// No kernel virtual mapping of the buffer is needed.
    pub const DMA_ATTR_NO_KERNEL_MAPPING: Attrs = Attrs(bindings::DMA_ATTR_NO_KERNEL_MAPPING as u32);
    /// The CPU caches need no synchronisation: the buffer is the device's already.
    pub const DMA_ATTR_SKIP_CPU_SYNC: Attrs = Attrs(bindings::DMA_ATTR_SKIP_CPU_SYNC as u32);
    /// The buffer is physically contiguous.
    pub const DMA_ATTR_FORCE_CONTIGUOUS: Attrs = Attrs(bindings::DMA_ATTR_FORCE_CONTIGUOUS as u32);
    /// Single pages will do, whatever the TLB thinks.
    pub const DMA_ATTR_ALLOC_SINGLE_PAGES: Attrs = Attrs(bindings::DMA_ATTR_ALLOC_SINGLE_PAGES as u32);
    /// A failed allocation is not reported (as `__GFP_NOWARN`).
    pub const DMA_ATTR_NO_WARN: Attrs = Attrs(bindings::DMA_ATTR_NO_WARN as u32);
    /// The buffer is fully accessible at an elevated privilege level only.
    pub const DMA_ATTR_PRIVILEGED: Attrs = Attrs(bindings::DMA_ATTR_PRIVILEGED as u32);
}

/// The direction of a DMA transfer: C's `enum dma_data_direction`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum DataDirection {
    /// Both ways: the device reads and writes the buffer.
    Bidirectional = bindings::dma_data_direction_DMA_BIDIRECTIONAL as u32,
    /// Memory to device: the device reads what the CPU wrote.
    ToDevice = bindings::dma_data_direction_DMA_TO_DEVICE as u32,
    /// Device to memory: the CPU reads what the device wrote.
    FromDevice = bindings::dma_data_direction_DMA_FROM_DEVICE as u32,
    /// No transfer (for debugging).
    None = bindings::dma_data_direction_DMA_NONE as u32,
}

impl From<DataDirection> for bindings::dma_data_direction {
    fn from(direction: DataDirection) -> Self {
        direction as u32 as bindings::dma_data_direction
    }
}

/// Memory that the CPU and a device share without synchronisation calls:
/// `count` values of `T`, from C's `dma_alloc_attrs`, freed when dropped.
///
/// The device may read and write it at any time, so Rust never makes a
/// reference into it outside an `unsafe` contract: the safe accesses are
/// single volatile reads and writes of a field, [`dma_read!`](crate::dma_read) and
/// [`dma_write!`](crate::dma_write).
///
/// # Examples
///
/// ```ignore
/// use kernel::dma::CoherentAllocation;
///
/// fn fill(dev: &kernel::device::Device<kernel::device::Bound>) -> Result {
///     let buf = CoherentAllocation::<u32>::alloc_coherent(dev, 4, GFP_KERNEL)?;
///     kernel::dma_write!(buf[2] = 0xcafe)?;
///     assert_eq!(kernel::dma_read!(buf[2])?, 0xcafe);
///     Ok(())
/// }
/// ```
///
/// # Invariants
///
/// `cpu_addr` points to `count * size_of::<T>()` bytes (which fit in an
/// `isize`) of coherent memory allocated for `dev` with `dma_attrs`, at the
/// bus address `dma_handle`, until the value is dropped; `dev` holds a count
/// on the device.
pub struct CoherentAllocation<T: AsBytes + FromBytes> {
    dev: ARef<device::Device>,
    dma_handle: DmaAddress,
    count: usize,
    cpu_addr: NonNull<T>,
    dma_attrs: Attrs,
}

impl<T: AsBytes + FromBytes> CoherentAllocation<T> {
    /// Allocates coherent memory for `count` values of `T` for `dev`, with
    /// the attributes `dma_attrs`; its content is zeroes if the caller
    /// passes `__GFP_ZERO` (the x86 allocator zeroes it anyway).
    pub fn alloc_attrs(
        dev: &device::Device<Bound>,
        count: usize,
        gfp_flags: crate::alloc::Flags,
        dma_attrs: Attrs,
    ) -> Result<CoherentAllocation<T>> {
        const { assert!(size_of::<T>() > 0, "a coherent allocation of a zero-sized type") };
        let size = count.checked_mul(size_of::<T>()).ok_or(EOVERFLOW)?;
        if size == 0 || size > isize::MAX as usize {
            return Err(EINVAL);
        }
        let mut dma_handle: DmaAddress = 0;
        // SAFETY: the device is valid and bound (the type invariant of
        // `Device<Bound>`); `dma_handle` is a valid place to write to.
        let ret = unsafe {
            bindings::dma_alloc_attrs(dev.as_raw(), size, &mut dma_handle, gfp_flags.as_raw(), dma_attrs.as_raw())
        };
        let cpu_addr = NonNull::new(ret.cast::<T>()).ok_or(ENOMEM)?;
        // INVARIANT: the allocation succeeded, for `size` bytes at
        // `cpu_addr` and `dma_handle`; `dev.into()` takes a count.
        Ok(CoherentAllocation { dev: dev.into(), dma_handle, count, cpu_addr, dma_attrs })
    }

    /// [`alloc_attrs`](Self::alloc_attrs) without attributes.
    pub fn alloc_coherent(
        dev: &device::Device<Bound>,
        count: usize,
        gfp_flags: crate::alloc::Flags,
    ) -> Result<CoherentAllocation<T>> {
        Self::alloc_attrs(dev, count, gfp_flags, Attrs(0))
    }

    /// How many values of `T` the allocation holds.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Its size in bytes.
    pub fn size(&self) -> usize {
        // No overflow: checked at the allocation (the type invariant).
        self.count * size_of::<T>()
    }

    /// The CPU address of the first value.
    pub fn start_ptr(&self) -> *const T {
        self.cpu_addr.as_ptr()
    }

    /// The CPU address of the first value, for writing.
    pub fn start_ptr_mut(&mut self) -> *mut T {
        self.cpu_addr.as_ptr()
    }

    /// The bus address of the first value: what the device is given.
    pub fn dma_handle(&self) -> DmaAddress {
        self.dma_handle
    }

    /// The bus address of the value at `offset`; `EINVAL` past the end.
    pub fn dma_handle_with_offset(&self, offset: usize) -> Result<DmaAddress> {
        if offset >= self.count {
            return Err(EINVAL);
        }
        // No overflow: `offset * size_of::<T>()` is below the size, and the
        // allocation's bus addresses do not wrap; `wrapping_add` says so to
        // the compiler, which then needs no overflow check.
        Ok(self.dma_handle.wrapping_add((offset * size_of::<T>()) as DmaAddress))
    }

    /// `EOVERFLOW` unless `count` values from `offset` are in the allocation.
    fn validate_range(&self, offset: usize, count: usize) -> Result {
        match offset.checked_add(count) {
            Some(end) if end <= self.count => Ok(()),
            _ => Err(EOVERFLOW),
        }
    }

    /// The address of the `count` bytes from byte `offset`, for copies that
    /// never borrow them; `EOVERFLOW` unless they are in the allocation.
    pub(crate) fn byte_range(&self, offset: usize, count: usize) -> Result<*mut u8> {
        match offset.checked_add(count) {
            Some(end) if end <= self.size() => {}
            _ => return Err(EOVERFLOW),
        }
        // SAFETY: `offset` is at most the size, so the result is in the
        // allocation or just past its end (the type invariant).
        Ok(unsafe { self.cpu_addr.as_ptr().cast::<u8>().add(offset) })
    }

    /// The `count` values from `offset`, borrowed.
    ///
    /// # Safety
    ///
    /// While the slice lives, the device does not write to these values,
    /// and nothing else writes to them.
    pub unsafe fn as_slice(&self, offset: usize, count: usize) -> Result<&[T]> {
        self.validate_range(offset, count)?;
        // SAFETY: the range is in the allocation (just checked; the type
        // invariant); no one writes to it while the slice lives (the
        // caller's guarantee); any bytes there are a `T` (`T: FromBytes`).
        Ok(unsafe { core::slice::from_raw_parts(self.cpu_addr.as_ptr().add(offset), count) })
    }

    /// The `count` values from `offset`, borrowed for writing.
    ///
    /// # Safety
    ///
    /// While the slice lives, the device does not read or write these
    /// values, and nothing else accesses them.
    pub unsafe fn as_slice_mut(&mut self, offset: usize, count: usize) -> Result<&mut [T]> {
        self.validate_range(offset, count)?;
        // SAFETY: as in `as_slice`, with no other access at all (the
        // caller's guarantee) and the unique borrow of `self`.
        Ok(unsafe { core::slice::from_raw_parts_mut(self.cpu_addr.as_ptr().add(offset), count) })
    }

    /// Copies `src` into the allocation from `offset`.
    ///
    /// # Safety
    ///
    /// During the copy, the device does not read or write these values,
    /// and nothing else accesses them.
    pub unsafe fn write(&mut self, src: &[T], offset: usize) -> Result {
        self.validate_range(offset, src.len())?;
        // SAFETY: the range is in the allocation (just checked), which does
        // not overlap `src` (a Rust borrow of other memory); no one else
        // accesses it (the caller's guarantee).
        unsafe { core::ptr::copy_nonoverlapping(src.as_ptr(), self.cpu_addr.as_ptr().add(offset), src.len()) };
        Ok(())
    }

    /// The address of the value at `offset`, for [`dma_read!`](crate::dma_read) and
    /// [`dma_write!`](crate::dma_write); `EINVAL` past the end.
    #[doc(hidden)]
    pub fn item_from_index(&self, offset: usize) -> Result<*mut T> {
        if offset >= self.count {
            return Err(EINVAL);
        }
        // SAFETY: `offset` is below `count`, so the result is in the
        // allocation (the type invariant).
        Ok(unsafe { self.cpu_addr.as_ptr().add(offset) })
    }

    /// Reads the field at `field` once, as a device may write it meanwhile.
    ///
    /// # Safety
    ///
    /// `field` points to a field of a value of this allocation, aligned for
    /// `F`.
    #[doc(hidden)]
    pub unsafe fn field_read<F: FromBytes>(&self, field: *const F) -> F {
        // A device may write the field at the same time: a volatile read,
        // which compiles to one load as C's `READ_ONCE` does, is the
        // kernel's way to read such memory.
        // SAFETY: `field` is in the allocation and aligned (the caller's
        // guarantee); any value read is an `F` (`F: FromBytes`).
        unsafe { field.read_volatile() }
    }

    /// Writes `val` to the field at `field` once.
    ///
    /// # Safety
    ///
    /// As for [`field_read`](Self::field_read).
    #[doc(hidden)]
    pub unsafe fn field_write<F: AsBytes>(&self, field: *mut F, val: F) {
        // SAFETY: as in `field_read`; the memory is the allocation's, which
        // C made writable and Rust never borrows outside an `unsafe`
        // contract.
        unsafe { field.write_volatile(val) }
    }
}

impl<T: AsBytes + FromBytes> Drop for CoherentAllocation<T> {
    fn drop(&mut self) {
        // SAFETY: the memory, its bus address, size and attributes are those
        // of the allocation for `self.dev` (the type invariant), freed once.
        unsafe {
            bindings::dma_free_attrs(
                self.dev.as_raw(),
                self.size(),
                self.cpu_addr.as_ptr().cast(),
                self.dma_handle,
                self.dma_attrs.as_raw(),
            )
        }
    }
}

// SAFETY: the allocation is memory of its own and a count on a device,
// both usable from any thread; the values are `Send`.
unsafe impl<T: AsBytes + FromBytes + Send> Send for CoherentAllocation<T> {}

/// Reads a field of a value in a [`CoherentAllocation`] once, as a device may
/// write it meanwhile: `dma_read!(alloc[i].field)` or `dma_read!(alloc[i])`,
/// a `Result` that is `EINVAL` for an index past the end.
#[macro_export]
macro_rules! dma_read {
    ($dma:expr, $idx:expr, $($field:tt)*) => {{
        (|| -> ::core::result::Result<_, $crate::error::Error> {
            let item = $crate::dma::CoherentAllocation::item_from_index(&$dma, $idx)?;
            // SAFETY: `item` is a value of the allocation (checked by
            // `item_from_index`), so the field the compiler finds in it is
            // inside the allocation and aligned.
            unsafe {
                let field = ::core::ptr::addr_of!((*item) $($field)*);
                ::core::result::Result::Ok($crate::dma::CoherentAllocation::field_read(&$dma, field))
            }
        })()
    }};
    ($dma:ident [ $idx:expr ] $($field:tt)*) => {
        $crate::dma_read!($dma, $idx, $($field)*)
    };
    ($($dma:ident).* [ $idx:expr ] $($field:tt)*) => {
        $crate::dma_read!($($dma).*, $idx, $($field)*)
    };
}

/// Writes a field of a value in a [`CoherentAllocation`] once:
/// `dma_write!(alloc[i].field = value)` or `dma_write!(alloc[i] = value)`,
/// a `Result` that is `EINVAL` for an index past the end.
#[macro_export]
macro_rules! dma_write {
    ($dma:ident [ $idx:expr ] $($field:tt)*) => {{
        $crate::dma_write!($dma, $idx, $($field)*)
    }};
    ($($dma:ident).* [ $idx:expr ] $($field:tt)*) => {{
        $crate::dma_write!($($dma).*, $idx, $($field)*)
    }};
    ($dma:expr, $idx:expr, = $val:expr) => {
        (|| -> ::core::result::Result<_, $crate::error::Error> {
            let item = $crate::dma::CoherentAllocation::item_from_index(&$dma, $idx)?;
            // SAFETY: `item` is a value of the allocation (checked by
            // `item_from_index`), aligned.
            unsafe { $crate::dma::CoherentAllocation::field_write(&$dma, item, $val) };
            ::core::result::Result::Ok(())
        })()
    };
    ($dma:expr, $idx:expr, $(.$field:ident)* = $val:expr) => {
        (|| -> ::core::result::Result<_, $crate::error::Error> {
            let item = $crate::dma::CoherentAllocation::item_from_index(&$dma, $idx)?;
            // SAFETY: `item` is a value of the allocation (checked by
            // `item_from_index`), so the field the compiler finds in it is
            // inside the allocation and aligned.
            unsafe {
                let field = ::core::ptr::addr_of_mut!((*item) $(.$field)*);
                $crate::dma::CoherentAllocation::field_write(&$dma, field, $val)
            };
            ::core::result::Result::Ok(())
        })()
    };
}
