//! The one saved document: answers, tracker and settings, with a format marker, a
//! schema version and a revision counter.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::assessment::Answers;
use crate::domain::content::{QuestionId, StepId};
use crate::domain::json;
use crate::domain::outline::Outline;
use crate::domain::saved_name::saved_as_name;
use crate::domain::tracker::Tracker;

/// Marks a JSON document as ours, so an imported file of some other kind is recognised.
pub const FORMAT_MARKER: &str = "rekindle";

/// The schema version this build writes. Older versions are migrated on load.
pub const SCHEMA_VERSION: u32 = 1;

/// Reader preferences that are not part of the assessment or the tracker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Language the reader picked (for example "en"); `None` follows the embedder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The question the reader was on, so the assessment resumes there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_question: Option<QuestionId>,
    /// The screen the reader was on, so a reload, a new visit or a second tab opens there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// A screen worth coming back to. The welcome screen is not one: it is only for a
/// reader with nothing saved.
///
/// Saved as `{"view": "plan"}`, or `{"view": "step", "step": 3}`: serde's adjacent
/// tagging wrote that, but its buffering cost the wasm 5 KB, so [`SavedPlace`] writes
/// and reads the same JSON as a plain struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "SavedPlace", try_from = "SavedPlace")]
pub enum Place {
    /// The question in [`Settings::current_question`].
    Question,
    Review,
    Result,
    Plan,
    Step(StepId),
    NoContact,
    Templates,
    Data,
}

/// [`Place`] as saved.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct SavedPlace {
    view: View,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<StepId>,
}

#[derive(Clone, Copy)]
enum View {
    Question,
    Review,
    Result,
    Plan,
    Step,
    NoContact,
    Templates,
    Data,
}

saved_as_name!(View {
    Question = "question",
    Review = "review",
    Result = "result",
    Plan = "plan",
    Step = "step",
    NoContact = "no_contact",
    Templates = "templates",
    Data = "data",
});

impl From<Place> for SavedPlace {
    fn from(place: Place) -> SavedPlace {
        let (view, step) = match place {
            Place::Question => (View::Question, None),
            Place::Review => (View::Review, None),
            Place::Result => (View::Result, None),
            Place::Plan => (View::Plan, None),
            Place::Step(step) => (View::Step, Some(step)),
            Place::NoContact => (View::NoContact, None),
            Place::Templates => (View::Templates, None),
            Place::Data => (View::Data, None),
        };
        SavedPlace { view, step }
    }
}

impl TryFrom<SavedPlace> for Place {
    type Error = &'static str;

    fn try_from(saved: SavedPlace) -> Result<Place, Self::Error> {
        Ok(match saved.view {
            View::Question => Place::Question,
            View::Review => Place::Review,
            View::Result => Place::Result,
            View::Plan => Place::Plan,
            View::Step => Place::Step(saved.step.ok_or("a step place without its step")?),
            View::NoContact => Place::NoContact,
            View::Templates => Place::Templates,
            View::Data => Place::Data,
        })
    }
}

/// Everything the reader owns, saved as one JSON document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppState {
    /// Always [`FORMAT_MARKER`].
    pub format: String,
    /// Always [`SCHEMA_VERSION`] once loaded; files of older versions are migrated.
    pub version: u32,
    /// Goes up by one on every saved change. A tab holding a lower revision than the one
    /// in storage is stale and must reload instead of writing.
    pub revision: u64,
    /// Assessment answers; only answers to visible questions.
    #[serde(default)]
    pub answers: Answers,
    /// Step progress, journal, no-contact counter, plan and edited templates.
    #[serde(default)]
    pub tracker: Tracker,
    #[serde(default)]
    pub settings: Settings,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

impl AppState {
    /// A fresh state at revision 0.
    pub fn new() -> AppState {
        AppState {
            format: FORMAT_MARKER.to_string(),
            version: SCHEMA_VERSION,
            revision: 0,
            answers: Answers::new(),
            tracker: Tracker::new(),
            settings: Settings::default(),
        }
    }

    /// Real answers or plan progress; having only looked around does not count. Decides
    /// whether the reader sees the welcome and whether their place is worth saving.
    pub fn has_progress(&self) -> bool {
        !self.answers.is_empty() || self.tracker != Tracker::new()
    }

    /// Call once per saved change.
    pub fn bump_revision(&mut self) {
        self.revision = self.revision.saturating_add(1);
    }

    /// True when there is nothing of the reader's in it: a fresh state, whatever its
    /// revision. Nothing needs saving then.
    pub fn is_blank(&self) -> bool {
        AppState {
            revision: 0,
            ..self.clone()
        } == AppState::new()
    }

    /// True if `self` should not be overwritten by `other` (it is at least as new).
    pub fn is_newer_or_same(&self, other: &AppState) -> bool {
        self.revision >= other.revision
    }

    /// Compact, as `serde_json::to_string` writes it (see `domain::json`).
    pub fn to_json(&self) -> Result<String, json::Error> {
        json::to_string(self)
    }

    /// For the export file: indented like `serde_json::to_string_pretty`, from the one
    /// compact serialiser (see `domain::indent`).
    pub fn to_json_pretty(&self) -> Result<String, json::Error> {
        self.to_json()
            .map(|compact| crate::domain::indent::indent_json(&compact))
    }

    /// Reads saved or imported text of any known version.
    pub fn from_json(text: &str) -> Result<AppState, MigrateError> {
        let outline =
            Outline::read(text).map_err(|error| MigrateError::NotJson(error.to_string()))?;
        migrate(text, &outline)
    }
}

/// Why saved or imported data could not be loaded. The caller keeps the raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrateError {
    NotJson(String),
    /// JSON, but not an object, so not one of our files.
    NotAnObject,
    /// An object without our format marker (`found` is what was there, if a string).
    ForeignFormat {
        found: Option<String>,
    },
    /// Our marker, but no usable version number.
    MissingVersion,
    /// Written by a newer Rekindle; loading it here could lose data.
    TooNew {
        found: u64,
        newest_supported: u32,
    },
    /// A version number that never existed (0).
    UnknownVersion(u64),
    /// Our format and a known version, but the contents do not fit it.
    Damaged {
        version: u32,
        reason: String,
    },
}

impl fmt::Display for MigrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrateError::NotJson(reason) => write!(f, "the data is not valid JSON: {reason}"),
            MigrateError::NotAnObject => write!(f, "the data is not a Rekindle file"),
            MigrateError::ForeignFormat { found: Some(found) } => {
                write!(f, "the data is a \"{found}\" file, not a Rekindle file")
            }
            MigrateError::ForeignFormat { found: None } => write!(f, "the data is not a Rekindle file"),
            MigrateError::MissingVersion => write!(f, "the Rekindle file has no version number"),
            MigrateError::TooNew { found, newest_supported } => write!(
                f,
                "the file was saved by a newer Rekindle (version {found}; this one reads up to {newest_supported})"
            ),
            MigrateError::UnknownVersion(found) => write!(f, "unknown Rekindle file version {found}"),
            MigrateError::Damaged { version, reason } => {
                write!(f, "the Rekindle file (version {version}) is damaged: {reason}")
            }
        }
    }
}

impl std::error::Error for MigrateError {}

/// Template ids that content retired, and the template that took each one's place. A
/// reader's own wording moves across rather than being dropped.
const RETIRED_TEMPLATES: &[(&str, &str)] = &[("jealousy", "honest_update")];

/// Loads saved JSON of any known version into the current [`AppState`], once its
/// [`Outline`] has said whose file it is and which version.
///
/// Each past version gets one step that lifts it to the next; when version 2 arrives,
/// read version 1's own shape here and lift it, and keep the fixture of version 1 in
/// the tests.
pub fn migrate(text: &str, outline: &Outline) -> Result<AppState, MigrateError> {
    if !outline.is_object {
        return Err(MigrateError::NotAnObject);
    }
    if outline.format.as_deref() != Some(FORMAT_MARKER) {
        return Err(MigrateError::ForeignFormat {
            found: outline.format.clone(),
        });
    }
    match outline.version.ok_or(MigrateError::MissingVersion)? {
        0 => Err(MigrateError::UnknownVersion(0)),
        1 => {
            let mut state: AppState =
                json::from_str(text).map_err(|error| MigrateError::Damaged {
                    version: 1,
                    reason: error.to_string(),
                })?;
            for (old, new) in RETIRED_TEMPLATES {
                state.tracker.retire_template(old, new);
            }
            Ok(state)
        }
        newer => Err(MigrateError::TooNew {
            found: newer,
            newest_supported: SCHEMA_VERSION,
        }),
    }
}
