use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::clicks::call_on_click;

use crate::components::result::{HelpResources, ResultView};
use crate::domain::{Answers, Day};
use crate::i18n::{fill, Texts};

/// A link someone shared, as the reader's page sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum IncomingShare {
    /// A passphrase link; `problem` says why the last try failed.
    NeedsPassphrase {
        problem: Option<AttrValue>,
    },
    Opening,
    Opened {
        answers: Answers,
        made_on: Day,
    },
    Failed(AttrValue),
}

#[derive(Properties, PartialEq)]
pub struct SharedResultProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub incoming: IncomingShare,
    /// Whether the reader has answers of their own that saving would replace.
    pub has_own_answers: bool,
    /// The embedder's help resources, for a shared result about safety.
    #[prop_or_default]
    pub help: HelpResources,
    pub on_passphrase: Callback<String>,
    pub on_take_yourself: Callback<()>,
    pub on_save_as_mine: Callback<()>,
}

/// A shared result, read-only, with what the reader can do next. Nothing here changes
/// the reader's own data unless they choose to save and confirm.
#[component]
pub fn SharedResult(props: &SharedResultProps) -> Html {
    let texts = props.texts;
    let t = &texts.ui().shared;
    let confirming = use_state(|| false);
    let passphrase_ref = use_node_ref();
    // The result takes focus only when it opens after the reader gave the passphrase;
    // a link opened on page load leaves focus where the page has it.
    let passphrase_given = use_mut_ref(|| false);
    let take = call_on_click(&props.on_take_yourself);
    let body = match &props.incoming {
        IncomingShare::NeedsPassphrase { problem } => {
            let on_passphrase = props.on_passphrase.clone();
            let passphrase_ref_submit = passphrase_ref.clone();
            let passphrase_given = passphrase_given.clone();
            let submit = Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                *passphrase_given.borrow_mut() = true;
                if let Some(input) = passphrase_ref_submit.cast::<HtmlInputElement>() {
                    on_passphrase.emit(input.value());
                }
            });
            html! {
                <form onsubmit={submit}>
                    <p>{ t.needs_passphrase() }</p>
                    <p>
                        <label for="rk-open-passphrase">{ texts.ui().shell.passphrase() }</label>
                        <input id="rk-open-passphrase" type="password" autocomplete="off" ref={passphrase_ref} />
                    </p>
                    if let Some(problem) = problem {
                        <p class="rk-error" role="alert">{ problem.clone() }</p>
                    }
                    <button type="submit" class="primary">{ t.open() }</button>
                </form>
            }
        }
        IncomingShare::Opening => html! { <p role="status">{ t.opening() }</p> },
        IncomingShare::Failed(message) => html! {
            <p class="rk-error" role="alert">{ message.clone() }{ " " }{ t.unchanged() }</p>
        },
        IncomingShare::Opened { answers, made_on } => {
            let ask = {
                let confirming = confirming.clone();
                let on_save = props.on_save_as_mine.clone();
                let has_own = props.has_own_answers;
                Callback::from(move |_: MouseEvent| {
                    if has_own {
                        confirming.set(true);
                    } else {
                        on_save.emit(());
                    }
                })
            };
            let confirm = call_on_click(&props.on_save_as_mine);
            let cancel = {
                let confirming = confirming.clone();
                Callback::from(move |_: MouseEvent| confirming.set(false))
            };
            html! {
                <>
                    <p class="muted">{ fill(t.made_on(), &[("date", &texts.date(*made_on))]) }</p>
                    <ResultView texts={props.texts} answers={answers.clone()} help={props.help.clone()} read_only=true move_focus={*passphrase_given.borrow()} on_action={Callback::noop()} />
                    if *confirming {
                        <div class="rk-confirm" role="group" aria-labelledby="rk-save-shared-question">
                            <p id="rk-save-shared-question">{ t.replace_question() }</p>
                            <div class="rk-actions">
                                <button type="button" class="primary" onclick={confirm}>{ t.yes_use() }</button>
                                <button type="button" onclick={cancel}>{ t.keep_mine() }</button>
                            </div>
                        </div>
                    } else {
                        <div class="rk-actions">
                            <button type="button" onclick={ask}>{ t.save_as_mine() }</button>
                        </div>
                    }
                </>
            }
        }
    };
    html! {
        <section class="card rk-shared" aria-labelledby="rk-shared-title">
            <h2 id="rk-shared-title">{ t.title() }</h2>
            { body }
            <div class="rk-actions">
                <button type="button" class="primary" onclick={take}>{ t.take() }</button>
            </div>
        </section>
    }
}
