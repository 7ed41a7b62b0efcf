//! The `data-` attributes a blogger writes, read into typed options. Pure: the caller
//! passes a look-up function, so every rule is tested natively. An unknown or invalid
//! value gives one warning naming the attribute and what it accepts, and the default.

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follow the reader's system setting.
    #[default]
    Auto,
}

impl Theme {
    /// The class the widget root carries for this theme.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Light => "rk-light",
            Theme::Dark => "rk-dark",
            Theme::Auto => "rk-auto",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StartView {
    #[default]
    Welcome,
    Assessment,
    Plan,
}

/// Everything a page can configure, with the defaults the README documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `data-lang`: a language, or `auto` (the host page's, then the browser's).
    pub lang: LangChoice,
    pub theme: Theme,
    pub namespace: String,
    pub start: StartView,
    /// A CSS colour (hex), checked so it can go into a stylesheet safely.
    pub accent: Option<String>,
    pub help_text: Option<String>,
    /// Only web, phone and mail links, so a `javascript:` URL can never reach the page.
    pub help_url: Option<String>,
    /// Dispatch `rekindle:result` (with the band only) on the host element.
    pub events: bool,
    /// Where "Leave this page quickly" goes; http(s) only. `None` uses the widget's
    /// default (a search engine's home page).
    pub exit_url: Option<String>,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            lang: LangChoice::Auto,
            theme: Theme::Auto,
            namespace: "default".to_string(),
            start: StartView::Welcome,
            accent: None,
            help_text: None,
            help_url: None,
            events: false,
            exit_url: None,
        }
    }
}

/// What `data-lang` asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LangChoice {
    /// The host page's `lang`, then the browser's languages, then English.
    #[default]
    Auto,
    Fixed(Lang),
}

/// What `data-lang` accepts, as its warning lists it.
pub const LANG_VALUES: &str = "en, es, auto";

/// Reads options from attributes (`get("data-theme")` → its value, if present).
/// Returns the options and one warning per rejected attribute.
pub fn read_options(get: impl Fn(&str) -> Option<String>) -> (EmbedOptions, Vec<String>) {
    let mut options = EmbedOptions::default();
    let mut warnings = Vec::new();
    let mut warn = |attribute: &str, value: &str, accepted: &str, default: &str| {
        warnings.push(format!(
            "Rekindle: {attribute}=\"{value}\" is not valid; it accepts {accepted}. Using the default ({default})."
        ));
    };

    if let Some(value) = get("data-lang") {
        let wanted = value.trim().to_ascii_lowercase();
        options.lang = if wanted == "auto" {
            LangChoice::Auto
        } else if let Some(lang) = Lang::ALL.into_iter().find(|lang| lang.code() == wanted) {
            LangChoice::Fixed(lang)
        } else {
            // An unknown language is a mistake to fix, so it gets the one language
            // every build has rather than a guess.
            warn("data-lang", &value, LANG_VALUES, "en");
            LangChoice::Fixed(Lang::En)
        };
    }
    if let Some(value) = get("data-theme") {
        match value.trim() {
            "light" => options.theme = Theme::Light,
            "dark" => options.theme = Theme::Dark,
            "auto" => options.theme = Theme::Auto,
            _ => warn("data-theme", &value, "light, dark, auto", "auto"),
        }
    }
    if let Some(value) = get("data-namespace") {
        if is_valid_namespace(&value) {
            options.namespace = value;
        } else {
            warn(
                "data-namespace",
                &value,
                "1 to 40 letters, digits, - or _",
                "default",
            );
        }
    }
    if let Some(value) = get("data-start") {
        match value.trim() {
            "welcome" => options.start = StartView::Welcome,
            "assessment" => options.start = StartView::Assessment,
            "plan" => options.start = StartView::Plan,
            _ => warn("data-start", &value, "welcome, assessment, plan", "welcome"),
        }
    }
    if let Some(value) = get("data-accent") {
        if is_hex_colour(value.trim()) {
            options.accent = Some(value.trim().to_string());
        } else {
            warn(
                "data-accent",
                &value,
                "a hex colour such as #a2412c",
                "the built-in accent",
            );
        }
    }
    if let Some(value) = get("data-help-text") {
        let text = value.trim();
        if !text.is_empty() {
            options.help_text = Some(text.to_string());
        }
    }
    if let Some(value) = get("data-help-url") {
        let url = value.trim();
        let lower = url.to_ascii_lowercase();
        if ["https://", "http://", "tel:", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme))
        {
            options.help_url = Some(url.to_string());
        } else {
            warn(
                "data-help-url",
                &value,
                "an https://, http://, tel: or mailto: address",
                "no link",
            );
        }
    }
    if let Some(value) = get("data-exit-url") {
        let url = value.trim();
        let lower = url.to_ascii_lowercase();
        // A way out must always lead somewhere ordinary: no script, no phone dialler.
        if (lower.starts_with("https://") || lower.starts_with("http://"))
            && url.len() > "https://".len()
        {
            options.exit_url = Some(url.to_string());
        } else {
            warn(
                "data-exit-url",
                &value,
                "an https:// or http:// address",
                "a search engine's home page",
            );
        }
    }
    if let Some(value) = get("data-events") {
        match value.trim() {
            "" | "true" | "result" => options.events = true,
            "false" | "none" => options.events = false,
            _ => warn("data-events", &value, "true, false", "false"),
        }
    }
    (options, warnings)
}

fn is_valid_namespace(value: &str) -> bool {
    (1..=40).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_hex_colour(value: &str) -> bool {
    value.strip_prefix('#').is_some_and(|hex| {
        matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (EmbedOptions, Vec<String>) {
        read_options(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn no_attributes_give_the_documented_defaults_and_no_warning() {
        let (options, warnings) = read(&[]);
        assert_eq!(options, EmbedOptions::default());
        assert_eq!(options.namespace, "default");
        assert_eq!(options.theme, Theme::Auto);
        assert!(!options.events, "events are opt-in");
        assert!(warnings.is_empty());
    }

    #[test]
    fn valid_attributes_are_read() {
        let (options, warnings) = read(&[
            ("data-theme", "dark"),
            ("data-namespace", "my-blog_2"),
            ("data-start", "plan"),
            ("data-accent", "#2f6b3a"),
            ("data-help-text", "Call 0800 123 456, any time"),
            ("data-help-url", "https://example.org/help"),
            ("data-events", "true"),
            ("data-exit-url", " https://weather.example/today "),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(options.theme, Theme::Dark);
        assert_eq!(options.namespace, "my-blog_2");
        assert_eq!(options.start, StartView::Plan);
        assert_eq!(options.accent.as_deref(), Some("#2f6b3a"));
        assert_eq!(
            options.help_url.as_deref(),
            Some("https://example.org/help")
        );
        assert!(options.events);
        assert_eq!(
            options.exit_url.as_deref(),
            Some("https://weather.example/today")
        );
    }

    #[test]
    fn data_lang_takes_a_language_or_auto_and_an_unknown_one_gives_english() {
        let lang = |value: &str| read(&[("data-lang", value)]);
        assert_eq!(read(&[]).0.lang, LangChoice::Auto);
        assert_eq!(lang("auto").0.lang, LangChoice::Auto);
        assert_eq!(lang(" ES ").0.lang, LangChoice::Fixed(Lang::Es));
        assert_eq!(lang("en").0.lang, LangChoice::Fixed(Lang::En));
        let (options, warnings) = lang("klingon");
        assert_eq!(options.lang, LangChoice::Fixed(Lang::En));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("data-lang") && warnings[0].contains("en, es, auto"));
    }

    #[test]
    fn each_invalid_value_warns_once_naming_the_attribute_and_the_accepted_values() {
        let cases = [
            ("data-theme", "purple", "light, dark, auto"),
            ("data-start", "result", "welcome, assessment, plan"),
            ("data-namespace", "has space", "letters, digits"),
            ("data-accent", "red; } * { display:none", "hex colour"),
            ("data-help-url", "javascript:alert(1)", "https://"),
            ("data-events", "maybe", "true, false"),
            ("data-exit-url", "javascript:alert(1)", "https://"),
            ("data-exit-url", "tel:999", "https://"),
            ("data-exit-url", "https://", "https://"),
        ];
        for (attribute, value, accepted) in cases {
            let (options, warnings) = read(&[(attribute, value)]);
            assert_eq!(options, EmbedOptions::default(), "{attribute} falls back");
            assert_eq!(warnings.len(), 1, "{attribute}: {warnings:?}");
            assert!(warnings[0].contains(attribute), "{}", warnings[0]);
            assert!(warnings[0].contains(accepted), "{}", warnings[0]);
        }
    }
}
