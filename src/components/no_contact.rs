use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::content;
use crate::domain::{Day, NoContact, StepId, StripKind, Tracker, MILESTONE_DAYS};
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct NoContactViewProps {
    pub tracker: Tracker,
    pub today: Day,
    pub on_action: Callback<Action>,
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

fn go(on_action: &Callback<Action>, view: View) -> Callback<MouseEvent> {
    on_action.reform(move |_: MouseEvent| Action::Go(view.clone()))
}

/// Why a typed start date cannot be used, in words for the reader.
fn start_date_problem(text: &str, today: Day, counter: &NoContact) -> Result<Day, String> {
    let day = Day::parse_iso(text.trim())
        .map_err(|_| "Please choose a date, for example 2026-03-14.".to_string())?;
    if day > today {
        return Err("The start can't be later than today.".to_string());
    }
    if let Some(first) = counter.slips().first() {
        if first.on < day {
            return Err(format!(
                "You logged a contact on {}, so the start needs to be on or before that day.",
                first.on
            ));
        }
    }
    Ok(day)
}

/// Days shown on the calendar strip: four weeks, one row each.
const STRIP_DAYS: u32 = 28;

/// The last four weeks at a glance: space kept, contacts marked, today outlined. The
/// squares are a picture; the sentence under them says the same in words.
fn day_strip(counter: &NoContact, today: Day) -> Html {
    let strip = counter.recent_days(today, STRIP_DAYS);
    let free = strip.iter().filter(|d| d.kind == StripKind::Free).count();
    let contact = strip
        .iter()
        .filter(|d| d.kind == StripKind::Contact)
        .count();
    let summary = format!(
        "In the last four weeks: {} of space, {} with contact.",
        days(free as u32),
        match contact {
            0 => "no days".to_string(),
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        }
    );
    // Markup rather than `html!`: 28 squares of class names and marks, no reader text,
    // for a fraction of the wasm a virtual-DOM loop costs.
    let mut squares = String::from(r#"<ol class="rk-strip-days" aria-hidden="true">"#);
    for day in &strip {
        let (kind, mark) = match day.kind {
            StripKind::BeforeStart => ("rk-strip-before", ""),
            StripKind::Free => ("rk-strip-free", "✓"),
            StripKind::Contact => ("rk-strip-contact", "×"),
        };
        let today = if day.is_today { " rk-strip-today" } else { "" };
        squares.push_str(&format!(
            r#"<li class="rk-strip-day {kind}{today}">{mark}</li>"#
        ));
    }
    squares.push_str("</ol>");
    html! {
        <figure class="rk-strip">
            { Html::from_html_unchecked(squares.into()) }
            <figcaption class="muted">
                { summary }
                { " Today is outlined." }
            </figcaption>
        </figure>
    }
}

/// The no-contact counter.
#[component]
pub fn NoContactView(props: &NoContactViewProps) -> Html {
    let content = content::english();
    let counter = props.tracker.no_contact();
    let today = props.today;
    let slip_note = use_state(String::new);
    // `None` until the reader types, so the field follows the saved start date.
    let start_text = use_state(|| None::<String>);
    let start_problem = use_state(|| None::<String>);

    let step_two = content.no_contact_step().map_or(StepId(2), |step| step.id);
    let footer = html! {
        <nav class="rk-step-nav" aria-label="Where to next">
            <button type="button" onclick={go(&props.on_action, View::Step(step_two))}>
                { format!("Open step {step_two}") }
            </button>
            <button type="button" onclick={go(&props.on_action, View::Plan)}>
                { "Back to your plan" }
            </button>
        </nav>
    };

    let Some(started_on) = counter.started_on() else {
        return html! {
            <section class="card rk-counter" aria-labelledby="rk-counter-title">
                <h2 id="rk-counter-title">{ "Your no-contact counter" }</h2>
                <p class="lead">
                    { "Taking a break from contact gives you both room to breathe and think clearly. This counter keeps track of the days for you." }
                </p>
                <p>
                    { "If you do get in touch, you can note it here. Nothing is wiped: your history and your best stretch stay." }
                </p>
                <button
                    type="button"
                    class="primary"
                    onclick={props.on_action.reform(|_: MouseEvent| Action::StartNoContact)}
                >
                    { "Start counting today" }
                </button>
                <p class="muted">{ "Began a while ago? You can change the start date once it's running." }</p>
                { footer }
            </section>
        };
    };

    let reached = counter.milestones_reached(today);
    let current = counter.current_run(today);

    let on_slip_input = {
        let slip_note = slip_note.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                slip_note.set(area.value());
            }
        })
    };
    let on_log = {
        let slip_note = slip_note.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_action.emit(Action::LogSlip {
                note: slip_note.trim().to_string(),
            });
            slip_note.set(String::new());
        })
    };
    let on_start_input = {
        let start_text = start_text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                start_text.set(Some(input.value()));
            }
        })
    };
    let on_move_start = {
        let start_text = start_text.clone();
        let start_problem = start_problem.clone();
        let on_action = props.on_action.clone();
        let counter = counter.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let typed = (*start_text)
                .clone()
                .unwrap_or_else(|| started_on.to_string());
            match start_date_problem(&typed, today, &counter) {
                Ok(day) => {
                    start_problem.set(None);
                    start_text.set(None);
                    on_action.emit(Action::MoveNoContactStart(day));
                }
                Err(problem) => start_problem.set(Some(problem)),
            }
        })
    };

    let milestone_label = |days: u32| {
        content
            .milestone_label(days)
            .map_or_else(|| format!("{days} days of space"), str::to_string)
    };

    html! {
        <section class="card rk-counter" aria-labelledby="rk-counter-title">
            <h2 id="rk-counter-title">{ "Your no-contact counter" }</h2>
            <p class="rk-counter-now">
                <span class="rk-counter-days">{ days(current) }</span>
                { " in your current stretch of space" }
            </p>

            { day_strip(counter, today) }

            <dl class="rk-stats">
                <div>
                    <dt>{ "Started on" }</dt>
                    <dd>{ started_on.to_string() }</dd>
                </div>
                <div>
                    <dt>{ "Current stretch" }</dt>
                    <dd>{ days(current) }</dd>
                </div>
                <div>
                    <dt>{ "Longest stretch" }</dt>
                    <dd>{ days(counter.longest_run(today)) }</dd>
                </div>
                <div>
                    <dt>{ "Since you started" }</dt>
                    <dd>{ days(counter.total_days(today)) }</dd>
                </div>
                <div>
                    <dt>{ "Days without contact" }</dt>
                    <dd>{ days(counter.contact_free_days(today)) }</dd>
                </div>
            </dl>

            <h3 id="rk-milestones-title">{ "Milestones" }</h3>
            <ul class="rk-milestones" aria-labelledby="rk-milestones-title">
                for days in MILESTONE_DAYS {
                    <li
                        key={days}
                        class={classes!(if reached.contains(&days) { "rk-reached" } else { "rk-not-reached" })}
                    >
                        <span class="rk-milestone-mark" aria-hidden="true">
                            { if reached.contains(&days) { "✓" } else { "○" } }
                        </span>
                        <span class="rk-milestone-label">{ milestone_label(days) }</span>
                        <span class="rk-sr-only">{ ": " }</span>
                        <span class="rk-status">
                            { if reached.contains(&days) { "Reached" } else { "Not yet" } }
                        </span>
                    </li>
                }
            </ul>
            <p class="rk-next-milestone">
                {
                    match counter.next_milestone(today) {
                        Some(next) => format!(
                            "Next: {}, {} to go.",
                            milestone_label(next.days).to_lowercase(),
                            days(next.days_to_go)
                        ),
                        None => "You're past every milestone in this stretch. Those days are yours to keep.".to_string(),
                    }
                }
            </p>

            <form class="rk-note-form rk-slip-form" onsubmit={on_log}>
                <h3>{ "If you were in touch" }</h3>
                <p>
                    { "It happens, and it's okay. Logging it starts a new stretch from today; your earlier days, your longest stretch and every milestone you reached stay just as they are." }
                </p>
                <label for="rk-slip-note">{ "What happened (optional, only for you)" }</label>
                <textarea
                    id="rk-slip-note"
                    rows="3"
                    value={(*slip_note).clone()}
                    oninput={on_slip_input}
                />
                <button type="submit">{ "Log a contact" }</button>
            </form>

            if !counter.slips().is_empty() {
                <h3 id="rk-slips-title">{ "Contacts you logged" }</h3>
                <ul class="rk-slips" aria-labelledby="rk-slips-title">
                    for (index, slip) in counter.slips().iter().enumerate() {
                        <li key={index}>
                            <span class="rk-slip-date">{ slip.on.to_string() }</span>
                            if slip.note.trim().is_empty() {
                                <span class="muted">{ " (no note)" }</span>
                            } else {
                                <span class="rk-sr-only">{ ": " }</span>
                                <span class="rk-slip-note">{ slip.note.clone() }</span>
                            }
                        </li>
                    }
                </ul>
            }

            <form class="rk-start-form" onsubmit={on_move_start}>
                <h3>{ "Started on a different day?" }</h3>
                <label for="rk-start-date">{ "The day your space began" }</label>
                <input
                    id="rk-start-date"
                    type="date"
                    max={today.to_string()}
                    value={(*start_text).clone().unwrap_or_else(|| started_on.to_string())}
                    oninput={on_start_input}
                    aria-describedby={start_problem.is_some().then_some("rk-start-problem")}
                    aria-invalid={start_problem.is_some().then_some("true")}
                />
                if let Some(problem) = (*start_problem).clone() {
                    <p id="rk-start-problem" class="rk-problem">{ problem }</p>
                }
                <button type="submit">{ "Change the start date" }</button>
            </form>

            { footer }
        </section>
    }
}
