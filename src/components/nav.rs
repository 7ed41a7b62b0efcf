use yew::prelude::*;

use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub view: View,
    pub on_action: Callback<Action>,
}

/// The three places a reader moves between. The current one is marked for screen
/// readers with `aria-current`, not only by colour.
#[component]
pub fn Nav(props: &NavProps) -> Html {
    let section = match props.view {
        View::Welcome | View::Question(_) | View::Review | View::Result => 0,
        View::Plan | View::Step(_) | View::NoContact | View::Templates => 1,
        View::Data => 2,
    };
    let item = |index: usize, label: &'static str, action: Action| {
        let on_action = props.on_action.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_action.emit(action.clone()));
        let current = (index == section).then_some("page");
        html! {
            <li><button type="button" class="rk-nav-item" aria-current={current} {onclick}>{ label }</button></li>
        }
    };
    html! {
        <nav class="rk-nav" aria-label="Rekindle">
            <ul>
                { item(0, "Assessment", Action::Go(View::Welcome)) }
                { item(1, "My plan", Action::Go(View::Plan)) }
                { item(2, "My data", Action::Go(View::Data)) }
            </ul>
        </nav>
    }
}
