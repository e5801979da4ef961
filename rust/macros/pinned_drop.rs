//! `#[pinned_drop]`: `impl PinnedDrop for Foo { fn drop(self: Pin<&mut Self>) }`
//! becomes an `unsafe impl` whose `drop` takes one more parameter, an
//! `OnlyCallFromDrop` token. Only the `Drop` that `#[pin_data(PinnedDrop)]`
//! writes makes one, so the function cannot be called from anywhere else,
//! and nothing but this macro implements the (unsafe) trait.

use proc_macro::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

use crate::out::{error, Out};

/// A mistake that leaves the meaning clear is reported, and the impl is
/// still written, so that it is the only error.
pub fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(t) = args.into_iter().next() {
        out.extend(error(t.span(), "#[pinned_drop] takes no arguments"));
    }
    let mut toks: Vec<TokenTree> = input.into_iter().collect();
    if let Some(pos) = toks.iter().position(|t| is_ident(t, "impl")) {
        if pos > 0 && is_ident(&toks[pos - 1], "unsafe") {
            let span = toks.remove(pos - 1).span();
            out.extend(error(span, "write `impl PinnedDrop`, without `unsafe`: #[pinned_drop] adds it"));
        }
    }
    match rewrite(toks) {
        Ok(ts) => out.extend(ts),
        Err((span, msg)) => out.extend(error(span, msg)),
    }
    out
}

fn rewrite(mut toks: Vec<TokenTree>) -> Result<TokenStream, (Span, &'static str)> {
    let not_impl = "#[pinned_drop] applies to `impl PinnedDrop for T { fn drop(self: Pin<&mut Self>) { .. } }`";
    let pos = toks.iter().position(|t| is_ident(t, "impl")).ok_or((Span::call_site(), not_impl))?;
    let for_pos = toks.iter().position(|t| is_ident(t, "for")).ok_or((toks[pos].span(), not_impl))?;
    if for_pos == 0 || !is_ident(&toks[for_pos - 1], "PinnedDrop") {
        return Err((toks[pos].span(), not_impl));
    }
    let body = match toks.pop() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g,
        _ => return Err((toks[pos].span(), not_impl)),
    };
    let body = add_token_param(&body).ok_or((body.span(), "expected `fn drop(self: Pin<&mut Self>)`"))?;
    let mut out = Out::new();
    for (i, t) in toks.into_iter().enumerate() {
        if i == pos {
            out.tree(TokenTree::Ident(Ident::new("unsafe", t.span())));
        }
        out.tree(t);
    }
    out.tree(TokenTree::Group(body));
    Ok(out.into_stream())
}

/// The impl's body with `, _: OnlyCallFromDrop` after `drop`'s parameters.
fn add_token_param(body: &Group) -> Option<Group> {
    let mut toks: Vec<TokenTree> = body.stream().into_iter().collect();
    let at = (0..toks.len().saturating_sub(2)).find(|&i| {
        is_ident(&toks[i], "fn")
            && is_ident(&toks[i + 1], "drop")
            && matches!(&toks[i + 2], TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis)
    })?;
    let TokenTree::Group(params) = &toks[at + 2] else { return None };
    let mut p = Out::new();
    let trailing_comma = matches!(params.stream().into_iter().last(), Some(TokenTree::Punct(c)) if c.as_char() == ',');
    p.tokens(&params.stream()).code(if trailing_comma { "" } else { "," });
    p.code("_: ::kernel::init::__internal::OnlyCallFromDrop");
    let mut g = Group::new(Delimiter::Parenthesis, p.into_stream());
    g.set_span(params.span());
    toks[at + 2] = TokenTree::Group(g);
    let mut g = Group::new(Delimiter::Brace, toks.into_iter().collect());
    g.set_span(body.span());
    Some(g)
}

fn is_ident(t: &TokenTree, name: &str) -> bool {
    matches!(t, TokenTree::Ident(i) if i.to_string() == name)
}
