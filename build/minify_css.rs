//! The widget CSS minifier used by build.rs (also compiled into the library's tests).

/// A conservative minifier: drops comments, collapses whitespace, and removes it only
/// around `{ } ; ,`, where CSS never needs it. Quoted strings are copied as they are.
/// Whitespace around `:` is kept (`a :hover` differs from `a:hover`), and so is
/// whitespace around `+ - > ~` (needed inside `calc()`): the few bytes they cost are
/// almost nothing after gzip.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' => {
                pending_space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
            c => {
                if pending_space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',']) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                if c == '"' || c == '\'' {
                    copy_string(&mut chars, &mut out, c);
                }
            }
        }
    }
    out
}

/// Copies a quoted string up to and including its closing quote, escapes and all.
fn copy_string(chars: &mut impl Iterator<Item = char>, out: &mut String, quote: char) {
    let mut escaped = false;
    for c in chars {
        out.push(c);
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::minify_css;

    /// The text with comments dropped and every whitespace character removed.
    fn squeezed(css: &str) -> String {
        let mut out = String::new();
        let mut rest = css;
        while let Some(start) = rest.find("/*") {
            out.push_str(&rest[..start]);
            rest = rest[start..]
                .find("*/")
                .map_or("", |end| &rest[start + end + 2..]);
        }
        out.push_str(rest);
        out.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn only_comments_whitespace_and_last_semicolons_go() {
        let css = concat!(
            include_str!("../assets/rekindle.css"),
            include_str!("../assets/assessment.css"),
            include_str!("../assets/plan.css"),
        );
        let minified = minify_css(css);
        assert!(
            minified.len() * 10 < css.len() * 8,
            "saves at least a fifth"
        );
        assert_eq!(
            squeezed(css).replace(";}", "}"),
            squeezed(&minified),
            "nothing but whitespace, comments and a block's last `;` may be removed"
        );
    }

    #[test]
    fn keeps_the_whitespace_css_needs() {
        assert_eq!(
            minify_css("a  :hover ,\n b > c {\n  margin: calc(1em + 2px)  auto ;\n}\n"),
            "a :hover,b > c{margin: calc(1em + 2px) auto}"
        );
        assert_eq!(
            minify_css(".x::before { content: \"a  /* b */  c\"; }"),
            ".x::before{content: \"a  /* b */  c\"}"
        );
        assert_eq!(
            minify_css("@media (min-width: 40em) { /* wide */ .a { color: red; } }"),
            "@media (min-width: 40em){.a{color: red}}"
        );
    }
}
