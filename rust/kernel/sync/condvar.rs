//! [`CondVar`]: sleeping until another thread signals, with a lock released
//! meanwhile. C's wait queues.

use core::ffi::c_long;
use core::ptr::addr_of;

use super::lock::{Backend, Guard};
use super::LockClassKey;
use crate::init::{pin_init_from_closure, PinInit};
use crate::str::{CStr, CStrExt as _};
use crate::types::Opaque;

/// How [`CondVar::wait_timeout`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitTimeout {
    /// The time ran out.
    TimedOut,
    /// Woken (or spuriously) with this many jiffies left.
    Woken(c_long),
    /// A signal was pending: the task did not sleep.
    Interrupted,
}

/// A condition variable: a wait queue head.
///
/// # Invariants
///
/// `wait_queue_head` was initialised by `__init_waitqueue_head`.
pub struct CondVar {
    wait_queue_head: Opaque<bindings::wait_queue_head>,
}

// SAFETY: wait queues are made to be used from any thread; they have their own lock.
unsafe impl Send for CondVar {}
// SAFETY: as above.
unsafe impl Sync for CondVar {}

/// An initialiser for a [`CondVar`] with a lockdep class for this call site.
#[macro_export]
macro_rules! new_condvar {
    () => {
        $crate::sync::CondVar::new($crate::optional_name!(), $crate::static_lock_class!())
    };
}

impl CondVar {
    /// An initialiser for a condition variable; `name` and `key` identify
    /// the place of initialisation for lockdep.
    pub fn new(name: &'static CStr, key: &'static LockClassKey) -> impl PinInit<Self> {
        let init = move |slot: *mut Self| {
            // SAFETY: `slot` is valid for writes and pinned (PinInit's
            // contract); `name` and `key` are static.
            unsafe {
                bindings::__init_waitqueue_head(
                    Opaque::raw_get(addr_of!((*slot).wait_queue_head)),
                    name.as_char_ptr(),
                    key.as_ptr(),
                )
            };
            // INVARIANT: just initialised.
            Ok(())
        };
        // SAFETY: the closure initialises the only field and never fails.
        unsafe { pin_init_from_closure(init) }
    }

    /// Releases the guard's lock, sleeps until notified (or until a signal
    /// comes), and takes the lock again. Spurious wake-ups happen: check
    /// the condition in a loop.
    ///
    /// Returns `true` when the task has a signal pending and did not sleep:
    /// the caller should give up, usually with `ERESTARTSYS`.
    pub fn wait<T: ?Sized, B: Backend>(&self, guard: &mut Guard<'_, T, B>) -> bool {
        self.sleep(guard, || {
            // SAFETY: schedule may be called from any sleepable context.
            unsafe { bindings::schedule() };
            0
        })
        .is_none()
    }

    /// Like [`CondVar::wait`], sleeping at most `jiffies` ticks.
    ///
    /// ```
    /// use kernel::prelude::*;
    /// use kernel::sync::{CondVar, Mutex, WaitTimeout};
    ///
    /// let m = KBox::pin_init(new_mutex!(5u32), GFP_KERNEL)?;
    /// let c = KBox::pin_init(new_condvar!(), GFP_KERNEL)?;
    /// c.notify_all(); // nobody waits: nothing happens
    /// let mut guard = m.lock();
    /// // Nobody notifies: the wait times out, with the lock taken again.
    /// assert_eq!(c.wait_timeout(&mut guard, 2), WaitTimeout::TimedOut);
    /// *guard += 1;
    /// assert_eq!(*guard, 6);
    /// ```
    pub fn wait_timeout<T: ?Sized, B: Backend>(&self, guard: &mut Guard<'_, T, B>, jiffies: c_long) -> WaitTimeout {
        let left = self.sleep(guard, || {
            // SAFETY: schedule_timeout may be called from any sleepable context.
            unsafe { bindings::schedule_timeout(jiffies) }
        });
        match left {
            None => WaitTimeout::Interrupted,
            Some(0) => WaitTimeout::TimedOut,
            Some(left) => WaitTimeout::Woken(left),
        }
    }

    /// Queues the task, runs `schedule` with the guard's lock released, and
    /// dequeues it: `schedule`'s result, or `None` when a signal is pending.
    fn sleep<T: ?Sized, B: Backend>(
        &self,
        guard: &mut Guard<'_, T, B>,
        schedule: impl FnOnce() -> c_long,
    ) -> Option<c_long> {
        let wait = Opaque::<bindings::wait_queue_entry>::uninit();
        // SAFETY: `wait` is valid for writes and stays on this stack frame
        // until finish_wait below takes it off the queue.
        unsafe { bindings::init_wait_entry(wait.get(), 0) };
        // SAFETY: the queue head is initialised (the type invariant); the
        // entry was just initialised.
        let ret = unsafe {
            bindings::prepare_to_wait_event(
                self.wait_queue_head.get(),
                wait.get(),
                bindings::TASK_INTERRUPTIBLE as core::ffi::c_int,
            )
        };
        let left = if ret == 0 { Some(guard.do_unlocked(schedule)) } else { None };
        // SAFETY: the entry was prepared on this queue above.
        unsafe { bindings::finish_wait(self.wait_queue_head.get(), wait.get()) };
        left
    }

    /// Wakes one waiter.
    pub fn notify_one(&self) {
        self.wake(1);
    }

    /// Wakes every waiter.
    pub fn notify_all(&self) {
        self.wake(0);
    }

    fn wake(&self, count: core::ffi::c_int) {
        // SAFETY: the queue head is initialised (the type invariant).
        unsafe {
            bindings::__wake_up(
                self.wait_queue_head.get(),
                bindings::TASK_NORMAL,
                count,
                core::ptr::null_mut(),
            )
        };
    }
}
