//! Assertions checked when the module is built: [`build_assert!`] and
//! [`build_error!`], as Linux 6.18 has them.
//!
//! In a constant context a failed assertion is a compile error. Elsewhere
//! the check is left to the optimiser: when it proves the condition, the
//! check disappears; when it cannot (the condition is false, or not known
//! at build time), a call to `rust_build_error` remains, a symbol nothing
//! defines, and modpost fails the build naming it
//! (`ERROR: modpost: "rust_build_error" [foo.ko] undefined!`), as in
//! mainline. So a `build_assert!` must only be given conditions the
//! compiler can decide: constants, and arguments of inlined functions that
//! the caller gives as constants.

extern "C" {
    /// Defined nowhere: a call that survives optimisation fails the link.
    fn rust_build_error() -> !;
}

const fn fail_at_compile_time(msg: &'static str) -> ! {
    panic!("{}", msg)
}

#[inline(always)]
fn fail_at_link_time(_msg: &'static str) -> ! {
    // SAFETY: never runs: a module that still calls it does not link.
    unsafe { rust_build_error() }
}

/// Fails the build with `msg`: at compile time in a constant context, at
/// link time (modpost) when the call is not optimised away.
#[inline(always)]
#[track_caller]
pub const fn build_error(msg: &'static str) -> ! {
    core::intrinsics::const_eval_select((msg,), fail_at_compile_time, fail_at_link_time)
}

/// Fails the build, with an optional message: `build_error!()`,
/// `build_error!("why")`.
#[macro_export]
macro_rules! build_error {
    () => {{
        $crate::build_assert::build_error("assertion failed at build time")
    }};
    ($msg:expr) => {{
        $crate::build_assert::build_error($msg)
    }};
}

/// Asserts `cond` at build time: the build fails unless the compiler can
/// prove it (see the [module documentation](self)).
///
/// ```
/// use kernel::build_assert;
///
/// #[inline(always)]
/// fn read_at<const N: usize>(buf: &[u8; N], i: usize) -> u8 {
///     build_assert!(i < N, "index out of range");
///     buf[i]
/// }
///
/// assert_eq!(read_at(&[1, 2, 3], 2), 3); // an index of 3 would not link
/// ```
#[macro_export]
macro_rules! build_assert {
    ($cond:expr $(,)?) => {{
        if !$cond {
            $crate::build_assert::build_error(::core::concat!("assertion failed: ", ::core::stringify!($cond)));
        }
    }};
    ($cond:expr, $msg:expr $(,)?) => {{
        if !$cond {
            $crate::build_assert::build_error($msg);
        }
    }};
}

pub use crate::{build_assert, build_error};
