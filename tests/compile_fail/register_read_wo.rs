//! Must not compile: a read of a write-only register.
// krust-expect: E0599
// krust-expect-text: no associated function or constant named `read` found
use kernel::prelude::*;
use kernel::register;
use kernel::register::RegisterIo;

module! { type: M, name: "register_read_wo", license: "GPL", }

/// A stand-in I/O region: reads give 0, writes vanish.
struct Zero;

impl RegisterIo for Zero {
    fn read32(&self, _offset: usize) -> u32 {
        0
    }
    fn write32(&self, _value: u32, _offset: usize) {}
    fn try_read32(&self, _offset: usize) -> Result<u32> {
        Ok(0)
    }
    fn try_write32(&self, _value: u32, _offset: usize) -> Result {
        Ok(())
    }
}

register!(DOORBELL @ 0x8 (wo) {
    0:0     ring as bool;
});

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let _ = DOORBELL::read(&&Zero);
        Ok(M)
    }
}
