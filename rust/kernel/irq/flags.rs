//! The flags of an interrupt registration: C's `IRQF_*`.

use core::ffi::c_ulong;

/// Flags of an interrupt registration, combined with `|` (and `&`, `!`).
///
/// # Examples
///
/// ```
/// use kernel::irq::Flags;
///
/// let flags = Flags::SHARED | Flags::TRIGGER_HIGH;
/// assert!(flags & Flags::SHARED == Flags::SHARED);
/// assert!(flags != Flags::SHARED);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Flags(c_ulong);

impl Flags {
    /// The trigger is left as it is configured.
    pub const TRIGGER_NONE: Flags = Flags::new(bindings::IRQF_TRIGGER_NONE);
    /// On a rising edge.
    pub const TRIGGER_RISING: Flags = Flags::new(bindings::IRQF_TRIGGER_RISING);
    /// On a falling edge.
    pub const TRIGGER_FALLING: Flags = Flags::new(bindings::IRQF_TRIGGER_FALLING);
    /// While the line is high.
    pub const TRIGGER_HIGH: Flags = Flags::new(bindings::IRQF_TRIGGER_HIGH);
    /// While the line is low.
    pub const TRIGGER_LOW: Flags = Flags::new(bindings::IRQF_TRIGGER_LOW);
    /// The line may be shared with other devices' handlers.
    pub const SHARED: Flags = Flags::new(bindings::IRQF_SHARED);
    /// A mismatch of sharing flags is expected by the caller.
    pub const PROBE_SHARED: Flags = Flags::new(bindings::IRQF_PROBE_SHARED);
    /// A timer interrupt.
    pub const TIMER: Flags = Flags::new(bindings::IRQF_TIMER);
    /// A per-CPU interrupt.
    pub const PERCPU: Flags = Flags::new(bindings::IRQF_PERCPU);
    /// Excluded from interrupt balancing.
    pub const NOBALANCING: Flags = Flags::new(bindings::IRQF_NOBALANCING);
    /// Used for polling (the first handler of a shared line only).
    pub const IRQPOLL: Flags = Flags::new(bindings::IRQF_IRQPOLL);
    /// The line stays masked until the threaded handler has run.
    pub const ONESHOT: Flags = Flags::new(bindings::IRQF_ONESHOT);
    /// Not disabled during suspend.
    pub const NO_SUSPEND: Flags = Flags::new(bindings::IRQF_NO_SUSPEND);
    /// Enabled on resume even with `NO_SUSPEND`.
    pub const FORCE_RESUME: Flags = Flags::new(bindings::IRQF_FORCE_RESUME);
    /// Never threaded.
    pub const NO_THREAD: Flags = Flags::new(bindings::IRQF_NO_THREAD);
    /// Resumed early in syscore instead of at device resume.
    pub const EARLY_RESUME: Flags = Flags::new(bindings::IRQF_EARLY_RESUME);
    /// A shared line whose other users may not suspend it.
    pub const COND_SUSPEND: Flags = Flags::new(bindings::IRQF_COND_SUSPEND);
    /// Not enabled by the request: the driver enables it itself.
    pub const NO_AUTOEN: Flags = Flags::new(bindings::IRQF_NO_AUTOEN);
    /// Excluded from runaway detection (for pinned, latency-critical lines).
    pub const NO_DEBUG: Flags = Flags::new(bindings::IRQF_NO_DEBUG);

    /// The value C takes.
    pub(crate) fn into_inner(self) -> c_ulong {
        self.0
    }

    const fn new(value: u32) -> Flags {
        Flags(value as c_ulong)
    }
}

impl core::ops::BitOr for Flags {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Flags(self.0 | rhs.0)
    }
}

impl core::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Self) {
        self.0 |= rhs.0;
    }
}

impl core::ops::BitAnd for Flags {
    type Output = Self;
    fn bitand(self, rhs: Self) -> Self {
        Flags(self.0 & rhs.0)
    }
}

impl core::ops::BitAndAssign for Flags {
    fn bitand_assign(&mut self, rhs: Self) {
        self.0 &= rhs.0;
    }
}

impl core::ops::Not for Flags {
    type Output = Self;
    fn not(self) -> Self {
        Flags(!self.0)
    }
}
