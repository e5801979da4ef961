//! `paste!`: identifiers glued together inside a macro's output, as Linux
//! 6.18's `kernel::macros::paste!` writes them: `[<set_ $field>]` is one
//! identifier, `[<$field:upper _MASK>]` another with the field's name in
//! capitals. Everything outside `[< >]` is passed through as it is.

use proc_macro::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

use crate::out::error;

pub fn expand(input: TokenStream) -> TokenStream {
    walk(input)
}

/// The tokens, with every `[< ... >]` at any depth made one identifier.
fn walk(input: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    for tt in input {
        match tt {
            TokenTree::Group(g) => {
                if g.delimiter() == Delimiter::Bracket {
                    if let Some(glued) = glue(&g) {
                        out.extend(glued);
                        continue;
                    }
                }
                let mut copy = Group::new(g.delimiter(), walk(g.stream()));
                copy.set_span(g.span());
                out.push(TokenTree::Group(copy));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// The identifier `[< ... >]` stands for, or `None` when `group` is an
/// ordinary bracketed group (an array, an attribute).
fn glue(group: &Group) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    let is_punct = |tt: Option<&TokenTree>, c: char| matches!(tt, Some(TokenTree::Punct(p)) if p.as_char() == c);
    if tokens.len() < 3 || !is_punct(tokens.first(), '<') || !is_punct(tokens.last(), '>') {
        return None;
    }
    let mut name = String::new();
    let mut span = None;
    let mut segments = Vec::new();
    flatten(&tokens[1..tokens.len() - 1], &mut segments);
    let mut i = 0;
    while i < segments.len() {
        let (text, seg_span) = match &segments[i] {
            TokenTree::Ident(id) => (id.to_string().trim_start_matches("r#").to_string(), id.span()),
            TokenTree::Literal(lit) => (lit.to_string().trim_matches('"').to_string(), lit.span()),
            other => return Some(error(other.span(), "paste: only identifiers and literals can be glued")),
        };
        let mut text = text;
        // `segment:upper` / `segment:lower`
        if is_punct(segments.get(i + 1), ':') {
            match segments.get(i + 2) {
                Some(TokenTree::Ident(m)) if m.to_string() == "upper" => text = text.to_uppercase(),
                Some(TokenTree::Ident(m)) if m.to_string() == "lower" => text = text.to_lowercase(),
                _ => return Some(error(seg_span, "paste: a modifier is `:upper` or `:lower`")),
            }
            i += 2;
        }
        span.get_or_insert(seg_span);
        name.push_str(&text);
        i += 1;
    }
    let span = span.unwrap_or_else(Span::call_site);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(error(span, "paste: the glued name is not an identifier"));
    }
    Some(TokenTree::Ident(Ident::new(&name, span)).into())
}

/// The segments of `tokens`, looking inside the invisible groups that
/// macro fragments (`$x:ty`) arrive in.
fn flatten(tokens: &[TokenTree], out: &mut Vec<TokenTree>) {
    for tt in tokens {
        match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                flatten(&inner, out);
            }
            other => out.push(other.clone()),
        }
    }
}
