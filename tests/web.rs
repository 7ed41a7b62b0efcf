//! Browser tests: the app mounted into a real page, in Chromium, Firefox and WebKit.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let document = gloo_utils_document();
    let root = document.create_element("div").expect("create div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// Labels used mid-sentence are lowered by the browser (the wasm has no case tables of
/// its own), so accented capitals must come out right.
#[wasm_bindgen_test]
fn labels_are_lowered_by_the_browser_for_use_mid_sentence() {
    use rekindle::i18n::{Lang, Texts};
    for lang in [Lang::En, Lang::Es] {
        let texts = Texts::new(lang, rekindle::content::english());
        assert_eq!(
            texts.lowercase_first("Él ya no escribe"),
            "él ya no escribe"
        );
        assert_eq!(
            texts.lowercase_first("The \"Ánimo\" Message"),
            "the \"Ánimo\" Message"
        );
        assert_eq!(texts.lowercase_first(""), "");
        assert_eq!(texts.lowercase("ÚLTIMO MES"), "último mes");
    }
}

#[wasm_bindgen_test]
async fn welcome_start_button_moves_past_the_welcome_view() {
    let root = fresh_root();
    yew::Renderer::<rekindle::App>::with_root_and_props(
        root.clone(),
        rekindle::app::AppProps {
            namespace: "browser-test-welcome".into(),
            ..Default::default()
        },
    )
    .render();
    yew::scheduler::flush().await;
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Nothing is sent to any server"));

    let button: HtmlElement = root
        .query_selector("button.primary")
        .expect("query")
        .expect("a start button")
        .dyn_into()
        .expect("an HTML element");
    button.click();
    yew::scheduler::flush().await;
    assert!(!root
        .text_content()
        .unwrap_or_default()
        .contains("Nothing is sent to any server"));
}

fn sample_plain() -> Vec<u8> {
    b"the answers, encoded".to_vec()
}

#[wasm_bindgen_test]
async fn a_link_sealed_with_a_random_key_opens_with_that_key_only() {
    use rekindle::share_crypto::{open, seal, OpenError};
    let link = seal(&sample_plain(), None).await.expect("WebCrypto seals");
    assert_eq!(open(&link, None).await, Ok(sample_plain()));

    let mut altered = link.clone();
    if let Some(last) = altered.sealed.last_mut() {
        *last ^= 1;
    }
    assert_eq!(open(&altered, None).await, Err(OpenError::Altered));
}

#[wasm_bindgen_test]
async fn a_passphrase_link_opens_with_the_passphrase_and_not_without() {
    use rekindle::domain::share::LinkSecret;
    use rekindle::share_crypto::{open, seal, OpenError};
    let link = seal(&sample_plain(), Some("blue horse 42"))
        .await
        .expect("WebCrypto seals");
    assert!(
        matches!(link.secret, LinkSecret::Salt(_)),
        "no key in the link"
    );
    assert_eq!(open(&link, Some("blue horse 42")).await, Ok(sample_plain()));
    assert_eq!(
        open(&link, Some("red horse 42")).await,
        Err(OpenError::WrongPassphrase)
    );
    assert_eq!(open(&link, None).await, Err(OpenError::WrongPassphrase));
}

/// A state with something of the reader's in it, at `revision`.
fn state_at(revision: u64) -> rekindle::domain::AppState {
    let mut state = rekindle::domain::AppState::new();
    state.tracker.set_plan(rekindle::domain::PlanMode::MovingOn);
    state.revision = revision;
    state
}

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .expect("window")
        .local_storage()
        .expect("storage")
        .expect("localStorage")
}

#[wasm_bindgen_test]
fn save_writes_only_over_what_this_widget_last_saw() {
    use rekindle::storage::{self, Saved};
    let ns = "browser-test-cas";
    let key = storage::key(ns);
    storage::delete_all(ns).expect("cleared");
    let mine = state_at(1);
    let Ok(Saved::Stored { seen, .. }) = storage::save(ns, &mine, &None, false) else {
        panic!("a first save into empty storage is written");
    };
    assert_eq!(seen, local_storage().get_item(&key).expect("read"));

    // Another tab writes; a save from what this widget last saw hands theirs back.
    let theirs = state_at(5);
    local_storage()
        .set_item(&key, &theirs.to_json().expect("json"))
        .expect("written");
    match storage::save(ns, &state_at(2), &seen, true) {
        Ok(Saved::Changed { theirs: found, .. }) => assert_eq!(*found, theirs),
        other => panic!("expected the other tab's state back, got {other:?}"),
    }
    assert_eq!(
        storage::read(ns).expect("read"),
        Some(theirs.to_json().expect("json")),
        "theirs is untouched"
    );

    // The key removed (a delete elsewhere): a fresh state comes back, nothing is written.
    local_storage().remove_item(&key).expect("removed");
    match storage::save(ns, &state_at(6), &seen, true) {
        Ok(Saved::Changed { theirs: found, .. }) => {
            assert_eq!(*found, rekindle::domain::AppState::new())
        }
        other => panic!("expected a delete, got {other:?}"),
    }
    assert_eq!(storage::read(ns).expect("read"), None, "not resurrected");
    storage::delete_all(ns).expect("cleared");
}

#[wasm_bindgen_test]
fn a_save_writes_a_change_and_leaves_equal_text_from_elsewhere_as_it_is() {
    use rekindle::storage::{self, Saved};
    let ns = "browser-test-unchanged";
    let key = storage::key(ns);
    storage::delete_all(ns).expect("cleared");
    let Ok(Saved::Stored {
        seen, canonical, ..
    }) = storage::save(ns, &state_at(3), &None, false)
    else {
        panic!("a first save into empty storage is written");
    };
    assert!(canonical, "what a save writes is the state's own text");

    // From its own text, a changed state is written (texts compared, nothing read).
    match storage::save(ns, &state_at(4), &seen, true) {
        Ok(Saved::Stored {
            seen: Some(written),
            canonical: true,
            ..
        }) => assert_eq!(written, state_at(4).to_json().expect("json")),
        other => panic!("expected the change written, got {other:?}"),
    }

    // Text that reads as the same state but is not this version's own (here, spaced
    // out, as another version might write it): saving that state leaves it alone.
    let spaced = format!(" {} ", state_at(5).to_json().expect("json"));
    local_storage().set_item(&key, &spaced).expect("written");
    let seen = Some(spaced.clone());
    match storage::save(ns, &state_at(5), &seen, false) {
        Ok(Saved::Stored {
            seen: kept,
            canonical: false,
            ..
        }) => assert_eq!(kept, seen),
        other => panic!("expected nothing written, got {other:?}"),
    }
    assert_eq!(storage::read(ns).expect("read"), seen, "left as it was");

    // A real change from there is written in this version's own text.
    match storage::save(ns, &state_at(6), &seen, false) {
        Ok(Saved::Stored {
            canonical: true, ..
        }) => {}
        other => panic!("expected the change written, got {other:?}"),
    }
    assert_eq!(
        storage::read(ns).expect("read"),
        Some(state_at(6).to_json().expect("json"))
    );
    storage::delete_all(ns).expect("cleared");
}

#[wasm_bindgen_test]
fn save_never_overwrites_newer_or_unreadable_text_without_a_copy() {
    use rekindle::storage::{self, SaveProblem, Saved};
    let ns = "browser-test-guard";
    let key = storage::key(ns);
    storage::delete_all(ns).expect("cleared");

    let newer = r#"{"format":"rekindle","version":99,"revision":3}"#;
    local_storage().set_item(&key, newer).expect("written");
    assert_eq!(
        storage::save(ns, &state_at(9), &None, false),
        Err(SaveProblem::NewerVersion {
            raw: newer.to_string()
        })
    );
    assert_eq!(storage::read(ns).expect("read").as_deref(), Some(newer));

    // Damaged text, five times over: each is copied before it is replaced, and only
    // the newest few copies are kept.
    for n in 1..=5 {
        let damaged = format!("{{\"format\":\"rekindle\",\"version\":1, damaged {n}");
        local_storage().set_item(&key, &damaged).expect("written");
        match storage::save(ns, &state_at(10 + n), &None, false) {
            Ok(Saved::Stored {
                over_damaged: Some(copied),
                ..
            }) => assert_eq!(copied, damaged),
            other => panic!("expected a copy, then a write: {other:?}"),
        }
        assert_eq!(
            local_storage()
                .get_item(&storage::backup_key(ns))
                .expect("read"),
            Some(damaged)
        );
    }
    let kept: Vec<String> = storage::backup_keys(ns)
        .iter()
        .filter_map(|key| local_storage().get_item(key).ok().flatten())
        .collect();
    assert_eq!(kept.len(), storage::MAX_BACKUPS);
    assert!(kept[2].ends_with("damaged 3"), "{kept:?}");
    storage::delete_all(ns).expect("cleared");
    assert!(storage::backup_keys(ns).iter().all(|key| local_storage()
        .get_item(key)
        .ok()
        .flatten()
        .is_none()));
}

/// The focused element's tag, whether it sits in a legend, and its text.
fn focused() -> (String, bool, String) {
    let active = gloo_utils_document()
        .active_element()
        .expect("something has focus");
    let in_legend = active.closest("legend").ok().flatten().is_some();
    (
        active.tag_name(),
        in_legend,
        // Longer than any question, short enough to read when <body> (the whole page) has it.
        active
            .text_content()
            .unwrap_or_default()
            .trim()
            .chars()
            .take(300)
            .collect(),
    )
}

fn legend_text(root: &web_sys::Element) -> String {
    root.query_selector("fieldset legend")
        .expect("query")
        .expect("a question on screen")
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn click(root: &web_sys::Element, selector: &str) {
    root.query_selector(selector)
        .expect("query")
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .click();
}

// Firefox will not focus a <legend tabindex="-1">, so focus goes to the heading inside
// it; this checks that every engine lands there, on the first question and after Next.
#[wasm_bindgen_test]
async fn focus_lands_on_each_new_questions_heading() {
    let namespace = "browser-test-focus";
    let storage = web_sys::window()
        .expect("window")
        .local_storage()
        .expect("storage")
        .expect("local storage");
    let _ = storage.remove_item(&format!("rekindle.{namespace}.v1"));
    let root = fresh_root();
    yew::Renderer::<rekindle::App>::with_root_and_props(
        root.clone(),
        rekindle::app::AppProps {
            namespace: namespace.into(),
            ..Default::default()
        },
    )
    .render();
    yew::scheduler::flush().await;
    click(&root, "button.primary");
    yew::scheduler::flush().await;
    let first = legend_text(&root);
    assert_eq!(focused(), ("H2".to_string(), true, first.clone()));

    click(&root, "fieldset input[type=radio]");
    yew::scheduler::flush().await;
    click(&root, "button.rk-next");
    let moved = settle_until(|| legend_text(&root) != first).await;
    assert!(moved, "Next moved on from {first:?}");
    let second = legend_text(&root);
    assert_eq!(focused(), ("H2".to_string(), true, second));
}

/// Flushes Yew and lets the browser run its queued events, until `done` holds (or a
/// bounded number of turns have passed). A condition, never a fixed wait: some engines
/// deliver the re-render one event-loop turn later than others.
async fn settle_until(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..50 {
        yew::scheduler::flush().await;
        if done() {
            return true;
        }
        let next_turn = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&resolve);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(next_turn).await;
    }
    done()
}
