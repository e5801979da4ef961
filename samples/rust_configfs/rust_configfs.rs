//! configfs from safe Rust: `/sys/kernel/config/rust_configfs/`, a
//! subsystem with
//!
//! - `message`, read-only: a fixed greeting;
//! - `bar`, read-write: up to a page of bytes, kept as written;
//! - `count`, read-write: a number; a write that is not one is `EINVAL`;
//!
//! where `mkdir NAME` makes a child group with `baz` (read-only) and
//! `mkdir NAME/SUB` a grandchild with `gc`, in which `mkdir` is refused. A
//! name longer than 31 bytes is refused with `ENAMETOOLONG`.
//!
//! It has the shape of Linux 6.18's `samples/rust/rust_configfs.rs`, plus
//! `count` and the name check, to show a store that refuses bad input.

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::alloc::flags;
use kernel::configfs;
use kernel::configfs::configfs_attrs;
use kernel::new_mutex;
use kernel::page::PAGE_SIZE;
use kernel::prelude::*;
use kernel::sync::Mutex;

module! {
    type: RustConfigfs,
    name: "rust_configfs",
    authors: ["krust"],
    description: "Rust configfs sample",
    license: "GPL",
}

#[pin_data]
struct RustConfigfs {
    #[pin]
    config: configfs::Subsystem<Configuration>,
}

#[pin_data]
struct Configuration {
    message: &'static CStr,
    #[pin]
    bar: Mutex<(KBox<[u8; PAGE_SIZE]>, usize)>,
    count: AtomicU32,
}

impl Configuration {
    fn new() -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            message: c"Hello World\n",
            bar <- new_mutex!((KBox::new([0; PAGE_SIZE], flags::GFP_KERNEL)?, 0)),
            count: AtomicU32::new(0),
        })
    }
}

impl kernel::InPlaceModule for RustConfigfs {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        pr_info!("Rust configfs sample (init)\n");
        let item_type = configfs_attrs! {
            container: configfs::Subsystem<Configuration>,
            data: Configuration,
            child: Child,
            attributes: [
                message: 0,
                bar: 1,
                count: 2,
            ],
        };
        try_pin_init!(Self {
            config <- configfs::Subsystem::new(c"rust_configfs", item_type, Configuration::new()),
        })
    }
}

/// The longest group name the sample takes.
const MAX_NAME: usize = 31;

#[vtable]
impl configfs::GroupOperations for Configuration {
    type Child = Child;

    fn make_group(&self, name: &CStr) -> Result<impl PinInit<configfs::Group<Child>, Error>> {
        if name.to_bytes().len() > MAX_NAME {
            return Err(ENAMETOOLONG);
        }
        let tpe = configfs_attrs! {
            container: configfs::Group<Child>,
            data: Child,
            child: GrandChild,
            attributes: [
                baz: 0,
            ],
        };
        Ok(configfs::Group::new(name.try_into()?, tpe, Child::new()))
    }
}

#[vtable]
impl configfs::AttributeOperations<0> for Configuration {
    type Data = Configuration;

    fn show(container: &Configuration, page: &mut [u8; PAGE_SIZE]) -> Result<usize> {
        let data = container.message.to_bytes();
        page[0..data.len()].copy_from_slice(data);
        Ok(data.len())
    }
}

#[vtable]
impl configfs::AttributeOperations<1> for Configuration {
    type Data = Configuration;

    fn show(container: &Configuration, page: &mut [u8; PAGE_SIZE]) -> Result<usize> {
        let guard = container.bar.lock();
        let len = guard.1;
        page[0..len].copy_from_slice(&guard.0[0..len]);
        Ok(len)
    }

    fn store(container: &Configuration, page: &[u8]) -> Result {
        let mut guard = container.bar.lock();
        let len = page.len().min(PAGE_SIZE);
        guard.0[0..len].copy_from_slice(&page[..len]);
        guard.1 = len;
        Ok(())
    }
}

#[vtable]
impl configfs::AttributeOperations<2> for Configuration {
    type Data = Configuration;

    fn show(container: &Configuration, page: &mut [u8; PAGE_SIZE]) -> Result<usize> {
        let mut w = kernel::str::Formatter::new(&mut page[..]);
        core::fmt::Write::write_fmt(&mut w, format_args!("{}\n", container.count.load(Ordering::Relaxed)))?;
        Ok(w.bytes_written())
    }

    fn store(container: &Configuration, page: &[u8]) -> Result {
        let text = core::str::from_utf8(page).map_err(|_| EINVAL)?;
        let n = text.trim().parse::<u32>().map_err(|_| EINVAL)?;
        container.count.store(n, Ordering::Relaxed);
        Ok(())
    }
}

#[pin_data]
struct Child {}

impl Child {
    fn new() -> impl PinInit<Self, Error> {
        try_pin_init!(Self {})
    }
}

#[vtable]
impl configfs::GroupOperations for Child {
    type Child = GrandChild;

    fn make_group(&self, name: &CStr) -> Result<impl PinInit<configfs::Group<GrandChild>, Error>> {
        let tpe = configfs_attrs! {
            container: configfs::Group<GrandChild>,
            data: GrandChild,
            attributes: [
                gc: 0,
            ],
        };
        Ok(configfs::Group::new(name.try_into()?, tpe, GrandChild::new()))
    }
}

#[vtable]
impl configfs::AttributeOperations<0> for Child {
    type Data = Child;

    fn show(_container: &Child, page: &mut [u8; PAGE_SIZE]) -> Result<usize> {
        let data = c"Hello Baz\n".to_bytes();
        page[0..data.len()].copy_from_slice(data);
        Ok(data.len())
    }
}

#[pin_data]
struct GrandChild {}

impl GrandChild {
    fn new() -> impl PinInit<Self, Error> {
        try_pin_init!(Self {})
    }
}

#[vtable]
impl configfs::AttributeOperations<0> for GrandChild {
    type Data = GrandChild;

    fn show(_container: &GrandChild, page: &mut [u8; PAGE_SIZE]) -> Result<usize> {
        let data = c"Hello GC\n".to_bytes();
        page[0..data.len()].copy_from_slice(data);
        Ok(data.len())
    }
}
