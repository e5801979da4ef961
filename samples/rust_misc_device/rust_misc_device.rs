//! A misc device, `/dev/rust_misc_device`: a buffer of at most 1 MiB that
//! every opener shares, read and written like a file, with ioctls to query
//! its size, resize it and reset it to zeros.

use kernel::fs::File;
use kernel::ioctl::{_IO, _IOR, _IOW};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration, Whence};
use kernel::prelude::*;
use kernel::sync::{Arc, Mutex};
use kernel::uaccess::{UserSlice, UserSliceReader, UserSliceWriter};

module! {
    type: RustMiscDeviceModule,
    name: "rust_misc_device",
    author: "krust",
    description: "Rust misc device sample",
    license: "GPL",
}

/// The size a buffer starts with.
const DEFAULT_SIZE: usize = 4096;
/// The largest buffer, and the largest read or write.
const MAX_SIZE: usize = 1 << 20;

/// The ioctls, as `rust_misc_device.h` in the tests defines them.
const RUST_MISC_DEV_GET_SIZE: u32 = _IOR::<u64>('|' as u32, 0x80);
const RUST_MISC_DEV_SET_SIZE: u32 = _IOW::<u64>('|' as u32, 0x81);
const RUST_MISC_DEV_RESET: u32 = _IO('|' as u32, 0x82);

/// The buffer every file shares.
type Buffer = Arc<Mutex<KVVec<u8>>>;

struct RustMiscDeviceModule {
    _registration: Pin<KBox<MiscDeviceRegistration<RustMiscDevice>>>,
}

impl Module for RustMiscDeviceModule {
    fn init(module: &'static ThisModule) -> Result<Self> {
        let mut data = KVVec::new();
        data.resize(DEFAULT_SIZE, 0, GFP_KERNEL)?;
        let buffer = Arc::pin_init(new_mutex!(data), GFP_KERNEL)?;
        let options = MiscDeviceOptions { name: c_str!("rust_misc_device") };
        let registration = KBox::try_pin_init(MiscDeviceRegistration::register(options, buffer, module), GFP_KERNEL)?;
        Ok(RustMiscDeviceModule { _registration: registration })
    }
}

struct RustMiscDevice;

/// The position `pos` as an index into a buffer of `len` bytes, if it is in it.
fn index(pos: i64, len: usize) -> Option<usize> {
    usize::try_from(pos).ok().filter(|&i| i <= len)
}

kernel::vtable! {
    impl MiscDevice for RustMiscDevice {
        type Ptr = Buffer;
        type RegistrationData = Buffer;

        fn open(_file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Buffer> {
            Ok(misc.data().clone())
        }

        fn read(buffer: &Mutex<KVVec<u8>>, _file: &File, writer: &mut UserSliceWriter, pos: &mut i64) -> Result {
            if writer.len() > MAX_SIZE {
                return Err(EINVAL);
            }
            let data = buffer.lock();
            let start = index(*pos, data.len()).ok_or(EINVAL)?;
            let n = writer.len().min(data.len() - start);
            writer.write_slice(&data[start..start + n])?;
            *pos += n as i64;
            Ok(())
        }

        fn write(buffer: &Mutex<KVVec<u8>>, _file: &File, reader: &mut UserSliceReader, pos: &mut i64) -> Result {
            if reader.len() > MAX_SIZE {
                return Err(EINVAL);
            }
            let mut data = buffer.lock();
            let start = index(*pos, data.len()).ok_or(EINVAL)?;
            if start == data.len() && !reader.is_empty() {
                return Err(ENOSPC);
            }
            let n = reader.len().min(data.len() - start);
            reader.read_slice(&mut data[start..start + n])?;
            *pos += n as i64;
            Ok(())
        }

        fn llseek(buffer: &Mutex<KVVec<u8>>, _file: &File, pos: i64, offset: i64, whence: Whence) -> Result<i64> {
            let len = buffer.lock().len() as i64;
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

        fn ioctl(buffer: &Mutex<KVVec<u8>>, _file: &File, cmd: u32, arg: usize) -> Result<isize> {
            match cmd {
                RUST_MISC_DEV_GET_SIZE => {
                    let len = buffer.lock().len() as u64;
                    UserSlice::new(arg, 8).writer().write(&len)?;
                }
                RUST_MISC_DEV_SET_SIZE => {
                    let size = UserSlice::new(arg, 8).reader().read::<u64>()?;
                    let size = usize::try_from(size).ok().filter(|&s| s <= MAX_SIZE).ok_or(EINVAL)?;
                    buffer.lock().resize(size, 0, GFP_KERNEL)?;
                }
                RUST_MISC_DEV_RESET => buffer.lock().fill(0),
                _ => return Err(ENOTTY),
            }
            Ok(0)
        }
    }
}
