use yew::prelude::*;

use crate::content;
use crate::domain::{PlanMode, Step, StepId, StepStatus, Tracker};
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct PlanOverviewProps {
    pub tracker: Tracker,
    pub on_action: Callback<Action>,
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
    let plan = tracker.plan();
    let moving_on = plan == PlanMode::MovingOn;
    let progress = tracker.progress(content);
    let next = tracker.next_suggested(content);
    let next_id = next.map(|step| step.id);

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
            if moving_on {
                <p class="muted">
                    { "You chose to look after yourself and move on. The steps that help with that are suggested first; the others are still here if you want them." }
                </p>
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
                <button type="button" onclick={go(&props.on_action, View::Templates)}>
                    { "Message templates" }
                </button>
            </nav>

            <h3 id="rk-steps-title">{ format!("All {} steps", progress.total) }</h3>
            <ol class="rk-steps" aria-labelledby="rk-steps-title">
                for step in content.steps.iter() {
                    <li key={step.id.0}>{ row(step) }</li>
                }
            </ol>
        </section>
    }
}

/// The step before and after `step` in content order, for previous/next buttons.
pub(crate) fn neighbours(step: StepId) -> (Option<StepId>, Option<StepId>) {
    let steps = &content::english().steps;
    let Some(at) = steps.iter().position(|s| s.id == step) else {
        return (None, None);
    };
    let previous = at.checked_sub(1).and_then(|i| steps.get(i)).map(|s| s.id);
    let next = steps.get(at + 1).map(|s| s.id);
    (previous, next)
}

/// Content labels start with a capital ("The \"jealousy\" message"); mid-sentence they
/// should not.
pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
