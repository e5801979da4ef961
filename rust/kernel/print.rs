//! Printing to the kernel log: `pr_emerg!` to `pr_debug!`.
//!
//! The message is formatted with `core::fmt` into a buffer on the stack and
//! handed to `printk` as a plain string: the stock kernel's printk does not
//! know Rust's `%pA` extension. Longer messages are cut at the buffer's end,
//! marked with `...`.

use core::ffi::{c_char, c_int, CStr};
use core::fmt::{self, Write};

/// Bytes of a message that fit in one record; the kernel's own limit is 1024
/// per line, prefix included.
const MESSAGE_MAX: usize = 900;
const ELLIPSIS: &[u8] = b"...";

/// A log level: the printk format for it, `KERN_<LEVEL> "%s: %.*s\n"`.
#[doc(hidden)]
pub struct Level([u8; LEVEL_FORMAT_LEN]);

const FORMAT_TAIL: &[u8] = b"%s: %.*s\n\0";
const LEVEL_FORMAT_LEN: usize = 2 + FORMAT_TAIL.len();

impl Level {
    /// `level` is one of the bindings' `KERN_*` strings: SOH, a digit, NUL.
    const fn new(level: &[u8; 3]) -> Level {
        let mut format = [0u8; LEVEL_FORMAT_LEN];
        format[0] = level[0];
        format[1] = level[1];
        let mut i = 0;
        while i < FORMAT_TAIL.len() {
            format[2 + i] = FORMAT_TAIL[i];
            i += 1;
        }
        Level(format)
    }
}

#[doc(hidden)]
pub mod levels {
    use super::Level;
    pub static EMERG: Level = Level::new(bindings::KERN_EMERG);
    pub static ALERT: Level = Level::new(bindings::KERN_ALERT);
    pub static CRIT: Level = Level::new(bindings::KERN_CRIT);
    pub static ERR: Level = Level::new(bindings::KERN_ERR);
    pub static WARNING: Level = Level::new(bindings::KERN_WARNING);
    pub static NOTICE: Level = Level::new(bindings::KERN_NOTICE);
    pub static INFO: Level = Level::new(bindings::KERN_INFO);
    pub static DEBUG: Level = Level::new(bindings::KERN_DEBUG);
}

/// A fixed buffer that `core::fmt` writes into, dropping what does not fit.
pub(crate) struct MessageBuffer {
    bytes: [u8; MESSAGE_MAX],
    len: usize,
    truncated: bool,
}

impl Write for MessageBuffer {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let room = MESSAGE_MAX - self.len;
        let n = s.len().min(room);
        self.bytes[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        if n < s.len() {
            self.truncated = true;
        }
        Ok(())
    }
}

impl MessageBuffer {
    /// The bytes to print, as `%.*s` takes them: a length and a pointer.
    pub(crate) fn as_printk_args(&self) -> (c_int, *const c_char) {
        (self.len as c_int, self.bytes.as_ptr() as *const c_char)
    }
}

/// Formats a message into a buffer on the stack, as printk takes it: cut at
/// the buffer's end with `...`, without the trailing newline the format adds.
pub(crate) fn format_message(args: fmt::Arguments<'_>) -> MessageBuffer {
    let mut buf = MessageBuffer { bytes: [0; MESSAGE_MAX], len: 0, truncated: false };
    // MessageBuffer::write_str never fails; a Display impl that fails leaves
    // what it wrote so far, which is still worth logging.
    let _ = buf.write_fmt(args);
    if buf.truncated {
        let at = MESSAGE_MAX - ELLIPSIS.len();
        buf.bytes[at..].copy_from_slice(ELLIPSIS);
        buf.len = MESSAGE_MAX;
    }
    // Strip one trailing newline: the format adds one, as C's pr_* users expect.
    if buf.len > 0 && buf.bytes[buf.len - 1] == b'\n' {
        buf.len -= 1;
    }
    buf
}

/// Formats `args` and prints them at `level`, prefixed with `prefix` (the
/// module's name). Called by the `pr_*!` macros.
#[doc(hidden)]
pub fn call_printk(level: &Level, prefix: &'static CStr, args: fmt::Arguments<'_>) {
    let buf = format_message(args);
    // SAFETY: the format is NUL-terminated and takes a C string (`prefix`, a
    // `CStr`) and a length and pointer; `%.*s` reads at most `buf.len` bytes
    // of `buf`, all initialised.
    unsafe {
        bindings::_printk(
            level.0.as_ptr() as *const c_char,
            prefix.as_ptr() as *const c_char,
            buf.len as c_int,
            buf.bytes.as_ptr() as *const c_char,
        );
    }
}

#[doc(hidden)]
#[macro_export]
macro_rules! print_at {
    ($level:ident, $($arg:tt)+) => {
        $crate::print::call_printk(
            &$crate::print::levels::$level,
            crate::__LOG_PREFIX,
            $crate::fmt!($($arg)+),
        )
    };
}

/// Prints an emergency-level message (level 0): the system is unusable.
#[macro_export]
macro_rules! pr_emerg { ($($arg:tt)+) => { $crate::print_at!(EMERG, $($arg)+) }; }

/// Prints an alert-level message (level 1): action must be taken at once.
#[macro_export]
macro_rules! pr_alert { ($($arg:tt)+) => { $crate::print_at!(ALERT, $($arg)+) }; }

/// Prints a critical-level message (level 2).
#[macro_export]
macro_rules! pr_crit { ($($arg:tt)+) => { $crate::print_at!(CRIT, $($arg)+) }; }

/// Prints an error-level message (level 3).
#[macro_export]
macro_rules! pr_err { ($($arg:tt)+) => { $crate::print_at!(ERR, $($arg)+) }; }

/// Prints a warning-level message (level 4).
#[macro_export]
macro_rules! pr_warn { ($($arg:tt)+) => { $crate::print_at!(WARNING, $($arg)+) }; }

/// Prints a notice-level message (level 5): normal but significant.
#[macro_export]
macro_rules! pr_notice { ($($arg:tt)+) => { $crate::print_at!(NOTICE, $($arg)+) }; }

/// Prints an info-level message (level 6).
///
/// ```ignore
/// pr_info!("{} devices found\n", count);
/// ```
#[macro_export]
macro_rules! pr_info { ($($arg:tt)+) => { $crate::print_at!(INFO, $($arg)+) }; }

/// Prints a debug-level message (level 7), like C's `pr_debug` without
/// dynamic debug: only in builds with debug assertions. The arguments are
/// type-checked either way.
#[macro_export]
macro_rules! pr_debug {
    ($($arg:tt)+) => {
        if ::core::cfg!(debug_assertions) {
            $crate::print_at!(DEBUG, $($arg)+)
        }
    };
}
