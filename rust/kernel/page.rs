//! Pages of memory, as far as Linux 6.18's `kernel::page` serves a
//! scatter-gather table: the page size, and [`AsPageIter`], the pages a
//! buffer is made of ([`VVec`](crate::alloc::VVec)'s, through
//! [`VmallocPageIter`](crate::alloc::allocator::VmallocPageIter)), each a
//! [`BorrowedPage`].

use core::marker::PhantomData;
use core::ptr::NonNull;

/// The size of a page, in bytes.
pub const PAGE_SIZE: usize = bindings::PAGE_SIZE as usize;
/// The bits of an address below its page.
pub const PAGE_SHIFT: usize = bindings::PAGE_SHIFT as usize;
/// The mask that keeps an address's page.
pub const PAGE_MASK: usize = !(PAGE_SIZE - 1);

/// `addr` rounded up to a page; `None` if that overflows.
#[inline(always)]
pub const fn page_align(addr: usize) -> Option<usize> {
    match addr.checked_add(PAGE_SIZE - 1) {
        Some(sum) => Some(sum & PAGE_MASK),
        None => None,
    }
}

/// A page that someone else owns, borrowed for `'a`.
///
/// # Invariants
///
/// `page` is a valid `struct page` for `'a`.
pub struct BorrowedPage<'a> {
    page: NonNull<bindings::page>,
    _borrow: PhantomData<&'a bindings::page>,
}

impl<'a> BorrowedPage<'a> {
    /// The page at `page`, borrowed for `'a`.
    ///
    /// # Safety
    ///
    /// `page` is a valid `struct page` that stays valid for `'a`.
    pub unsafe fn from_raw(page: NonNull<bindings::page>) -> Self {
        // INVARIANT: the caller's guarantee.
        BorrowedPage { page, _borrow: PhantomData }
    }

    /// The C `struct page *`.
    pub fn as_ptr(&self) -> *mut bindings::page {
        self.page.as_ptr()
    }
}

/// A buffer whose pages can be listed, in order, for a scatter-gather
/// table.
pub trait AsPageIter {
    /// The iterator over the pages.
    type Iter<'a>: Iterator<Item = BorrowedPage<'a>>
    where
        Self: 'a;

    /// The pages of the buffer, borrowed while `self` is.
    fn page_iter(&mut self) -> Self::Iter<'_>;
}
