//! Must not compile: a module value that may not leave its thread. insmod's
//! task makes it and rmmod's drops it, so a module is `Send`.
// krust-expect: E0277
// krust-expect-text: the trait `Send` is not implemented
use core::marker::PhantomData;
use kernel::prelude::*;

module! { type: M, name: "module_not_send", license: "GPL", }

/// Shared by reference anywhere, but bound to the thread that made it (as a
/// lock guard is).
struct M {
    _thread_bound: PhantomData<*mut ()>,
}

// SAFETY: `M` has no data; only `Send` is in question here.
unsafe impl Sync for M {}

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M { _thread_bound: PhantomData })
    }
}
