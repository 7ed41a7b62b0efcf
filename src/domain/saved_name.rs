//! Fieldless enums saved as their snake_case name (`"in_progress"`), exactly as serde's
//! derive writes them, but read through one shared string reader. The derive gives each
//! such enum its own enum-access code (about 1 KB of wasm per enum); reading a string
//! and matching it costs a few bytes per variant.

/// `saved_as_name!(StepStatus { NotStarted = "not_started", .. })`: `Serialize` and
/// `Deserialize` by name; an unknown name fails like the derive's does ("unknown variant
/// `x`, expected one of ...").
macro_rules! saved_as_name {
    ($name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        impl $name {
            /// The name this value is saved as.
            pub fn saved_name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.saved_name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = <String as serde::Deserialize>::deserialize(deserializer)?;
                match name.as_str() {
                    $($text => Ok($name::$variant),)*
                    other => Err(serde::de::Error::unknown_variant(other, &[$($text),*])),
                }
            }
        }
    };
}
pub(crate) use saved_as_name;

#[cfg(test)]
mod tests {
    use crate::domain::tracker::{PlanMode, StepStatus};

    #[test]
    fn names_are_what_serde_derive_wrote_and_read_back() {
        let saved = serde_json::to_string(&StepStatus::ALL).unwrap_or_default();
        assert_eq!(saved, r#"["not_started","in_progress","done","skipped"]"#);
        let back: Vec<StepStatus> = serde_json::from_str(&saved).unwrap_or_default();
        assert_eq!(back, StepStatus::ALL);
        let modes = [PlanMode::Reconcile, PlanMode::MovingOn];
        let saved = serde_json::to_string(&modes).unwrap_or_default();
        assert_eq!(saved, r#"["reconcile","moving_on"]"#);
        let back: Vec<PlanMode> = serde_json::from_str(&saved).unwrap_or_default();
        assert_eq!(back, modes);
    }

    #[test]
    fn an_unknown_name_or_a_non_text_is_refused_with_the_accepted_names() {
        let error = serde_json::from_str::<StepStatus>(r#""finished""#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("unknown variant `finished`"), "{error}");
        assert!(error.contains("`in_progress`"), "{error}");
        assert!(serde_json::from_str::<PlanMode>("3").is_err());
    }
}
