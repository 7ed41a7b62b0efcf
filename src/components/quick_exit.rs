use yew::prelude::*;

/// Where "Leave this page quickly" goes unless the embedder sets `data-exit-url`: a
/// page that looks like nothing in particular on a shared or checked screen.
pub const DEFAULT_EXIT_URL: &str = "https://www.google.com/";

#[derive(Properties, PartialEq)]
pub struct QuickExitProps {
    /// Checked by the embed options (http or https only).
    #[prop_or(AttrValue::Static(DEFAULT_EXIT_URL))]
    pub url: AttrValue,
}

/// A way out for a reader who may be watched. A plain link rather than script: it works
/// by keyboard and even if the widget has failed, `_top` leaves an iframe embed too, and
/// `noreferrer` keeps the neutral site from learning which page the reader was on.
#[component]
pub fn QuickExit(props: &QuickExitProps) -> Html {
    html! {
        <div class="rk-quick-exit">
            <a class="rk-quick-exit-link" href={props.url.clone()} target="_top" rel="noreferrer noopener">
                { "Leave this page quickly" }
            </a>
            <p class="muted rk-quick-exit-hint">
                { "This opens an everyday website in place of this page. Your browser history still lists this page; \u{201c}Delete what this page saved\u{201d} erases your answers here." }
            </p>
        </div>
    }
}
