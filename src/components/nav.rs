use yew::prelude::*;

use crate::i18n::Texts;
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct NavProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub view: View,
    pub on_action: Callback<Action>,
}

/// The three places a reader moves between. The current one is marked for screen
/// readers with `aria-current`, not only by colour.
#[component]
pub fn Nav(props: &NavProps) -> Html {
    let t = &props.texts.ui().shell;
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
        <nav class="rk-nav" aria-label={t.nav_label()}>
            <ul>
                { item(0, t.nav_assessment(), Action::Go(View::Welcome)) }
                { item(1, t.nav_plan(), Action::Go(View::Plan)) }
                { item(2, t.nav_data(), Action::Go(View::Data)) }
            </ul>
        </nav>
    }
}
