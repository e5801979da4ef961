//! Firmware-node properties: [`FwNode`], C's `struct fwnode_handle`, the
//! ACPI or device-tree node a device was described by, and what it says.

use core::ptr::NonNull;

use crate::str::{CStr, CStrExt as _};
use crate::types::{AlwaysRefCounted, Opaque};

/// A firmware node: an ACPI or device-tree node and its properties.
///
/// # Invariants
///
/// The object is a `struct fwnode_handle` kept alive by whoever lent the
/// reference (its device) or by a count on it (`fwnode_handle_get`).
#[repr(transparent)]
pub struct FwNode(Opaque<bindings::fwnode_handle>);

impl FwNode {
    /// The node at `ptr`, borrowed for `'a`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid firmware node that stays alive for `'a`.
    pub unsafe fn from_raw<'a>(ptr: *mut bindings::fwnode_handle) -> &'a Self {
        // INVARIANT: alive for `'a` (the caller's guarantee).
        // SAFETY: `FwNode` is a transparent wrapper; valid for `'a`.
        unsafe { &*ptr.cast::<Self>() }
    }

    /// The C `struct fwnode_handle *`.
    pub fn as_raw(&self) -> *mut bindings::fwnode_handle {
        self.0.get()
    }

    /// Whether the node has the property `name` (a boolean property is
    /// true exactly when present).
    pub fn property_present(&self, name: &CStr) -> bool {
        // SAFETY: the node is valid (the type invariant); `name` is
        // NUL-terminated.
        unsafe { bindings::fwnode_property_present(self.as_raw(), name.as_char_ptr()) }
    }
}

// SAFETY: firmware nodes are counted by `fwnode_handle_get`/`_put` (nodes
// without a count, as ACPI's, ignore both and live as long as the system).
unsafe impl AlwaysRefCounted for FwNode {
    fn inc_ref(&self) {
        // SAFETY: the node is valid, so taking a count is allowed.
        unsafe { bindings::fwnode_handle_get(self.as_raw()) };
    }

    unsafe fn dec_ref(obj: NonNull<Self>) {
        // SAFETY: the caller owns a count on the node.
        unsafe { bindings::fwnode_handle_put(obj.cast().as_ptr()) }
    }
}
