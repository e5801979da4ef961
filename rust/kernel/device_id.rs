//! Device-ID tables, as Linux 6.18 has them: a bus's ID type
//! ([`RawDeviceId`], with [`RawDeviceIdIndex`] when the C type has a
//! `driver_data` field) and the zero-terminated table a driver declares
//! ([`IdArray`]), which both the bus (to match) and modpost (to write the
//! module's aliases, so that udev loads it for the device) read.
//!
//! An [`IdArray`] built with [`IdArray::new`] stores each entry's position in
//! its `driver_data`, and keeps the driver's own information for the entry
//! (its `IdInfo`) beside the table; the bus maps a matched entry back to
//! that information with [`IdTable::info`].

use core::mem::MaybeUninit;

/// A Rust device-ID type standing for a C one, `RawType`.
///
/// # Safety
///
/// `Self` has the layout of `RawType` (a transparent wrapper), so that a
/// `Self` can be copied into a table of `RawType`s.
pub unsafe trait RawDeviceId {
    /// The C type of the table's entries (`struct pci_device_id`, ...).
    type RawType: Copy;
}

/// A device-ID type whose C type has room for an index (a `driver_data`
/// field), where [`IdArray::new`] stores the entry's position.
///
/// # Safety
///
/// `DRIVER_DATA_OFFSET` is the offset in `RawType` of a field that holds a
/// `usize`, and [`index`](RawDeviceIdIndex::index) reads that field.
pub unsafe trait RawDeviceIdIndex: RawDeviceId {
    /// The offset of the `driver_data` field in [`RawDeviceId::RawType`].
    const DRIVER_DATA_OFFSET: usize;

    /// The index stored in the entry: its position in its [`IdArray`].
    fn index(&self) -> usize;
}

/// A zero-terminated table of C device IDs: `N` entries and an all-zero
/// one, as C's tables end.
#[repr(C)]
pub struct RawIdArray<T: RawDeviceId, const N: usize> {
    ids: [T::RawType; N],
    sentinel: MaybeUninit<T::RawType>,
}

impl<T: RawDeviceId, const N: usize> RawIdArray<T, N> {
    /// The size of the table in bytes, its end included.
    #[doc(hidden)]
    pub const fn size(&self) -> usize {
        core::mem::size_of::<Self>()
    }
}

/// A driver's device-ID table: the zero-terminated C table, and for each
/// entry the driver's information of type `U`.
#[repr(C)]
pub struct IdArray<T: RawDeviceId, U, const N: usize> {
    raw_ids: RawIdArray<T, N>,
    id_infos: [U; N],
}

impl<T: RawDeviceIdIndex, U, const N: usize> IdArray<T, U, N> {
    /// The table of `ids`, each with its information; each entry's
    /// `driver_data` is set to its position.
    pub const fn new(ids: [(T, U); N]) -> Self {
        let mut raw_ids = [const { MaybeUninit::<T::RawType>::uninit() }; N];
        let mut infos = [const { MaybeUninit::<U>::uninit() }; N];
        let mut i = 0usize;
        while i < N {
            // SAFETY: `T` has the layout of `T::RawType` (`RawDeviceId`'s
            // contract), so its bytes are a valid `RawType`.
            raw_ids[i] = unsafe { core::mem::transmute_copy(&ids[i].0) };
            // SAFETY: `DRIVER_DATA_OFFSET` is the offset of a `usize` field
            // inside `RawType` (`RawDeviceIdIndex`'s contract), and the
            // entry was just written.
            unsafe { raw_ids[i].as_mut_ptr().byte_add(T::DRIVER_DATA_OFFSET).cast::<usize>().write(i) };
            // SAFETY: each information is read out once; `ids` is forgotten
            // below, so none is dropped twice.
            infos[i] = MaybeUninit::new(unsafe { core::ptr::read(&ids[i].1) });
            i += 1;
        }
        core::mem::forget(ids);
        Self {
            raw_ids: RawIdArray {
                // SAFETY: all `N` entries were written above; an array of
                // `MaybeUninit<X>` has the layout of an array of `X`.
                ids: unsafe { core::mem::transmute_copy(&raw_ids) },
                sentinel: MaybeUninit::zeroed(),
            },
            // SAFETY: as above, for the informations, which are moved (the
            // copy in `infos` is never dropped: `MaybeUninit` does not).
            id_infos: unsafe { core::mem::transmute_copy(&infos) },
        }
    }
}

impl<T: RawDeviceId, const N: usize> IdArray<T, (), N> {
    /// The table of `ids`, without information and without writing their
    /// `driver_data` (for ID types that have none).
    pub const fn new_without_index(ids: [T; N]) -> Self {
        // SAFETY: `T` has the layout of `T::RawType`, so an array of them
        // has the layout of an array of `RawType`; `ids` is forgotten below.
        let raw: [T::RawType; N] = unsafe { core::mem::transmute_copy(&ids) };
        core::mem::forget(ids);
        Self { raw_ids: RawIdArray { ids: raw, sentinel: MaybeUninit::zeroed() }, id_infos: [(); N] }
    }
}

impl<T: RawDeviceId, U, const N: usize> IdArray<T, U, N> {
    /// The zero-terminated C table.
    pub const fn raw_ids(&self) -> &RawIdArray<T, N> {
        &self.raw_ids
    }
}

/// A device-ID table of any length: what a driver's `ID_TABLE` is, as a
/// `&'static dyn IdTable<T, U>`.
pub trait IdTable<T: RawDeviceId, U> {
    /// The C table, for the bus to match against.
    fn as_ptr(&self) -> *const T::RawType;

    /// The entry at `index`.
    fn id(&self, index: usize) -> &T::RawType;

    /// The driver's information for the entry at `index`.
    fn info(&self, index: usize) -> &U;

    /// The driver's information for the entry at `index`, or `None` past
    /// the table's end (for the buses, which take the index from C).
    #[doc(hidden)]
    fn info_checked(&self, index: usize) -> Option<&U>;
}

impl<T: RawDeviceId, U, const N: usize> IdTable<T, U> for IdArray<T, U, N> {
    fn as_ptr(&self) -> *const T::RawType {
        // The whole array's address, not `ids.as_ptr()`: the bus reads on
        // into the end entry, which the pointer must cover.
        (self as *const Self).cast()
    }

    fn id(&self, index: usize) -> &T::RawType {
        &self.raw_ids.ids[index]
    }

    fn info(&self, index: usize) -> &U {
        &self.id_infos[index]
    }

    fn info_checked(&self, index: usize) -> Option<&U> {
        self.id_infos.get(index)
    }
}

/// Exports a device-ID table to modpost under the name the stock kernels'
/// modpost reads (`__mod_TYPE__NAME_device_table`, as C's
/// `MODULE_DEVICE_TABLE(TYPE, NAME)` makes it), so that the module's
/// `alias=` entries list the devices it drives.
#[macro_export]
macro_rules! module_device_table {
    ($table_type:literal, $module_table_name:ident, $table_name:ident) => {
        // SAFETY: the symbol's name is one modpost reads and nothing else
        // defines; its bytes are the table's, a zero-terminated C array.
        #[rustfmt::skip]
        #[unsafe(export_name = ::core::concat!(
            "__mod_", $table_type, "__", ::core::stringify!($table_name), "_device_table"
        ))]
        static $module_table_name: [::core::mem::MaybeUninit<u8>; $table_name.raw_ids().size()] =
            // SAFETY: the table's bytes, copied whole: a byte array of its size.
            unsafe { ::core::mem::transmute_copy($table_name.raw_ids()) };
    };
}
