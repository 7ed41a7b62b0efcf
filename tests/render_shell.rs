//! The shell's own views rendered natively: navigation, the storage banner and the
//! "your data" view.
#![cfg(not(target_arch = "wasm32"))]

use rekindle::components::nav::{Nav, NavProps};
use rekindle::components::storage_notice::{
    NotSavingReason, StorageNotice, StorageNoticeBanner, StorageNoticeProps,
};
use rekindle::components::your_data::{ImportState, YourData, YourDataProps};
use rekindle::content;
use rekindle::domain::{Answer, AppState, Day, QuestionId, StepId};
use rekindle::state::View;
use yew::{Callback, LocalServerRenderer};

async fn nav(view: View) -> String {
    LocalServerRenderer::<Nav>::with_props(NavProps {
        texts: Default::default(),
        view,
        on_action: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn nav_marks_the_current_place_for_screen_readers() {
    let html = nav(View::Step(StepId(3))).await;
    assert!(html.contains("aria-label=\"Rekindle\""), "{html}");
    let current = html.find("aria-current=\"page\"").expect("a current item");
    let plan = html.find("My plan").expect("plan item");
    let data = html.find("My data").expect("data item");
    assert!(current < plan && plan < data, "{html}");
    assert_eq!(html.matches("aria-current").count(), 1, "{html}");
}

async fn banner(notice: StorageNotice) -> String {
    LocalServerRenderer::<StorageNoticeBanner>::with_props(StorageNoticeProps {
        texts: Default::default(),
        notice,
        on_download_damaged: Callback::noop(),
        on_export: Callback::noop(),
        on_dismiss: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn damaged_data_banner_says_a_copy_is_kept_and_offers_the_download() {
    let html = banner(StorageNotice::Damaged {
        started_fresh: true,
    })
    .await;
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(html.contains("started fresh"), "{html}");
    assert!(html.contains("a copy of the old data is kept"), "{html}");
    assert!(html.contains("Download the old data"), "{html}");
    // Found later, over what the reader has on screen: nothing restarted.
    let later = banner(StorageNotice::Damaged {
        started_fresh: false,
    })
    .await;
    assert!(!later.contains("started fresh"), "{later}");
    assert!(later.contains("could not read"), "{later}");
    assert!(later.contains("saved as before"), "{later}");
    assert!(later.contains("Download the old data"), "{later}");
}

#[tokio::test]
async fn every_not_saving_banner_says_nothing_is_kept_and_offers_export() {
    for (reason, why, offers_old_data) in [
        (NotSavingReason::Refused, "not letting Rekindle save", false),
        (
            NotSavingReason::NewerVersion,
            "newer version of Rekindle",
            true,
        ),
        (
            NotSavingReason::CouldNotBackUp,
            "no room to keep a copy",
            true,
        ),
    ] {
        let html = banner(StorageNotice::NotSaving(reason)).await;
        assert!(html.contains("role=\"alert\""), "{html}");
        assert!(html.contains(why), "{html}");
        assert!(
            html.contains("will not be kept after you close this page"),
            "{html}"
        );
        assert!(html.contains("Export my data"), "{html}");
        assert_eq!(
            html.contains("Download the old data"),
            offers_old_data,
            "{html}"
        );
    }
}

fn saved_with_one_answer_and_note() -> AppState {
    let content = content::english();
    let mut state = AppState::new();
    let first = content.questions[0].id.clone();
    let option = content.questions[0].options[1].id.as_str().to_string();
    state
        .answers
        .set(
            content,
            &QuestionId::from(first.as_str()),
            Answer::single(option),
        )
        .expect("a valid answer");
    state
        .tracker
        .add_note(content, StepId(4), Day(20_000), "A walk helped.")
        .expect("a valid note");
    state
}

async fn your_data(saving: bool, import_state: ImportState) -> String {
    your_data_offering(saving, import_state, None).await
}

async fn your_data_offering(
    saving: bool,
    import_state: ImportState,
    offline_download: Option<&'static str>,
) -> String {
    your_data_full(saving, None, import_state, offline_download).await
}

async fn your_data_full(
    saving: bool,
    persisted: Option<bool>,
    import_state: ImportState,
    offline_download: Option<&'static str>,
) -> String {
    LocalServerRenderer::<YourData>::with_props(YourDataProps {
        texts: Default::default(),
        saved: saved_with_one_answer_and_note(),
        storage_key: "rekindle.default.v1".into(),
        saving,
        persisted,
        import_state,
        offline_download: offline_download.map(Into::into),
        on_export: Callback::noop(),
        on_import_file: Callback::noop(),
        on_confirm_import: Callback::noop(),
        on_cancel_import: Callback::noop(),
        on_delete: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn your_data_says_whether_the_browser_agreed_to_keep_the_data() {
    let kept = your_data_full(true, Some(true), ImportState::Idle, None).await;
    assert!(kept.contains("has agreed to keep it"), "{kept}");
    let not_kept = your_data_full(true, Some(false), ImportState::Idle, None).await;
    assert!(
        not_kept.contains("has not promised to keep it"),
        "{not_kept}"
    );
    assert!(not_kept.contains("seven days"), "{not_kept}");
    let unknown = your_data_full(true, None, ImportState::Idle, None).await;
    assert!(
        !unknown.contains("promised") && !unknown.contains("agreed"),
        "{unknown}"
    );
    // Not saving at all says so instead; whether the browser keeps storage is moot.
    let off = your_data_full(false, Some(true), ImportState::Idle, None).await;
    assert!(!off.contains("agreed"), "{off}");
}

#[tokio::test]
async fn your_data_says_what_is_stored_and_where() {
    let html = your_data(true, ImportState::Idle).await;
    assert!(html.contains("1 assessment answer<"), "{html}");
    assert!(html.contains("1 journal note<"), "{html}");
    assert!(html.contains("<code>rekindle.default.v1</code>"), "{html}");
    assert!(html.contains("Export to a file"), "{html}");
    assert!(html.contains("type=\"file\""), "{html}");
    assert!(html.contains("Delete everything"), "{html}");
    assert!(
        !html.contains("Yes, delete everything"),
        "deleting asks first: {html}"
    );
}

#[tokio::test]
async fn your_data_offers_the_single_file_only_when_given_one() {
    let html = your_data_offering(true, ImportState::Idle, Some("rekindle-offline.html")).await;
    assert!(
        html.contains("href=\"rekindle-offline.html\""),
        "links the file: {html}"
    );
    assert!(
        html.contains("download=\"rekindle-offline.html\""),
        "{html}"
    );
    assert!(
        html.contains("Download Rekindle as a single file"),
        "{html}"
    );
    assert!(html.contains("without internet"), "{html}");

    // An embedded widget has no file beside it to offer.
    let html = your_data(true, ImportState::Idle).await;
    assert!(!html.contains("single file"), "{html}");
    assert!(!html.contains("download="), "{html}");
}

#[tokio::test]
async fn your_data_in_memory_mode_says_nothing_is_kept() {
    let html = your_data(false, ImportState::Idle).await;
    assert!(html.contains("lives only in this page"), "{html}");
    assert!(!html.contains("<code>"), "{html}");
}

#[tokio::test]
async fn import_asks_before_replacing_and_explains_a_refusal() {
    let html = your_data(
        true,
        ImportState::Confirm {
            summary: "3 answers and 1 journal notes".into(),
        },
    )
    .await;
    assert!(html.contains("3 answers and 1 journal notes"), "{html}");
    assert!(html.contains("Replace my data with the file"), "{html}");
    assert!(html.contains("Keep my data"), "{html}");

    let html = your_data(true, ImportState::Failed("That file is too large.".into())).await;
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(html.contains("That file is too large."), "{html}");
    assert!(html.contains("has not been changed"), "{html}");
}
