use yew::prelude::*;

use crate::components::clicks::send_on_click;

use crate::components::switch_back::SwitchBack;
use crate::domain::content::PlanText;
use crate::domain::{ContactHold, Day, Direction, PlanMode, Step, StepStatus, Tracker};
use crate::i18n::{fill, Texts};
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct PlanOverviewProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub tracker: Tracker,
    /// The plan's direction after the assessment (see `domain::direction`).
    #[prop_or_default]
    pub direction: Direction,
    /// The reader's date, printed with the plan.
    #[prop_or_default]
    pub today: Option<Day>,
    pub on_action: Callback<Action>,
}

/// One plain sentence on why the contact steps are not in the plan, and how that changes.
pub(crate) fn hidden_contact_note<'a>(direction: &Direction, t: &'a PlanText) -> Option<&'a str> {
    if !direction.is_moving_on() {
        return None;
    }
    Some(match direction.hold {
        Some(ContactHold::Safety | ContactHold::SafetyConcern) => t.hidden_safety(),
        Some(ContactHold::AskedForDistance) => t.hidden_distance(),
        None => t.hidden_moving_on(),
    })
}

pub(crate) fn status_slug(status: StepStatus) -> &'static str {
    match status {
        StepStatus::NotStarted => "not-started",
        StepStatus::InProgress => "in-progress",
        StepStatus::Done => "done",
        StepStatus::Skipped => "skipped",
    }
}

/// A class per status, so colour can echo the status text (never replace it).
pub(crate) fn status_class(status: StepStatus) -> String {
    format!("rk-status-{}", status_slug(status))
}

/// A step button's accessible name, read as one sentence: "Step 1, Find out if they
/// still care: not started, suggested next".
pub(crate) fn step_button_name(
    step: &Step,
    status: StepStatus,
    is_next: bool,
    set_aside: bool,
    texts: Texts,
) -> String {
    let t = &texts.ui().plan;
    let mut name = fill(
        t.step_name(),
        &[
            ("n", &step.id),
            ("title", &step.title),
            (
                "status",
                &texts.lowercase_first(texts.content().status_label(status)),
            ),
        ],
    );
    if is_next {
        name.push_str(t.name_next());
    }
    if set_aside {
        name.push_str(t.name_optional());
    }
    name
}

fn go(on_action: &Callback<Action>, view: View) -> Callback<MouseEvent> {
    send_on_click(on_action, Action::Go(view.clone()))
}

/// The 16 steps with status and progress.
#[component]
pub fn PlanOverview(props: &PlanOverviewProps) -> Html {
    let texts = props.texts;
    let content = texts.content();
    let t = &texts.ui().plan;
    let shell = &texts.ui().shell;
    let tracker = &props.tracker;
    let direction = props.direction;
    let plan = direction.mode;
    let moving_on = direction.is_moving_on();
    let progress = direction.progress(content, tracker);
    let next = direction.next_step(content, tracker);
    let next_id = next.map(|step| step.id);
    let shown_steps: Vec<&Step> = direction.steps(content).collect();
    let on_review = send_on_click(&props.on_action, Action::Go(View::Review));
    let on_switch_back = props
        .on_action
        .reform(|()| Action::ChoosePlan(PlanMode::Reconcile));
    let on_move_on = send_on_click(&props.on_action, Action::ChoosePlan(PlanMode::MovingOn));

    let settled_line = (progress.skipped > 0)
        .then(|| texts.count(progress.skipped, t.skipped_one(), t.skipped_other()));

    let row = |step: &Step| -> Html {
        let status = tracker.status(step.id);
        let set_aside = moving_on && !step.also_for_moving_on;
        let is_next = next_id == Some(step.id);
        let class = classes!(
            "rk-step-row",
            status_class(status),
            set_aside.then_some("rk-set-aside"),
            is_next.then_some("rk-is-next"),
        );
        let name = step_button_name(step, status, is_next, set_aside, texts);
        html! {
            <button type="button" {class} aria-label={name} onclick={go(&props.on_action, View::Step(step.id))}>
                // The spaces between the parts keep the visible text a plain run of words,
                // so it stays inside the accessible name (WCAG 2.5.3, label in name).
                <span class="rk-step-num">{ fill(shell.step_n(), &[("n", &step.id)]) }</span>{ " " }
                <span class="rk-step-title">{ step.title.clone() }</span>{ " " }
                <span class="rk-status">{ content.status_label(status).to_string() }</span>
                if is_next {
                    { " " }<span class="rk-step-aside">{ t.suggested() }</span>
                }
                if set_aside {
                    { " " }<span class="rk-step-aside">{ t.optional() }</span>
                }
            </button>
        }
    };
    // One segment per step, as markup: class names only, far less wasm than `html!`.
    let mut segments = String::from(r#"<div class="rk-segments" aria-hidden="true">"#);
    for step in &shown_steps {
        segments.push_str(&format!(
            r#"<span class="rk-segment {}"></span>"#,
            status_class(tracker.status(step.id))
        ));
    }
    segments.push_str("</div>");

    html! {
        <section class="card rk-plan" aria-labelledby="rk-plan-title">
            <h2 id="rk-plan-title">{ t.title() }</h2>
            if let Some(day) = props.today {
                <p class="rk-print-only">{ fill(shell.saved_on(), &[("date", &texts.date(day))]) }</p>
            }
            <p class="rk-plan-mode">
                { t.heading_for() }{ " " }
                <strong>{ content.plan_mode_label(plan).to_string() }</strong>
            </p>
            if let Some(note) = hidden_contact_note(&direction, t) {
                <p class="rk-note rk-contact-hidden">{ note.to_string() }</p>
                if direction.may_reconnect() {
                    <SwitchBack texts={props.texts} on_confirm={on_switch_back} />
                } else {
                    <p><button type="button" onclick={on_review}>{ shell.review_answers() }</button></p>
                }
            }

            <div class="rk-progress">
                <label for="rk-plan-progress" class="rk-progress-label">
                    { fill(t.done_of(), &[("done", &progress.done), ("total", &progress.total)]) }
                </label>
                <progress
                    id="rk-plan-progress"
                    class="rk-plan-progress-bar"
                    max={progress.total.to_string()}
                    value={progress.done.to_string()}
                >
                    { fill(t.done_value(), &[("done", &progress.done), ("total", &progress.total)]) }
                </progress>
                // The same progress as a picture: one segment per step, coloured and in
                // order; the label above says it in words.
                { Html::from_html_unchecked(segments.into()) }
                if let Some(line) = settled_line {
                    <p class="muted rk-progress-note">{ line }</p>
                }
            </div>

            <div class="rk-next">
                <h3>{ t.next_title() }</h3>
                if let Some(step) = next {
                    <p>
                        <span class="rk-step-num">{ fill(shell.step_n(), &[("n", &step.id)]) }</span>
                        <span class="rk-sr-only">{ ": " }</span>
                        <span class="rk-next-title">{ step.title.clone() }</span>
                    </p>
                    <button
                        type="button"
                        class="primary"
                        onclick={go(&props.on_action, View::Step(step.id))}
                    >
                        { fill(shell.open_step(), &[("n", &step.id)]) }
                    </button>
                } else {
                    <p>
                        { t.all_done() }
                    </p>
                }
            </div>

            <nav class="rk-plan-tools" aria-label={t.tools_label()}>
                <button type="button" onclick={go(&props.on_action, View::NoContact)}>
                    { t.counter() }
                </button>
                if direction.shows_templates() {
                    <button type="button" onclick={go(&props.on_action, View::Templates)}>
                        { t.templates() }
                    </button>
                }
            </nav>

            <h3 id="rk-steps-title">
                if progress.total == content.steps.len() {
                    { fill(t.all_steps(), &[("n", &progress.total)]) }
                } else {
                    { fill(t.your_steps(), &[("n", &progress.total)]) }
                }
            </h3>
            <ol class="rk-steps" aria-labelledby="rk-steps-title">
                for step in shown_steps.iter().copied() {
                    <li key={step.id.0}>{ row(step) }</li>
                }
            </ol>
            if !moving_on {
                <p class="rk-plan-switch">
                    <button type="button" onclick={on_move_on}>
                        { t.switch_to_moving_on() }
                    </button>
                </p>
            }
        </section>
    }
}
