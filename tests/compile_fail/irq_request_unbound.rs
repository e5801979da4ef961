//! Must not compile: an interrupt line asked of a PCI device that may not be
//! bound (`pci::Device`, the normal context): only `pci::Device<Bound>` (and
//! `Core`, in a probe) has `irq_vector`, `request_irq` and the like.
// krust-expect: E0599
// krust-expect-text: no method named `irq_vector` found
use kernel::pci;
use kernel::prelude::*;
use kernel::types::ARef;

module! { type: M, name: "irq_request_unbound", license: "GPL", }

fn irq_of(pdev: &ARef<pci::Device>) -> Result<u32> {
    Ok(pdev.irq_vector(0)?.irq())
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let _ = irq_of;
        Ok(M)
    }
}
