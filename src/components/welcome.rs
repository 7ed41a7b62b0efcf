use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    /// Whether the reader already has answers or a plan saved in this browser.
    pub has_saved_progress: bool,
    pub on_start: Callback<()>,
}

/// The first screen: what Rekindle is and the privacy promise.
#[component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let on_click = props.on_start.reform(|_: MouseEvent| ());
    let start_label = if props.has_saved_progress {
        "Pick up where you left off"
    } else {
        "Start the assessment"
    };
    html! {
        <section class="card welcome" aria-labelledby="rekindle-welcome-title">
            <h1 id="rekindle-welcome-title">{ "Rekindle" }</h1>
            <p class="lead">
                { "A quiet, honest look at whether getting back together with your ex could work, and a 16-step plan to follow either way." }
            </p>
            <p class="privacy">
                <strong>{ "Private by design. " }</strong>
                { "Everything you answer stays in this browser. Nothing is sent to any server, not even the site you are reading." }
            </p>
            <button type="button" class="primary" onclick={on_click}>{ start_label }</button>
        </section>
    }
}
