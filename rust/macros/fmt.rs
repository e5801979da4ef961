//! `fmt!`: `core::format_args!` with each formatted argument passed through
//! `kernel::str::FmtArg`, so that `{}` shows a `CStr` (or `&CStr`), which
//! `core` gives no `Display`, as Linux 6.18's own `CStr` is shown:
//! `dev_info!(dev, "'{name}'\n")` with `let name = c_str!("...")`. Any other
//! argument reaches `format_args!` as the same reference, for every format
//! trait.
//!
//! The format string is read for what it names: `{}` and `{N}` take
//! positional arguments, `{name}` a named one or, when no argument has that
//! name, the variable it captures, which is made a named argument so that it
//! is wrapped too. An argument used as a width or precision (`{:w$}`,
//! `{:.1$}`) is left as it is, since those must be a `usize`. A string with
//! `.*`, or a first argument that is not a string literal, is passed on
//! untouched: `format_args!` then formats it without the wrapping.

use proc_macro::{Delimiter, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::out::Out;

pub fn expand(input: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = input.clone().into_iter().collect();
    let Some(lit) = tokens.first().and_then(string_literal) else {
        return passthrough(input);
    };
    let Some(uses) = placeholders(&lit.0) else {
        return passthrough(input);
    };
    let mut positional = Vec::new();
    let mut named: Vec<(Ident, Vec<TokenTree>)> = Vec::new();
    for arg in split_args(&tokens[1..]) {
        match named_arg(&arg) {
            Some((name, expr)) => named.push((name, expr)),
            None => positional.push(arg),
        }
    }

    let mut args = Out::new();
    args.tree(tokens[0].clone());
    for (i, expr) in positional.iter().enumerate() {
        args.tree(comma());
        if uses.counts.contains(&i.to_string()) {
            args.tokens(&expr.iter().cloned().collect::<TokenStream>());
        } else {
            wrap(&mut args, expr);
        }
    }
    for (name, expr) in &named {
        args.tree(comma()).tree(TokenTree::Ident(name.clone())).tree(eq());
        if uses.counts.contains(&name.to_string()) {
            args.tokens(&expr.iter().cloned().collect::<TokenStream>());
        } else {
            wrap(&mut args, expr);
        }
    }
    // Captured variables, made named arguments with the literal's span, so
    // that they resolve where the string was written.
    for capture in &uses.names {
        if named.iter().any(|(n, _)| n.to_string() == *capture) || uses.counts.contains(capture) {
            continue;
        }
        let ident = TokenTree::Ident(Ident::new(capture, lit.1));
        args.tree(comma()).tree(ident.clone()).tree(eq());
        wrap(&mut args, &[ident]);
    }

    let mut body = Out::new();
    body.code("use ::kernel::str::FmtAny as _;");
    body.code("::core::format_args!");
    body.paren(args);
    let mut out = Out::new();
    out.brace(body);
    out.into_stream()
}

fn passthrough(input: TokenStream) -> TokenStream {
    let mut out = Out::new();
    out.code("::core::format_args!");
    let mut inner = Out::new();
    inner.tokens(&input);
    out.paren(inner);
    out.into_stream()
}

fn comma() -> TokenTree {
    TokenTree::Punct(Punct::new(',', Spacing::Alone))
}

fn eq() -> TokenTree {
    TokenTree::Punct(Punct::new('=', Spacing::Alone))
}

/// `(&::kernel::str::FmtArg(&(EXPR))).__fmt_arg()`
fn wrap(out: &mut Out, expr: &[TokenTree]) {
    let mut inner = Out::new();
    inner.tokens(&expr.iter().cloned().collect::<TokenStream>());
    let mut arg = Out::new();
    arg.code("&");
    arg.paren(inner);
    let mut wrapped = Out::new();
    wrapped.code("&::kernel::str::FmtArg");
    wrapped.paren(arg);
    out.paren(wrapped);
    out.code(".__fmt_arg()");
}

/// The text and span of a plain string literal (possibly inside the
/// invisible group a `$fmt:literal` of a `macro_rules!` makes).
fn string_literal(tt: &TokenTree) -> Option<(String, Span)> {
    match tt {
        TokenTree::Literal(l) => {
            let s = l.to_string();
            (s.starts_with('"') && s.ends_with('"') && s.len() >= 2).then(|| (s[1..s.len() - 1].to_string(), l.span()))
        }
        TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            match inner.as_slice() {
                [one] => string_literal(one),
                _ => None,
            }
        }
        _ => None,
    }
}

/// What a format string names: identifiers of its placeholders, and the
/// arguments (indices or names) it uses as widths and precisions.
struct Uses {
    names: Vec<String>,
    counts: Vec<String>,
}

/// The placeholders of the source text of a format string; `None` when it
/// has a `.*` precision (which takes a positional argument of its own).
fn placeholders(src: &str) -> Option<Uses> {
    let mut uses = Uses { names: Vec::new(), counts: Vec::new() };
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            // An escape: `\u{..}` holds braces that are not placeholders.
            '\\' => {
                i += 2;
                if chars.get(i - 1) == Some(&'u') && chars.get(i) == Some(&'{') {
                    while i < chars.len() && chars[i] != '}' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            '{' if chars.get(i + 1) == Some(&'{') => i += 2,
            '{' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != '}' {
                    end += 1;
                }
                let inner: String = chars[start..end.min(chars.len())].iter().collect();
                let (arg, spec) = match inner.find(':') {
                    Some(c) => (inner[..c].trim().to_string(), inner[c + 1..].to_string()),
                    None => (inner.trim().to_string(), String::new()),
                };
                if spec.contains(".*") {
                    return None;
                }
                let ident = arg.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_');
                if ident && !uses.names.contains(&arg) {
                    uses.names.push(arg);
                }
                count_args(&spec, &mut uses.counts);
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    Some(uses)
}

/// The arguments a spec names before a `$`: `w$` and `.1$` name `w` and `1`.
fn count_args(spec: &str, counts: &mut Vec<String>) {
    let chars: Vec<char> = spec.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '$' {
            continue;
        }
        let mut j = i;
        while j > 0 && (chars[j - 1].is_alphanumeric() || chars[j - 1] == '_') {
            j -= 1;
        }
        if j < i {
            let name: String = chars[j..i].iter().collect();
            if !counts.contains(&name) {
                counts.push(name);
            }
        }
    }
}

/// The arguments after the format string, split at commas outside groups
/// and turbofish angle brackets (`f::<A, B>()`); a trailing comma ends them.
fn split_args(tokens: &[TokenTree]) -> Vec<Vec<TokenTree>> {
    let mut args = Vec::new();
    let mut cur: Vec<TokenTree> = Vec::new();
    let mut angle = 0usize;
    for (i, tt) in tokens.iter().enumerate() {
        if let TokenTree::Punct(p) = tt {
            let after_colons = i >= 2
                && matches!(&tokens[i - 1], TokenTree::Punct(q) if q.as_char() == ':')
                && matches!(&tokens[i - 2], TokenTree::Punct(q) if q.as_char() == ':');
            match p.as_char() {
                '<' if after_colons || angle > 0 => angle += 1,
                '>' if angle > 0 => angle -= 1,
                ',' if angle == 0 => {
                    if !cur.is_empty() {
                        args.push(core::mem::take(&mut cur));
                    }
                    continue;
                }
                _ => {}
            }
        }
        cur.push(tt.clone());
    }
    if !cur.is_empty() {
        args.push(cur);
    }
    args
}

/// `name = expr` (not `name == expr`): the name and the expression.
fn named_arg(arg: &[TokenTree]) -> Option<(Ident, Vec<TokenTree>)> {
    match arg {
        [TokenTree::Ident(name), TokenTree::Punct(p), rest @ ..]
            if p.as_char() == '=' && p.spacing() == Spacing::Alone && !rest.is_empty() =>
        {
            Some((name.clone(), rest.to_vec()))
        }
        _ => None,
    }
}

