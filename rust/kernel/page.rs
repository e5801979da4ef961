//! Memory pages: the size constants, as Linux 6.18 has them in
//! `kernel::page` (the page type itself is not here).

/// The size of a page in bits of an address: a page is `1 << PAGE_SHIFT` bytes.
pub const PAGE_SHIFT: usize = bindings::PAGE_SHIFT as usize;

/// The size of a page in bytes.
pub const PAGE_SIZE: usize = bindings::PAGE_SIZE as usize;

/// The mask that keeps the page of an address.
pub const PAGE_MASK: usize = !(PAGE_SIZE - 1);
