//! A PCI driver for pci-testdev that gives its BAR's `Devres` away to a
//! misc device, `/dev/rust_devres_hold`, which alone holds it: its `read`
//! gives the device's COUNT register (`count N`); once the device is
//! unbound, the read must fail with `ENXIO` and touch nothing (the BAR is
//! unmapped and released at unbind, whoever still holds the `Devres`). A
//! `write` drops the `Devres`, at whatever moment it comes: before the
//! unbind (the drop ends it), during it (the drop and the release race), or
//! after (the release ended it).
//!
//! Its probe also gives the device a value that holds another `Devres` of
//! the same device: at unbind, the driver core drops that value while it
//! releases the device's resources, so the inner `Devres` is dropped while
//! its own release is pending, which must neither wait for it (a deadlock)
//! nor let it touch freed memory.

use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use kernel::fs::File;
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::sync::Arc;
use kernel::types::ForeignOwnable;
use kernel::uaccess::UserSliceWriter;
use kernel::{c_str, device::Core, devres, devres::Devres, pci, prelude::*};

type Bar0 = pci::Bar<0x10>;
const COUNT: usize = 0xc;

/// The last probe's BAR, shared with the misc device: an `Arc` given up
/// with `into_foreign`, or null.
static SLOT: AtomicPtr<c_void> = AtomicPtr::new(ptr::null_mut());

/// Takes the shared BAR out of the slot.
fn take() -> Option<Arc<Devres<Bar0>>> {
    let p = SLOT.swap(ptr::null_mut(), Ordering::AcqRel);
    if p.is_null() {
        return None;
    }
    // SAFETY: the slot only ever holds pointers from `into_foreign` of an
    // `Arc<Devres<Bar0>>`, and the swap made this one ours alone.
    Some(unsafe { Arc::<Devres<Bar0>>::from_foreign(p) })
}

/// Puts `bar` in the slot, unless `only_if_empty` and another is there.
fn put(bar: Arc<Devres<Bar0>>, only_if_empty: bool) {
    let p = bar.into_foreign() as *mut c_void;
    let old = if only_if_empty {
        match SLOT.compare_exchange(ptr::null_mut(), p, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => ptr::null_mut(),
            Err(_) => p,
        }
    } else {
        SLOT.swap(p, Ordering::AcqRel)
    };
    if !old.is_null() {
        // SAFETY: from `into_foreign` of an `Arc<Devres<Bar0>>`, no longer
        // in the slot: ours alone.
        drop(unsafe { Arc::<Devres<Bar0>>::from_foreign(old) });
    }
}

/// A value the device drops at unbind, holding a `Devres` of the device.
struct Nested(Arc<Devres<KBox<u32>>>);

impl Drop for Nested {
    fn drop(&mut self) {
        let alive = self.0.try_access_with(|v| **v).is_some();
        pr_info!("nested value dropped, its Devres {}\n", if alive { "still available" } else { "revoked" });
    }
}

struct HoldDriver;

kernel::pci_device_table!(
    PCI_TABLE,
    MODULE_PCI_TABLE,
    <HoldDriver as pci::Driver>::IdInfo,
    [(pci::DeviceId::from_id(pci::Vendor::REDHAT, 0x5), ())]
);

impl pci::Driver for HoldDriver {
    type IdInfo = ();

    const ID_TABLE: pci::IdTable<Self::IdInfo> = &PCI_TABLE;

    fn probe(pdev: &pci::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        pdev.enable_device_mem()?;
        let bar = Arc::pin_init(pdev.iomap_region_sized::<0x10>(0, c_str!("rust_devres_hold")), GFP_KERNEL)?;
        let inner = Arc::pin_init(Devres::new(pdev.as_ref(), KBox::new(7u32, GFP_KERNEL)?), GFP_KERNEL)?;
        devres::register(pdev.as_ref(), Nested(inner), GFP_KERNEL)?;
        put(bar, false);
        dev_info!(pdev.as_ref(), "probed, BAR0 given away\n");
        Ok(KBox::pin(HoldDriver, GFP_KERNEL)?)
    }
}

/// `/dev/rust_devres_hold`.
struct HoldFile;

#[vtable]
impl MiscDevice for HoldFile {
    type Ptr = ();

    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
        Ok(())
    }

    fn read(_device: (), _file: &File, writer: &mut UserSliceWriter, pos: &mut i64) -> Result {
        if *pos != 0 {
            return Ok(());
        }
        let bar = take().ok_or(ENODEV)?;
        // Only the register read is inside the RCU section; the copy to
        // user space, which may sleep, is not.
        let count = bar.try_access_with(|b| b.read32(COUNT));
        put(bar, true);
        let count = count.ok_or(ENXIO)?;
        let mut buf = [0u8; 32];
        let mut f = kernel::str::Formatter::new(&mut buf);
        core::fmt::Write::write_fmt(&mut f, format_args!("count {}\n", count)).map_err(|_| EINVAL)?;
        let n = f.bytes_written();
        writer.write_slice(&buf[..n])?;
        *pos += n as i64;
        Ok(())
    }

    fn write(_device: (), _file: &File, reader: &mut kernel::uaccess::UserSliceReader, _pos: &mut i64) -> Result {
        // Whatever was written: drop the BAR's `Devres`, if still held.
        let n = reader.len();
        reader.skip(n)?;
        drop(take());
        Ok(())
    }
}

#[pin_data(PinnedDrop)]
struct HoldModule {
    #[pin]
    _misc: MiscDeviceRegistration<HoldFile>,
    #[pin]
    _driver: kernel::driver::Registration<pci::Adapter<HoldDriver>>,
}

impl kernel::InPlaceModule for HoldModule {
    fn init(module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            _misc <- MiscDeviceRegistration::register(MiscDeviceOptions { name: c"rust_devres_hold" }),
            _driver <- kernel::driver::Registration::new(c_str!("rust_devres_hold"), module),
        })
    }
}

#[pinned_drop]
impl PinnedDrop for HoldModule {
    fn drop(self: Pin<&mut Self>) {
        // Before the driver is unregistered: this `Devres` may still be
        // bound, and then its own drop ends it.
        drop(take());
    }
}

module! {
    type: HoldModule,
    name: "rust_devres_hold",
    license: "GPL",
}
