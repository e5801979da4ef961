//! Time as the scheduler counts it: jiffies, the ticks of the timer
//! interrupt (`CONFIG_HZ` a second).

/// A count of jiffies, as C's `unsigned long`.
pub type Jiffies = core::ffi::c_ulong;

/// A count of milliseconds, as C's `unsigned int`.
pub type Msecs = core::ffi::c_uint;

/// `msecs` milliseconds in jiffies, rounded up; a count too large for
/// `Jiffies` is `MAX_JIFFY_OFFSET`, as C's `msecs_to_jiffies` does.
///
/// ```
/// use kernel::time::msecs_to_jiffies;
///
/// assert!(msecs_to_jiffies(1) >= 1);
/// assert!(msecs_to_jiffies(2000) > msecs_to_jiffies(1000));
/// ```
pub fn msecs_to_jiffies(msecs: Msecs) -> Jiffies {
    // SAFETY: a pure computation, from any context.
    unsafe { bindings::__msecs_to_jiffies(msecs) }
}
