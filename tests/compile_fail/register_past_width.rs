//! Must not compile: a field that ends at bit 32 of a 32-bit register.
// krust-expect: E0080
// krust-expect-text: a field ends past bit 31
use kernel::prelude::*;
use kernel::register;
use kernel::register::RegisterIo;

module! { type: M, name: "register_past_width", license: "GPL", }

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

register!(R @ 0x0 {
    32:30   top as u8;
});

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let _ = R::read(&&Zero).top();
        Ok(M)
    }
}
