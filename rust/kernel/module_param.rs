//! Module parameters, declared in `module!` and set with `insmod mod name=value`
//! or, when the permissions allow, through `/sys/module/<mod>/parameters/`.
//!
//! Either kind is read with `*module_parameters::name.value()`, as in Linux
//! 6.18. A parameter declared without `permissions`, as 6.18 writes them, is
//! a [`ModuleParamAccess`]: set at load time only, before the module's code
//! runs, so [`ModuleParamAccess::value`] gives a `&T`. One declared with
//! `permissions` (which 6.18 lacks) is a [`ModuleParam`], which sysfs may
//! change while the module runs, so [`ModuleParam::value`] gives a copy, read
//! once.
//!
//! The kernel parses and stores the values itself, with its own `param_ops_*`
//! for each C type; a parameter's Rust type selects them:
//!
//! | Rust           | C                | `modinfo` type |
//! |----------------|------------------|----------------|
//! | `bool`         | `bool`           | `bool`         |
//! | `u8`           | `unsigned char`  | `byte`         |
//! | `i16`          | `short`          | `short`        |
//! | `u16`          | `unsigned short` | `ushort`       |
//! | `i32`          | `int`            | `int`          |
//! | `u32`          | `unsigned int`   | `uint`         |
//! | `i64`, `isize` | `long`           | `long`         |
//! | `u64`, `usize` | `unsigned long`  | `ulong`        |
//!
//! Linux 6.18 also takes `i8`, with a parser of its own; the stock kernel's
//! C parsers have no signed `char`, so `i8` is refused at compile time.

use core::cell::UnsafeCell;
use core::ffi::{c_char, c_void};

/// A parameter's value, written by the kernel and read by the module.
///
/// # Invariants
///
/// The kernel writes the value only through the `kernel_param` that
/// `module_param!` registers for it, with the `param_ops_*` of `T`'s C type,
/// which stores a whole `T`.
#[repr(transparent)]
pub struct ModuleParam<T: Copy>(UnsafeCell<T>);

// SAFETY: the kernel writes the value with one store of a `T` (at load time,
// before any module code runs, or under the parameter lock from sysfs), and
// `value` reads it with one volatile load, like C's READ_ONCE.
unsafe impl<T: Copy> Sync for ModuleParam<T> {}

impl<T: Copy> ModuleParam<T> {
    /// The permissions its `kernel_param` gets: those asked for.
    #[doc(hidden)]
    pub const fn permissions(&'static self, asked: u16) -> u16 {
        asked
    }

    /// A parameter with its default value.
    #[doc(hidden)]
    pub const fn new(default: T) -> Self {
        // INVARIANT: only `module_param!`'s `kernel_param` for this static writes it.
        ModuleParam(UnsafeCell::new(default))
    }

    /// The parameter's value now, read once: sysfs may change it just
    /// after, so it comes as a copy, which `*` gives as Linux 6.18's
    /// `value()` does (`*module_parameters::level.value()`).
    pub fn value(&self) -> ParamValue<T> {
        // SAFETY: the pointer is valid and aligned for the life of the
        // module; see `Sync` for why a racy volatile read is sound here.
        ParamValue(unsafe { core::ptr::read_volatile(self.0.get()) })
    }

    /// The parameter's value now: `*self.value()`, under the name krust
    /// gave it before parameters followed Linux 6.18.
    pub fn get(&self) -> T {
        *self.value()
    }

    /// Where the kernel stores the value: `kernel_param::arg`.
    #[doc(hidden)]
    pub const fn as_arg(&'static self) -> *mut c_void {
        self.0.get().cast()
    }
}

/// A copy of a sysfs-visible parameter's value, from [`ModuleParam::value`]:
/// `*` gives the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamValue<T: Copy>(T);

impl<T: Copy> core::ops::Deref for ParamValue<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Copy + core::fmt::Display> core::fmt::Display for ParamValue<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

/// A parameter set at load time only, which the module reads as a `&T`.
///
/// # Invariants
///
/// The kernel writes the value only through the `kernel_param` that
/// `module_param!` registers for it, with permissions 0 (no sysfs file), so
/// only while parsing the load's arguments, before the module's code runs.
#[repr(transparent)]
pub struct ModuleParamAccess<T: Copy>(UnsafeCell<T>);

// SAFETY: once the module's code runs, nothing writes the value any more
// (the type invariant), so shared `&T`s of it are fine on every thread.
unsafe impl<T: Copy + Sync> Sync for ModuleParamAccess<T> {}

impl<T: Copy> ModuleParamAccess<T> {
    /// A parameter with its default value.
    #[doc(hidden)]
    pub const fn new(default: T) -> Self {
        // INVARIANT: only `module_param!`'s `kernel_param` for this static,
        // with permissions 0, writes it.
        ModuleParamAccess(UnsafeCell::new(default))
    }

    /// The parameter's value: the default, or what the load gave.
    pub fn value(&self) -> &T {
        // SAFETY: nothing writes the value while the module's code runs
        // (the type invariant).
        unsafe { &*self.0.get() }
    }

    /// Where the kernel stores the value: `kernel_param::arg`.
    #[doc(hidden)]
    pub const fn as_arg(&'static self) -> *mut c_void {
        self.0.get().cast()
    }

    /// The permissions its `kernel_param` gets: 0 whatever was asked, so no
    /// sysfs file can write the value under a `&T`.
    #[doc(hidden)]
    pub const fn permissions(&'static self, _asked: u16) -> u16 {
        0
    }
}

/// The static's type for a parameter: with permissions, one sysfs may
/// change; without, one set at load time only.
#[doc(hidden)]
#[macro_export]
macro_rules! __module_param_type {
    ($ptype:tt) => { $crate::module_param::ModuleParamAccess<$ptype> };
    ($ptype:tt, $perm:expr) => { $crate::module_param::ModuleParam<$ptype> };
}

/// A `kernel_param` that can live in a `static` in the `__param` section.
#[doc(hidden)]
#[repr(transparent)]
pub struct KernelParam(pub bindings::kernel_param);

// SAFETY: the kernel reads the entry and never writes it; its pointers are to
// statics and to `__this_module`.
unsafe impl Sync for KernelParam {}

/// Checks permissions the way C's `VERIFY_OCTAL_PERMISSIONS` does, at compile time.
#[doc(hidden)]
pub const fn checked_permissions(perm: u16) -> u16 {
    assert!(perm <= 0o777, "permissions are octal, at most 0o777");
    assert!(perm & 0o002 == 0, "parameters may not be world-writable");
    assert!((perm >> 6) & 4 >= (perm >> 3) & 4, "the group may not read more than the owner");
    assert!((perm >> 6) & 2 >= (perm >> 3) & 2, "the group may not write more than the owner");
    assert!((perm >> 3) & 4 >= perm & 4, "others may not read more than the group");
    perm
}

impl KernelParam {
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        module: *mut bindings::module,
        ops: *const bindings::kernel_param_ops,
        perm: u16,
        arg: *mut c_void,
    ) -> Self {
        // SAFETY: all-zero is a valid kernel_param (null pointers, zero numbers).
        let mut p: bindings::kernel_param = unsafe { core::mem::zeroed() };
        p.name = name.as_ptr() as *const c_char;
        p.mod_ = module;
        p.ops = ops;
        p.perm = checked_permissions(perm);
        p.level = -1;
        p.__bindgen_anon_1.arg = arg;
        KernelParam(p)
    }
}

/// Registers one parameter declared by `module!`: its `kernel_param` in the
/// `__param` section and its `parmtype`/`parm` entries in `.modinfo`. The
/// Rust type picks the C type (see the table above).
#[doc(hidden)]
#[macro_export]
macro_rules! module_param {
    ($name:ident, bool, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_bool, "bool", $($rest)*); };
    ($name:ident, u8, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_byte, "byte", $($rest)*); };
    ($name:ident, i16, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_short, "short", $($rest)*); };
    ($name:ident, u16, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_ushort, "ushort", $($rest)*); };
    ($name:ident, i32, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_int, "int", $($rest)*); };
    ($name:ident, u32, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_uint, "uint", $($rest)*); };
    ($name:ident, i64, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_long, "long", $($rest)*); };
    ($name:ident, u64, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_ulong, "ulong", $($rest)*); };
    ($name:ident, isize, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_long, "long", $($rest)*); };
    ($name:ident, usize, $($rest:tt)*) => { $crate::module_param_entry!($name, param_ops_ulong, "ulong", $($rest)*); };
    ($name:ident, $other:tt, $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "module parameter `", ::core::stringify!($name), "` has type `", ::core::stringify!($other),
            "`; the supported types are bool, u8, i16, u16, i32, u32, i64, u64, isize and usize"
        ));
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! module_param_entry {
    ($name:ident, $ops:ident, $ctype:literal, [], $desc:literal) => {
        $crate::module_param_entry!($name, $ops, $ctype, [0], $desc);
    };
    ($name:ident, $ops:ident, $ctype:literal, [$perm:expr], $desc:literal) => {
        const _: () = {
            #[link_section = "__param"]
            #[used(compiler)]
            static PARAM: $crate::module_param::KernelParam = $crate::module_param::KernelParam::new(
                ::core::concat!(::core::stringify!($name), "\0"),
                ::core::ptr::addr_of_mut!($crate::__private::__this_module),
                ::core::ptr::addr_of!($crate::__private::$ops),
                module_parameters::$name.permissions($perm),
                module_parameters::$name.as_arg(),
            );
        };
        $crate::modinfo_entry!("parmtype=", ::core::stringify!($name), ":", $ctype);
        $crate::modinfo_entry!("parm=", ::core::stringify!($name), ":", $desc);
    };
}
