//! `pin_init!`, `try_pin_init!`, `init!`, `try_init!`, `stack_pin_init!` and
//! `stack_try_pin_init!`, and the muncher under them.
//!
//! An initialiser is a closure over the slot. It takes the fields in the
//! order written: each is initialised in place, then guarded by a
//! [`DropGuard`](super::__internal::DropGuard) that drops it if a later
//! field fails. The guards share one flag, cleared once every field is in,
//! so no guard needs a name (macro hygiene would make naming them per field
//! awkward). A closure that is never called builds the struct from every
//! field named, so that a missing, unknown or repeated field is the
//! compiler's usual error on a struct expression.
//!
//! The closure returns an [`InitOk`](super::__internal::InitOk) on success,
//! which safe code cannot make, so code in a field's expression cannot
//! `return Ok(..)` early and claim a half-built value.

/// An initialiser for a `#[pin_data]` struct that cannot fail.
///
/// `field <- init` initialises a field in place with `init` (a [`PinInit`]
/// for a `#[pin]` field, an [`Init`] for another); `field: value` moves a
/// value in, and `field` alone is `field: field`. `..Zeroable::init_zeroed()`
/// at the end gives the fields not named zero bytes (the struct must be
/// [`Zeroable`]). `&this in` before the type gives the expressions the
/// slot's address as a `NonNull<Self>` named `this`.
///
/// ```
/// use kernel::prelude::*;
/// use kernel::sync::Mutex;
///
/// #[pin_data]
/// struct Pair {
///     #[pin]
///     a: Mutex<u32>,
///     #[pin]
///     b: Mutex<u32>,
///     sum: u32,
/// }
///
/// let sum = 3;
/// let pair = KBox::pin_init(pin_init!(Pair { a <- new_mutex!(1), b <- new_mutex!(2), sum }), GFP_KERNEL)?;
/// assert_eq!(*pair.a.lock() + *pair.b.lock(), pair.sum);
/// ```
///
/// [`PinInit`]: crate::init::PinInit
/// [`Init`]: crate::init::Init
/// [`Zeroable`]: crate::init::Zeroable
#[macro_export]
macro_rules! pin_init {
    ($(&$this:ident in)? $t:ident $(::<$($generics:ty),* $(,)?>)? { $($fields:tt)* }) => {
        $crate::__init_internal!(
            @this($($this)?),
            @typ($t $(::<$($generics),*>)?),
            @fields($($fields)*),
            @error(::core::convert::Infallible),
            @kind(pin),
        )
    };
}

/// An initialiser for a `#[pin_data]` struct that can fail, with
/// [`Error`](crate::error::Error) unless `? ErrorType` follows the struct.
///
/// The syntax is [`pin_init!`](crate::pin_init!)'s. A field's initialiser
/// may fail with any error that converts into the struct's (as `?` does),
/// and `?` may be used in the expressions.
///
/// ```
/// use core::sync::atomic::{AtomicU32, Ordering};
/// use kernel::prelude::*;
///
/// static DROPPED: AtomicU32 = AtomicU32::new(0);
///
/// struct Noisy;
///
/// impl Drop for Noisy {
///     fn drop(&mut self) {
///         DROPPED.fetch_add(1, Ordering::Relaxed);
///     }
/// }
///
/// #[pin_data]
/// struct Two {
///     first: Noisy,
///     second: KBox<u32>,
/// }
///
/// fn failing() -> Result<KBox<u32>> {
///     Err(ENOMEM)
/// }
///
/// // `second` fails: `first`, already in, is dropped; nothing leaks.
/// let two = KBox::try_pin_init(try_pin_init!(Two { first: Noisy, second: failing()? }), GFP_KERNEL);
/// assert!(two.is_err());
/// assert_eq!(DROPPED.load(Ordering::Relaxed), 1);
///
/// let two = KBox::try_pin_init(try_pin_init!(Two { first: Noisy, second: KBox::new(2, GFP_KERNEL)? }? Error), GFP_KERNEL)?;
/// assert_eq!(*two.second, 2);
/// ```
#[macro_export]
macro_rules! try_pin_init {
    ($(&$this:ident in)? $t:ident $(::<$($generics:ty),* $(,)?>)? { $($fields:tt)* }) => {
        $crate::__init_internal!(
            @this($($this)?),
            @typ($t $(::<$($generics),*>)?),
            @fields($($fields)*),
            @error($crate::error::Error),
            @kind(pin),
        )
    };
    ($(&$this:ident in)? $t:ident $(::<$($generics:ty),* $(,)?>)? { $($fields:tt)* }? $err:ty) => {
        $crate::__init_internal!(
            @this($($this)?),
            @typ($t $(::<$($generics),*>)?),
            @fields($($fields)*),
            @error($err),
            @kind(pin),
        )
    };
}

/// An initialiser for a struct that cannot fail and need not be pinned: the
/// value may move once made. The syntax is [`pin_init!`](crate::pin_init!)'s,
/// and `field <- init` takes an [`Init`](crate::init::Init).
///
/// ```
/// use kernel::prelude::*;
///
/// #[derive(Zeroable)]
/// struct Stats {
///     reads: u64,
///     writes: u64,
///     buf: [u8; 64],
/// }
///
/// let s = KBox::init(init!(Stats { reads: 1, ..Zeroable::init_zeroed() }), GFP_KERNEL)?;
/// assert_eq!((s.reads, s.writes, s.buf[63]), (1, 0, 0));
/// ```
#[macro_export]
macro_rules! init {
    ($(&$this:ident in)? $t:ident $(::<$($generics:ty),* $(,)?>)? { $($fields:tt)* }) => {
        $crate::__init_internal!(
            @this($($this)?),
            @typ($t $(::<$($generics),*>)?),
            @fields($($fields)*),
            @error(::core::convert::Infallible),
            @kind(init),
        )
    };
}

/// An initialiser for a struct that can fail and need not be pinned, with
/// [`Error`](crate::error::Error) unless `? ErrorType` follows the struct.
/// The syntax is [`pin_init!`](crate::pin_init!)'s.
///
/// ```
/// use kernel::prelude::*;
///
/// struct Buffers {
///     small: KBox<[u8; 16]>,
///     large: KVec<u8>,
/// }
///
/// let b = KBox::try_init(
///     try_init!(Buffers { small: KBox::new([0; 16], GFP_KERNEL)?, large: KVec::with_capacity(4096, GFP_KERNEL)? }),
///     GFP_KERNEL,
/// )?;
/// assert_eq!(b.small.len() + b.large.len(), 16);
/// ```
#[macro_export]
macro_rules! try_init {
    ($(&$this:ident in)? $t:ident $(::<$($generics:ty),* $(,)?>)? { $($fields:tt)* }) => {
        $crate::__init_internal!(
            @this($($this)?),
            @typ($t $(::<$($generics),*>)?),
            @fields($($fields)*),
            @error($crate::error::Error),
            @kind(init),
        )
    };
    ($(&$this:ident in)? $t:ident $(::<$($generics:ty),* $(,)?>)? { $($fields:tt)* }? $err:ty) => {
        $crate::__init_internal!(
            @this($($this)?),
            @typ($t $(::<$($generics),*>)?),
            @fields($($fields)*),
            @error($err),
            @kind(init),
        )
    };
}

/// Initialises a value pinned on the stack: `stack_pin_init!(let name = init)`
/// (or `let name: T = init`) makes `name` a `Pin<&mut T>`, for an
/// initialiser that cannot fail. The value is dropped at the end of the
/// scope.
///
/// ```
/// use kernel::prelude::*;
///
/// stack_pin_init!(let counter = new_mutex!(5u32));
/// *counter.lock() += 1;
/// assert_eq!(*counter.lock(), 6);
/// ```
#[macro_export]
macro_rules! stack_pin_init {
    (let $var:ident $(: $t:ty)? = $val:expr) => {
        let val = $val;
        let $var = ::core::pin::pin!($crate::init::__internal::StackInit$(::<$t>)?::uninit());
        #[allow(unused_mut)]
        let mut $var = match $crate::init::__internal::StackInit::init($var, val) {
            ::core::result::Result::Ok(pinned) => pinned,
            ::core::result::Result::Err(never) => {
                let never: ::core::convert::Infallible = never;
                match never {}
            }
        };
    };
}

/// As [`stack_pin_init!`](crate::stack_pin_init!), for an initialiser that
/// can fail: `let name = init` makes `name` a `Result<Pin<&mut T>, E>`, and
/// `let name =? init` returns the error from the function.
///
/// ```
/// use kernel::prelude::*;
///
/// stack_try_pin_init!(let failed: u32 = Err::<u32, Error>(EINVAL));
/// assert!(failed.is_err());
/// stack_try_pin_init!(let seven: u32 =? Ok::<u32, Error>(7));
/// assert_eq!(*seven, 7);
/// ```
#[macro_export]
macro_rules! stack_try_pin_init {
    (let $var:ident $(: $t:ty)? = $val:expr) => {
        let val = $val;
        let $var = ::core::pin::pin!($crate::init::__internal::StackInit$(::<$t>)?::uninit());
        #[allow(unused_mut)]
        let mut $var = $crate::init::__internal::StackInit::init($var, val);
    };
    (let $var:ident $(: $t:ty)? =? $val:expr) => {
        let val = $val;
        let $var = ::core::pin::pin!($crate::init::__internal::StackInit$(::<$t>)?::uninit());
        #[allow(unused_mut)]
        let mut $var = $crate::init::__internal::StackInit::init($var, val)?;
    };
}

/// The body of the initialiser macros.
///
/// `@munch` takes the fields one at a time, adding a statement per field to
/// the first list and its name to the second; the state it carries names
/// the slot, the field-initialiser token, the guards' flag, the kind
/// (`pin` or `init`) and the struct's type.
#[doc(hidden)]
#[macro_export]
macro_rules! __init_internal {
    (
        @this($($this:ident)?),
        @typ($($t:tt)+),
        @fields($($fields:tt)*),
        @error($err:ty),
        @kind($kind:ident),
    ) => {{
        #[allow(unused_variables)]
        let data = $crate::__init_internal!(@data $kind ($($t)+));
        // The slot's type comes from `typed_closure`'s bound: a lifetime
        // left out of `$t` is then inferred, where on the closure's own
        // parameter it would be one of the closure's.
        let init = $crate::init::__internal::typed_closure::<$($t)+, _, $err>(move |slot| {
            let armed = ::core::cell::Cell::new(true);
            $(
                // SAFETY: the slot is valid for writes (the initialiser's
                // contract), so it is not null.
                let $this = unsafe { ::core::ptr::NonNull::new_unchecked(slot) };
            )?
            $crate::__init_internal!(@munch (slot, data, armed, $kind, ($($t)+)) [] [] $($fields)*);
            armed.set(false);
            // SAFETY: every field is in (the last `@munch` arm checked that
            // all were named, and each statement initialised one).
            ::core::result::Result::Ok(unsafe { $crate::init::__internal::InitOk::new() })
        });
        let init = move |slot| -> ::core::result::Result<(), $err> { init(slot).map(|_| ()) };
        $crate::__init_internal!(@construct $kind init $err)
    }};

    (@data pin ($($t:tt)+)) => {
        <$($t)+ as $crate::init::__internal::HasPinData>::__pin_data()
    };
    (@data init ($($t:tt)+)) => {
        ()
    };

    (@construct pin $init:ident $err:ty) => {{
        // SAFETY: the closure initialises every field (the struct expression
        // in `@munch`'s last arm names each once) and drops those it
        // initialised when one fails; a pinned field is initialised in
        // place with its own `PinInit`, which may rely on the slot staying.
        unsafe { $crate::init::pin_init_from_closure::<_, $err>($init) }
    }};
    (@construct init $init:ident $err:ty) => {{
        // SAFETY: as for `pin`; and every field took a value or an `Init`,
        // so nothing relies on the slot staying.
        unsafe { $crate::init::init_from_closure::<_, $err>($init) }
    }};

    // The end, after `..Zeroable::init_zeroed()`: zero the slot, then the fields.
    (@munch ($slot:ident, $data:ident, $armed:ident, $kind:ident, ($($t:tt)+)) [$($code:tt)*] [$($names:ident)*]
        ..Zeroable::init_zeroed() $(,)?) => {
        $crate::init::__internal::assert_zeroable($slot);
        // SAFETY: the slot is valid for writes, and zero bytes are a valid
        // value of the struct (`Zeroable`).
        unsafe { ::core::ptr::write_bytes($slot, 0, 1) };
        $($code)*
        #[allow(unreachable_code, clippy::diverging_sub_expression)]
        let _ = || {
            // SAFETY: never called; it only makes the compiler check the fields.
            unsafe {
                ::core::ptr::write($slot, $($t)+ {
                    $($names: ::core::panic!(),)*
                    ..$crate::init::zeroed()
                })
            };
        };
    };
    // Any other `..`: Linux 6.18 takes `..Zeroable::init_zeroed()` only
    // (`Zeroable::zeroed()` is the value, for a plain struct expression).
    (@munch $st:tt [$($code:tt)*] [$($names:ident)*] .. $($rest:tt)*) => {
        ::core::compile_error!("expected nothing or `..Zeroable::init_zeroed()` after the fields")
    };
    // The end.
    (@munch ($slot:ident, $data:ident, $armed:ident, $kind:ident, ($($t:tt)+)) [$($code:tt)*] [$($names:ident)*]
        $(,)?) => {
        $($code)*
        #[allow(unreachable_code, clippy::diverging_sub_expression)]
        let _ = || {
            // SAFETY: never called; it only makes the compiler check the fields.
            unsafe { ::core::ptr::write($slot, $($t)+ { $($names: ::core::panic!(),)* }) };
        };
    };
    (@munch $st:tt [$($code:tt)*] [$($names:ident)*] $field:ident <- $val:expr $(, $($rest:tt)*)?) => {
        $crate::__init_internal!(@munch $st
            [$($code)* $crate::__init_internal!(@in_place $st $field ($val));]
            [$($names)* $field]
            $($($rest)*)?);
    };
    (@munch $st:tt [$($code:tt)*] [$($names:ident)*] $field:ident : $val:expr $(, $($rest:tt)*)?) => {
        $crate::__init_internal!(@munch $st
            [$($code)* $crate::__init_internal!(@value $st $field ($val));]
            [$($names)* $field]
            $($($rest)*)?);
    };
    (@munch $st:tt [$($code:tt)*] [$($names:ident)*] $field:ident $(, $($rest:tt)*)?) => {
        $crate::__init_internal!(@munch $st
            [$($code)* $crate::__init_internal!(@value $st $field ($field));]
            [$($names)* $field]
            $($($rest)*)?);
    };

    // One field: `field <- init` for a pinned struct goes through the
    // token's function named after the field, which takes a `PinInit` only
    // if the field is pinned.
    (@in_place ($slot:ident, $data:ident, $armed:ident, pin, $t:tt) $field:ident ($val:expr)) => {
        {
            let init = $val;
            // SAFETY: the field's place is valid for writes and pinned, as
            // the whole slot is (the initialiser's contract).
            unsafe { $data.$field(::core::ptr::addr_of_mut!((*$slot).$field), init)? };
        }
        $crate::__init_internal!(@guard $slot $armed $field);
    };
    (@in_place ($slot:ident, $data:ident, $armed:ident, init, $t:tt) $field:ident ($val:expr)) => {
        {
            let init = $val;
            // SAFETY: the field's place is valid for writes (the
            // initialiser's contract).
            unsafe { $crate::init::Init::__init(init, ::core::ptr::addr_of_mut!((*$slot).$field))? };
        }
        $crate::__init_internal!(@guard $slot $armed $field);
    };
    // `field: value`.
    (@value ($slot:ident, $data:ident, $armed:ident, $kind:ident, $t:tt) $field:ident ($val:expr)) => {
        {
            let value = $val;
            // SAFETY: the field's place is valid for writes (the
            // initialiser's contract).
            unsafe { ::core::ptr::write(::core::ptr::addr_of_mut!((*$slot).$field), value) };
        }
        $crate::__init_internal!(@guard $slot $armed $field);
    };
    (@guard $slot:ident $armed:ident $field:ident) => {
        // SAFETY: the field was just initialised, and nothing else drops it:
        // the slot is handed over only once every field is in and `armed`
        // is cleared.
        let _guard = unsafe { $crate::init::__internal::DropGuard::new(::core::ptr::addr_of_mut!((*$slot).$field), &$armed) };
    };
}
