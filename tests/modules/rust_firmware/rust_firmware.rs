//! Firmware requests from safe code: `/dev/rust_firmware` takes the name of
//! a firmware file in a write (`nowarn NAME` for `request_nowarn`), requests
//! it for the misc device, and gives its bytes back on read. A failed
//! request fails the write with the request's errno. The module's
//! `.modinfo` lists firmware through `module!` and `module_firmware!`.

use kernel::device::Device;
use kernel::firmware::{self, Firmware};
use kernel::fmt;
use kernel::fs::File;
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::prelude::*;
use kernel::str::CString;
use kernel::sync::Mutex;
use kernel::types::ARef;
use kernel::uaccess::{UserSliceReader, UserSliceWriter};

module! {
    type: RustFirmwareModule,
    name: "rust_firmware",
    authors: ["krust"],
    description: "Firmware requests from Rust",
    license: "GPL",
    firmware: ["krust/listed.bin"],
}

/// The `firmware=` entries built at compile time.
struct Builder<const N: usize>;

impl<const N: usize> Builder<N> {
    const DIR: &'static str = "krust/";
    const FILES: [&'static str; 2] = ["test", "other"];

    const fn create(module_name: &'static CStr) -> firmware::ModInfoBuilder<N> {
        let mut builder = firmware::ModInfoBuilder::new(module_name);
        let mut i = 0;
        while i < Self::FILES.len() {
            builder = builder.new_entry().push(Self::DIR).push(Self::FILES[i]).push(".bin");
            i += 1;
        }
        builder
    }
}

kernel::module_firmware!(Builder);

/// The longest name a write may give.
const MAX_NAME: usize = 128;

#[pin_data]
struct RustFirmwareModule {
    #[pin]
    _miscdev: MiscDeviceRegistration<FwFile>,
}

impl kernel::InPlaceModule for RustFirmwareModule {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            _miscdev <- MiscDeviceRegistration::register(MiscDeviceOptions { name: c"rust_firmware" }),
        })
    }
}

/// One open file: the firmware it last requested, and the device.
#[pin_data]
struct FwFile {
    #[pin]
    fw: Mutex<Option<Firmware>>,
    dev: ARef<Device>,
}

#[vtable]
impl MiscDevice for FwFile {
    type Ptr = Pin<KBox<Self>>;

    fn open(_file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Pin<KBox<Self>>> {
        let dev = ARef::from(misc.device());
        KBox::pin_init(pin_init!(FwFile { fw <- new_mutex!(None), dev }), GFP_KERNEL)
    }

    fn write(me: Pin<&FwFile>, _file: &File, reader: &mut UserSliceReader, _pos: &mut i64) -> Result {
        let mut buf = [0u8; MAX_NAME];
        let n = reader.len();
        if n == 0 || n > buf.len() {
            return Err(EINVAL);
        }
        reader.read_slice(&mut buf[..n])?;
        let text = core::str::from_utf8(&buf[..n]).map_err(|_| EINVAL)?;
        let (nowarn, name) = match text.strip_prefix("nowarn ") {
            Some(name) => (true, name.trim()),
            None => (false, text.trim()),
        };
        if name.is_empty() {
            return Err(EINVAL);
        }
        let cname = CString::try_from_fmt(fmt!("{}", name))?;
        // The image before is released first, so at most one is held.
        *me.fw.lock() = None;
        let fw = if nowarn {
            Firmware::request_nowarn(&cname, &me.dev)
        } else {
            Firmware::request(&cname, &me.dev)
        };
        let fw = fw.inspect_err(|e| pr_info!("{}: error {}\n", name, e.to_errno()))?;
        dev_info!(me.dev, "{}: {} bytes\n", name, fw.size());
        *me.fw.lock() = Some(fw);
        Ok(())
    }

    fn read(me: Pin<&FwFile>, _file: &File, writer: &mut UserSliceWriter, pos: &mut i64) -> Result {
        let guard = me.fw.lock();
        let data = guard.as_ref().ok_or(ENODATA)?.data();
        let start = usize::try_from(*pos).map_err(|_| EINVAL)?.min(data.len());
        let n = writer.len().min(data.len() - start);
        writer.write_slice(&data[start..start + n])?;
        *pos += n as i64;
        Ok(())
    }
}
