use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::clicks::send_on_click;

use crate::domain::content::QuestionText;
use crate::domain::{
    part_progress, visible_questions, Answer, AnswerOption, Answers, OptionId, PartProgress,
    Question, QuestionId, QuestionKind,
};
use crate::i18n::{fill, Texts};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct QuestionViewProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub question_id: QuestionId,
    pub answers: Answers,
    /// Why the last action failed (e.g. Next without an answer), shown by the question.
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    /// Move focus to this view's heading when it appears: the shell says so once the
    /// reader has acted in the widget, never on page load (see `app.rs`).
    #[prop_or_default]
    pub move_focus: bool,
    pub on_action: Callback<Action>,
}

/// The selection of a multiple-choice question after the reader toggles `option`, so
/// the answer sent is always one the domain accepts: an exclusive option ("none of
/// these") replaces everything else, and any other option drops the exclusive one.
/// May be empty when the reader unticks the last option.
pub fn selection_after_toggle(
    question: &Question,
    current: Option<&Answer>,
    option: &OptionId,
) -> Vec<OptionId> {
    let current: &[OptionId] = current.map(Answer::selected).unwrap_or_default();
    if current.contains(option) {
        return current.iter().filter(|id| *id != option).cloned().collect();
    }
    let chosen_is_exclusive = question.option(option).is_some_and(|o| o.exclusive);
    if chosen_is_exclusive {
        return vec![option.clone()];
    }
    let is_exclusive = |id: &OptionId| question.option(id).is_some_and(|o| o.exclusive);
    let mut selection: Vec<OptionId> = current
        .iter()
        .filter(|id| !is_exclusive(id))
        .cloned()
        .collect();
    selection.push(option.clone());
    selection
}

/// One question per screen.
#[component]
pub fn QuestionView(props: &QuestionViewProps) -> Html {
    let texts = props.texts;
    let content = texts.content();
    let t = &texts.ui().question;
    let heading_ref = use_node_ref();
    // The question where the reader tried to untick the last ticked box; the domain has
    // no "no answer" for a question, so we keep the box ticked and say why.
    let kept_last = use_state(|| None::<QuestionId>);
    {
        let heading_ref = heading_ref.clone();
        let kept_last = kept_last.clone();
        let move_focus = props.move_focus;
        // Moving focus to the new question tells screen reader users the screen changed
        // and starts keyboard users at the top of it. Effects never run in SSR.
        // Focus goes to the heading inside the legend, not the legend itself: Firefox
        // will not focus a `<legend tabindex="-1">` (light or shadow DOM) and left the
        // reader on `<body>`; every engine focuses a heading with tabindex="-1".
        use_effect_with(props.question_id.clone(), move |_| {
            if let Some(heading) = heading_ref.cast::<HtmlElement>().filter(|_| move_focus) {
                let _ = heading.focus();
            }
            // The note about the last ticked box is about that visit, not a later one.
            if kept_last.is_some() {
                kept_last.set(None);
            }
        });
    }

    let visible = visible_questions(content, &props.answers);
    let position = visible.iter().position(|q| q.id == props.question_id);
    let (Some(question), Some(index)) = (content.question(&props.question_id), position) else {
        return not_here(&props.on_action, t);
    };
    let is_last = index + 1 == visible.len();
    // Counted by parts, not questions: follow-ups appear inside a part, so the count
    // never jumps back or grows while the reader moves forward.
    let part = part_progress(content, &props.answers, &question.id)
        .unwrap_or(PartProgress { part: 1, parts: 1 });
    let qid = question.id.as_str();

    let section = content.section(&question.section);
    let section_title = section.map(|s| s.title.clone()).unwrap_or_default();
    // A section's introduction belongs with its first question, not every one.
    let starts_section = index == 0 || visible[index - 1].section != question.section;
    let section_intro = section
        .and_then(|s| s.intro.clone())
        .filter(|_| starts_section);

    let progress_id = format!("rk-progress-{qid}");
    let hint_id = format!("rk-hint-{qid}");
    let help_id = format!("rk-help-{qid}");
    let described_by = if question.help.is_some() {
        format!("{hint_id} {help_id}")
    } else {
        hint_id.clone()
    };
    let is_multiple = question.kind == QuestionKind::MultipleChoice;
    let current = props.answers.get(&question.id);

    let problem: Option<AttrValue> = props.problem.clone().or_else(|| {
        (kept_last.as_ref() == Some(&question.id)).then(|| AttrValue::from(t.keep_one_ticked()))
    });

    let options = question.options.iter().map(|option| {
        option_row(
            question,
            option,
            current,
            &props.on_action,
            &kept_last,
            is_multiple,
        )
    });

    let on_back = send_on_click(&props.on_action, Action::Back);
    let on_next = send_on_click(&props.on_action, Action::Next);
    let next_label = if is_last { t.review() } else { t.next() };

    html! {
        <section class="card rk-question">
            <div class="rk-question-top">
                <p class="rk-eyebrow">{ section_title }</p>
                <p class="rk-progress-text muted" id={progress_id.clone()}>
                    { fill(t.part(), &[("part", &part.part), ("parts", &part.parts)]) }
                </p>
                <progress
                    class="rk-progress"
                    max={part.parts.to_string()}
                    value={part.part.to_string()}
                    aria-labelledby={progress_id}
                >
                    { fill(t.part_value(), &[("part", &part.part), ("parts", &part.parts)]) }
                </progress>
            </div>
            if let Some(intro) = section_intro {
                <p class="rk-section-intro">{ intro }</p>
            }
            <fieldset class="rk-fieldset" aria-describedby={described_by}>
                <legend class="rk-legend">
                    <h2 class="rk-prompt" tabindex="-1" ref={heading_ref}>{ question.prompt.clone() }</h2>
                </legend>
                <p class="rk-hint muted" id={hint_id}>{ content.kind_hint(question.kind).to_string() }</p>
                if let Some(help) = question.help.clone() {
                    <p class="rk-help muted" id={help_id}>{ help }</p>
                }
                <div class="rk-options">
                    { for options }
                </div>
            </fieldset>
            <p class="rk-problem" role="alert">{ problem.unwrap_or_default() }</p>
            <div class="rk-question-nav">
                <button type="button" class="rk-back" onclick={on_back}>{ t.back() }</button>
                <button type="button" class="primary rk-next" onclick={on_next}>{ next_label }</button>
            </div>
        </section>
    }
}

fn option_row(
    question: &Question,
    option: &AnswerOption,
    current: Option<&Answer>,
    on_action: &Callback<Action>,
    kept_last: &UseStateHandle<Option<QuestionId>>,
    is_multiple: bool,
) -> Html {
    let input_id = format!("rk-opt-{}-{}", question.id, option.id);
    let checked = current.is_some_and(|answer| answer.is_selected(&option.id));
    let question_id = question.id.clone();
    let onchange = if is_multiple {
        let selection = selection_after_toggle(question, current, &option.id);
        let on_action = on_action.clone();
        let kept_last = kept_last.clone();
        Callback::from(move |_: Event| {
            if selection.is_empty() {
                // Setting local state re-renders, and the re-render puts the tick back.
                kept_last.set(Some(question_id.clone()));
            } else {
                kept_last.set(None);
                on_action.emit(Action::Answer {
                    question: question_id.clone(),
                    answer: Answer::Multiple(selection.clone()),
                });
            }
        })
    } else {
        let option_id = option.id.clone();
        on_action.reform(move |_: Event| Action::Answer {
            question: question_id.clone(),
            answer: Answer::Single(option_id.clone()),
        })
    };
    html! {
        <label
            key={option.id.as_str().to_string()}
            class={classes!("rk-option", checked.then_some("rk-option-chosen"))}
            for={input_id.clone()}
        >
            <input
                type={if is_multiple { "checkbox" } else { "radio" }}
                id={input_id}
                name={format!("rk-q-{}", question.id)}
                value={option.id.as_str().to_string()}
                {checked}
                {onchange}
            />
            <span class="rk-option-label">{ option.label.clone() }</span>
        </label>
    }
}

/// Shown if the shell points at a question that does not exist or no longer applies.
fn not_here(on_action: &Callback<Action>, t: &QuestionText) -> Html {
    let on_resume = send_on_click(on_action, Action::StartAssessment);
    html! {
        <section class="card rk-question">
            <h2>{ t.gone_title() }</h2>
            <p>{ t.gone_text() }</p>
            <div class="rk-question-nav">
                <button type="button" class="primary" onclick={on_resume}>{ t.carry_on() }</button>
            </div>
        </section>
    }
}
