//! The kernel's allocators: `kmalloc`, `vmalloc` and `kvmalloc`.
//!
//! Requests that the C allocator would refuse with a warning in the log
//! (beyond `KMALLOC_MAX_SIZE` for kmalloc, beyond `INT_MAX` for kvmalloc,
//! an alignment vmalloc cannot give) are refused here first, quietly:
//! a failed allocation is an ordinary error, never a kernel warning.

use core::alloc::Layout;
use core::ptr::{self, NonNull};

use super::{dangling_for, AllocError, Allocator, Flags};

/// Contiguous physical memory from the slab allocator: `kmalloc`.
pub struct Kmalloc;

/// Virtually contiguous memory: `vmalloc`. For large buffers; sleeps.
pub struct Vmalloc;

/// `kmalloc`, falling back to `vmalloc` for what kmalloc cannot give: `kvmalloc`.
pub struct KVmalloc;

/// What the page allocator gives at least: vmalloc's alignment.
const PAGE_SIZE: usize = 1 << 12;

/// kmalloc's guaranteed alignment (`ARCH_KMALLOC_MINALIGN`, the alignment
/// of `unsigned long long` on x86_64).
const KMALLOC_MINALIGN: usize = core::mem::align_of::<u64>();

/// The largest request kmalloc serves.
const KMALLOC_MAX_SIZE: usize = bindings::KMALLOC_MAX_SIZE as usize;

/// The largest request kvmalloc serves without a warning.
const KVMALLOC_MAX_SIZE: usize = i32::MAX as usize;

/// The size to ask kmalloc for so that the block has `layout`'s alignment:
/// kmalloc aligns a power-of-two size naturally.
fn kmalloc_size(layout: Layout) -> usize {
    let layout = layout.pad_to_align();
    if layout.align() > KMALLOC_MINALIGN {
        layout.size().next_power_of_two()
    } else {
        layout.size()
    }
}

/// A successful result for `size` bytes at `ptr`, or the failure of a null one.
fn block(ptr: *mut core::ffi::c_void, size: usize) -> Result<NonNull<[u8]>, AllocError> {
    let ptr = NonNull::new(ptr as *mut u8).ok_or(AllocError)?;
    Ok(NonNull::slice_from_raw_parts(ptr, size))
}

/// What every allocator does for an empty layout: release the old block, if
/// any, with `free`, and hand out a dangling pointer of the layout's alignment.
///
/// # Safety
///
/// `old` is `None` or a live block that `free` releases, not used afterwards.
unsafe fn empty_block(
    old: Option<NonNull<u8>>,
    layout: Layout,
    free: unsafe extern "C" fn(*const core::ffi::c_void),
) -> NonNull<[u8]> {
    if let Some(p) = old {
        // SAFETY: the caller's guarantee.
        unsafe { free(p.as_ptr() as *const core::ffi::c_void) };
    }
    NonNull::slice_from_raw_parts(dangling_for(layout), 0)
}

// SAFETY: krealloc keeps a block valid until it is resized or freed, and its
// alignment is that of `kmalloc_size`'s size, at least the layout's.
unsafe impl Allocator for Kmalloc {
    unsafe fn realloc(
        ptr: Option<NonNull<u8>>,
        layout: Layout,
        old_layout: Layout,
        flags: Flags,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let old = ptr.filter(|_| old_layout.size() != 0);
        if layout.size() == 0 {
            // SAFETY: `old` came from krealloc (the caller's guarantee).
            return Ok(unsafe { empty_block(old, layout, bindings::kfree) });
        }
        let size = kmalloc_size(layout);
        if size > KMALLOC_MAX_SIZE {
            return Err(AllocError);
        }
        let old = old.map_or(ptr::null(), |p| p.as_ptr() as *const core::ffi::c_void);
        // SAFETY: `old` is null or a live kmalloc block (the caller's
        // guarantee); krealloc keeps it on failure.
        block(unsafe { bindings::krealloc(old, size, flags.as_raw()) }, layout.size())
    }
}

// SAFETY: __vmalloc gives page-aligned memory, valid until vfree; larger
// alignments are refused.
unsafe impl Allocator for Vmalloc {
    unsafe fn realloc(
        ptr: Option<NonNull<u8>>,
        layout: Layout,
        old_layout: Layout,
        flags: Flags,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let old = ptr.filter(|_| old_layout.size() != 0);
        if layout.size() == 0 {
            // SAFETY: `old` came from __vmalloc (the caller's guarantee).
            return Ok(unsafe { empty_block(old, layout, bindings::vfree) });
        }
        if layout.align() > PAGE_SIZE {
            return Err(AllocError);
        }
        // The 6.1 kernel has no vrealloc: allocate, copy, free.
        // SAFETY: __vmalloc takes any size and flags and returns null on failure.
        let new = block(unsafe { bindings::__vmalloc(layout.size() as _, flags.as_raw()) }, layout.size())?;
        if let Some(p) = old {
            let keep = layout.size().min(old_layout.size());
            // SAFETY: both blocks are live, distinct and at least `keep` bytes long.
            unsafe { ptr::copy_nonoverlapping(p.as_ptr(), new.as_ptr() as *mut u8, keep) };
            // SAFETY: `p` came from __vmalloc and is no longer used.
            unsafe { bindings::vfree(p.as_ptr() as *const core::ffi::c_void) };
        }
        Ok(new)
    }
}

// SAFETY: kvmalloc gives kmalloc's alignment for `kmalloc_size`'s size or
// vmalloc's page alignment, valid until kvfree; larger alignments are refused.
unsafe impl Allocator for KVmalloc {
    unsafe fn realloc(
        ptr: Option<NonNull<u8>>,
        layout: Layout,
        old_layout: Layout,
        flags: Flags,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let old = ptr.filter(|_| old_layout.size() != 0);
        if layout.size() == 0 {
            // SAFETY: `old` came from kvmalloc (the caller's guarantee).
            return Ok(unsafe { empty_block(old, layout, bindings::kvfree) });
        }
        let size = kmalloc_size(layout);
        if layout.align() > PAGE_SIZE || size > KVMALLOC_MAX_SIZE {
            return Err(AllocError);
        }
        let raw = match old {
            // SAFETY: kvmalloc_node takes any size and flags; null on failure.
            None => unsafe { bindings::kvmalloc_node(size, flags.as_raw(), bindings::NUMA_NO_NODE) },
            // SAFETY: `p` is a live kvmalloc block of `kmalloc_size(old_layout)`
            // bytes (the caller's guarantee).
            Some(p) => unsafe { kvrealloc(p, kmalloc_size(old_layout), size, flags) },
        };
        block(raw, layout.size())
    }
}

/// Resizes the kvmalloc block `p` of `old_size` bytes to `size`; null on failure.
///
/// # Safety
///
/// `p` is a live kvmalloc block of `old_size` bytes.
unsafe fn kvrealloc(p: NonNull<u8>, old_size: usize, size: usize, flags: Flags) -> *mut core::ffi::c_void {
    let p = p.as_ptr() as *const core::ffi::c_void;
    // Linux 6.12 made kvrealloc krealloc's twin, which finds the old size itself.
    #[cfg(linux_ge_6_12)]
    let _ = old_size;
    // SAFETY: `p` is a live kvmalloc block (the caller's guarantee); kvrealloc
    // keeps it on failure.
    #[cfg(linux_ge_6_12)]
    return unsafe { bindings::kvrealloc(p, size, flags.as_raw()) };
    // SAFETY: `p` is a live kvmalloc block of `old_size` bytes (the caller's
    // guarantee); kvrealloc keeps it on failure.
    #[cfg(not(linux_ge_6_12))]
    return unsafe { bindings::kvrealloc(p, old_size, size, flags.as_raw()) };
}

/// The pages of a `vmalloc` buffer, in order, for
/// [`AsPageIter`](crate::page::AsPageIter).
///
/// # Invariants
///
/// `buf` is the start of a `vmalloc` allocation of at least `size` bytes,
/// which lives and keeps its pages for `'a`.
pub struct VmallocPageIter<'a> {
    buf: NonNull<u8>,
    size: usize,
    index: usize,
    _borrow: core::marker::PhantomData<crate::page::BorrowedPage<'a>>,
}

impl<'a> VmallocPageIter<'a> {
    /// The pages of the `size` bytes of `vmalloc` memory at `buf`.
    ///
    /// # Safety
    ///
    /// `buf` is the start of a `vmalloc` allocation of at least `size`
    /// bytes, which lives (and keeps its pages) for `'a`.
    pub unsafe fn new(buf: NonNull<u8>, size: usize) -> Self {
        // INVARIANT: the caller's guarantee.
        VmallocPageIter { buf, size, index: 0, _borrow: core::marker::PhantomData }
    }

    /// The size of the buffer, in bytes.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The number of pages the buffer spans.
    pub fn page_count(&self) -> usize {
        self.size.div_ceil(crate::page::PAGE_SIZE)
    }
}

impl<'a> Iterator for VmallocPageIter<'a> {
    type Item = crate::page::BorrowedPage<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let offset = self.index.checked_mul(crate::page::PAGE_SIZE)?;
        if offset >= self.size {
            return None;
        }
        // SAFETY: `offset` is inside the `vmalloc` allocation at `buf` (the
        // type invariant), so the address is in it and has a page.
        let page = unsafe { bindings::vmalloc_to_page(self.buf.as_ptr().add(offset).cast()) };
        let page = NonNull::new(page)?;
        self.index += 1;
        // SAFETY: the page belongs to the allocation, which keeps it for `'a`
        // (the type invariant).
        Some(unsafe { crate::page::BorrowedPage::from_raw(page) })
    }
}
