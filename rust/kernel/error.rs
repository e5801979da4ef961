//! Kernel errors: the negative errno values C functions return.

use core::fmt;

/// An error from the kernel, carrying an errno value.
///
/// # Invariants
///
/// The value is a valid errno: in `-MAX_ERRNO..0`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Error(core::ffi::c_int);

/// The result of a fallible kernel operation.
pub type Result<T = ()> = core::result::Result<T, Error>;

const MAX_ERRNO: core::ffi::c_int = bindings::MAX_ERRNO as core::ffi::c_int;

/// Declares every errno, in the order of the kernel's headers: where two
/// names share a value (`EAGAIN` and `EWOULDBLOCK`), the first is the one
/// `Debug` prints. tests/host/rules.sh checks that the list is complete.
macro_rules! declare_errors {
    ($($name:ident,)*) => {
        /// The errno values as [`Error`]s, each named as in C.
        pub mod code {
            use super::Error;
            $(
                #[doc = concat!("`-", stringify!($name), "`.")]
                pub const $name: Error = Error::from_const(bindings::$name);
            )*
        }

        fn errno_name(errno: core::ffi::c_int) -> Option<&'static str> {
            match errno {
                $(e if e == code::$name.to_errno() => Some(stringify!($name)),)*
                _ => None,
            }
        }
    };
}

declare_errors! {
    // include/uapi/asm-generic/errno-base.h
    EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM, EACCES,
    EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, ENOTTY,
    ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE, EDOM, ERANGE,
    // include/uapi/asm-generic/errno.h
    EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, ELOOP, EWOULDBLOCK, ENOMSG, EIDRM, ECHRNG,
    EL2NSYNC, EL3HLT, EL3RST, ELNRNG, EUNATCH, ENOCSI, EL2HLT, EBADE, EBADR, EXFULL, ENOANO,
    EBADRQC, EBADSLT, EDEADLOCK, EBFONT, ENOSTR, ENODATA, ETIME, ENOSR, ENONET, ENOPKG, EREMOTE,
    ENOLINK, EADV, ESRMNT, ECOMM, EPROTO, EMULTIHOP, EDOTDOT, EBADMSG, EOVERFLOW, ENOTUNIQ, EBADFD,
    EREMCHG, ELIBACC, ELIBBAD, ELIBSCN, ELIBMAX, ELIBEXEC, EILSEQ, ERESTART, ESTRPIPE, EUSERS,
    ENOTSOCK, EDESTADDRREQ, EMSGSIZE, EPROTOTYPE, ENOPROTOOPT, EPROTONOSUPPORT, ESOCKTNOSUPPORT,
    EOPNOTSUPP, EPFNOSUPPORT, EAFNOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ENETDOWN, ENETUNREACH,
    ENETRESET, ECONNABORTED, ECONNRESET, ENOBUFS, EISCONN, ENOTCONN, ESHUTDOWN, ETOOMANYREFS,
    ETIMEDOUT, ECONNREFUSED, EHOSTDOWN, EHOSTUNREACH, EALREADY, EINPROGRESS, ESTALE, EUCLEAN,
    ENOTNAM, ENAVAIL, EISNAM, EREMOTEIO, EDQUOT, ENOMEDIUM, EMEDIUMTYPE, ECANCELED, ENOKEY,
    EKEYEXPIRED, EKEYREVOKED, EKEYREJECTED, EOWNERDEAD, ENOTRECOVERABLE, ERFKILL, EHWPOISON,
    // include/linux/errno.h
    ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ENOIOCTLCMD, ERESTART_RESTARTBLOCK, EPROBE_DEFER,
    EOPENSTALE, ENOPARAM, EBADHANDLE, ENOTSYNC, EBADCOOKIE, ENOTSUPP, ETOOSMALL, ESERVERFAULT,
    EBADTYPE, EJUKEBOX, EIOCBQUEUED, ERECALLCONFLICT, ENOGRACE,
}

impl Error {
    /// The error for a positive errno constant from the bindings.
    ///
    /// Fails to compile when used in a constant with a value that is not an errno.
    const fn from_const(errno: u32) -> Error {
        assert!(errno > 0 && errno <= MAX_ERRNO as u32, "not an errno value");
        // INVARIANT: just checked.
        Error(-(errno as core::ffi::c_int))
    }

    /// The error for a negative errno returned by C, or `EINVAL` when `errno`
    /// is not one (a kernel bug, reported as an invalid argument).
    pub fn from_errno(errno: core::ffi::c_int) -> Error {
        if errno < -MAX_ERRNO || errno >= 0 {
            return code::EINVAL;
        }
        // INVARIANT: just checked.
        Error(errno)
    }

    /// The negative errno, as C returns it.
    pub const fn to_errno(self) -> core::ffi::c_int {
        self.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match errno_name(self.0) {
            Some(name) => f.write_str(name),
            None => write!(f, "Error({})", self.0),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Converts the return value of a C function (zero or a negative errno) to a [`Result`].
pub fn to_result(ret: core::ffi::c_int) -> Result {
    if ret < 0 {
        Err(Error::from_errno(ret))
    } else {
        Ok(())
    }
}

/// Converts a pointer returned by a C function that encodes errors in it
/// (`ERR_PTR`) to a [`Result`]: the pointer, or the error it carries.
///
/// ```
/// use kernel::error::{from_err_ptr, code::ENOENT};
///
/// let p = (-2isize) as *mut u8;
/// assert_eq!(from_err_ptr(p), Err(ENOENT));
/// let q = 0x1000usize as *mut u8;
/// assert_eq!(from_err_ptr(q), Ok(q));
/// ```
pub fn from_err_ptr<T>(ptr: *mut T) -> Result<*mut T> {
    // IS_ERR_VALUE: the last page of the address space holds the errnos.
    let value = ptr as isize;
    if value < 0 && value >= -(MAX_ERRNO as isize) {
        // The check above makes the value a valid errno.
        return Err(Error::from_errno(value as core::ffi::c_int));
    }
    Ok(ptr)
}

