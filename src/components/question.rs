use yew::prelude::*;

use crate::domain::{Answers, QuestionId};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct QuestionViewProps {
    pub question_id: QuestionId,
    pub answers: Answers,
    /// Why the last action failed (e.g. Next without an answer), shown by the question.
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    pub on_action: Callback<Action>,
}

/// One question per screen. (Stub: being written.)
#[component]
pub fn QuestionView(props: &QuestionViewProps) -> Html {
    html! { <section class="card"><h2>{ props.question_id.as_str().to_string() }</h2></section> }
}
