//! Every word a reader sees or hears comes from `content/<lang>/`: this scan fails when a
//! view, the shell or a hook holds a string literal that reads like words. It is
//! deliberately simple: comments and test modules are skipped, and what remains may
//! hold only markup names (classes, ids, attribute values), punctuation, format
//! patterns and the few values on the allow-list below.

use std::fs;
use std::path::{Path, PathBuf};

/// Single words that are not reader text: attribute values, class names, event and
/// property names, and the names of `{placeholders}` that `fill` fills in.
const NAMES: &[&str] = &[
    // attribute values and element names
    "button",
    "submit",
    "checkbox",
    "radio",
    "password",
    "off",
    "true",
    "false",
    "page",
    "group",
    "status",
    "alert",
    "polite",
    "file",
    "date",
    "div",
    "a",
    "ltr",
    "rtl",
    // class names
    "primary",
    "muted",
    "lead",
    "card",
    "danger",
    "welcome",
    "privacy",
    "rekindle",
    // options, events, properties, schemes
    "embed",
    "autoheight",
    "lang",
    "type",
    "name",
    "height",
    "persist",
    "persisted",
    "writeText",
    "clipboard",
    "tel:",
    "mailto:",
    "OUT_DIR",
    "dark",
    "light",
    "auto",
    "rekindle:result",
    "rekindle:height",
    "text/plain",
    "application/json",
    "application/json,.json",
    "https://www.google.com/",
    "default",
    "noopener",
    "noreferrer",
    // placeholder names
    "n",
    "title",
    "total",
    "done",
    "summary",
    "prompt",
    "parts",
    "part",
    "max",
    "band",
    "weight",
    "template",
    "skipped",
    "repairs",
    "rank",
    "notes",
    "milestone",
    "low",
    "high",
    "free",
    "example",
    "edited",
    "days",
    "count",
    "contact",
    "chars",
    "answers",
    "answer",
    "date",
    "status",
];

/// The brand, which every language writes the same way.
const BRAND: &str = "Rekindle";

fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // `storage.rs` and `browser.rs` return failures as values; their few words are
    // internal reasons the shell turns into the reader's words (checked there).
    // `embed_options.rs` and `embed_links.rs` only compose console warnings for the
    // blogger (developer text, in English), never shown in the page.
    let mut files = vec![root.join("app.rs"), root.join("embed.rs")];
    for folder in ["components", "hooks"] {
        let mut found: Vec<PathBuf> = fs::read_dir(root.join(folder))
            .expect("source folder")
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// The string literals of `code` (comments and `#[cfg(test)]` modules left out), with
/// their line numbers. Raw strings are read whole; escapes are kept as written.
fn literals(code: &str) -> Vec<(usize, String)> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '\'' {
            // A char literal such as '{' or '"' (not a lifetime): skip it whole.
            match (chars.get(i + 1), chars.get(i + 2), chars.get(i + 3)) {
                (Some('\\'), _, _) => {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                }
                (Some(_), Some('\''), _) => i += 3,
                _ => i += 1,
            }
        } else if c == 'r' && matches!(chars.get(i + 1), Some('#') | Some('"')) {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let start = j + 1;
            let mut end = start;
            loop {
                if end >= chars.len() {
                    break;
                }
                if chars[end] == '"' && (0..hashes).all(|h| chars.get(end + 1 + h) == Some(&'#')) {
                    break;
                }
                end += 1;
            }
            let text: String = chars[start..end.min(chars.len())].iter().collect();
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = end + 1 + hashes;
        } else if c == '"' {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && chars[end] != '"' {
                if chars[end] == '\\' {
                    end += 1;
                }
                end += 1;
            }
            let text: String = chars[start..end.min(chars.len())].iter().collect();
            out.push((line, text.clone()));
            line += text.matches('\n').count();
            i = end + 1;
        } else if c.is_alphanumeric() || c == '_' {
            // Skip identifiers whole, so the `r` of `for` never starts a raw string.
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a literal could be reader text: a capital letter or a letter outside ASCII
/// (after placeholders and escapes are taken out), several words that are not all class
/// names, or one word that is not a known name.
fn reads_like_words(text: &str) -> bool {
    // Developer messages on the console, never shown in the page.
    if text.starts_with("Rekindle: ") || text == BRAND {
        return false;
    }
    // Markup and style drawn as a string (pictures, the host rule): names and numbers.
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') || trimmed.starts_with(":host") || trimmed.starts_with(".rekindle")
    {
        return false;
    }
    let mut stripped = String::new();
    let mut depth = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // An escape such as \u{2212} or \n is a character, not a word.
            '\\' => {
                chars.next();
            }
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => stripped.push(c),
            _ => {}
        }
    }
    if NAMES.contains(&stripped.trim()) {
        return false;
    }
    let is_class = |word: &str| {
        word.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./:[]".contains(c))
            && (word.contains(['-', '_', '.', '/', ':', '[']) || NAMES.contains(&word))
    };
    let words: Vec<&str> = stripped.split_whitespace().collect();
    if stripped
        .chars()
        .any(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_ascii()))
    {
        return true;
    }
    words
        .iter()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .any(|word| !is_class(word))
}

#[test]
fn views_shell_and_hooks_hold_no_reader_text() {
    let mut found = Vec::new();
    for path in sources() {
        let code = fs::read_to_string(&path).expect("readable source");
        for (line, text) in literals(&code) {
            if reads_like_words(&text) {
                found.push(format!("{}:{line}: {text:?}", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "reader text belongs in content/en/ui.json (and every translation), not in code:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_catches_words_and_lets_names_through() {
    let code = r##"
        // "Comments are fine"
        let a = "rk-step rk-status-{}";
        let b = "Next";
        let c = format!("{n} points");
        let d = r#"<svg class="rk-scale"></svg>"#;
        let e = '"';
        let f = "…";
    "##;
    let flagged: Vec<String> = literals(code)
        .into_iter()
        .filter(|(_, text)| reads_like_words(text))
        .map(|(_, text)| text)
        .collect();
    assert_eq!(flagged, ["Next", "{n} points"]);
    for words in ["day", "días", "lowers the outlook by {n}", "Step {n}"] {
        assert!(reads_like_words(words), "{words}");
    }
    for names in [
        "card rk-result",
        "rk-opt-{}-{}",
        "\\u{2212}{size}",
        "n",
        "…",
        "{prompt} — {answer}",
    ] {
        assert!(!reads_like_words(names), "{names}");
    }
}
