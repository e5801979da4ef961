//! `pin_init`: the crate Linux 6.18 keeps pinned initialisation in, under
//! the name drivers import it by (`use pin_init::PinInit;`).
//!
//! krust keeps pinned initialisation in the kernel crate, as
//! [`kernel::init`]; this crate only gives the same items under 6.18's
//! crate name, so that a driver written for 6.18 builds unchanged. Every
//! module can name it, as it can name `kernel`.

#![no_std]

pub use kernel::init::{
    init_from_closure, init_zeroed, pin_data, pin_init_from_closure, pinned_drop, zeroed, InPlaceInit, Init,
    PinInit, PinnedDrop, Zeroable,
};
pub use kernel::{init, pin_init, stack_pin_init, stack_try_pin_init, try_init, try_pin_init};
