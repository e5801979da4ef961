//! Must not compile: a DMA mask of 65 bits, which no `u64` holds, given as a
//! constant (`DmaMask::try_new` is the run-time form, which returns EINVAL).
// krust-expect: E0080
// krust-expect-text: a DMA mask has at most 64 bits
use kernel::dma::DmaMask;
use kernel::prelude::*;

module! { type: M, name: "dma_mask_too_wide", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("{:#x}\n", DmaMask::new::<65>().value());
        Ok(M)
    }
}
