//! Modules: the [`Module`] trait, [`ThisModule`] and the `module!` declaration.

use core::cell::UnsafeCell;
use core::mem::MaybeUninit;

use crate::error::Result;

/// The module a piece of code belongs to: what C calls `THIS_MODULE`.
///
/// # Invariants
///
/// The pointer is `&__this_module` of the module being built, which lives as
/// long as the module's code can run.
pub struct ThisModule(*mut bindings::module);

// SAFETY: `ThisModule` only hands out the pointer; the module it points to is
// shared by design and the kernel synchronises access to it.
unsafe impl Sync for ThisModule {}

impl ThisModule {
    /// Wraps the module's `__this_module`.
    ///
    /// # Safety
    ///
    /// `ptr` must be the address of this module's `__this_module`.
    #[doc(hidden)]
    pub const unsafe fn from_ptr(ptr: *mut bindings::module) -> ThisModule {
        // INVARIANT: the caller guarantees it.
        ThisModule(ptr)
    }

    /// The C `struct module *`.
    pub fn as_ptr(&self) -> *mut bindings::module {
        self.0
    }
}

/// A kernel module written in Rust.
///
/// `init` runs when the module is loaded; the value it returns lives until the
/// module is unloaded, when it is dropped. An error fails the load with its
/// errno.
pub trait Module: Sized + Sync {
    /// Called when the module is loaded.
    fn init(module: &'static ThisModule) -> Result<Self>;
}

/// Where `module!` keeps the module's value between load and unload.
///
/// # Invariants
///
/// The value is initialised exactly between a successful [`ModuleSlot::init`]
/// and the following [`ModuleSlot::exit`].
#[doc(hidden)]
pub struct ModuleSlot<T>(UnsafeCell<MaybeUninit<T>>);

// SAFETY: the module loader calls init and exit once each, one after the
// other, never concurrently; in between, the value is only shared as `&T`,
// which is fine because `T: Module` is `Sync`.
unsafe impl<T: Module> Sync for ModuleSlot<T> {}

impl<T: Module> ModuleSlot<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        // INVARIANT: starts empty.
        ModuleSlot(UnsafeCell::new(MaybeUninit::uninit()))
    }

    /// Runs `T::init` and stores its value; returns 0 or a negative errno.
    ///
    /// # Safety
    ///
    /// Called once, by the module's `init_module`.
    pub unsafe fn init(&self, module: &'static ThisModule) -> core::ffi::c_int {
        match T::init(module) {
            Ok(value) => {
                // SAFETY: init runs once and before anything else touches the
                // slot (the caller's guarantee), so nothing else accesses it.
                unsafe { (*self.0.get()).write(value) };
                // INVARIANT: initialised by a successful init.
                0
            }
            Err(e) => e.to_errno(),
        }
    }

    /// Drops the value stored by `init`.
    ///
    /// # Safety
    ///
    /// Called once, by the module's `cleanup_module`, which the kernel only
    /// calls after `init_module` succeeded.
    pub unsafe fn exit(&self) {
        // SAFETY: by the type invariant and the caller's guarantee, the value
        // is initialised and no longer in use.
        unsafe { (*self.0.get()).assume_init_drop() };
    }
}

/// Copies a NUL-terminated string into an array, for a `static` that must
/// hold the bytes themselves (a `.modinfo` entry, a `__bug_table` file name).
#[doc(hidden)]
pub const fn c_str_array<const N: usize>(s: &str) -> [u8; N] {
    let bytes = s.as_bytes();
    assert!(bytes.len() == N && N > 0 && bytes[N - 1] == 0, "the string must end in NUL");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = bytes[i];
        i += 1;
    }
    out
}

/// One `tag=value` entry in the module's `.modinfo` section, which `modinfo`
/// and the module loader read.
#[doc(hidden)]
#[macro_export]
macro_rules! modinfo_entry {
    ($($part:expr),+) => {
        const _: () = {
            const ENTRY: &str = ::core::concat!($($part),+, "\0");
            #[link_section = ".modinfo"]
            #[used(compiler)]
            static INFO: [u8; ENTRY.len()] = $crate::__private::c_str_array::<{ ENTRY.len() }>(ENTRY);
        };
    };
}

/// Declares a kernel module.
///
/// ```ignore
/// module! {
///     type: Hello,
///     name: "hello",
///     author: "A. Developer",
///     description: "Says hello",
///     license: "GPL",
///     params: {
///         times: i32 {
///             default: 1,
///             permissions: 0o444,
///             description: "How many times to say it",
///         },
///     },
/// }
/// ```
///
/// `type` implements [`Module`]. `name` must be the module's file name (as in
/// `obj-m := hello.o`). The parameters, which may be absent, become statics
/// in a `module_parameters` module; see [`crate::module_param`] for the types.
#[macro_export]
macro_rules! module {
    (
        type: $type:ty,
        name: $name:literal,
        $(author: $author:literal,)?
        $(description: $description:literal,)?
        license: $license:literal,
        $(params: {
            $($pname:ident: $ptype:tt {
                default: $pdefault:expr,
                permissions: $pperm:expr,
                description: $pdesc:literal $(,)?
            }),* $(,)?
        } $(,)?)?
    ) => {
        /// The module's name, NUL-terminated: the prefix of its log messages.
        const __LOG_PREFIX: &[u8] = ::core::concat!($name, "\0").as_bytes();

        // SAFETY: `__this_module` is the module's own, defined by modpost's
        // generated C code.
        static THIS_MODULE: $crate::ThisModule =
            unsafe { $crate::ThisModule::from_ptr(::core::ptr::addr_of_mut!($crate::__private::__this_module)) };

        static __MODULE: $crate::__private::ModuleSlot<$type> = $crate::__private::ModuleSlot::new();

        /// Called by the module loader.
        #[no_mangle]
        pub extern "C" fn init_module() -> ::core::ffi::c_int {
            // SAFETY: the loader calls init_module once.
            unsafe { __MODULE.init(&THIS_MODULE) }
        }

        /// Called by the module loader on unload, after a successful init_module.
        #[no_mangle]
        pub extern "C" fn cleanup_module() {
            // SAFETY: the loader calls cleanup_module once, after init_module succeeded.
            unsafe { __MODULE.exit() }
        }

        $crate::modinfo_entry!("license=", $license);
        $($crate::modinfo_entry!("author=", $author);)?
        $($crate::modinfo_entry!("description=", $description);)?

        $(
            /// The module's parameters, set at load time or through sysfs.
            #[allow(non_upper_case_globals)]
            pub mod module_parameters {
                $(
                    #[doc = $pdesc]
                    pub static $pname: $crate::module_param::ModuleParam<$ptype> =
                        $crate::module_param::ModuleParam::new($pdefault);
                )*
            }
            $(
                $crate::module_param!($pname, $ptype, $pperm, $pdesc);
            )*
        )?
    };
}
