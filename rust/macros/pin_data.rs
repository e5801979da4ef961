//! `#[pin_data]`: the struct as written (without its `#[pin]`s), and next to
//! it, for a struct `Foo`:
//!
//! - `__FooPinData`, a zero-sized token with one `unsafe fn` per field,
//!   named after it, that initialises the field in place: with a `PinInit`
//!   for a `#[pin]` field, with an `Init` (which may move the value) for the
//!   others. `pin_init!` calls them, so a pinned initialiser given to a field
//!   that is not pinned does not compile;
//! - `HasPinData` for `Foo`, which hands out the token;
//! - `Unpin` for `Foo` only when every `#[pin]` field is `Unpin`, through
//!   `__FooUnpin`, a struct of the pinned fields' types;
//! - `Foo::project`, which turns a `Pin<&mut Foo>` into a `FooProjection`
//!   of its fields: `Pin<&mut _>` for the pinned ones, `&mut _` for the
//!   others (sound because of the two items around it);
//! - without `PinnedDrop`: an impl that conflicts with any `Drop` of `Foo`;
//!   with it, the `Drop` that calls `PinnedDrop::drop` on the pinned value.

use proc_macro::{TokenStream, TokenTree};

use crate::out::{error, Out};
use crate::parse::{parse_struct, Struct};

const INIT: &str = "::kernel::init";
const INTERNAL: &str = "::kernel::init::__internal";

pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let pinned_drop = match parse_args(args) {
        Ok(p) => p,
        Err(e) => return e,
    };
    match parse_struct(input, "pin_data") {
        Ok(s) => {
            let mut out = Out::new();
            write_struct(&mut out, &s);
            write_pin_data(&mut out, &s);
            write_unpin(&mut out, &s);
            write_projection(&mut out, &s);
            write_drop(&mut out, &s, pinned_drop);
            out.into_stream()
        }
        Err((span, msg)) => error(span, &msg),
    }
}

/// `#[pin_data]` or `#[pin_data(PinnedDrop)]`.
fn parse_args(args: TokenStream) -> Result<bool, TokenStream> {
    let toks: Vec<TokenTree> = args.into_iter().collect();
    match toks.as_slice() {
        [] => Ok(false),
        [TokenTree::Ident(i)] if i.to_string() == "PinnedDrop" => Ok(true),
        [t, ..] => Err(error(t.span(), "expected `PinnedDrop` or nothing")),
    }
}

/// The struct as the user wrote it, less the `#[pin]` markers.
fn write_struct(out: &mut Out, s: &Struct) {
    for a in &s.attrs {
        out.tokens(a);
    }
    out.tokens(&s.vis).code("struct").tree(TokenTree::Ident(s.name.clone()));
    out.tokens(&s.decl_generics()).tokens(&s.where_clause());
    let mut body = Out::new();
    for f in &s.fields {
        for a in &f.attrs {
            body.tokens(a);
        }
        body.tokens(&f.vis).tree(TokenTree::Ident(f.name.clone())).code(":").tokens(&f.ty).code(",");
    }
    out.brace(body);
}

/// `PhantomData<fn(*mut Foo<T>) -> *mut Foo<T>>`: ties a helper to `Foo`'s
/// parameters without owning a `Foo` (invariant, no drop check, and fine for
/// an unsized `Foo`).
fn phantom_of(s: &Struct) -> Out {
    let mut o = Out::new();
    let mut arg = Out::new();
    arg.code("*mut").tokens(&s.self_ty());
    o.code("::core::marker::PhantomData<fn").paren(arg).code("-> *mut").tokens(&s.self_ty()).code(">");
    o
}

fn write_pin_data(out: &mut Out, s: &Struct) {
    let data = s.derived_name("PinData");
    let data_ty = || {
        let mut t = TokenStream::from(TokenTree::Ident(data.clone()));
        t.extend(s.ty_generics(""));
        t
    };

    // The token type itself.
    out.code("#[doc(hidden)]").tokens(&s.vis).code("struct").tree(TokenTree::Ident(data.clone()));
    out.tokens(&s.impl_generics("")).tokens(&s.where_clause());
    let mut body = Out::new();
    body.code("__pin_data_phantom:").tokens(&phantom_of(s).into_stream()).code(",");
    out.brace(body);

    // Clone and Copy by hand: derive would ask for `T: Clone`.
    out.code("impl").tokens(&s.impl_generics("")).code("::core::clone::Clone for").tokens(&data_ty());
    out.tokens(&s.where_clause());
    out.code("{ fn clone(&self) -> Self { *self } }");
    out.code("impl").tokens(&s.impl_generics("")).code("::core::marker::Copy for").tokens(&data_ty());
    out.tokens(&s.where_clause()).code("{}");

    // One initialising function per field.
    out.code("#[allow(dead_code, clippy::missing_safety_doc)] impl").tokens(&s.impl_generics(""));
    out.tokens(&data_ty()).tokens(&s.where_clause());
    let mut fns = Out::new();
    for f in &s.fields {
        let (kind, call) = if f.pinned {
            ("PinInit", "__pinned_init")
        } else {
            ("Init", "__init")
        };
        fns.tokens(&f.vis).code("unsafe fn").tree(TokenTree::Ident(f.name.clone()));
        let mut params = Out::new();
        params.code("self, slot: *mut").tokens(&f.ty);
        params.code(&format!(", init: impl {INIT}::{kind}<")).tokens(&f.ty).code(", E>");
        fns.code("<E>").paren(params).code("-> ::core::result::Result<(), E>");
        // SAFETY: in the generated block, the caller's guarantees (in
        // `PinData`) are what `kind` asks of its slot.
        fns.code(&format!("{{ unsafe {{ {INIT}::{kind}::{call}(init, slot) }} }}"));
    }
    out.brace(fns);

    // SAFETY of the generated impls: the token's functions initialise the
    // fields they are named after, each with the kind of initialiser its
    // pinning allows.
    out.code("unsafe impl").tokens(&s.impl_generics(""));
    out.code(&format!("{INTERNAL}::HasPinData for")).tokens(&s.self_ty()).tokens(&s.where_clause());
    let mut has = Out::new();
    has.code("type PinData =").tokens(&data_ty()).code(";");
    has.code("fn __pin_data() -> Self::PinData")
        .brace({
            let mut b = Out::new();
            b.tree(TokenTree::Ident(data.clone())).code("{ __pin_data_phantom: ::core::marker::PhantomData }");
            b
        });
    out.brace(has);

    out.code("unsafe impl").tokens(&s.impl_generics(""));
    out.code(&format!("{INTERNAL}::PinData for")).tokens(&data_ty()).tokens(&s.where_clause());
    let mut pd = Out::new();
    pd.code("type Datee =").tokens(&s.self_ty()).code(";");
    out.brace(pd);
}

/// `Foo` is `Unpin` when the struct of its pinned fields is. The lifetime
/// keeps the bound from being a trivially true (or false) one, which the
/// compiler would reject.
fn write_unpin(out: &mut Out, s: &Struct) {
    let unpin = s.derived_name("Unpin");
    out.code("#[doc(hidden)] #[allow(dead_code)] struct").tree(TokenTree::Ident(unpin.clone()));
    out.tokens(&s.impl_generics("'__pin")).tokens(&s.where_clause());
    let mut body = Out::new();
    body.code("__pin_data_lifetime: ::core::marker::PhantomData<fn(&'__pin ()) -> &'__pin ()>,");
    body.code("__pin_data_phantom:").tokens(&phantom_of(s).into_stream()).code(",");
    for f in s.fields.iter().filter(|f| f.pinned) {
        body.tree(TokenTree::Ident(f.name.clone())).code(":").tokens(&f.ty).code(",");
    }
    out.brace(body);

    out.code("impl").tokens(&s.impl_generics("'__pin")).code("::core::marker::Unpin for").tokens(&s.self_ty());
    out.code("where").tree(TokenTree::Ident(unpin)).tokens(&s.ty_generics("'__pin"));
    out.code(": ::core::marker::Unpin,").tokens(&s.where_preds).code("{}");
}

fn write_projection(out: &mut Out, s: &Struct) {
    let proj = proc_macro::Ident::new(&format!("{}Projection", s.name), s.name.span());
    out.code("#[doc(hidden)] #[allow(dead_code)]").tokens(&s.vis).code("struct").tree(TokenTree::Ident(proj.clone()));
    out.tokens(&s.impl_generics("'__pin")).tokens(&s.where_clause());
    let mut body = Out::new();
    for f in &s.fields {
        body.tokens(&f.vis).tree(TokenTree::Ident(f.name.clone())).code(":");
        if f.pinned {
            body.code("::core::pin::Pin<&'__pin mut").tokens(&f.ty).code(">,");
        } else {
            body.code("&'__pin mut").tokens(&f.ty).code(",");
        }
    }
    body.code("__pin_data_phantom: ::core::marker::PhantomData<&'__pin mut ()>,");
    out.brace(body);

    out.code("impl").tokens(&s.impl_generics("")).tokens(&s.self_ty()).tokens(&s.where_clause());
    let mut imp = Out::new();
    imp.code("/// The fields of the pinned value: the `#[pin]` ones pinned, the others not.");
    imp.code("#[allow(dead_code)]").tokens(&s.vis);
    imp.code("fn project<'__pin>(self: ::core::pin::Pin<&'__pin mut Self>) ->").tree(TokenTree::Ident(proj.clone()));
    imp.tokens(&s.ty_generics("'__pin"));
    // SAFETY: in the generated blocks, the value stays where it is: the
    // pinned fields are handed out pinned, and only the others as `&mut`.
    let mut fns = Out::new();
    fns.code("let this = unsafe { ::core::pin::Pin::get_unchecked_mut(self) };");
    fns.tree(TokenTree::Ident(proj));
    let mut fields = Out::new();
    for f in &s.fields {
        fields.tree(TokenTree::Ident(f.name.clone())).code(":");
        if f.pinned {
            let mut place = Out::new();
            place.code("&mut this.").tree(TokenTree::Ident(f.name.clone()));
            let mut call = Out::new();
            call.code("::core::pin::Pin::new_unchecked").paren(place);
            fields.code("unsafe").brace(call).code(",");
        } else {
            fields.code("&mut this.").tree(TokenTree::Ident(f.name.clone())).code(",");
        }
    }
    fields.code("__pin_data_phantom: ::core::marker::PhantomData,");
    fns.brace(fields);
    imp.brace(fns);
    out.brace(imp);
}

fn write_drop(out: &mut Out, s: &Struct, pinned_drop: bool) {
    if pinned_drop {
        out.code("impl").tokens(&s.impl_generics("")).code("::core::ops::Drop for").tokens(&s.self_ty());
        out.tokens(&s.where_clause());
        // SAFETY: in the generated blocks, the value is pinned: `Drop` runs
        // on it where it lies, and it is gone afterwards. The token is made
        // here, the one place allowed to.
        out.code(&format!(
            "{{ fn drop(&mut self) {{
                // SAFETY: a pinned value is dropped where it lies.
                let pinned = unsafe {{ ::core::pin::Pin::new_unchecked(self) }};
                // SAFETY: this is the type's `Drop`, the one place allowed to.
                let token = unsafe {{ {INTERNAL}::OnlyCallFromDrop::new() }};
                {INIT}::PinnedDrop::drop(pinned, token);
            }} }}"
        ));
        return;
    }
    // Any `impl Drop for Foo` overlaps with the first impl here, which the
    // second makes for `Foo` anyway; and a `PinnedDrop` impl, which would
    // never run, overlaps with the third.
    let mut inner = Out::new();
    inner.code(
        "trait MustNotImplDrop {}
         #[allow(drop_bounds)]
         impl<T: ::core::ops::Drop + ?::core::marker::Sized> MustNotImplDrop for T {}",
    );
    inner.code("impl").tokens(&s.impl_generics("")).code("MustNotImplDrop for").tokens(&s.self_ty());
    inner.tokens(&s.where_clause()).code("{}");
    inner.code(&format!(
        "#[allow(non_camel_case_types)]
         trait UselessPinnedDropImpl_you_need_to_specify_PinnedDrop {{}}
         impl<T: {INIT}::PinnedDrop + ?::core::marker::Sized>
             UselessPinnedDropImpl_you_need_to_specify_PinnedDrop for T {{}}"
    ));
    inner.code("impl").tokens(&s.impl_generics(""));
    inner.code("UselessPinnedDropImpl_you_need_to_specify_PinnedDrop for").tokens(&s.self_ty());
    inner.tokens(&s.where_clause()).code("{}");
    out.code("const _: () =").brace(inner).code(";");
}
