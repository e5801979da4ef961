//! What a call through krust's C shims costs: tight loops of `refcount_inc`
//! and of `spin_lock`/`spin_unlock`, each timed with `ktime_get_ns` when the
//! module loads and logged as "rust_helper_bench: NAME OPS ops NS ns".
//! bench/c_helper_bench runs the same loops in C. The module measures the
//! bindings themselves, so it calls `bindings::` directly.

extern crate bindings;

use core::mem::MaybeUninit;
use kernel::prelude::*;

module! {
    type: RustHelperBench,
    name: "rust_helper_bench",
    license: "GPL",
    params: {
        iterations: i32 {
            default: 1000000,
            permissions: 0o444,
            description: "Calls per loop",
        },
    },
}

struct RustHelperBench;

fn now() -> u64 {
    // SAFETY: ktime_get_ns only reads the clock, from any context.
    unsafe { bindings::ktime_get_ns() }
}

fn refcount_loop(n: i32) -> u64 {
    // SAFETY: REFCOUNT_INIT builds a value and touches no memory.
    let mut count = unsafe { bindings::REFCOUNT_INIT(1) };
    let start = now();
    for _ in 0..n {
        // SAFETY: `count` lives on this stack frame for the whole loop, and n
        // increments from 1 stay below the saturation point for any i32 n.
        unsafe { bindings::refcount_inc(&mut count) };
    }
    now() - start
}

fn spinlock_loop(n: i32) -> u64 {
    // SAFETY: all-zero bytes are valid storage for a spinlock_t, which
    // spin_lock_init initialises before any use.
    let mut lock: bindings::spinlock_t = unsafe { MaybeUninit::zeroed().assume_init() };
    // SAFETY: `lock` outlives every use below and nobody else sees it.
    unsafe { bindings::spin_lock_init(&mut lock) };
    let start = now();
    for _ in 0..n {
        // SAFETY: `lock` is initialised, and each acquisition is released at
        // once by the same task, in process context.
        unsafe {
            bindings::spin_lock(&mut lock);
            bindings::spin_unlock(&mut lock);
        }
    }
    now() - start
}

impl Module for RustHelperBench {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let n = module_parameters::iterations.get();
        if n <= 0 {
            pr_err!("iterations must be positive, got {}\n", n);
            return Err(EINVAL);
        }
        pr_info!("refcount_inc {} ops {} ns\n", n, refcount_loop(n));
        pr_info!("spin_lock+unlock {} ops {} ns\n", n, spinlock_loop(n));
        Ok(RustHelperBench)
    }
}
