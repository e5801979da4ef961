//! Pinned initialisation in the kernel, in safe code only: a struct with a
//! `Mutex` and a `CondVar` side by side built with `try_pin_init!`; an
//! initialiser failing at each field in turn, which must drop exactly the
//! fields before it, in reverse order; the projection of the pinned
//! struct's fields; `Arc` and `init!`; and a `PinnedDrop` that runs at
//! rmmod. Prints "rust_pin: ok NAME" or "rust_pin: FAIL NAME: WHY" per check.
//!
//! With `fail_at=N` (1 to 3), the module's own state fails at field N, and
//! so does insmod, with EINVAL.

use core::sync::atomic::{AtomicU32, Ordering};
use kernel::prelude::*;
use kernel::sync::{Arc, CondVar, CondVarTimeoutResult, Mutex};

module! {
    type: RustPin,
    name: "rust_pin",
    license: "GPL",
    params: {
        fail_at: i32 {
            default: 0,
            permissions: 0o444,
            description: "Make the module's state fail at this field (1 to 3)",
        },
    },
}

/// The ids of the trackers dropped, as the digits of a number, in order.
static DROPPED: AtomicU32 = AtomicU32::new(0);

/// Says when it is dropped, and records it.
struct Tracker(u32);

impl Drop for Tracker {
    fn drop(&mut self) {
        pr_info!("dropped tracker {}\n", self.0);
        let order = DROPPED.load(Ordering::Relaxed);
        DROPPED.store(order * 10 + self.0, Ordering::Relaxed);
    }
}

/// Tracker `id`, or EINVAL if `id` is where the initialisation must fail.
fn tracker(id: u32, fail_at: u32) -> Result<Tracker> {
    if id == fail_at {
        Err(EINVAL)
    } else {
        Ok(Tracker(id))
    }
}

/// A lock and a condition variable side by side, and trackers around them.
#[pin_data(PinnedDrop)]
struct Shared {
    #[pin]
    first: Mutex<Tracker>,
    second: Tracker,
    #[pin]
    changed: CondVar,
    third: KBox<Tracker>,
}

impl Shared {
    fn new(fail_at: u32) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            first <- new_mutex!(tracker(1, fail_at)?),
            second: tracker(2, fail_at)?,
            changed <- new_condvar!(),
            third: KBox::new(tracker(3, fail_at)?, GFP_KERNEL)?,
        })
    }
}

#[pinned_drop]
impl PinnedDrop for Shared {
    fn drop(self: Pin<&mut Self>) {
        self.changed.notify_all();
        pr_info!("Shared torn down, first holds {}\n", self.first.lock().0);
    }
}

fn check(name: &str, ok: bool, why: impl core::fmt::Display) {
    if ok {
        pr_info!("ok {}\n", name);
    } else {
        pr_err!("FAIL {}: {}\n", name, why);
    }
}

fn dropped() -> u32 {
    DROPPED.swap(0, Ordering::Relaxed)
}

/// The lock and the condition variable work side by side.
fn side_by_side() -> Result {
    let shared = KBox::try_pin_init(Shared::new(0), GFP_KERNEL)?;
    let mut guard = shared.first.lock();
    guard.0 += 40;
    shared.changed.notify_one();
    let waited = shared.changed.wait_interruptible_timeout(&mut guard, 1);
    let ok = waited == CondVarTimeoutResult::Timeout && guard.0 == 41;
    check("side-by-side", ok, "the wait or the lock misbehaved");
    guard.0 = 1;
    drop(guard);
    let mut shared = shared;
    let fields = shared.as_mut().project();
    let old = core::mem::replace(fields.second, Tracker(5));
    let projected = old.0 == 2 && fields.third.0 == 3;
    drop(old);
    check("project", projected && dropped() == 2, "wrong fields");
    *fields.second = Tracker(2);
    dropped();
    drop(shared);
    let order = dropped();
    check("drop-all", order == 123, order);
    Ok(())
}

/// Fails at each field in turn: the fields before it are dropped, last
/// first; the failing one and those after it never existed.
fn partial() {
    for (fail_at, want) in [(1, 0), (2, 1), (3, 21)] {
        let result = KBox::try_pin_init(Shared::new(fail_at), GFP_KERNEL);
        let order = dropped();
        let ok = matches!(result, Err(e) if e == EINVAL) && order == want;
        match fail_at {
            1 => check("partial-1", ok, order),
            2 => check("partial-2", ok, order),
            _ => check("partial-3", ok, order),
        }
    }
}

#[pin_data]
#[derive(Zeroable)]
struct Counters {
    #[pin]
    hits: u64,
    misses: u64,
    buckets: [u32; 16],
}

fn arc_and_init() -> Result {
    let a = Arc::pin_init(new_mutex!(5u32), GFP_KERNEL)?;
    let b = a.clone();
    *b.lock() += 1;
    let value = *a.lock();
    check("arc-pin-init", value == 6, value);
    let s = Arc::try_pin_init(Shared::new(0), GFP_KERNEL)?;
    check("arc-try-pin-init", s.second.0 == 2, s.second.0);
    drop(s);
    dropped();
    let c = KBox::init(init!(Counters { misses: 3, ..Zeroable::init_zeroed() }), GFP_KERNEL)?;
    let zero = c.hits == 0 && c.buckets.iter().all(|&b| b == 0);
    check("init-zeroed", zero && c.misses == 3, "not zeroed");
    let p = KBox::pin_init(pin_init!(Counters { hits: 1, misses: 2, buckets: [7; 16] }), GFP_KERNEL)?;
    check("pin-init-values", p.hits + p.misses + p.buckets[15] as u64 == 10, "wrong values");
    Ok(())
}

/// Fields named as the initialiser macros' own locals, set from locals of
/// the same names: hygiene must keep them apart.
#[pin_data]
struct Names {
    #[pin]
    slot: Mutex<u32>,
    data: u32,
    init: u32,
    value: u32,
    armed: u32,
}

fn hygiene() -> Result {
    let (data, init, value, armed) = (1, 2, 3, 4);
    let n = KBox::pin_init(pin_init!(Names { slot <- new_mutex!(data * 10), data, init, value, armed }), GFP_KERNEL)?;
    let got = [*n.slot.lock(), n.data, n.init, n.value, n.armed];
    check("hygiene", got == [10, 1, 2, 3, 4], "a field took another's value");
    Ok(())
}

struct RustPin {
    _shared: Pin<KBox<Shared>>,
}

impl Module for RustPin {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        side_by_side()?;
        partial();
        arc_and_init()?;
        hygiene()?;
        let fail_at = module_parameters::fail_at.get();
        let fail_at = u32::try_from(fail_at).map_err(|_| EINVAL)?;
        let shared = KBox::try_pin_init(Shared::new(fail_at), GFP_KERNEL)?;
        pr_info!("done\n");
        Ok(RustPin { _shared: shared })
    }
}
