use yew::prelude::*;

use crate::domain::{Day, Tracker};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct NoContactViewProps {
    pub tracker: Tracker,
    pub today: Day,
    pub on_action: Callback<Action>,
}

/// The no-contact counter. (Stub: being written.)
#[component]
pub fn NoContactView(_props: &NoContactViewProps) -> Html {
    html! { <section class="card"><h2>{ "Space" }</h2></section> }
}
