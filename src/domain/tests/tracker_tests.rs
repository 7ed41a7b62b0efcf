use super::english;
use crate::domain::{
    CheckpointChoice, Day, NoContactError, NoteId, PlanMode, StepId, StepStatus, TemplateId,
    Tracker, TrackerError,
};

fn day(n: i32) -> Day {
    Day(20_000 + n)
}

fn settle(tracker: &mut Tracker, steps: impl IntoIterator<Item = u8>, status: StepStatus) {
    for step in steps {
        tracker
            .set_status(english(), StepId(step), status, day(0))
            .unwrap();
    }
}

#[test]
fn marking_a_step_done_records_the_day_and_undoing_clears_it() {
    let mut tracker = Tracker::new();
    let step = StepId(4);
    assert_eq!(tracker.status(step), StepStatus::NotStarted);
    tracker
        .set_status(english(), step, StepStatus::Done, day(3))
        .unwrap();
    assert_eq!(
        (tracker.status(step), tracker.done_on(step)),
        (StepStatus::Done, Some(day(3)))
    );
    tracker
        .set_status(english(), step, StepStatus::Done, day(9))
        .unwrap();
    assert_eq!(
        tracker.done_on(step),
        Some(day(3)),
        "marking done again keeps the first date"
    );
    tracker
        .set_status(english(), step, StepStatus::InProgress, day(10))
        .unwrap();
    assert_eq!(tracker.done_on(step), None);
    tracker
        .set_status(english(), step, StepStatus::Skipped, day(10))
        .unwrap();
    assert_eq!(tracker.status(step), StepStatus::Skipped);
}

#[test]
fn an_unknown_step_is_a_typed_error() {
    let mut tracker = Tracker::new();
    assert_eq!(
        tracker.set_status(english(), StepId(17), StepStatus::Done, day(0)),
        Err(TrackerError::UnknownStep(StepId(17)))
    );
    assert_eq!(
        tracker.add_note(english(), StepId(0), day(0), "hi"),
        Err(TrackerError::UnknownStep(StepId(0)))
    );
}

#[test]
fn ticking_actions_toggles_them_and_starts_the_step() {
    let mut tracker = Tracker::new();
    let step = StepId(5);
    tracker.tick_action(english(), step, 2, true).unwrap();
    tracker.tick_action(english(), step, 0, true).unwrap();
    tracker.tick_action(english(), step, 2, true).unwrap();
    assert_eq!(tracker.record(step).unwrap().ticked, vec![0, 2]);
    assert_eq!(tracker.status(step), StepStatus::InProgress);
    tracker.tick_action(english(), step, 0, false).unwrap();
    assert!(!tracker.is_ticked(step, 0));
    assert!(tracker.is_ticked(step, 2));
    assert_eq!(
        tracker.tick_action(english(), step, 4, true),
        Err(TrackerError::UnknownAction { step, index: 4 })
    );
}

#[test]
fn journal_notes_can_be_added_edited_and_deleted() {
    let mut tracker = Tracker::new();
    let first = tracker
        .add_note(
            english(),
            StepId(6),
            day(1),
            "What went well: weekends away.",
        )
        .unwrap();
    let second = tracker
        .add_note(
            english(),
            StepId(6),
            day(2),
            "What went wrong: we stopped talking.",
        )
        .unwrap();
    let other = tracker
        .add_note(english(), StepId(8), day(2), "Called Sam.")
        .unwrap();
    assert_eq!(tracker.notes_for(StepId(6)).len(), 2);
    tracker
        .edit_note(second, day(5), "What went wrong: we both stopped talking.")
        .unwrap();
    let edited = tracker.notes().iter().find(|n| n.id == second).unwrap();
    assert_eq!(
        (edited.written_on, edited.edited_on),
        (day(2), Some(day(5)))
    );
    assert_eq!(edited.text, "What went wrong: we both stopped talking.");
    tracker.delete_note(first).unwrap();
    assert_eq!(
        tracker.delete_note(first),
        Err(TrackerError::UnknownNote(first))
    );
    let next = tracker
        .add_note(english(), StepId(6), day(6), "New")
        .unwrap();
    assert!(
        next != first && next != second && next != other,
        "ids are never reused"
    );
    assert_eq!(
        tracker.add_note(english(), StepId(6), day(6), "   "),
        Err(TrackerError::EmptyNote)
    );
    assert_eq!(
        tracker.edit_note(NoteId(99), day(6), "x"),
        Err(TrackerError::UnknownNote(NoteId(99)))
    );
}

#[test]
fn progress_counts_steps_by_status() {
    let mut tracker = Tracker::new();
    settle(&mut tracker, [1, 2, 3], StepStatus::Done);
    settle(&mut tracker, [5], StepStatus::Skipped);
    settle(&mut tracker, [6], StepStatus::InProgress);
    let progress = tracker.progress(english());
    assert_eq!(
        (
            progress.done,
            progress.skipped,
            progress.in_progress,
            progress.total
        ),
        (3, 1, 1, 16)
    );
}

#[test]
fn the_next_suggestion_is_the_first_unsettled_step_preferring_one_in_progress() {
    let mut tracker = Tracker::new();
    assert_eq!(tracker.next_suggested(english()).unwrap().id, StepId(1));
    settle(&mut tracker, [1], StepStatus::Done);
    settle(&mut tracker, [2], StepStatus::Skipped);
    assert_eq!(tracker.next_suggested(english()).unwrap().id, StepId(3));
    settle(&mut tracker, [7], StepStatus::InProgress);
    assert_eq!(tracker.next_suggested(english()).unwrap().id, StepId(7));
    settle(&mut tracker, 1..=16, StepStatus::Done);
    assert!(tracker.next_suggested(english()).is_none());
}

#[test]
fn step_13_warns_until_steps_1_to_12_are_settled() {
    let mut tracker = Tracker::new();
    let warning = tracker.gate_warning(english(), StepId(13)).unwrap();
    assert_eq!(warning.unfinished, (1..=12).map(StepId).collect::<Vec<_>>());
    assert!(warning.message.contains("1 to 12"));
    settle(&mut tracker, 1..=11, StepStatus::Done);
    assert_eq!(
        tracker
            .gate_warning(english(), StepId(13))
            .unwrap()
            .unfinished,
        vec![StepId(12)]
    );
    settle(&mut tracker, [12], StepStatus::Skipped);
    assert_eq!(tracker.gate_warning(english(), StepId(13)), None);
    assert_eq!(
        Tracker::new().gate_warning(english(), StepId(4)),
        None,
        "only gated steps warn"
    );
}

#[test]
fn the_checkpoint_can_switch_the_plan_to_moving_on() {
    let mut tracker = Tracker::new();
    assert_eq!(tracker.plan(), PlanMode::Reconcile);
    tracker
        .choose_at_checkpoint(english(), CheckpointChoice::MoveOn, day(40), None)
        .unwrap();
    assert_eq!(tracker.plan(), PlanMode::MovingOn);
    assert_eq!(
        (tracker.status(StepId(12)), tracker.done_on(StepId(12))),
        (StepStatus::Done, Some(day(40)))
    );
    settle(&mut tracker, 1..=2, StepStatus::Done);
    assert_eq!(
        tracker.next_suggested(english()).unwrap().id,
        StepId(4),
        "step 3 is about reconciling"
    );
    tracker
        .choose_at_checkpoint(english(), CheckpointChoice::KeepGoing, day(41), None)
        .unwrap();
    assert_eq!(tracker.plan(), PlanMode::Reconcile);
    assert_eq!(english().plan_mode_label(PlanMode::MovingOn), "Moving on");
}

#[test]
fn moving_on_never_suggests_reconciliation_only_steps() {
    let mut tracker = Tracker::new();
    tracker.set_plan(PlanMode::MovingOn);
    let mut suggested = Vec::new();
    while let Some(step) = tracker.next_suggested(english()) {
        suggested.push(step.id.0);
        settle(&mut tracker, [step.id.0], StepStatus::Done);
    }
    assert!(
        !suggested.iter().any(|s| [1, 3, 12, 13, 16].contains(s)),
        "{suggested:?}"
    );
    assert!(suggested.contains(&2) && suggested.contains(&15));
}

#[test]
fn starting_no_contact_begins_step_2_and_slips_keep_history() {
    let mut tracker = Tracker::new();
    assert_eq!(
        tracker.log_slip(day(1), ""),
        Err(TrackerError::NoContact(NoContactError::NotStarted))
    );
    tracker.start_no_contact(english(), day(0)).unwrap();
    assert_eq!(tracker.status(StepId(2)), StepStatus::InProgress);
    tracker
        .log_slip(day(8), "Replied to a birthday message")
        .unwrap();
    let counter = tracker.no_contact();
    assert_eq!(counter.current_run(day(10)), 2);
    assert_eq!(counter.longest_run(day(10)), 8);
    assert_eq!(counter.milestones_reached(day(10)), vec![7]);
    assert_eq!(english().milestone_label(7), Some("One week of space"));
    assert_eq!(
        tracker.start_no_contact(english(), day(11)),
        Err(TrackerError::NoContact(NoContactError::AlreadyStarted))
    );
}

#[test]
fn message_templates_can_be_edited_and_reset() {
    let mut tracker = Tracker::new();
    let id = TemplateId::new("no_communication");
    let default = english().template(&id).unwrap().default_text.clone();
    assert_eq!(
        tracker.template_text(english(), &id),
        Some(default.as_str())
    );
    tracker
        .set_template_text(english(), &id, "I need some time. Take care.")
        .unwrap();
    assert!(tracker.is_template_edited(&id));
    assert_eq!(
        tracker.template_text(english(), &id),
        Some("I need some time. Take care.")
    );
    tracker.reset_template(&id);
    assert_eq!(
        tracker.template_text(english(), &id),
        Some(default.as_str())
    );
    tracker
        .set_template_text(english(), &id, default.clone())
        .unwrap();
    assert!(
        !tracker.is_template_edited(&id),
        "the default text is not an edit"
    );
    let unknown = TemplateId::new("ultimatum");
    assert_eq!(
        tracker.set_template_text(english(), &unknown, "x"),
        Err(TrackerError::UnknownTemplate(unknown.clone()))
    );
    assert_eq!(tracker.template_text(english(), &unknown), None);
}

#[test]
fn status_labels_come_from_content() {
    let labels: Vec<&str> = StepStatus::ALL
        .iter()
        .map(|s| english().status_label(*s))
        .collect();
    assert_eq!(labels, ["Not started", "In progress", "Done", "Skipped"]);
}
