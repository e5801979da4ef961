//! A PCI driver for pci-testdev whose probe fails on purpose after step
//! `fail_at` (0: before the first), to prove that whatever the steps before
//! set up through the device-managed interfaces is undone: the device
//! disabled again, BAR0 unmapped and released, a registered value and a
//! `Devres` dropped, the driver's data freed. `fail_at=-1` (the default)
//! probes to the end.

use core::sync::atomic::{AtomicU32, Ordering};

use kernel::{c_str, device::Core, devres, devres::Devres, pci, prelude::*};

/// Values still alive that a probe made; the module checks at unload that
/// none is left.
static LIVE: AtomicU32 = AtomicU32::new(0);

/// A value whose life the test follows.
struct Tracked(&'static str);

impl Tracked {
    fn new(name: &'static str) -> Self {
        LIVE.fetch_add(1, Ordering::Relaxed);
        Tracked(name)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
        pr_info!("dropped {}\n", self.0);
    }
}

type Bar0 = pci::Bar<0x10>;

#[pin_data]
struct FailDriver {
    #[pin]
    bar: Devres<Bar0>,
    #[pin]
    boxed: Devres<KBox<Tracked>>,
    _data: Tracked,
}

kernel::pci_device_table!(
    PCI_TABLE,
    MODULE_PCI_TABLE,
    <FailDriver as pci::Driver>::IdInfo,
    [(pci::DeviceId::from_id(pci::Vendor::REDHAT, 0x5), ())]
);

/// Fails with `ECANCELED` when the probe is to fail after `step`.
fn step(dev: &pci::Device<Core>, step: i32) -> Result {
    if *module_parameters::fail_at.value() == step {
        dev_info!(dev.as_ref(), "failing after step {}\n", step);
        return Err(ECANCELED);
    }
    Ok(())
}

impl pci::Driver for FailDriver {
    type IdInfo = ();

    const ID_TABLE: pci::IdTable<Self::IdInfo> = &PCI_TABLE;

    fn probe(pdev: &pci::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        step(pdev, 0)?;
        pdev.enable_device_mem()?;
        step(pdev, 1)?;
        pdev.set_master();
        step(pdev, 2)?;
        devres::register(pdev.as_ref(), Tracked::new("registered"), GFP_KERNEL)?;
        step(pdev, 3)?;
        let this = KBox::pin_init(
            try_pin_init!(Self {
                bar <- pdev.iomap_region_sized::<0x10>(0, c_str!("rust_pci_fail")),
                boxed <- Devres::new(pdev.as_ref(), KBox::new(Tracked::new("boxed"), GFP_KERNEL)?),
                _data: Tracked::new("data"),
            }),
            GFP_KERNEL,
        )?;
        step(pdev, 4)?;
        let bar = this.bar.access(pdev.as_ref())?;
        bar.write8(0, 0x0);
        step(pdev, 5)?;
        dev_info!(pdev.as_ref(), "probed\n");
        Ok(this)
    }
}

#[pin_data(PinnedDrop)]
struct FailModule {
    #[pin]
    driver: kernel::driver::Registration<pci::Adapter<FailDriver>>,
}

impl kernel::InPlaceModule for FailModule {
    fn init(module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            driver <- kernel::driver::Registration::new(c_str!("rust_pci_fail"), module),
        })
    }
}

#[pinned_drop]
impl PinnedDrop for FailModule {
    fn drop(self: Pin<&mut Self>) {
        // Runs before the registration is dropped: what a failed probe made
        // must be gone already.
        pr_info!("at unload, {} tracked values alive\n", LIVE.load(Ordering::Relaxed));
    }
}

module! {
    type: FailModule,
    name: "rust_pci_fail",
    license: "GPL",
    params: {
        fail_at: i32 {
            default: -1,
            description: "The probe step after which probe fails (-1: none)",
        },
    },
}
