use yew::prelude::*;

use crate::components::clicks::send_on_click;

use crate::domain::content::ReviewText;
use crate::domain::{answered_count, is_complete, visible_questions, Answers, Question};
use crate::i18n::{fill, Texts};
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub answers: Answers,
    pub on_action: Callback<Action>,
}

/// Every answer, each editable.
#[component]
pub fn Review(props: &ReviewProps) -> Html {
    let texts = props.texts;
    let content = texts.content();
    let t = &texts.ui().review;
    let visible = visible_questions(content, &props.answers);

    // Consecutive runs of questions from the same section, so the order is always the
    // asking order even if a section's questions were ever split up.
    let mut groups: Vec<(String, Vec<&Question>)> = Vec::new();
    for question in &visible {
        let title = content
            .section(&question.section)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        match groups.last_mut() {
            Some((_, questions)) if questions[0].section == question.section => {
                questions.push(question)
            }
            _ => groups.push((title, vec![question])),
        }
    }

    let complete = is_complete(content, &props.answers);
    let (answered, shown) = answered_count(content, &props.answers);
    let left = shown.saturating_sub(answered);

    html! {
        <section class="card rk-review" aria-labelledby="rk-review-title">
            <h2 id="rk-review-title">{ t.title() }</h2>
            <p class="muted">
                { t.intro() }
            </p>
            { for groups.iter().enumerate().map(|(index, (title, questions))| {
                let heading_id = format!("rk-review-section-{index}");
                html! {
                    <section key={heading_id.clone()} class="rk-review-section" aria-labelledby={heading_id.clone()}>
                        <h3 id={heading_id}>{ title.clone() }</h3>
                        <ul class="rk-review-list">
                            { for questions.iter().map(|q| review_item(q, &props.answers, &props.on_action, t)) }
                        </ul>
                    </section>
                }
            }) }
            <div class="rk-review-end">
                if complete {
                    <p>{ t.complete() }</p>
                    <button
                        type="button"
                        class="primary"
                        onclick={send_on_click(&props.on_action, Action::Go(View::Result))}
                    >
                        { t.see_result() }
                    </button>
                } else {
                    <p>{ texts.count(left, t.left_one(), t.left_other()) }</p>
                    <button
                        type="button"
                        class="primary"
                        onclick={send_on_click(&props.on_action, Action::StartAssessment)}
                    >
                        { t.answer_rest() }
                    </button>
                }
            </div>
        </section>
    }
}

fn review_item(
    question: &Question,
    answers: &Answers,
    on_action: &Callback<Action>,
    t: &ReviewText,
) -> Html {
    let labels: Vec<String> = answers
        .get(&question.id)
        .map(|answer| {
            answer
                .selected()
                .iter()
                .filter_map(|id| question.option(id))
                .map(|option| option.label.clone())
                .collect()
        })
        .unwrap_or_default();
    let target = question.id.clone();
    let on_change = send_on_click(on_action, Action::Go(View::Question(target.clone())));
    // The visible word starts the accessible name, so voice control users can say it.
    let change_label = fill(t.change_label(), &[("prompt", &question.prompt)]);
    let answer = match labels.as_slice() {
        [] => html! { <p class="rk-review-answer muted">{ t.not_answered() }</p> },
        [only] => html! { <p class="rk-review-answer">{ only.clone() }</p> },
        many => html! {
            <ul class="rk-review-answer">
                { for many.iter().map(|label| html! { <li key={label.clone()}>{ label.clone() }</li> }) }
            </ul>
        },
    };
    html! {
        <li key={question.id.as_str().to_string()} class="rk-review-item">
            <p class="rk-review-prompt">{ question.prompt.clone() }</p>
            { answer }
            <button type="button" class="rk-change" aria-label={change_label} onclick={on_change}>
                { t.change() }
            </button>
        </li>
    }
}
