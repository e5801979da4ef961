//! Output assembly: code fragments parsed from strings, mixed with token
//! streams taken from the input as they are (so errors in the user's types
//! point at the user's code), and groups that nest them.

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

#[derive(Default)]
pub struct Out(Vec<TokenTree>);

impl Out {
    pub fn new() -> Self {
        Out(Vec::new())
    }

    /// Appends a fragment of code, which must be balanced in its brackets.
    pub fn code(&mut self, code: &str) -> &mut Self {
        match code.parse::<TokenStream>() {
            Ok(ts) => self.0.extend(ts),
            // Only the macros' own fragments come here: a bug in them, not in
            // the user's code, but still reported as a compile error.
            Err(_) => self.0.extend(error(Span::call_site(), "internal error: bad fragment")),
        }
        self
    }

    /// Appends tokens as they are.
    pub fn tokens(&mut self, ts: &TokenStream) -> &mut Self {
        self.0.extend(ts.clone());
        self
    }

    pub fn tree(&mut self, tt: TokenTree) -> &mut Self {
        self.0.push(tt);
        self
    }

    /// Appends `{ inner }`.
    pub fn brace(&mut self, inner: Out) -> &mut Self {
        self.group(Delimiter::Brace, inner)
    }

    /// Appends `( inner )`.
    pub fn paren(&mut self, inner: Out) -> &mut Self {
        self.group(Delimiter::Parenthesis, inner)
    }

    fn group(&mut self, delim: Delimiter, inner: Out) -> &mut Self {
        self.0.push(TokenTree::Group(Group::new(delim, inner.into_stream())));
        self
    }

    pub fn into_stream(self) -> TokenStream {
        self.0.into_iter().collect()
    }
}

/// `::core::compile_error!("message");` with the span of the offending token.
pub fn error(span: Span, message: &str) -> TokenStream {
    let mut lit = Literal::string(message);
    lit.set_span(span);
    let mut args = TokenStream::new();
    args.extend([TokenTree::Literal(lit)]);
    let colon = |spacing| TokenTree::Punct({
        let mut p = Punct::new(':', spacing);
        p.set_span(span);
        p
    });
    let ident = |name| TokenTree::Ident(Ident::new(name, span));
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    let mut body = Group::new(Delimiter::Parenthesis, args);
    body.set_span(span);
    let mut semi = Punct::new(';', Spacing::Alone);
    semi.set_span(span);
    [
        colon(Spacing::Joint),
        colon(Spacing::Alone),
        ident("core"),
        colon(Spacing::Joint),
        colon(Spacing::Alone),
        ident("compile_error"),
        TokenTree::Punct(bang),
        TokenTree::Group(body),
        TokenTree::Punct(semi),
    ]
    .into_iter()
    .collect()
}
