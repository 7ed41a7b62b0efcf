//! Content files, pulled in at compile time and parsed into domain types.
//!
//! The JSON is parsed once, on first use. The bundled English files are checked by
//! this module's tests (they parse and pass `validate`), which is what makes the
//! `expect` in [`english`] safe: a broken content edit fails `cargo test`, never a reader.

use std::sync::OnceLock;

use crate::domain::{Content, ContentParseError, ContentSources};

/// The English content files, as compiled into the binary.
pub const ENGLISH_SOURCES: ContentSources<'static> = ContentSources {
    assessment: include_str!("../content/en/assessment.json"),
    steps: include_str!("../content/en/steps.json"),
    ui: include_str!("../content/en/ui.json"),
};

/// Parses the bundled English content without caching (for tests and tools).
pub fn parse_english() -> Result<Content, ContentParseError> {
    Content::parse(ENGLISH_SOURCES)
}

/// The English content, parsed on first use.
pub fn english() -> &'static Content {
    static ENGLISH: OnceLock<Content> = OnceLock::new();
    ENGLISH.get_or_init(|| {
        parse_english().expect("bundled English content parses; checked by content::tests")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate;

    #[test]
    fn bundled_english_content_parses() {
        if let Err(error) = parse_english() {
            panic!("{error}");
        }
    }

    #[test]
    fn bundled_english_content_is_valid() {
        if let Err(errors) = validate(english()) {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("content problems:\n{}", messages.join("\n"));
        }
    }

    #[test]
    fn english_is_parsed_once() {
        assert!(std::ptr::eq(english(), english()));
    }
}
