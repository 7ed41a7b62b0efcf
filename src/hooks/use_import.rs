//! `use_import`: reading a file the reader chose, checking it (`domain::check_import`:
//! parsed, then validated and, where nothing is lost, repaired), asking before it
//! replaces their data, and saying what was refused or put right.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::your_data::ImportState;
use crate::domain::{
    check_import, AppState, CheckedImport, ImportRefusal, MigrateError, Repair, MAX_NOTES,
    MAX_TEXT_CHARS,
};
use crate::i18n::{fill, Texts};
use crate::state::Action;

/// Files bigger than this are not Rekindle exports (a full one is a few kilobytes; a
/// journal full of long notes stays well under it).
const MAX_IMPORT_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

pub struct Import {
    pub state: ImportState,
    pub on_file: Callback<web_sys::File>,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
    /// Forgets any import in progress (after a delete).
    pub reset: Callback<()>,
}

#[hook]
pub fn use_import(dispatch: &Callback<Action>, texts: Texts) -> Import {
    let state = use_state(ImportState::default);
    let pending = use_mut_ref(|| None::<AppState>);
    let on_file = {
        let state = state.clone();
        let pending = pending.clone();
        Callback::from(move |file: web_sys::File| {
            if file.size() > MAX_IMPORT_BYTES {
                state.set(ImportState::Failed(texts.ui().data.too_large().into()));
                return;
            }
            let state = state.clone();
            let pending = pending.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = browser::read_text(&file)
                    .await
                    .map_err(|_| texts.ui().data.unreadable().to_string())
                    .and_then(|text| check_import(&text).map_err(|e| refusal(&e, texts)));
                match outcome {
                    Ok(checked) => {
                        let summary = summary(&checked, texts);
                        *pending.borrow_mut() = Some(checked.state);
                        state.set(ImportState::Confirm {
                            summary: summary.into(),
                        });
                    }
                    Err(message) => state.set(ImportState::Failed(message.into())),
                }
            });
        })
    };
    let on_confirm = {
        let state = state.clone();
        let pending = pending.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |()| {
            if let Some(imported) = pending.borrow_mut().take() {
                dispatch.emit(Action::Import(imported));
                state.set(ImportState::Done);
            }
        })
    };
    let on_cancel = forget(&state, &pending);
    let reset = forget(&state, &pending);
    Import {
        state: (*state).clone(),
        on_file,
        on_confirm,
        on_cancel,
        reset,
    }
}

fn forget(
    state: &UseStateHandle<ImportState>,
    pending: &Rc<RefCell<Option<AppState>>>,
) -> Callback<()> {
    let state = state.clone();
    let pending = pending.clone();
    Callback::from(move |()| {
        pending.borrow_mut().take();
        state.set(ImportState::Idle);
    })
}

/// Why a file was refused, in words for the reader.
pub fn refusal(refusal: &ImportRefusal, texts: Texts) -> String {
    let t = &texts.ui().data;
    match refusal {
        ImportRefusal::Unreadable(MigrateError::NotJson(_) | MigrateError::NotAnObject) => {
            t.not_export().to_string()
        }
        ImportRefusal::Unreadable(MigrateError::ForeignFormat { .. }) => t.foreign().to_string(),
        ImportRefusal::Unreadable(MigrateError::TooNew { .. }) => t.newer().to_string(),
        ImportRefusal::Unreadable(
            MigrateError::MissingVersion
            | MigrateError::UnknownVersion(_)
            | MigrateError::Damaged { .. },
        ) => t.damaged().to_string(),
        ImportRefusal::TextTooLong { chars } => {
            fill(t.long_text(), &[("chars", chars), ("max", &MAX_TEXT_CHARS)])
        }
        ImportRefusal::TooManyNotes(count) => {
            fill(t.many_notes(), &[("count", count), ("max", &MAX_NOTES)])
        }
    }
}

/// What the file holds, and anything put right on the way, for the confirmation.
pub fn summary(checked: &CheckedImport, texts: Texts) -> String {
    let t = &texts.ui().data;
    let answers = texts.count(
        checked.state.answers.len(),
        t.answers_one(),
        t.answers_other(),
    );
    let notes = texts.count(
        checked.state.tracker.notes().len(),
        t.notes_one(),
        t.notes_other(),
    );
    let summary = fill(
        t.import_summary(),
        &[("answers", &answers), ("notes", &notes)],
    );
    if checked.repairs.is_empty() {
        return summary;
    }
    let repairs: Vec<&str> = checked
        .repairs
        .iter()
        .map(|repair| match repair {
            Repair::RenumberedNotes => t.repair_renumbered(),
            Repair::RaisedNextNoteId => t.repair_next_id(),
            Repair::ResetRevision => t.repair_revision(),
        })
        .collect();
    fill(
        t.repairs(),
        &[("summary", &summary), ("repairs", &repairs.join("; "))],
    )
}
