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
//! for each C type; a parameter's Rust type selects them, through the sealed
//! trait [`ParamType`], so the C code that stores a value and the static it
//! stores into always agree on its size:
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
//!
//! The kernel finds a parameter through a [`KernelParam`] in the module's
//! `__param` section. Only this module makes one, from a parameter's static,
//! so its name is a C string, its storage a static of the right type and its
//! permissions checked; and placing any static in a section takes an
//! `unsafe` attribute, which modules are built to require
//! (`-Dunsafe_attr_outside_unsafe`).

use core::cell::UnsafeCell;
use core::ffi::{c_void, CStr};

mod sealed {
    pub trait Sealed {}
}

/// A type a module parameter may have: one of the table above, which a
/// `param_ops_*` of the kernel parses and stores whole. Sealed: the kernel
/// crate implements it, for those types only.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a module parameter type",
    note = "the supported types are bool, u8, i16, u16, i32, u32, i64, u64, isize and usize"
)]
pub trait ParamType: Copy + Send + Sync + 'static + sealed::Sealed {
    /// The kernel's parser and printer for the C type of the same size and
    /// signedness.
    #[doc(hidden)]
    const OPS: *const bindings::kernel_param_ops;
    /// The C type's name, for `modinfo`.
    #[doc(hidden)]
    const C_TYPE: &'static str;
}

macro_rules! param_types {
    ($($rust:ty => $ops:ident, $c:literal;)*) => {
        $(
            impl sealed::Sealed for $rust {}
            impl ParamType for $rust {
                const OPS: *const bindings::kernel_param_ops = core::ptr::addr_of!(bindings::$ops);
                const C_TYPE: &'static str = $c;
            }
        )*
        // Each parser stores exactly the Rust type's size.
        const _: () = {
            $(assert!(core::mem::size_of::<$rust>() == $crate::module_param::c_size($c));)*
        };
    };
}

param_types! {
    bool => param_ops_bool, "bool";
    u8 => param_ops_byte, "byte";
    i16 => param_ops_short, "short";
    u16 => param_ops_ushort, "ushort";
    i32 => param_ops_int, "int";
    u32 => param_ops_uint, "uint";
    i64 => param_ops_long, "long";
    u64 => param_ops_ulong, "ulong";
    isize => param_ops_long, "long";
    usize => param_ops_ulong, "ulong";
}

/// The size of the C type a `param_ops_*` stores, by its `modinfo` name.
const fn c_size(c_type: &str) -> usize {
    match c_type.as_bytes() {
        b"bool" => core::mem::size_of::<bool>(),
        b"byte" => core::mem::size_of::<core::ffi::c_uchar>(),
        b"short" | b"ushort" => core::mem::size_of::<core::ffi::c_short>(),
        b"int" | b"uint" => core::mem::size_of::<core::ffi::c_int>(),
        _ => core::mem::size_of::<core::ffi::c_long>(),
    }
}

/// A parameter's value, written by the kernel and read by the module.
///
/// # Invariants
///
/// The kernel writes the value only through a [`KernelParam`] that
/// [`ModuleParam::kernel_param`] made for it, with the `param_ops_*` of
/// `T`'s C type, which stores a whole `T`.
#[repr(transparent)]
pub struct ModuleParam<T: ParamType>(UnsafeCell<T>);

// SAFETY: the kernel writes the value with one store of a `T`, an integer
// or a bool of at most a machine word (at load time, before any module code
// runs, or under the parameter lock from sysfs), and `value` reads it with
// one volatile load, like C's READ_ONCE: no reader sees half a store. The
// sealed `ParamType` keeps out types where it would (a pair, a reference).
unsafe impl<T: ParamType> Sync for ModuleParam<T> {}

impl<T: ParamType> ModuleParam<T> {
    /// Its `kernel_param`, named `name`, with permissions `perm` (checked
    /// as C's `VERIFY_OCTAL_PERMISSIONS` checks them), for the `__param`
    /// section.
    #[doc(hidden)]
    pub const fn kernel_param(&'static self, name: &'static CStr, perm: u16) -> KernelParam {
        KernelParam::new::<T>(name, checked_permissions(perm), self.0.get())
    }

    /// The C type's name, for `modinfo`.
    #[doc(hidden)]
    pub const fn c_type(&'static self) -> &'static str {
        T::C_TYPE
    }

    /// A parameter with its default value.
    #[doc(hidden)]
    pub const fn new(default: T) -> Self {
        // INVARIANT: only a `kernel_param` from `kernel_param`, which gives
        // the kernel T's own parser, writes it.
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
/// The kernel writes the value only through a [`KernelParam`] made for it,
/// which has permissions 0 (no sysfs file) and `T`'s own parser, so only
/// while parsing the load's arguments, before the module's code runs.
#[repr(transparent)]
pub struct ModuleParamAccess<T: ParamType>(UnsafeCell<T>);

// SAFETY: once the module's code runs, nothing writes the value any more
// (the type invariant), so shared `&T`s of it are fine on every thread
// (`ParamType: Sync`).
unsafe impl<T: ParamType> Sync for ModuleParamAccess<T> {}

impl<T: ParamType> ModuleParamAccess<T> {
    /// A parameter with its default value.
    #[doc(hidden)]
    pub const fn new(default: T) -> Self {
        // INVARIANT: only a `kernel_param` from `kernel_param`, which has
        // permissions 0 and T's own parser, writes it.
        ModuleParamAccess(UnsafeCell::new(default))
    }

    /// Its `kernel_param`, named `name`, for the `__param` section: with
    /// permissions 0 whatever `perm` asks, so that no sysfs file can write
    /// the value under a `&T`.
    #[doc(hidden)]
    pub const fn kernel_param(&'static self, name: &'static CStr, perm: u16) -> KernelParam {
        checked_permissions(perm);
        KernelParam::new::<T>(name, 0, self.0.get())
    }

    /// The C type's name, for `modinfo`.
    #[doc(hidden)]
    pub const fn c_type(&'static self) -> &'static str {
        T::C_TYPE
    }

    /// The parameter's value: the default, or what the load gave.
    pub fn value(&self) -> &T {
        // SAFETY: nothing writes the value while the module's code runs
        // (the type invariant).
        unsafe { &*self.0.get() }
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

/// A `kernel_param` that can live in a `static` in the `__param` section,
/// made by a parameter's `kernel_param` method.
///
/// # Invariants
///
/// `name` is a NUL-terminated string, `arg` a `static` of the Rust type
/// whose parser `ops` is, and `mod_` this module; the permissions pass
/// `checked_permissions`, and are 0 for a load-time parameter.
#[doc(hidden)]
#[repr(transparent)]
pub struct KernelParam(bindings::kernel_param);

// SAFETY: the kernel reads the entry and never writes it; its pointers are to
// statics and to `__this_module`.
unsafe impl Sync for KernelParam {}

impl KernelParam {
    /// The entry for the `static` at `arg`, of type `T`. Private: only a
    /// parameter's static, which knows its own type, makes one.
    const fn new<T: ParamType>(name: &'static CStr, perm: u16, arg: *mut T) -> Self {
        // SAFETY: all-zero is a valid kernel_param (null pointers, zero numbers).
        let mut p: bindings::kernel_param = unsafe { core::mem::zeroed() };
        p.name = name.as_ptr();
        p.mod_ = core::ptr::addr_of_mut!(bindings::__this_module);
        p.ops = T::OPS;
        p.perm = perm;
        p.level = -1;
        p.__bindgen_anon_1.arg = arg.cast::<c_void>();
        // INVARIANT: `T::OPS` parses a `T` (the sealed `ParamType`), `arg`
        // is a `T` (its callers pass their own static); the name is a `CStr`;
        // the callers check the permissions.
        KernelParam(p)
    }
}

/// Checks permissions the way C's `VERIFY_OCTAL_PERMISSIONS` does, at compile time.
const fn checked_permissions(perm: u16) -> u16 {
    assert!(perm <= 0o777, "permissions are octal, at most 0o777");
    assert!(perm & 0o002 == 0, "parameters may not be world-writable");
    assert!((perm >> 6) & 4 >= (perm >> 3) & 4, "the group may not read more than the owner");
    assert!((perm >> 6) & 2 >= (perm >> 3) & 2, "the group may not write more than the owner");
    assert!((perm >> 3) & 4 >= perm & 4, "others may not read more than the group");
    perm
}

/// Concatenates `a`, `b` and a NUL into an array of `N` bytes, for a
/// `.modinfo` entry whose parts are constants but not literals.
#[doc(hidden)]
pub const fn concat_c_str<const N: usize>(a: &str, b: &str) -> [u8; N] {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    assert!(a.len() + b.len() + 1 == N, "the array must hold both strings and a NUL");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < a.len() + b.len() {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}

/// Registers one parameter declared by `module!`: its `kernel_param` in the
/// `__param` section and its `parmtype`/`parm` entries in `.modinfo`. The
/// static's Rust type picks the C type (see the table above).
#[doc(hidden)]
#[macro_export]
macro_rules! module_param {
    ($name:ident, [], $desc:literal) => {
        $crate::module_param!($name, [0], $desc);
    };
    ($name:ident, [$perm:expr], $desc:literal) => {
        const _: () = {
            const NAME: &::core::ffi::CStr =
                match ::core::ffi::CStr::from_bytes_with_nul(::core::concat!(::core::stringify!($name), "\0").as_bytes()) {
                    Ok(name) => name,
                    Err(_) => ::core::panic!("a parameter name may not hold a NUL"),
                };
            // SAFETY: a kernel_param for the parameter's own static, typed by
            // it, with checked permissions: what the loader reads in __param.
            #[unsafe(link_section = "__param")]
            #[used(compiler)]
            static PARAM: $crate::module_param::KernelParam = module_parameters::$name.kernel_param(NAME, $perm);

            const TYPE_TAG: &str = ::core::concat!("parmtype=", ::core::stringify!($name), ":");
            const C_TYPE: &str = module_parameters::$name.c_type();
            const TYPE_LEN: usize = TYPE_TAG.len() + C_TYPE.len() + 1;
            // SAFETY: a NUL-terminated `tag=value` string, what .modinfo holds.
            #[unsafe(link_section = ".modinfo")]
            #[used(compiler)]
            static TYPE: [u8; TYPE_LEN] = $crate::module_param::concat_c_str::<TYPE_LEN>(TYPE_TAG, C_TYPE);
        };
        $crate::modinfo_entry!("parm=", ::core::stringify!($name), ":", $desc);
    };
}
