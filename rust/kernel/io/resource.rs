//! [`Resource`]: a range of a bus's addresses the kernel gave a device (C's
//! `struct resource`), as Linux 6.18's `kernel::io::resource` has it.

use crate::str::CStr;
use crate::types::Opaque;

/// A resource's bus address or size: C's `resource_size_t`.
pub type ResourceSize = bindings::resource_size_t;

/// A resource's type and attributes: C's `IORESOURCE_*` bits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Flags(core::ffi::c_ulong);

impl Flags {
    /// A range of memory addresses (MMIO).
    pub const IORESOURCE_MEM: Flags = Flags(bindings::IORESOURCE_MEM as core::ffi::c_ulong);
    /// A range of I/O ports.
    pub const IORESOURCE_IO: Flags = Flags(bindings::IORESOURCE_IO as core::ffi::c_ulong);
    /// Memory that reads have no side effects on.
    pub const IORESOURCE_PREFETCH: Flags = Flags(bindings::IORESOURCE_PREFETCH as core::ffi::c_ulong);
    /// A 64-bit memory range.
    pub const IORESOURCE_MEM_64: Flags = Flags(bindings::IORESOURCE_MEM_64 as core::ffi::c_ulong);

    /// Whether every bit of `flags` is set.
    pub fn contains(self, flags: Flags) -> bool {
        self.0 & flags.0 == flags.0
    }
}

/// A resource of a device, borrowed from the bus that owns it.
///
/// # Invariants
///
/// The `struct resource` is valid, and unchanged, as long as the
/// reference lives (a bus hands one out for as long as its device).
#[repr(transparent)]
pub struct Resource(Opaque<bindings::resource>);

impl Resource {
    /// The resource at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid `struct resource`, unchanged for `'a`.
    pub(crate) unsafe fn from_raw<'a>(ptr: *mut bindings::resource) -> &'a Resource {
        // INVARIANT: valid and unchanged for `'a` (the caller's guarantee).
        // SAFETY: `Resource` is a transparent `struct resource`, valid for
        // `'a` (the caller's guarantee).
        unsafe { &*ptr.cast::<Resource>() }
    }

    pub(crate) fn as_raw(&self) -> *mut bindings::resource {
        self.0.get()
    }

    /// Its first address.
    pub fn start(&self) -> ResourceSize {
        // SAFETY: valid and unchanged (the type invariant).
        unsafe { (*self.as_raw()).start }
    }

    /// Its size in bytes (C's `resource_size`).
    pub fn size(&self) -> ResourceSize {
        // SAFETY: valid and unchanged (the type invariant); the end is at
        // least the start for every resource the kernel hands out, and the
        // sum wraps only for the whole 64-bit space, as in C.
        let (start, end) = unsafe { ((*self.as_raw()).start, (*self.as_raw()).end) };
        end.wrapping_sub(start).wrapping_add(1)
    }

    /// Its name, when it has one.
    pub fn name(&self) -> Option<&CStr> {
        // SAFETY: valid and unchanged (the type invariant).
        let name = unsafe { (*self.as_raw()).name };
        if name.is_null() {
            return None;
        }
        // SAFETY: a resource's name is a C string that lives as long as it.
        Some(unsafe { CStr::from_ptr(name) })
    }

    /// Its type and attributes.
    pub fn flags(&self) -> Flags {
        // SAFETY: valid and unchanged (the type invariant).
        Flags(unsafe { (*self.as_raw()).flags } as core::ffi::c_ulong)
    }
}

// SAFETY: a `struct resource` the bus hands out is read-only to drivers; it
// may be read from any thread.
unsafe impl Sync for Resource {}
