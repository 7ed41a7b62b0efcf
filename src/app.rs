//! The shell: the only component that will touch storage; routes between views.

use yew::prelude::*;

use crate::components::welcome::Welcome;

#[component]
pub fn App() -> Html {
    let started = use_state(|| false);
    let on_start = {
        let started = started.clone();
        Callback::from(move |_| started.set(true))
    };
    html! {
        <main class="rekindle" aria-live="polite">
            if *started {
                <section class="card">
                    <h1>{ "The assessment is coming soon" }</h1>
                    <p>{ "Thank you for your patience." }</p>
                </section>
            } else {
                <Welcome has_saved_progress={false} {on_start} />
            }
        </main>
    }
}

/// Mounts the app on the standalone page's `<body>`.
pub fn mount_standalone() {
    yew::Renderer::<App>::new().render();
}
