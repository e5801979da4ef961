//! A PCI driver for QEMU's `pci-testdev` (1b36:0005), written against the
//! kernel crate's driver model as Linux 6.18 has it.
//!
//! BAR0 of the test device holds four registers. Writing a test's index to
//! TEST selects it; OFFSET then says where in the BAR a write counts as a
//! hit, DATA what to write there, and COUNT how many hits were counted.
//! The driver runs the first test once at probe and reports the count; at
//! unbind it selects the test again, which clears the count.
//!
//! QEMU needs `-device pci-testdev` for the driver to probe.

use kernel::{c_str, device::Core, devres::Devres, pci, prelude::*, sync::aref::ARef};

/// The registers of BAR0: offsets, and the size the driver maps.
struct Regs;

impl Regs {
    const TEST: usize = 0x0;
    const OFFSET: usize = 0x4;
    const DATA: usize = 0x8;
    const COUNT: usize = 0xc;
    const END: usize = 0x10;
}

/// BAR0, of which the registers above are known present when building.
type Bar0 = pci::Bar<{ Regs::END }>;

/// Which of the device's tests an ID selects.
#[derive(Clone, Copy, Debug)]
struct TestIndex(u8);

impl TestIndex {
    /// The first test: a plain MMIO write, no eventfd behind it.
    const NO_EVENTFD: Self = Self(0);
}

#[pin_data(PinnedDrop)]
struct SampleDriver {
    pdev: ARef<pci::Device>,
    #[pin]
    bar: Devres<Bar0>,
    index: TestIndex,
}

kernel::pci_device_table!(
    PCI_TABLE,
    MODULE_PCI_TABLE,
    <SampleDriver as pci::Driver>::IdInfo,
    [(pci::DeviceId::from_id(pci::Vendor::REDHAT, 0x5), TestIndex::NO_EVENTFD)]
);

impl SampleDriver {
    /// Runs test `index` once: selects it, writes the data it asks for
    /// where it asks, and returns the device's count of hits.
    fn run_test(index: TestIndex, bar: &Bar0) -> Result<u32> {
        bar.write8(index.0, Regs::TEST);
        // The registers are little-endian, as the CPU.
        let offset = u32::from_le(bar.read32(Regs::OFFSET)) as usize;
        let data = bar.read8(Regs::DATA);
        // The device gives the offset: it is checked when running, not
        // building, and a bad one is EINVAL.
        bar.try_write8(data, offset)?;
        Ok(bar.read32(Regs::COUNT))
    }
}

impl pci::Driver for SampleDriver {
    type IdInfo = TestIndex;

    const ID_TABLE: pci::IdTable<Self::IdInfo> = &PCI_TABLE;

    fn probe(pdev: &pci::Device<Core>, info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        dev_dbg!(
            pdev.as_ref(),
            "probing {} 0x{:04x} rev {}\n",
            pdev.vendor_id(),
            pdev.device_id(),
            pdev.revision_id()
        );

        pdev.enable_device_mem()?;
        pdev.set_master();

        let this = KBox::pin_init(
            try_pin_init!(Self {
                bar <- pdev.iomap_region_sized::<{ Regs::END }>(0, c_str!("rust_driver_pci")),
                pdev: pdev.into(),
                index: *info,
            }),
            GFP_KERNEL,
        )?;

        let bar = this.bar.access(pdev.as_ref())?;
        let count = Self::run_test(this.index, bar)?;
        dev_info!(pdev.as_ref(), "pci-testdev data-match count: {}\n", count);
        Ok(this)
    }

    fn unbind(pdev: &pci::Device<Core>, this: Pin<&Self>) {
        // Still bound: selecting the test again clears the device's count.
        if let Ok(bar) = this.bar.access(pdev.as_ref()) {
            bar.write8(this.index.0, Regs::TEST);
        }
        dev_info!(pdev.as_ref(), "unbound\n");
    }
}

#[pinned_drop]
impl PinnedDrop for SampleDriver {
    fn drop(self: Pin<&mut Self>) {
        dev_dbg!(self.pdev.as_ref(), "driver data dropped\n");
    }
}

kernel::module_pci_driver! {
    type: SampleDriver,
    name: "rust_driver_pci",
    authors: ["krust"],
    description: "Rust PCI driver for QEMU's pci-testdev",
    license: "GPL",
}
