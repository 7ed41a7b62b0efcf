use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::AppState;

/// Where an import stands; the shell reads and checks the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ImportState {
    #[default]
    Idle,
    /// A valid file was read; the reader confirms before it replaces their data.
    Confirm {
        summary: AttrValue,
    },
    /// The file was refused; the reader's data is untouched.
    Failed(AttrValue),
    Done,
}

#[derive(Properties, PartialEq)]
pub struct YourDataProps {
    pub saved: AppState,
    /// The localStorage key the state lives under.
    pub storage_key: AttrValue,
    /// False while nothing is saved (storage refused, or stored data Rekindle must not
    /// overwrite) and everything lives in memory.
    pub saving: bool,
    /// Whether the browser agreed to keep the data (`None`: it cannot say).
    #[prop_or_default]
    pub persisted: Option<bool>,
    #[prop_or_default]
    pub import_state: ImportState,
    /// Where the single-file copy of Rekindle can be downloaded (the standalone page
    /// only; an embedded widget has no such file beside it).
    #[prop_or_default]
    pub offline_download: Option<AttrValue>,
    pub on_export: Callback<()>,
    pub on_import_file: Callback<web_sys::File>,
    pub on_confirm_import: Callback<()>,
    pub on_cancel_import: Callback<()>,
    pub on_delete: Callback<()>,
}

/// What is stored and where, and the reader's controls over it.
#[component]
pub fn YourData(props: &YourDataProps) -> Html {
    let confirming_delete = use_state(|| false);
    let saved = &props.saved;
    let answers = saved.answers.len();
    let notes = saved.tracker.notes().len();
    let export = props.on_export.reform(|_: MouseEvent| ());
    let on_file = {
        let on_import_file = props.on_import_file.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_import_file.emit(file);
            }
            // Lets the reader pick the same file again after fixing it.
            input.set_value("");
        })
    };
    let ask_delete = {
        let confirming = confirming_delete.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel_delete = {
        let confirming = confirming_delete.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let confirm_delete = {
        let confirming = confirming_delete.clone();
        let on_delete = props.on_delete.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            on_delete.emit(());
        })
    };
    let import_feedback = match &props.import_state {
        ImportState::Idle => html! {},
        ImportState::Confirm { summary } => {
            let confirm = props.on_confirm_import.reform(|_: MouseEvent| ());
            let cancel = props.on_cancel_import.reform(|_: MouseEvent| ());
            html! {
                <div class="rk-confirm" role="group" aria-labelledby="rk-import-question">
                    <p id="rk-import-question">
                        { "This file holds " }{ summary.clone() }
                        { ". Replace what is saved in this browser with it?" }
                    </p>
                    <div class="rk-actions">
                        <button type="button" class="primary" onclick={confirm}>{ "Replace my data with the file" }</button>
                        <button type="button" onclick={cancel}>{ "Keep my data" }</button>
                    </div>
                </div>
            }
        }
        ImportState::Failed(message) => html! {
            <p class="rk-error" role="alert">{ message.clone() }{ " Your current data has not been changed." }</p>
        },
        ImportState::Done => html! {
            <p role="status">{ "Imported. Your answers and plan now come from the file." }</p>
        },
    };
    html! {
        <section class="card rk-data" aria-labelledby="rk-data-title">
            <h2 id="rk-data-title">{ "Your data" }</h2>
            <p>
                { "Everything Rekindle knows about you stays in this browser, on this device. Nothing is sent to any server." }
            </p>
            <h3>{ "What is stored" }</h3>
            <ul>
                <li>{ format!("{answers} assessment answers") }</li>
                <li>{ format!("{notes} journal notes") }</li>
                <li>{ "Your step progress, no-contact counter and edited messages" }</li>
            </ul>
            if props.saving {
                <p class="muted">
                    { "Saved in this browser's local storage under the key " }
                    <code>{ props.storage_key.clone() }</code>{ "." }
                </p>
            } else {
                <p class="muted">
                    { "Rekindle is not saving right now, so all of this lives only in this page until you close it." }
                </p>
            }
            if props.saving {
                if let Some(kept) = props.persisted {
                    <p class="muted rk-persisted">
                        if kept {
                            { "This browser has agreed to keep it, even when space runs low." }
                        } else {
                            { "This browser has not promised to keep it: it may clear it when space runs low or, in Safari, after seven days without a visit. Export a copy now and then to be safe." }
                        }
                    </p>
                }
            }
            <h3>{ "Keep a copy" }</h3>
            <p>{ "Export everything to a file you can keep, or bring it back later or on another device." }</p>
            <div class="rk-actions">
                <button type="button" onclick={export}>{ "Export to a file" }</button>
            </div>
            <p>
                <label for="rk-import-file">{ "Import a file you exported before" }</label>
                <input id="rk-import-file" type="file" accept="application/json,.json" onchange={on_file} />
            </p>
            { import_feedback }
            if let Some(href) = props.offline_download.clone() {
                <h3>{ "Use it without internet" }</h3>
                <p>
                    { "Keep Rekindle itself as one file on this device. Open it from disk and it works without internet; what you enter there is saved in this browser, apart from this page." }
                </p>
                <p>
                    <a {href} download="rekindle-offline.html">{ "Download Rekindle as a single file" }</a>
                </p>
            }
            <h3>{ "Delete everything" }</h3>
            if *confirming_delete {
                <div class="rk-confirm" role="group" aria-labelledby="rk-delete-question">
                    <p id="rk-delete-question">
                        <strong>{ "Delete all your answers, notes and progress from this browser? This cannot be undone." }</strong>
                    </p>
                    <div class="rk-actions">
                        <button type="button" class="danger" onclick={confirm_delete}>{ "Yes, delete everything" }</button>
                        <button type="button" onclick={cancel_delete}>{ "Cancel" }</button>
                    </div>
                </div>
            } else {
                <p>{ "Remove all of it from this browser. Export first if you may want it later." }</p>
                <button type="button" class="danger" onclick={ask_delete}>{ "Delete everything…" }</button>
            }
        </section>
    }
}
