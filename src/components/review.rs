use yew::prelude::*;

use crate::domain::Answers;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub answers: Answers,
    pub on_action: Callback<Action>,
}

/// Every answer, each editable. (Stub: being written.)
#[component]
pub fn Review(_props: &ReviewProps) -> Html {
    html! { <section class="card"><h2>{ "Your answers" }</h2></section> }
}
