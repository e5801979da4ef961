//! Compiles: a misc device written against Linux 6.18's API, unchanged:
//! `#[vtable]`, no registration data, `register(opts)` in a `#[pin_data]`
//! module, per-file state built with `try_pin_init!`, `read_iter` and
//! `write_iter`, `ioctl` on `Pin<&Self>`, `compat_ioctl`, `show_fdinfo`,
//! `dev_info!` on an `ARef<Device>` and a C-string literal.
// krust-expect: ok
use kernel::device::Device;
use kernel::fs::{File, Kiocb};
use kernel::ioctl::{_IOC_SIZE, _IOR};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::new_mutex;
use kernel::prelude::*;
use kernel::seq_file::SeqFile;
use kernel::seq_print;
use kernel::sync::{aref::ARef, Mutex};
use kernel::uaccess::UserSlice;

const GET_LEN: u32 = _IOR::<u64>('k' as u32, 1);

module! {
    type: EchoModule,
    name: "ok_misc_device",
    authors: ["A. Developer"],
    description: "A 6.18-style misc device",
    license: "GPL",
}

#[pin_data]
struct EchoModule {
    #[pin]
    _miscdev: MiscDeviceRegistration<Echo>,
}

impl kernel::InPlaceModule for EchoModule {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        let options = MiscDeviceOptions { name: c"echo" };
        try_pin_init!(Self {
            _miscdev <- MiscDeviceRegistration::register(options),
        })
    }
}

#[pin_data]
struct Echo {
    #[pin]
    data: Mutex<KVVec<u8>>,
    dev: ARef<Device>,
}

#[vtable]
impl MiscDevice for Echo {
    type Ptr = Pin<KBox<Self>>;

    fn open(_file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Pin<KBox<Self>>> {
        let dev = ARef::from(misc.device());
        dev_info!(dev, "open\n");
        KBox::try_pin_init(try_pin_init!(Echo { data <- new_mutex!(KVVec::new()), dev: dev }), GFP_KERNEL)
    }

    fn read_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterDest<'_>) -> Result<usize> {
        let me = kiocb.file();
        let data = me.data.lock();
        iov.simple_read_from_buffer(kiocb.ki_pos_mut(), &data)
    }

    fn write_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterSource<'_>) -> Result<usize> {
        let me = kiocb.file();
        let mut data = me.data.lock();
        data.clear();
        let len = iov.copy_from_iter_vec(&mut data, GFP_KERNEL)?;
        *kiocb.ki_pos_mut() = 0;
        Ok(len)
    }

    fn ioctl(me: Pin<&Echo>, _file: &File, cmd: u32, arg: usize) -> Result<isize> {
        match cmd {
            GET_LEN => {
                let len = me.data.lock().len() as u64;
                UserSlice::new(arg, _IOC_SIZE(cmd)).writer().write(&len)?;
                Ok(0)
            }
            _ => {
                dev_err!(me.dev, "unknown ioctl {}\n", cmd);
                Err(ENOTTY)
            }
        }
    }

    fn compat_ioctl(me: Pin<&Echo>, file: &File, cmd: u32, arg: usize) -> Result<isize> {
        Self::ioctl(me, file, cmd, arg)
    }

    fn show_fdinfo(me: Pin<&Echo>, m: &SeqFile, _file: &File) {
        seq_print!(m, "echo_len:\t{}\n", me.data.lock().len());
    }
}
