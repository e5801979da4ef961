//! The platform bus: [`Device`], C's `struct platform_device`, and
//! [`Driver`], a platform driver matched through ACPI or device-tree ID
//! tables, which [`module_platform_driver!`](crate::module_platform_driver)
//! registers. As in Linux 6.18.
//!
//! On x86 a platform device usually comes from ACPI: a device whose `_HID`
//! is in the driver's [`ACPI_ID_TABLE`](Driver::ACPI_ID_TABLE) (see
//! [`acpi_device_table!`](crate::acpi_device_table)) becomes the platform
//! device `HID:NN` (`LNUXBEEF:00`), whose firmware node
//! ([`device::Device::fwnode`]) holds the `_DSD` properties. The stock
//! kernels build without device-tree support, so an
//! [`OF_ID_TABLE`](Driver::OF_ID_TABLE) gives the module its `of:` aliases
//! and matches nothing.
//!
//! # Differences from 6.18
//!
//! - Of 6.18's `Device` accessors, the memory resources
//!   (`resource_by_index`, `resource_by_name`, `io_request_by_index`,
//!   `io_request_by_name`) and the interrupt lines by index
//!   (`irq_by_index`, `optional_irq_by_index`, `request_irq_by_index`,
//!   `request_threaded_irq_by_index`) are here; those by name of the
//!   interrupt lines are not.
//! - The C registration type starts all zero (`RegType: Zeroable`, see
//!   [`driver::RegistrationOps`]).

use core::ffi::c_int;
use core::marker::PhantomData;
use core::pin::Pin;
use core::ptr::NonNull;

use crate::alloc::KBox;
use crate::device::{self, Core, CoreInternal};
use crate::driver;
use crate::error::{to_result, Error, Result};
use crate::init::PinInit;
use crate::io::mem::IoRequest;
use crate::io::resource::Resource;
use crate::irq::{self, IrqRequest};
use crate::init::Zeroable;
use crate::str::{CStr, CStrExt as _};
use crate::types::{AlwaysRefCounted, Opaque};
use crate::{acpi, of, ThisModule};

/// The platform bus's side of a [`Driver`]: its registration and the
/// callbacks the platform core calls.
pub struct Adapter<T: Driver>(T);

// SAFETY: zero bytes are an empty `struct platform_driver`: null pointers,
// no callbacks, zeroed lists that registration initialises.
unsafe impl Zeroable for bindings::platform_driver {}

// SAFETY: `register` fills the driver in and registers it, returning the C
// result; `unregister` is `platform_driver_unregister`, after which the
// driver core calls none of the driver's callbacks (it unbinds every device
// first).
unsafe impl<T: Driver + 'static> driver::RegistrationOps for Adapter<T> {
    type RegType = bindings::platform_driver;

    unsafe fn register(reg: &Opaque<Self::RegType>, name: &'static CStr, module: &'static ThisModule) -> Result {
        let of_table = T::OF_ID_TABLE.map_or(core::ptr::null(), |table| table.as_ptr());
        let acpi_table = T::ACPI_ID_TABLE.map_or(core::ptr::null(), |table| table.as_ptr());
        let drv = reg.get();
        // SAFETY: `drv` is initialised and not yet registered (the caller's
        // guarantee): nobody else reads it. The void `remove` is
        // `remove_new` in 6.1, a second name of the same field from 6.11.
        unsafe {
            (*drv).driver.name = name.as_char_ptr();
            (*drv).probe = Some(Self::probe_callback);
            #[cfg(linux_ge_6_11)]
            {
                (*drv).__bindgen_anon_1.remove = Some(Self::remove_callback);
            }
            #[cfg(not(linux_ge_6_11))]
            {
                (*drv).remove_new = Some(Self::remove_callback);
            }
            (*drv).driver.of_match_table = of_table;
            (*drv).driver.acpi_match_table = acpi_table;
        }
        // SAFETY: `drv` is pinned until `unregister` (the caller's
        // guarantee); the name and the tables are static.
        to_result(unsafe { bindings::__platform_driver_register(drv, module.as_ptr()) })
    }

    unsafe fn unregister(reg: &Opaque<Self::RegType>) {
        // SAFETY: registered (the caller's guarantee).
        unsafe { bindings::platform_driver_unregister(reg.get()) }
    }
}

impl<T: Driver + 'static> driver::Adapter for Adapter<T> {
    type IdInfo = T::IdInfo;
    const ACPI_ID_TABLE: Option<acpi::IdTable<Self::IdInfo>> = T::ACPI_ID_TABLE;
    const OF_ID_TABLE: Option<of::IdTable<Self::IdInfo>> = T::OF_ID_TABLE;
}

impl<T: Driver + 'static> Adapter<T> {
    extern "C" fn probe_callback(pdev: *mut bindings::platform_device) -> c_int {
        // INVARIANT: the platform core made the device, which is in the
        // core context (locked, being bound) for the whole call.
        // SAFETY: the platform core calls probe with a live device, its
        // lock held and the driver being bound, for the whole call.
        let pdev = unsafe { &*pdev.cast::<Device<CoreInternal>>() };
        let info = <Self as driver::Adapter>::id_info(pdev.as_ref());
        driver::probe_done(pdev.as_ref(), T::probe(pdev, info))
    }

    extern "C" fn remove_callback(pdev: *mut bindings::platform_device) {
        // INVARIANT: as for probe, for the whole call.
        // SAFETY: as for probe: a live device, bound, its lock held.
        let pdev = unsafe { &*pdev.cast::<Device<CoreInternal>>() };
        let dev: &device::Device<CoreInternal> = pdev.as_ref();
        // SAFETY: remove follows a successful probe, which stored a
        // `Pin<KBox<T>>`; it is taken back here, once.
        let data = unsafe { dev.drvdata_obtain::<Pin<KBox<T>>>() };
        T::unbind(pdev, data.as_ref());
        // `data` is dropped here, before the device's devres is released.
    }
}

/// Declares a module that registers one platform driver: `module!`'s keys,
/// with `type` the [`Driver`].
///
/// ```ignore
/// kernel::module_platform_driver! {
///     type: MyDriver,
///     name: "my_driver",
///     authors: ["Me"],
///     description: "Drives my device",
///     license: "GPL",
/// }
/// ```
#[macro_export]
macro_rules! module_platform_driver {
    ($($f:tt)*) => {
        $crate::module_driver!(<T>, $crate::platform::Adapter<T>, { $($f)* });
    };
}

/// A platform driver.
///
/// `probe` runs when a device one of the tables matches appears (or the
/// driver is loaded), with that entry's information (`None` when the device
/// was bound some other way, as through `driver_override`); what it returns
/// is the driver's data for the device, dropped when the device is unbound,
/// after [`unbind`](Driver::unbind).
pub trait Driver: Send + Sized {
    /// The driver's information for each entry of its ID tables.
    type IdInfo: 'static;

    /// The device-tree IDs the driver drives.
    const OF_ID_TABLE: Option<of::IdTable<Self::IdInfo>> = None;

    /// The ACPI IDs the driver drives.
    const ACPI_ID_TABLE: Option<acpi::IdTable<Self::IdInfo>> = None;

    /// Sets up a device a table matched. On failure, whatever it set up
    /// through the device-managed interfaces is undone.
    fn probe(dev: &Device<Core>, id_info: Option<&Self::IdInfo>) -> Result<Pin<KBox<Self>>>;

    /// Called when the device is unbound, before the driver's data is
    /// dropped: the last place where the device is known bound. Does
    /// nothing by default.
    fn unbind(dev: &Device<Core>, this: Pin<&Self>) {
        let _ = (dev, this);
    }
}

/// A platform device: C's `struct platform_device`, in the context `Ctx`
/// (see [`device`]).
///
/// # Invariants
///
/// The object is a `struct platform_device` the platform core made, alive
/// under its device's count, and in the context `Ctx` while the reference
/// lives.
#[repr(transparent)]
pub struct Device<Ctx: device::DeviceContext = device::Normal>(Opaque<bindings::platform_device>, PhantomData<Ctx>);

impl<Ctx: device::DeviceContext> Device<Ctx> {
    fn as_raw(&self) -> *mut bindings::platform_device {
        self.0.get()
    }
}

/// The request of a line C's `platform_get_irq*` returned: its errno when
/// negative, `EINVAL` for 0 (which C never gives as a line).
fn irq_request(dev: &Device<device::Bound>, irq: c_int) -> Result<IrqRequest<'_>> {
    if irq < 0 {
        return Err(Error::from_errno(irq));
    }
    if irq == 0 {
        return Err(crate::error::code::EINVAL);
    }
    // SAFETY: the platform core gave `irq` as a line of this device.
    Ok(unsafe { IrqRequest::new(dev.as_ref(), irq as u32) })
}

impl<Ctx: device::DeviceContext> Device<Ctx> {
    /// The memory resource at `index` of the device's resources (C's
    /// `platform_get_resource` of `IORESOURCE_MEM`), if there is one.
    pub fn resource_by_index(&self, index: u32) -> Option<&Resource> {
        // SAFETY: the device is valid (the type invariant); C looks its
        // resources up.
        let res = unsafe { bindings::platform_get_resource(self.as_raw(), bindings::IORESOURCE_MEM, index) };
        if res.is_null() {
            return None;
        }
        // SAFETY: a resource of the device, which lives, unchanged, as long
        // as the device, which the borrow of `self` does not outlast.
        Some(unsafe { Resource::from_raw(res) })
    }

    /// The memory resource named `name` (C's
    /// `platform_get_resource_byname`), if there is one.
    pub fn resource_by_name(&self, name: &CStr) -> Option<&Resource> {
        // SAFETY: as in `resource_by_index`; `name` is a C string.
        let res = unsafe {
            bindings::platform_get_resource_byname(self.as_raw(), bindings::IORESOURCE_MEM, name.as_char_ptr())
        };
        if res.is_null() {
            return None;
        }
        // SAFETY: as in `resource_by_index`.
        Some(unsafe { Resource::from_raw(res) })
    }
}

impl Device<device::Bound> {
    /// The memory resource at `index`, to be mapped
    /// ([`IoRequest::iomap_sized`] and its kin), if there is one.
    pub fn io_request_by_index(&self, index: u32) -> Option<IoRequest<'_>> {
        let res = self.resource_by_index(index)?;
        // SAFETY: a memory resource of this device.
        Some(unsafe { IoRequest::new(self.as_ref(), res) })
    }

    /// The memory resource named `name`, to be mapped, if there is one.
    pub fn io_request_by_name(&self, name: &CStr) -> Option<IoRequest<'_>> {
        let res = self.resource_by_name(name)?;
        // SAFETY: a memory resource of this device.
        Some(unsafe { IoRequest::new(self.as_ref(), res) })
    }

    /// The request of the interrupt line at `index` of the device's
    /// resources (C's `platform_get_irq`, which logs a missing one):
    /// `ENXIO` when there is none.
    pub fn irq_by_index(&self, index: u32) -> Result<IrqRequest<'_>> {
        // SAFETY: the device is valid (the type invariant); C reads its
        // resources.
        irq_request(self, unsafe { bindings::platform_get_irq(self.as_raw(), index) })
    }

    /// As [`irq_by_index`](Self::irq_by_index), without logging a missing
    /// line (C's `platform_get_irq_optional`).
    pub fn optional_irq_by_index(&self, index: u32) -> Result<IrqRequest<'_>> {
        // SAFETY: as in `irq_by_index`.
        irq_request(self, unsafe { bindings::platform_get_irq_optional(self.as_raw(), index) })
    }

    /// Registers `handler` for the line at `index`, freed when the
    /// registration is dropped or the device unbound.
    pub fn request_irq_by_index<'a, T: irq::Handler + 'static>(
        &'a self,
        flags: irq::Flags,
        index: u32,
        name: &'static CStr,
        handler: impl PinInit<T, Error> + 'a,
    ) -> Result<impl PinInit<irq::Registration<T>, Error> + 'a> {
        Ok(irq::Registration::<T>::new(self.irq_by_index(index)?, flags, name, handler))
    }

    /// Registers a threaded `handler` for the line at `index`, freed when
    /// the registration is dropped or the device unbound.
    pub fn request_threaded_irq_by_index<'a, T: irq::ThreadedHandler + 'static>(
        &'a self,
        flags: irq::Flags,
        index: u32,
        name: &'static CStr,
        handler: impl PinInit<T, Error> + 'a,
    ) -> Result<impl PinInit<irq::ThreadedRegistration<T>, Error> + 'a> {
        Ok(irq::ThreadedRegistration::<T>::new(self.irq_by_index(index)?, flags, name, handler))
    }
}

// SAFETY: `Device<Ctx>` is a transparent wrapper of `platform_device`
// whatever `Ctx`, and a device in a context is also in the contexts below it.
crate::impl_device_context_deref!(unsafe { Device });
crate::impl_device_context_into_aref!(Device);

// SAFETY: a platform device is counted through its device (`get_device`/
// `put_device`, as `platform_device_put` does).
unsafe impl AlwaysRefCounted for Device {
    fn inc_ref(&self) {
        // SAFETY: the device is valid, so taking a count is allowed.
        unsafe { bindings::get_device(&raw mut (*self.as_raw()).dev) };
    }

    unsafe fn dec_ref(obj: NonNull<Self>) {
        // SAFETY: the caller owns a count.
        unsafe { bindings::platform_device_put(obj.cast().as_ptr()) }
    }
}

// SAFETY: as `device::Device`: made for use from any thread, freed by
// whoever puts the last count.
unsafe impl Send for Device {}
// SAFETY: `&Device` reads what the platform core keeps stable, or calls
// functions that lock what they need.
unsafe impl Sync for Device {}

impl<Ctx: device::DeviceContext> AsRef<device::Device<Ctx>> for Device<Ctx> {
    fn as_ref(&self) -> &device::Device<Ctx> {
        // SAFETY: the device is valid (the type invariant); its embedded
        // `struct device` lives as long and is in the same context.
        unsafe { device::Device::from_raw(&raw mut (*self.as_raw()).dev) }
    }
}

impl<Ctx: device::DeviceContext> TryFrom<&device::Device<Ctx>> for &Device<Ctx> {
    type Error = crate::error::Error;

    /// The platform device a generic device is, or `EINVAL` if it is not one.
    fn try_from(dev: &device::Device<Ctx>) -> core::result::Result<Self, Self::Error> {
        // SAFETY: the device is valid; its bus is set when it is made.
        let bus = unsafe { (*dev.as_raw()).bus };
        if !core::ptr::eq(bus, &raw const bindings::platform_bus_type) {
            return Err(crate::error::code::EINVAL);
        }
        // INVARIANT: a device on the platform bus is a platform device the
        // platform core made, in the context `dev` is in.
        // SAFETY: on the platform bus, the device is the `dev` member of a
        // `struct platform_device`, which lives as long, in the same context.
        Ok(unsafe {
            &*dev
                .as_raw()
                .byte_sub(core::mem::offset_of!(bindings::platform_device, dev))
                .cast::<Device<Ctx>>()
        })
    }
}
