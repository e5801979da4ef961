//! Two misc devices whose callbacks return what the VFS must never see:
//! `EIOCBQUEUED`, which Linux 6.1's synchronous read and write paths meet
//! with `BUG_ON`, byte counts above the request, and ioctl results in the
//! errno range. The kernel crate turns each into an errno the caller can
//! take (`EIO`, with one warning in the log); results_test.c checks what
//! userspace gets, and the guest's log must show no BUG.
//!
//! `/dev/rust_misc_results_iter` has `read_iter`/`write_iter` only, so
//! read(2) goes through `new_sync_read` and readv(2) through
//! `do_iter_readv_writev`; `/dev/rust_misc_results_plain` has plain
//! `read`/`write`.

use kernel::fs::{File, Kiocb};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration, Whence};
use kernel::prelude::*;
use kernel::uaccess::{UserSliceReader, UserSliceWriter};

module! {
    type: RustMiscResults,
    name: "rust_misc_results",
    license: "GPL",
}

#[pin_data]
struct RustMiscResults {
    #[pin]
    _iter: MiscDeviceRegistration<IterOnly>,
    #[pin]
    _plain: MiscDeviceRegistration<Plain>,
}

impl kernel::InPlaceModule for RustMiscResults {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            _iter <- MiscDeviceRegistration::register(MiscDeviceOptions { name: c"rust_misc_results_iter" }),
            _plain <- MiscDeviceRegistration::register(MiscDeviceOptions { name: c"rust_misc_results_plain" }),
        })
    }
}

/// The ioctls of `/dev/rust_misc_results_iter`, as results_test.c numbers them.
const QUEUED: u32 = 0x100;
const OK_QUEUED: u32 = 0x101;
const OK_EINVAL: u32 = 0x102;
const SEVEN: u32 = 0x103;

/// The device with vector reads and writes.
struct IterOnly;

#[vtable]
impl MiscDevice for IterOnly {
    type Ptr = ();

    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
        Ok(())
    }

    /// Says the read completes later, which no synchronous caller can wait for.
    fn read_iter(_kiocb: Kiocb<'_, ()>, _iov: &mut IovIterDest<'_>) -> Result<usize> {
        Err(EIOCBQUEUED)
    }

    /// Claims one byte more than it was given.
    fn write_iter(_kiocb: Kiocb<'_, ()>, iov: &mut IovIterSource<'_>) -> Result<usize> {
        Ok(iov.len() + 1)
    }

    /// `SEEK_SET` says `EIOCBQUEUED`, `SEEK_CUR` asks for a negative
    /// position, `SEEK_END` moves to the offset itself.
    fn llseek(_device: (), _file: &File, _pos: i64, offset: i64, whence: Whence) -> Result<i64> {
        match whence {
            Whence::Set => Err(EIOCBQUEUED),
            Whence::Cur => Ok(-1),
            Whence::End => Ok(offset),
        }
    }

    fn ioctl(_device: (), _file: &File, cmd: u32, _arg: usize) -> Result<isize> {
        match cmd {
            QUEUED => Err(EIOCBQUEUED),
            OK_QUEUED => Ok(EIOCBQUEUED.to_errno() as isize),
            OK_EINVAL => Ok(EINVAL.to_errno() as isize),
            SEVEN => Ok(7),
            _ => Err(ENOTTY),
        }
    }
}

/// The device with plain reads and writes.
struct Plain;

#[vtable]
impl MiscDevice for Plain {
    type Ptr = ();

    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
        Ok(())
    }

    fn read(_device: (), _file: &File, _writer: &mut UserSliceWriter, _pos: &mut i64) -> Result {
        Err(EIOCBQUEUED)
    }

    fn write(_device: (), _file: &File, _reader: &mut UserSliceReader, _pos: &mut i64) -> Result {
        Err(EIOCBQUEUED)
    }
}
