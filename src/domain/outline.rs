//! A first look at saved or imported JSON, before it is read as an [`AppState`]: is it
//! an object, what do its `format`, `version` and `revision` say, and how long is its
//! longest piece of text (a key or a value, anywhere)?
//!
//! This used to be done by parsing into `serde_json::Value` and looking around the tree.
//! The tree's code (its parser, its map type and a second set of deserialisers for every
//! saved type) cost the wasm about 20 KB; walking the text with a visitor (through
//! `domain::json`) costs a fraction of that, and the state is then read straight from
//! the text.
//!
//! [`AppState`]: crate::domain::AppState

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// What the first look found. Only a JSON object has fields; for anything else
/// `is_object` is false and the fields are absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    pub is_object: bool,
    /// `format`, when it is text.
    pub format: Option<String>,
    /// `version`, when it is a whole number of 0 or more.
    pub version: Option<u64>,
    /// `revision`, when it is a whole number of 0 or more.
    pub revision: Option<u64>,
    /// In characters, of the longest text anywhere, keys included.
    pub longest_text: usize,
}

impl Outline {
    /// Reads `text`, which must be one whole JSON value.
    pub fn read(text: &str) -> Result<Outline, crate::domain::json::Error> {
        let look: Look = crate::domain::json::from_str(text)?;
        let is_object = look.object.is_some();
        let fields = look.object.unwrap_or_default();
        Ok(Outline {
            is_object,
            format: fields.format,
            version: fields.version,
            revision: fields.revision,
            longest_text: look.longest_text,
        })
    }
}

/// Any JSON value, kept only as much as the outline needs. One visitor walks the whole
/// value; the outline takes the fields of the outermost object.
#[derive(Default)]
struct Look {
    /// The value, when it is text.
    text: Option<String>,
    /// The value, when it is a whole number of 0 or more.
    number: Option<u64>,
    /// The value's own fields, when it is an object.
    object: Option<Fields>,
    longest_text: usize,
}

#[derive(Default)]
struct Fields {
    format: Option<String>,
    version: Option<u64>,
    revision: Option<u64>,
}

impl<'de> Deserialize<'de> for Look {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LookVisitor)
    }
}

struct LookVisitor;

impl<'de> Visitor<'de> for LookVisitor {
    type Value = Look;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Look, A::Error> {
        let mut fields = Fields::default();
        let mut longest = 0;
        while let Some(key) = map.next_key::<String>()? {
            let value: Look = map.next_value()?;
            longest = longest.max(key.chars().count()).max(value.longest_text);
            match key.as_str() {
                "format" => fields.format = value.text,
                "version" => fields.version = value.number,
                "revision" => fields.revision = value.number,
                _ => {}
            }
        }
        Ok(Look {
            object: Some(fields),
            longest_text: longest,
            ..Look::default()
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Look, A::Error> {
        let mut longest = 0;
        while let Some(item) = seq.next_element::<Look>()? {
            longest = longest.max(item.longest_text);
        }
        Ok(Look {
            longest_text: longest,
            ..Look::default()
        })
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Look, E> {
        Ok(Look {
            text: Some(text.to_string()),
            longest_text: text.chars().count(),
            ..Look::default()
        })
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Look, E> {
        Ok(Look {
            number: Some(number),
            ..Look::default()
        })
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Look, E> {
        Ok(Look::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Look, E> {
        Ok(Look::default())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Look, E> {
        Ok(Look::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Look, E> {
        Ok(Look::default())
    }
}

#[cfg(test)]
mod tests {
    use super::Outline;

    #[test]
    fn an_object_gives_its_marker_version_revision_and_longest_text() {
        let outline = Outline::read(
            r#"{"format": "rekindle", "version": 1, "revision": 7,
                "tracker": {"notes": [{"text": "ééé"}, {"text": "ab"}]}}"#,
        )
        .expect("JSON");
        assert_eq!(
            outline,
            Outline {
                is_object: true,
                format: Some("rekindle".into()),
                version: Some(1),
                revision: Some(7),
                // "tracker" is the longest: keys count as text.
                longest_text: 8,
            }
        );
        let long_value = Outline::read(r#"{"a": ["x", {"b": "ééééééééé"}]}"#).expect("JSON");
        assert_eq!(long_value.longest_text, 9);
    }

    #[test]
    fn fields_of_the_wrong_kind_are_absent_not_errors() {
        let outline = Outline::read(r#"{"format": 3, "version": "one", "revision": -1}"#)
            .expect("still JSON");
        assert_eq!(
            (outline.format, outline.version, outline.revision),
            (None, None, None)
        );
        let outline = Outline::read(r#"{"version": 1.5, "format": ["rekindle"]}"#).expect("JSON");
        assert_eq!((outline.format, outline.version), (None, None));
    }

    #[test]
    fn anything_but_an_object_is_not_one_and_broken_json_is_an_error() {
        for text in ["[1, {\"a\": 2}]", "\"rekindle\"", "3", "true", "null"] {
            let outline = Outline::read(text).expect("JSON");
            assert!(!outline.is_object, "{text}");
        }
        for text in ["{\"format\": \"rekindle\", \"vers", "{} {}", "", "[1,]"] {
            assert!(Outline::read(text).is_err(), "{text}");
        }
    }
}
