use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::domain::content::ShareText;
use crate::i18n::{fill, Texts};

/// Where making a link stands; the shell does the encryption and the clipboard.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ShareState {
    #[default]
    Idle,
    Working,
    Ready {
        link: AttrValue,
        copied: bool,
        with_passphrase: bool,
    },
    Failed(AttrValue),
}

/// The shortest passphrase accepted: anyone holding the link can try guesses offline,
/// as fast as their computer allows, so a short one protects little.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Why a passphrase cannot be used, in words for the reader; `None` when it can.
pub fn passphrase_problem(passphrase: &str, t: &ShareText) -> Option<String> {
    let chars = passphrase.chars().count();
    if passphrase.trim().is_empty() {
        Some(t.empty_passphrase().to_string())
    } else if chars < MIN_PASSPHRASE_CHARS {
        Some(fill(t.short_passphrase(), &[("n", &MIN_PASSPHRASE_CHARS)]))
    } else {
        None
    }
}

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    #[prop_or_default]
    pub state: ShareState,
    /// Make a link, with a passphrase when one is given.
    pub on_share: Callback<Option<String>>,
}

/// "Share privately": a link that carries the answers, encrypted, in its fragment.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let texts = props.texts;
    let t = &texts.ui().share;
    let shell = &texts.ui().shell;
    let use_passphrase = use_state(|| false);
    let problem = use_state(|| None::<String>);
    let passphrase_ref = use_node_ref();
    let link_ref = use_node_ref();
    {
        let link_ref = link_ref.clone();
        // The link is copied only when the browser allows a clipboard write after the
        // encryption has finished; WebKit (Safari) never does, because the click that
        // asked for it is over by then. Then select the link, so copying it by hand is
        // one gesture away, as the templates do when the clipboard is refused.
        use_effect_with(props.state.clone(), move |state| {
            if let ShareState::Ready { copied: false, .. } = state {
                if let Some(area) = link_ref.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                    area.select();
                }
            }
        });
    }
    let toggle = {
        let use_passphrase = use_passphrase.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            use_passphrase.set(input.checked());
        })
    };
    let make = {
        let on_share = props.on_share.clone();
        let use_passphrase = *use_passphrase;
        let passphrase_ref = passphrase_ref.clone();
        let problem = problem.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !use_passphrase {
                problem.set(None);
                on_share.emit(None);
                return;
            }
            // A ticked box means the reader wants protection: never fall back to a
            // link anyone can open without a word.
            let passphrase = passphrase_ref
                .cast::<HtmlInputElement>()
                .map(|input| input.value())
                .unwrap_or_default();
            match passphrase_problem(&passphrase, &texts.ui().share) {
                Some(why) => {
                    problem.set(Some(why));
                    if let Some(input) = passphrase_ref.cast::<HtmlInputElement>() {
                        let _ = input.focus();
                    }
                }
                None => {
                    problem.set(None);
                    on_share.emit(Some(passphrase));
                }
            }
        })
    };
    let outcome = match &props.state {
        ShareState::Idle => html! {},
        ShareState::Working => {
            html! { <p role="status">{ t.working() }</p> }
        }
        ShareState::Failed(message) => {
            html! { <p class="rk-error" role="alert">{ message.clone() }</p> }
        }
        ShareState::Ready {
            link,
            copied,
            with_passphrase,
        } => html! {
            <div class="rk-share-ready">
                <p role="status">
                    if *copied {
                        { t.copied() }
                    } else {
                        { t.ready() }
                    }
                    { " " }
                    if *with_passphrase {
                        { t.with_passphrase() }
                    } else {
                        { t.without_passphrase() }
                    }
                </p>
                <label for="rk-share-link">{ t.link_label() }</label>
                <textarea id="rk-share-link" readonly=true rows="3" value={link.clone()} ref={link_ref} />
            </div>
        },
    };
    html! {
        <section class="rk-share" aria-labelledby="rk-share-title">
            <h3 id="rk-share-title">{ t.title() }</h3>
            <p>
                { t.intro() }
            </p>
            <form onsubmit={make}>
                <p>
                    <label class="rk-inline">
                        <input type="checkbox" checked={*use_passphrase} onchange={toggle} />
                        { " " }{ t.protect() }
                    </label>
                </p>
                if *use_passphrase {
                    <p>
                        <label for="rk-share-passphrase">{ shell.passphrase() }</label>
                        <span class="muted" id="rk-share-passphrase-hint">{ " " }{ fill(t.passphrase_hint(), &[("n", &MIN_PASSPHRASE_CHARS)]) }</span>
                        <input id="rk-share-passphrase" type="password" autocomplete="new-password" aria-describedby="rk-share-passphrase-hint" aria-invalid={problem.is_some().then_some("true")} ref={passphrase_ref} />
                    </p>
                    if let Some(why) = (*problem).clone() {
                        <p class="rk-error" role="alert">{ why }</p>
                    }
                }
                <button type="submit" disabled={props.state == ShareState::Working}>{ t.make() }</button>
            </form>
            { outcome }
        </section>
    }
}
