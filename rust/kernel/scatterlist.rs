//! Scatter-gather tables, as Linux 6.18's `kernel::scatterlist` has them:
//! C's `struct sg_table`, a list of the physically contiguous pieces of a
//! buffer as a device sees them once the table is mapped for DMA.
//!
//! [`SGTable<Owned<P>>`](SGTable) is the streaming mapping of the crate: made
//! by [`SGTable::new`] from a buffer of the driver's (a
//! [`VVec`](crate::alloc::VVec), or anything [`AsPageIter`] with `vmalloc`
//! pages), it owns the buffer, the table and the mapping, which it unmaps
//! when dropped or when the device is unbound, whichever comes first (the
//! mapping lives in a [`Devres`]). A plain [`SGTable`] (`SGTable<Borrowed>`)
//! is a table someone else owns, seen through a reference. Either is
//! iterated for its entries ([`SGEntry`]: DMA address and length).

use core::ops::Deref;
use core::ptr::NonNull;

use crate::alloc::allocator::VmallocPageIter;
use crate::alloc::{Flags, KVec};
use crate::device::{Bound, Device};
use crate::devres::Devres;
use crate::dma;
use crate::error::{code::*, to_result, Error, Result};
use crate::init::{pin_data, PinInit};
use crate::page::AsPageIter;
use crate::types::{ARef, Opaque};

/// One entry of a mapped table: a contiguous piece in the device's view.
#[repr(transparent)]
pub struct SGEntry(Opaque<bindings::scatterlist>);

// SAFETY: an entry is read only, by the C accessors, from any thread.
unsafe impl Send for SGEntry {}
// SAFETY: as above: `&SGEntry` only reads.
unsafe impl Sync for SGEntry {}

impl SGEntry {
    /// The entry at `ptr`, borrowed for `'a`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid `struct scatterlist` for `'a`, not changed meanwhile.
    unsafe fn from_raw<'a>(ptr: *mut bindings::scatterlist) -> &'a Self {
        // SAFETY: `SGEntry` is a transparent wrapper; valid for `'a` (the
        // caller's guarantee).
        unsafe { &*ptr.cast() }
    }

    fn as_raw(&self) -> *mut bindings::scatterlist {
        self.0.get()
    }

    /// The bus address of the piece, for the device.
    pub fn dma_address(&self) -> dma::DmaAddress {
        // SAFETY: the entry is valid (`from_raw`'s contract).
        unsafe { bindings::sg_dma_address(self.as_raw()) }
    }

    /// The length of the piece, in bytes.
    pub fn dma_len(&self) -> u64 {
        // SAFETY: the entry is valid (`from_raw`'s contract).
        u64::from(unsafe { bindings::sg_dma_len(self.as_raw()) })
    }
}

/// The kind of an [`SGTable`] whose table belongs to someone else.
#[repr(transparent)]
pub struct Borrowed(Opaque<bindings::sg_table>);

// SAFETY: a borrowed table is only read, from any thread.
unsafe impl Send for Borrowed {}
// SAFETY: as above: `&Borrowed` only reads.
unsafe impl Sync for Borrowed {}

mod private {
    pub trait Sealed {}
    impl Sealed for super::Borrowed {}
    impl<P> Sealed for super::Owned<P> {}
}

/// A scatter-gather table: [`SGTable<Owned<P>>`](SGTable::new), which owns
/// all it uses, or a borrowed `&SGTable` (of the kind [`Borrowed`]).
#[repr(transparent)]
#[pin_data]
pub struct SGTable<T: private::Sealed = Borrowed> {
    #[pin]
    inner: T,
}

impl SGTable {
    /// The table at `ptr`, borrowed for `'a`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid, initialised `struct sg_table` for `'a`, not changed
    /// meanwhile.
    pub unsafe fn from_raw<'a>(ptr: *mut bindings::sg_table) -> &'a Self {
        // SAFETY: `SGTable<Borrowed>` is a transparent wrapper of the C
        // table; valid for `'a` (the caller's guarantee).
        unsafe { &*ptr.cast() }
    }

    fn as_raw(&self) -> *mut bindings::sg_table {
        self.inner.0.get()
    }

    /// The mapped entries of the table, in order.
    pub fn iter(&self) -> SGTableIter<'_> {
        // SAFETY: the table is valid (the contract that made `self`).
        let (sgl, nents) = unsafe { ((*self.as_raw()).sgl, (*self.as_raw()).nents) };
        let pos = if nents > 0 {
            // SAFETY: a table with entries has a valid first entry, which
            // lives as long as the table.
            Some(unsafe { SGEntry::from_raw(sgl) })
        } else {
            None
        };
        SGTableIter { pos, left: nents }
    }
}

/// The entries of an [`SGTable`], in order.
pub struct SGTableIter<'a> {
    pos: Option<&'a SGEntry>,
    /// The entries from `pos` on.
    left: core::ffi::c_uint,
}

impl<'a> Iterator for SGTableIter<'a> {
    type Item = &'a SGEntry;

    fn next(&mut self) -> Option<&'a SGEntry> {
        let entry = self.pos?;
        self.left -= 1;
        self.pos = if self.left > 0 {
            // SAFETY: `entry` is valid and is not the table's last mapped
            // entry, so `sg_next` gives the next one, valid as long.
            Some(unsafe { SGEntry::from_raw(bindings::sg_next(entry.as_raw())) })
        } else {
            None
        };
        Some(entry)
    }
}

/// The DMA mapping of a table, unmapped when dropped.
///
/// # Invariants
///
/// `sgt` is a table mapped for `dev` in `dir`, which stays valid while the
/// value lives.
struct DmaMappedSgt {
    sgt: NonNull<bindings::sg_table>,
    dev: ARef<Device>,
    dir: dma::DataDirection,
}

// SAFETY: the mapping is a C object any thread may unmap, and a count on
// the device.
unsafe impl Send for DmaMappedSgt {}
// SAFETY: `&DmaMappedSgt` gives nothing.
unsafe impl Sync for DmaMappedSgt {}

impl DmaMappedSgt {
    /// Maps `sgt` for `dev` in `dir`.
    ///
    /// # Safety
    ///
    /// `sgt` is a valid table, which stays valid while the mapping lives and
    /// is unmapped by nothing else.
    unsafe fn new(sgt: NonNull<bindings::sg_table>, dev: &Device<Bound>, dir: dma::DataDirection) -> Result<Self> {
        // SAFETY: the device is bound (the type invariant of
        // `Device<Bound>`); the table is valid (the caller's guarantee).
        to_result(unsafe { bindings::dma_map_sgtable(dev.as_raw(), sgt.as_ptr(), dir.into(), 0) })?;
        // INVARIANT: just mapped; the table outlives the value (the
        // caller's guarantee).
        Ok(DmaMappedSgt { sgt, dev: dev.into(), dir })
    }
}

impl Drop for DmaMappedSgt {
    fn drop(&mut self) {
        // SAFETY: the table is mapped for this device in this direction, and
        // valid (the type invariant); unmapped once, here.
        unsafe { bindings::dma_unmap_sgtable(self.dev.as_raw(), self.sgt.as_ptr(), self.dir.into(), 0) };
    }
}

/// A C table of the pages of a buffer, freed (not the pages) when dropped.
///
/// # Invariants
///
/// The table is initialised by `sg_alloc_table_from_pages_segment`.
#[repr(transparent)]
struct RawSGTable(Opaque<bindings::sg_table>);

// SAFETY: the table is a C object any thread may free.
unsafe impl Send for RawSGTable {}
// SAFETY: `&RawSGTable` gives only its address.
unsafe impl Sync for RawSGTable {}

impl RawSGTable {
    /// The table of `size` bytes over `pages`, in pieces of at most
    /// `max_segment` bytes.
    ///
    /// # Safety
    ///
    /// `pages` are valid pages, which stay valid while the table lives.
    unsafe fn new(pages: &mut [*mut bindings::page], size: usize, max_segment: u32, flags: Flags) -> Result<Self> {
        // C needs a page at least.
        if pages.is_empty() {
            return Err(EINVAL);
        }
        let n_pages = u32::try_from(pages.len()).map_err(|_| EINVAL)?;
        let sgt = Opaque::zeroed();
        // SAFETY: `sgt` is writable memory for the table; `pages` holds
        // `n_pages` valid pages (the caller's guarantee) covering `size`.
        to_result(unsafe {
            bindings::sg_alloc_table_from_pages_segment(
                sgt.get(),
                pages.as_mut_ptr(),
                n_pages,
                0,
                size as core::ffi::c_ulong,
                max_segment,
                flags.as_raw(),
            )
        })?;
        // INVARIANT: just initialised.
        Ok(RawSGTable(sgt))
    }

    fn as_raw(&self) -> *mut bindings::sg_table {
        self.0.get()
    }
}

impl Drop for RawSGTable {
    fn drop(&mut self) {
        // SAFETY: the table is initialised (the type invariant), freed once.
        unsafe { bindings::sg_free_table(self.0.get()) };
    }
}

/// The kind of an [`SGTable`] that owns its buffer `P`, its C table and
/// their DMA mapping.
///
/// The fields drop in order: the mapping (if the unbind has not already
/// dropped it), then the table, then the buffer.
#[pin_data]
pub struct Owned<P> {
    #[pin]
    dma: Devres<DmaMappedSgt>,
    sgt: RawSGTable,
    _pages: P,
}

// SAFETY: the mapping and the table may go to any thread; so may `P`.
unsafe impl<P: Send> Send for Owned<P> {}
// SAFETY: `&Owned` gives a read-only view of the table; `P` is shared only
// if it may be.
unsafe impl<P: Sync> Sync for Owned<P> {}

impl<P> Owned<P>
where
    for<'a> P: AsPageIter<Iter<'a> = VmallocPageIter<'a>> + 'static,
{
    fn new(dev: &Device<Bound>, mut pages: P, dir: dma::DataDirection, flags: Flags) -> Result<impl PinInit<Self, Error> + '_> {
        let iter = pages.page_iter();
        let size = iter.size();
        let mut page_vec: KVec<*mut bindings::page> = KVec::with_capacity(iter.page_count(), flags)?;
        for page in iter {
            page_vec.push(page.as_ptr(), flags)?;
        }
        // SAFETY: the device is valid (the type invariant of `Device`).
        let max_mapping = unsafe { bindings::dma_max_mapping_size(dev.as_raw()) };
        let max_segment = match max_mapping {
            0 => u32::MAX,
            n => u32::try_from(n).unwrap_or(u32::MAX),
        };
        Ok(crate::try_pin_init!(&this in Self {
            // SAFETY: the pages are those of `pages`, which the value owns
            // and drops after the table (a later field).
            sgt: unsafe { RawSGTable::new(&mut page_vec, size, max_segment, flags) }?,
            dma <- {
                // SAFETY: `this` points to the value being initialised, whose
                // `sgt` was just written.
                let sgt = unsafe { core::ptr::addr_of_mut!((*this.as_ptr()).sgt) };
                // SAFETY: the address of a field is not null.
                let sgt = unsafe { NonNull::new_unchecked(RawSGTable::as_raw(&*sgt)) };
                // SAFETY: the table is valid and outlives the mapping (a
                // field dropped later, in a pinned value), and only the
                // mapping's drop unmaps it.
                Devres::new(dev, unsafe { DmaMappedSgt::new(sgt, dev, dir) })
            },
            _pages: pages,
        }))
    }
}

impl<P> SGTable<Owned<P>>
where
    for<'a> P: AsPageIter<Iter<'a> = VmallocPageIter<'a>> + 'static,
{
    /// A table of the pages of `pages`, which it takes, mapped for DMA by
    /// `dev` in `dir`. The mapping ends when the table is dropped or the
    /// device unbound; `flags` are for the table's own allocations.
    ///
    /// # Examples
    ///
    /// ```ignore
    /// use kernel::{device::{Bound, Device}, dma, page, scatterlist::SGTable};
    ///
    /// fn map(dev: &Device<Bound>) -> Result {
    ///     let pages = VVec::<u8>::with_capacity(4 * page::PAGE_SIZE, GFP_KERNEL)?;
    ///     let sgt = KBox::pin_init(SGTable::new(dev, pages, dma::DataDirection::ToDevice, GFP_KERNEL), GFP_KERNEL)?;
    ///     for entry in sgt.iter() {
    ///         pr_info!("{:#x}, {} bytes\n", entry.dma_address(), entry.dma_len());
    ///     }
    ///     Ok(())
    /// }
    /// ```
    pub fn new(dev: &Device<Bound>, pages: P, dir: dma::DataDirection, flags: Flags) -> impl PinInit<Self, Error> + '_ {
        crate::try_pin_init!(Self { inner <- Owned::new(dev, pages, dir, flags)? })
    }
}

impl<P> Deref for SGTable<Owned<P>> {
    type Target = SGTable;

    fn deref(&self) -> &SGTable {
        // SAFETY: the table is initialised (the invariant of `RawSGTable`)
        // and lives as long as `self`; nothing changes it meanwhile.
        unsafe { SGTable::from_raw(self.inner.sgt.as_raw()) }
    }
}
