use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::clicks::send_on_click;

use crate::domain::{Day, NoContact, StepId, StripKind, Tracker, MILESTONE_DAYS};
use crate::i18n::{fill, Texts};
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct NoContactViewProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub tracker: Tracker,
    pub today: Day,
    pub on_action: Callback<Action>,
}

fn days(texts: Texts, n: u32) -> String {
    let t = &texts.ui().counter;
    texts.count(n as usize, t.days_one(), t.days_other())
}

fn go(on_action: &Callback<Action>, view: View) -> Callback<MouseEvent> {
    send_on_click(on_action, Action::Go(view.clone()))
}

/// Why a typed start date cannot be used, in words for the reader.
fn start_date_problem(
    text: &str,
    today: Day,
    counter: &NoContact,
    texts: Texts,
) -> Result<Day, String> {
    let t = &texts.ui().counter;
    let day =
        Day::parse_iso(text.trim()).map_err(|_| fill(t.bad_date(), &[("example", &today)]))?;
    if day > today {
        return Err(t.future().to_string());
    }
    if let Some(first) = counter.slips().first() {
        if first.on < day {
            return Err(fill(t.before_slip(), &[("date", &texts.date(first.on))]));
        }
    }
    Ok(day)
}

/// Days shown on the calendar strip: four weeks, one row each.
const STRIP_DAYS: u32 = 28;

/// The last four weeks at a glance: space kept, contacts marked, today outlined. The
/// squares are a picture; the sentence under them says the same in words.
fn day_strip(counter: &NoContact, today: Day, texts: Texts) -> Html {
    let t = &texts.ui().counter;
    let strip = counter.recent_days(today, STRIP_DAYS);
    let free = strip.iter().filter(|d| d.kind == StripKind::Free).count();
    let contact = strip
        .iter()
        .filter(|d| d.kind == StripKind::Contact)
        .count();
    let contact = if contact == 0 {
        t.no_days().to_string()
    } else {
        days(texts, contact as u32)
    };
    let summary = fill(
        t.last_weeks(),
        &[("free", &days(texts, free as u32)), ("contact", &contact)],
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
                { summary }{ " " }{ t.today_outlined() }
            </figcaption>
        </figure>
    }
}

/// The no-contact counter.
#[component]
pub fn NoContactView(props: &NoContactViewProps) -> Html {
    let texts = props.texts;
    let content = texts.content();
    let t = &texts.ui().counter;
    let shell = &texts.ui().shell;
    let counter = props.tracker.no_contact();
    let today = props.today;
    let slip_note = use_state(String::new);
    // `None` until the reader types, so the field follows the saved start date.
    let start_text = use_state(|| None::<String>);
    let start_problem = use_state(|| None::<String>);

    let step_two = content.no_contact_step().map_or(StepId(2), |step| step.id);
    let footer = html! {
        <nav class="rk-step-nav" aria-label={shell.where_next()}>
            <button type="button" onclick={go(&props.on_action, View::Step(step_two))}>
                { fill(shell.open_step(), &[("n", &step_two)]) }
            </button>
            <button type="button" onclick={go(&props.on_action, View::Plan)}>
                { shell.back_to_plan() }
            </button>
        </nav>
    };

    let Some(started_on) = counter.started_on() else {
        return html! {
            <section class="card rk-counter" aria-labelledby="rk-counter-title">
                <h2 id="rk-counter-title">{ t.title() }</h2>
                <p class="lead">{ t.intro() }</p>
                <p>{ t.slips_intro() }</p>
                <button
                    type="button"
                    class="primary"
                    onclick={send_on_click(&props.on_action, Action::StartNoContact)}
                >
                    { t.start() }
                </button>
                <p class="muted">{ t.began_earlier() }</p>
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
            match start_date_problem(&typed, today, &counter, texts) {
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
        content.milestone_label(days).map_or_else(
            || fill(t.milestone_fallback(), &[("n", &days)]),
            str::to_string,
        )
    };

    html! {
        <section class="card rk-counter" aria-labelledby="rk-counter-title">
            <h2 id="rk-counter-title">{ t.title() }</h2>
            <p class="rk-counter-now">
                <span class="rk-counter-days">{ days(texts, current) }</span>
                { " " }{ t.current_after() }
            </p>

            { day_strip(counter, today, texts) }

            <dl class="rk-stats">
                <div>
                    <dt>{ t.started_on() }</dt>
                    <dd>{ texts.date(started_on) }</dd>
                </div>
                <div>
                    <dt>{ t.current() }</dt>
                    <dd>{ days(texts, current) }</dd>
                </div>
                <div>
                    <dt>{ t.longest() }</dt>
                    <dd>{ days(texts, counter.longest_run(today)) }</dd>
                </div>
                <div>
                    <dt>{ t.since() }</dt>
                    <dd>{ days(texts, counter.total_days(today)) }</dd>
                </div>
                <div>
                    <dt>{ t.free() }</dt>
                    <dd>{ days(texts, counter.contact_free_days(today)) }</dd>
                </div>
            </dl>

            <h3 id="rk-milestones-title">{ t.milestones() }</h3>
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
                            { if reached.contains(&days) { t.reached() } else { t.not_yet() } }
                        </span>
                    </li>
                }
            </ul>
            <p class="rk-next-milestone">
                {
                    match counter.next_milestone(today) {
                        Some(next) => fill(
                            t.next(),
                            &[
                                ("milestone", &texts.lowercase(&milestone_label(next.days))),
                                ("days", &days(texts, next.days_to_go)),
                            ],
                        ),
                        None => t.past_all().to_string(),
                    }
                }
            </p>

            <form class="rk-note-form rk-slip-form" onsubmit={on_log}>
                <h3>{ t.slip_title() }</h3>
                <p>{ t.slip_text() }</p>
                <label for="rk-slip-note">{ t.slip_label() }</label>
                <textarea
                    id="rk-slip-note"
                    rows="3"
                    value={(*slip_note).clone()}
                    oninput={on_slip_input}
                />
                <button type="submit">{ t.log() }</button>
            </form>

            if !counter.slips().is_empty() {
                <h3 id="rk-slips-title">{ t.slips_title() }</h3>
                <ul class="rk-slips" aria-labelledby="rk-slips-title">
                    for (index, slip) in counter.slips().iter().enumerate() {
                        <li key={index}>
                            <span class="rk-slip-date">{ texts.date(slip.on) }</span>
                            if slip.note.trim().is_empty() {
                                <span class="muted">{ " " }{ t.no_note() }</span>
                            } else {
                                <span class="rk-sr-only">{ ": " }</span>
                                <span class="rk-slip-note">{ slip.note.clone() }</span>
                            }
                        </li>
                    }
                </ul>
            }

            <form class="rk-start-form" onsubmit={on_move_start}>
                <h3>{ t.start_title() }</h3>
                <label for="rk-start-date">{ t.start_label() }</label>
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
                <button type="submit">{ t.change_start() }</button>
            </form>

            { footer }
        </section>
    }
}
