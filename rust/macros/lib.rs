//! The kernel crate's procedural macros: `#[pin_data]`, `#[pinned_drop]`,
//! `#[derive(Zeroable)]`, `paste!` and `fmt!`.
//!
//! They run in the compiler, on the host, and are built against the host's
//! `proc_macro` only: items are parsed from the raw token trees by hand
//! (`parse`), and the output is assembled from the user's own tokens, which
//! keep their spans, and fragments of code parsed from strings (`out`).
//!
//! The macros only write the per-type glue: which fields are structurally
//! pinned, how each field may be initialised, and how the type is dropped.
//! The initialisers themselves (`pin_init!` and its kin) are declarative
//! macros of the kernel crate, which call into that glue.

mod fmt;
mod out;
mod parse;
mod paste;
mod pin_data;
mod pinned_drop;
mod zeroable;

use proc_macro::TokenStream;

/// Marks the fields of a struct that are structurally pinned (`#[pin]`), so
/// that `pin_init!` can initialise them in place with a `PinInit`, and the
/// struct is `Unpin` only when they all are.
///
/// `#[pin_data(PinnedDrop)]` lets the struct implement `PinnedDrop` (through
/// `#[pinned_drop]`) instead of `Drop`, which a `#[pin_data]` struct may not
/// implement: `Drop::drop` takes `&mut self` and could move a pinned field.
#[proc_macro_attribute]
pub fn pin_data(args: TokenStream, input: TokenStream) -> TokenStream {
    pin_data::expand(args, input)
}

/// Turns `impl PinnedDrop for T { fn drop(self: Pin<&mut Self>) { .. } }`
/// into the implementation the `Drop` of a `#[pin_data(PinnedDrop)]` struct
/// calls. The function gets a token parameter that only that `Drop` can make,
/// so no other code can call it.
#[proc_macro_attribute]
pub fn pinned_drop(args: TokenStream, input: TokenStream) -> TokenStream {
    pinned_drop::expand(args, input)
}

/// Implements `Zeroable` for a struct whose fields are all `Zeroable`: its
/// all-zero bytes are a valid value.
#[proc_macro_derive(Zeroable)]
pub fn derive_zeroable(input: TokenStream) -> TokenStream {
    zeroable::expand(input)
}

/// Glues identifiers together in a macro's output: `[<set_ $field>]`,
/// `[<$field:upper _MASK>]` (`:lower` too), as Linux 6.18's
/// `kernel::macros::paste!`.
#[proc_macro]
pub fn paste(input: TokenStream) -> TokenStream {
    paste::expand(input)
}

/// `format_args!` in which `{}` shows a `CStr` as Linux 6.18's own `CStr`
/// is shown (`fmt`'s header): the kernel crate's `fmt!`, which its printing
/// macros use.
#[proc_macro]
pub fn fmt(input: TokenStream) -> TokenStream {
    fmt::expand(input)
}
