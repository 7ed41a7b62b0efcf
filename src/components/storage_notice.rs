use yew::prelude::*;

use crate::components::clicks::call_on_click;

use crate::i18n::Texts;

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
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub notice: StorageNotice,
    pub on_download_damaged: Callback<()>,
    pub on_export: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// A calm banner about saving. It explains, offers the way out, and can be dismissed.
#[component]
pub fn StorageNoticeBanner(props: &StorageNoticeProps) -> Html {
    let t = &props.texts.ui().storage;
    let dismiss = call_on_click(&props.on_dismiss);
    let download = call_on_click(&props.on_download_damaged);
    let export = call_on_click(&props.on_export);
    match &props.notice {
        StorageNotice::Damaged { started_fresh } => html! {
            <div class="rk-banner" role="alert">
                <p>
                    if *started_fresh {
                        <strong>{ t.damaged_fresh() }</strong>
                    } else {
                        <strong>{ t.damaged_found() }</strong>
                    }
                    { " " }{ t.damaged_kept() }
                    if !*started_fresh {
                        { " " }{ t.damaged_same() }
                    }
                </p>
                <div class="rk-actions">
                    <button type="button" onclick={download}>{ t.download_old() }</button>
                    <button type="button" onclick={dismiss}>{ t.dismiss() }</button>
                </div>
            </div>
        },
        StorageNotice::NotSaving(reason) => {
            let (why, has_old_data) = match reason {
                NotSavingReason::Refused => (t.refused(), false),
                NotSavingReason::NewerVersion => (t.newer(), true),
                NotSavingReason::CouldNotBackUp => (t.no_backup(), true),
            };
            html! {
                <div class="rk-banner" role="alert">
                    <p><strong>{ why }</strong>{ " " }{ t.not_kept() }</p>
                    <div class="rk-actions">
                        <button type="button" onclick={export}>{ t.export() }</button>
                        if has_old_data {
                            <button type="button" onclick={download}>{ t.download_old() }</button>
                        }
                        <button type="button" onclick={dismiss}>{ t.dismiss() }</button>
                    </div>
                </div>
            }
        }
    }
}
