//! The share panel and a shared result, rendered natively.
#![cfg(not(target_arch = "wasm32"))]

use rekindle::components::share_panel::{SharePanel, SharePanelProps, ShareState};
use rekindle::components::shared_result::{IncomingShare, SharedResult, SharedResultProps};
use rekindle::content;
use rekindle::domain::{next_question, Answer, Answers, Day};
use yew::{Callback, LocalServerRenderer};

async fn panel(state: ShareState) -> String {
    LocalServerRenderer::<SharePanel>::with_props(SharePanelProps {
        texts: Default::default(),
        state,
        on_share: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn the_share_panel_says_what_a_link_holds_and_offers_a_passphrase() {
    let html = panel(ShareState::Idle).await;
    assert!(html.contains("Share privately"), "{html}");
    assert!(html.contains("never stored on any server"), "{html}");
    assert!(
        html.contains("journal and plan are never included"),
        "{html}"
    );
    assert!(html.contains("Protect it with a passphrase"), "{html}");
    assert!(html.contains("Make a private link"), "{html}");
}

#[tokio::test]
async fn a_ready_link_says_in_one_sentence_who_can_read_it() {
    let plain = panel(ShareState::Ready {
        link: "https://example.org/#r=1.a.b".into(),
        copied: true,
        with_passphrase: false,
    })
    .await;
    assert!(plain.contains("copied to your clipboard"), "{plain}");
    assert!(
        plain.contains("Anyone who has this link can read"),
        "{plain}"
    );
    assert!(plain.contains("#r=1.a.b"), "{plain}");

    let protected = panel(ShareState::Ready {
        link: "https://example.org/#r=1p.a.b".into(),
        copied: false,
        with_passphrase: true,
    })
    .await;
    assert!(protected.contains("Copy it from the box"), "{protected}");
    assert!(
        protected.contains("send the passphrase another way"),
        "{protected}"
    );
}

fn complete_answers() -> Answers {
    let content = content::english();
    let mut answers = Answers::new();
    let mut current = next_question(content, &answers, None).map(|q| q.id.clone());
    while let Some(id) = current {
        let question = content.question(&id).expect("question");
        // The last option of each question is a "none"/"not sure"-style answer that keeps
        // every path open and never hides a follow-up by surprise.
        let option = question
            .options
            .last()
            .expect("options")
            .id
            .as_str()
            .to_string();
        let answer = match question.kind {
            rekindle::domain::QuestionKind::MultipleChoice => Answer::multiple([option]),
            _ => Answer::single(option),
        };
        answers.set(content, &id, answer).expect("valid");
        current = next_question(content, &answers, Some(&id)).map(|q| q.id.clone());
    }
    answers
}

async fn shared(incoming: IncomingShare) -> String {
    LocalServerRenderer::<SharedResult>::with_props(SharedResultProps {
        texts: Default::default(),
        incoming,
        has_own_answers: true,
        help: Default::default(),
        on_passphrase: Callback::noop(),
        on_take_yourself: Callback::noop(),
        on_save_as_mine: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn an_opened_link_shows_the_date_and_a_read_only_result() {
    let html = shared(IncomingShare::Opened {
        answers: complete_answers(),
        made_on: Day::from_ymd(2026, 11, 26).expect("date"),
    })
    .await;
    assert!(html.contains("A result someone shared with you"), "{html}");
    assert!(html.contains("Made on 2026-11-26"), "{html}");
    assert!(html.contains("What moved your result"), "{html}");
    assert!(!html.contains("Start my plan"), "read-only: {html}");
    assert!(html.contains("Save these answers as mine"), "{html}");
    assert!(html.contains("Take the assessment yourself"), "{html}");
}

#[tokio::test]
async fn a_passphrase_link_asks_for_it_and_shows_why_the_last_try_failed() {
    let html = shared(IncomingShare::NeedsPassphrase {
        problem: Some("That passphrase does not open this link.".into()),
    })
    .await;
    assert!(html.contains("type=\"password\""), "{html}");
    assert!(
        html.contains("That passphrase does not open this link."),
        "{html}"
    );
    assert!(html.contains("role=\"alert\""), "{html}");
}

#[tokio::test]
async fn a_bad_link_is_explained_and_nothing_changes() {
    let html = shared(IncomingShare::Failed(
        "This link seems to be cut short.".into(),
    ))
    .await;
    assert!(html.contains("This link seems to be cut short."), "{html}");
    assert!(
        html.contains("Nothing of yours has been changed."),
        "{html}"
    );
    assert!(!html.contains("Save these answers as mine"), "{html}");
}

#[test]
fn a_passphrase_must_be_written_and_long_enough() {
    use rekindle::components::share_panel::{passphrase_problem as check, MIN_PASSPHRASE_CHARS};
    let t = &rekindle::content::english().ui.share;
    let passphrase_problem = |p: &str| check(p, t);
    assert_eq!(MIN_PASSPHRASE_CHARS, 8);
    let empty = passphrase_problem("").expect("refused");
    assert!(empty.contains("Write a passphrase"), "{empty}");
    assert!(passphrase_problem("        ").is_some(), "spaces only");
    let short = passphrase_problem("seven77").expect("refused");
    assert!(short.contains("at least 8 characters"), "{short}");
    assert_eq!(passphrase_problem("eight888"), None);
    assert_eq!(passphrase_problem("blue horse 42"), None);
    // Characters, not bytes: eight accented letters are enough.
    assert_eq!(passphrase_problem("éééééééé"), None);
}
