//! ACPI IDs: [`DeviceId`], C's `struct acpi_device_id`, and
//! [`acpi_device_table!`](crate::acpi_device_table), as Linux 6.18 has them.

use crate::device_id::{RawDeviceId, RawDeviceIdIndex};
use crate::str::CStr;

/// An ACPI ID: a hardware ID (`_HID`) such as `LNUXBEEF`.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct DeviceId(bindings::acpi_device_id);

// SAFETY: a transparent wrapper of `acpi_device_id`.
unsafe impl RawDeviceId for DeviceId {
    type RawType = bindings::acpi_device_id;
}

// SAFETY: `driver_data` is a `kernel_ulong_t`, pointer-sized, read by `index`.
unsafe impl RawDeviceIdIndex for DeviceId {
    const DRIVER_DATA_OFFSET: usize = core::mem::offset_of!(bindings::acpi_device_id, driver_data);

    fn index(&self) -> usize {
        self.0.driver_data as usize
    }
}

impl DeviceId {
    /// The ID of devices with the hardware ID given. An ID longer than C's
    /// field fails the build.
    pub const fn new(id: &'static CStr) -> Self {
        let src = id.to_bytes_with_nul();
        // SAFETY: all-zero bytes are a valid `acpi_device_id` (integers only).
        let mut raw: bindings::acpi_device_id = unsafe { core::mem::zeroed() };
        assert!(src.len() <= raw.id.len(), "ACPI ID too long");
        let mut i = 0;
        while i < src.len() {
            raw.id[i] = src[i];
            i += 1;
        }
        DeviceId(raw)
    }
}

/// A driver's ACPI ID table, as its `ACPI_ID_TABLE` takes it.
pub type IdTable<T> = &'static dyn crate::device_id::IdTable<DeviceId, T>;

/// Declares an ACPI ID table and exports it to modpost:
/// `acpi_device_table!(ACPI_TABLE, MODULE_ACPI_TABLE, IdInfo, [(acpi::DeviceId::new(c"LNUXBEEF"), info)])`.
#[macro_export]
macro_rules! acpi_device_table {
    ($table_name:ident, $module_table_name:ident, $id_info_type:ty, $table_data:expr) => {
        const $table_name: $crate::device_id::IdArray<
            $crate::acpi::DeviceId,
            $id_info_type,
            { $table_data.len() },
        > = $crate::device_id::IdArray::new($table_data);

        $crate::module_device_table!("acpi", $module_table_name, $table_name);
    };
}
