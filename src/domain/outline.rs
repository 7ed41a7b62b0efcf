//! A first look at saved or imported JSON, before it is read as an [`AppState`]: is it
//! an object, what do its `format`, `version` and `revision` say, and how long is its
//! longest piece of text (a key or a value, anywhere)?
//!
//! This used to be done by parsing into `serde_json::Value` and looking around the tree.
//! The tree's code (its parser, its map type and a second set of deserialisers for every
//! saved type) cost the wasm about 20 KB; walking the text with a visitor costs a
//! fraction of that, and the state is then read straight from the text.
//!
//! [`AppState`]: crate::domain::AppState

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// What the first look found. Only a JSON object gets fields; anything else is
/// [`Outline::NotAnObject`].
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
    /// Reads `text`, which must be one whole JSON value (the error is serde_json's).
    pub fn read(text: &str) -> Result<Outline, serde_json::Error> {
        serde_json::from_str(text)
    }
}

impl<'de> Deserialize<'de> for Outline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OutlineVisitor)
    }
}

struct OutlineVisitor;

impl<'de> Visitor<'de> for OutlineVisitor {
    type Value = Outline;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outline, A::Error> {
        let mut outline = Outline {
            is_object: true,
            ..Outline::default()
        };
        while let Some(key) = map.next_key::<String>()? {
            let value: Look = map.next_value()?;
            outline.longest_text = outline
                .longest_text
                .max(key.chars().count())
                .max(value.longest_text);
            match key.as_str() {
                "format" => outline.format = value.text,
                "version" => outline.version = value.number,
                "revision" => outline.revision = value.number,
                _ => {}
            }
        }
        Ok(outline)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Outline, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Outline::default())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Outline, E> {
        Ok(Outline::default())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Outline, E> {
        Ok(Outline::default())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Outline, E> {
        Ok(Outline::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Outline, E> {
        Ok(Outline::default())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Outline, E> {
        Ok(Outline::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Outline, E> {
        Ok(Outline::default())
    }
}

/// Any JSON value, kept only as much as the outline needs: its text if it is text,
/// its number if it is a whole number of 0 or more, and its longest text.
#[derive(Default)]
struct Look {
    text: Option<String>,
    number: Option<u64>,
    longest_text: usize,
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
        let mut longest = 0;
        while let Some(key) = map.next_key::<String>()? {
            let value: Look = map.next_value()?;
            longest = longest.max(key.chars().count()).max(value.longest_text);
        }
        Ok(Look {
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
            number: None,
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
