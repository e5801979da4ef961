//! A module whose `init` registers `/dev/rust_misc_late`, waits a second
//! and then fails: the registration is dropped and the loader frees the
//! module. test.sh opens the device during that second; the open must fail
//! (a file opened then would keep pointers into the freed module), and
//! nothing may oops after insmod fails.

use kernel::fs::File;
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::prelude::*;

module! {
    type: RustMiscLate,
    name: "rust_misc_late",
    license: "GPL",
}

#[pin_data]
struct RustMiscLate {
    #[pin]
    _miscdev: MiscDeviceRegistration<LateFile>,
    _never: (),
}

impl kernel::InPlaceModule for RustMiscLate {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            _miscdev <- MiscDeviceRegistration::register(MiscDeviceOptions { name: c"rust_misc_late" }),
            _never: wait_then_fail()?,
        })
    }
}

/// The field after the registration: a second's wait, then an error.
fn wait_then_fail() -> Result<()> {
    pr_info!("registered; failing in a second\n");
    // SAFETY: init runs in process context, where msleep may sleep.
    unsafe { kernel::bindings::msleep(1000) };
    pr_info!("failing\n");
    Err(EBUSY)
}

/// The device's type; an open that got through would say so in the log.
struct LateFile;

#[vtable]
impl MiscDevice for LateFile {
    type Ptr = ();

    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
        pr_info!("opened during init\n");
        Ok(())
    }
}
