//! A module that writes one byte past a 64-byte `kmalloc` buffer when it is
//! loaded, on purpose: the guest's `slub_debug` must catch the overrun when
//! the buffer is freed, and the runner must fail the test that loaded it.
//! It corrupts memory by design, so it calls the C allocator directly.

extern crate bindings;

use kernel::prelude::*;

module! {
    type: RustOverrun,
    name: "rust_overrun",
    license: "GPL",
}

struct RustOverrun;

impl Module for RustOverrun {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // SAFETY: not sound, on purpose: the write lands in the right red
        // zone that slub_debug keeps after the 64-byte object (the kmalloc-64
        // cache has no slack to absorb it), and kfree's checks report it.
        unsafe {
            let p = bindings::kmalloc(64, bindings::GFP_KERNEL) as *mut u8;
            if p.is_null() {
                return Err(ENOMEM);
            }
            core::ptr::write_volatile(p.add(64), 0x5a);
            bindings::kfree(p as *const core::ffi::c_void);
        }
        Ok(RustOverrun)
    }
}
