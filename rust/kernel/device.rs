//! Devices: [`Device`], C's `struct device`, with a type state saying what
//! the driver model guarantees about it, and the `dev_*!` printing macros
//! that prefix a message with the device's driver and name.
//!
//! # Device contexts
//!
//! As in Linux 6.18, `Device<Ctx>` carries a [`DeviceContext`]:
//!
//! - [`Normal`], the default: a device and nothing more. Only
//!   `Device<Normal>` is reference counted ([`ARef<Device>`](ARef)).
//! - [`Bound`]: the device is bound to a driver for as long as the reference
//!   lives. What needs a bound device ([`Devres`](crate::devres::Devres),
//!   [`devres::register`](crate::devres::register)) takes a `&Device<Bound>`,
//!   so it cannot be called on a device that might be unbound.
//! - [`Core`]: a bus callback (`probe`, `unbind`) runs, with the device lock
//!   held by the driver core; what a driver may only do there takes
//!   `&Device<Core>`.
//! - [`CoreInternal`]: as `Core`, for the bus abstractions themselves (the
//!   driver's private data).
//!
//! A reference derefs down the chain `CoreInternal` → `Core` → `Bound` →
//! `Normal`, never up: a `&Device<Core>` is usable where a `&Device<Bound>`
//! is wanted, a `&Device` is not. Bus devices (`pci::Device<Ctx>`) get the
//! same chain from [`impl_device_context_deref!`](crate::impl_device_context_deref)
//! and the conversions to an `ARef` from
//! [`impl_device_context_into_aref!`](crate::impl_device_context_into_aref).
//!
//! The contexts are proven by scope, not checked at run time: only code that
//! knows the device's state (a bus's callback trampolines) makes a
//! `&Device<Bound>` or `&Device<Core>`, through the unsafe
//! [`Device::from_raw`] or [`Device::as_bound`].

use core::ffi::c_char;
use core::fmt;
use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::print::format_message;
use crate::types::{ARef, AlwaysRefCounted, ForeignOwnable, Opaque};

pub mod property;

/// A device of the driver model: C's `struct device`, counted by its
/// kobject, in the context `Ctx`.
///
/// Only references to it exist in Rust, and [`ARef<Device>`](ARef), which
/// holds a count on it.
///
/// # Invariants
///
/// The object is a `struct device` initialised by the driver core, and
/// lives under its reference count (`get_device`/`put_device`). For a
/// context other than [`Normal`], the device is in that context for as long
/// as the reference lives.
#[repr(transparent)]
pub struct Device<Ctx: DeviceContext = Normal>(Opaque<bindings::device>, PhantomData<Ctx>);

impl Device {
    /// Takes a count on the device at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid device whose count cannot drop to zero during the
    /// call.
    pub unsafe fn get_device(ptr: *mut bindings::device) -> ARef<Self> {
        // SAFETY: valid during the call (the caller's guarantee), which is
        // all `from_raw` needs for the borrow that takes the count.
        ARef::from(unsafe { Self::from_raw(ptr) })
    }

    /// The same device in the [`Bound`] context.
    ///
    /// # Safety
    ///
    /// The device is bound to a driver for as long as the returned
    /// reference lives.
    pub unsafe fn as_bound(&self) -> &Device<Bound> {
        // INVARIANT: bound while the reference lives (the caller's guarantee).
        // SAFETY: the contexts only differ in a zero-sized marker, so the
        // layouts are the same; the lifetime is `self`'s.
        unsafe { &*(self as *const Self).cast::<Device<Bound>>() }
    }
}

impl Device<CoreInternal> {
    /// Stores the driver's private data in the device (C's
    /// `dev_set_drvdata`); a bus abstraction takes it back with
    /// [`Device::drvdata_obtain`].
    pub fn set_drvdata(&self, data: impl ForeignOwnable) {
        // SAFETY: the device is valid (the type invariant); the driver core
        // holds the device lock in a bus callback (the context), so nobody
        // else writes the pointer.
        unsafe { bindings::dev_set_drvdata(self.as_raw(), data.into_foreign() as *mut core::ffi::c_void) }
    }

    /// Takes back the private data stored with [`Device::set_drvdata`].
    ///
    /// # Safety
    ///
    /// `set_drvdata` stored a `T` that has not been taken back since; this
    /// is called once for it.
    pub unsafe fn drvdata_obtain<T: ForeignOwnable>(&self) -> T {
        // SAFETY: the device is valid (the type invariant).
        let ptr = unsafe { bindings::dev_get_drvdata(self.as_raw()) };
        // SAFETY: `ptr` came from `T::into_foreign` and is taken back once
        // (the caller's guarantee).
        unsafe { T::from_foreign(ptr as *const core::ffi::c_void) }
    }

    /// Borrows the private data stored with [`Device::set_drvdata`].
    ///
    /// # Safety
    ///
    /// `set_drvdata` stored a `T` that is not taken back while the borrow
    /// lives.
    pub unsafe fn drvdata_borrow<T: ForeignOwnable>(&self) -> T::Borrowed<'_> {
        // SAFETY: the device is valid (the type invariant).
        let ptr = unsafe { bindings::dev_get_drvdata(self.as_raw()) };
        // SAFETY: `ptr` came from `T::into_foreign` and stays there while
        // the borrow lives (the caller's guarantee).
        unsafe { T::borrow(ptr as *const core::ffi::c_void) }
    }
}

impl<Ctx: DeviceContext> Device<Ctx> {
    /// The device at `ptr`, borrowed for `'a`, in the context `Ctx`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid device whose count cannot drop to zero for `'a`,
    /// and it is in the context `Ctx` for `'a`.
    pub unsafe fn from_raw<'a>(ptr: *mut bindings::device) -> &'a Self {
        // INVARIANT: the caller guarantees a counted, live device in `Ctx`.
        // SAFETY: `Device` is a transparent wrapper; valid for `'a` (the
        // caller's guarantee).
        unsafe { &*ptr.cast::<Self>() }
    }

    /// The C `struct device *`.
    pub fn as_raw(&self) -> *mut bindings::device {
        self.0.get()
    }

    /// The device's parent, if it has one.
    pub fn parent(&self) -> Option<&Device> {
        // SAFETY: the device is valid (the type invariant); the parent is
        // set when the device is made and never changes after.
        let parent = unsafe { (*self.as_raw()).parent };
        if parent.is_null() {
            return None;
        }
        // SAFETY: a device holds a count on its parent for as long as it
        // lives, so the parent outlives the borrow of `self`.
        Some(unsafe { Device::from_raw(parent) })
    }

    /// The device's firmware node (its ACPI or device-tree node), if it has one.
    pub fn fwnode(&self) -> Option<&property::FwNode> {
        // SAFETY: the device is valid (the type invariant).
        let node = unsafe { bindings::__dev_fwnode(self.as_raw()) };
        if node.is_null() {
            return None;
        }
        // SAFETY: the device holds its firmware node for as long as it
        // lives, so the node outlives the borrow of `self`.
        Some(unsafe { property::FwNode::from_raw(node) })
    }

    /// Prints `args` at `level` (one of the bindings' `KERN_*`), prefixed
    /// as C's `dev_info()` prefixes it: driver and device name.
    fn printk(&self, level: &[u8; 3], args: fmt::Arguments<'_>) {
        let buf = format_message(args);
        let (len, text) = buf.as_printk_args();
        // SAFETY: the device is valid (the type invariant); the level and
        // the format are NUL-terminated; `%.*s` reads `len` initialised
        // bytes of `buf`, which lives across the call.
        unsafe {
            bindings::_dev_printk(
                level.as_ptr() as *const c_char,
                self.as_raw(),
                b"%.*s\n\0".as_ptr() as *const c_char,
                len,
                text,
            )
        };
    }

    /// Prints an emergency-level message; see [`dev_emerg!`](crate::dev_emerg).
    pub fn pr_emerg(&self, args: fmt::Arguments<'_>) {
        self.printk(bindings::KERN_EMERG, args)
    }

    /// Prints an alert-level message; see [`dev_alert!`](crate::dev_alert).
    pub fn pr_alert(&self, args: fmt::Arguments<'_>) {
        self.printk(bindings::KERN_ALERT, args)
    }

    /// Prints a critical-level message; see [`dev_crit!`](crate::dev_crit).
    pub fn pr_crit(&self, args: fmt::Arguments<'_>) {
        self.printk(bindings::KERN_CRIT, args)
    }

    /// Prints an error-level message; see [`dev_err!`](crate::dev_err).
    pub fn pr_err(&self, args: fmt::Arguments<'_>) {
        self.printk(bindings::KERN_ERR, args)
    }

    /// Prints a warning-level message; see [`dev_warn!`](crate::dev_warn).
    pub fn pr_warn(&self, args: fmt::Arguments<'_>) {
        self.printk(bindings::KERN_WARNING, args)
    }

    /// Prints a notice-level message; see [`dev_notice!`](crate::dev_notice).
    pub fn pr_notice(&self, args: fmt::Arguments<'_>) {
        self.printk(bindings::KERN_NOTICE, args)
    }

    /// Prints an info-level message; see [`dev_info!`](crate::dev_info).
    pub fn pr_info(&self, args: fmt::Arguments<'_>) {
        self.printk(bindings::KERN_INFO, args)
    }

    /// Prints a debug-level message in builds with debug assertions, as
    /// [`pr_debug!`](crate::pr_debug) does; see [`dev_dbg!`](crate::dev_dbg).
    pub fn pr_dbg(&self, args: fmt::Arguments<'_>) {
        if cfg!(debug_assertions) {
            self.printk(bindings::KERN_DEBUG, args)
        }
    }
}

// SAFETY: the contexts share one transparent layout around `struct device`,
// whatever the marker.
crate::impl_device_context_deref!(unsafe { Device });
crate::impl_device_context_into_aref!(Device);

// SAFETY: the driver core's device is made for use from any thread; its
// count is atomic and it is freed by whichever task puts the last count.
unsafe impl Send for Device {}
// SAFETY: `&Device` only reads what the driver core keeps stable, or calls
// functions that lock what they need.
unsafe impl Sync for Device {}

// SAFETY: every `Device` lives under the driver core's count (the type
// invariant); `get_device` takes one, `put_device` puts it.
unsafe impl AlwaysRefCounted for Device {
    fn inc_ref(&self) {
        // SAFETY: the device is valid, so taking a count is allowed.
        unsafe { bindings::get_device(self.as_raw()) };
    }

    unsafe fn dec_ref(obj: NonNull<Self>) {
        // SAFETY: the caller owns a count on the device.
        unsafe { bindings::put_device(obj.cast().as_ptr()) }
    }
}

/// The state a [`Device`] is known to be in: [`Normal`], [`Bound`],
/// [`Core`] or [`CoreInternal`]. Sealed: the crate defines them all.
pub trait DeviceContext: private::Sealed {}

/// No guarantee beyond a live device: the default context, and the only
/// one an [`ARef`] can hold.
pub struct Normal;

/// A bus callback (`probe`, `unbind`) runs on the device, with the device
/// lock held by the driver core; bound to the driver for the whole callback.
pub struct Core;

/// As [`Core`], reserved to the bus abstractions (which keep, for example,
/// the driver's private data with it), so that drivers cannot reach it.
pub struct CoreInternal;

/// The device is bound to a driver while the reference lives: resources
/// tied to the binding ([`Devres`](crate::devres::Devres)) are valid.
pub struct Bound;

mod private {
    pub trait Sealed {}

    impl Sealed for super::Bound {}
    impl Sealed for super::Core {}
    impl Sealed for super::CoreInternal {}
    impl Sealed for super::Normal {}
}

impl DeviceContext for Bound {}
impl DeviceContext for Core {}
impl DeviceContext for CoreInternal {}
impl DeviceContext for Normal {}

/// One step of the context chain: `$device<$src>` derefs to `$device<$dst>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_device_context_deref {
    // SAFETY: not a block: the caller's promise, `impl_device_context_deref!`'s contract.
    (unsafe { $device:ident, $src:ty => $dst:ty }) => {
        impl ::core::ops::Deref for $device<$src> {
            type Target = $device<$dst>;

            fn deref(&self) -> &Self::Target {
                let ptr: *const Self = self;
                // SAFETY: `$device` wraps the same type whatever its context
                // (the macro's contract), so the cast keeps layout and
                // validity; the lifetime is `self`'s.
                unsafe { &*ptr.cast::<Self::Target>() }
            }
        }
    };
}

/// Gives a device type generic over [`DeviceContext`] the chain of
/// [`Deref`](core::ops::Deref)s `CoreInternal` → `Core` → `Bound` → `Normal`.
///
/// Written `impl_device_context_deref!(unsafe { Device })`, with a
/// `// SAFETY:` comment saying why the contract holds.
///
/// # Safety
///
/// `$device<Ctx>` is a transparent wrapper of one type that does not depend
/// on `Ctx`.
#[macro_export]
macro_rules! impl_device_context_deref {
    // SAFETY: not a block: the caller's promise, this macro's contract.
    (unsafe { $device:ident }) => {
        // SAFETY: the contract of this macro, passed on.
        $crate::__impl_device_context_deref!(unsafe {
            $device, $crate::device::CoreInternal => $crate::device::Core
        });
        // SAFETY: the contract of this macro, passed on.
        $crate::__impl_device_context_deref!(unsafe {
            $device, $crate::device::Core => $crate::device::Bound
        });
        // SAFETY: the contract of this macro, passed on.
        $crate::__impl_device_context_deref!(unsafe {
            $device, $crate::device::Bound => $crate::device::Normal
        });
    };
}

/// One conversion of `&$device<$src>` into an `ARef<$device>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_device_context_into_aref {
    ($src:ty, $device:tt) => {
        impl ::core::convert::From<&$device<$src>> for $crate::sync::aref::ARef<$device> {
            fn from(dev: &$device<$src>) -> Self {
                (&**dev).into()
            }
        }
    };
}

/// Lets every `&Device<Ctx>` of a device type become an `ARef<Device>`
/// (a count of its own, in the [`Normal`] context).
#[macro_export]
macro_rules! impl_device_context_into_aref {
    ($device:tt) => {
        $crate::__impl_device_context_into_aref!($crate::device::CoreInternal, $device);
        $crate::__impl_device_context_into_aref!($crate::device::Core, $device);
        $crate::__impl_device_context_into_aref!($crate::device::Bound, $device);
    };
}

/// Prints a message about a device: `dev_printk!(pr_info, dev, "...")`.
#[doc(hidden)]
#[macro_export]
macro_rules! dev_printk {
    ($method:ident, $dev:expr, $($f:tt)+) => {
        ($dev).$method($crate::fmt!($($f)+))
    };
}

/// Prints an emergency-level message (level 0) about a device, prefixed
/// with its driver and name as C's `dev_emerg` does.
#[macro_export]
macro_rules! dev_emerg { ($($f:tt)+) => { $crate::dev_printk!(pr_emerg, $($f)+) }; }

/// Prints an alert-level message (level 1) about a device.
#[macro_export]
macro_rules! dev_alert { ($($f:tt)+) => { $crate::dev_printk!(pr_alert, $($f)+) }; }

/// Prints a critical-level message (level 2) about a device.
#[macro_export]
macro_rules! dev_crit { ($($f:tt)+) => { $crate::dev_printk!(pr_crit, $($f)+) }; }

/// Prints an error-level message (level 3) about a device.
#[macro_export]
macro_rules! dev_err { ($($f:tt)+) => { $crate::dev_printk!(pr_err, $($f)+) }; }

/// Prints a warning-level message (level 4) about a device.
#[macro_export]
macro_rules! dev_warn { ($($f:tt)+) => { $crate::dev_printk!(pr_warn, $($f)+) }; }

/// Prints a notice-level message (level 5) about a device.
#[macro_export]
macro_rules! dev_notice { ($($f:tt)+) => { $crate::dev_printk!(pr_notice, $($f)+) }; }

/// Prints an info-level message (level 6) about a device.
///
/// ```ignore
/// dev_info!(registration.device(), "{} bytes\n", len);
/// ```
#[macro_export]
macro_rules! dev_info { ($($f:tt)+) => { $crate::dev_printk!(pr_info, $($f)+) }; }

/// Prints a debug-level message (level 7) about a device, only in builds
/// with debug assertions (as [`pr_debug!`](crate::pr_debug)); the arguments
/// are type-checked either way.
#[macro_export]
macro_rules! dev_dbg { ($($f:tt)+) => { $crate::dev_printk!(pr_dbg, $($f)+) }; }
