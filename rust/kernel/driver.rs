//! Drivers: what every bus's driver abstraction shares, as Linux 6.18 has it.
//!
//! A bus implements [`RegistrationOps`] for its C driver type (`struct
//! pci_driver`, ...); a [`Registration`] of it registers the driver with the
//! driver core when it is initialised and unregisters it when dropped (which
//! unbinds every device it drives first). [`module_driver!`](crate::module_driver) declares a
//! module whose only work is such a registration; the buses build their
//! `module_*_driver!` macros on it. [`Adapter`] matches a device against a
//! driver's ACPI and device-tree ID tables.

use crate::alloc::KBox;
use crate::device::{self, CoreInternal};
use crate::device_id::RawDeviceIdIndex;
use crate::error::Result;
use crate::init::{pin_data, pinned_drop, PinInit, PinnedDrop, Zeroable};
use crate::str::CStr;
use crate::types::Opaque;
use crate::ThisModule;
use crate::{acpi, of};

use core::ffi::c_int;
use core::pin::Pin;

/// How a bus registers and unregisters its C driver type.
///
/// # Safety
///
/// `register` leaves `reg` registered with the driver core when it returns
/// `Ok`, and nothing to undo when it fails; `unregister` undoes a
/// successful `register`, and when it returns no callback of the driver
/// runs any more.
pub unsafe trait RegistrationOps {
    /// The C driver type (`struct pci_driver`, ...), which starts all zero
    /// (6.18 asks `Default` of it; krust's bindings derive no `Default`, and
    /// a C driver structure's default is all zero).
    type RegType: Zeroable;

    /// Registers the driver in `reg`, named `name`, owned by `module`.
    ///
    /// # Safety
    ///
    /// `reg` is initialised, pinned, and not registered; it stays where it
    /// is until [`unregister`](RegistrationOps::unregister) has returned.
    unsafe fn register(reg: &Opaque<Self::RegType>, name: &'static CStr, module: &'static ThisModule) -> Result;

    /// Unregisters the driver in `reg`.
    ///
    /// # Safety
    ///
    /// `reg` was registered by a successful [`register`](RegistrationOps::register),
    /// and is unregistered once.
    unsafe fn unregister(reg: &Opaque<Self::RegType>);
}

/// A driver registered with the driver core until this is dropped.
///
/// # Invariants
///
/// `reg` is registered with the driver core, through `T::register`.
#[pin_data(PinnedDrop)]
pub struct Registration<T: RegistrationOps> {
    #[pin]
    reg: Opaque<T::RegType>,
}

// SAFETY: `&Registration` gives nothing to call: sharing it is harmless.
unsafe impl<T: RegistrationOps> Sync for Registration<T> {}

// SAFETY: registration and unregistration may happen on different threads
// (the driver core serialises them against its callbacks).
unsafe impl<T: RegistrationOps> Send for Registration<T> {}

impl<T: RegistrationOps> Registration<T> {
    /// An initialiser that registers the driver, named `name`, for `module`.
    pub fn new(name: &'static CStr, module: &'static ThisModule) -> impl PinInit<Self, crate::error::Error> {
        // INVARIANT: `reg` is registered once `try_ffi_init` succeeds.
        crate::try_pin_init!(Self {
            reg <- Opaque::try_ffi_init(move |ptr: *mut T::RegType| {
                // SAFETY: `ptr` is valid for writes (the initialiser's
                // contract); zero bytes are a valid `RegType` (`Zeroable`).
                unsafe { ptr.write_bytes(0, 1) };
                // SAFETY: `Opaque<X>` is a transparent wrapper of `X`, just
                // initialised, pinned until the `Registration` is dropped
                // (whose drop unregisters it first).
                unsafe { T::register(&*ptr.cast::<Opaque<T::RegType>>(), name, module) }
            }),
        })
    }
}

#[pinned_drop]
impl<T: RegistrationOps> PinnedDrop for Registration<T> {
    fn drop(self: Pin<&mut Self>) {
        // SAFETY: registered (the type invariant), and unregistered here, once.
        unsafe { T::unregister(&self.reg) };
    }
}

/// Declares a module that registers one driver: the `module!` keys follow
/// the type.
///
/// The buses' macros expand to it:
/// `module_driver!(<T>, pci::Adapter<T>, { type: MyDriver, name: "my_driver", ... })`.
#[macro_export]
macro_rules! module_driver {
    (<$gen_type:ident>, $driver_ops:ty, { type: $type:ty, name: $name:literal, $($f:tt)* }) => {
        type Ops<$gen_type> = $driver_ops;

        #[$crate::prelude::pin_data]
        struct DriverModule {
            #[pin]
            _driver: $crate::driver::Registration<Ops<$type>>,
        }

        impl $crate::InPlaceModule for DriverModule {
            fn init(
                module: &'static $crate::ThisModule,
            ) -> impl $crate::init::PinInit<Self, $crate::error::Error> {
                $crate::try_pin_init!(Self {
                    _driver <- $crate::driver::Registration::new($crate::c_str!($name), module),
                })
            }
        }

        $crate::prelude::module! {
            type: DriverModule,
            name: $name,
            $($f)*
        }
    };
}

/// What a bus's driver adapter knows of the driver's firmware ID tables:
/// matching a device described by ACPI or a device tree to the entry the
/// driver gave, and that entry's information.
pub trait Adapter {
    /// The driver's information for each entry of its tables.
    type IdInfo: 'static;

    /// The driver's ACPI ID table, if it has one.
    const ACPI_ID_TABLE: Option<acpi::IdTable<Self::IdInfo>>;

    /// The information of the ACPI entry `dev` matches, if any.
    fn acpi_id_info(dev: &device::Device) -> Option<&'static Self::IdInfo> {
        let table = Self::ACPI_ID_TABLE?;
        // SAFETY: the table is zero-terminated (an `IdArray`) and `dev` valid.
        let raw = unsafe { bindings::acpi_match_device(table.as_ptr().cast(), dev.as_raw()) };
        if raw.is_null() {
            return None;
        }
        // SAFETY: `acpi_match_device` returns an entry of the table given,
        // and `acpi::DeviceId` is a transparent wrapper of its C type.
        let id = unsafe { &*raw.cast::<acpi::DeviceId>() };
        table.info_checked(id.index())
    }

    /// The driver's device-tree ID table, if it has one.
    const OF_ID_TABLE: Option<of::IdTable<Self::IdInfo>>;

    /// The information of the device-tree entry `dev` matches, if any.
    ///
    /// The stock kernels of x86 build without device-tree support
    /// (`CONFIG_OF`), where no device matches.
    fn of_id_info(dev: &device::Device) -> Option<&'static Self::IdInfo> {
        #[cfg(not(CONFIG_OF))]
        {
            let _ = dev;
            None
        }
        #[cfg(CONFIG_OF)]
        {
            let table = Self::OF_ID_TABLE?;
            // SAFETY: the table is zero-terminated (an `IdArray`) and `dev` valid.
            let raw = unsafe { bindings::of_match_device(table.as_ptr().cast(), dev.as_raw()) };
            if raw.is_null() {
                return None;
            }
            // SAFETY: `of_match_device` returns an entry of the table given,
            // and `of::DeviceId` is a transparent wrapper of its C type.
            let id = unsafe { &*raw.cast::<of::DeviceId>() };
            table.info_checked(id.index())
        }
    }

    /// The information of the ACPI or device-tree entry `dev` matches, ACPI
    /// first.
    fn id_info(dev: &device::Device) -> Option<&'static Self::IdInfo> {
        Self::acpi_id_info(dev).or_else(|| Self::of_id_info(dev))
    }
}

/// What a bus's probe callback returns to C for its driver's `probe`
/// result: 0, with the driver's data stored in the device for the remove
/// callback to take back (`drvdata_obtain::<Pin<KBox<T>>>`), or the error's
/// errno.
pub(crate) fn probe_done<T: 'static>(dev: &device::Device<CoreInternal>, result: Result<Pin<KBox<T>>>) -> c_int {
    match result {
        Ok(data) => {
            dev.set_drvdata(data);
            0
        }
        Err(e) => e.to_errno(),
    }
}
