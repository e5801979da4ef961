//! Must not compile: a write to a read-only register, which has no `write`
//! (nor `update`).
// krust-expect: E0599
// krust-expect-text: no method named `write` found
use kernel::prelude::*;
use kernel::register;
use kernel::register::RegisterIo;

module! { type: M, name: "register_write_ro", license: "GPL", }

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

register!(STATUS @ 0x4 (ro) {
    7:0     count as u8;
});

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        STATUS::default().set_count(1).write(&&Zero);
        Ok(M)
    }
}
