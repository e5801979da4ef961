//! DMA of the kernel crate on a device that does none itself, QEMU's
//! `pci-testdev`: the probe sets the DMA masks, allocates coherent memory of
//! a struct and reads and writes its fields with `dma_read!`/`dma_write!`
//! (an index past the end fails with EINVAL), maps a `VVec` of four pages
//! for the device with `SGTable::new` and walks its DMA addresses, and
//! refuses an empty buffer. Each check logs "rust_dma: ok: WHAT" or
//! "rust_dma: not ok: WHAT". The unbind reads the coherent memory back and
//! drops the mapping with the binding.

use kernel::device::Core;
use kernel::dma::{CoherentAllocation, DataDirection, Device as _, DmaMask};
use kernel::page::PAGE_SIZE;
use kernel::pci;
use kernel::prelude::*;
use kernel::scatterlist::{Owned, SGTable};
use kernel::transmute::{AsBytes, FromBytes};
use kernel::types::ARef;

/// A value of two fields in coherent memory.
#[derive(Clone, Copy)]
#[repr(C)]
struct Pair {
    h: u32,
    b: u32,
}

// SAFETY: two `u32`s, no padding: every byte is initialised.
unsafe impl AsBytes for Pair {}
// SAFETY: two `u32`s: every bit pattern is a value.
unsafe impl FromBytes for Pair {}

const VALUES: [(u32, u32); 5] = [(0xa, 0xb), (0xc, 0xd), (0xe, 0xf), (0xab, 0xba), (0xcd, 0xef)];
const SG_PAGES: usize = 4;

kernel::pci_device_table!(
    PCI_TABLE,
    MODULE_PCI_TABLE,
    <DmaTest as pci::Driver>::IdInfo,
    [(pci::DeviceId::from_id(pci::Vendor::REDHAT, 0x5), ())]
);

#[pin_data(PinnedDrop)]
struct DmaTest {
    pdev: ARef<pci::Device>,
    pairs: CoherentAllocation<Pair>,
    #[pin]
    sgt: SGTable<Owned<VVec<u8>>>,
}

fn report(pdev: &pci::Device<Core>, ok: bool, what: core::fmt::Arguments<'_>) {
    if ok {
        dev_info!(pdev.as_ref(), "ok: {}\n", what);
    } else {
        dev_err!(pdev.as_ref(), "not ok: {}\n", what);
    }
}

impl pci::Driver for DmaTest {
    type IdInfo = ();
    const ID_TABLE: pci::IdTable<Self::IdInfo> = &PCI_TABLE;

    fn probe(pdev: &pci::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        // SAFETY: nothing allocates or maps DMA memory for this device
        // before the probe below, which runs on this thread.
        unsafe { pdev.dma_set_mask_and_coherent(DmaMask::new::<64>())? };
        report(pdev, true, format_args!("64-bit DMA masks set"));

        let pairs = CoherentAllocation::<Pair>::alloc_coherent(pdev.as_ref(), VALUES.len(), GFP_KERNEL)?;
        report(
            pdev,
            pairs.count() == VALUES.len() && pairs.size() == VALUES.len() * 8,
            format_args!("coherent memory of {} pairs, {} bytes", pairs.count(), pairs.size()),
        );
        for (i, (h, b)) in VALUES.into_iter().enumerate() {
            kernel::dma_write!(pairs[i] = Pair { h, b })?;
        }
        kernel::dma_write!(pairs[4].b = 0xef)?;
        let mut all = true;
        for (i, (h, b)) in VALUES.into_iter().enumerate() {
            all &= kernel::dma_read!(pairs[i].h)? == h && kernel::dma_read!(pairs[i].b)? == b;
        }
        report(pdev, all, format_args!("dma_write! then dma_read! of every field"));
        report(
            pdev,
            kernel::dma_read!(pairs[VALUES.len()].h) == Err(EINVAL)
                && kernel::dma_write!(pairs[VALUES.len()] = Pair { h: 0, b: 0 }) == Err(EINVAL),
            format_args!("an index past the end is EINVAL"),
        );
        report(
            pdev,
            pairs.dma_handle_with_offset(1) == Ok(pairs.dma_handle() + 8)
                && pairs.dma_handle_with_offset(VALUES.len()) == Err(EINVAL),
            format_args!("dma_handle_with_offset"),
        );

        let empty = KBox::pin_init(
            SGTable::new(pdev.as_ref(), VVec::<u8>::new(), DataDirection::ToDevice, GFP_KERNEL),
            GFP_KERNEL,
        );
        report(pdev, matches!(empty, Err(e) if e == EINVAL), format_args!("a table of no pages is EINVAL"));

        let pages = VVec::<u8>::with_capacity(SG_PAGES * PAGE_SIZE, GFP_KERNEL)?;
        let sgt = SGTable::new(pdev.as_ref(), pages, DataDirection::ToDevice, GFP_KERNEL);
        let this = KBox::pin_init(try_pin_init!(DmaTest { pdev: pdev.into(), pairs, sgt <- sgt }), GFP_KERNEL)?;

        let (mut entries, mut bytes, mut nonzero) = (0usize, 0u64, true);
        for entry in this.sgt.iter() {
            entries += 1;
            bytes += entry.dma_len();
            nonzero &= entry.dma_address() != 0;
        }
        report(
            pdev,
            (1..=SG_PAGES).contains(&entries) && bytes == (SG_PAGES * PAGE_SIZE) as u64 && nonzero,
            format_args!("{SG_PAGES} pages mapped in {entries} entries of {bytes} bytes"),
        );
        Ok(this)
    }
}

#[pinned_drop]
impl PinnedDrop for DmaTest {
    fn drop(self: Pin<&mut Self>) {
        let mut all = true;
        for (i, (h, b)) in VALUES.into_iter().enumerate() {
            all &= kernel::dma_read!(self.pairs[i].h) == Ok(h) && kernel::dma_read!(self.pairs[i].b) == Ok(b);
        }
        if all {
            dev_info!(self.pdev.as_ref(), "ok: the coherent memory kept its values to the unbind\n");
        } else {
            dev_err!(self.pdev.as_ref(), "not ok: the coherent memory kept its values to the unbind\n");
        }
    }
}

kernel::module_pci_driver! {
    type: DmaTest,
    name: "rust_dma",
    authors: ["krust"],
    description: "DMA of the kernel crate on QEMU's pci-testdev",
    license: "GPL",
}
