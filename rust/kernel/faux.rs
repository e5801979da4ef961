//! The faux bus: devices with no hardware behind them, for a driver that
//! needs a `struct device` and nothing else (sysfs, `dev_*!` messages,
//! firmware requests), as Linux 6.18's `kernel::faux` has it.
//!
//! ```ignore
//! let reg = faux::Registration::new(c_str!("my-faux-device"), None)?;
//! dev_info!(reg.as_ref(), "bound\n");
//! ```
//!
//! The faux bus appeared in Linux 6.14, so the stock kernels lack it;
//! krust supplies it as C glue compiled into the module that uses this
//! module (`rust/glue/faux.c`), with the kernel's API under krust's names.
//! One thing differs from the kernel's own bus: each module has a bus of
//! its own, `faux-MODNAME`, with a root device of the same name, so that
//! two modules carrying the glue do not register one name twice. A device
//! `NAME` of module `m` with no parent is `/sys/devices/faux-m/NAME` and
//! `/sys/bus/faux-m/devices/NAME` (the kernel's are `/sys/devices/faux/NAME`
//! and `/sys/bus/faux/devices/NAME`); its driver is `faux_driver`, as in
//! the kernel, and it is bound from its creation to its destruction.
//!
//! The bus is the module's code, so the module must destroy its faux devices
//! before it is unloaded: dropping each [`Registration`], which a module
//! keeps in its module type, does.

use core::ptr::{null, null_mut, NonNull};

use crate::device;
use crate::error::{code::ENODEV, Result};
use crate::str::{CStr, CStrExt};

/// A registered faux device, destroyed when this is dropped.
///
/// [`Registration::new`] fails with `ENODEV` when the device cannot be
/// made, as in Linux 6.18 (the C API gives no reason): no memory, an empty
/// name, or a faux device of the same name in the module already.
///
/// # Invariants
///
/// `self.0` is a faux device made by `krust_glue_faux_device_create`, not
/// yet destroyed, and bound to the bus's driver.
pub struct Registration(NonNull<bindings::krust_faux_device>);

impl Registration {
    /// Creates and registers a faux device `name`, under `parent` or, with
    /// `None`, under the module's faux root device.
    // The calls into the glue stay in `#[inline]` code, compiled only into
    // the modules that use them: a module that does not has no glue.
    #[inline]
    pub fn new(name: &CStr, parent: Option<&device::Device>) -> Result<Self> {
        // SAFETY: `name` is a NUL-terminated string, which the driver core
        // copies; no ops is allowed; `parent` is a live device or NULL, and
        // `device_add` takes a count on it for as long as the faux device
        // lives.
        let dev = unsafe {
            bindings::krust_glue_faux_device_create(
                name.as_char_ptr(),
                parent.map_or(null_mut(), |p| p.as_raw()),
                null(),
            )
        };
        // INVARIANT: the glue returns a registered, bound device or NULL;
        // it stays registered until `drop` destroys it.
        NonNull::new(dev).map(Self).ok_or(ENODEV)
    }

    fn as_raw(&self) -> *mut bindings::krust_faux_device {
        self.0.as_ptr()
    }
}

impl AsRef<device::Device> for Registration {
    #[inline]
    fn as_ref(&self) -> &device::Device {
        // SAFETY: the faux device is live until `self` is dropped (the type
        // invariant), and its `dev` is a registered device, whose count the
        // registration holds while `&self` lives.
        unsafe { device::Device::from_raw(&raw mut (*self.as_raw()).dev) }
    }
}

impl Drop for Registration {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the device is live and not destroyed yet (the type
        // invariant); `self` goes away now, so it is destroyed once.
        unsafe { bindings::krust_glue_faux_device_destroy(self.as_raw()) }
    }
}

// SAFETY: the driver core's device functions may be called from any task;
// a `Registration` is destroyed once, by whoever drops it.
unsafe impl Send for Registration {}

// SAFETY: `&Registration` only gives the device, whose `&` methods are
// thread-safe.
unsafe impl Sync for Registration {}
