use yew::prelude::*;

/// Why Rekindle is not saving, decided by the shell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotSavingReason {
    /// The browser refuses storage (private mode, disabled, full).
    Refused,
    /// What is stored comes from a newer Rekindle, so it is left alone.
    NewerVersion,
    /// What is stored cannot be read, and there is no room to keep a copy of it.
    CouldNotBackUp,
}

/// What the reader needs to know about saving, decided by the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageNotice {
    /// Saved data could not be read; a copy is kept and saving goes on. At start-up
    /// the reader starts fresh; found later (another tab wrote it), what is on screen
    /// is what gets saved.
    Damaged { started_fresh: bool },
    /// Nothing entered from now on outlives the page.
    NotSaving(NotSavingReason),
}

#[derive(Properties, PartialEq)]
pub struct StorageNoticeProps {
    pub notice: StorageNotice,
    pub on_download_damaged: Callback<()>,
    pub on_export: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// The sentence every "not saving" banner carries, whatever the reason.
pub const NOT_KEPT: &str = "Anything you enter now will not be kept after you close this page. Export it to a file if you want to keep it.";

/// A calm banner about saving. It explains, offers the way out, and can be dismissed.
#[component]
pub fn StorageNoticeBanner(props: &StorageNoticeProps) -> Html {
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let download = props.on_download_damaged.reform(|_: MouseEvent| ());
    let export = props.on_export.reform(|_: MouseEvent| ());
    match &props.notice {
        StorageNotice::Damaged { started_fresh } => html! {
            <div class="rk-banner" role="alert">
                <p>
                    if *started_fresh {
                        <strong>{ "We could not read your saved progress, so Rekindle has started fresh. " }</strong>
                    } else {
                        <strong>{ "We found saved progress here that we could not read. " }</strong>
                    }
                    { "Nothing was thrown away: a copy of the old data is kept in this browser, and you can download it." }
                    if !*started_fresh {
                        { " What you see here is saved as before." }
                    }
                </p>
                <div class="rk-actions">
                    <button type="button" onclick={download}>{ "Download the old data" }</button>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            </div>
        },
        StorageNotice::NotSaving(reason) => {
            let (why, has_old_data) = match reason {
                NotSavingReason::Refused => ("This browser is not letting Rekindle save. ", false),
                NotSavingReason::NewerVersion => (
                    "Your saved progress comes from a newer version of Rekindle, so this page leaves it untouched and saves nothing. Reloading the page may bring the newer version. ",
                    true,
                ),
                NotSavingReason::CouldNotBackUp => (
                    "We could not read your saved progress, and there is no room to keep a copy of it, so Rekindle will not save over it. ",
                    true,
                ),
            };
            html! {
                <div class="rk-banner" role="alert">
                    <p><strong>{ why }</strong>{ NOT_KEPT }</p>
                    <div class="rk-actions">
                        <button type="button" onclick={export}>{ "Export my data" }</button>
                        if has_old_data {
                            <button type="button" onclick={download}>{ "Download the old data" }</button>
                        }
                        <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                    </div>
                </div>
            }
        }
    }
}
