//! Control case: registers of every kind and access, each field kind, and
//! aliases, used as their docs say.
// krust-expect: ok
use kernel::prelude::*;
use kernel::register;
use kernel::register::RegisterIo;

module! { type: M, name: "ok_register", license: "GPL", }

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

#[derive(Debug)]
enum Mode {
    A,
    B,
}

impl TryFrom<u8> for Mode {
    type Error = Error;
    fn try_from(v: u8) -> Result<Mode> {
        match v {
            0 => Ok(Mode::A),
            1 => Ok(Mode::B),
            _ => Err(EINVAL),
        }
    }
}

impl From<Mode> for u32 {
    fn from(m: Mode) -> u32 {
        m as u32
    }
}

struct Level(u8);

impl From<u8> for Level {
    fn from(v: u8) -> Level {
        Level(v)
    }
}

impl From<Level> for u32 {
    fn from(l: Level) -> u32 {
        l.0.into()
    }
}

register!(CTRL @ 0x0, "Control" {
    0:0     on as bool, "On";
    1:1     mode as u8 ?=> Mode;
    7:4     level as u8 => Level;
    31:8    rest as u32;
});
register!(CTRL_VIEW => CTRL {
    31:0    raw as u32;
});
register!(STATUS @ 0x4 (ro) {
    15:0    count as u16;
});
register!(DOORBELL @ 0x8 (wo) {
    0:0     ring as bool;
});
register!(UNIT @ +0x10 {
    3:0     lanes as u8;
});
register!(UNIT_VIEW => +UNIT (ro) {
    0:0     lane0 as bool;
});

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let io = &Zero;
        let c = CTRL::read(&io).set_on(true).set_mode(Mode::B).set_level(Level(3)).set_rest(7);
        c.write(&io);
        CTRL::update(&io, |r| r.set_on(false));
        CTRL::alter(&io, |r| r.set_on(true));
        let _ = (c.on(), c.mode()?, c.level().0, c.rest(), CTRL_VIEW::read(&io).raw());
        let _ = STATUS::read(&io).count() | STATUS::try_read(&io)?.count();
        DOORBELL::default().set_ring(true).write(&io);
        DOORBELL::default().try_write(&io)?;
        UNIT::default().set_lanes(2).write(&io, 0x100);
        UNIT::update(&io, 0x100, |r| r.set_lanes(1));
        let _ = UNIT::try_read(&io, usize::MAX)?.lanes();
        let _ = UNIT_VIEW::read(&io, 0x100).lane0();
        let _ = u32::from(c) | u32::from(CTRL::from(1) | CTRL::default());
        pr_info!("{:?}\n", c);
        Ok(M)
    }
}
