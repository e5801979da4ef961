//! debugfs from safe Rust: `/sys/kernel/debug/sample_debugfs/` with
//!
//! - `compatible`, read-only: a fixed string;
//! - `counter`, read-write: an `AtomicUsize` (a decimal number);
//! - `pair`, read-write: two numbers under a `Mutex`, written as `"x y"`;
//! - `regs/`, a scope whose files borrow from the value it owns: `a`
//!   read-only, `more/b` read-write, `hits` read-write, `hex` showing
//!   `hits` in hexadecimal through a callback, and `reset`, write-only
//!   through a callback, which takes `1` and sets `hits` to 0.
//!
//! Linux 6.18's `samples/rust/rust_debugfs.rs` is a platform driver that
//! reads `compatible` from its firmware node; this one is a module with
//! the same files (and more), as it needs no device.

use core::str::FromStr;
use core::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use kernel::debugfs::{Dir, File, Scope};
use kernel::new_mutex;
use kernel::prelude::*;
use kernel::sync::Mutex;
use kernel::uaccess::UserSliceReader;

module! {
    type: RustDebugFs,
    name: "rust_debugfs",
    authors: ["krust"],
    description: "Rust debugfs sample",
    license: "GPL",
}

#[pin_data]
struct RustDebugFs {
    _debugfs: Dir,
    #[pin]
    _compatible: File<&'static CStr>,
    #[pin]
    counter: File<AtomicUsize>,
    #[pin]
    inner: File<Mutex<Inner>>,
    #[pin]
    _regs: Scope<Regs>,
}

#[derive(Debug)]
struct Inner {
    x: u32,
    y: u32,
}

impl FromStr for Inner {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let mut parts = s.split_whitespace();
        let mut number = || parts.next().ok_or(EINVAL)?.parse::<u32>().map_err(|_| EINVAL);
        let (x, y) = (number()?, number()?);
        if parts.next().is_some() {
            return Err(EINVAL);
        }
        Ok(Inner { x, y })
    }
}

/// What the `regs/` scope owns.
struct Regs {
    a: AtomicU8,
    b: AtomicU8,
    hits: AtomicUsize,
}

impl Regs {
    fn new() -> Self {
        Regs { a: AtomicU8::new(0xa), b: AtomicU8::new(0xb), hits: AtomicUsize::new(255) }
    }
}

/// `hex`: `hits` in hexadecimal.
fn show_hex(counter: &AtomicUsize, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    writeln!(f, "{:#x}", counter.load(Ordering::Relaxed))
}

/// `reset`: takes `1` and sets `hits` to 0; anything else is `EINVAL`.
fn reset(counter: &AtomicUsize, reader: &mut UserSliceReader) -> Result {
    let mut buf = [0u8; 4];
    let n = reader.len();
    if n > buf.len() {
        return Err(EINVAL);
    }
    reader.read_slice(&mut buf[..n])?;
    match core::str::from_utf8(&buf[..n]).map(str::trim) {
        Ok("1") => {
            counter.store(0, Ordering::Relaxed);
            Ok(())
        }
        _ => Err(EINVAL),
    }
}

impl kernel::InPlaceModule for RustDebugFs {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        RustDebugFs::new().pin_chain(|this| {
            this.counter.store(91, Ordering::Relaxed);
            let mut guard = this.inner.lock();
            guard.x = guard.y;
            guard.y = 42;
            Ok(())
        })
    }
}

impl RustDebugFs {
    fn new() -> impl PinInit<Self, Error> {
        let debugfs = Dir::new(c"sample_debugfs");
        try_pin_init! {
            Self {
                _compatible <- debugfs.read_only_file(c"compatible", c"sample-debugfs"),
                counter <- debugfs.read_write_file(c"counter", AtomicUsize::new(0)),
                inner <- debugfs.read_write_file(c"pair", new_mutex!(Inner { x: 3, y: 10 })),
                _regs <- debugfs.scope(Regs::new(), c"regs", |regs, dir| {
                    dir.read_only_file(c"a", &regs.a);
                    dir.dir(c"more").read_write_file(c"b", &regs.b);
                    dir.read_write_file(c"hits", &regs.hits);
                    dir.read_callback_file(c"hex", &regs.hits, &show_hex);
                    dir.write_only_callback_file(c"reset", &regs.hits, &reset);
                }),
                _debugfs: debugfs,
            }
        }
    }
}
