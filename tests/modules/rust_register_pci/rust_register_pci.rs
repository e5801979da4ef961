//! `register!` on a device's MMIO: QEMU's pci-testdev (1b36:0005) driven
//! through typed registers of BAR0, as Linux 6.18's PCI sample drives it with
//! plain accesses. A 32-bit write to TEST selects a test (the device takes
//! its low byte), OFFSET and DATA say what to write where, and COUNT counts
//! the writes that matched. Each step is logged for the in-VM test.

use kernel::register;
use kernel::{c_str, device::Core, devres::Devres, pci, prelude::*, sync::aref::ARef};

register!(TEST @ 0x0 (wo), "Test selection" {
    7:0     index as u8, "The test to run";
});
register!(OFFSET @ 0x4 (ro) {
    31:0    offset as u32, "Where the test wants its write";
});
register!(DATA @ 0x8 (ro) {
    7:0     data as u8, "What the test wants written";
});
register!(COUNT @ 0xc (ro) {
    31:0    count as u32, "Writes that matched";
});
register!(COUNT_HALVES => COUNT (ro) {
    15:0    low as u16;
    31:16   high as u16;
});
register!(WINDOW @ +0x0 (ro) {
    31:0    value as u32;
});

/// The registers the driver uses: 16 bytes, checked at build time.
const END: usize = 0x10;
type Bar0 = pci::Bar<END>;

#[pin_data]
struct RegisterPci {
    _pdev: ARef<pci::Device>,
    #[pin]
    bar: Devres<Bar0>,
}

kernel::pci_device_table!(
    PCI_TABLE,
    MODULE_PCI_TABLE,
    <RegisterPci as pci::Driver>::IdInfo,
    [(pci::DeviceId::from_id(pci::Vendor::REDHAT, 0x5), ())]
);

impl RegisterPci {
    fn run(dev: &kernel::device::Device, bar: &Bar0) -> Result {
        TEST::default().set_index(0).write(bar);
        let offset = OFFSET::read(bar).offset();
        let data = DATA::read(bar).data();
        dev_info!(dev, "test 0 wants {:#x} at {:#x}\n", data, offset);
        bar.try_write8(data, offset as usize)?;
        let count = COUNT::read(bar);
        dev_info!(dev, "count {} ({:?}), halves {} {}\n", count.count(), count,
            COUNT_HALVES::read(bar).low(), COUNT_HALVES::read(bar).high());
        match WINDOW::try_read(bar, 0x10_0000) {
            Err(e) => dev_info!(dev, "window past the BAR: error {}\n", e.to_errno()),
            Ok(v) => dev_err!(dev, "window past the BAR read {:?}\n", v),
        }
        dev_info!(dev, "window at the count: {}\n", WINDOW::try_read(bar, 0xc)?.value());
        Ok(())
    }
}

impl pci::Driver for RegisterPci {
    type IdInfo = ();

    const ID_TABLE: pci::IdTable<Self::IdInfo> = &PCI_TABLE;

    fn probe(pdev: &pci::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        pdev.enable_device_mem()?;
        let this = KBox::pin_init(
            try_pin_init!(Self {
                bar <- pdev.iomap_region_sized::<END>(0, c_str!("rust_register_pci")),
                _pdev: pdev.into(),
            }),
            GFP_KERNEL,
        )?;
        let bar = this.bar.access(pdev.as_ref())?;
        Self::run(pdev.as_ref(), bar)?;
        Ok(this)
    }
}

kernel::module_pci_driver! {
    type: RegisterPci,
    name: "rust_register_pci",
    authors: ["krust"],
    description: "register! on pci-testdev",
    license: "GPL",
}
