//! [`Refcount`]: C's `refcount_t`, a counter that saturates instead of
//! wrapping.

use crate::types::Opaque;

/// A reference count with C's `refcount_t` semantics: an increment past
/// `i32::MAX` or from zero, and a decrement below zero, leave the count
/// saturated and `WARN` (`refcount_t: saturated; leaking memory.`), so a
/// miscounted object leaks instead of being freed while still in use.
///
/// Every operation goes through the kernel's own `refcount_*` functions
/// (their C shims), so the checks and the warnings are C's. The methods are
/// `#[inline]`: only a module that counts compiles the shims in.
///
/// # Invariants
///
/// The `refcount_t` is initialised, and is only changed through the
/// kernel's `refcount_*` functions, which change it atomically.
///
/// ```
/// use kernel::sync::Refcount;
///
/// let r = Refcount::new(1);
/// r.inc();
/// assert_eq!(r.read(), 2);
/// assert!(!r.dec_and_test());
/// assert!(r.dec_and_test());
/// ```
#[repr(transparent)]
pub struct Refcount(Opaque<bindings::refcount_t>);

// SAFETY: `refcount_t` is an atomic counter, made for use from any thread.
unsafe impl Send for Refcount {}
// SAFETY: as above.
unsafe impl Sync for Refcount {}

impl Refcount {
    /// A counter starting at `value`; a negative one is already saturated.
    #[inline]
    pub fn new(value: i32) -> Self {
        let r = Refcount(Opaque::uninit());
        // SAFETY: the pointer is valid for writes of a `refcount_t`.
        unsafe { r.as_ptr().write(bindings::REFCOUNT_INIT(value)) };
        // INVARIANT: initialised just above, before anyone can see it.
        r
    }

    #[inline]
    fn as_ptr(&self) -> *mut bindings::refcount_t {
        self.0.get()
    }

    /// The count now (a snapshot; others may change it).
    #[inline]
    pub fn read(&self) -> u32 {
        // SAFETY: the counter is initialised (the type invariant).
        unsafe { bindings::refcount_read(self.as_ptr()) }
    }

    /// Sets the count.
    #[inline]
    pub fn set(&self, value: i32) {
        // SAFETY: as above.
        unsafe { bindings::refcount_set(self.as_ptr(), value) }
    }

    /// Adds one. Saturates and warns on overflow, and warns when the count
    /// was zero (a use after free). No memory ordering: the caller already
    /// holds a count.
    #[inline]
    pub fn inc(&self) {
        // SAFETY: as above.
        unsafe { bindings::refcount_inc(self.as_ptr()) }
    }

    /// Takes one off. Warns on underflow; a saturated count stays.
    #[inline]
    pub fn dec(&self) {
        // SAFETY: as above.
        unsafe { bindings::refcount_dec(self.as_ptr()) }
    }

    /// Takes one off and says whether the count reached zero. Release
    /// ordering before the decrement and acquire after it when it returns
    /// `true`, so the caller may free what the count protected.
    #[must_use = "use `dec` when the result does not matter"]
    #[inline]
    pub fn dec_and_test(&self) -> bool {
        // SAFETY: as above.
        unsafe { bindings::refcount_dec_and_test(self.as_ptr()) }
    }
}
