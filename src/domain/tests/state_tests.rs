use super::{english, fill};
use crate::domain::{
    AppState, Day, MigrateError, PlanMode, QuestionId, StepId, StepStatus, TemplateId,
    FORMAT_MARKER, SCHEMA_VERSION,
};

/// Loads a JSON value as saved text, the way storage and imports hand it over.
fn migrate(value: serde_json::Value) -> Result<AppState, MigrateError> {
    AppState::from_json(&value.to_string())
}

const FIXTURE_V1: &str = include_str!("../fixtures/state_v1.json");

#[test]
fn a_fresh_state_is_marked_versioned_and_at_revision_zero() {
    let state = AppState::new();
    assert_eq!(
        (state.format.as_str(), state.version, state.revision),
        (FORMAT_MARKER, SCHEMA_VERSION, 0)
    );
    assert!(state.answers.is_empty());
    assert_eq!(AppState::default(), state);
}

#[test]
fn revisions_tell_a_stale_tab_from_a_current_one() {
    let stale = AppState::new();
    let mut current = stale.clone();
    current.bump_revision();
    current.bump_revision();
    assert_eq!(current.revision, 2);
    assert!(current.is_newer_or_same(&stale));
    assert!(!stale.is_newer_or_same(&current));
}

#[test]
fn the_saved_version_1_fixture_loads() {
    let state = AppState::from_json(FIXTURE_V1).unwrap();
    assert_eq!(state.revision, 42);
    assert_eq!(state.answers.len(), 11);
    let tracker = &state.tracker;
    assert_eq!(tracker.plan(), PlanMode::Reconcile);
    assert_eq!(tracker.status(StepId(1)), StepStatus::Done);
    assert_eq!(tracker.done_on(StepId(1)), Day::from_ymd(2025, 1, 10));
    assert_eq!(tracker.status(StepId(5)), StepStatus::Skipped);
    assert_eq!(tracker.notes().len(), 2);
    let today = Day::from_ymd(2025, 1, 25).unwrap();
    assert_eq!(tracker.no_contact().current_run(today), 5);
    assert_eq!(tracker.no_contact().longest_run(today), 9);
    assert_eq!(
        tracker.template_text(english(), &TemplateId::new("no_communication")),
        Some("You're right, let's not talk for a while. Take care of yourself.")
    );
    assert_eq!(
        state.settings.current_question,
        Some(QuestionId::new("understand_what_went_wrong"))
    );
    let mut answers = state.answers.clone();
    assert_eq!(
        answers.sanitise(english()),
        vec![],
        "every saved answer still fits the content"
    );
}

#[test]
fn the_fixture_survives_a_save_and_load() {
    let state = AppState::from_json(FIXTURE_V1).unwrap();
    let text = state.to_json().unwrap();
    assert_eq!(AppState::from_json(&text).unwrap(), state);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["tracker"]["no_contact"]["started_on"], "2025-01-11",
        "days are saved as readable dates"
    );
}

#[test]
fn a_filled_state_round_trips_through_json() {
    let mut state = AppState::new();
    state.answers = fill(english(), &[]);
    state
        .tracker
        .start_no_contact(english(), Day(20_000))
        .unwrap();
    state
        .tracker
        .add_note(english(), StepId(2), Day(20_001), "Day one.")
        .unwrap();
    state.settings.language = Some("en".into());
    state.bump_revision();
    let text = state.to_json_pretty().unwrap();
    // The export's layout is serde_json's own pretty layout, byte for byte.
    assert_eq!(text, serde_json::to_string_pretty(&state).unwrap());
    assert_eq!(AppState::from_json(&text), Ok(state));
}

#[test]
fn files_that_are_not_ours_are_recognised() {
    assert!(matches!(
        AppState::from_json("not json"),
        Err(MigrateError::NotJson(_))
    ));
    assert_eq!(
        AppState::from_json("[1, 2]"),
        Err(MigrateError::NotAnObject)
    );
    assert_eq!(
        AppState::from_json(r#"{"format": "todo-list", "version": 1}"#),
        Err(MigrateError::ForeignFormat {
            found: Some("todo-list".into())
        })
    );
    assert_eq!(
        AppState::from_json(r#"{"todos": []}"#),
        Err(MigrateError::ForeignFormat { found: None })
    );
    assert_eq!(
        AppState::from_json(r#"{"format": "todo-list"}"#)
            .unwrap_err()
            .to_string(),
        "the data is a \"todo-list\" file, not a Rekindle file"
    );
}

#[test]
fn versions_from_the_future_and_missing_versions_are_refused() {
    assert_eq!(
        migrate(serde_json::json!({"format": "rekindle", "version": 2, "revision": 1})),
        Err(MigrateError::TooNew {
            found: 2,
            newest_supported: 1
        })
    );
    assert_eq!(
        migrate(serde_json::json!({"format": "rekindle"})),
        Err(MigrateError::MissingVersion)
    );
    assert_eq!(
        migrate(serde_json::json!({"format": "rekindle", "version": "one"})),
        Err(MigrateError::MissingVersion)
    );
    assert_eq!(
        migrate(serde_json::json!({"format": "rekindle", "version": 0})),
        Err(MigrateError::UnknownVersion(0))
    );
}

#[test]
fn damaged_version_1_data_is_a_typed_error() {
    let damaged = serde_json::json!({"format": "rekindle", "version": 1, "revision": 3, "answers": {"who_ended": 7}});
    assert!(matches!(
        migrate(damaged),
        Err(MigrateError::Damaged { version: 1, .. })
    ));
    let bad_date = FIXTURE_V1.replace("2025-01-10", "2025-02-30");
    assert!(matches!(
        AppState::from_json(&bad_date),
        Err(MigrateError::Damaged { version: 1, .. })
    ));
}

#[test]
fn a_minimal_version_1_file_loads_with_empty_parts() {
    let state =
        migrate(serde_json::json!({"format": "rekindle", "version": 1, "revision": 0})).unwrap();
    assert_eq!(state, AppState::new());
}

#[test]
fn words_written_for_the_retired_jealousy_template_move_to_the_honest_update() {
    let saved = r#"{"format":"rekindle","version":1,"revision":3,
        "tracker":{"edited_templates":{"jealousy":"My own words."}}}"#;
    let state = AppState::from_json(saved).expect("loads");
    let content = crate::content::english();
    let id = crate::domain::TemplateId::new("honest_update");
    assert!(state.tracker.is_template_edited(&id));
    assert_eq!(
        state.tracker.template_text(content, &id),
        Some("My own words.")
    );
}

/// What each release saved (`fixtures/releases/<version>.json`, recorded by
/// `e2e/tools/capture-release-state.mjs`) must load in this one, every answer still fitting
/// the content and every note and step kept: readers upgrade by a version number in a
/// snippet, and their data must follow. A change that breaks this needs a migration.
#[test]
fn every_earlier_releases_saved_state_loads_with_nothing_lost() {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain/fixtures/releases");
    let mut loaded = 0;
    for entry in std::fs::read_dir(&folder).expect("the release fixtures folder") {
        let path = entry.expect("a fixture").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let raw: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let state = AppState::from_json(&text)
            .unwrap_or_else(|e| panic!("{} no longer loads: {e:?}", path.display()));
        let mut answers = state.answers.clone();
        assert_eq!(
            answers.sanitise(english()),
            vec![],
            "{}: every answer still fits",
            path.display()
        );
        assert_eq!(
            state.answers.len(),
            raw["answers"].as_object().map_or(0, |a| a.len()),
            "{}: every answer kept",
            path.display()
        );
        assert_eq!(
            state.tracker.notes().len(),
            raw["tracker"]["notes"].as_array().map_or(0, |n| n.len()),
            "{}: every note kept",
            path.display()
        );
        loaded += 1;
    }
    assert!(loaded >= 1, "at least the first release's fixture");
}

#[test]
fn every_place_is_saved_as_a_view_and_step_and_read_back() {
    use crate::domain::Place;
    let places = [
        (Place::Question, r#"{"view":"question"}"#),
        (Place::Review, r#"{"view":"review"}"#),
        (Place::Result, r#"{"view":"result"}"#),
        (Place::Plan, r#"{"view":"plan"}"#),
        (Place::Step(StepId(7)), r#"{"view":"step","step":7}"#),
        (Place::NoContact, r#"{"view":"no_contact"}"#),
        (Place::Templates, r#"{"view":"templates"}"#),
        (Place::Data, r#"{"view":"data"}"#),
    ];
    for (place, json) in places {
        assert_eq!(serde_json::to_string(&place).expect("saves"), json);
        assert_eq!(serde_json::from_str::<Place>(json).expect("reads"), place);
    }
    for broken in [
        r#"{"view":"step"}"#,
        r#"{"view":"elsewhere"}"#,
        r#"{"step":2}"#,
    ] {
        assert!(serde_json::from_str::<Place>(broken).is_err(), "{broken}");
    }
}
