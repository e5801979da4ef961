//! Misc devices: a character device under `/dev` with a dynamic minor.
//!
//! A driver implements [`MiscDevice`] inside [`vtable!`](crate::vtable),
//! which records the callbacks it implements; the others stay out of the
//! `file_operations` the kernel sees, as in C. [`MiscDeviceRegistration`]
//! registers the device and deregisters it when dropped. The private
//! `extern "C"` trampolines turn the kernel's raw pointers into `&File`,
//! user slices and the driver's own data, and errors into errno values.

use core::ffi::{c_int, c_long, c_uint, c_ulong, c_void};
use core::ptr::{addr_of, addr_of_mut};

use crate::error::{code::*, to_result, Error, Result};
use crate::fs::File;
use crate::init::{pin_init_from_closure, PinInit};
use crate::str::CStr;
use crate::types::{ForeignOwnable, Opaque};
use crate::uaccess::{UserSlice, UserSliceReader, UserSliceWriter};
use crate::ThisModule;

/// Where a seek counts from: C's `SEEK_SET`, `SEEK_CUR` and `SEEK_END`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whence {
    /// From the start.
    Set,
    /// From the current position.
    Cur,
    /// From the end.
    End,
}

/// The options of a misc device.
pub struct MiscDeviceOptions {
    /// The name under `/dev`.
    pub name: &'static CStr,
}

/// What a misc device does with its files.
///
/// Implement it inside [`vtable!`](crate::vtable); a callback left out is
/// left out of the C `file_operations` too, and the kernel does what it does
/// for a missing one (`EINVAL` for read and write, `ENOTTY` for ioctl,
/// `ESPIPE` for seek).
pub trait MiscDevice: Sized {
    /// The per-file data `open` makes, kept as the file's `private_data`.
    type Ptr: ForeignOwnable + Send + Sync;

    /// Data the registration keeps for every open file to reach
    /// ([`MiscDeviceRegistration::data`]): what the device's files share.
    type RegistrationData: Send + Sync;

    /// The callbacks implemented; written by [`vtable!`](crate::vtable).
    const IMPLEMENTED: &'static [&'static str];

    /// A file is opened.
    fn open(file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr>;

    /// The file's last reference is gone.
    fn release(device: Self::Ptr, _file: &File) {
        drop(device);
    }

    /// `read(2)` at `*pos`: writes to `writer` and moves `pos` on. The
    /// number of bytes written to `writer` is what the call returns.
    fn read(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _writer: &mut UserSliceWriter,
        _pos: &mut i64,
    ) -> Result {
        Err(EINVAL)
    }

    /// `write(2)` at `*pos`: reads from `reader` and moves `pos` on. The
    /// number of bytes consumed from `reader` is what the call returns.
    fn write(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _reader: &mut UserSliceReader,
        _pos: &mut i64,
    ) -> Result {
        Err(EINVAL)
    }

    /// `lseek(2)` from position `pos`: returns the new position.
    fn llseek(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _pos: i64,
        _offset: i64,
        _whence: Whence,
    ) -> Result<i64> {
        Err(ESPIPE)
    }

    /// `ioctl(2)`; `arg` is often a user address (see [`UserSlice`]).
    fn ioctl(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _cmd: u32,
        _arg: usize,
    ) -> Result<isize> {
        Err(ENOTTY)
    }

    /// `ioctl(2)` from a 32-bit process. Without it, such calls go to
    /// `ioctl` with the argument converted as a pointer.
    fn compat_ioctl(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _cmd: u32,
        _arg: usize,
    ) -> Result<isize> {
        Err(ENOTTY)
    }
}

/// Implements a trait whose callbacks are optional, recording in
/// `IMPLEMENTED` which functions the implementation defines.
///
/// ```ignore
/// kernel::vtable! {
///     impl MiscDevice for Echo {
///         type Ptr = ();
///         fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
///             Ok(())
///         }
///     }
/// }
/// ```
#[macro_export]
macro_rules! vtable {
    (impl $trait:ident for $ty:ty { $($body:tt)* }) => {
        impl $trait for $ty {
            const IMPLEMENTED: &'static [&'static str] = &$crate::__vtable_names!([] $($body)*);
            $($body)*
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __vtable_names {
    ([$($names:expr),*]) => { [$($names),*] };
    ([$($names:expr),*] fn $name:ident $($rest:tt)*) => {
        $crate::__vtable_names!([$($names,)* ::core::stringify!($name)] $($rest)*)
    };
    ([$($names:expr),*] $other:tt $($rest:tt)*) => {
        $crate::__vtable_names!([$($names),*] $($rest)*)
    };
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn implements<T: MiscDevice>(name: &str) -> bool {
    let mut i = 0;
    while i < T::IMPLEMENTED.len() {
        if str_eq(T::IMPLEMENTED[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// A registered misc device; deregistered when dropped.
///
/// # Invariants
///
/// `inner` is registered with `misc_register`, its `fops` pointing to
/// `fops`, which holds the trampolines for `T`.
#[repr(C)]
pub struct MiscDeviceRegistration<T: MiscDevice> {
    inner: Opaque<bindings::miscdevice>,
    fops: Opaque<bindings::file_operations>,
    data: T::RegistrationData,
}

// SAFETY: misc_deregister may be called from any thread; the data is `Send`.
unsafe impl<T: MiscDevice> Send for MiscDeviceRegistration<T> {}
// SAFETY: `&self` gives the device's C pointer and `&` of the data, which is `Sync`.
unsafe impl<T: MiscDevice> Sync for MiscDeviceRegistration<T> {}

impl<T: MiscDevice> MiscDeviceRegistration<T> {
    /// An initialiser that registers the device with `data` for its files;
    /// `module` owns the files, so it cannot be unloaded while one is open.
    pub fn register(
        opts: MiscDeviceOptions,
        data: T::RegistrationData,
        module: &'static ThisModule,
    ) -> impl PinInit<Self, Error> {
        let init = move |slot: *mut Self| {
            // SAFETY: `slot` is valid for writes (PinInit's contract); the
            // data is in place before any file can be opened.
            unsafe { addr_of_mut!((*slot).data).write(data) };
            let fops = Opaque::raw_get(
                // SAFETY: `slot` is valid (PinInit's contract).
                unsafe { addr_of!((*slot).fops) },
            );
            let misc = Opaque::raw_get(
                // SAFETY: as above.
                unsafe { addr_of!((*slot).inner) },
            );
            // SAFETY: both are valid for writes and pinned; a zeroed C
            // struct is empty (null pointers, no callbacks).
            unsafe {
                fops.write(file_operations::<T>(module));
                misc.write(core::mem::zeroed());
                (*misc).minor = bindings::MISC_DYNAMIC_MINOR as c_int;
                (*misc).name = opts.name.as_char_ptr();
                (*misc).fops = fops;
            }
            // INVARIANT: registered on success.
            // SAFETY: `misc` is initialised and stays where it is until
            // `drop` deregisters it.
            let ret = to_result(unsafe { bindings::misc_register(misc) });
            if ret.is_err() {
                // SAFETY: written above and not used by anything else.
                unsafe { core::ptr::drop_in_place(addr_of_mut!((*slot).data)) };
            }
            ret
        };
        // SAFETY: the closure initialises every field before registering,
        // and drops the data when the registration fails.
        unsafe { pin_init_from_closure(init) }
    }

    /// The C `struct miscdevice *`.
    pub fn as_raw(&self) -> *mut bindings::miscdevice {
        self.inner.get()
    }

    /// The data given to [`MiscDeviceRegistration::register`].
    pub fn data(&self) -> &T::RegistrationData {
        &self.data
    }
}

impl<T: MiscDevice> Drop for MiscDeviceRegistration<T> {
    fn drop(&mut self) {
        // SAFETY: registered (the type invariant).
        unsafe { bindings::misc_deregister(self.inner.get()) };
    }
}

/// The C callbacks for `T`, only those it implements.
fn file_operations<T: MiscDevice>(module: &'static ThisModule) -> bindings::file_operations {
    // SAFETY: a zeroed file_operations has no callbacks, which is valid.
    let mut fops: bindings::file_operations = unsafe { core::mem::zeroed() };
    fops.owner = module.as_ptr();
    fops.open = Some(open::<T>);
    fops.release = Some(release::<T>);
    if implements::<T>("read") {
        fops.read = Some(read::<T>);
    }
    if implements::<T>("write") {
        fops.write = Some(write::<T>);
    }
    if implements::<T>("llseek") {
        fops.llseek = Some(llseek::<T>);
    }
    if implements::<T>("ioctl") {
        fops.unlocked_ioctl = Some(ioctl::<T>);
    }
    if implements::<T>("compat_ioctl") {
        fops.compat_ioctl = Some(compat_ioctl::<T>);
    } else if implements::<T>("ioctl") {
        fops.compat_ioctl = Some(bindings::compat_ptr_ioctl);
    }
    fops
}

/// The per-file data of an open file.
///
/// # Safety
///
/// `file` is a file of a `T` device, opened successfully and not yet released.
unsafe fn device<'a, T: MiscDevice>(file: *mut bindings::file) -> <T::Ptr as ForeignOwnable>::Borrowed<'a> {
    // SAFETY: `open` stored `into_foreign`'s pointer in private_data, taken
    // back only by `release`, which runs after every other operation.
    unsafe { T::Ptr::borrow((*file).private_data) }
}

fn errno(e: Error) -> isize {
    e.to_errno() as isize
}

/// # Safety
///
/// Called by the kernel's `misc_open` for a `T` device.
unsafe extern "C" fn open<T: MiscDevice>(_inode: *mut bindings::inode, file: *mut bindings::file) -> c_int {
    // SAFETY: misc_open sets private_data to the miscdevice, the first field
    // of a live registration (`repr(C)`), before it calls open.
    let misc = unsafe { &*((*file).private_data as *const MiscDeviceRegistration<T>) };
    // SAFETY: the file is valid during open.
    let f = unsafe { File::from_raw(file) };
    match T::open(f, misc) {
        Ok(ptr) => {
            // SAFETY: the file is ours to set up during open.
            unsafe { (*file).private_data = ptr.into_foreign() as *mut c_void };
            0
        }
        Err(e) => e.to_errno(),
    }
}

/// # Safety
///
/// Called by the kernel once per opened file, last.
unsafe extern "C" fn release<T: MiscDevice>(_inode: *mut bindings::inode, file: *mut bindings::file) -> c_int {
    // SAFETY: private_data is `open`'s, and no operation runs any more.
    let device = unsafe { T::Ptr::from_foreign((*file).private_data) };
    // SAFETY: the file is valid during release.
    T::release(device, unsafe { File::from_raw(file) });
    0
}

/// # Safety
///
/// Called by the VFS with a file of a `T` device, a user buffer of `count`
/// bytes and the position to use.
unsafe extern "C" fn read<T: MiscDevice>(
    file: *mut bindings::file,
    buf: bindings::UserPtr<*mut core::ffi::c_char>,
    count: usize,
    ppos: *mut bindings::loff_t,
) -> isize {
    let mut writer = UserSlice::new(buf.0 as usize, count).writer();
    // SAFETY: `ppos` is valid during the call.
    let mut pos = unsafe { *ppos };
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f) = unsafe { (device::<T>(file), File::from_raw(file)) };
    match T::read(device, f, &mut writer, &mut pos) {
        Ok(()) => {
            // SAFETY: as above.
            unsafe { *ppos = pos };
            (count - writer.len()) as isize
        }
        Err(e) => errno(e),
    }
}

/// # Safety
///
/// As for `read`.
unsafe extern "C" fn write<T: MiscDevice>(
    file: *mut bindings::file,
    buf: bindings::UserPtr<*const core::ffi::c_char>,
    count: usize,
    ppos: *mut bindings::loff_t,
) -> isize {
    let mut reader = UserSlice::new(buf.0 as usize, count).reader();
    // SAFETY: `ppos` is valid during the call.
    let mut pos = unsafe { *ppos };
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f) = unsafe { (device::<T>(file), File::from_raw(file)) };
    match T::write(device, f, &mut reader, &mut pos) {
        Ok(()) => {
            // SAFETY: as above.
            unsafe { *ppos = pos };
            (count - reader.len()) as isize
        }
        Err(e) => errno(e),
    }
}

/// # Safety
///
/// Called by the VFS with a file of a `T` device.
unsafe extern "C" fn llseek<T: MiscDevice>(file: *mut bindings::file, offset: bindings::loff_t, whence: c_int) -> bindings::loff_t {
    let whence = match whence as u32 {
        bindings::SEEK_SET => Whence::Set,
        bindings::SEEK_CUR => Whence::Cur,
        bindings::SEEK_END => Whence::End,
        _ => return EINVAL.to_errno() as bindings::loff_t,
    };
    // SAFETY: an open file of a `T` device (the caller's guarantee); the
    // VFS serialises seeks on it.
    let (device, f, pos) = unsafe { (device::<T>(file), File::from_raw(file), (*file).f_pos) };
    match T::llseek(device, f, pos, offset, whence) {
        Ok(new) if new >= 0 => {
            // SAFETY: as above.
            unsafe { (*file).f_pos = new };
            new
        }
        Ok(_) => EINVAL.to_errno() as bindings::loff_t,
        Err(e) => e.to_errno() as bindings::loff_t,
    }
}

/// # Safety
///
/// Called by the VFS with a file of a `T` device.
unsafe extern "C" fn ioctl<T: MiscDevice>(file: *mut bindings::file, cmd: c_uint, arg: c_ulong) -> c_long {
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f) = unsafe { (device::<T>(file), File::from_raw(file)) };
    match T::ioctl(device, f, cmd, arg as usize) {
        Ok(ret) => ret as c_long,
        Err(e) => e.to_errno() as c_long,
    }
}

/// # Safety
///
/// Called by the VFS with a file of a `T` device.
unsafe extern "C" fn compat_ioctl<T: MiscDevice>(file: *mut bindings::file, cmd: c_uint, arg: c_ulong) -> c_long {
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f) = unsafe { (device::<T>(file), File::from_raw(file)) };
    match T::compat_ioctl(device, f, cmd, arg as usize) {
        Ok(ret) => ret as c_long,
        Err(e) => e.to_errno() as c_long,
    }
}
