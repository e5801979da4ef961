//! Device-tree IDs: [`DeviceId`], C's `struct of_device_id`, and
//! [`of_device_table!`](crate::of_device_table), as Linux 6.18 has them.
//!
//! The stock kernels of x86 build without device-tree support
//! (`CONFIG_OF`): a table still builds and gives the module its `of:`
//! aliases, but no device matches it.

use crate::device_id::{RawDeviceId, RawDeviceIdIndex};
use crate::str::CStr;

/// A device-tree ID: a `compatible` string.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct DeviceId(bindings::of_device_id);

// SAFETY: a transparent wrapper of `of_device_id`.
unsafe impl RawDeviceId for DeviceId {
    type RawType = bindings::of_device_id;
}

// SAFETY: `data` is a pointer-sized field of `of_device_id`, read by `index`.
unsafe impl RawDeviceIdIndex for DeviceId {
    const DRIVER_DATA_OFFSET: usize = core::mem::offset_of!(bindings::of_device_id, data);

    fn index(&self) -> usize {
        self.0.data as usize
    }
}

impl DeviceId {
    /// The ID of devices `compatible` with the string given. A string longer
    /// than C's field fails the build.
    pub const fn new(compatible: &'static CStr) -> Self {
        let src = compatible.to_bytes_with_nul();
        // SAFETY: all-zero bytes are a valid `of_device_id` (integers and a
        // null pointer).
        let mut id: bindings::of_device_id = unsafe { core::mem::zeroed() };
        assert!(src.len() <= id.compatible.len(), "compatible string too long");
        let mut i = 0;
        while i < src.len() {
            id.compatible[i] = src[i] as _;
            i += 1;
        }
        DeviceId(id)
    }
}

/// A driver's device-tree ID table, as its `OF_ID_TABLE` takes it.
pub type IdTable<T> = &'static dyn crate::device_id::IdTable<DeviceId, T>;

/// Declares a device-tree ID table and exports it to modpost:
/// `of_device_table!(OF_TABLE, MODULE_OF_TABLE, IdInfo, [(of::DeviceId::new(c"x,y"), info)])`.
#[macro_export]
macro_rules! of_device_table {
    ($table_name:ident, $module_table_name:ident, $id_info_type:ty, $table_data:expr) => {
        const $table_name: $crate::device_id::IdArray<
            $crate::of::DeviceId,
            $id_info_type,
            { $table_data.len() },
        > = $crate::device_id::IdArray::new($table_data);

        $crate::module_device_table!("of", $module_table_name, $table_name);
    };
}
