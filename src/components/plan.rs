use yew::prelude::*;

use crate::components::switch_back::SwitchBack;
use crate::content;
use crate::domain::{ContactHold, Direction, PlanMode, Step, StepStatus, Tracker};
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct PlanOverviewProps {
    pub tracker: Tracker,
    /// The plan's direction after the assessment (see `domain::direction`).
    #[prop_or_default]
    pub direction: Direction,
    pub on_action: Callback<Action>,
}

/// One plain sentence on why the contact steps are not in the plan, and how that changes.
pub(crate) fn hidden_contact_note(direction: &Direction) -> Option<&'static str> {
    if !direction.is_moving_on() {
        return None;
    }
    Some(match direction.hold {
        Some(ContactHold::Safety | ContactHold::SafetyConcern) => {
            "Because of your answers about safety, this plan is about looking after yourself, so the steps about getting in touch with your ex and the message templates are hidden. They stay hidden while those answers stand; if things have changed, you can review your answers."
        }
        Some(ContactHold::AskedForDistance) => {
            "Your ex has asked for distance, so this plan is about looking after yourself and the steps about getting in touch with them and the message templates are hidden. If that changes, you can review your answers."
        }
        None => {
            "While you're moving on, the steps about getting in touch with your ex and the message templates are hidden."
        }
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

fn go(on_action: &Callback<Action>, view: View) -> Callback<MouseEvent> {
    on_action.reform(move |_: MouseEvent| Action::Go(view.clone()))
}

/// The 16 steps with status and progress.
#[component]
pub fn PlanOverview(props: &PlanOverviewProps) -> Html {
    let content = content::english();
    let tracker = &props.tracker;
    let direction = props.direction;
    let plan = direction.mode;
    let moving_on = direction.is_moving_on();
    let progress = direction.progress(content, tracker);
    let next = direction.next_step(content, tracker);
    let next_id = next.map(|step| step.id);
    let shown_steps: Vec<&Step> = direction.steps(content).collect();
    let on_review = props
        .on_action
        .reform(|_: MouseEvent| Action::Go(View::Review));
    let on_switch_back = props
        .on_action
        .reform(|()| Action::ChoosePlan(PlanMode::Reconcile));
    let on_move_on = props
        .on_action
        .reform(|_: MouseEvent| Action::ChoosePlan(PlanMode::MovingOn));

    let settled_line = match progress.skipped {
        0 => None,
        1 => Some("1 step skipped, which is fine.".to_string()),
        n => Some(format!("{n} steps skipped, which is fine.")),
    };

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
        html! {
            <button type="button" {class} onclick={go(&props.on_action, View::Step(step.id))}>
                <span class="rk-step-num">{ format!("Step {}", step.id) }</span>
                <span class="rk-sr-only">{ ": " }</span>
                <span class="rk-step-title">{ step.title.clone() }</span>
                <span class="rk-sr-only">{ ". " }</span>
                <span class="rk-status">{ content.status_label(status).to_string() }</span>
                if is_next || set_aside {
                    <span class="rk-step-asides">
                        if is_next {
                            <span class="rk-sr-only">{ ". " }</span>
                            <span class="rk-step-aside">{ "Suggested next" }</span>
                        }
                        if set_aside {
                            <span class="rk-sr-only">{ ". " }</span>
                            <span class="rk-step-aside">
                                { "Mainly for reconnecting. Open it any time if it still helps." }
                            </span>
                        }
                    </span>
                }
            </button>
        }
    };

    html! {
        <section class="card rk-plan" aria-labelledby="rk-plan-title">
            <h2 id="rk-plan-title">{ "Your plan" }</h2>
            <p class="rk-plan-mode">
                { "Where you are heading: " }
                <strong>{ content.plan_mode_label(plan).to_string() }</strong>
            </p>
            if let Some(note) = hidden_contact_note(&direction) {
                <p class="rk-note rk-contact-hidden">{ note }</p>
                if direction.may_reconnect() {
                    <SwitchBack on_confirm={on_switch_back} />
                } else {
                    <p><button type="button" onclick={on_review}>{ "Review my answers" }</button></p>
                }
            }

            <div class="rk-progress">
                <label for="rk-plan-progress" class="rk-progress-label">
                    { format!("{} of {} steps done", progress.done, progress.total) }
                </label>
                <progress
                    id="rk-plan-progress"
                    max={progress.total.to_string()}
                    value={progress.done.to_string()}
                >
                    { format!("{} of {}", progress.done, progress.total) }
                </progress>
                if let Some(line) = settled_line {
                    <p class="muted rk-progress-note">{ line }</p>
                }
            </div>

            <div class="rk-next">
                <h3>{ "A good next step" }</h3>
                if let Some(step) = next {
                    <p>
                        <span class="rk-step-num">{ format!("Step {}", step.id) }</span>
                        <span class="rk-sr-only">{ ": " }</span>
                        <span class="rk-next-title">{ step.title.clone() }</span>
                    </p>
                    <button
                        type="button"
                        class="primary"
                        onclick={go(&props.on_action, View::Step(step.id))}
                    >
                        { format!("Open step {}", step.id) }
                    </button>
                } else {
                    <p>
                        { "Every step you planned is done or set aside. That took real care; be proud of it. You can open any step again below." }
                    </p>
                }
            </div>

            <nav class="rk-plan-tools" aria-label="Tools for your plan">
                <button type="button" onclick={go(&props.on_action, View::NoContact)}>
                    { "No-contact counter" }
                </button>
                if direction.shows_templates() {
                    <button type="button" onclick={go(&props.on_action, View::Templates)}>
                        { "Message templates" }
                    </button>
                }
            </nav>

            <h3 id="rk-steps-title">
                if progress.total == content.steps.len() {
                    { format!("All {} steps", progress.total) }
                } else {
                    { format!("Your {} steps", progress.total) }
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
                        { "Switch my plan to moving on" }
                    </button>
                </p>
            }
        </section>
    }
}

/// Content labels start with a capital ("The \"no communication\" message"); mid-sentence they
/// should not.
pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
