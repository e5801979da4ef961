//! A hard interrupt handler (`irq::Registration`, through
//! `pci::Device::request_irq`) on QEMU's edu card. `/dev/rust_irq` raises
//! the card's interrupt on `raise`, waits for running handlers on `sync`
//! (`Registration::try_synchronize`), and a read gives how many raises the
//! handler acknowledged (`count N`). Each raise sets the next of the
//! card's 32 status bits, and the handler counts the bits it acknowledges:
//! two raises whose message-signalled interrupts the CPU takes as one
//! (edge interrupts coalesce while one is pending) still count as two. The line is freed at the unbind: a file
//! open across it then fails `raise` with `ENXIO` and `sync` with
//! `ENODEV`.

use core::sync::atomic::{AtomicU32, Ordering};

use kernel::device::{Bound, Device};
use kernel::fs::File;
use kernel::irq::{self, IrqReturn};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::sync::Arc;
use kernel::uaccess::{UserSliceReader, UserSliceWriter};
use kernel::{device::Core, devres::Devres, pci, prelude::*};

const IRQ_STATUS: usize = 0x24;
const IRQ_RAISE: usize = 0x60;
const IRQ_ACK: usize = 0x64;
type Bar = pci::Bar<0x100>;

/// The hard handler: acknowledges the card's interrupt and counts it.
struct Counter {
    bar: Arc<Devres<Bar>>,
    count: AtomicU32,
}

impl irq::Handler for Counter {
    fn handle(&self, dev: &Device<Bound>) -> IrqReturn {
        let Ok(bar) = self.bar.access(dev) else {
            return IrqReturn::None;
        };
        let status = bar.read32(IRQ_STATUS);
        if status == 0 {
            return IrqReturn::None;
        }
        bar.write32(status, IRQ_ACK);
        self.count.fetch_add(status.count_ones(), Ordering::Relaxed);
        IrqReturn::Handled
    }
}

/// The card, shared by the driver and every open file.
#[pin_data]
struct Card {
    bar: Arc<Devres<Bar>>,
    /// How many raises there were: the next one sets bit `raised % 32`.
    raised: AtomicU32,
    #[pin]
    irq: irq::Registration<Counter>,
}

#[pin_data]
struct IrqDriver {
    #[pin]
    _misc: MiscDeviceRegistration<IrqFile>,
}

kernel::pci_device_table!(
    PCI_TABLE,
    MODULE_PCI_TABLE,
    <IrqDriver as pci::Driver>::IdInfo,
    [(pci::DeviceId::from_id(pci::Vendor::QEMU, 0x11e8), ())]
);

impl pci::Driver for IrqDriver {
    type IdInfo = ();
    const ID_TABLE: pci::IdTable<Self::IdInfo> = &PCI_TABLE;

    fn probe(pdev: &pci::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        pdev.enable_device_mem()?;
        pdev.set_master();
        let bar = Arc::pin_init(pdev.iomap_region_sized::<0x100>(0, c"rust_irq"), GFP_KERNEL)?;
        let vectors = pdev.alloc_irq_vectors(1, 1, pci::IrqTypes::all())?;
        let counter = Counter { bar: bar.clone(), count: AtomicU32::new(0) };
        let irq = pdev.request_irq(vectors.start().index(), irq::Flags::SHARED, c"rust_irq", Ok::<_, Error>(counter))?;
        let card = Arc::pin_init(try_pin_init!(Card { bar, raised: AtomicU32::new(0), irq <- irq }), GFP_KERNEL)?;
        let options = MiscDeviceOptions { name: c"rust_irq" };
        KBox::pin_init(
            try_pin_init!(IrqDriver { _misc <- MiscDeviceRegistration::register_with_data(options, card) }),
            GFP_KERNEL,
        )
    }
}

/// `/dev/rust_irq`'s files: each holds the card.
struct IrqFile;

#[vtable]
impl MiscDevice for IrqFile {
    type Ptr = Arc<Card>;
    type RegistrationData = Arc<Card>;

    fn open(_file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Arc<Card>> {
        Ok(misc.data().clone())
    }

    fn read(card: &Card, _file: &File, writer: &mut UserSliceWriter, pos: &mut i64) -> Result {
        if *pos != 0 {
            return Ok(());
        }
        let count = card.irq.handler().count.load(Ordering::Relaxed);
        let mut buf = [0u8; 32];
        let mut f = kernel::str::Formatter::new(&mut buf);
        core::fmt::Write::write_fmt(&mut f, format_args!("count {}\n", count)).map_err(|_| EINVAL)?;
        let n = f.bytes_written();
        writer.write_slice(&buf[..n])?;
        *pos += n as i64;
        Ok(())
    }

    fn write(card: &Card, _file: &File, reader: &mut UserSliceReader, _pos: &mut i64) -> Result {
        let mut buf = [0u8; 8];
        let n = reader.len();
        let cmd = buf.get_mut(..n).ok_or(EINVAL)?;
        reader.read_slice(cmd)?;
        match cmd.strip_suffix(b"\n").unwrap_or(cmd) {
            b"raise" => {
                let bit = card.raised.fetch_add(1, Ordering::Relaxed) % 32;
                card.bar.try_access_with(|bar| bar.write32(1 << bit, IRQ_RAISE)).ok_or(ENXIO)
            }
            b"sync" => card.irq.try_synchronize(),
            _ => Err(EINVAL),
        }
    }
}

kernel::module_pci_driver! {
    type: IrqDriver,
    name: "rust_irq",
    license: "GPL",
}
