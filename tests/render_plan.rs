//! The plan, step, no-contact and template views rendered natively with Yew's
//! ServerRenderer and checked for what a reader would notice.
#![cfg(not(target_arch = "wasm32"))]

use rekindle::components::no_contact::{NoContactView, NoContactViewProps};
use rekindle::components::plan::{PlanOverview, PlanOverviewProps};
use rekindle::components::step_detail::{StepDetail, StepDetailProps};
use rekindle::components::templates::{CopyState, TemplatesView, TemplatesViewProps};
use rekindle::content::english;
use rekindle::domain::{
    assess, Answer, Answers, Day, Direction, PlanMode, QuestionId, StepId, StepStatus, TemplateId,
    Tracker,
};
use yew::{Callback, LocalServerRenderer};

fn day(year: i32, month: u32, date: u32) -> Day {
    Day::from_ymd(year, month, date).expect("a real date")
}

fn today() -> Day {
    day(2026, 11, 26)
}

/// The direction the shell would pass: the tracker's own choice when no answer holds
/// contact back.
fn chosen(tracker: &Tracker) -> Direction {
    Direction::new(english(), &Answers::new(), tracker)
}

async fn render_plan(tracker: Tracker) -> String {
    let direction = chosen(&tracker);
    render_plan_in(tracker, direction).await
}

async fn render_plan_in(tracker: Tracker, direction: Direction) -> String {
    LocalServerRenderer::<PlanOverview>::with_props(PlanOverviewProps {
        texts: Default::default(),
        tracker,
        direction,
        today: None,
        on_action: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

async fn render_step(step: u8, tracker: Tracker) -> String {
    let direction = chosen(&tracker);
    render_step_in(step, tracker, direction).await
}

async fn render_step_in(step: u8, tracker: Tracker, direction: Direction) -> String {
    LocalServerRenderer::<StepDetail>::with_props(StepDetailProps {
        texts: Default::default(),
        step: StepId(step),
        tracker,
        today: today(),
        direction,
        move_focus: false,
        on_action: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

async fn render_no_contact(tracker: Tracker, today: Day) -> String {
    LocalServerRenderer::<NoContactView>::with_props(NoContactViewProps {
        texts: Default::default(),
        tracker,
        today,
        on_action: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

async fn render_templates(tracker: Tracker, copy_state: CopyState) -> String {
    let direction = chosen(&tracker);
    render_templates_in(tracker, direction, copy_state).await
}

async fn render_templates_in(
    tracker: Tracker,
    direction: Direction,
    copy_state: CopyState,
) -> String {
    LocalServerRenderer::<TemplatesView>::with_props(TemplatesViewProps {
        texts: Default::default(),
        tracker,
        direction,
        copy_state,
        on_action: Callback::noop(),
        on_copy: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

fn set(tracker: &mut Tracker, step: u8, status: StepStatus) {
    tracker
        .set_status(english(), StepId(step), status, today())
        .expect("known step");
}

/// The whole opening tag that contains `needle`.
fn tag_with<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not found in {html}"));
    let start = html[..at].rfind('<').expect("a tag opens before");
    let end = at + html[at..].find('>').expect("the tag closes");
    &html[start..=end]
}

/// The text from `start` up to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found in {html}"));
    let rest = &html[from..];
    let to = rest.find(end).unwrap_or(rest.len());
    &rest[..to]
}

/// The overview row (a button) of one step.
fn plan_row(html: &str, step: u8) -> &str {
    between(html, &format!("aria-label=\"Step {step}, "), "</button>")
}

// ----- plan overview -----

#[tokio::test]
async fn overview_lists_16_steps_with_status_in_words_and_the_progress_count() {
    let mut tracker = Tracker::new();
    set(&mut tracker, 1, StepStatus::Done);
    set(&mut tracker, 2, StepStatus::InProgress);
    set(&mut tracker, 3, StepStatus::Skipped);
    set(&mut tracker, 5, StepStatus::Done);
    let html = render_plan(tracker).await;

    assert!(
        html.contains("<h2 id=\"rk-plan-title\">Your plan</h2>"),
        "{html}"
    );
    assert!(html.contains("Working towards reconnecting"), "{html}");
    assert_eq!(html.matches("class=\"rk-step-row").count(), 16, "{html}");
    let content = english();
    for step in &content.steps {
        assert!(plan_row(&html, step.id.0).contains(&step.title), "{html}");
    }
    assert!(plan_row(&html, 1).contains("<span class=\"rk-status\">Done</span>"));
    assert!(plan_row(&html, 2).contains("<span class=\"rk-status\">In progress</span>"));
    assert!(plan_row(&html, 3).contains("<span class=\"rk-status\">Skipped</span>"));
    assert!(plan_row(&html, 4).contains("<span class=\"rk-status\">Not started</span>"));
    assert!(plan_row(&html, 16).contains("<span class=\"rk-status\">Not started</span>"));

    assert!(html.contains("2 of 16 steps done"), "{html}");
    let progress = tag_with(&html, "<progress");
    assert!(progress.contains("id=\"rk-plan-progress\""), "{progress}");
    assert!(progress.contains("value=\"2\""), "{progress}");
    assert!(progress.contains("max=\"16\""), "{progress}");
    assert!(
        html.contains("<label for=\"rk-plan-progress\""),
        "the progress bar needs an accessible name: {html}"
    );
    assert!(html.contains("1 step skipped"), "{html}");
    assert!(html.contains("No-contact counter"), "{html}");
    assert!(html.contains("Message templates"), "{html}");
}

#[tokio::test]
async fn overview_highlights_the_next_suggested_step() {
    let html = render_plan(Tracker::new()).await;
    assert!(html.contains("Open step 1"), "{html}");

    let mut tracker = Tracker::new();
    set(&mut tracker, 1, StepStatus::Done);
    set(&mut tracker, 4, StepStatus::InProgress);
    let html = render_plan(tracker).await;
    assert!(
        html.contains("Open step 4"),
        "a step in progress comes first: {html}"
    );
    assert!(plan_row(&html, 4).contains("Suggested next"), "{html}");
    assert!(!plan_row(&html, 2).contains("Suggested next"), "{html}");
    assert_eq!(html.matches("rk-is-next").count(), 1, "{html}");
}

#[tokio::test]
async fn overview_when_moving_on_sets_reconnecting_steps_aside_with_a_note() {
    let mut tracker = Tracker::new();
    tracker.set_plan(PlanMode::MovingOn);
    let html = render_plan(tracker).await;
    assert!(html.contains("<strong>Moving on</strong>"), "{html}");
    assert!(
        plan_row(&html, 1).contains("Optional while moving on"),
        "{html}"
    );
    assert!(
        !html.contains("<span class=\"rk-step-num\">Step 13</span>"),
        "talking with them is hidden, not set aside: {html}"
    );
    assert!(
        !plan_row(&html, 2).contains("Optional while moving on"),
        "{html}"
    );
    assert!(
        html.contains("Open step 2"),
        "step 1 is not suggested: {html}"
    );
}

#[tokio::test]
async fn overview_when_everything_is_settled_says_so_warmly() {
    let mut tracker = Tracker::new();
    for step in 1..=16 {
        set(&mut tracker, step, StepStatus::Done);
    }
    let html = render_plan(tracker).await;
    assert!(html.contains("16 of 16 steps done"), "{html}");
    assert!(html.contains("Every step you planned is done"), "{html}");
    assert!(!html.contains("Open step"), "{html}");
}

// ----- step detail -----

#[tokio::test]
async fn step_shows_its_number_title_why_and_the_done_date() {
    let mut tracker = Tracker::new();
    set(&mut tracker, 4, StepStatus::Done);
    let html = render_step(4, tracker).await;
    let step = english().step(StepId(4)).expect("step 4");
    let heading = between(&html, "<h2", "</h2>");
    assert!(heading.contains("tabindex=\"-1\""), "{heading}");
    assert!(heading.contains("Step 4 of 16"), "{heading}");
    assert!(heading.contains(&step.title), "{heading}");
    assert!(html.contains(&step.why), "{html}");
    assert!(html.contains("Done on 2026-11-26"), "{html}");
    assert!(tag_with(&html, "id=\"rk-status-done\"").contains("checked"));
    assert!(!tag_with(&html, "id=\"rk-status-in-progress\"").contains("checked"));
    assert!(
        html.contains("<legend>Where you are with this step</legend>"),
        "{html}"
    );
    for label in ["Not started", "In progress", "Done", "Skipped"] {
        assert!(
            html.contains(&format!("\">{label}</label>")),
            "{label}: {html}"
        );
    }
    assert!(html.contains("Step 3"), "previous step: {html}");
    assert!(html.contains("Step 5"), "next step: {html}");
    assert!(html.contains("Back to your plan"), "{html}");
}

#[tokio::test]
async fn a_step_not_done_shows_no_done_date() {
    let mut tracker = Tracker::new();
    set(&mut tracker, 4, StepStatus::InProgress);
    let html = render_step(4, tracker).await;
    assert!(!html.contains("Done on"), "{html}");
    assert!(tag_with(&html, "id=\"rk-status-in-progress\"").contains("checked"));
}

#[tokio::test]
async fn ticked_actions_render_as_checked_checkboxes() {
    let mut tracker = Tracker::new();
    tracker
        .tick_action(english(), StepId(5), 1, true)
        .expect("step 5 has a second action");
    let html = render_step(5, tracker).await;
    let step = english().step(StepId(5)).expect("step 5");
    assert_eq!(
        html.matches("type=\"checkbox\"").count(),
        step.actions.len(),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<label for=\"rk-action-1\">{}</label>",
        step.actions[1]
    )));
    assert!(
        tag_with(&html, "id=\"rk-action-1\"").contains("checked"),
        "{html}"
    );
    assert!(
        !tag_with(&html, "id=\"rk-action-0\"").contains("checked"),
        "{html}"
    );
}

#[tokio::test]
async fn step_13_lists_unfinished_steps_calmly_until_1_to_12_are_settled() {
    let warning_start = "This step works best after steps 1 to 12";
    let mut tracker = Tracker::new();
    for step in 1..=10 {
        set(&mut tracker, step, StepStatus::Done);
    }
    set(&mut tracker, 11, StepStatus::Skipped);
    let html = render_step(13, tracker.clone()).await;
    assert!(html.contains(warning_start), "{html}");
    let list = between(&html, "class=\"rk-gate-list\"", "</ul>");
    let title_12 = &english().step(StepId(12)).expect("step 12").title;
    assert!(list.contains(&format!("Step 12: {title_12}")), "{list}");
    assert!(
        !list.contains("Step 11:"),
        "a skipped step is settled: {list}"
    );
    assert!(!list.contains("Step 1:"), "{list}");
    assert!(!html.contains("role=\"alert\""), "{html}");

    set(&mut tracker, 12, StepStatus::Done);
    let html = render_step(13, tracker).await;
    assert!(!html.contains(warning_start), "{html}");
    assert!(!html.contains("rk-gate-list"), "{html}");
}

#[tokio::test]
async fn step_12_asks_the_checkpoint_question_with_both_choices() {
    let html = render_step(12, Tracker::new()).await;
    assert!(
        html.contains("Do you still want to get back together with this person?"),
        "{html}"
    );
    let choice = between(&html, "<div class=\"rk-actions\">", "</div>");
    assert!(
        choice.contains(">Yes, I want to keep going</button>"),
        "{choice}"
    );
    assert!(
        choice.contains(">No, I'm ready to move on</button>"),
        "{choice}"
    );
    assert!(
        html.contains("<strong>Working towards reconnecting</strong>"),
        "{html}"
    );

    let mut moving_on = Tracker::new();
    moving_on.set_plan(PlanMode::MovingOn);
    let html = render_step(12, moving_on.clone()).await;
    assert!(html.contains("<strong>Moving on</strong>"), "{html}");
    assert!(html.contains("mainly for reconnecting"), "{html}");
    let html = render_step(4, moving_on).await;
    assert!(
        !html.contains("mainly for reconnecting"),
        "step 4 helps either way: {html}"
    );
}

#[tokio::test]
async fn special_steps_link_to_their_tools() {
    let html = render_step(2, Tracker::new()).await;
    assert!(html.contains("Open the no-contact counter"), "{html}");
    assert!(html.contains("no communication"), "{html}");
    assert!(
        html.contains("to adapt it"),
        "step 2 has a template: {html}"
    );

    let html = render_step(14, Tracker::new()).await;
    assert!(html.contains("an honest update"), "{html}");
    assert!(html.contains("to adapt it"), "{html}");
    assert!(!html.contains("Open the no-contact counter"), "{html}");

    let html = render_step(4, Tracker::new()).await;
    assert!(!html.contains("to adapt it"), "{html}");
    assert!(!html.contains("rk-gate"), "{html}");
}

#[tokio::test]
async fn personal_advice_step_shows_its_advice_as_written() {
    let html = render_step(10, Tracker::new()).await;
    let step = english().step(StepId(10)).expect("step 10");
    assert!(html.contains(&step.why), "{html}");
    for action in &step.actions {
        assert!(html.contains(action.as_str()), "{action}: {html}");
    }
}

#[tokio::test]
async fn journal_shows_dated_notes_with_edit_and_delete_and_a_labelled_add_field() {
    let content = english();
    let mut tracker = Tracker::new();
    let first = tracker
        .add_note(content, StepId(6), day(2026, 11, 20), "We laughed a lot.")
        .expect("note");
    tracker
        .add_note(
            content,
            StepId(6),
            day(2026, 11, 21),
            "We argued about money.",
        )
        .expect("note");
    tracker
        .add_note(content, StepId(7), day(2026, 11, 21), "Another step's note")
        .expect("note");
    tracker
        .edit_note(first, day(2026, 11, 24), "We laughed a lot, early on.")
        .expect("edit");
    let html = render_step(6, tracker).await;

    assert!(
        html.contains("Written 2026-11-20, edited 2026-11-24"),
        "{html}"
    );
    assert!(html.contains("We laughed a lot, early on."), "{html}");
    assert!(html.contains(">Written 2026-11-21<"), "not edited: {html}");
    assert!(!html.contains("Another step"), "{html}");
    assert_eq!(html.matches(">Edit<").count(), 2, "{html}");
    assert_eq!(html.matches(">Delete<").count(), 2, "{html}");
    assert!(
        !html.contains("Delete this note?"),
        "asks only after a press: {html}"
    );
    assert!(
        html.contains("<label for=\"rk-new-note\">Add a note</label>"),
        "{html}"
    );
    assert!(
        tag_with(&html, "<textarea").contains("id=\"rk-new-note\""),
        "{html}"
    );
    assert!(html.contains(">Add note</button>"), "{html}");
}

#[tokio::test]
async fn journal_text_is_plain_text_whatever_it_contains() {
    let content = english();
    let mut tracker = Tracker::new();
    let hostile = [
        "<script>alert(1)</script>".to_string(),
        "Fish &amp; chips <b>bold</b>".to_string(),
        "before \u{202E}reversed".to_string(),
        "x".repeat(100 * 1024),
    ];
    for text in &hostile {
        tracker
            .add_note(content, StepId(4), today(), text.clone())
            .expect("note");
    }
    let html = render_step(4, tracker).await;
    assert!(!html.contains("<script>"), "raw script tag rendered");
    assert!(!html.contains("<b>bold"), "raw markup rendered");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Fish &amp;amp; chips &lt;b&gt;bold&lt;/b&gt;"));
    assert!(
        html.contains("before \u{202E}reversed</p>"),
        "kept, inside its paragraph"
    );
    assert!(html.contains(&format!(">{}</p>", "x".repeat(100 * 1024))));
}

#[tokio::test]
async fn an_unknown_step_is_explained_gently() {
    let html = render_step(99, Tracker::new()).await;
    assert!(html.contains("We couldn't find that step"), "{html}");
    assert!(html.contains("Back to your plan"), "{html}");
}

// ----- no contact -----

#[tokio::test]
async fn no_contact_before_start_explains_and_offers_to_start() {
    let html = render_no_contact(Tracker::new(), today()).await;
    assert!(html.contains("Start counting today"), "{html}");
    assert!(!html.contains("Current stretch"), "{html}");
    assert!(!html.contains("Log a contact"), "{html}");
}

#[tokio::test]
async fn no_contact_after_a_slip_keeps_the_longest_run_and_the_note() {
    let content = english();
    let start = day(2026, 11, 1);
    let mut tracker = Tracker::new();
    tracker.start_no_contact(content, start).expect("start");
    tracker
        .log_slip(start.plus_days(8), "Replied to a birthday message")
        .expect("slip");
    let html = render_no_contact(tracker, start.plus_days(12)).await;

    assert!(!html.contains("Start counting today"), "{html}");
    assert!(
        html.contains("<dt>Started on</dt><dd>2026-11-01</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Current stretch</dt><dd>4 days</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Longest stretch</dt><dd>8 days</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Since you started</dt><dd>12 days</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Days without contact</dt><dd>11 days</dd>"),
        "{html}"
    );

    let week = between(&html, "One week of space", "</li>");
    assert!(
        week.contains(">Reached<"),
        "the 8-day run earned it: {week}"
    );
    let month = between(&html, "One month of space", "</li>");
    assert!(month.contains(">Not yet<"), "{month}");
    assert!(html.contains("Three months of space"), "{html}");
    assert!(
        html.contains("3 days to go"),
        "next: a week, from a 4-day run: {html}"
    );

    assert!(html.contains("2026-11-09"), "slip date: {html}");
    assert!(html.contains("Replied to a birthday message"), "{html}");
    assert!(
        html.contains("stay just as they are"),
        "reassurance: {html}"
    );
    assert!(html.contains("<label for=\"rk-slip-note\">"), "{html}");
    assert!(html.contains(">Log a contact</button>"), "{html}");

    let date = tag_with(&html, "type=\"date\"");
    assert!(date.contains("value=\"2026-11-01\""), "{date}");
    assert!(html.contains("<label for=\"rk-start-date\">"), "{html}");
}

#[tokio::test]
async fn no_contact_counts_a_single_day_in_the_singular() {
    let start = day(2026, 11, 1);
    let mut tracker = Tracker::new();
    tracker.start_no_contact(english(), start).expect("start");
    let html = render_no_contact(tracker, start.plus_days(1)).await;
    assert!(
        html.contains("<dt>Current stretch</dt><dd>1 day</dd>"),
        "{html}"
    );
}

// ----- templates -----

fn template_card<'a>(html: &'a str, id: &str) -> &'a str {
    between(
        html,
        &format!("id=\"rk-template-title-{id}\""),
        "</article>",
    )
}

#[tokio::test]
async fn templates_show_the_suggested_wording_with_their_notes() {
    let content = english();
    let html = render_templates(Tracker::new(), CopyState::Idle).await;
    for template in content.templates() {
        let card = template_card(&html, template.id.as_str());
        assert!(
            card.contains(&format!(">{}</textarea>", template.default_text)),
            "{card}"
        );
        assert!(card.contains(&template.note), "{card}");
        assert!(card.contains(&format!("<label for=\"rk-template-{}\">", template.id)));
        assert!(!card.contains("Reset to the suggested wording"), "{card}");
        assert!(card.contains(">Copy<"), "{card}");
    }
    let update = template_card(&html, "honest_update");
    assert!(update.contains("every word is true"), "{update}");
    assert!(!html.contains("Copied to your clipboard."), "{html}");
}

#[tokio::test]
async fn an_edited_template_shows_the_new_words_and_offers_a_reset() {
    let mut tracker = Tracker::new();
    let id = TemplateId::new("no_communication");
    tracker
        .set_template_text(
            english(),
            &id,
            "I need some time apart. Take care of yourself.",
        )
        .expect("known template");
    let html = render_templates(tracker, CopyState::Idle).await;
    let card = template_card(&html, "no_communication");
    assert!(
        card.contains(">I need some time apart. Take care of yourself.</textarea>"),
        "{card}"
    );
    assert!(card.contains("Reset to the suggested wording"), "{card}");
    assert!(!template_card(&html, "honest_update").contains("Reset to the suggested wording"));
}

#[tokio::test]
async fn copying_confirms_in_a_status_message_on_the_right_template() {
    let html = render_templates(
        Tracker::new(),
        CopyState::Copied(TemplateId::new("honest_update")),
    )
    .await;
    let card = template_card(&html, "honest_update");
    assert!(card.contains("role=\"status\""), "{card}");
    assert!(card.contains("Copied to your clipboard."), "{card}");
    assert!(
        !template_card(&html, "no_communication").contains("Copied"),
        "{html}"
    );
}

#[tokio::test]
async fn a_refused_copy_asks_for_a_copy_by_hand() {
    let html = render_templates(
        Tracker::new(),
        CopyState::Refused(TemplateId::new("no_communication")),
    )
    .await;
    let card = template_card(&html, "no_communication");
    assert!(card.contains("didn't allow copying"), "{card}");
    assert!(card.contains("copy it by hand"), "{card}");
    assert!(!html.contains("Copied to your clipboard."), "{html}");
    assert!(
        !template_card(&html, "honest_update").contains("copy it by hand"),
        "{html}"
    );
}

// ----- the plan's direction after the assessment -----

/// Answers that raise `question`'s `option` and nothing else, and the direction the
/// shell derives from them (after the reducer moved the saved plan to moving on).
fn held_by(question: &str, option: &str) -> (Tracker, Direction) {
    let mut answers = Answers::new();
    answers
        .set(
            english(),
            &QuestionId::new(question),
            Answer::single(option),
        )
        .expect("a valid answer");
    let mut tracker = Tracker::new();
    tracker.follow_assessment(assess(english(), &answers).contact_hold());
    let direction = Direction::new(english(), &answers, &tracker);
    (tracker, direction)
}

fn shows_step_row(html: &str, step: u8) -> bool {
    html.contains(&format!("<span class=\"rk-step-num\">Step {step}</span>"))
}

#[tokio::test]
async fn reconnecting_shows_every_step_the_templates_and_a_way_to_move_on() {
    let html = render_plan(Tracker::new()).await;
    assert!((1..=16).all(|step| shows_step_row(&html, step)), "{html}");
    assert!(html.contains(">Message templates</button>"), "{html}");
    assert!(
        html.contains(">Switch my plan to moving on</button>"),
        "{html}"
    );
    assert!(!html.contains("rk-contact-hidden"), "{html}");
}

#[tokio::test]
async fn moving_on_by_choice_hides_contact_steps_and_offers_a_deliberate_way_back() {
    let mut tracker = Tracker::new();
    tracker.set_plan(PlanMode::MovingOn);
    let html = render_plan(tracker).await;
    for step in [3, 13, 14, 16] {
        assert!(!shows_step_row(&html, step), "step {step}: {html}");
    }
    assert!(
        shows_step_row(&html, 2) && shows_step_row(&html, 15),
        "{html}"
    );
    assert!(!html.contains("Message templates"), "{html}");
    assert!(html.contains("Your 12 steps"), "{html}");
    assert!(html.contains("0 of 12 steps done"), "{html}");
    let note = between(&html, "rk-contact-hidden\">", "</p>");
    assert!(note.contains("While you're moving on"), "{note}");
    assert!(
        html.contains(">Switch back to reconnecting</button>"),
        "{html}"
    );
    assert!(!html.contains("Switch my plan to moving on"), "{html}");
}

#[tokio::test]
async fn a_safety_answer_hides_contact_for_good_and_says_how_that_changes() {
    for (question, option) in [("felt_afraid", "yes"), ("felt_afraid", "not_sure")] {
        let (tracker, direction) = held_by(question, option);
        let html = render_plan_in(tracker, direction).await;
        for step in [3, 13, 14, 16] {
            assert!(
                !shows_step_row(&html, step),
                "{option}, step {step}: {html}"
            );
        }
        assert!(!html.contains("Message templates"), "{html}");
        assert!(html.contains("<strong>Moving on</strong>"), "{html}");
        let note = between(&html, "rk-contact-hidden\">", "</p>");
        assert!(note.contains("answers about safety"), "{note}");
        assert!(note.contains("review your answers"), "{note}");
        assert!(!html.contains("Switch back"), "no way back here: {html}");
        assert!(html.contains(">Review my answers</button>"), "{html}");
    }
}

#[tokio::test]
async fn an_ex_who_asked_for_distance_keeps_the_plan_on_moving_on() {
    let (tracker, direction) = held_by("ex_asked_for_distance", "yes");
    let html = render_plan_in(tracker, direction).await;
    assert!(!shows_step_row(&html, 13), "{html}");
    let note = between(&html, "rk-contact-hidden\">", "</p>");
    assert!(note.contains("asked for distance"), "{note}");
    assert!(!html.contains("Switch back"), "{html}");
}

#[tokio::test]
async fn a_hidden_step_opened_directly_shows_why_and_nothing_of_it() {
    let (tracker, direction) = held_by("felt_afraid", "yes");
    let html = render_step_in(13, tracker.clone(), direction).await;
    assert!(
        html.contains("Step 13 is not part of your plan right now"),
        "{html}"
    );
    assert!(html.contains("answers about safety"), "{html}");
    let talk = english().step(StepId(13)).expect("step 13");
    for action in &talk.actions {
        assert!(!html.contains(action.as_str()), "{action}: {html}");
    }

    let html = render_step_in(15, tracker.clone(), direction).await;
    assert!(
        !html.contains("about them you are grateful"),
        "no gratitude towards them: {html}"
    );
    let html = render_step_in(2, tracker.clone(), direction).await;
    assert!(!html.contains("to adapt it"), "no message to send: {html}");
    let html = render_step_in(12, tracker.clone(), direction).await;
    let keep_going = match &english().step(StepId(12)).expect("step 12").kind {
        rekindle::domain::StepKind::Checkpoint { keep_going, .. } => keep_going.clone(),
        _ => panic!("step 12 is the checkpoint"),
    };
    assert!(!html.contains(&keep_going), "{html}");
    assert!(!html.contains("Switch back"), "{html}");
    let (_, next) = direction.neighbours(english(), StepId(12));
    assert_eq!(next, Some(StepId(15)));
    assert!(
        html.contains("Step 15"),
        "the next button skips hidden steps: {html}"
    );

    let html = render_step(15, Tracker::new()).await;
    assert!(
        html.contains("about them you are grateful"),
        "kept for everyone else: {html}"
    );
}

#[tokio::test]
async fn no_template_is_offered_while_moving_on() {
    let (tracker, direction) = held_by("reasons", "toxic");
    let html = render_templates_in(tracker, direction, CopyState::Idle).await;
    assert!(html.contains("No messages to send for now"), "{html}");
    assert!(!html.contains("<textarea"), "{html}");
    for template in english().templates() {
        assert!(!html.contains(&template.default_text), "{html}");
    }
}

#[tokio::test]
async fn every_step_tile_is_named_as_one_sentence() {
    let mut tracker = Tracker::new();
    set(&mut tracker, 2, StepStatus::Done);
    let html = render_plan(tracker).await;
    assert!(
        html.contains(
            "aria-label=\"Step 1, Find out if they still care: not started, suggested next\""
        ),
        "{html}"
    );
    assert!(
        html.contains("aria-label=\"Step 2, Give each other space: done\""),
        "{html}"
    );
    // The picture: one segment per step, in order, coloured by status.
    let segments = between(
        &html,
        "class=\"rk-segments\" aria-hidden=\"true\">",
        "</div>",
    );
    assert_eq!(segments.matches("rk-segment ").count(), 16, "{segments}");
    assert_eq!(segments.matches("rk-status-done").count(), 1, "{segments}");
    let second = segments.split("<span").nth(2).unwrap_or_default();
    assert!(
        second.contains("rk-status-done"),
        "step 2's segment: {segments}"
    );
}

#[tokio::test]
async fn the_counter_draws_four_weeks_with_space_kept_and_contacts_marked() {
    let content = english();
    let start = day(2026, 11, 1);
    let mut tracker = Tracker::new();
    tracker.start_no_contact(content, start).expect("start");
    tracker
        .log_slip(start.plus_days(8), "Replied to a birthday message")
        .expect("slip");
    let html = render_no_contact(tracker, start.plus_days(12)).await;
    let strip = between(
        &html,
        "<ol class=\"rk-strip-days\" aria-hidden=\"true\">",
        "</ol>",
    );
    assert_eq!(strip.matches("<li").count(), 28, "{strip}");
    assert_eq!(strip.matches("rk-strip-today").count(), 1, "{strip}");
    assert_eq!(strip.matches("rk-strip-contact").count(), 1, "{strip}");
    // 13 days from the start to today inclusive, one of them with contact.
    assert_eq!(strip.matches("rk-strip-free").count(), 12, "{strip}");
    assert_eq!(strip.matches("rk-strip-before").count(), 15, "{strip}");
    assert!(strip
        .rfind("<li")
        .is_some_and(|last| strip[last..].contains("rk-strip-today")));
    assert!(
        html.contains("In the last four weeks: 12 days of space, 1 day with contact."),
        "the picture is said in words too: {html}"
    );
}
