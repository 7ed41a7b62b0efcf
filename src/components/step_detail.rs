use yew::prelude::*;

use crate::domain::{Day, StepId, Tracker};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct StepDetailProps {
    pub step: StepId,
    pub tracker: Tracker,
    pub today: Day,
    pub on_action: Callback<Action>,
}

/// One step in full. (Stub: being written.)
#[component]
pub fn StepDetail(_props: &StepDetailProps) -> Html {
    html! { <section class="card"><h2>{ "Step" }</h2></section> }
}
