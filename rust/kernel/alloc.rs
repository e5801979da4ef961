//! Memory allocation: the [`Allocator`] trait, the kernel's three allocators
//! and the containers built on them ([`KBox`], [`KVec`] and their kin).
//!
//! Every allocation can fail and says so in its type: there is no infallible
//! `new`, `push` or `clone` anywhere. Each takes [`Flags`], the C `gfp_t`, so
//! the caller says whether the allocator may sleep.

pub mod allocator;
pub mod faulty;
pub mod kbox;
pub mod kvec;

pub use allocator::{KVmalloc, Kmalloc, Vmalloc};
pub use kbox::{Box, KBox, KVBox, VBox};
pub use kvec::{IntoIter, KVVec, KVec, VVec, Vec};

use core::alloc::Layout;
use core::ptr::NonNull;

/// Allocation flags: what C calls `gfp_t`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Flags(bindings::gfp_t);

impl Flags {
    /// The C value.
    pub fn as_raw(self) -> bindings::gfp_t {
        self.0
    }

    /// Whether every flag of `other` is set in `self`.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl core::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl core::ops::BitAnd for Flags {
    type Output = Flags;
    fn bitand(self, rhs: Flags) -> Flags {
        Flags(self.0 & rhs.0)
    }
}

impl core::ops::Not for Flags {
    type Output = Flags;
    fn not(self) -> Flags {
        Flags(!self.0)
    }
}

/// The allocation flags of `include/linux/gfp_types.h`, as the generated
/// bindings define them.
pub mod flags {
    use super::Flags;

    /// Typical for kernel-internal allocations: may sleep, may reclaim and
    /// start filesystem and disk I/O to do so. Only in process context.
    pub const GFP_KERNEL: Flags = Flags(bindings::GFP_KERNEL);

    /// Never sleeps and may dip into the emergency reserves: for interrupt
    /// handlers and code holding a spinlock.
    pub const GFP_ATOMIC: Flags = Flags(bindings::GFP_ATOMIC);

    /// Never sleeps and does not use the reserves: likely to fail under pressure.
    pub const GFP_NOWAIT: Flags = Flags(bindings::GFP_NOWAIT);

    /// Returns zeroed memory.
    pub const __GFP_ZERO: Flags = Flags(bindings::__GFP_ZERO);

    /// A failure is reported to the caller only, without a warning in the log.
    pub const __GFP_NOWARN: Flags = Flags(bindings::__GFP_NOWARN);
}

/// An allocation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllocError;

impl From<AllocError> for crate::error::Error {
    fn from(_: AllocError) -> crate::error::Error {
        crate::error::code::ENOMEM
    }
}

/// A kernel memory allocator.
///
/// Allocators are types without values: the functions are associated
/// functions, and containers name their allocator as a type parameter.
///
/// # Safety
///
/// A memory block returned by `realloc` with `Ok` must stay valid, for the
/// layout it was asked for, until it is passed back to `realloc` or `free`
/// of the same allocator. Its alignment is at least the layout's.
pub unsafe trait Allocator {
    /// Allocates memory for `layout`. Its content is undefined unless
    /// `flags` has [`flags::__GFP_ZERO`].
    fn alloc(layout: Layout, flags: Flags) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: with `None`, `realloc` allocates; `old_layout` is unused.
        unsafe { Self::realloc(None, layout, layout, flags) }
    }

    /// Allocates (`ptr` is `None`), resizes, or frees (`layout.size()` is 0)
    /// a memory block. On resizing, the first `min(old, new)` bytes are kept;
    /// on failure, the old block is untouched.
    ///
    /// # Safety
    ///
    /// `ptr`, when given, was returned by this allocator for `old_layout`
    /// and not freed since; `layout.align()` equals `old_layout.align()`.
    unsafe fn realloc(
        ptr: Option<NonNull<u8>>,
        layout: Layout,
        old_layout: Layout,
        flags: Flags,
    ) -> Result<NonNull<[u8]>, AllocError>;

    /// Frees a memory block.
    ///
    /// # Safety
    ///
    /// `ptr` was returned by this allocator for `layout` and not freed since.
    unsafe fn free(ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: the caller's guarantees are those `realloc` needs; a zero
        // size frees, and freeing cannot fail.
        let _ = unsafe {
            Self::realloc(Some(ptr), Layout::from_size_align_unchecked(0, layout.align()), layout, Flags(bindings::gfp_t(0)))
        };
    }
}

/// A well-aligned pointer for zero-sized values, which take no memory.
pub(crate) fn dangling_for(layout: Layout) -> NonNull<u8> {
    // SAFETY: an alignment is never zero.
    unsafe { NonNull::new_unchecked(layout.align() as *mut u8) }
}
