//! `use_import`: reading a file the reader chose, checking it (`domain::check_import`:
//! parsed, then validated and, where nothing is lost, repaired), asking before it
//! replaces their data, and saying what was refused or put right.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::your_data::ImportState;
use crate::domain::{
    check_import, AppState, CheckedImport, ImportRefusal, MigrateError, MAX_NOTES, MAX_TEXT_CHARS,
};
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
pub fn use_import(dispatch: &Callback<Action>) -> Import {
    let state = use_state(ImportState::default);
    let pending = use_mut_ref(|| None::<AppState>);
    let on_file = {
        let state = state.clone();
        let pending = pending.clone();
        Callback::from(move |file: web_sys::File| {
            if file.size() > MAX_IMPORT_BYTES {
                state.set(ImportState::Failed(
                    "That file is too large to be a Rekindle export.".into(),
                ));
                return;
            }
            let state = state.clone();
            let pending = pending.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = browser::read_text(&file)
                    .await
                    .map_err(|_| "The browser could not read that file.".to_string())
                    .and_then(|text| check_import(&text).map_err(|e| refusal(&e)));
                match outcome {
                    Ok(checked) => {
                        let summary = summary(&checked);
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
pub fn refusal(refusal: &ImportRefusal) -> String {
    match refusal {
        ImportRefusal::Unreadable(MigrateError::NotJson(_) | MigrateError::NotAnObject) => {
            "That file is not a Rekindle export: it could not be read as one.".to_string()
        }
        ImportRefusal::Unreadable(MigrateError::ForeignFormat { .. }) => {
            "That file was made by something other than Rekindle.".to_string()
        }
        ImportRefusal::Unreadable(MigrateError::TooNew { .. }) => {
            "That file comes from a newer version of Rekindle. Reload the page to get the newest version, then try again.".to_string()
        }
        ImportRefusal::Unreadable(
            MigrateError::MissingVersion
            | MigrateError::UnknownVersion(_)
            | MigrateError::Damaged { .. },
        ) => "That file looks like a Rekindle export, but parts of it are damaged.".to_string(),
        ImportRefusal::TextTooLong { chars } => format!(
            "That file holds a piece of text {chars} characters long, more than Rekindle ever keeps (up to {MAX_TEXT_CHARS}), so it was not imported."
        ),
        ImportRefusal::TooManyNotes(count) => format!(
            "That file holds {count} journal notes, more than Rekindle ever keeps (up to {MAX_NOTES}), so it was not imported."
        ),
    }
}

/// What the file holds, and anything put right on the way, for the confirmation.
pub fn summary(checked: &CheckedImport) -> String {
    let answers = checked.state.answers.len();
    let notes = checked.state.tracker.notes().len();
    let mut summary = format!("{answers} answers and {notes} journal notes");
    if !checked.repairs.is_empty() {
        let repairs: Vec<String> = checked.repairs.iter().map(ToString::to_string).collect();
        summary.push_str(" (put right on the way: ");
        summary.push_str(&repairs.join("; "));
        summary.push(')');
    }
    summary
}
