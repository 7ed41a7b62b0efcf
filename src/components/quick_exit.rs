use yew::prelude::*;

use crate::domain::content::ShellText;

/// Where "Leave this page quickly" goes unless the embedder sets `data-exit-url`: a
/// page that looks like nothing in particular on a shared or checked screen.
pub const DEFAULT_EXIT_URL: &str = "https://www.google.com/";

/// A way out for a reader who may be watched. A real link: it works by keyboard, `_top`
/// leaves an iframe embed too, and `noreferrer` keeps the neutral site from learning
/// which page the reader was on. Its click replaces the page in the tab's history
/// (`browser::leave_quickly`), so Back, pressed by the reader or by someone else, does
/// not return here; where the browser refuses, the link still leaves as a link. A
/// function rather than a component: it has no state, and each component costs bytes.
pub fn quick_exit(url: AttrValue, t: &ShellText) -> Html {
    let onclick = {
        let url = url.clone();
        Callback::from(move |event: MouseEvent| {
            if crate::browser::leave_quickly(&url) {
                event.prevent_default();
            }
        })
    };
    html! {
        <div class="rk-quick-exit">
            <a class="rk-quick-exit-link" href={url} target="_top" rel="noreferrer noopener" {onclick}>
                { t.quick_exit() }
            </a>
            <p class="muted rk-quick-exit-hint">
                { t.quick_exit_hint() }
            </p>
        </div>
    }
}
