//! Firmware-node properties: [`FwNode`], C's `struct fwnode_handle`, the
//! ACPI or device-tree node a device was described by, and what it says.
//!
//! As in Linux 6.18: [`FwNode::property_read`] reads a string
//! ([`CString`]), an integer or an array of integers into a
//! [`PropertyGuard`], which says whether the property is required
//! ([`required_by`](PropertyGuard::required_by) logs its absence),
//! optional, or has a default; [`FwNode::children`] walks the child nodes
//! and [`FwNode::property_get_reference_args`] follows a reference with
//! arguments. On ACPI the properties are those of the device's `_DSD`
//! (integers are 64-bit there: reading one into a narrower type fails with
//! `EOVERFLOW` when it does not fit), and the children are its child
//! devices and data nodes.

use core::fmt;
use core::ptr::{self, NonNull};

use crate::alloc::{flags::GFP_KERNEL, KVec};
use crate::error::{to_result, Result};
use crate::init::Zeroable;
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

impl FwNode {
    /// Takes over a count on the node at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid firmware node on which the caller owns a count,
    /// which the returned `ARef` now owns.
    unsafe fn from_counted(ptr: *mut bindings::fwnode_handle) -> ARef<Self> {
        // SAFETY: `ptr` is not null and carries a count (the caller's
        // guarantee); `FwNode` is a transparent wrapper.
        unsafe { ARef::from_raw(NonNull::new_unchecked(ptr.cast())) }
    }

    /// Whether the node is a device-tree node (never on the stock kernels,
    /// which build without device-tree support).
    pub fn is_of_node(&self) -> bool {
        // SAFETY: the node is valid (the type invariant).
        unsafe { bindings::is_of_node(self.as_raw()) }
    }

    /// The node's own name, without its path, for `{}`.
    pub fn display_name(&self) -> impl fmt::Display + '_ {
        struct Name<'a>(&'a FwNode);

        impl fmt::Display for Name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // SAFETY: the node is valid (the type invariant).
                let name = unsafe { bindings::fwnode_get_name(self.0.as_raw()) };
                if name.is_null() {
                    return Ok(());
                }
                // SAFETY: a non-null name is a C string that lives as long
                // as the node.
                let name = unsafe { CStr::from_ptr(name) };
                write!(f, "{}", CStrExt::display(name))
            }
        }

        Name(self)
    }

    /// The value of the boolean property `name`: whether it is present.
    pub fn property_read_bool(&self, name: &CStr) -> bool {
        // SAFETY: the node is valid (the type invariant); `name` is
        // NUL-terminated.
        unsafe { bindings::fwnode_property_read_bool(self.as_raw(), name.as_char_ptr()) }
    }

    /// The index of `match_str` in the string-array property `name`.
    pub fn property_match_string(&self, name: &CStr, match_str: &CStr) -> Result<usize> {
        // SAFETY: the node is valid (the type invariant); both strings are
        // NUL-terminated.
        let ret = unsafe {
            bindings::fwnode_property_match_string(self.as_raw(), name.as_char_ptr(), match_str.as_char_ptr())
        };
        to_result(ret)?;
        Ok(ret as usize)
    }

    /// The first `len` integers of the array property `name`, in a [`KVec`]
    /// (`ENOMEM` is the outer error; a property missing or shorter than
    /// `len` is the guard's).
    pub fn property_read_array_vec<'fwnode, 'name, T: PropertyInt>(
        &'fwnode self,
        name: &'name CStr,
        len: usize,
    ) -> Result<PropertyGuard<'fwnode, 'name, KVec<T>>> {
        let mut val = KVec::with_capacity(len, GFP_KERNEL)?;
        val.resize(len, crate::init::zeroed::<T>(), GFP_KERNEL)?;
        let inner = T::read_array(self, name, &mut val).map(|()| val);
        Ok(PropertyGuard { inner, fwnode: self, name })
    }

    /// The number of integers of type `T` in the array property `name`.
    pub fn property_count_elem<T: PropertyInt>(&self, name: &CStr) -> Result<usize> {
        T::count(self, name)
    }

    /// The property `name`, read as a `T`: a [`CString`], an integer, or an
    /// array of integers of a fixed length (`[u32; 4]`).
    ///
    /// ```ignore
    /// let fwnode = dev.fwnode().ok_or(ENOENT)?;
    /// let n: u32 = fwnode.property_read(c"some-number").required_by(dev)?;
    /// let s = fwnode.property_read::<CString>(c"some-string").optional();
    /// ```
    pub fn property_read<'fwnode, 'name, T: Property>(
        &'fwnode self,
        name: &'name CStr,
    ) -> PropertyGuard<'fwnode, 'name, T> {
        PropertyGuard { inner: T::read_from_fwnode_property(self, name), fwnode: self, name }
    }

    /// The child node called `name`, if there is one.
    pub fn get_child_by_name(&self, name: &CStr) -> Option<ARef<Self>> {
        // SAFETY: the node is valid (the type invariant); `name` is
        // NUL-terminated.
        let child = unsafe { bindings::fwnode_get_named_child_node(self.as_raw(), name.as_char_ptr()) };
        // SAFETY: a node returned carries a count for the caller.
        (!child.is_null()).then(|| unsafe { Self::from_counted(child) })
    }

    /// The node's children, in order.
    pub fn children<'a>(&'a self) -> impl Iterator<Item = ARef<FwNode>> + 'a {
        let mut prev: Option<ARef<FwNode>> = None;
        core::iter::from_fn(move || {
            // `fwnode_get_next_child_node` puts the count of the child it
            // is given, so the previous child's count goes to it.
            let prev_ptr = prev.take().map_or(ptr::null_mut(), |p| ARef::into_raw(p).as_ptr().cast());
            // SAFETY: the node is valid (the type invariant); `prev_ptr` is
            // null or a child of it with a count that the call takes.
            let next = unsafe { bindings::fwnode_get_next_child_node(self.as_raw(), prev_ptr) };
            if next.is_null() {
                return None;
            }
            // SAFETY: a node returned carries a count for the caller.
            let next = unsafe { Self::from_counted(next) };
            prev = Some(next.clone());
            Some(next)
        })
    }

    /// The `index`th reference of the property `prop`, with its arguments:
    /// as many as `nargs` says.
    pub fn property_get_reference_args(&self, prop: &CStr, nargs: NArgs<'_>, index: u32) -> Result<FwNodeReferenceArgs> {
        let (nargs_prop, nargs) = match nargs {
            NArgs::Prop(name) => (name.as_char_ptr(), 0),
            NArgs::N(n) => (ptr::null(), n),
        };
        let mut args = FwNodeReferenceArgs(crate::init::zeroed());
        // SAFETY: the node is valid (the type invariant); the strings are
        // NUL-terminated or null; `args.0` is writable.
        let ret = unsafe {
            bindings::fwnode_property_get_reference_args(
                self.as_raw(),
                prop.as_char_ptr(),
                nargs_prop,
                nargs,
                index,
                &mut args.0,
            )
        };
        to_result(ret)?;
        // INVARIANT: on success, `fwnode` is the referenced node with a
        // count for the caller, and `nargs` at most the array's length.
        Ok(args)
    }
}

/// The node's full path (`\_SB.RBEF` on ACPI), as C's `%pfw` prints it
/// (the kernel does not export the functions 6.18 builds it from); a path
/// longer than 255 bytes is cut there.
impl fmt::Display for FwNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 256];
        // SAFETY: `buf` is writable for its length, which `scnprintf` keeps
        // to, NUL included; `%pfw` reads the node, which is valid (the type
        // invariant).
        unsafe { bindings::scnprintf(buf.as_mut_ptr().cast(), buf.len(), c"%pfw".as_ptr(), self.as_raw()) };
        // `scnprintf` always ends what it wrote with a NUL.
        match CStr::from_bytes_until_nul(&buf) {
            Ok(path) => write!(f, "{}", CStrExt::display(path)),
            Err(_) => Ok(()),
        }
    }
}

mod private {
    pub trait Sealed {}
}

/// What [`FwNode::property_read`] can read: [`CString`], the integers and
/// fixed-length arrays of them. Sealed.
pub trait Property: Sized + private::Sealed {
    /// Reads the property `name` of `fwnode`.
    fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self>;
}

impl private::Sealed for CString {}

impl Property for CString {
    fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self> {
        let mut s: *const core::ffi::c_char = ptr::null();
        // SAFETY: the node is valid (the type invariant); `name` is
        // NUL-terminated; `s` is writable.
        to_result(unsafe { bindings::fwnode_property_read_string(fwnode.as_raw(), name.as_char_ptr(), &mut s) })?;
        // SAFETY: on success `s` is a C string that lives as long as the
        // node; it is copied at once.
        Ok(CString::try_from(unsafe { CStr::from_ptr(s) })?)
    }
}

/// The integers an array property holds: `u8` to `u64` and `i8` to `i64`
/// (a signed type reads the unsigned one's bits). Sealed.
pub trait PropertyInt: Copy + Zeroable + private::Sealed {
    /// Reads the first `out.len()` elements of the property `name`.
    #[doc(hidden)]
    fn read_array(fwnode: &FwNode, name: &CStr, out: &mut [Self]) -> Result;

    /// The number of elements of the property `name`.
    #[doc(hidden)]
    fn count(fwnode: &FwNode, name: &CStr) -> Result<usize>;
}

macro_rules! impl_property_int {
    ($($int:ty => $uint:ty, $read:ident;)*) => { $(
        impl private::Sealed for $int {}
        impl<const N: usize> private::Sealed for [$int; N] {}

        impl PropertyInt for $int {
            fn read_array(fwnode: &FwNode, name: &CStr, out: &mut [Self]) -> Result {
                // SAFETY: the node is valid; `name` is NUL-terminated; `out`
                // has room for `out.len()` elements, of the size of the
                // unsigned type the C function writes.
                to_result(unsafe {
                    bindings::$read(fwnode.as_raw(), name.as_char_ptr(), out.as_mut_ptr().cast::<$uint>(), out.len())
                })
            }

            fn count(fwnode: &FwNode, name: &CStr) -> Result<usize> {
                // SAFETY: as above; with no buffer (NULL, 0) the C function
                // returns the element count.
                let ret = unsafe { bindings::$read(fwnode.as_raw(), name.as_char_ptr(), ptr::null_mut(), 0) };
                to_result(ret)?;
                Ok(ret as usize)
            }
        }

        impl Property for $int {
            fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self> {
                let [val] = <[$int; 1]>::read_from_fwnode_property(fwnode, name)?;
                Ok(val)
            }
        }

        impl<const N: usize> Property for [$int; N] {
            fn read_from_fwnode_property(fwnode: &FwNode, name: &CStr) -> Result<Self> {
                let mut val: [$int; N] = [0; N];
                <$int>::read_array(fwnode, name, &mut val)?;
                Ok(val)
            }
        }
    )* };
}

impl_property_int! {
    u8 => u8, fwnode_property_read_u8_array;
    u16 => u16, fwnode_property_read_u16_array;
    u32 => u32, fwnode_property_read_u32_array;
    u64 => u64, fwnode_property_read_u64_array;
    i8 => u8, fwnode_property_read_u8_array;
    i16 => u16, fwnode_property_read_u16_array;
    i32 => u32, fwnode_property_read_u32_array;
    i64 => u64, fwnode_property_read_u64_array;
}

/// A property read by [`FwNode::property_read`], to be taken as required,
/// optional or with a default.
pub struct PropertyGuard<'fwnode, 'name, T> {
    inner: Result<T>,
    fwnode: &'fwnode FwNode,
    name: &'name CStr,
}

impl<T> PropertyGuard<'_, '_, T> {
    /// The property, which `dev` requires: its absence is logged on `dev`.
    pub fn required_by(self, dev: &super::Device) -> Result<T> {
        if self.inner.is_err() {
            crate::dev_err!(dev, "{}: property '{}' is missing\n", self.fwnode, CStrExt::display(self.name));
        }
        self.inner
    }

    /// The property, if it could be read.
    pub fn optional(self) -> Option<T> {
        self.inner.ok()
    }

    /// The property, or `default` when it could not be read.
    pub fn or(self, default: T) -> T {
        self.inner.unwrap_or(default)
    }
}

impl<T: Default> PropertyGuard<'_, '_, T> {
    /// The property, or `T`'s default when it could not be read.
    pub fn or_default(self) -> T {
        self.inner.unwrap_or_default()
    }
}

/// How many arguments follow a reference: as the referenced node's property
/// of that name says (device tree's `#foo-cells`), or a fixed number.
pub enum NArgs<'a> {
    /// The referenced node's property of that name gives the count.
    Prop(&'a CStr),
    /// A fixed count.
    N(u32),
}

/// A reference read by [`FwNode::property_get_reference_args`]: the node
/// referenced, whose count this holds, and its integer arguments.
///
/// # Invariants
///
/// `0.fwnode` is null or a node on which this holds a count, and
/// `0.nargs` is at most the length of `0.args`.
#[repr(transparent)]
pub struct FwNodeReferenceArgs(bindings::fwnode_reference_args);

// SAFETY: zero bytes are an empty `fwnode_reference_args`: a null node and
// no arguments.
unsafe impl Zeroable for bindings::fwnode_reference_args {}

impl FwNodeReferenceArgs {
    /// The arguments.
    pub fn as_slice(&self) -> &[u64] {
        &self.0.args[..self.len()]
    }

    /// The number of arguments.
    pub fn len(&self) -> usize {
        (self.0.nargs as usize).min(self.0.args.len())
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for FwNodeReferenceArgs {
    fn drop(&mut self) {
        if !self.0.fwnode.is_null() {
            // SAFETY: a non-null node carries a count this owns (the type
            // invariant), put once, here.
            unsafe { bindings::fwnode_handle_put(self.0.fwnode) }
        }
    }
}

impl fmt::Debug for FwNodeReferenceArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_slice())
    }
}
