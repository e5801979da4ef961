//! A hand-written parser for what the macros read: a struct with named
//! fields, its generics and where clause, and attributes.
//!
//! It needs far less than Rust's grammar. A type or a bound is kept as the
//! tokens it is made of; only its end has to be found: the first comma (or
//! `>`) outside every bracket. Parentheses, brackets and braces are groups
//! in a token stream already, so only angle brackets are counted.

use proc_macro::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

/// A struct with named fields.
pub struct Struct {
    /// The outer attributes, each `#` and its `[...]`.
    pub attrs: Vec<TokenStream>,
    pub vis: TokenStream,
    pub name: Ident,
    pub generics: Vec<Param>,
    /// The where clause's predicates, without `where`, each ending in a comma.
    pub where_preds: TokenStream,
    pub fields: Vec<Field>,
}

/// A generic parameter.
pub struct Param {
    /// As declared, default included (for the struct itself).
    pub decl: TokenStream,
    /// As an impl declares it: without the default.
    pub bound: TokenStream,
    /// As a use of the type names it: `'a`, `T` or `N`.
    pub name: TokenStream,
}

pub struct Field {
    /// Attributes other than `#[pin]`.
    pub attrs: Vec<TokenStream>,
    pub pinned: bool,
    pub vis: TokenStream,
    pub name: Ident,
    pub ty: TokenStream,
}

pub type Error = (Span, String);

fn err<T>(span: Span, msg: &str) -> Result<T, Error> {
    Err((span, msg.to_string()))
}

/// A cursor over a list of token trees.
struct Cursor {
    toks: Vec<TokenTree>,
    pos: usize,
}

impl Cursor {
    fn new(ts: TokenStream) -> Self {
        Cursor { toks: ts.into_iter().collect(), pos: 0 }
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<TokenTree> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn span(&self) -> Span {
        self.peek().or(self.toks.last()).map_or_else(Span::call_site, |t| t.span())
    }

    fn at_punct(&self, c: char) -> bool {
        is_punct(self.peek(), c)
    }

    fn at_ident(&self, name: &str) -> bool {
        matches!(self.peek(), Some(TokenTree::Ident(i)) if i.to_string() == name)
    }

    fn ident(&mut self, what: &str) -> Result<Ident, Error> {
        match self.next() {
            Some(TokenTree::Ident(i)) => Ok(i),
            Some(t) => err(t.span(), &format!("expected {what}")),
            None => err(self.span(), &format!("expected {what}")),
        }
    }

    /// Outer attributes: `#[...]` each.
    fn attrs(&mut self) -> Vec<TokenStream> {
        let mut attrs = Vec::new();
        while self.at_punct('#') {
            if !matches!(self.toks.get(self.pos + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket) {
                break;
            }
            let hash = self.next();
            let body = self.next();
            attrs.push(hash.into_iter().chain(body).collect());
        }
        attrs
    }

    /// `pub`, `pub(crate)`, `pub(in path)`, or nothing.
    fn vis(&mut self) -> TokenStream {
        let mut vis = Vec::new();
        if self.at_ident("pub") {
            vis.extend(self.next());
            if matches!(self.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis) {
                vis.extend(self.next());
            }
        }
        vis.into_iter().collect()
    }

    /// Tokens up to the first top-level `,` (consumed) or the end; with
    /// `stop_at_gt`, also up to an unmatched `>` (not consumed).
    fn until_comma(&mut self, stop_at_gt: bool) -> TokenStream {
        let mut depth = 0usize;
        let mut out = Vec::new();
        while let Some(t) = self.peek() {
            match t {
                TokenTree::Punct(p) if p.as_char() == ',' && depth == 0 => {
                    self.pos += 1;
                    break;
                }
                TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
                TokenTree::Punct(p) if p.as_char() == '>' && !self.after_arrow_dash() => {
                    if depth == 0 && stop_at_gt {
                        break;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
            out.extend(self.next());
        }
        out.into_iter().collect()
    }

    /// Whether the token before the cursor is the `-` of a `->`.
    fn after_arrow_dash(&self) -> bool {
        self.pos > 0 && is_punct(self.toks.get(self.pos - 1), '-')
    }
}

fn is_punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// Whether an attribute is exactly `#[NAME]`.
pub fn attr_is(attr: &TokenStream, name: &str) -> bool {
    let toks: Vec<TokenTree> = attr.clone().into_iter().collect();
    match toks.get(1) {
        Some(TokenTree::Group(g)) => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            matches!(inner.as_slice(), [TokenTree::Ident(i)] if i.to_string() == name)
        }
        _ => false,
    }
}

pub fn parse_struct(input: TokenStream, macro_name: &str) -> Result<Struct, Error> {
    let mut c = Cursor::new(input);
    let attrs = c.attrs();
    let vis = c.vis();
    if !c.at_ident("struct") {
        return err(c.span(), &format!("#[{macro_name}] applies to a struct with named fields"));
    }
    c.next();
    let name = c.ident("the struct's name")?;
    let generics = if c.at_punct('<') { parse_generics(&mut c)? } else { Vec::new() };
    let body = match c.toks.pop() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g,
        Some(t) => return err(t.span(), &format!("#[{macro_name}] applies to a struct with named fields")),
        None => return err(name.span(), "expected the struct's fields"),
    };
    let mut where_preds: Vec<TokenTree> = Vec::new();
    if c.at_ident("where") {
        c.next();
        while let Some(t) = c.next() {
            where_preds.push(t);
        }
        if !where_preds.is_empty() && !is_punct(where_preds.last(), ',') {
            where_preds.extend(",".parse::<TokenStream>().into_iter().flatten());
        }
    } else if let Some(t) = c.peek() {
        return err(t.span(), "expected a where clause or the struct's fields");
    }
    let mut s = Struct { attrs, vis, name, generics, where_preds: where_preds.into_iter().collect(), fields: Vec::new() };
    // The generated helpers are other types (or free functions), where
    // `Self` would name something else or nothing: a field type names the
    // struct itself instead.
    let self_ty = s.self_ty();
    s.fields = parse_fields(&body)?;
    for f in &mut s.fields {
        f.ty = replace_self(f.ty.clone(), &self_ty);
    }
    Ok(s)
}

/// `ts` with each `Self` replaced by `self_ty`, inside groups too.
fn replace_self(ts: TokenStream, self_ty: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    for t in ts {
        match t {
            TokenTree::Ident(i) if i.to_string() == "Self" => out.extend(self_ty.clone()),
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), replace_self(g.stream(), self_ty));
                ng.set_span(g.span());
                out.extend([TokenTree::Group(ng)]);
            }
            t => out.extend([t]),
        }
    }
    out
}

/// `<...>` after a type's name, the cursor on the `<`.
fn parse_generics(c: &mut Cursor) -> Result<Vec<Param>, Error> {
    c.next();
    let mut params = Vec::new();
    loop {
        if c.at_punct('>') {
            c.next();
            return Ok(params);
        }
        if c.peek().is_none() {
            return err(c.span(), "unterminated generic parameters");
        }
        let decl = c.until_comma(true);
        params.push(param(decl)?);
    }
}

fn param(decl: TokenStream) -> Result<Param, Error> {
    let toks: Vec<TokenTree> = decl.clone().into_iter().collect();
    let span = toks.first().map_or_else(Span::call_site, |t| t.span());
    let name: TokenStream = match toks.as_slice() {
        [TokenTree::Punct(p), TokenTree::Ident(_), ..] if p.as_char() == '\'' => toks[..2].iter().cloned().collect(),
        [TokenTree::Ident(k), TokenTree::Ident(n), ..] if k.to_string() == "const" => {
            TokenStream::from(TokenTree::Ident(n.clone()))
        }
        [TokenTree::Ident(n), ..] => TokenStream::from(TokenTree::Ident(n.clone())),
        _ => return err(span, "cannot read this generic parameter"),
    };
    // The default starts at the first `=` outside angle brackets.
    let mut depth = 0usize;
    let mut end = toks.len();
    for (i, t) in toks.iter().enumerate() {
        if let TokenTree::Punct(p) = t {
            match p.as_char() {
                '<' => depth += 1,
                '>' if !(i > 0 && is_punct(toks.get(i - 1), '-')) => depth = depth.saturating_sub(1),
                '=' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
    }
    Ok(Param { decl, bound: toks[..end].iter().cloned().collect(), name })
}

fn parse_fields(body: &Group) -> Result<Vec<Field>, Error> {
    let mut c = Cursor::new(body.stream());
    let mut fields = Vec::new();
    while c.peek().is_some() {
        let mut attrs = c.attrs();
        let before = attrs.len();
        attrs.retain(|a| !attr_is(a, "pin"));
        let pinned = attrs.len() != before;
        let vis = c.vis();
        let name = c.ident("a field name")?;
        if !c.at_punct(':') {
            return err(c.span(), "expected `:` and the field's type");
        }
        c.next();
        let ty = c.until_comma(false);
        if ty.is_empty() {
            return err(name.span(), "expected the field's type");
        }
        fields.push(Field { attrs, pinned, vis, name, ty });
    }
    Ok(fields)
}

impl Struct {
    /// `<'a, T: Bound>`: the parameters as an impl declares them, with
    /// `extra` (such as a lifetime) first.
    pub fn impl_generics(&self, extra: &str) -> TokenStream {
        let mut s: TokenStream = "<".parse().unwrap_or_default();
        if !extra.is_empty() {
            s.extend(format!("{extra},").parse::<TokenStream>().into_iter().flatten());
        }
        for p in &self.generics {
            s.extend(p.bound.clone());
            s.extend(",".parse::<TokenStream>().into_iter().flatten());
        }
        s.extend(">".parse::<TokenStream>().into_iter().flatten());
        s
    }

    /// `<'a, T>`: the parameters as a use of the type names them.
    pub fn ty_generics(&self, extra: &str) -> TokenStream {
        let mut s: TokenStream = "<".parse().unwrap_or_default();
        if !extra.is_empty() {
            s.extend(format!("{extra},").parse::<TokenStream>().into_iter().flatten());
        }
        for p in &self.generics {
            s.extend(p.name.clone());
            s.extend(",".parse::<TokenStream>().into_iter().flatten());
        }
        s.extend(">".parse::<TokenStream>().into_iter().flatten());
        s
    }

    /// The struct's name with its parameters: `Foo<'a, T>`.
    pub fn self_ty(&self) -> TokenStream {
        let mut s = TokenStream::from(TokenTree::Ident(self.name.clone()));
        s.extend(self.ty_generics(""));
        s
    }

    /// `<T: Bound = Default, ...>` as the struct declares them.
    pub fn decl_generics(&self) -> TokenStream {
        let mut s: TokenStream = "<".parse().unwrap_or_default();
        for p in &self.generics {
            s.extend(p.decl.clone());
            s.extend(",".parse::<TokenStream>().into_iter().flatten());
        }
        s.extend(">".parse::<TokenStream>().into_iter().flatten());
        s
    }

    /// `where PREDS,` or nothing.
    pub fn where_clause(&self) -> TokenStream {
        if self.where_preds.is_empty() {
            return TokenStream::new();
        }
        let mut s: TokenStream = "where".parse().unwrap_or_default();
        s.extend(self.where_preds.clone());
        s
    }

    /// A name derived from the struct's, for generated items.
    pub fn derived_name(&self, suffix: &str) -> Ident {
        Ident::new(&format!("__{}{}", self.name, suffix), self.name.span())
    }
}
