//! `#[derive(Zeroable)]`: a struct is `Zeroable` when each of its fields is
//! (checked by a function that is never called) and its type parameters are.

use proc_macro::TokenStream;

use crate::out::{error, Out};
use crate::parse::parse_struct;

const ZEROABLE: &str = "::kernel::init::Zeroable";

pub fn expand(input: TokenStream) -> TokenStream {
    let s = match parse_struct(input, "derive(Zeroable)") {
        Ok(s) => s,
        Err((span, msg)) => return error(span, &msg),
    };
    // `where T: Zeroable,` for each type parameter, then the struct's own.
    let mut preds = Out::new();
    for p in &s.generics {
        let name = p.name.to_string();
        let is_type = !name.starts_with('\'') && !p.decl.to_string().starts_with("const ");
        if is_type {
            preds.tokens(&p.name).code(&format!(": {ZEROABLE},"));
        }
    }
    preds.tokens(&s.where_preds);
    let preds = preds.into_stream();

    let mut out = Out::new();
    // SAFETY of the impl: every field is `Zeroable` (the check below), and a
    // struct of zeroable fields is valid as all-zero bytes, padding included.
    out.code("unsafe impl").tokens(&s.impl_generics("")).code(ZEROABLE).code("for").tokens(&s.self_ty());
    out.code("where").tokens(&preds).code("{}");

    let mut check = Out::new();
    check.code(&format!("fn assert_zeroable<T: ?::core::marker::Sized + {ZEROABLE}>() {{}}"));
    check.code("fn ensure_zeroable").tokens(&s.impl_generics("")).code("()").code("where").tokens(&preds);
    let mut body = Out::new();
    for f in &s.fields {
        body.code("assert_zeroable::<").tokens(&f.ty).code(">();");
    }
    check.brace(body);
    out.code("const _: () =").brace(check).code(";");
    out.into_stream()
}
