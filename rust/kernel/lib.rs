//! The `kernel` crate: safe Rust abstractions over the kernel's C API, for
//! modules built out of tree against a stock kernel.
//!
//! Every `unsafe` contact with C lives here, behind types whose invariants
//! make the safe interface sound. The raw C API is [`bindings`], re-exported
//! as in Linux 6.18 for what the crate does not cover yet; the samples never
//! use it.

#![no_std]
#![feature(associated_type_defaults, macro_attr, core_intrinsics, const_eval_select)]
#![allow(internal_features)]
#![deny(unsafe_op_in_unsafe_fn)]

// The proc macros name this crate `::kernel`, as modules do; this makes the
// name work inside the crate too.
extern crate self as kernel;

pub mod acpi;
pub mod alloc;
pub mod auxiliary;
pub mod build_assert;
pub mod configfs;
pub mod debugfs;
pub mod device;
pub mod device_id;
pub mod devres;
pub mod dma;
pub mod driver;
pub mod error;
pub mod faux;
pub mod firmware;
pub mod fs;
pub mod init;
pub mod io;
pub mod ioctl;
pub mod iov;
pub mod irq;
pub mod miscdevice;
pub mod module;
pub mod module_param;
pub mod of;
pub mod page;
pub mod pci;
pub mod platform;
pub mod prelude;
pub mod print;
pub mod register;
pub mod revocable;
pub mod scatterlist;
pub mod seq_file;
pub mod str;
pub mod sync;
pub mod time;
pub mod transmute;
pub mod types;
pub mod uaccess;

mod panic;

pub use bindings;

/// The crate's procedural macros, as Linux 6.18 names them (`kernel::macros::paste!`).
pub use ::macros;

/// C's types, as Linux 6.18 has them under `kernel::ffi`.
pub mod ffi {
    pub use core::ffi::*;
}

/// Formatting: `core::fmt`, and [`fmt!`](crate::fmt!) for its arguments, as
/// Linux 6.18 has them (`CString::try_from_fmt(fmt!("{}", x))`).
///
/// `fmt!`, which every printing macro uses, is `format_args!` in which `{}`
/// shows a [`CStr`](crate::str::CStr) (`core::ffi::CStr`, which has no
/// `Display`) as 6.18's own `CStr` is shown:
///
/// ```
/// use kernel::str::CString;
///
/// let name = kernel::c_str!("test,u32-prop");
/// let s = CString::try_from_fmt(kernel::fmt!("'{name}' {} {:?} {:#x}", c"b\x01", name, 255))?;
/// assert_eq!(s.as_bytes(), b"'test,u32-prop' b\\x01 \"test,u32-prop\" 0xff");
/// let width = 5;
/// let s = CString::try_from_fmt(kernel::fmt!("[{:>width$}] [{:>1$}] [{name}]", 42, 4))?;
/// assert_eq!(s.as_bytes(), b"[   42] [   4] [test,u32-prop]");
/// ```
pub use core::fmt;

/// The arguments of a formatted message: `format_args!`, with `{}` of a
/// `CStr` (see [`mod@fmt`]).
pub use macros::fmt;
pub use module::{InPlaceModule, Module, ModuleMetadata, ThisModule};

/// What the `module!` and `pr_*!` macros expand to; not for direct use.
#[doc(hidden)]
pub mod __private {
    pub use bindings::__this_module;
    pub use crate::module::{c_str_array, ModuleSlot};
}
