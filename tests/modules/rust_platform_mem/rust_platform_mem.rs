//! Memory resources of a platform device: a platform driver for `LNUXBEEF`
//! (rust_driver_platform.asl's SSDT) reads the memory resource at index 0
//! of the device that has one (the first 256 bytes of QEMU's HPET), maps it
//! exclusively and reads the HPET's ID and clock period from it; a second
//! exclusive mapping of the same range is `EBUSY`, a mapping that promises
//! more than the resource holds `EINVAL`, an access past it `EINVAL`. The
//! device with no memory resource fails its probe with `ENODEV`.

use kernel::devres::Devres;
use kernel::io::mem::ExclusiveIoMem;
use kernel::io::resource::Flags;
use kernel::{acpi, c_str, device::Core, platform, prelude::*};

/// The bytes of the resource the driver reads: the HPET's general
/// capabilities and ID register (its ID, then its period in femtoseconds).
const REGS: usize = 8;

#[pin_data]
struct MemDriver {
    #[pin]
    regs: Devres<ExclusiveIoMem<REGS>>,
}

kernel::acpi_device_table!(
    ACPI_TABLE,
    MODULE_ACPI_TABLE,
    <MemDriver as platform::Driver>::IdInfo,
    [(acpi::DeviceId::new(c_str!("LNUXBEEF")), ())]
);

impl platform::Driver for MemDriver {
    type IdInfo = ();
    const ACPI_ID_TABLE: Option<acpi::IdTable<Self::IdInfo>> = Some(&ACPI_TABLE);

    fn probe(pdev: &platform::Device<Core>, _info: Option<&Self::IdInfo>) -> Result<Pin<KBox<Self>>> {
        let dev = pdev.as_ref();
        let Some(res) = pdev.resource_by_index(0) else {
            dev_info!(dev, "no memory resource at index 0\n");
            return Err(ENODEV);
        };
        dev_info!(
            dev,
            "memory at {:#x}, {:#x} bytes, IORESOURCE_MEM: {}, index 1: {}\n",
            res.start(),
            res.size(),
            res.flags().contains(Flags::IORESOURCE_MEM),
            pdev.resource_by_index(1).is_some()
        );
        let regs = pdev.io_request_by_index(0).ok_or(ENODEV)?.iomap_exclusive_sized::<REGS>();
        let this = KBox::pin_init(try_pin_init!(MemDriver { regs <- regs }), GFP_KERNEL)?;

        let again = pdev.io_request_by_index(0).ok_or(ENODEV)?.iomap_exclusive_sized::<REGS>();
        let again = KBox::pin_init(again, GFP_KERNEL).map(|_| ());
        let too_large = pdev.io_request_by_index(0).ok_or(ENODEV)?.iomap_sized::<0x200>();
        let too_large = KBox::pin_init(too_large, GFP_KERNEL).map(|_| ());

        let io = this.regs.access(dev)?;
        dev_info!(
            dev,
            "id {:#010x}, period {} fs; mapped again: {:?}; 0x200 bytes: {:?}; read at 0x100: {:?}\n",
            io.read32(0),
            io.read32(4),
            again,
            too_large,
            io.try_read32(0x100)
        );
        Ok(this)
    }
}

kernel::module_platform_driver! {
    type: MemDriver,
    name: "rust_platform_mem",
    license: "GPL",
}
