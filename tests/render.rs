//! Components rendered natively with Yew's ServerRenderer, checked as HTML.
#![cfg(not(target_arch = "wasm32"))]

use rekindle::components::welcome::{Welcome, WelcomeProps};
use yew::{Callback, LocalServerRenderer};

async fn render_welcome(has_saved_progress: bool) -> String {
    LocalServerRenderer::<Welcome>::with_props(WelcomeProps {
        texts: Default::default(),
        has_saved_progress,
        on_start: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn welcome_says_what_rekindle_is_and_that_nothing_leaves_the_browser() {
    let html = render_welcome(false).await;
    assert!(
        html.contains("<h1 id=\"rekindle-welcome-title\">Rekindle</h1>"),
        "{html}"
    );
    assert!(html.contains("16-step plan"), "{html}");
    assert!(html.contains("Nothing is sent to any server"), "{html}");
    assert!(html.contains("Start the assessment"), "{html}");
}

#[tokio::test]
async fn welcome_offers_to_resume_when_progress_is_saved() {
    let html = render_welcome(true).await;
    assert!(html.contains("Pick up where you left off"), "{html}");
    assert!(!html.contains("Start the assessment"), "{html}");
}
