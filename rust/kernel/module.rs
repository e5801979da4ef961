//! Modules: the [`Module`] trait, [`ThisModule`] and the `module!` declaration.

use core::cell::UnsafeCell;
use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};
use crate::init::{pin_init_from_closure, PinInit};

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

/// A kernel module written in Rust, made by value.
///
/// `init` runs when the module is loaded; the value it returns lives until the
/// module is unloaded, when it is dropped. An error fails the load with its
/// errno. The loading task (insmod's) makes the value and the unloading one
/// (rmmod's) drops it, so it must be `Send`; it is shared with every file and
/// callback the module registers, so it must be `Sync`.
pub trait Module: Sized + Sync + Send {
    /// Called when the module is loaded.
    fn init(module: &'static ThisModule) -> Result<Self>;
}

/// A kernel module whose value is initialised where it lives, so it may hold
/// pinned members (a misc device registration, a lock) without a box.
///
/// `module!` takes any type that implements it; every [`Module`] does. The
/// value lives in a `static` of the module from a successful `init` until
/// unload.
pub trait InPlaceModule: Sync + Send {
    /// Called when the module is loaded: the initialiser of the module's value.
    fn init(module: &'static ThisModule) -> impl PinInit<Self, Error>;
}

/// What `module!` records of a module, as Linux 6.18 has it: its name.
/// `module!` implements it for the module's type, which it also names
/// `LocalModule`, so that the module's code can write
/// `<LocalModule as kernel::ModuleMetadata>::NAME`.
pub trait ModuleMetadata {
    /// The module's name, as in `obj-m := NAME.o`.
    const NAME: &'static crate::str::CStr;
}

impl<T: Module> InPlaceModule for T {
    fn init(module: &'static ThisModule) -> impl PinInit<Self, Error> {
        let init = move |slot: *mut Self| {
            let value = <T as Module>::init(module)?;
            // SAFETY: `slot` is valid for writes (PinInit's contract).
            unsafe { slot.write(value) };
            Ok(())
        };
        // SAFETY: the closure writes a whole value before it returns `Ok`,
        // and nothing before it returns `Err`.
        unsafe { pin_init_from_closure(init) }
    }
}

/// Whether the module's `init` has succeeded: from then on the loader frees
/// the module only on unload, which waits for every reference to it (an open
/// file's, say). Before, a failing `init` frees it whatever references were
/// taken, so nothing may take one that outlives `init` (the misc device's
/// `open` checks this). Each module links its own copy of this crate, so the
/// flag is the module's own.
static LIVE: AtomicBool = AtomicBool::new(false);

/// Whether the module's `init` has returned successfully. Everything it made
/// is visible to a caller that sees `true`.
pub(crate) fn is_live() -> bool {
    LIVE.load(Ordering::Acquire)
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
// other, never concurrently; in between, the value is only shared as `&T`
// (`T: Sync`), and it is dropped by another task than the one that made it
// (`T: Send`).
unsafe impl<T: InPlaceModule> Sync for ModuleSlot<T> {}

impl<T: InPlaceModule> ModuleSlot<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        // INVARIANT: starts empty.
        ModuleSlot(UnsafeCell::new(MaybeUninit::uninit()))
    }

    /// Runs `T::init` into the slot; returns 0 or a negative errno.
    ///
    /// # Safety
    ///
    /// Called once, by the module's `init_module`, on a slot in a `static`.
    pub unsafe fn init(&self, module: &'static ThisModule) -> core::ffi::c_int {
        let slot = self.0.get().cast::<T>();
        // SAFETY: the slot is valid for writes and, being a `static`, never
        // moves; init runs once, before anything else touches it (the
        // caller's guarantee).
        match unsafe { <T as InPlaceModule>::init(module).__pinned_init(slot) } {
            // INVARIANT: initialised by a successful init.
            Ok(()) => {
                LIVE.store(true, Ordering::Release);
                0
            }
            Err(e) => e.to_errno(),
        }
    }

    /// Drops the value stored by `init`, in place.
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
            // SAFETY: a NUL-terminated `tag=value` string, what .modinfo holds.
            #[unsafe(link_section = ".modinfo")]
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
///     authors: ["A. Developer", "B. Developer"],
///     description: "Says hello",
///     license: "GPL",
///     alias: ["hi"],
///     params: {
///         times: i32 {
///             default: 1,
///             description: "How many times to say it",
///         },
///         loud: bool {
///             default: false,
///             permissions: 0o644,
///             description: "Shout (writable in sysfs)",
///         },
///     },
/// }
/// ```
///
/// The keys come in this order; `type`, `name` and `license` are required.
/// `type` implements [`InPlaceModule`] (every [`Module`] does). `name` must be
/// the module's file name (as in `obj-m := hello.o`). `author` (one) and
/// `authors` (a list) give `author` entries, `alias`, `firmware` and
/// `imports_ns` (the symbol namespaces the module uses) their `.modinfo`
/// entries.
///
/// The parameters, which may be absent, become statics in a
/// `module_parameters` module (see [`crate::module_param`] for the types),
/// read with `*module_parameters::times.value()` as in Linux 6.18. A
/// parameter without `permissions`, as 6.18 writes them, is set at load time
/// only (`value()` is a `&T`). One with `permissions` also appears in
/// `/sys/module/<name>/parameters/`, writable there when the permissions say
/// so (`value()` is a copy, read once).
///
/// The entry points the module loader calls (`init_module`,
/// `cleanup_module`) live in a private module nested in a private module:
/// the module's own code cannot name them, so only the loader runs them,
/// once each.
#[macro_export]
macro_rules! module {
    (
        type: $type:ty,
        name: $name:literal,
        $(author: $author:literal,)?
        $(authors: [$($authors:literal),* $(,)?],)?
        $(description: $description:literal,)?
        license: $license:literal,
        $(alias: [$($alias:literal),* $(,)?],)?
        $(firmware: [$($firmware:literal),* $(,)?],)?
        $(imports_ns: [$($imports_ns:literal),* $(,)?],)?
        $(params: {
            $($pname:ident: $ptype:tt {
                default: $pdefault:expr,
                $(permissions: $pperm:expr,)?
                description: $pdesc:literal $(,)?
            }),* $(,)?
        } $(,)?)?
    ) => {
        /// The module's name: the prefix of its log messages.
        const __LOG_PREFIX: &::core::ffi::CStr =
            match ::core::ffi::CStr::from_bytes_with_nul(::core::concat!($name, "\0").as_bytes()) {
                Ok(name) => name,
                Err(_) => ::core::panic!("a module name may not hold a NUL"),
            };

        // SAFETY: `__this_module` is the module's own, defined by modpost's
        // generated C code.
        static THIS_MODULE: $crate::ThisModule =
            unsafe { $crate::ThisModule::from_ptr(::core::ptr::addr_of_mut!($crate::__private::__this_module)) };

        /// The module's type, named for the entry points below.
        #[doc(hidden)]
        type __ModuleType = $type;

        /// The module's type, by the name Linux 6.18 gives it:
        /// `<LocalModule as kernel::ModuleMetadata>::NAME` is the module's name.
        #[allow(dead_code)]
        type LocalModule = $type;

        impl $crate::ModuleMetadata for $type {
            const NAME: &'static ::core::ffi::CStr = __LOG_PREFIX;
        }

        // Two private modules deep: the module's code cannot reach what is
        // inside, not even by path, so only the loader calls the entry points.
        mod __module_init {
            mod __module_init {
                static __MODULE: $crate::__private::ModuleSlot<super::super::__ModuleType> =
                    $crate::__private::ModuleSlot::new();

                /// Called by the module loader.
                ///
                /// # Safety
                ///
                /// Called once, by the loader.
                // SAFETY: the one init_module of the module, as the loader wants it.
                #[unsafe(no_mangle)]
                pub unsafe extern "C" fn init_module() -> ::core::ffi::c_int {
                    // SAFETY: the loader calls init_module once, and nothing
                    // else can name it.
                    unsafe { __MODULE.init(&super::super::THIS_MODULE) }
                }

                /// Called by the module loader on unload, after a successful init_module.
                // SAFETY: the one cleanup_module of the module, as the loader wants it.
                #[unsafe(no_mangle)]
                pub extern "C" fn cleanup_module() {
                    // SAFETY: the loader calls cleanup_module once, after
                    // init_module succeeded, and nothing else can name it.
                    unsafe { __MODULE.exit() }
                }

                // The loader calls both through the pointers of __this_module,
                // which objtool does not see: a pointer of their own, as C's
                // module_init() and module_exit() make, tells it they are
                // called indirectly, so their endbr64 is not sealed (with IBT,
                // the loader's call would fault on a sealed one).
                // SAFETY: a pointer nothing reads, in .init.data as C's; the
                // loader frees it with the module's init sections.
                #[used(compiler)]
                #[unsafe(link_section = ".init.data")]
                static __ADDRESSABLE_INIT: unsafe extern "C" fn() -> ::core::ffi::c_int = init_module;
                // SAFETY: a pointer nothing reads, in .exit.data as C's.
                #[used(compiler)]
                #[unsafe(link_section = ".exit.data")]
                static __ADDRESSABLE_EXIT: extern "C" fn() = cleanup_module;
            }
        }

        $crate::modinfo_entry!("license=", $license);
        $($crate::modinfo_entry!("author=", $author);)?
        $($($crate::modinfo_entry!("author=", $authors);)*)?
        $($crate::modinfo_entry!("description=", $description);)?
        $($($crate::modinfo_entry!("alias=", $alias);)*)?
        $($($crate::modinfo_entry!("firmware=", $firmware);)*)?
        $($($crate::modinfo_entry!("import_ns=", $imports_ns);)*)?

        $(
            /// The module's parameters, set at load time or through sysfs.
            #[allow(non_upper_case_globals)]
            mod module_parameters {
                $(
                    #[doc = $pdesc]
                    pub(crate) static $pname: $crate::__module_param_type!($ptype $(, $pperm)?) =
                        <$crate::__module_param_type!($ptype $(, $pperm)?)>::new($pdefault);
                )*
            }
            $(
                $crate::module_param!($pname, [$($pperm)?], $pdesc);
            )*
        )?
    };
}
