use yew::prelude::*;

use crate::domain::Answers;
use crate::state::Action;

/// Where to find help, as the embedder set it (per locale); shown with the safety message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HelpResources {
    pub text: Option<AttrValue>,
    pub url: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct ResultViewProps {
    pub answers: Answers,
    #[prop_or_default]
    pub help: HelpResources,
    pub on_action: Callback<Action>,
}

/// The explained result. (Stub: being written.)
#[component]
pub fn ResultView(_props: &ResultViewProps) -> Html {
    html! { <section class="card"><h2>{ "Your result" }</h2></section> }
}
