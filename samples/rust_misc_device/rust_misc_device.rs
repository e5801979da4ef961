//! A misc device, `/dev/rust_misc_device`: a buffer of at most 1 MiB that
//! every opener shares, read and written like a file (`read_iter`/
//! `write_iter`, and `lseek`), with ioctls to query its size, resize it and
//! reset it to zeros, and its size in the file's fdinfo.
//!
//! It is written against Linux 6.18's API (`#[vtable]`, `InPlaceModule`,
//! `try_pin_init!`, `Kiocb` and the I/O vectors, `dev_info!`), with two
//! krust additions that 6.18 does not have: the registration's data
//! (`type RegistrationData`, `register_with_data`, `misc.data()`), which
//! gives every opener the same buffer, and the `llseek` callback. A driver
//! meant for mainline too gives each file its own state and has no seek, as
//! tests/compile_fail/ok_misc_device.rs does.

use kernel::device::Device;
use kernel::fs::{File, Kiocb};
use kernel::ioctl::{_IOC_SIZE, _IO, _IOR, _IOW};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration, Whence};
use kernel::prelude::*;
use kernel::seq_file::SeqFile;
use kernel::seq_print;
use kernel::sync::{Arc, Mutex};
use kernel::types::ARef;
use kernel::uaccess::{UserSlice, UserSliceReader, UserSliceWriter};

module! {
    type: RustMiscDeviceModule,
    name: "rust_misc_device",
    authors: ["krust"],
    description: "Rust misc device sample",
    license: "GPL",
}

/// The size a buffer starts with.
const DEFAULT_SIZE: usize = 4096;
/// The largest buffer, and the largest read or write.
const MAX_SIZE: usize = 1 << 20;

/// The ioctls, as misc_test.c defines them.
const RUST_MISC_DEV_GET_SIZE: u32 = _IOR::<u64>('|' as u32, 0x80);
const RUST_MISC_DEV_SET_SIZE: u32 = _IOW::<u64>('|' as u32, 0x81);
const RUST_MISC_DEV_RESET: u32 = _IO('|' as u32, 0x82);

/// The buffer every file shares.
type Buffer = Arc<Mutex<KVVec<u8>>>;

/// The module: the registration, in place in the module's own memory.
#[pin_data]
struct RustMiscDeviceModule {
    #[pin]
    _miscdev: MiscDeviceRegistration<RustMiscDevice>,
}

impl kernel::InPlaceModule for RustMiscDeviceModule {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        pr_info!("registering /dev/rust_misc_device, {} bytes\n", DEFAULT_SIZE);
        let options = MiscDeviceOptions { name: c"rust_misc_device" };
        try_pin_init!(Self {
            _miscdev <- MiscDeviceRegistration::register_with_data(options, new_buffer()?),
        })
    }
}

/// The buffer, zeroed, at its first size.
fn new_buffer() -> Result<Buffer> {
    let mut data = KVVec::new();
    data.resize(DEFAULT_SIZE, 0, GFP_KERNEL)?;
    Arc::pin_init(new_mutex!(data), GFP_KERNEL)
}

/// What one open file holds: the shared buffer and the device, for messages.
struct RustMiscDevice {
    buffer: Buffer,
    dev: ARef<Device>,
}

/// The position `pos` as an index into a buffer of `len` bytes, if it is in it.
fn index(pos: i64, len: usize) -> Option<usize> {
    usize::try_from(pos).ok().filter(|&i| i <= len)
}

#[vtable]
impl MiscDevice for RustMiscDevice {
    type Ptr = Pin<KBox<Self>>;
    type RegistrationData = Buffer;

    fn open(_file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Pin<KBox<Self>>> {
        let dev = ARef::from(misc.device());
        dev_info!(dev, "opened\n");
        KBox::pin(RustMiscDevice { buffer: misc.data().clone(), dev }, GFP_KERNEL).map_err(Into::into)
    }

    fn read_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterDest<'_>) -> Result<usize> {
        let me = kiocb.file();
        if iov.len() > MAX_SIZE {
            return Err(EINVAL);
        }
        let data = me.buffer.lock();
        let start = index(kiocb.ki_pos(), data.len()).ok_or(EINVAL)?;
        let n = iov.len().min(data.len() - start);
        if iov.copy_to_iter(&data[start..start + n]) != n {
            return Err(EFAULT);
        }
        *kiocb.ki_pos_mut() += n as i64;
        Ok(n)
    }

    fn write_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterSource<'_>) -> Result<usize> {
        let me = kiocb.file();
        if iov.len() > MAX_SIZE {
            return Err(EINVAL);
        }
        let mut data = me.buffer.lock();
        let start = index(kiocb.ki_pos(), data.len()).ok_or(EINVAL)?;
        if start == data.len() && !iov.is_empty() {
            return Err(ENOSPC);
        }
        let n = iov.len().min(data.len() - start);
        if iov.copy_from_iter(&mut data[start..start + n]) != n {
            return Err(EFAULT);
        }
        *kiocb.ki_pos_mut() += n as i64;
        Ok(n)
    }

    fn llseek(me: Pin<&RustMiscDevice>, _file: &File, pos: i64, offset: i64, whence: Whence) -> Result<i64> {
        let len = me.buffer.lock().len() as i64;
        let base = match whence {
            Whence::Set => 0,
            Whence::Cur => pos,
            Whence::End => len,
        };
        let new = base.checked_add(offset).ok_or(EINVAL)?;
        if new < 0 || new > len {
            return Err(EINVAL);
        }
        Ok(new)
    }

    fn ioctl(me: Pin<&RustMiscDevice>, _file: &File, cmd: u32, arg: usize) -> Result<isize> {
        let size = _IOC_SIZE(cmd);
        match cmd {
            RUST_MISC_DEV_GET_SIZE => me.get_size(UserSlice::new(arg, size).writer())?,
            RUST_MISC_DEV_SET_SIZE => me.set_size(UserSlice::new(arg, size).reader())?,
            RUST_MISC_DEV_RESET => me.buffer.lock().fill(0),
            _ => {
                dev_err!(me.dev, "unknown ioctl {:#x}\n", cmd);
                return Err(ENOTTY);
            }
        }
        Ok(0)
    }

    fn show_fdinfo(me: Pin<&RustMiscDevice>, m: &SeqFile, _file: &File) {
        seq_print!(m, "rust_misc_device_size:\t{}\n", me.buffer.lock().len());
    }
}

impl RustMiscDevice {
    fn get_size(&self, mut writer: UserSliceWriter) -> Result {
        let len = self.buffer.lock().len() as u64;
        writer.write(&len)
    }

    fn set_size(&self, mut reader: UserSliceReader) -> Result {
        let size = reader.read::<u64>()?;
        let size = usize::try_from(size).ok().filter(|&s| s <= MAX_SIZE).ok_or(EINVAL)?;
        self.buffer.lock().resize(size, 0, GFP_KERNEL)?;
        Ok(())
    }
}
