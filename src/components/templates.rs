use yew::prelude::*;

use crate::domain::{TemplateId, Tracker};
use crate::state::Action;

/// What happened to the last copy to the clipboard; the shell sets it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CopyState {
    #[default]
    Idle,
    Copied(TemplateId),
    /// The browser refused the clipboard: the view selects the text for a manual copy.
    Refused(TemplateId),
}

#[derive(Properties, PartialEq)]
pub struct TemplatesViewProps {
    pub tracker: Tracker,
    #[prop_or_default]
    pub copy_state: CopyState,
    pub on_action: Callback<Action>,
    /// Asks the shell to copy this text to the clipboard.
    pub on_copy: Callback<(TemplateId, String)>,
}

/// The message templates. (Stub: being written.)
#[component]
pub fn TemplatesView(_props: &TemplatesViewProps) -> Html {
    html! { <section class="card"><h2>{ "Messages" }</h2></section> }
}
