//! The auxiliary bus: a driver splits its work across modules by
//! registering auxiliary devices beneath its own device ([`Registration`]),
//! which another driver binds ([`Driver`]) and reaches the first through
//! ([`Device::parent`]), as Nova's core and DRM parts do. As in Linux 6.18.
//!
//! An auxiliary device is named `MODNAME.NAME.ID` after the module that
//! registers it, the name and the number it gives; a driver's table lists
//! `MODNAME.NAME` ([`DeviceId::new`]), and the driver itself is
//! `MODNAME.NAME` on the bus, after the module that registers it and the
//! name it is given.
//!
//! A [`Registration`] unregisters its device (unbinding the auxiliary
//! driver first) when it is dropped; a parent driver keeps it in its
//! driver data, which goes when the parent is unbound. The auxiliary device
//! holds a count on its parent, so a registration kept longer stays sound.
//!
//! # Differences from 6.18
//!
//! - The C registration type starts all zero (`RegType: Zeroable`, see
//!   [`driver::RegistrationOps`]).

use core::ffi::c_int;
use core::marker::PhantomData;
use core::pin::Pin;
use core::ptr::NonNull;

use crate::alloc::{flags::GFP_KERNEL, KBox};
use crate::device::{self, Core, CoreInternal};
use crate::device_id::{RawDeviceId, RawDeviceIdIndex};
use crate::driver;
use crate::error::{to_result, Error, Result};
use crate::init::Zeroable;
use crate::str::{CStr, CStrExt as _};
use crate::types::{AlwaysRefCounted, Opaque};
use crate::ThisModule;

/// Declares a module that registers one auxiliary driver: `module!`'s keys,
/// with `type` the [`Driver`].
///
/// ```ignore
/// kernel::module_auxiliary_driver! {
///     type: MyDriver,
///     name: "my_driver",
///     authors: ["Me"],
///     description: "Drives my auxiliary device",
///     license: "GPL",
/// }
/// ```
#[macro_export]
macro_rules! module_auxiliary_driver {
    ($($f:tt)*) => {
        $crate::module_driver!(<T>, $crate::auxiliary::Adapter<T>, { $($f)* });
    };
}

/// The auxiliary bus's side of a [`Driver`]: its registration and the
/// callbacks the auxiliary core calls.
pub struct Adapter<T: Driver>(T);

// SAFETY: zero bytes are an empty `struct auxiliary_driver`: null
// pointers, no callbacks, zeroed lists that registration initialises.
unsafe impl Zeroable for bindings::auxiliary_driver {}

// SAFETY: `register` fills the driver in and registers it, returning the C
// result; `unregister` is `auxiliary_driver_unregister`, after which the
// driver core calls none of the driver's callbacks (it unbinds every device
// first).
unsafe impl<T: Driver + 'static> driver::RegistrationOps for Adapter<T> {
    type RegType = bindings::auxiliary_driver;

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
        // guarantee); the names and the table are static.
        to_result(unsafe { bindings::__auxiliary_driver_register(drv, module.as_ptr(), name.as_char_ptr()) })
    }

    unsafe fn unregister(reg: &Opaque<Self::RegType>) {
        // SAFETY: registered (the caller's guarantee).
        unsafe { bindings::auxiliary_driver_unregister(reg.get()) }
    }
}

impl<T: Driver + 'static> Adapter<T> {
    extern "C" fn probe_callback(
        adev: *mut bindings::auxiliary_device,
        id: *const bindings::auxiliary_device_id,
    ) -> c_int {
        // INVARIANT: the auxiliary core made the device, which is in the
        // core context (locked, being bound) for the whole call.
        // SAFETY: the auxiliary core calls probe with a live device, its
        // lock held and the driver being bound, for the whole call.
        let adev = unsafe { &*adev.cast::<Device<CoreInternal>>() };
        // SAFETY: `id` is the entry of the driver's table that matched, an
        // `auxiliary_device_id`, which `DeviceId` wraps transparently.
        let id = unsafe { &*id.cast::<DeviceId>() };
        let info = T::ID_TABLE.info(id.index());
        driver::probe_done(adev.as_ref(), T::probe(adev, info))
    }

    extern "C" fn remove_callback(adev: *mut bindings::auxiliary_device) {
        // INVARIANT: as for probe, for the whole call.
        // SAFETY: as for probe: a live device, bound, its lock held.
        let adev = unsafe { &*adev.cast::<Device<CoreInternal>>() };
        let dev: &device::Device<CoreInternal> = adev.as_ref();
        // SAFETY: remove follows a successful probe, which stored a
        // `Pin<KBox<T>>`; it is taken back and dropped here, once.
        drop(unsafe { dev.drvdata_obtain::<Pin<KBox<T>>>() });
    }
}

/// An auxiliary device ID, C's `struct auxiliary_device_id`: the devices
/// `MODNAME.NAME.*`.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct DeviceId(bindings::auxiliary_device_id);

impl DeviceId {
    /// The ID of the devices named `name` by module `modname`. A
    /// `modname.name` longer than C's field fails the build.
    pub const fn new(modname: &'static CStr, name: &'static CStr) -> Self {
        let modname = modname.to_bytes();
        let name = name.to_bytes_with_nul();
        // SAFETY: all-zero bytes are a valid `auxiliary_device_id`.
        let mut id: bindings::auxiliary_device_id = unsafe { core::mem::zeroed() };
        assert!(modname.len() + 1 + name.len() <= id.name.len(), "auxiliary device ID too long");
        let mut i = 0;
        while i < modname.len() {
            id.name[i] = modname[i] as _;
            i += 1;
        }
        id.name[i] = b'.' as _;
        let mut j = 0;
        while j < name.len() {
            id.name[i + 1 + j] = name[j] as _;
            j += 1;
        }
        Self(id)
    }
}

// SAFETY: a transparent wrapper of `auxiliary_device_id`.
unsafe impl RawDeviceId for DeviceId {
    type RawType = bindings::auxiliary_device_id;
}

// SAFETY: `driver_data` is a `kernel_ulong_t`, pointer-sized, read by `index`.
unsafe impl RawDeviceIdIndex for DeviceId {
    const DRIVER_DATA_OFFSET: usize = core::mem::offset_of!(bindings::auxiliary_device_id, driver_data);

    fn index(&self) -> usize {
        self.0.driver_data as usize
    }
}

/// A driver's auxiliary ID table, as its `ID_TABLE` takes it.
pub type IdTable<T> = &'static dyn crate::device_id::IdTable<DeviceId, T>;

/// Declares an auxiliary ID table and exports it to modpost:
/// `auxiliary_device_table!(AUX_TABLE, MODULE_AUX_TABLE, IdInfo, [(auxiliary::DeviceId::new(MOD, c"name"), info)])`.
#[macro_export]
macro_rules! auxiliary_device_table {
    ($table_name:ident, $module_table_name:ident, $id_info_type:ty, $table_data:expr) => {
        const $table_name: $crate::device_id::IdArray<
            $crate::auxiliary::DeviceId,
            $id_info_type,
            { $table_data.len() },
        > = $crate::device_id::IdArray::new($table_data);

        $crate::module_device_table!("auxiliary", $module_table_name, $table_name);
    };
}

/// An auxiliary driver.
///
/// `probe` runs when a device its table matches appears (or the driver is
/// loaded); what it returns is the driver's data for the device, dropped
/// when the device is unbound.
pub trait Driver: Send + Sized {
    /// The driver's information for each entry of its ID table.
    type IdInfo: 'static;

    /// The devices the driver drives.
    const ID_TABLE: IdTable<Self::IdInfo>;

    /// Sets up a device the table matched, with that entry's information.
    fn probe(dev: &Device<Core>, id_info: &Self::IdInfo) -> Result<Pin<KBox<Self>>>;
}

/// An auxiliary device: C's `struct auxiliary_device`, in the context `Ctx`
/// (see [`device`]).
///
/// # Invariants
///
/// The object is a `struct auxiliary_device` registered with the auxiliary
/// core, alive under its device's count, and in the context `Ctx` while the
/// reference lives.
#[repr(transparent)]
pub struct Device<Ctx: device::DeviceContext = device::Normal>(Opaque<bindings::auxiliary_device>, PhantomData<Ctx>);

impl<Ctx: device::DeviceContext> Device<Ctx> {
    fn as_raw(&self) -> *mut bindings::auxiliary_device {
        self.0.get()
    }

    /// The number the device was registered with (the `ID` of `MODNAME.NAME.ID`).
    pub fn id(&self) -> u32 {
        // SAFETY: the device is valid (the type invariant); `id` is set
        // before it is registered and never changes.
        unsafe { (*self.as_raw()).id }
    }

    /// The device the auxiliary device was registered beneath.
    pub fn parent(&self) -> Option<&device::Device> {
        let dev: &device::Device<Ctx> = self.as_ref();
        dev.parent()
    }
}

impl Device {
    /// Frees the device made by [`Registration::new`], at its last count.
    extern "C" fn release(dev: *mut bindings::device) {
        // SAFETY: the device is the `dev` member of an `auxiliary_device`
        // that `Registration::new` allocated in a `KBox` and leaked; the
        // driver core calls this once, when the last count goes.
        let adev = unsafe { dev.byte_sub(core::mem::offset_of!(bindings::auxiliary_device, dev)) };
        // SAFETY: as above: the box's memory, given back once.
        drop(unsafe { KBox::from_raw(adev.cast::<Opaque<bindings::auxiliary_device>>()) });
    }
}

// SAFETY: `Device<Ctx>` is a transparent wrapper of `auxiliary_device`
// whatever `Ctx`, and a device in a context is also in the contexts below it.
crate::impl_device_context_deref!(unsafe { Device });
crate::impl_device_context_into_aref!(Device);

// SAFETY: an auxiliary device is counted through its device
// (`get_device`/`put_device`).
unsafe impl AlwaysRefCounted for Device {
    fn inc_ref(&self) {
        // SAFETY: the device is valid, so taking a count is allowed.
        unsafe { bindings::get_device(&raw mut (*self.as_raw()).dev) };
    }

    unsafe fn dec_ref(obj: NonNull<Self>) {
        // SAFETY: the caller owns a count; `dev` is the first member.
        unsafe { bindings::put_device(&raw mut (*obj.as_ptr().cast::<bindings::auxiliary_device>()).dev) }
    }
}

// SAFETY: as `device::Device`: made for use from any thread, freed by
// whoever puts the last count.
unsafe impl Send for Device {}
// SAFETY: `&Device` reads what the auxiliary core keeps stable, or calls
// functions that lock what they need.
unsafe impl Sync for Device {}

impl<Ctx: device::DeviceContext> AsRef<device::Device<Ctx>> for Device<Ctx> {
    fn as_ref(&self) -> &device::Device<Ctx> {
        // SAFETY: the device is valid (the type invariant); its embedded
        // `struct device` lives as long and is in the same context.
        unsafe { device::Device::from_raw(&raw mut (*self.as_raw()).dev) }
    }
}

/// A registered auxiliary device, unregistered when this is dropped.
///
/// # Invariants
///
/// `self.0` is an auxiliary device that `Registration::new` initialised and
/// added, on which this holds the count it was made with.
pub struct Registration(NonNull<bindings::auxiliary_device>);

impl Registration {
    /// Registers the auxiliary device `modname.name.id` beneath `parent`.
    pub fn new(parent: &device::Device, name: &CStr, id: u32, modname: &CStr) -> Result<Self> {
        let boxed = KBox::new(Opaque::<bindings::auxiliary_device>::zeroed(), GFP_KERNEL)?;
        let adev = boxed.get();
        // SAFETY: `adev` is the box's zeroed device, not yet shared. The name
        // is read only while the device is added, below.
        unsafe {
            (*adev).dev.parent = parent.as_raw();
            (*adev).dev.release = Some(Device::release);
            (*adev).name = name.as_char_ptr();
            (*adev).id = id;
        }
        // SAFETY: `adev` is a device set up as `auxiliary_device_init` wants.
        to_result(unsafe { bindings::auxiliary_device_init(adev) })?;
        // From here on the device's count owns the memory: `release` frees it.
        let adev = KBox::into_raw(boxed).cast::<bindings::auxiliary_device>();
        // SAFETY: `adev` is initialised; `modname` is NUL-terminated and
        // copied into the device's name.
        let ret = unsafe { bindings::__auxiliary_device_add(adev, modname.as_char_ptr()) };
        if ret != 0 {
            // SAFETY: initialised and not added: putting the count frees it.
            unsafe { bindings::auxiliary_device_uninit(adev) };
            return Err(Error::from_errno(ret));
        }
        // INVARIANT: initialised and added, with the count it was made with.
        // SAFETY: `adev` came from a box: not null.
        Ok(Self(unsafe { NonNull::new_unchecked(adev) }))
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // SAFETY: added and counted (the type invariant); deleted and put
        // once, here.
        unsafe {
            bindings::auxiliary_device_delete(self.0.as_ptr());
            bindings::auxiliary_device_uninit(self.0.as_ptr());
        }
    }
}

// SAFETY: the driver core's device functions may be called from any task;
// a `Registration` is unregistered once, by whoever drops it.
unsafe impl Send for Registration {}

// SAFETY: `&Registration` gives nothing to call.
unsafe impl Sync for Registration {}
