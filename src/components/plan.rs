use yew::prelude::*;

use crate::domain::Tracker;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PlanOverviewProps {
    pub tracker: Tracker,
    pub on_action: Callback<Action>,
}

/// The 16 steps with status and progress. (Stub: being written.)
#[component]
pub fn PlanOverview(_props: &PlanOverviewProps) -> Html {
    html! { <section class="card"><h2>{ "Your plan" }</h2></section> }
}
