//! Checking a file the reader imports, beyond parsing it: a file can be valid JSON of
//! our format and still be something Rekindle never writes (hand-edited, cut and
//! pasted together, or damaged). What can be repaired without losing a word is repaired
//! and reported; what cannot is refused with the reason. Pure: text in, state out.

use std::fmt;

use crate::domain::outline::Outline;
use crate::domain::state::{migrate, AppState, MigrateError};

/// Longer than any text Rekindle keeps in one field. A long journal note pasted whole
/// (100 KB) fits with room to spare; a file with more in one field is not ours.
pub const MAX_TEXT_CHARS: usize = 200_000;

/// More journal notes than a reader writes in years of daily use.
pub const MAX_NOTES: usize = 10_000;

/// The largest revision a real tab can reach: JavaScript numbers are exact up to 2^53,
/// and one save per second for a century is about 2^32.
pub const MAX_REVISION: u64 = 1 << 53;

/// A repair made to an imported file; each is told to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repair {
    /// Journal notes shared an id (or had ids beyond what can be numbered on); they
    /// were numbered afresh. Every note is kept.
    RenumberedNotes,
    /// The number the next note gets was not above every note's; raised.
    RaisedNextNoteId,
    /// The revision was beyond anything a tab writes; an import is saved with this
    /// tab's own revision anyway.
    ResetRevision,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Repair::RenumberedNotes => "some journal notes shared a number, so they were numbered afresh, and every note is kept",
            Repair::RaisedNextNoteId => "the number for the next note was behind, so it was moved on",
            Repair::ResetRevision => "its save counter was out of range, so it was reset",
        })
    }
}

/// Why an imported file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportRefusal {
    /// Not readable as a Rekindle file of a known version.
    Unreadable(MigrateError),
    /// A piece of text longer than [`MAX_TEXT_CHARS`].
    TextTooLong { chars: usize },
    /// More than [`MAX_NOTES`] journal notes.
    TooManyNotes(usize),
}

impl fmt::Display for ImportRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportRefusal::Unreadable(error) => error.fmt(f),
            ImportRefusal::TextTooLong { chars } => write!(
                f,
                "a piece of text in the file is {chars} characters long; Rekindle keeps up to {MAX_TEXT_CHARS}"
            ),
            ImportRefusal::TooManyNotes(count) => write!(
                f,
                "the file holds {count} journal notes; Rekindle keeps up to {MAX_NOTES}"
            ),
        }
    }
}

impl std::error::Error for ImportRefusal {}

/// An imported file that passed, with the repairs made to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedImport {
    pub state: AppState,
    pub repairs: Vec<Repair>,
}

/// Reads, checks and (where it loses nothing) repairs an imported file.
pub fn check_import(text: &str) -> Result<CheckedImport, ImportRefusal> {
    let outline = Outline::read(text)
        .map_err(|error| ImportRefusal::Unreadable(MigrateError::NotJson(error.to_string())))?;
    if outline.longest_text > MAX_TEXT_CHARS {
        return Err(ImportRefusal::TextTooLong {
            chars: outline.longest_text,
        });
    }
    let mut state = migrate(text, &outline).map_err(ImportRefusal::Unreadable)?;
    let notes = state.tracker.notes().len();
    if notes > MAX_NOTES {
        return Err(ImportRefusal::TooManyNotes(notes));
    }
    let mut repairs = Vec::new();
    if state.revision > MAX_REVISION {
        state.revision = 0;
        repairs.push(Repair::ResetRevision);
    }
    let (renumbered, raised) = state.tracker.repair_note_ids();
    if renumbered {
        repairs.push(Repair::RenumberedNotes);
    }
    if raised {
        repairs.push(Repair::RaisedNextNoteId);
    }
    Ok(CheckedImport { state, repairs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use crate::domain::{Day, StepId};
    use serde_json::json;
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn file(tracker: Value) -> String {
        json!({ "format": "rekindle", "version": 1, "revision": 3, "tracker": tracker }).to_string()
    }

    fn note(id: u64, text: &str) -> Value {
        json!({ "id": id, "step": 4, "written_on": "2025-01-12", "text": text })
    }

    #[test]
    fn a_file_rekindle_wrote_passes_unchanged() {
        let mut state = AppState::new();
        state
            .tracker
            .add_note(content::english(), StepId(4), Day(20_000), "A walk helped.")
            .expect("a note");
        let checked = check_import(&state.to_json().expect("json")).expect("accepted");
        assert_eq!(checked.state, state);
        assert_eq!(checked.repairs, []);
        let fixture = include_str!("fixtures/state_v1.json");
        assert_eq!(check_import(fixture).expect("accepted").repairs, []);
    }

    #[test]
    fn colliding_note_ids_are_numbered_afresh_and_every_note_kept() {
        let text = file(
            json!({ "notes": [note(1, "one"), note(1, "two"), note(5, "three")], "next_note_id": 6 }),
        );
        let checked = check_import(&text).expect("repaired, not refused");
        let notes = checked.state.tracker.notes();
        let texts: Vec<&str> = notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["one", "two", "three"]);
        let ids: BTreeSet<u32> = notes.iter().map(|n| n.id.0).collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(checked.repairs, [Repair::RenumberedNotes]);
        // The next note gets an id no note has.
        let mut state = checked.state;
        let id = state
            .tracker
            .add_note(content::english(), StepId(4), Day(20_000), "four")
            .expect("a note");
        assert!(!ids.contains(&id.0));
    }

    #[test]
    fn a_next_note_id_behind_the_notes_is_moved_on() {
        let text = file(json!({ "notes": [note(0, "a"), note(7, "b")], "next_note_id": 2 }));
        let checked = check_import(&text).expect("repaired");
        assert_eq!(checked.repairs, [Repair::RaisedNextNoteId]);
        let mut state = checked.state;
        let id = state
            .tracker
            .add_note(content::english(), StepId(4), Day(20_000), "c")
            .expect("a note");
        assert_eq!(id.0, 8);
        // Missing altogether counts as behind, too.
        let text = file(json!({ "notes": [note(3, "a")] }));
        assert_eq!(
            check_import(&text).expect("repaired").repairs,
            [Repair::RaisedNextNoteId]
        );
    }

    #[test]
    fn note_ids_at_the_top_of_the_range_are_numbered_afresh() {
        let text =
            file(json!({ "notes": [note(u64::from(u32::MAX), "a")], "next_note_id": u32::MAX }));
        let checked = check_import(&text).expect("repaired");
        assert_eq!(checked.repairs, [Repair::RenumberedNotes]);
        assert_eq!(checked.state.tracker.notes()[0].id.0, 0);
    }

    #[test]
    fn an_absurd_revision_is_reset_and_said() {
        let text = json!({ "format": "rekindle", "version": 1, "revision": u64::MAX }).to_string();
        let checked = check_import(&text).expect("repaired");
        assert_eq!(checked.repairs, [Repair::ResetRevision]);
        assert_eq!(checked.state.revision, 0);
    }

    #[test]
    fn text_beyond_the_bound_is_refused_and_text_at_it_accepted() {
        let at = "x".repeat(MAX_TEXT_CHARS);
        assert!(check_import(&file(json!({ "notes": [note(0, &at)], "next_note_id": 1 }))).is_ok());
        let over = "é".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            check_import(&file(
                json!({ "notes": [note(0, &over)], "next_note_id": 1 })
            )),
            Err(ImportRefusal::TextTooLong {
                chars: MAX_TEXT_CHARS + 1
            })
        );
        // Anywhere: a template's wording, or a key.
        let text = file(json!({ "edited_templates": { "no_communication": over } }));
        assert!(matches!(
            check_import(&text),
            Err(ImportRefusal::TextTooLong { .. })
        ));
        let mut keyed = serde_json::Map::new();
        keyed.insert(over, json!(1));
        let text =
            json!({ "format": "rekindle", "version": 1, "revision": 1, "x": keyed }).to_string();
        assert!(matches!(
            check_import(&text),
            Err(ImportRefusal::TextTooLong { .. })
        ));
    }

    #[test]
    fn too_many_notes_are_refused() {
        let notes: Vec<Value> = (0..=MAX_NOTES as u64).map(|id| note(id, "n")).collect();
        assert_eq!(
            check_import(&file(json!({ "notes": notes }))),
            Err(ImportRefusal::TooManyNotes(MAX_NOTES + 1))
        );
    }

    #[test]
    fn what_does_not_parse_is_refused_as_before() {
        assert!(matches!(
            check_import("{\"format\": \"rekindle\", \"vers"),
            Err(ImportRefusal::Unreadable(MigrateError::NotJson(_)))
        ));
        assert!(matches!(
            check_import(
                &json!({ "format": "rekindle", "version": 99, "revision": 1 }).to_string()
            ),
            Err(ImportRefusal::Unreadable(MigrateError::TooNew { .. }))
        ));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            /// Whatever ids and next id a file claims, an accepted import has distinct
            /// ids, keeps every note's text in order, and numbers the next note above them.
            #[test]
            fn accepted_imports_have_distinct_ids_and_a_next_id_above_them(
                ids in proptest::collection::vec(prop_oneof![0u64..6, Just(u64::from(u32::MAX))], 0..8),
                next in proptest::option::of(0u64..10),
            ) {
                let notes: Vec<Value> = ids.iter().enumerate().map(|(n, &id)| note(id, &format!("note {n}"))).collect();
                let mut tracker = json!({ "notes": notes });
                if let Some(next) = next {
                    tracker["next_note_id"] = json!(next);
                }
                let checked = check_import(&file(tracker)).expect("accepted");
                let mut state = checked.state;
                let texts: Vec<String> = state.tracker.notes().iter().map(|n| n.text.clone()).collect();
                let expected: Vec<String> = (0..ids.len()).map(|n| format!("note {n}")).collect();
                prop_assert_eq!(texts, expected);
                let distinct: BTreeSet<u32> = state.tracker.notes().iter().map(|n| n.id.0).collect();
                prop_assert_eq!(distinct.len(), ids.len());
                let new = state.tracker.add_note(content::english(), StepId(4), Day(20_000), "new").expect("a note");
                prop_assert!(!distinct.contains(&new.0));
            }
        }
    }
}
