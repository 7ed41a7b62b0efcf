use yew::prelude::*;

use crate::i18n::use_texts;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    /// Whether the reader already has answers or a plan saved in this browser.
    pub has_saved_progress: bool,
    pub on_start: Callback<()>,
}

/// The first screen: what Rekindle is and the privacy promise.
#[component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let t = &use_texts().ui().welcome;
    let on_click = props.on_start.reform(|_: MouseEvent| ());
    let start_label = if props.has_saved_progress {
        &t.resume
    } else {
        &t.start
    };
    html! {
        <section class="card welcome" aria-labelledby="rekindle-welcome-title">
            <h1 id="rekindle-welcome-title">{ t.title.as_str() }</h1>
            <p class="lead">{ t.lead.as_str() }</p>
            <p class="privacy">
                <strong>{ t.privacy_lead.as_str() }</strong>{ " " }{ t.privacy.as_str() }
            </p>
            <button type="button" class="primary" onclick={on_click}>{ start_label.clone() }</button>
        </section>
    }
}
