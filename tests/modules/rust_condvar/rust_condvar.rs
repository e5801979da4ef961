//! CondVar's notifications counted: `waiters` work items (4 by default) on a
//! workqueue of their own each wait once on one condition variable. Once
//! all of them wait, `notify_one` must wake exactly one; `notify_all` then
//! the rest. Prints "rust_condvar: notify_one woke N of W" and
//! "rust_condvar: notify_all woke the other N", then "done".
//!
//! With `signal_wait=1`, insmod's own task waits instead, interruptibly,
//! until a signal comes: `wait_interruptible_timeout` must end with
//! `Signal` well before its 20 s, and `wait_interruptible` must return at
//! once, saying a signal is pending; insmod then fails with ERESTARTSYS.
//!
//! With `notify_race=1` (or 2), insmod's task waits in
//! `wait_interruptible_timeout` (or `wait_interruptible`), and a work item
//! notifies it with `notify_one` and, before it can take the lock again,
//! sends it a signal: a waiter that a notification picked must report that
//! it was woken, as the notification reached no one else. Prints
//! "rust_condvar: picked and signalled: ..."; the module loads, and the
//! signal (SIGUSR1) then ends insmod.
//!
//! The workers are C work items, so this module uses `bindings::` for the
//! workqueue (the kernel crate has no abstraction for it).

extern crate bindings;

use core::ffi::c_int;
use core::sync::atomic::{AtomicPtr, Ordering};
use kernel::prelude::*;
use kernel::sync::{CondVar, CondVarTimeoutResult, Mutex};
use kernel::time::msecs_to_jiffies;
use kernel::types::Opaque;

module! {
    type: RustCondvar,
    name: "rust_condvar",
    license: "GPL",
    params: {
        waiters: i32 {
            default: 4,
            permissions: 0o444,
            description: "How many work items wait (1 to 16)",
        },
        signal_wait: bool {
            default: false,
            permissions: 0o444,
            description: "Instead, wait in insmod until a signal comes, and fail",
        },
        notify_race: i32 {
            default: 0,
            permissions: 0o444,
            description: "Instead, be notified and signalled at once in insmod: 1 in wait_interruptible_timeout, 2 in wait_interruptible",
        },
    },
}

const MAX_WAITERS: usize = 16;

struct Counts {
    /// Work items waiting, or about to: they queue before the lock is free.
    waiting: usize,
    /// Work items woken.
    woken: usize,
    /// Set before `notify_all`: a work item that starts later does not wait,
    /// so the workqueue always drains.
    released: bool,
}

#[pin_data]
struct Shared {
    #[pin]
    counts: Mutex<Counts>,
    /// What the work items wait on.
    #[pin]
    wake: CondVar,
    /// What the module waits on, for the counts to change.
    #[pin]
    progress: CondVar,
    #[pin]
    works: [Opaque<bindings::work_struct>; MAX_WAITERS],
}

/// The state the work items reach; set while they may run.
static SHARED: AtomicPtr<Shared> = AtomicPtr::new(core::ptr::null_mut());

extern "C" fn wait_once(_work: *mut bindings::work_struct) {
    // SAFETY: SHARED is set before any work is queued and cleared only after
    // the workqueue is destroyed, when no work runs any more.
    let shared = unsafe { &*SHARED.load(Ordering::Acquire) };
    let mut counts = shared.counts.lock();
    if counts.released {
        return;
    }
    counts.waiting += 1;
    shared.progress.notify_all();
    shared.wake.wait(&mut counts);
    counts.woken += 1;
    shared.progress.notify_all();
}

/// Waits (at most `ms` in all) until `done` holds for the counts.
fn wait_for(shared: &Shared, ms: u32, done: impl Fn(&Counts) -> bool) -> bool {
    let deadline = msecs_to_jiffies(ms);
    let mut counts = shared.counts.lock();
    let mut left = deadline;
    while !done(&counts) {
        match shared.progress.wait_interruptible_timeout(&mut counts, left) {
            CondVarTimeoutResult::Woken { jiffies } => left = jiffies,
            _ => return done(&counts),
        }
    }
    true
}

fn counts(shared: &Shared) -> (usize, usize) {
    let c = shared.counts.lock();
    (c.waiting, c.woken)
}

/// Queues the waiters, notifies one then all, and returns how many each
/// notification woke.
fn run(shared: &Shared, n: usize) -> Result<(usize, usize)> {
    // SAFETY: a valid format string without conversions; no flags; at most
    // `n` work items run at once, so every waiter gets a worker.
    let wq = unsafe { bindings::alloc_workqueue(c"rust_condvar".as_ptr(), 0, n as c_int) };
    if wq.is_null() {
        return Err(ENOMEM);
    }
    SHARED.store(shared as *const Shared as *mut Shared, Ordering::Release);
    for work in &shared.works[..n] {
        // SAFETY: the work item lives in pinned memory that outlives the
        // workqueue, and is queued once, after being initialised.
        unsafe {
            bindings::INIT_WORK(work.get(), Some(wait_once));
            bindings::queue_work(wq, work.get());
        }
    }
    let all_wait = wait_for(shared, 10_000, |c| c.waiting == n);
    shared.wake.notify_one();
    wait_for(shared, 5_000, |c| c.woken >= 1);
    // Give any waiter woken by mistake the time to show up.
    // SAFETY: msleep may be called from process context.
    unsafe { bindings::msleep(300) };
    let by_one = {
        let mut c = shared.counts.lock();
        c.released = true;
        c.woken
    };
    shared.wake.notify_all();
    wait_for(shared, 10_000, |c| c.woken == n);
    let (waiting, woken) = counts(shared);
    // SAFETY: every work item has returned or will, now that all are
    // notified; destroy_workqueue waits for them, then frees the queue.
    unsafe { bindings::destroy_workqueue(wq) };
    SHARED.store(core::ptr::null_mut(), Ordering::Release);
    if !all_wait {
        pr_err!("only {} of {} waiters waited\n", waiting, n);
    }
    Ok((by_one, woken - by_one))
}

/// The task that `notify_and_signal` notifies and signals.
static WAITER: AtomicPtr<bindings::task_struct> = AtomicPtr::new(core::ptr::null_mut());

/// C's `SIGUSR1`, on every architecture the stock kernels build for.
const SIGUSR1: c_int = 10;

/// Takes the lock once the waiter is queued (it queued before releasing
/// it), picks it with `notify_one`, and signals it while it cannot yet take
/// the lock again.
extern "C" fn notify_and_signal(_work: *mut bindings::work_struct) {
    // SAFETY: as for `wait_once`.
    let shared = unsafe { &*SHARED.load(Ordering::Acquire) };
    let counts = shared.counts.lock();
    shared.wake.notify_one();
    // SAFETY: the waiter is insmod's task, which cannot end its wait (nor
    // its life) before this work item gives the lock back.
    unsafe { bindings::send_sig(SIGUSR1, WAITER.load(Ordering::Acquire), 0) };
    drop(counts);
}

/// Waits in insmod's task (with a timeout, or not) while
/// `notify_and_signal` notifies it and sends it a signal at once; the wait
/// must say it was woken.
fn picked_and_signalled(with_timeout: bool) -> Result {
    let shared = KBox::pin_init(
        pin_init!(Shared {
            counts <- new_mutex!(Counts { waiting: 0, woken: 0, released: false }),
            wake <- new_condvar!(),
            progress <- new_condvar!(),
            works: [const { Opaque::uninit() }; MAX_WAITERS],
        }),
        GFP_KERNEL,
    )?;
    // SAFETY: a valid format string without conversions; no flags.
    let wq = unsafe { bindings::alloc_workqueue(c"rust_condvar_race".as_ptr(), 0, 1) };
    if wq.is_null() {
        return Err(ENOMEM);
    }
    SHARED.store(&*shared as *const Shared as *mut Shared, Ordering::Release);
    // SAFETY: `get_current` gives the running task.
    WAITER.store(unsafe { bindings::get_current() }, Ordering::Release);
    let mut counts = shared.counts.lock();
    // SAFETY: the work item lives in pinned memory that outlives the
    // workqueue, and is queued once, after being initialised. It takes the
    // lock, which this task holds until it waits.
    unsafe {
        bindings::INIT_WORK(shared.works[0].get(), Some(notify_and_signal));
        bindings::queue_work(wq, shared.works[0].get());
    }
    if with_timeout {
        let end = shared.wake.wait_interruptible_timeout(&mut counts, msecs_to_jiffies(20_000));
        pr_info!("picked and signalled: wait_interruptible_timeout: {:?}\n", end);
    } else {
        let signalled = shared.wake.wait_interruptible(&mut counts);
        pr_info!("picked and signalled: wait_interruptible: {}\n", if signalled { "signal" } else { "woken" });
    }
    drop(counts);
    // SAFETY: the work item has returned or will (it took the lock and
    // gave it back); destroy_workqueue waits for it, then frees the queue.
    unsafe { bindings::destroy_workqueue(wq) };
    SHARED.store(core::ptr::null_mut(), Ordering::Release);
    Ok(())
}

struct RustCondvar;

/// Waits in the calling task until a signal comes.
fn wait_for_signal() -> Result {
    let shared = KBox::pin_init(
        pin_init!(Shared {
            counts <- new_mutex!(Counts { waiting: 0, woken: 0, released: false }),
            wake <- new_condvar!(),
            progress <- new_condvar!(),
            works: [const { Opaque::uninit() }; MAX_WAITERS],
        }),
        GFP_KERNEL,
    )?;
    let mut counts = shared.counts.lock();
    pr_info!("waiting for a signal\n");
    let limit = msecs_to_jiffies(20_000);
    match shared.wake.wait_interruptible_timeout(&mut counts, limit) {
        CondVarTimeoutResult::Signal { jiffies } if jiffies > 0 => {
            pr_info!("wait_interruptible_timeout: signal, {} of {} jiffies left\n", jiffies, limit)
        }
        other => pr_err!("wait_interruptible_timeout: {:?}, not a signal\n", other),
    }
    if shared.wake.wait_interruptible(&mut counts) {
        pr_info!("wait_interruptible: signal pending\n");
    } else {
        pr_err!("wait_interruptible: no signal pending\n");
    }
    Err(ERESTARTSYS)
}

impl Module for RustCondvar {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        if module_parameters::signal_wait.get() {
            wait_for_signal()?;
        }
        match module_parameters::notify_race.get() {
            0 => {}
            race @ (1 | 2) => {
                picked_and_signalled(race == 1)?;
                return Ok(RustCondvar);
            }
            _ => return Err(EINVAL),
        }
        let n = usize::try_from(module_parameters::waiters.get()).map_err(|_| EINVAL)?;
        if n == 0 || n > MAX_WAITERS {
            return Err(EINVAL);
        }
        let shared = KBox::pin_init(
            pin_init!(Shared {
                counts <- new_mutex!(Counts { waiting: 0, woken: 0, released: false }),
                wake <- new_condvar!(),
                progress <- new_condvar!(),
                works: [const { Opaque::uninit() }; MAX_WAITERS],
            }),
            GFP_KERNEL,
        )?;
        let (by_one, by_all) = run(&shared, n)?;
        pr_info!("notify_one woke {} of {}\n", by_one, n);
        pr_info!("notify_all woke the other {}\n", by_all);
        pr_info!("done\n");
        Ok(RustCondvar)
    }
}
