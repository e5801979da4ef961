//! Firmware loading: [`Firmware`], C's `struct firmware`, and the
//! `firmware=` entries of `.modinfo` ([`module_firmware!`](crate::module_firmware)
//! with [`ModInfoBuilder`]), as Linux 6.18 has them.
//!
//! A request names a file under the firmware search path (`/lib/firmware`
//! first) and the device that wants it; the kernel reads the file whole,
//! and the bytes stay until the [`Firmware`] is dropped. A missing file is
//! `ENOENT`.
//!
//! C header: `include/linux/firmware.h`.

use core::ptr::NonNull;

use crate::device::Device;
use crate::error::{Error, Result};
use crate::str::{CStr, CStrExt};

/// The C request functions a [`Firmware`] can come from: each takes the
/// place for the result, the file name and the device.
type RequestFn = unsafe extern "C" fn(
    *mut *const bindings::firmware,
    *const core::ffi::c_char,
    *mut bindings::device,
) -> core::ffi::c_int;

/// A firmware image read by the kernel, released when dropped.
///
/// ```ignore
/// use kernel::firmware::Firmware;
///
/// let fw = Firmware::request(c"vendor/chip.bin", registration.device())?;
/// pr_info!("{} bytes, first {:#x}\n", fw.size(), fw.data()[0]);
/// ```
///
/// # Invariants
///
/// The pointer is a `struct firmware` that a successful request returned
/// and that only this value releases; its `data` holds `size` bytes that
/// nobody changes until then.
pub struct Firmware(NonNull<bindings::firmware>);

// SAFETY: the image is plain memory owned by this value; C releases it
// from any task.
unsafe impl Send for Firmware {}
// SAFETY: `&Firmware` only reads bytes nobody writes (the type invariant).
unsafe impl Sync for Firmware {}

impl Firmware {
    fn request_with(name: &CStr, dev: &Device, request: RequestFn) -> Result<Self> {
        let mut fw: *const bindings::firmware = core::ptr::null();
        // SAFETY: `fw` is a valid place for the result; `name` is
        // NUL-terminated and `dev` a live device, both for the call, which
        // copies what it keeps of them.
        let ret = unsafe { request(&mut fw, name.as_char_ptr(), dev.as_raw()) };
        if ret != 0 {
            return Err(Error::from_errno(ret));
        }
        // INVARIANT: the request succeeded, so `fw` is a firmware image
        // that is ours to release.
        NonNull::new(fw.cast_mut()).map(Firmware).ok_or(crate::error::code::EINVAL)
    }

    /// Reads the firmware file `name` for `dev`, waiting for it. A missing
    /// file is logged by the kernel and returned as `ENOENT`.
    pub fn request(name: &CStr, dev: &Device) -> Result<Self> {
        Self::request_with(name, dev, bindings::request_firmware)
    }

    /// As [`Firmware::request`], for optional firmware: a missing file is
    /// `ENOENT` without a warning in the log.
    pub fn request_nowarn(name: &CStr, dev: &Device) -> Result<Self> {
        Self::request_with(name, dev, bindings::firmware_request_nowarn)
    }

    /// The length of the image in bytes.
    pub fn size(&self) -> usize {
        // SAFETY: a live `struct firmware` (the type invariant).
        unsafe { (*self.0.as_ptr()).size }
    }

    /// The image.
    pub fn data(&self) -> &[u8] {
        let size = self.size();
        if size == 0 {
            return &[];
        }
        // SAFETY: `data` holds `size` bytes that stay unchanged while this
        // value lives (the type invariant), so for the borrow of `self`.
        unsafe { core::slice::from_raw_parts((*self.0.as_ptr()).data, size) }
    }
}

impl Drop for Firmware {
    fn drop(&mut self) {
        // SAFETY: ours to release, once (the type invariant).
        unsafe { bindings::release_firmware(self.0.as_ptr()) };
    }
}

/// Builds, at compile time, the `firmware=` entries of `.modinfo` that
/// [`module_firmware!`](crate::module_firmware) emits.
///
/// Each entry starts with [`new_entry`](ModInfoBuilder::new_entry) and is
/// made of the parts [`push`](ModInfoBuilder::push) appends. The macro runs
/// the builder twice: once with `N = 0`, which only counts the bytes
/// ([`build_length`](ModInfoBuilder::build_length)), and once with that `N`,
/// which writes them ([`build`](ModInfoBuilder::build)).
pub struct ModInfoBuilder<const N: usize> {
    buf: [u8; N],
    len: usize,
    module_name: &'static CStr,
}

impl<const N: usize> ModInfoBuilder<N> {
    /// An empty builder. `module_name` prefixes each entry (`name.firmware=`)
    /// as a built-in module's entries are; for a loadable module, which is
    /// what krust builds, it is empty.
    pub const fn new(module_name: &'static CStr) -> Self {
        ModInfoBuilder { buf: [0; N], len: 0, module_name }
    }

    const fn append(mut self, bytes: &[u8]) -> Self {
        let mut i = 0;
        while i < bytes.len() {
            if N != 0 {
                // Past `N` is a length mismatch, which `build` reports; the
                // index is checked so the build fails there, not here.
                if self.len < N {
                    self.buf[self.len] = bytes[i];
                }
            }
            self.len += 1;
            i += 1;
        }
        self
    }

    /// Appends `s` to the current entry.
    ///
    /// A `push` before the first [`new_entry`](Self::new_entry) fails the
    /// build.
    pub const fn push(self, s: &str) -> Self {
        if self.len == 0 {
            panic!("ModInfoBuilder: new_entry() must come before push()");
        }
        self.append(s.as_bytes())
    }

    /// Ends the entry before (if any) and starts a new `firmware=` entry.
    pub const fn new_entry(self) -> Self {
        let this = self.append(b"\0");
        let name = this.module_name.to_bytes();
        let this = if name.is_empty() { this } else { this.append(name).append(b".") };
        this.append(b"firmware=")
    }

    /// The entries, NUL-terminated; fails the build when `N` is not the
    /// length [`build_length`](ModInfoBuilder::build_length) gave.
    pub const fn build(self) -> [u8; N] {
        let this = self.append(b"\0");
        if this.len != N {
            panic!("ModInfoBuilder: the entries do not have the length build_length() gave");
        }
        this.buf
    }
}

impl ModInfoBuilder<0> {
    /// The length of what [`build`](ModInfoBuilder::build) writes.
    pub const fn build_length(self) -> usize {
        self.len + 1
    }
}

/// Puts `firmware=` entries into the module's `.modinfo`, built at compile
/// time by a type with a `const fn create(module_name: &'static CStr) ->
/// ModInfoBuilder<N>` (generic over `N`), as Linux 6.18's macro takes it.
/// `modinfo -F firmware` lists them, and initramfs tools copy the files.
///
/// ```ignore
/// struct Builder<const N: usize>;
///
/// impl<const N: usize> Builder<N> {
///     const fn create(module_name: &'static kernel::str::CStr) -> firmware::ModInfoBuilder<N> {
///         firmware::ModInfoBuilder::new(module_name)
///             .new_entry().push("vendor/").push("a.bin")
///             .new_entry().push("vendor/").push("b.bin")
///     }
/// }
///
/// kernel::module_firmware!(Builder);
/// ```
///
/// For a list of literals, `module!`'s `firmware: [...]` does the same.
#[macro_export]
macro_rules! module_firmware {
    // The builder is named without its `N`, which this macro supplies: it is
    // taken as tokens, neither a type nor an expression.
    ($($builder:tt)*) => {
        const _: () = {
            // krust builds loadable modules only, whose entries carry no
            // module-name prefix.
            const __PREFIX: &'static $crate::str::CStr = c"";
            const __LEN: usize = $($builder)*::create(__PREFIX).build_length();
            // SAFETY: NUL-separated `firmware=` entries, what .modinfo holds.
            #[unsafe(link_section = ".modinfo")]
            #[used(compiler)]
            static __MODULE_FIRMWARE: [u8; __LEN] = $($builder)*::create(__PREFIX).build();
        };
    };
}
