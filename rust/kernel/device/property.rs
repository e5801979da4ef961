//! Firmware-node properties: [`FwNode`], C's `struct fwnode_handle`, the
//! ACPI or device-tree node a device was described by, and reading what it
//! says, as Linux 6.18 has it.
//!
//! A property is read as the type wanted ([`FwNode::property_read`]: an
//! integer, an array of them, a [`CString`]); the [`PropertyGuard`] it
//! gives says what a missing property means: an error logged against the
//! device ([`PropertyGuard::required_by`]), `None`
//! ([`PropertyGuard::optional`]), or a default ([`PropertyGuard::or`]).

use core::fmt;
use core::mem::MaybeUninit;
use core::ptr::{self, NonNull};

use crate::alloc::{flags::GFP_KERNEL, KVec};
use crate::device::Device;
use crate::error::{code::*, to_result, Result};
use crate::str::{CStr, CStrExt, CString};
use crate::types::{ARef, AlwaysRefCounted, Opaque};

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

    /// Whether the node is a device-tree node (never on the stock kernels
    /// of x86, which build without device-tree support).
    pub fn is_of_node(&self) -> bool {
        // SAFETY: the node is valid (the type invariant).
        unsafe { bindings::is_of_node(self.as_raw()) }
    }

    /// The node's name, as its firmware gives it (`T432` for ACPI's
    /// `\_SB.T432`), for messages.
    pub fn display_name(&self) -> impl fmt::Display + '_ {
        struct Name<'a>(&'a FwNode);
        impl fmt::Display for Name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // SAFETY: the node is valid; its name lives as long.
                let name = unsafe { bindings::fwnode_get_name(self.0.as_raw()) };
                if name.is_null() {
                    return Ok(());
                }
                // SAFETY: a NUL-terminated string owned by the node.
                write!(f, "{}", CStrExt::display(unsafe { CStr::from_ptr(name) }))
            }
        }
        Name(self)
    }

    /// Whether the node has the property `name` (a boolean property is
    /// true exactly when present).
    pub fn property_present(&self, name: &CStr) -> bool {
        // SAFETY: the node is valid (the type invariant); `name` is
        // NUL-terminated.
        unsafe { bindings::fwnode_property_present(self.as_raw(), name.as_char_ptr()) }
    }

    /// A boolean property: whether it is present.
    pub fn property_read_bool(&self, name: &CStr) -> bool {
        // SAFETY: as for `property_present`.
        unsafe { bindings::fwnode_property_read_bool(self.as_raw(), name.as_char_ptr()) }
    }

    /// The index of `match_str` in the string-array property `name`.
    pub fn property_match_string(&self, name: &CStr, match_str: &CStr) -> Result<usize> {
        // SAFETY: the node is valid; both strings are NUL-terminated.
        let ret = unsafe {
            bindings::fwnode_property_match_string(self.as_raw(), name.as_char_ptr(), match_str.as_char_ptr())
        };
        to_result(ret)?;
        Ok(ret as usize)
    }

    /// The property `name` read as a `T`.
    pub fn property_read<'fwnode, 'name, T: Property>(
        &'fwnode self,
        name: &'name CStr,
    ) -> PropertyGuard<'fwnode, 'name, T> {
        PropertyGuard { inner: T::read_from_fwnode_property(self, name), fwnode: self, name }
    }

    /// The first `len` elements of the array property `name`, in a vector.
    pub fn property_read_array_vec<'fwnode, 'name, T: PropertyInt>(
        &'fwnode self,
        name: &'name CStr,
        len: usize,
    ) -> Result<PropertyGuard<'fwnode, 'name, KVec<T>>> {
        let mut v: KVec<T> = KVec::new();
        v.reserve(len, GFP_KERNEL)?;
        for _ in 0..len {
            v.push(T::default(), GFP_KERNEL)?;
        }
        // SAFETY: the vector holds `len` elements for C to overwrite.
        let inner = unsafe { T::read_array(self, name, v.as_mut_ptr(), len) }.map(|()| v);
        Ok(PropertyGuard { inner, fwnode: self, name })
    }

    /// How many `T`s the array property `name` holds.
    pub fn property_count_elem<T: PropertyInt>(&self, name: &CStr) -> Result<usize> {
        // SAFETY: a null buffer of no elements asks C for the count.
        let ret = unsafe { T::read_array_raw(self, name, ptr::null_mut(), 0) };
        to_result(ret)?;
        Ok(ret as usize)
    }

    /// The node's children, each with a count of its own.
    pub fn children(&self) -> impl Iterator<Item = ARef<FwNode>> + '_ {
        let mut prev: Option<ARef<FwNode>> = None;
        core::iter::from_fn(move || {
            // `fwnode_get_next_child_node` puts the count it is given on
            // the previous child: hand it one of its own.
            let prev_ptr = match &prev {
                Some(p) => ARef::into_raw(p.clone()).as_ptr().cast::<bindings::fwnode_handle>(),
                None => ptr::null_mut(),
            };
            // SAFETY: the node is valid; `prev_ptr` is null or a child with
            // a count that the call consumes.
            let next = unsafe { bindings::fwnode_get_next_child_node(self.as_raw(), prev_ptr) };
            let next = NonNull::new(next)?;
            // SAFETY: the call returned the child with a count, now ours.
            let next = unsafe { ARef::from_raw(next.cast::<FwNode>()) };
            prev = Some(next.clone());
            Some(next)
        })
    }

    /// The `index`th reference of the property `name`, with its arguments:
    /// as many as `nargs` says.
    pub fn property_get_reference_args(&self, name: &CStr, nargs: NArgs<'_>, index: u32) -> Result<FwNodeReferenceArgs> {
        let mut out = MaybeUninit::<bindings::fwnode_reference_args>::zeroed();
        let (nargs_prop, nargs_count) = match nargs {
            NArgs::Prop(p) => (p.as_char_ptr(), 0),
            NArgs::N(n) => (ptr::null(), n),
        };
        // SAFETY: the node is valid; the strings are NUL-terminated or null;
        // `out` is valid for writes.
        to_result(unsafe {
            bindings::fwnode_property_get_reference_args(
                self.as_raw(),
                name.as_char_ptr(),
                nargs_prop,
                nargs_count,
                index,
                out.as_mut_ptr(),
            )
        })?;
        // SAFETY: zeroed, then filled in by C on success.
        let args = unsafe { out.assume_init() };
        // INVARIANT: C took a count on the referenced node for us.
        Ok(FwNodeReferenceArgs(args))
    }
}

impl fmt::Display for FwNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.display_name(), f)
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

// SAFETY: firmware nodes are shared by the whole system and counted
// atomically.
unsafe impl Send for FwNode {}
// SAFETY: reading a node's properties takes no lock and changes nothing.
unsafe impl Sync for FwNode {}

/// How many arguments a reference in a property has: named by another
/// property of the referenced node (device tree's `#foo-cells`), or a number.
pub enum NArgs<'a> {
    /// The property of the referenced node that holds the count.
    Prop(&'a CStr),
    /// The count.
    N(u32),
}

/// A reference read from a property, with its arguments.
///
/// # Invariants
///
/// `fwnode` of the C structure is null or holds a count, put on drop.
pub struct FwNodeReferenceArgs(bindings::fwnode_reference_args);

impl FwNodeReferenceArgs {
    /// The arguments.
    pub fn as_slice(&self) -> &[u64] {
        let n = (self.0.nargs as usize).min(self.0.args.len());
        &self.0.args[..n]
    }

    /// How many arguments there are.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for FwNodeReferenceArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_slice())
    }
}

impl Drop for FwNodeReferenceArgs {
    fn drop(&mut self) {
        if !self.0.fwnode.is_null() {
            // SAFETY: a count taken for us (the type invariant), put once.
            unsafe { bindings::fwnode_handle_put(self.0.fwnode) };
        }
    }
}

/// A property read with [`FwNode::property_read`]: the value, or what its
/// absence means to the caller.
pub struct PropertyGuard<'fwnode, 'name, T> {
    inner: Result<T>,
    fwnode: &'fwnode FwNode,
    name: &'name CStr,
}

impl<T> PropertyGuard<'_, '_, T> {
    /// The value; when it is missing or malformed, an error logged
    /// against `dev` ("node: property 'name' is missing").
    pub fn required_by(self, dev: &Device) -> Result<T> {
        if self.inner.is_err() {
            crate::dev_err!(dev, "{}: property '{}' is missing\n", self.fwnode, CStrExt::display(self.name));
        }
        self.inner
    }

    /// The value, or `None`.
    pub fn optional(self) -> Option<T> {
        self.inner.ok()
    }

    /// The value, or `default`.
    pub fn or(self, default: T) -> T {
        self.inner.unwrap_or(default)
    }
}

impl<T: Default> PropertyGuard<'_, '_, T> {
    /// The value, or `T`'s default.
    pub fn or_default(self) -> T {
        self.inner.unwrap_or_default()
    }
}

/// A type a property can be read as.
pub trait Property: Sized {
    /// Reads the property `name` of `fwnode`.
    fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self>;
}

impl Property for CString {
    fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self> {
        let mut s: *const core::ffi::c_char = ptr::null();
        // SAFETY: the node is valid; `name` is NUL-terminated; `s` is valid
        // for a write.
        to_result(unsafe { bindings::fwnode_property_read_string(fwnode.as_raw(), name.as_char_ptr(), &mut s) })?;
        if s.is_null() {
            return Err(EINVAL);
        }
        // SAFETY: on success C points `s` at a NUL-terminated string the
        // node owns, alive while the node is.
        Ok(CString::try_from(unsafe { CStr::from_ptr(s) })?)
    }
}

/// An integer type properties hold arrays of (`u8` to `u64`, and the
/// signed types of the same widths).
pub trait PropertyInt: Copy + Default + private::Sealed {
    /// C's `fwnode_property_read_uN_array`: reads `len` elements into
    /// `out`, or with a null `out` and `len` 0 returns how many there are.
    ///
    /// # Safety
    ///
    /// `out` is null with `len` 0, or valid for writes of `len` elements.
    unsafe fn read_array_raw(fwnode: &FwNode, name: &CStr, out: *mut Self, len: usize) -> core::ffi::c_int;

    /// Reads exactly `len` elements into `out`.
    ///
    /// # Safety
    ///
    /// As for [`PropertyInt::read_array_raw`].
    unsafe fn read_array(fwnode: &FwNode, name: &CStr, out: *mut Self, len: usize) -> Result {
        // SAFETY: the caller's guarantee.
        to_result(unsafe { Self::read_array_raw(fwnode, name, out, len) })
    }
}

mod private {
    pub trait Sealed {}
}

macro_rules! property_int {
    ($($t:ty => $u:ty, $c_fn:ident;)*) => {$(
        impl private::Sealed for $t {}

        impl PropertyInt for $t {
            /// # Safety
            ///
            /// As [`PropertyInt::read_array_raw`] asks.
            unsafe fn read_array_raw(fwnode: &FwNode, name: &CStr, out: *mut Self, len: usize) -> core::ffi::c_int {
                // SAFETY: the node is valid; `name` is NUL-terminated; `out`
                // as the caller guarantees; signed and unsigned integers of
                // one width share a layout.
                unsafe { bindings::$c_fn(fwnode.as_raw(), name.as_char_ptr(), out.cast::<$u>(), len) }
            }
        }

        impl Property for $t {
            fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self> {
                let mut v = MaybeUninit::<$t>::uninit();
                // SAFETY: room for one element.
                unsafe { <$t>::read_array(fwnode, name, v.as_mut_ptr(), 1) }?;
                // SAFETY: written by the successful read.
                Ok(unsafe { v.assume_init() })
            }
        }
    )*};
}

property_int! {
    u8 => u8, fwnode_property_read_u8_array;
    i8 => u8, fwnode_property_read_u8_array;
    u16 => u16, fwnode_property_read_u16_array;
    i16 => u16, fwnode_property_read_u16_array;
    u32 => u32, fwnode_property_read_u32_array;
    i32 => u32, fwnode_property_read_u32_array;
    u64 => u64, fwnode_property_read_u64_array;
    i64 => u64, fwnode_property_read_u64_array;
}

impl<T: PropertyInt, const N: usize> Property for [T; N] {
    fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self> {
        let mut v = MaybeUninit::<[T; N]>::uninit();
        // SAFETY: room for `N` elements.
        unsafe { T::read_array(fwnode, name, v.as_mut_ptr().cast::<T>(), N) }?;
        // SAFETY: all `N` written by the successful read.
        Ok(unsafe { v.assume_init() })
    }
}
