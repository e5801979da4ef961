//! Must not compile: coherent DMA memory allocated for a device that may not
//! be bound to a driver (a `&Device`, as a `Devres` or an `ARef` gives it,
//! not the `&Device<Bound>` of a probe or a bound callback).
// krust-expect: E0308
// krust-expect-text: expected `&Device<Bound>`, found `&Device`
use kernel::device::Device;
use kernel::dma::CoherentAllocation;
use kernel::prelude::*;

module! { type: M, name: "dma_alloc_unbound", license: "GPL", }

fn alloc(dev: &Device) -> Result<CoherentAllocation<u32>> {
    CoherentAllocation::alloc_coherent(dev, 4, GFP_KERNEL)
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let _ = alloc;
        Ok(M)
    }
}
