//! Interrupt lines of a platform device, by index: a platform driver for
//! `LNUXBEEF` (rust_driver_platform.asl's SSDT) registers a handler for
//! the line at index 0 of the device that has one, and fails the probe of
//! the device that has none with `ENXIO`. It also asks for a line at an
//! index past the last, which is `ENXIO` too.

use kernel::device::{Bound, Device};
use kernel::irq::{self, IrqReturn};
use kernel::{acpi, c_str, device::Core, platform, prelude::*};

/// A handler for a line nothing raises.
struct Quiet;

impl irq::Handler for Quiet {
    fn handle(&self, _dev: &Device<Bound>) -> IrqReturn {
        IrqReturn::None
    }
}

#[pin_data]
struct IrqDriver {
    #[pin]
    _irq: irq::Registration<Quiet>,
}

kernel::acpi_device_table!(
    ACPI_TABLE,
    MODULE_ACPI_TABLE,
    <IrqDriver as platform::Driver>::IdInfo,
    [(acpi::DeviceId::new(c_str!("LNUXBEEF")), ())]
);

impl platform::Driver for IrqDriver {
    type IdInfo = ();
    const ACPI_ID_TABLE: Option<acpi::IdTable<Self::IdInfo>> = Some(&ACPI_TABLE);

    fn probe(pdev: &platform::Device<Core>, _info: Option<&Self::IdInfo>) -> Result<Pin<KBox<Self>>> {
        let dev = pdev.as_ref();
        let line = pdev.optional_irq_by_index(0).inspect_err(|e| dev_info!(dev, "no line at index 0: {:?}\n", e))?;
        let past = pdev.optional_irq_by_index(1).map(|r| r.irq());
        dev_info!(dev, "line {} at index 0; index 1: {:?}\n", line.irq(), past);
        let irq = pdev.request_irq_by_index(irq::Flags::TRIGGER_NONE, 0, c"rust_platform_irq", Ok::<_, Error>(Quiet))?;
        KBox::pin_init(try_pin_init!(IrqDriver { _irq <- irq }), GFP_KERNEL)
    }
}

kernel::module_platform_driver! {
    type: IrqDriver,
    name: "rust_platform_irq",
    license: "GPL",
}
