use yew::prelude::*;

/// What the reader needs to know about saving, decided by the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageNotice {
    /// Saved data could not be read; the reader started fresh and can download it.
    Damaged { backed_up: bool },
    /// This browser will not let the widget save: progress lasts until the page closes.
    NotSaving,
}

#[derive(Properties, PartialEq)]
pub struct StorageNoticeProps {
    pub notice: StorageNotice,
    pub on_download_damaged: Callback<()>,
    pub on_export: Callback<()>,
    pub on_dismiss: Callback<()>,
}

/// A calm banner about saving. It explains, offers the way out, and can be dismissed.
#[component]
pub fn StorageNoticeBanner(props: &StorageNoticeProps) -> Html {
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    match &props.notice {
        StorageNotice::Damaged { backed_up } => {
            let download = props.on_download_damaged.reform(|_: MouseEvent| ());
            html! {
                <div class="rk-banner" role="alert">
                    <p>
                        <strong>{ "We could not read your saved progress, so Rekindle has started fresh. " }</strong>
                        if *backed_up {
                            { "Nothing was thrown away: a copy of the old data is kept in this browser, and you can download it." }
                        } else {
                            { "You can download the old data before it is replaced." }
                        }
                    </p>
                    <div class="rk-actions">
                        <button type="button" onclick={download}>{ "Download the old data" }</button>
                        <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                    </div>
                </div>
            }
        }
        StorageNotice::NotSaving => {
            let export = props.on_export.reform(|_: MouseEvent| ());
            html! {
                <div class="rk-banner" role="alert">
                    <p>
                        <strong>{ "This browser is not letting Rekindle save. " }</strong>
                        { "You can keep going, but your answers and plan will be gone when you reload or close this page. Export them to a file to keep them." }
                    </p>
                    <div class="rk-actions">
                        <button type="button" onclick={export}>{ "Export my data" }</button>
                        <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                    </div>
                </div>
            }
        }
    }
}
