//! [`CondVar`]: sleeping until another thread signals, with a lock released
//! meanwhile. C's wait queues.

use core::ffi::{c_int, c_long};
use core::pin::Pin;

use super::lock::{Backend, Guard};
use super::LockClassKey;
use crate::init::{pin_data, pin_init_from_closure, PinInit};
use crate::str::{CStr, CStrExt as _};
use crate::time::Jiffies;
use crate::types::Opaque;

/// `schedule_timeout`'s "no timeout" (C's `MAX_SCHEDULE_TIMEOUT`).
const MAX_SCHEDULE_TIMEOUT: c_long = c_long::MAX;

/// How [`CondVar::wait_interruptible_timeout`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CondVarTimeoutResult {
    /// The time ran out.
    Timeout,
    /// Woken (or spuriously) with `jiffies` left.
    Woken {
        /// The time left.
        jiffies: Jiffies,
    },
    /// A signal is pending, with `jiffies` left.
    Signal {
        /// The time left.
        jiffies: Jiffies,
    },
}

/// A condition variable: a wait queue head, whose waiters sleep with a lock
/// released and take it again when woken.
///
/// Waiters queue as exclusive ones: [`CondVar::notify_one`] wakes exactly
/// one of them, [`CondVar::notify_all`] every one. Spurious wake-ups happen:
/// check the condition in a loop.
///
/// ```
/// use kernel::prelude::*;
/// use kernel::sync::{CondVar, CondVarTimeoutResult, Mutex};
///
/// #[pin_data]
/// struct Mailbox {
///     #[pin]
///     letters: Mutex<u32>,
///     #[pin]
///     arrived: CondVar,
/// }
///
/// let mb = KBox::pin_init(pin_init!(Mailbox { letters <- new_mutex!(0), arrived <- new_condvar!() }), GFP_KERNEL)?;
/// mb.arrived.notify_all(); // nobody waits: nothing happens
/// let mut letters = mb.letters.lock();
/// // Nobody notifies: the wait times out, with the lock taken again.
/// assert_eq!(mb.arrived.wait_interruptible_timeout(&mut letters, 2), CondVarTimeoutResult::Timeout);
/// *letters += 1;
/// assert_eq!(*letters, 1);
/// ```
///
/// # Invariants
///
/// `wait_queue_head` was initialised by `__init_waitqueue_head`.
#[pin_data]
pub struct CondVar {
    #[pin]
    pub(crate) wait_queue_head: Opaque<bindings::wait_queue_head>,
}

// SAFETY: wait queues are made to be used from any thread; they have their own lock.
unsafe impl Send for CondVar {}
// SAFETY: as above.
unsafe impl Sync for CondVar {}

/// An initialiser for a [`CondVar`] with a lockdep class for this call
/// site, named after it or by the optional literal `name`.
#[macro_export]
macro_rules! new_condvar {
    ($(,)?) => {
        $crate::sync::CondVar::new($crate::optional_name!(), $crate::static_lock_class!())
    };
    ($name:literal $(,)?) => {
        $crate::sync::CondVar::new($crate::c_str!($name), $crate::static_lock_class!())
    };
}

impl CondVar {
    /// An initialiser for a condition variable; `name` and `key` identify
    /// the place of initialisation for lockdep.
    pub fn new(name: &'static CStr, key: Pin<&'static LockClassKey>) -> impl PinInit<Self> {
        // INVARIANT: the head is initialised by `__init_waitqueue_head`.
        crate::pin_init!(Self { wait_queue_head <- wait_queue_init(name, key) })
    }

    /// Releases the guard's lock, sleeps until notified, and takes the lock
    /// again. Signals do not wake it.
    pub fn wait<T: ?Sized, B: Backend>(&self, guard: &mut Guard<'_, T, B>) {
        self.wait_internal(bindings::TASK_UNINTERRUPTIBLE as c_int, guard, MAX_SCHEDULE_TIMEOUT);
    }

    /// As [`CondVar::wait`], but a signal wakes it too. Returns whether a
    /// signal is pending: the caller should then give up, usually with
    /// `ERESTARTSYS`.
    #[must_use = "wait_interruptible returns whether a signal is pending, which the caller must check"]
    ///
    /// A waiter that a notification picked reports `false`, signal or
    /// not: see [`CondVar::wait_interruptible_timeout`].
    pub fn wait_interruptible<T: ?Sized, B: Backend>(&self, guard: &mut Guard<'_, T, B>) -> bool {
        let end = self.wait_internal(bindings::TASK_INTERRUPTIBLE as c_int, guard, MAX_SCHEDULE_TIMEOUT);
        !end.notified && signal_pending()
    }

    /// As [`CondVar::wait_interruptible`], and the task may be frozen (for
    /// suspend) while it sleeps.
    #[must_use = "wait_interruptible_freezable returns whether a signal is pending, which the caller must check"]
    pub fn wait_interruptible_freezable<T: ?Sized, B: Backend>(&self, guard: &mut Guard<'_, T, B>) -> bool {
        let state = bindings::TASK_INTERRUPTIBLE | bindings::TASK_FREEZABLE;
        let end = self.wait_internal(state as c_int, guard, MAX_SCHEDULE_TIMEOUT);
        !end.notified && signal_pending()
    }

    /// As [`CondVar::wait_interruptible`], sleeping at most `jiffies` ticks.
    ///
    /// A waiter that a notification picked ends `Woken`, even when a signal
    /// or the end of its time came at the same moment: `notify_one` wakes
    /// one waiter only, so if that one gave up, the event it was woken for
    /// would reach nobody. As in C's `prepare_to_wait_event`, it takes the
    /// event (the caller checks its condition again); a signal stays
    /// pending, and ends the next wait at once.
    #[must_use = "wait_interruptible_timeout returns how the wait ended, which the caller must check"]
    pub fn wait_interruptible_timeout<T: ?Sized, B: Backend>(
        &self,
        guard: &mut Guard<'_, T, B>,
        jiffies: Jiffies,
    ) -> CondVarTimeoutResult {
        let timeout = c_long::try_from(jiffies).unwrap_or(MAX_SCHEDULE_TIMEOUT);
        let end = self.wait_internal(bindings::TASK_INTERRUPTIBLE as c_int, guard, timeout);
        // `schedule_timeout` never returns a negative count.
        let jiffies = Jiffies::try_from(end.left).unwrap_or(0);
        if end.notified {
            CondVarTimeoutResult::Woken { jiffies }
        } else if signal_pending() {
            CondVarTimeoutResult::Signal { jiffies }
        } else if jiffies == 0 {
            CondVarTimeoutResult::Timeout
        } else {
            CondVarTimeoutResult::Woken { jiffies }
        }
    }

    /// Queues the task as an exclusive waiter in `state`, sleeps for at most
    /// `timeout` jiffies with the guard's lock released, and dequeues it.
    fn wait_internal<T: ?Sized, B: Backend>(&self, state: c_int, guard: &mut Guard<'_, T, B>, timeout: c_long) -> WaitEnd {
        let wait = Opaque::<bindings::wait_queue_entry>::uninit();
        // SAFETY: `wait` is valid for writes and stays on this stack frame
        // until finish_wait below takes it off the queue.
        unsafe { bindings::init_wait_entry(wait.get(), 0) };
        // SAFETY: the queue head is initialised (the type invariant); the
        // entry was just initialised. Queued before the lock is released, so
        // a notification sent once the lock is free finds this task.
        unsafe { bindings::prepare_to_wait_exclusive(self.wait_queue_head.get(), wait.get(), state) };
        let left = guard.do_unlocked(|| {
            // SAFETY: schedule_timeout may be called from any sleepable
            // context, with any timeout.
            unsafe { bindings::schedule_timeout(timeout) }
        });
        // A notification that picks this waiter takes its entry off the
        // queue (the entry's wake function, `autoremove_wake_function`, does
        // so when it wakes the task), and counts it as the one it wakes. One
        // that comes later finds the task running and passes it over, so
        // the lock retaken, an entry off the queue means a notification
        // picked this waiter; and it stays so until finish_wait, as a
        // running task is never picked.
        // SAFETY: the entry is initialised and on this stack frame; its
        // list is read with the barrier the wake function's removal pairs with.
        let notified = unsafe { bindings::list_empty_careful(core::ptr::addr_of!((*wait.get()).entry)) } != 0;
        // SAFETY: the entry was prepared on this queue above.
        unsafe { bindings::finish_wait(self.wait_queue_head.get(), wait.get()) };
        WaitEnd { left, notified }
    }

    /// Wakes one waiter, on this CPU if the scheduler agrees: for a waker
    /// that is about to sleep itself.
    pub fn notify_sync(&self) {
        // SAFETY: the queue head is initialised (the type invariant).
        unsafe { bindings::__wake_up_sync(self.wait_queue_head.get(), bindings::TASK_NORMAL) };
    }

    /// Wakes one waiter.
    pub fn notify_one(&self) {
        self.notify(1);
    }

    /// Wakes every waiter.
    pub fn notify_all(&self) {
        self.notify(0);
    }

    /// Wakes `count` exclusive waiters (0: all of them).
    fn notify(&self, count: c_int) {
        // SAFETY: the queue head is initialised (the type invariant).
        unsafe { bindings::__wake_up(self.wait_queue_head.get(), bindings::TASK_NORMAL, count, core::ptr::null_mut()) };
    }
}

/// How a wait ended.
struct WaitEnd {
    /// `schedule_timeout`'s result: the jiffies left.
    left: c_long,
    /// Whether a notification picked this waiter.
    notified: bool,
}

/// Whether the current task has a signal pending.
///
/// Inline, so that only the modules that wait interruptibly call the C
/// shims of `signal_pending` and `current`.
#[inline]
fn signal_pending() -> bool {
    // SAFETY: `get_current` gives the running task, valid while it runs.
    unsafe { bindings::signal_pending(bindings::get_current()) != 0 }
}

/// An initialiser for a wait queue head.
fn wait_queue_init(name: &'static CStr, key: Pin<&'static LockClassKey>) -> impl PinInit<Opaque<bindings::wait_queue_head>> {
    let init = move |slot: *mut Opaque<bindings::wait_queue_head>| {
        // SAFETY: `slot` is valid for writes and pinned (PinInit's
        // contract); `name` and `key` are static.
        unsafe { bindings::__init_waitqueue_head(Opaque::raw_get(slot), name.as_char_ptr(), key.as_ptr()) };
        Ok(())
    };
    // SAFETY: the closure initialises the head and never fails.
    unsafe { pin_init_from_closure(init) }
}
