//! PCI: [`Device`], C's `struct pci_dev`; [`Driver`], a PCI driver, which
//! [`module_pci_driver!`](crate::module_pci_driver) registers; the ID table
//! ([`DeviceId`], [`pci_device_table!`](crate::pci_device_table)); and
//! [`Bar`], a mapped BAR tied to the binding through a
//! [`Devres`]. As in Linux 6.18.
//!
//! # Differences from 6.18
//!
//! - [`Device::enable_device_mem`] also disables the device again when it
//!   is unbound (or when the probe fails), through a device-managed action,
//!   as `pcim_enable_device` does; 6.18 leaves it enabled, counted once
//!   more at each probe.
//! - The C registration type starts all zero (`RegType: Zeroable`, see
//!   [`driver::RegistrationOps`]).

use core::ffi::{c_int, c_void};
use core::marker::PhantomData;
use core::ops::Deref;
use core::pin::Pin;
use core::ptr::NonNull;

use crate::alloc::KBox;
use crate::device::{self, Bound, Core, CoreInternal};
use crate::device_id::{RawDeviceId, RawDeviceIdIndex};
use crate::devres::Devres;
use crate::driver;
use crate::error::{code::*, to_result, Error, Result};
use crate::init::{PinInit, Zeroable};
use crate::io::{Io, IoRaw};
use crate::str::{CStr, CStrExt as _};
use crate::types::{ARef, AlwaysRefCounted, Opaque};
use crate::ThisModule;

mod id;
mod irq;

pub use self::id::{Class, ClassMask, Vendor};
pub use self::irq::{IrqType, IrqTypes, IrqVector};

/// The PCI bus's side of a [`Driver`]: its registration and the callbacks
/// the PCI core calls.
pub struct Adapter<T: Driver>(T);

// SAFETY: zero bytes are an empty `struct pci_driver`: null pointers, no
// callbacks, zeroed lists that registration initialises.
unsafe impl Zeroable for bindings::pci_driver {}

// SAFETY: `register` fills the driver in and registers it, returning the
// C result; `unregister` is `pci_unregister_driver`, after which the PCI
// core calls none of the driver's callbacks (it unbinds every device first).
unsafe impl<T: Driver + 'static> driver::RegistrationOps for Adapter<T> {
    type RegType = bindings::pci_driver;

    unsafe fn register(reg: &Opaque<Self::RegType>, name: &'static CStr, module: &'static ThisModule) -> Result {
        let drv = reg.get();
        // SAFETY: `drv` is initialised and not yet registered (the caller's
        // guarantee): nobody else reads it.
        unsafe {
            (*drv).name = name.as_char_ptr();
            (*drv).probe = Some(Self::probe_callback);
            (*drv).remove = Some(Self::remove_callback);
            (*drv).id_table = T::ID_TABLE.as_ptr();
        }
        // SAFETY: `drv` is pinned until `unregister` (the caller's
        // guarantee); the name and the table are static.
        to_result(unsafe { bindings::__pci_register_driver(drv, module.as_ptr(), name.as_char_ptr()) })
    }

    unsafe fn unregister(reg: &Opaque<Self::RegType>) {
        // SAFETY: registered (the caller's guarantee).
        unsafe { bindings::pci_unregister_driver(reg.get()) }
    }
}

impl<T: Driver + 'static> Adapter<T> {
    extern "C" fn probe_callback(pdev: *mut bindings::pci_dev, id: *const bindings::pci_device_id) -> c_int {
        // SAFETY: the PCI core calls probe with a live device, its lock
        // held and the driver being bound, for the whole call.
        let pdev = unsafe { &*pdev.cast::<Device<CoreInternal>>() };
        // SAFETY: `id` is an entry of the driver's table or of its dynamic
        // IDs, a `pci_device_id`, which `DeviceId` wraps transparently.
        let id = unsafe { &*id.cast::<DeviceId>() };
        // The PCI core accepts dynamic IDs only with the `driver_data` of
        // a table entry, and gives an override match the index 0; an empty
        // table has nothing to match.
        let Some(info) = T::ID_TABLE.info_checked(id.index()) else {
            return ENODEV.to_errno();
        };
        driver::probe_done(pdev.as_ref(), T::probe(pdev, info))
    }

    extern "C" fn remove_callback(pdev: *mut bindings::pci_dev) {
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

/// Declares a module that registers one PCI driver: `module!`'s keys, with
/// `type` the [`Driver`].
///
/// ```ignore
/// kernel::module_pci_driver! {
///     type: MyDriver,
///     name: "my_driver",
///     authors: ["Me"],
///     description: "Drives my device",
///     license: "GPL",
/// }
/// ```
#[macro_export]
macro_rules! module_pci_driver {
    ($($f:tt)*) => {
        $crate::module_driver!(<T>, $crate::pci::Adapter<T>, { $($f)* });
    };
}

/// A PCI ID, C's `struct pci_device_id`: what a driver's table lists.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct DeviceId(bindings::pci_device_id);

impl DeviceId {
    const PCI_ANY_ID: u32 = !0;

    /// The ID of one device of one vendor, any subsystem (C's `PCI_DEVICE`).
    pub const fn from_id(vendor: Vendor, device: u32) -> Self {
        // SAFETY: zero bytes are a valid `pci_device_id` (integers only).
        let mut id: bindings::pci_device_id = unsafe { core::mem::zeroed() };
        id.vendor = vendor.as_raw() as u32;
        id.device = device;
        id.subvendor = Self::PCI_ANY_ID;
        id.subdevice = Self::PCI_ANY_ID;
        Self(id)
    }

    /// The ID of every device whose class, masked by `class_mask`, is
    /// `class` (C's `PCI_DEVICE_CLASS`).
    pub const fn from_class(class: u32, class_mask: u32) -> Self {
        // SAFETY: zero bytes are a valid `pci_device_id` (integers only).
        let mut id: bindings::pci_device_id = unsafe { core::mem::zeroed() };
        id.vendor = Self::PCI_ANY_ID;
        id.device = Self::PCI_ANY_ID;
        id.subvendor = Self::PCI_ANY_ID;
        id.subdevice = Self::PCI_ANY_ID;
        id.class = class;
        id.class_mask = class_mask;
        Self(id)
    }

    /// The ID of every device of `vendor` whose class, masked, is `class`.
    pub const fn from_class_and_vendor(class: Class, class_mask: ClassMask, vendor: Vendor) -> Self {
        let mut id = Self::from_class(class.as_raw(), class_mask.as_raw());
        id.0.vendor = vendor.as_raw() as u32;
        id
    }
}

// SAFETY: a transparent wrapper of `pci_device_id`.
unsafe impl RawDeviceId for DeviceId {
    type RawType = bindings::pci_device_id;
}

// SAFETY: `driver_data` is a `kernel_ulong_t`, pointer-sized, read by `index`.
unsafe impl RawDeviceIdIndex for DeviceId {
    const DRIVER_DATA_OFFSET: usize = core::mem::offset_of!(bindings::pci_device_id, driver_data);

    fn index(&self) -> usize {
        self.0.driver_data as usize
    }
}

/// A PCI driver's ID table, as its `ID_TABLE` takes it.
pub type IdTable<T> = &'static dyn crate::device_id::IdTable<DeviceId, T>;

/// Declares a PCI ID table and exports it to modpost (so that the module's
/// aliases name its devices):
/// `pci_device_table!(PCI_TABLE, MODULE_PCI_TABLE, IdInfo, [(pci::DeviceId::from_id(..), info)])`.
#[macro_export]
macro_rules! pci_device_table {
    ($table_name:ident, $module_table_name:ident, $id_info_type:ty, $table_data:expr) => {
        const $table_name: $crate::device_id::IdArray<$crate::pci::DeviceId, $id_info_type, { $table_data.len() }> =
            $crate::device_id::IdArray::new($table_data);

        $crate::module_device_table!("pci", $module_table_name, $table_name);
    };
}

/// A PCI driver.
///
/// `probe` runs when a device of the table appears (or the driver is
/// loaded); what it returns is the driver's data for the device, dropped
/// when the device is unbound, after [`unbind`](Driver::unbind).
pub trait Driver: Send + Sized {
    /// The driver's information for each entry of its ID table.
    type IdInfo: 'static;

    /// The devices the driver drives.
    const ID_TABLE: IdTable<Self::IdInfo>;

    /// Sets up a device the table matched, with that entry's information.
    /// On failure, whatever it set up through the device-managed
    /// interfaces ([`Devres`], [`Device::enable_device_mem`]) is undone.
    fn probe(dev: &Device<Core>, id_info: &Self::IdInfo) -> Result<Pin<KBox<Self>>>;

    /// Called when the device is unbound, before the driver's data is
    /// dropped: the last place where the device is known bound, for an
    /// orderly shutdown of the hardware. Does nothing by default.
    fn unbind(dev: &Device<Core>, this: Pin<&Self>) {
        let _ = (dev, this);
    }
}

/// A PCI device: C's `struct pci_dev`, in the context `Ctx` (see
/// [`device`]).
///
/// # Invariants
///
/// The object is a `struct pci_dev` the PCI core made, alive under its
/// device's count, and in the context `Ctx` while the reference lives.
#[repr(transparent)]
pub struct Device<Ctx: device::DeviceContext = device::Normal>(Opaque<bindings::pci_dev>, PhantomData<Ctx>);

impl<Ctx: device::DeviceContext> Device<Ctx> {
    fn as_raw(&self) -> *mut bindings::pci_dev {
        self.0.get()
    }
}

impl Device {
    /// The vendor ID.
    pub fn vendor_id(&self) -> Vendor {
        // SAFETY: the device is valid (the type invariant); the field is set
        // when the device is made.
        Vendor::from_raw(unsafe { (*self.as_raw()).vendor })
    }

    /// The device ID.
    pub fn device_id(&self) -> u16 {
        // SAFETY: as for `vendor_id`.
        unsafe { (*self.as_raw()).device }
    }

    /// The revision ID.
    pub fn revision_id(&self) -> u8 {
        // SAFETY: as for `vendor_id`.
        unsafe { (*self.as_raw()).revision }
    }

    /// The bus, device and function numbers, as C's `pci_dev_id` packs them.
    pub fn dev_id(&self) -> u16 {
        // SAFETY: the device is valid (the type invariant).
        unsafe { bindings::pci_dev_id(self.as_raw()) }
    }

    /// The subsystem vendor ID.
    pub fn subsystem_vendor_id(&self) -> u16 {
        // SAFETY: as for `vendor_id`.
        unsafe { (*self.as_raw()).subsystem_vendor }
    }

    /// The subsystem device ID.
    pub fn subsystem_device_id(&self) -> u16 {
        // SAFETY: as for `vendor_id`.
        unsafe { (*self.as_raw()).subsystem_device }
    }

    /// The class code.
    pub fn pci_class(&self) -> Class {
        // SAFETY: as for `vendor_id`.
        Class::from_raw(unsafe { (*self.as_raw()).class })
    }

    /// Where BAR (or other resource) `bar` starts; `EINVAL` for a number
    /// that is not a resource.
    pub fn resource_start(&self, bar: u32) -> Result<bindings::resource_size_t> {
        let bar = Bar::<0>::checked_index(bar)?;
        // SAFETY: the device is valid and `bar` one of its resources.
        Ok(unsafe { bindings::pci_resource_start(self.as_raw(), bar) })
    }

    /// The size of BAR (or other resource) `bar`; `EINVAL` for a number
    /// that is not a resource.
    pub fn resource_len(&self, bar: u32) -> Result<bindings::resource_size_t> {
        let bar = Bar::<0>::checked_index(bar)?;
        // SAFETY: the device is valid and `bar` one of its resources.
        Ok(unsafe { bindings::pci_resource_len(self.as_raw(), bar) })
    }
}

impl Device<Core> {
    /// Enables the device's memory resources (C's `pci_enable_device_mem`),
    /// until the device is unbound.
    pub fn enable_device_mem(&self) -> Result {
        // SAFETY: the device is valid; probe and unbind run under its lock.
        to_result(unsafe { bindings::pci_enable_device_mem(self.as_raw()) })?;

        extern "C" fn disable(pdev: *mut c_void) {
            // SAFETY: the action was added with the device's pointer below,
            // and runs while the device lives (at its unbind).
            unsafe { bindings::pci_disable_device(pdev.cast()) };
        }
        let dev: &device::Device<Core> = self.as_ref();
        // SAFETY: the device is bound (the context), so the action runs at
        // its unbind, or at once if adding it fails (`_or_reset`).
        to_result(unsafe { bindings::devm_add_action_or_reset(dev.as_raw(), Some(disable), self.as_raw().cast()) })
    }

    /// Lets the device master the bus (DMA; C's `pci_set_master`).
    pub fn set_master(&self) {
        // SAFETY: the device is valid; probe and unbind run under its lock.
        unsafe { bindings::pci_set_master(self.as_raw()) };
    }
}

impl Device<Bound> {
    /// Requests and maps BAR `bar`, of at least `SIZE` bytes, for as long
    /// as the device is bound: `name` shows in `/proc/iomem`. Fails with
    /// `EINVAL` for a BAR number beyond the device's resources or a BAR
    /// smaller than `SIZE`, `ENOMEM` for an empty BAR or a failed mapping,
    /// `EBUSY` when the region is taken.
    pub fn iomap_region_sized<'a, const SIZE: usize>(
        &'a self,
        bar: u32,
        name: &'a CStr,
    ) -> impl PinInit<Devres<Bar<SIZE>>, Error> + 'a {
        Devres::new(self.as_ref(), Bar::<SIZE>::new(self, bar, name))
    }

    /// [`iomap_region_sized`](Self::iomap_region_sized) with no size known
    /// at build time: every access is a `try_` one.
    pub fn iomap_region<'a>(&'a self, bar: u32, name: &'a CStr) -> impl PinInit<Devres<Bar>, Error> + 'a {
        self.iomap_region_sized::<0>(bar, name)
    }
}

// SAFETY: every context wraps the same `Opaque<pci_dev>`; the marker is
// zero-sized.
crate::impl_device_context_deref!(unsafe { Device });
crate::impl_device_context_into_aref!(Device);

// SAFETY: a `pci_dev` is counted through its device (`pci_dev_get`/`_put`).
unsafe impl AlwaysRefCounted for Device {
    fn inc_ref(&self) {
        // SAFETY: the device is valid, so taking a count is allowed.
        unsafe { bindings::pci_dev_get(self.as_raw()) };
    }

    unsafe fn dec_ref(obj: NonNull<Self>) {
        // SAFETY: the caller owns a count.
        unsafe { bindings::pci_dev_put(obj.cast().as_ptr()) }
    }
}

// SAFETY: as `device::Device`: made for use from any thread, freed by
// whoever puts the last count.
unsafe impl Send for Device {}
// SAFETY: `&Device` reads what the PCI core keeps stable, or calls
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
    type Error = Error;

    /// The PCI device a generic device is, or `EINVAL` if it is not one.
    fn try_from(dev: &device::Device<Ctx>) -> core::result::Result<Self, Error> {
        // SAFETY: the device is valid; its bus is set when it is made.
        let bus = unsafe { (*dev.as_raw()).bus };
        if !core::ptr::eq(bus, &raw const bindings::pci_bus_type) {
            return Err(EINVAL);
        }
        // SAFETY: on the PCI bus, the device is the `dev` member of a
        // `struct pci_dev`, which lives as long, in the same context.
        Ok(unsafe {
            &*dev.as_raw().byte_sub(core::mem::offset_of!(bindings::pci_dev, dev)).cast::<Device<Ctx>>()
        })
    }
}

/// A requested and mapped PCI BAR of at least `SIZE` bytes; it derefs to
/// its [`Io`] accessors. Made by [`Device::iomap_region_sized`] inside a
/// [`Devres`], which unmaps and releases it when the device is unbound.
///
/// # Invariants
///
/// `io` is the mapping of BAR `num` of `pdev`, requested by this `Bar`,
/// mapped and requested until it is dropped.
pub struct Bar<const SIZE: usize = 0> {
    pdev: ARef<Device>,
    io: IoRaw<SIZE>,
    num: c_int,
}

impl<const SIZE: usize> Bar<SIZE> {
    /// `bar` as C's resource number, `EINVAL` when it is not one.
    fn checked_index(bar: u32) -> Result<c_int> {
        if bar >= bindings::PCI_NUM_RESOURCES as u32 {
            return Err(EINVAL);
        }
        Ok(bar as c_int)
    }

    fn new(pdev: &Device, bar: u32, name: &CStr) -> Result<Self> {
        let len = pdev.resource_len(bar)?;
        if len == 0 {
            return Err(ENOMEM);
        }
        let num = Self::checked_index(bar)?;
        // SAFETY: the device is valid; `name` lives as long as the request
        // (the caller's `'a`, for which the region is held at most as long
        // as the binding: the `Devres` drops the `Bar` by then).
        if unsafe { bindings::pci_request_region(pdev.as_raw(), num, name.as_char_ptr()) } != 0 {
            return Err(EBUSY);
        }
        // SAFETY: the device is valid and the BAR requested; 0 maps it whole.
        let addr = unsafe { bindings::pci_iomap(pdev.as_raw(), num, 0) }.0 as usize;
        if addr == 0 {
            // SAFETY: requested just above.
            unsafe { bindings::pci_release_region(pdev.as_raw(), num) };
            return Err(ENOMEM);
        }
        let io = match IoRaw::new(addr, len as usize) {
            Ok(io) => io,
            Err(e) => {
                // SAFETY: mapped and requested just above.
                unsafe { Self::unmap_release(pdev, addr, num) };
                return Err(e);
            }
        };
        // INVARIANT: mapped and requested above.
        Ok(Bar { pdev: pdev.into(), io, num })
    }

    /// Unmaps `addr` and releases BAR `num`.
    ///
    /// # Safety
    ///
    /// `addr` is the live mapping of BAR `num` of `pdev`, which is
    /// requested; neither is used afterwards.
    unsafe fn unmap_release(pdev: &Device, addr: usize, num: c_int) {
        // SAFETY: the caller's guarantee.
        unsafe {
            bindings::pci_iounmap(pdev.as_raw(), bindings::IoPtr(addr as *mut c_void));
            bindings::pci_release_region(pdev.as_raw(), num);
        }
    }
}

impl<const SIZE: usize> Drop for Bar<SIZE> {
    fn drop(&mut self) {
        // SAFETY: mapped and requested (the type invariant), never used again.
        unsafe { Self::unmap_release(&self.pdev, self.io.addr(), self.num) };
    }
}

impl<const SIZE: usize> Deref for Bar<SIZE> {
    type Target = Io<SIZE>;

    fn deref(&self) -> &Io<SIZE> {
        // SAFETY: mapped while the `Bar` lives (the type invariant), which
        // the borrow does not outlast.
        unsafe { Io::from_raw(&self.io) }
    }
}
