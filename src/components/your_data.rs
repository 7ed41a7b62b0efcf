use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::clicks::call_on_click;

use crate::domain::AppState;
use crate::i18n::{fill, Texts};

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
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
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
    let texts = props.texts;
    let t = &texts.ui().data;
    let confirming_delete = use_state(|| false);
    let saved = &props.saved;
    let answers = saved.answers.len();
    let notes = saved.tracker.notes().len();
    let export = call_on_click(&props.on_export);
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
            let confirm = call_on_click(&props.on_confirm_import);
            let cancel = call_on_click(&props.on_cancel_import);
            html! {
                <div class="rk-confirm" role="group" aria-labelledby="rk-import-question">
                    <p id="rk-import-question">
                        { fill(t.import_question(), &[("summary", summary)]) }
                    </p>
                    <div class="rk-actions">
                        <button type="button" class="primary" onclick={confirm}>{ t.replace() }</button>
                        <button type="button" onclick={cancel}>{ t.keep() }</button>
                    </div>
                </div>
            }
        }
        ImportState::Failed(message) => html! {
            <p class="rk-error" role="alert">{ message.clone() }{ " " }{ t.unchanged() }</p>
        },
        ImportState::Done => html! {
            <p role="status">{ t.imported() }</p>
        },
    };
    html! {
        <section class="card rk-data" aria-labelledby="rk-data-title">
            <h2 id="rk-data-title">{ t.title() }</h2>
            <p>{ t.intro() }</p>
            <h3>{ t.stored() }</h3>
            <ul>
                <li>{ texts.count(answers, t.answers_one(), t.answers_other()) }</li>
                <li>{ texts.count(notes, t.notes_one(), t.notes_other()) }</li>
                <li>{ t.other_stored() }</li>
            </ul>
            if props.saving {
                <p class="muted">
                    { t.saved_before() }{ " " }
                    <code>{ props.storage_key.clone() }</code>{ t.saved_after() }
                </p>
            } else {
                <p class="muted">
                    { t.not_saving() }
                </p>
            }
            if props.saving {
                if let Some(kept) = props.persisted {
                    <p class="muted rk-persisted">
                        if kept {
                            { t.persisted_yes() }
                        } else {
                            { t.persisted_no() }
                        }
                    </p>
                }
            }
            <h3>{ t.copy_title() }</h3>
            <p>{ t.copy_text() }</p>
            <div class="rk-actions">
                <button type="button" onclick={export}>{ t.export() }</button>
            </div>
            <p>
                <label for="rk-import-file">{ t.import_label() }</label>
                <input id="rk-import-file" type="file" accept="application/json,.json" onchange={on_file} />
            </p>
            { import_feedback }
            if let Some(href) = props.offline_download.clone() {
                <h3>{ t.offline_title() }</h3>
                <p>{ t.offline_text() }</p>
                <p>
                    <a {href} download="rekindle-offline.html">{ t.offline_link() }</a>
                </p>
            }
            <h3>{ t.delete_title() }</h3>
            if *confirming_delete {
                <div class="rk-confirm" role="group" aria-labelledby="rk-delete-question">
                    <p id="rk-delete-question">
                        <strong>{ t.delete_question() }</strong>
                    </p>
                    <div class="rk-actions">
                        <button type="button" class="danger" onclick={confirm_delete}>{ t.delete_yes() }</button>
                        <button type="button" onclick={cancel_delete}>{ texts.ui().shell.cancel() }</button>
                    </div>
                </div>
            } else {
                <p>{ t.delete_text() }</p>
                <button type="button" class="danger" onclick={ask_delete}>{ t.delete_button() }</button>
            }
        </section>
    }
}
