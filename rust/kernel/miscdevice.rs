//! Misc devices: a character device under `/dev` with a dynamic minor.
//!
//! A driver implements [`MiscDevice`] under [`#[vtable]`](crate::vtable),
//! as in Linux 6.18, which records the callbacks it implements; the others
//! stay out of the `file_operations` the kernel sees, as in C.
//! [`MiscDeviceRegistration`] registers the device and deregisters it when
//! dropped. The private `extern "C"` trampolines turn the kernel's raw
//! pointers into `&File`, I/O vectors, user slices and the driver's own
//! data, and errors into errno values.
//!
//! The `file_operations` of a `T` are one `static` per type, in the module's
//! own image, never part of a registration: a file stays open after its
//! device is deregistered (and the registration freed), and everything it
//! reaches is still there. Its operations find the `static` table, whose
//! `owner` keeps the module loaded while the file is open; its private data,
//! which `open` made, is its own; and `release` frees that data when the
//! last reference to the file goes.
//!
//! A file opens only once the module is live, its `init` done: until then
//! `open` fails with `ENODEV`. The kernel takes the module's reference for
//! a file before `init` has returned, and when `init` then fails (a later
//! field of the module's initialiser, say), the loader frees the module
//! whatever that reference says, and with it the `static` table an open file
//! would still point to.
//!
//! What a callback returns is checked before the VFS sees it: a read or
//! write that claims more bytes than it was asked for, or an errno the VFS
//! gives a meaning of its own (`EIOCBQUEUED`, "completion comes later",
//! which the synchronous paths of Linux 6.1 meet with `BUG_ON`), reaches
//! the caller as `EIO`, with a warning in the kernel log (once per module).
//! An [`Error`] is always in `-MAX_ERRNO..0`, so nothing else can pass for
//! a byte count.

use core::ffi::{c_int, c_long, c_uint, c_ulong};
use core::fmt;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::ptr::addr_of_mut;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::device::Device;
use crate::error::{code::*, to_result, Error, Result};
use crate::fs::{File, Kiocb};
use crate::init::{pin_init_from_closure, PinInit};
use crate::iov::{IovIterDest, IovIterSource};
use crate::seq_file::SeqFile;
use crate::str::CStr;
use crate::types::{ForeignOwnable, Opaque};
use crate::uaccess::{UserSlice, UserSliceReader, UserSliceWriter};

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
#[derive(Clone, Copy)]
pub struct MiscDeviceOptions {
    /// The name under `/dev`.
    pub name: &'static CStr,
}

impl MiscDeviceOptions {
    /// The C `struct miscdevice` to register, with `T`'s file operations.
    pub const fn into_raw<T: MiscDevice>(self) -> bindings::miscdevice {
        // SAFETY: all-zero is a valid miscdevice (null pointers, no callbacks).
        let mut misc: bindings::miscdevice = unsafe { MaybeUninit::zeroed().assume_init() };
        misc.minor = bindings::MISC_DYNAMIC_MINOR as c_int;
        misc.name = self.name.as_ptr();
        misc.fops = MiscdeviceVTable::<T>::build();
        misc
    }
}

/// What a misc device does with its files.
///
/// Implement it with [`vtable`](crate::vtable); a callback left out is
/// left out of the C `file_operations` too, and the kernel does what it does
/// for a missing one (`EINVAL` for read and write, `ENOTTY` for ioctl,
/// `ESPIPE` for seek). Reads and writes come either as Linux 6.18 has them,
/// `read_iter`/`write_iter` with an I/O vector, or as plain `read`/`write`
/// with a user slice; where a type implements both, `read(2)` and
/// `write(2)` call the plain ones and `readv(2)`/`writev(2)` the others.
pub trait MiscDevice: Sized {
    /// The per-file data `open` makes, kept as the file's `private_data`.
    type Ptr: ForeignOwnable + Send + Sync;

    /// Data the registration keeps for every open file to reach
    /// ([`MiscDeviceRegistration::data`]): what the device's files share.
    /// Linux 6.18 has no such data (`()` here, the default).
    type RegistrationData: Send + Sync = ();

    /// The callbacks implemented; written by [`vtable`](crate::vtable).
    const IMPLEMENTED: &'static [&'static str];

    /// A file is opened; `misc` is the registration, alive during the call.
    fn open(file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr>;

    /// The file's last reference is gone.
    fn release(device: Self::Ptr, _file: &File) {
        drop(device);
    }

    /// `read(2)`, `readv(2)`, `pread(2)` and the like: fills `iov` from the
    /// position `kiocb.ki_pos()`, moves the position on, and returns the
    /// number of bytes written to `iov`, at most its length on entry: a
    /// larger number, or `EIOCBQUEUED`, gives the caller `EIO` instead.
    fn read_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterDest<'_>) -> Result<usize> {
        Err(EINVAL)
    }

    /// `write(2)`, `writev(2)`, `pwrite(2)` and the like: takes bytes from
    /// `iov` at the position `kiocb.ki_pos()`, moves the position on, and
    /// returns the number of bytes taken, at most its length on entry: a
    /// larger number, or `EIOCBQUEUED`, gives the caller `EIO` instead.
    fn write_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterSource<'_>) -> Result<usize> {
        Err(EINVAL)
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

    /// `lseek(2)` from position `pos`: returns the new position, which the
    /// file then takes (a negative one is refused with `EINVAL`).
    ///
    /// The VFS does not serialise seeks on a character device (its
    /// `f_pos_lock` is only for regular files and directories), nor seeks
    /// against reads and writes: `pos` is the position when the call began,
    /// and a concurrent seek, read or write on the same open file may move
    /// it meanwhile, the last to store winning, as in C drivers.
    fn llseek(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _pos: i64,
        _offset: i64,
        _whence: Whence,
    ) -> Result<i64> {
        Err(ESPIPE)
    }

    /// `ioctl(2)`; `arg` is often a user address (see [`UserSlice`]). An
    /// `Ok` in the errno range is an error to the caller, as in C.
    fn ioctl(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _cmd: u32,
        _arg: usize,
    ) -> Result<isize> {
        Err(ENOTTY)
    }

    /// `ioctl(2)` from a 32-bit process. Without it, such calls go to
    /// `ioctl` with the argument converted as a pointer (`compat_ptr_ioctl`).
    fn compat_ioctl(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _cmd: u32,
        _arg: usize,
    ) -> Result<isize> {
        Err(ENOTTY)
    }

    /// What `/proc/<pid>/fdinfo/<fd>` shows for the file, after the
    /// kernel's own lines.
    fn show_fdinfo(_device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>, _m: &SeqFile, _file: &File) {}
}

/// Implements a trait whose callbacks are optional, recording in
/// `IMPLEMENTED` which functions the implementation defines. An attribute,
/// as Linux 6.18 writes it (there a procedural macro; here a `macro_rules!`
/// attribute, which needs no procedural-macro crate):
///
/// ```ignore
/// #[vtable]
/// impl MiscDevice for Echo {
///     type Ptr = ();
///     fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
///         Ok(())
///     }
/// }
/// ```
#[macro_export]
macro_rules! vtable {
    attr() (impl $trait:ident for $ty:ty { $($body:tt)* }) => {
        impl $trait for $ty {
            const IMPLEMENTED: &'static [&'static str] = &$crate::__vtable_names!([] $($body)*);
            $($body)*
        }
    };
}

/// The names of the functions an implementation defines, as an array.
///
/// One step per item of the implementation, not per token: a function is
/// matched whole, signature and body, as is an associated type or constant
/// with its attributes (doc comments included), so an implementation of every
/// callback with long comments stays far below the macro recursion limit. A
/// function of another shape (generic, with a `where` clause) falls back to
/// the token-at-a-time rules at the end, which find its name all the same.
#[doc(hidden)]
#[macro_export]
macro_rules! __vtable_names {
    ([$($names:expr),*]) => { [$($names),*] };
    ([$($names:expr),*]
        $(#[$m:meta])* $(unsafe)? fn $name:ident ($($args:tt)*) $(-> $ret:ty)? $body:block
        $($rest:tt)*) => {
        $crate::__vtable_names!([$($names,)* ::core::stringify!($name)] $($rest)*)
    };
    ([$($names:expr),*] $(#[$m:meta])* type $name:ident = $ty:ty; $($rest:tt)*) => {
        $crate::__vtable_names!([$($names),*] $($rest)*)
    };
    ([$($names:expr),*] $(#[$m:meta])* const $name:ident: $ty:ty = $value:expr; $($rest:tt)*) => {
        $crate::__vtable_names!([$($names),*] $($rest)*)
    };
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
/// `inner` is registered with `misc_register`, its `fops` pointing to the
/// `static` file operations of `T`.
#[repr(C)]
pub struct MiscDeviceRegistration<T: MiscDevice> {
    inner: Opaque<bindings::miscdevice>,
    data: T::RegistrationData,
}

// SAFETY: misc_deregister may be called from any thread; the data is `Send`.
unsafe impl<T: MiscDevice> Send for MiscDeviceRegistration<T> {}
// SAFETY: `&self` gives the device's C pointer, its `Device` (made for any
// thread) and `&` of the data, which is `Sync`.
unsafe impl<T: MiscDevice> Sync for MiscDeviceRegistration<T> {}

impl<T: MiscDevice> MiscDeviceRegistration<T> {
    /// An initialiser that registers the device, as Linux 6.18's does; the
    /// registration data, if the type has any, is its default.
    pub fn register(opts: MiscDeviceOptions) -> impl PinInit<Self, Error>
    where
        T::RegistrationData: Default,
    {
        Self::register_with_data(opts, Default::default())
    }

    /// An initialiser that registers the device with `data` for its files.
    pub fn register_with_data(opts: MiscDeviceOptions, data: T::RegistrationData) -> impl PinInit<Self, Error> {
        let init = move |slot: *mut Self| {
            // SAFETY: `slot` is valid for writes (PinInit's contract); the
            // data is in place before any file can be opened.
            unsafe { addr_of_mut!((*slot).data).write(data) };
            // SAFETY: as above.
            let misc = Opaque::raw_get(unsafe { addr_of_mut!((*slot).inner) });
            // SAFETY: valid for writes and pinned.
            unsafe { misc.write(opts.into_raw::<T>()) };
            // INVARIANT: registered on success, with T's static operations.
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

    /// The device under `/dev`, for the `dev_*!` macros; an
    /// [`ARef`](crate::types::ARef) of it keeps it after deregistration.
    pub fn device(&self) -> &Device {
        // SAFETY: misc_register made `this_device`, which keeps its count
        // until misc_deregister, which `drop` calls: the borrow of `self`
        // ends before.
        unsafe { Device::from_raw((*self.as_raw()).this_device) }
    }

    /// The data given to [`MiscDeviceRegistration::register_with_data`].
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

/// The `file_operations` of `T`: one `static` per type, with only the
/// callbacks it implements.
struct MiscdeviceVTable<T: MiscDevice>(PhantomData<T>);

impl<T: MiscDevice> MiscdeviceVTable<T> {
    const VTABLE: bindings::file_operations = {
        // SAFETY: a zeroed file_operations has no callbacks, which is valid.
        let mut fops: bindings::file_operations = unsafe { MaybeUninit::zeroed().assume_init() };
        // The module whose image holds this table (each module links its own
        // copy of the crate): a file holds it loaded while it is open.
        fops.owner = core::ptr::addr_of_mut!(bindings::__this_module);
        fops.open = Some(open::<T>);
        fops.release = Some(release::<T>);
        if implements::<T>("read_iter") {
            fops.read_iter = Some(read_iter::<T>);
        }
        if implements::<T>("write_iter") {
            fops.write_iter = Some(write_iter::<T>);
        }
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
        if implements::<T>("show_fdinfo") {
            fops.show_fdinfo = Some(show_fdinfo::<T>);
        }
        fops
    };

    /// The table, promoted to a `static` of the module.
    const fn build() -> &'static bindings::file_operations {
        &Self::VTABLE
    }
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

/// Whether a callback's result has already been reported: the warning comes
/// once per module (each module links its own copy of this crate).
static WARNED: AtomicBool = AtomicBool::new(false);

/// Warns, once, that `T`'s callback `op` returned something the VFS cannot
/// be given, which the caller gets as `EIO`.
fn warn_once<T>(op: &str, what: fmt::Arguments<'_>) {
    if !WARNED.swap(true, Ordering::Relaxed) {
        crate::print::call_printk(
            &crate::print::levels::WARNING,
            c"misc",
            format_args!("{}::{}: {}; the caller gets EIO", core::any::type_name::<T>(), op, what),
        );
    }
}

/// The errno to hand the VFS for `e`, which `T`'s `op` returned: `EIO` for
/// one the VFS gives a meaning the driver cannot honour. `EIOCBQUEUED` says
/// the request completes later, through the control block; the synchronous
/// paths `BUG_ON` it, and aio or io_uring would wait for a completion that
/// never comes. An [`Error`] cannot be outside `-MAX_ERRNO..0`.
fn vfs_errno<T>(op: &str, e: Error) -> c_int {
    if e == EIOCBQUEUED {
        warn_once::<T>(op, format_args!("returned EIOCBQUEUED"));
        return EIO.to_errno();
    }
    e.to_errno()
}

/// What a read or write of `requested` bytes returns to the VFS: the bytes
/// moved, or an errno. A driver that claims more than it was asked for has a
/// bug, and the number means nothing (the caller's buffer is smaller), so it
/// is refused with `EIO` rather than cut to `requested`, which would report
/// bytes as moved that may never have been.
fn rw_result<T>(op: &str, ret: Result<usize>, requested: usize) -> isize {
    match ret {
        // The VFS caps a request at MAX_RW_COUNT, far below isize::MAX.
        Ok(n) if n <= requested && n <= isize::MAX as usize => n as isize,
        Ok(n) => {
            warn_once::<T>(op, format_args!("returned {} bytes for a request of {}", n, requested));
            EIO.to_errno() as isize
        }
        Err(e) => vfs_errno::<T>(op, e) as isize,
    }
}

/// What an ioctl returns to the VFS: any number, where one in the errno
/// range is an error, as in C, and checked as one.
fn ioctl_result<T>(op: &str, ret: Result<isize>) -> c_long {
    match ret {
        Ok(n) if n < 0 && n >= -(bindings::MAX_ERRNO as isize) => vfs_errno::<T>(op, Error::from_errno(n as c_int)) as c_long,
        Ok(n) => n as c_long,
        Err(e) => vfs_errno::<T>(op, e) as c_long,
    }
}

/// Turns an open away before the module is live: drops the module reference
/// `misc_open` took for the file and leaves the file without operations, so
/// that nothing after the return (do_dentry_open's `fops_put`, which runs
/// once `misc_open` has dropped the misc lock) reads this module's table,
/// which a failing `init` is about to free.
///
/// # Safety
///
/// `file` is being opened by `misc_open`, which holds the misc lock and gave
/// it `T`'s table, with a reference to this module, and the open then fails.
unsafe fn refuse_open(file: *mut bindings::file) -> c_int {
    // SAFETY: the file is being opened by us (the caller's guarantee); the VFS
    // puts a null f_op as nothing.
    unsafe { (*file).f_op = core::ptr::null() };
    // SAFETY: the reference misc_open's fops_get took, no longer put by
    // the VFS. The module stays: a failing init frees it only after
    // misc_deregister, which waits for the misc lock that misc_open holds.
    unsafe { bindings::module_put(core::ptr::addr_of_mut!(bindings::__this_module)) };
    ENODEV.to_errno()
}

/// # Safety
///
/// Called by the kernel's `misc_open` for a `T` device, under the misc lock.
unsafe extern "C" fn open<T: MiscDevice>(inode: *mut bindings::inode, file: *mut bindings::file) -> c_int {
    if !crate::module::is_live() {
        // SAFETY: misc_open is opening the file with T's table (the caller's
        // guarantee), and the open fails.
        return unsafe { refuse_open(file) };
    }
    // SAFETY: both are valid during open.
    let ret = unsafe { bindings::generic_file_open(inode, file) };
    if ret != 0 {
        return ret;
    }
    // SAFETY: misc_open sets private_data to the miscdevice, the first field
    // of a live registration (`repr(C)`), and holds the misc lock across the
    // call, which misc_deregister (from the registration's `drop`) takes
    // before the registration can go.
    let misc = unsafe { &*((*file).private_data as *const MiscDeviceRegistration<T>) };
    // SAFETY: the file is valid during open.
    let f = unsafe { File::from_raw(file) };
    match T::open(f, misc) {
        Ok(ptr) => {
            // SAFETY: the file is ours to set up during open.
            unsafe { (*file).private_data = ptr.into_foreign() as *mut core::ffi::c_void };
            0
        }
        Err(e) => vfs_errno::<T>("open", e),
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
/// Called by the VFS with a control block of a file of a `T` device and a
/// destination vector.
unsafe extern "C" fn read_iter<T: MiscDevice>(kiocb: *mut bindings::kiocb, iter: *mut bindings::iov_iter) -> isize {
    // SAFETY: a valid control block of an open `T` file, whose private data
    // `open` made (the caller's guarantee).
    let kiocb = unsafe { Kiocb::from_raw(kiocb) };
    // SAFETY: the VFS gives read_iter a valid destination vector.
    let iov = unsafe { IovIterDest::from_raw(iter) };
    let requested = iov.len();
    rw_result::<T>("read_iter", T::read_iter(kiocb, iov), requested)
}

/// # Safety
///
/// Called by the VFS with a control block of a file of a `T` device and a
/// source vector.
unsafe extern "C" fn write_iter<T: MiscDevice>(kiocb: *mut bindings::kiocb, iter: *mut bindings::iov_iter) -> isize {
    // SAFETY: as for `read_iter`.
    let kiocb = unsafe { Kiocb::from_raw(kiocb) };
    // SAFETY: the VFS gives write_iter a valid source vector.
    let iov = unsafe { IovIterSource::from_raw(iter) };
    let requested = iov.len();
    rw_result::<T>("write_iter", T::write_iter(kiocb, iov), requested)
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
    let ret = T::read(device, f, &mut writer, &mut pos).map(|()| count - writer.len());
    if ret.is_ok() {
        // SAFETY: as above.
        unsafe { *ppos = pos };
    }
    rw_result::<T>("read", ret, count)
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
    let ret = T::write(device, f, &mut reader, &mut pos).map(|()| count - reader.len());
    if ret.is_ok() {
        // SAFETY: as above.
        unsafe { *ppos = pos };
    }
    rw_result::<T>("write", ret, count)
}

/// The file's position, read once, as C's `READ_ONCE`.
///
/// Nothing serialises `f_pos` for a character device: its opens never get
/// `FMODE_ATOMIC_POS`, so neither lseek nor read(2) takes `f_pos_lock`, and
/// read(2) stores its new position with a plain store. `generic_file_llseek`
/// takes `f_lock` only to make its `SEEK_CUR` addition atomic against other
/// seeks of its own; a driver's `llseek` may sleep, so no spinlock can span
/// it, and the only seeks of this file are this one's, so `f_lock` would
/// order nothing here. The value is whole: a 64-bit load and store.
///
/// # Safety
///
/// `file` is an open file.
unsafe fn file_pos(file: *mut bindings::file) -> i64 {
    // SAFETY: valid (the caller's guarantee); no Rust reference to the field
    // exists, and its writers store it whole.
    unsafe { core::ptr::addr_of!((*file).f_pos).read_volatile() }
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
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f, pos) = unsafe { (device::<T>(file), File::from_raw(file), file_pos(file)) };
    match T::llseek(device, f, pos, offset, whence) {
        // As generic_file_llseek stores it: vfs_setpos refuses a negative
        // position (EINVAL), and on a change stores it and resets f_version.
        // SAFETY: an open file; vfs_setpos only stores those two fields.
        Ok(new) => unsafe { bindings::vfs_setpos(file, new, bindings::loff_t::MAX) },
        Err(e) => vfs_errno::<T>("llseek", e) as bindings::loff_t,
    }
}

/// # Safety
///
/// Called by the VFS with a file of a `T` device.
unsafe extern "C" fn ioctl<T: MiscDevice>(file: *mut bindings::file, cmd: c_uint, arg: c_ulong) -> c_long {
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f) = unsafe { (device::<T>(file), File::from_raw(file)) };
    ioctl_result::<T>("ioctl", T::ioctl(device, f, cmd, arg as usize))
}

/// # Safety
///
/// Called by the VFS with a file of a `T` device.
unsafe extern "C" fn compat_ioctl<T: MiscDevice>(file: *mut bindings::file, cmd: c_uint, arg: c_ulong) -> c_long {
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f) = unsafe { (device::<T>(file), File::from_raw(file)) };
    ioctl_result::<T>("compat_ioctl", T::compat_ioctl(device, f, cmd, arg as usize))
}

/// # Safety
///
/// Called by procfs with the `seq_file` of an fdinfo file being read and a
/// file of a `T` device, which it holds open.
unsafe extern "C" fn show_fdinfo<T: MiscDevice>(m: *mut bindings::seq_file, file: *mut bindings::file) {
    // SAFETY: an open file of a `T` device (the caller's guarantee).
    let (device, f) = unsafe { (device::<T>(file), File::from_raw(file)) };
    // SAFETY: the seq_file is valid and ours during the call.
    let m = unsafe { SeqFile::from_raw(m) };
    T::show_fdinfo(device, m, f);
}
