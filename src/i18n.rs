//! The reader's language: which one, its text, its plural rules and its dates.
//!
//! Components never hold reader-visible text: they read it from the [`Texts`] the shell
//! passes down as a prop (English by default), fill placeholders with [`fill`], pick plural
//! forms with [`Texts::count`] (the browser's `Intl.PluralRules`) and write dates with
//! [`Texts::date`] (`Intl.DateTimeFormat`). Natively (render tests) plurals and dates
//! fall back to a simple rule and the ISO date.

use std::fmt::Display;

use crate::content;
use crate::domain::content::UiText;
use crate::domain::{Content, Day};

/// A language Rekindle speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code, as `lang` attributes and `Intl` take it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's own name, as the language switch shows it: the same in every
    /// language, so a reader finds theirs whatever the page shows now.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The writing direction of the language's script.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En | Lang::Es => "ltr",
        }
    }

    /// A language from a tag such as `es`, `es-MX` or `EN_gb` (by its primary subtag);
    /// `None` for a language Rekindle does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().as_bytes();
        Lang::ALL.into_iter().find(|lang| {
            let code = lang.code().as_bytes();
            tag.get(..code.len())
                .is_some_and(|primary| primary.eq_ignore_ascii_case(code))
                && matches!(tag.get(code.len()), None | Some(b'-' | b'_'))
        })
    }
}

/// What every view reads its words from: the language and its content. Compared by
/// language and by which content it points at, so switching re-renders every view.
#[derive(Clone, Copy, Debug)]
pub struct Texts {
    pub lang: Lang,
    /// The language's content when this was made; read through [`Texts::content`].
    own: &'static Content,
}

impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && std::ptr::eq(self.own, other.own)
    }
}

impl Default for Texts {
    fn default() -> Self {
        Texts::english()
    }
}

impl Texts {
    pub fn english() -> Self {
        Texts {
            lang: Lang::En,
            own: content::english(),
        }
    }

    /// Texts of `lang` from `content` (tests that need a language's rules on other text).
    pub fn new(lang: Lang, content: &'static Content) -> Self {
        Texts { lang, own: content }
    }

    /// The language's content. English is read afresh each time: its later texts
    /// arrive with the later part of the wasm (`content::english`), and a `Texts` made
    /// before then, kept by a callback or a view, must still find them.
    pub fn content(&self) -> &'static Content {
        match self.lang {
            Lang::En => content::english(),
            _ => self.own,
        }
    }

    /// The language's content if it is at hand (English always is; another language
    /// once loaded), else `None`.
    pub fn get(lang: Lang) -> Option<Self> {
        content::for_lang(lang).map(|content| Texts { lang, own: content })
    }

    pub fn ui(&self) -> &'static UiText {
        &self.content().ui
    }

    /// `one` or `other` by the language's plural rules for `n`, with `{n}` filled in.
    #[inline(never)]
    pub fn count(&self, n: usize, one: &str, other: &str) -> String {
        let form = if plural_is_one(self.lang, n) {
            one
        } else {
            other
        };
        fill(form, &[("n", &n)])
    }

    /// A day as the language writes a date ("14 March 2026", "14 de marzo de 2026").
    #[inline(never)]
    pub fn date(&self, day: Day) -> String {
        format_date(self.lang, day)
    }

    /// `text` in lower case by the language's rules, for a label used mid-sentence.
    pub fn lowercase(&self, text: &str) -> String {
        lowercase(self.lang, text)
    }

    /// `text` with its first letter in lower case by the language's rules: content
    /// labels start with a capital ("The \"no communication\" message"); mid-sentence
    /// they should not.
    pub fn lowercase_first(&self, text: &str) -> String {
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => {
                let mut out = lowercase(self.lang, first.encode_utf8(&mut [0; 4]));
                out.push_str(chars.as_str());
                out
            }
            None => String::new(),
        }
    }
}

/// A failure to open or make a share link, in the reader's words.
pub fn open_error(texts: Texts, error: &crate::share_crypto::OpenError) -> String {
    use crate::share_crypto::OpenError;
    let t = &texts.ui().shared;
    match error {
        OpenError::NoCrypto => t.no_crypto().to_string(),
        OpenError::Altered => t.altered().to_string(),
        OpenError::WrongPassphrase => t.wrong_passphrase().to_string(),
    }
}

/// Why a share link cannot be read, in the reader's words.
pub fn share_error(texts: Texts, error: &crate::domain::ShareError) -> String {
    use crate::domain::ShareError;
    let t = &texts.ui().shared;
    match error {
        ShareError::UnknownVersion(_) => t.other_version().to_string(),
        ShareError::Truncated => t.cut_short().to_string(),
        ShareError::Malformed => t.changed().to_string(),
        ShareError::DifferentContent => t.other_questions().to_string(),
        ShareError::NotBase64 => t.bad_characters().to_string(),
        ShareError::NotAShareLink => t.not_a_link().to_string(),
    }
}

/// Replaces each `{name}` in `template` with its value. Unknown names stay as they are,
/// so a mistake shows rather than vanishing (and the translation checks catch it first).
#[inline(never)]
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (value.to_string(), close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(&value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(target_arch = "wasm32")]
fn plural_is_one(lang: Lang, n: usize) -> bool {
    let locales = js_sys::Array::of1(&lang.code().into());
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    // Count-based texts come in two forms; every category but "one" takes "other".
    rules.select(n as f64) == "one"
}

/// Outside a browser (render tests): the rule English and Spanish share for whole
/// numbers.
#[cfg(not(target_arch = "wasm32"))]
fn plural_is_one(_lang: Lang, n: usize) -> bool {
    n == 1
}

#[cfg(target_arch = "wasm32")]
fn format_date(lang: Lang, day: Day) -> String {
    let locales = js_sys::Array::of1(&lang.code().into());
    let options = js_sys::Object::new();
    // A `Day` is a calendar date, not an instant: format it at UTC midnight, in UTC.
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    set("dateStyle", "long");
    set("timeZone", "UTC");
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let millis = f64::from(day.0) * 86_400_000.0;
    let date = js_sys::Date::new(&millis.into());
    format
        .format()
        .call1(&format, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| day.to_string())
}

/// Outside a browser (render tests): the ISO date.
#[cfg(not(target_arch = "wasm32"))]
fn format_date(_lang: Lang, day: Day) -> String {
    day.to_string()
}

/// The browser's case mapping, not Rust's: `str::to_lowercase` compiles Unicode's case
/// tables into the wasm (7 KB gzip), and the browser's follows the language's own rules.
#[cfg(target_arch = "wasm32")]
fn lowercase(lang: Lang, text: &str) -> String {
    js_sys::JsString::from(text)
        .to_locale_lower_case(Some(lang.code()))
        .into()
}

/// Outside a browser (render tests): Unicode's default mapping, the same for English
/// and Spanish.
#[cfg(not(target_arch = "wasm32"))]
fn lowercase(_lang: Lang, text: &str) -> String {
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders_and_keeps_unknown_ones() {
        assert_eq!(
            fill("Step {n} of {total}", &[("n", &3), ("total", &16)]),
            "Step 3 of 16"
        );
        assert_eq!(fill("{x} and {y}", &[("x", &"a")]), "a and {y}");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("{unclosed", &[("unclosed", &1)]), "{unclosed");
    }

    #[test]
    fn labels_lose_their_capital_mid_sentence() {
        let texts = Texts::default();
        assert_eq!(texts.lowercase_first("The first week"), "the first week");
        assert_eq!(texts.lowercase_first("Él"), "él");
        assert_eq!(texts.lowercase_first(""), "");
        assert_eq!(texts.lowercase("One Month"), "one month");
    }

    #[test]
    fn tags_are_read_by_their_primary_subtag() {
        assert_eq!(Lang::from_tag("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("ES"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag(" es "), Some(Lang::Es));
        assert_eq!(Lang::from_tag("esp"), None);
        assert_eq!(Lang::from_tag("e"), None);
    }
}
