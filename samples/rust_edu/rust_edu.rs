//! A driver for QEMU's `edu` device (PCI 1234:11e8, `-device edu`), the
//! teaching card of QEMU's `hw/misc/edu.c`: an ID register, a liveness
//! register that gives back the complement of what was written, a unit that
//! computes factorials, an interrupt, and a DMA engine that copies between
//! system memory and a 4 KiB buffer on the card.
//!
//! It binds as a PCI driver and registers `/dev/rust_edu`, whose ioctls
//! (`samples/rust_edu/edu.h`) read the ID, compute `n!` on the card with
//! completion by interrupt, copy user data to and from the card's buffer by
//! the card's DMA engine through a coherent buffer, and read the ID register
//! `n` times. It is written against Linux 6.18's kernel crate:
//! `pci::Driver`, `Devres<Bar>`, `irq::Registration`, `sync::Completion`,
//! `dma::CoherentAllocation`, `MiscDevice`; with krust additions 6.18
//! lacks: `pci::Vendor::QEMU` (0x1234, which `pci_ids.h` does not name),
//! `alloc_irq_vectors` (for the card's MSI, as later mainline has it), the
//! misc registration's data, which gives every file the device,
//! `Completion::{complete, reinit, wait_for_completion_timeout}`, and the
//! copies between user memory and coherent memory `read_dma`/`write_dma`.
//!
//! An open file outlives the device's binding: after an unbind every call
//! fails with `ENXIO`. The binding ends in three steps: the driver's data is
//! dropped (its drop waits for a call in progress on the card, then marks
//! the device gone), the misc device is deregistered, and the driver core
//! revokes the device's resources (the interrupt, then the BAR mapping).
//!
//! The card masks DMA addresses to 28 bits. 6.18 sets a device's DMA mask
//! with `dma::Device::dma_set_mask_and_coherent`, whose soundness rests on
//! its caller, which the samples never are: the probe checks instead that
//! its coherent buffer lies below 2^28 and refuses the device otherwise (a
//! guest of at most 256 MiB always passes).

use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use kernel::device::{Bound, Core, Device};
use kernel::devres::Devres;
use kernel::dma::CoherentAllocation;
use kernel::fs::File;
use kernel::ioctl::{_IOR, _IOW, _IOWR};
use kernel::irq::{self, IrqReturn};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::pci;
use kernel::prelude::*;
use kernel::sync::{Arc, Completion, Mutex};
use kernel::time::{msecs_to_jiffies, Jiffies};
use kernel::types::ARef;
use kernel::uaccess::UserSlice;

/// Registers of BAR 0 (`hw/misc/edu.c`).
const EDU_ID: usize = 0x00;
const EDU_LIVENESS: usize = 0x04;
const EDU_FACT: usize = 0x08;
const EDU_STATUS: usize = 0x20;
const EDU_IRQ_STATUS: usize = 0x24;
const EDU_IRQ_ACK: usize = 0x64;
const EDU_DMA_SRC: usize = 0x80;
const EDU_DMA_DST: usize = 0x88;
const EDU_DMA_COUNT: usize = 0x90;
const EDU_DMA_CMD: usize = 0x98;
/// The part of BAR 0 the driver uses (the card decodes 1 MiB).
const EDU_BAR_SIZE: usize = 0x100;

/// Status: raise the factorial interrupt when a computation ends.
const STATUS_IRQFACT: u32 = 0x80;
/// Interrupt causes.
const IRQ_FACT: u32 = 0x001;
const IRQ_DMA: u32 = 0x100;
/// DMA command: start; direction card to system memory; interrupt at the end.
const DMA_RUN: u32 = 0x1;
const DMA_TO_RAM: u32 = 0x2;
const DMA_IRQ: u32 = 0x4;
/// The card's buffer: its address in the card's DMA space, and its size.
const EDU_DMA_BASE: u32 = 0x40000;
const EDU_DMA_SIZE: usize = 4096;
/// The bytes of the buffer a DMA may reach: QEMU 7.2's card takes a
/// transfer that ends at the buffer's end for one out of bounds, and stops
/// the VM (`edu.h`'s `EDU_DMA_SIZE`).
const EDU_DMA_REACH: u64 = 4095;
/// The highest bus address the card reaches (its 28-bit DMA mask).
const EDU_DMA_LIMIT: u64 = 1 << 28;
/// A factorial or a DMA takes the card well under this (a DMA 100 ms).
const OP_TIMEOUT_MS: u32 = 2000;
/// Reads of the ID register under one mapping access, in `MMIO_READS`.
const MMIO_BATCH: u32 = 256;

/// The ioctls of `edu.h`.
const EDU_IOC_MAGIC: u32 = b'E' as u32;
const EDU_IOC_ID: u32 = _IOR::<u32>(EDU_IOC_MAGIC, 1);
const EDU_IOC_FACT: u32 = _IOWR::<u32>(EDU_IOC_MAGIC, 2);
const EDU_IOC_DMA_TO: u32 = _IOW::<[u64; 2]>(EDU_IOC_MAGIC, 3);
const EDU_IOC_DMA_FROM: u32 = _IOW::<[u64; 2]>(EDU_IOC_MAGIC, 4);
const EDU_IOC_MMIO_READS: u32 = _IOW::<u32>(EDU_IOC_MAGIC, 5);
const EDU_IOC_LIVENESS: u32 = _IOWR::<u32>(EDU_IOC_MAGIC, 6);
/// The size of `struct edu_dma` (`__u64 addr; __u32 len; __u32 offset;`).
const EDU_DMA_ARG_SIZE: usize = 16;

type Bar = pci::Bar<EDU_BAR_SIZE>;

kernel::pci_device_table!(
    PCI_TABLE,
    MODULE_PCI_TABLE,
    <EduDriver as pci::Driver>::IdInfo,
    [(pci::DeviceId::from_id(pci::Vendor::QEMU, 0x11e8), ())]
);

/// The interrupt handler: takes the card's causes and wakes the waiter, in
/// interrupt context.
#[pin_data]
struct EduIrq {
    bar: Arc<Devres<Bar>>,
    /// Causes raised and not yet taken by a waiter.
    pending: AtomicU32,
    /// Completed once for each interrupt, after `pending` has its causes.
    #[pin]
    done: Completion,
    /// `OP_TIMEOUT_MS` in jiffies.
    timeout: Jiffies,
}

impl EduIrq {
    fn new(bar: Arc<Devres<Bar>>) -> impl PinInit<Self, Error> {
        try_pin_init!(EduIrq {
            bar,
            pending: AtomicU32::new(0),
            done <- Completion::new(),
            timeout: msecs_to_jiffies(OP_TIMEOUT_MS),
        })
    }

    /// Forgets a cause raised earlier, before starting what raises it.
    fn clear(&self, cause: u32) {
        self.done.reinit();
        self.pending.fetch_and(!cause, Ordering::AcqRel);
    }

    /// Sleeps until the card raises `cause`; `ETIMEDOUT` if it does not in
    /// time. The caller holds the device's `ops` lock, so the binding lasts
    /// until then. A completion left over from an earlier interrupt only
    /// makes the loop look at `pending` once more.
    fn wait(&self, cause: u32) -> Result {
        while self.pending.fetch_and(!cause, Ordering::AcqRel) & cause == 0 {
            self.done.wait_for_completion_timeout(self.timeout)?;
        }
        Ok(())
    }
}

impl irq::Handler for EduIrq {
    fn handle(&self, dev: &Device<Bound>) -> IrqReturn {
        let Ok(bar) = self.bar.access(dev) else {
            return IrqReturn::None;
        };
        let causes = bar.read32(EDU_IRQ_STATUS);
        if causes == 0 {
            // Another device's interrupt on the shared INTx line.
            return IrqReturn::None;
        }
        bar.write32(causes, EDU_IRQ_ACK);
        self.pending.fetch_or(causes, Ordering::AcqRel);
        self.done.complete();
        IrqReturn::Handled
    }
}

/// What the factorial and DMA calls use one at a time.
struct CardOps {
    /// The card's DMA reaches system memory here.
    dma: CoherentAllocation<u8>,
}

/// The device, shared by the driver and every open file.
#[pin_data]
struct Edu {
    bar: Arc<Devres<Bar>>,
    #[pin]
    irq: irq::Registration<EduIrq>,
    /// Held for a whole call on the card, so that the unbind waits for it.
    #[pin]
    ops: Mutex<CardOps>,
    /// Set at the unbind: every later call fails with `ENXIO`.
    gone: AtomicBool,
}

impl Edu {
    /// `ENXIO` once the device is unbound.
    fn check_bound(&self) -> Result {
        if self.gone.load(Ordering::Acquire) {
            Err(ENXIO)
        } else {
            Ok(())
        }
    }

    fn id(&self) -> Result<u32> {
        self.check_bound()?;
        let bar = self.bar.try_access().ok_or(ENXIO)?;
        Ok(bar.read32(EDU_ID))
    }

    fn liveness(&self, value: u32) -> Result<u32> {
        let _ops = self.lock_ops()?;
        let bar = self.bar.try_access().ok_or(ENXIO)?;
        bar.write32(value, EDU_LIVENESS);
        Ok(bar.read32(EDU_LIVENESS))
    }

    fn mmio_reads(&self, mut count: u32) -> Result {
        self.check_bound()?;
        while count > 0 {
            let batch = count.min(MMIO_BATCH);
            let bar = self.bar.try_access().ok_or(ENXIO)?;
            for _ in 0..batch {
                bar.read32(EDU_ID);
            }
            count -= batch;
        }
        Ok(())
    }

    /// The `ops` lock, for a call on the card; `ENXIO` once unbound.
    fn lock_ops(&self) -> Result<kernel::sync::MutexGuard<'_, CardOps>> {
        let ops = self.ops.lock();
        self.check_bound()?;
        Ok(ops)
    }

    fn factorial(&self, n: u32) -> Result<u32> {
        let _ops = self.lock_ops()?;
        let handler = self.irq.handler();
        handler.clear(IRQ_FACT);
        self.bar.try_access().ok_or(ENXIO)?.write32(n, EDU_FACT);
        handler.wait(IRQ_FACT)?;
        let bar = self.bar.try_access().ok_or(ENXIO)?;
        Ok(bar.read32(EDU_FACT))
    }

    /// Runs one DMA of `len` bytes between `offset` in the coherent buffer
    /// and `offset` in the card's buffer, and waits for its end.
    fn dma(&self, ops: &CardOps, offset: usize, len: usize, to_ram: bool) -> Result {
        let ram = u32::try_from(ops.dma.dma_handle_with_offset(offset)?).map_err(|_| EIO)?;
        let card = EDU_DMA_BASE + offset as u32;
        let (src, dst, dir) = if to_ram { (card, ram, DMA_TO_RAM) } else { (ram, card, 0) };
        let handler = self.irq.handler();
        handler.clear(IRQ_DMA);
        {
            let bar = self.bar.try_access().ok_or(ENXIO)?;
            bar.write32(src, EDU_DMA_SRC);
            bar.write32(dst, EDU_DMA_DST);
            bar.write32(len as u32, EDU_DMA_COUNT);
            bar.write32(DMA_RUN | dir | DMA_IRQ, EDU_DMA_CMD);
        }
        handler.wait(IRQ_DMA)
    }

    fn dma_to_card(&self, user: UserSlice, offset: usize, len: usize) -> Result {
        let ops = self.lock_ops()?;
        user.reader().read_dma(&ops.dma, offset, len)?;
        self.dma(&ops, offset, len, false)
    }

    fn dma_from_card(&self, user: UserSlice, offset: usize, len: usize) -> Result {
        let ops = self.lock_ops()?;
        self.dma(&ops, offset, len, true)?;
        user.writer().write_dma(&ops.dma, offset, len)
    }

    /// Ends the binding: waits for a call on the card to end, then makes
    /// every later call fail and stops the factorial interrupt.
    fn unbind(&self) {
        let _ops = self.ops.lock();
        self.gone.store(true, Ordering::Release);
        if let Some(bar) = self.bar.try_access() {
            bar.write32(0, EDU_STATUS);
        }
    }
}

/// The driver's data for a bound card.
#[pin_data(PinnedDrop)]
struct EduDriver {
    pdev: ARef<pci::Device>,
    edu: Arc<Edu>,
    #[pin]
    _misc: MiscDeviceRegistration<EduFile>,
}

#[pinned_drop]
impl PinnedDrop for EduDriver {
    fn drop(self: Pin<&mut Self>) {
        self.edu.unbind();
        dev_info!(self.pdev.as_ref(), "unbound\n");
    }
}

impl pci::Driver for EduDriver {
    type IdInfo = ();
    const ID_TABLE: pci::IdTable<Self::IdInfo> = &PCI_TABLE;

    fn probe(pdev: &pci::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        pdev.enable_device_mem()?;
        pdev.set_master();
        let bar = Arc::pin_init(pdev.iomap_region_sized::<EDU_BAR_SIZE>(0, c"rust_edu"), GFP_KERNEL)?;
        let id = {
            let io = bar.access(pdev.as_ref())?;
            // A factorial ends with an interrupt from now on.
            io.write32(STATUS_IRQFACT, EDU_STATUS);
            io.read32(EDU_ID)
        };

        let dma = CoherentAllocation::<u8>::alloc_coherent(pdev.as_ref(), EDU_DMA_SIZE, GFP_KERNEL | __GFP_ZERO)?;
        if dma.dma_handle() + EDU_DMA_SIZE as u64 > EDU_DMA_LIMIT {
            dev_err!(pdev.as_ref(), "DMA buffer at {:#x}, out of the card's 28 bits\n", dma.dma_handle());
            return Err(ENOMEM);
        }

        // One vector, MSI if the platform gives it (the card has one), else
        // the INTx line; freed at the unbind, after the handler.
        let vectors = pdev.alloc_irq_vectors(1, 1, pci::IrqTypes::all())?;
        let vector = vectors.start().index();
        let irq = pdev.request_irq(vector, irq::Flags::SHARED, c"rust_edu", EduIrq::new(bar.clone()))?;
        let edu = Arc::pin_init(
            try_pin_init!(Edu {
                bar,
                irq <- irq,
                ops <- kernel::new_mutex!(CardOps { dma }),
                gone: AtomicBool::new(false),
            }),
            GFP_KERNEL,
        )?;
        let options = MiscDeviceOptions { name: c"rust_edu" };
        let this = KBox::pin_init(
            try_pin_init!(EduDriver {
                pdev: pdev.into(),
                edu: edu.clone(),
                _misc <- MiscDeviceRegistration::register_with_data(options, edu),
            }),
            GFP_KERNEL,
        )?;
        dev_info!(pdev.as_ref(), "edu card {:#010x}, /dev/rust_edu\n", id);
        Ok(this)
    }
}

/// The misc device's files: each holds the device.
struct EduFile;

#[vtable]
impl MiscDevice for EduFile {
    type Ptr = Arc<Edu>;
    type RegistrationData = Arc<Edu>;

    fn open(_file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Arc<Edu>> {
        let edu = misc.data().clone();
        edu.check_bound()?;
        Ok(edu)
    }

    fn ioctl(edu: &Edu, _file: &File, cmd: u32, arg: usize) -> Result<isize> {
        match cmd {
            EDU_IOC_ID => {
                let id = edu.id()?;
                UserSlice::new(arg, 4).writer().write(&id)?;
            }
            EDU_IOC_FACT => {
                let (mut reader, mut writer) = UserSlice::new(arg, 4).reader_writer();
                let n: u32 = reader.read()?;
                writer.write(&edu.factorial(n)?)?;
            }
            EDU_IOC_LIVENESS => {
                let (mut reader, mut writer) = UserSlice::new(arg, 4).reader_writer();
                let value: u32 = reader.read()?;
                writer.write(&edu.liveness(value)?)?;
            }
            EDU_IOC_MMIO_READS => {
                let count: u32 = UserSlice::new(arg, 4).reader().read()?;
                edu.mmio_reads(count)?;
            }
            EDU_IOC_DMA_TO | EDU_IOC_DMA_FROM => {
                // `struct edu_dma` in one copy, as two little-endian words:
                // the address, then the length and the offset.
                let [addr, words]: [u64; 2] = UserSlice::new(arg, EDU_DMA_ARG_SIZE).reader().read()?;
                let (len, offset) = (words as u32, (words >> 32) as u32);
                if len == 0 || u64::from(offset) + u64::from(len) > EDU_DMA_REACH {
                    return Err(EINVAL);
                }
                let user = UserSlice::new(addr as usize, len as usize);
                if cmd == EDU_IOC_DMA_TO {
                    edu.dma_to_card(user, offset as usize, len as usize)?;
                } else {
                    edu.dma_from_card(user, offset as usize, len as usize)?;
                }
            }
            _ => return Err(ENOTTY),
        }
        Ok(0)
    }
}

kernel::module_pci_driver! {
    type: EduDriver,
    name: "rust_edu",
    authors: ["krust"],
    description: "Driver for QEMU's edu device",
    license: "GPL",
}
