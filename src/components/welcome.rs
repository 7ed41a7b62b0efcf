use yew::prelude::*;

use crate::components::clicks::call_on_click;

use crate::i18n::Texts;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    /// Whether the reader already has answers or a plan saved in this browser.
    pub has_saved_progress: bool,
    pub on_start: Callback<()>,
}

/// The first screen: what Rekindle is and the privacy promise.
#[component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let t = &props.texts.ui().welcome;
    let on_click = call_on_click(&props.on_start);
    let start_label = if props.has_saved_progress {
        t.resume()
    } else {
        t.start()
    };
    html! {
        <section class="card welcome" aria-labelledby="rekindle-welcome-title">
            <h1 id="rekindle-welcome-title">{ t.title() }</h1>
            <p class="lead">{ t.lead() }</p>
            <p class="privacy">
                <strong>{ t.privacy_lead() }</strong>{ " " }{ t.privacy() }
            </p>
            <button type="button" class="primary" onclick={on_click}>{ start_label }</button>
        </section>
    }
}
