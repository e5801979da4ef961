//! Devices: [`Device`], C's `struct device`, and the `dev_*!` printing
//! macros that prefix a message with the device's driver and name.
//!
//! Linux 6.18's `Device` has a type parameter for the state the driver
//! model guarantees (bound to a driver or not); a driver is not needed for
//! the misc devices this crate registers, so there is one plain `Device`
//! here, which the driver-model types can extend.

use core::ffi::c_char;
use core::fmt;
use core::ptr::NonNull;

use crate::print::format_message;
use crate::types::{AlwaysRefCounted, Opaque};

/// A device of the driver model: C's `struct device`, counted by its kobject.
///
/// Only references to it exist in Rust, and [`ARef<Device>`](crate::types::ARef),
/// which holds a count on it.
///
/// # Invariants
///
/// The object is a `struct device` initialised by the driver core, and
/// lives under its reference count (`get_device`/`put_device`).
#[repr(transparent)]
pub struct Device(Opaque<bindings::device>);

// SAFETY: the driver core's device is made for use from any thread; its
// count is atomic and it is freed by whichever task puts the last count.
unsafe impl Send for Device {}
// SAFETY: `&Device` only reads what the driver core keeps stable, or calls
// functions that lock what they need.
unsafe impl Sync for Device {}

impl Device {
    /// The device at `ptr`, borrowed for `'a`.
    ///
    /// # Safety
    ///
    /// `ptr` is a valid device that keeps a count for at least `'a`.
    pub unsafe fn as_ref<'a>(ptr: *mut bindings::device) -> &'a Device {
        // INVARIANT: the caller guarantees a counted, live device.
        // SAFETY: `Device` is a transparent wrapper; valid for `'a` (the
        // caller's guarantee).
        unsafe { &*ptr.cast::<Device>() }
    }

    /// The C `struct device *`.
    pub fn as_raw(&self) -> *mut bindings::device {
        self.0.get()
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

/// Prints a message about a device: `dev_printk!(pr_info, dev, "...")`.
#[doc(hidden)]
#[macro_export]
macro_rules! dev_printk {
    ($method:ident, $dev:expr, $($f:tt)+) => {
        ($dev).$method(::core::format_args!($($f)+))
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
