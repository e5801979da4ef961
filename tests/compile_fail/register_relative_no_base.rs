//! Must not compile: a relative register read without its base.
// krust-expect: E0061
// krust-expect-text: this function takes 2 arguments but 1 argument was supplied
use kernel::prelude::*;
use kernel::register;
use kernel::register::RegisterIo;

module! { type: M, name: "register_relative_no_base", license: "GPL", }

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

register!(UNIT @ +0x10 {
    3:0     lanes as u8;
});

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let _ = UNIT::read(&&Zero);
        Ok(M)
    }
}
