//! The plan's direction for the answer profiles that matter most for safety. Each test
//! follows the reader from the result into the plan: band, plan mode, and which steps,
//! actions and templates the plan offers.

use super::{english, fill};
use crate::domain::{
    assess, Answer, BandId, CheckpointChoice, ContactHold, Content, Day, Direction, PlanMode,
    StepId, Tracker, TrackerError,
};

/// The steps whose whole point is being in touch with the ex.
const CONTACT_STEPS: [StepId; 4] = [StepId(3), StepId(13), StepId(14), StepId(16)];

/// What the reader gets once the answers are in and the shell has applied them: the
/// same rule the reducer applies after every answer.
fn plan_after(content: &Content, chosen: &[(&str, Answer)]) -> (BandId, Direction, Tracker) {
    let answers = fill(content, chosen);
    let outcome = assess(content, &answers);
    let mut tracker = Tracker::new();
    tracker.follow_assessment(outcome.contact_hold());
    let direction = Direction::new(content, &answers, &tracker);
    (outcome.band, direction, tracker)
}

fn shown(content: &Content, direction: &Direction) -> Vec<StepId> {
    direction.steps(content).map(|s| s.id).collect()
}

fn assert_no_contact_anywhere(content: &Content, direction: &Direction, tracker: &Tracker) {
    let steps = shown(content, direction);
    for step in CONTACT_STEPS {
        assert!(
            !steps.contains(&step),
            "step {step} must be hidden: {steps:?}"
        );
    }
    assert!(!direction.shows_templates(), "no message templates");
    assert!(
        !direction.may_reconnect(),
        "no way back while the answer stands"
    );
    let next = direction.next_step(content, tracker).map(|s| s.id);
    assert!(
        next.is_some_and(|id| !CONTACT_STEPS.contains(&id)),
        "{next:?}"
    );
    let (_, after_12) = direction.neighbours(content, StepId(12));
    assert_eq!(
        after_12,
        Some(StepId(15)),
        "step 12 leads past the hidden steps"
    );
}

fn gratitude_shown(content: &Content, direction: &Direction) -> bool {
    let step = content.step(StepId(15)).expect("step 15");
    (0..step.actions.len())
        .filter(|i| direction.shows_action(step, *i))
        .any(|i| step.actions[i].contains("grateful"))
}

#[test]
fn a_cheated_on_reader_with_clashing_values_is_offered_moving_on_but_keeps_the_choice() {
    let content = english();
    let (band, direction, mut tracker) = plan_after(
        content,
        &[
            ("ex_asked_for_distance", Answer::single("no")),
            (
                "serious_harm",
                Answer::multiple(["cheating", "core_values"]),
            ),
            ("felt_afraid", Answer::single("no")),
            ("reasons", Answer::multiple(["cheating", "lying"])),
            ("who_hurt", Answer::single("they_hurt_me")),
        ],
    );
    assert_eq!(band, BandId::MoveOn);
    assert_eq!(direction.hold, None, "painful, but not a safety matter");
    assert_eq!(
        direction.mode,
        PlanMode::Reconcile,
        "suggested, not imposed"
    );
    assert_eq!(shown(content, &direction).len(), 16);
    assert!(direction.shows_templates());

    tracker.choose_plan(PlanMode::MovingOn, None).unwrap();
    let chosen = Direction::new(content, &fill(content, &[]), &tracker);
    assert!(chosen.is_moving_on());
    for step in CONTACT_STEPS {
        assert!(!shown(content, &chosen).contains(&step));
    }
    assert!(!chosen.shows_templates());
    assert!(
        chosen.may_reconnect(),
        "a deliberate switch back is allowed"
    );
    assert!(gratitude_shown(content, &chosen));
}

#[test]
fn an_amicable_breakup_over_distance_keeps_the_whole_plan() {
    let content = english();
    let (band, direction, _) = plan_after(
        content,
        &[
            ("ex_asked_for_distance", Answer::single("no")),
            ("still_cares", Answer::single("clearly")),
            ("still_compatible", Answer::single("yes")),
            ("serious_harm", Answer::single("none")),
            ("felt_afraid", Answer::single("no")),
            ("circumstance", Answer::single("yes")),
            ("understand_what_went_wrong", Answer::single("yes")),
            ("issues_fixable", Answer::single("yes")),
            ("both_willing_to_compromise", Answer::single("yes")),
            ("agree_now", Answer::single("yes")),
            ("who_ended", Answer::single("mutual")),
            ("reasons", Answer::single("none")),
            ("who_hurt", Answer::single("neither")),
        ],
    );
    assert_eq!(band, BandId::GoodChance);
    assert_eq!(direction.hold, None);
    assert_eq!(direction.mode, PlanMode::Reconcile);
    assert_eq!(shown(content, &direction).len(), 16);
    assert!(shown(content, &direction).contains(&StepId(13)));
    assert!(direction.shows_templates());
    assert!(gratitude_shown(content, &direction));
}

#[test]
fn a_reader_afraid_of_their_ex_gets_no_step_or_message_that_means_contact() {
    let content = english();
    let (band, direction, mut tracker) =
        plan_after(content, &[("felt_afraid", Answer::single("yes"))]);
    assert_eq!(band, BandId::Safety);
    assert_eq!(direction.hold, Some(ContactHold::Safety));
    assert_eq!(direction.mode, PlanMode::MovingOn);
    assert_eq!(tracker.plan(), PlanMode::MovingOn, "saved at once");
    assert_no_contact_anywhere(content, &direction, &tracker);
    assert!(
        !gratitude_shown(content, &direction),
        "no gratitude towards them"
    );

    let hold = direction.hold;
    assert_eq!(
        tracker.choose_plan(PlanMode::Reconcile, hold),
        Err(TrackerError::ContactHeld(ContactHold::Safety))
    );
    assert!(tracker
        .choose_at_checkpoint(content, CheckpointChoice::KeepGoing, Day(20_000), hold)
        .is_err());
    assert_eq!(
        tracker.plan(),
        PlanMode::MovingOn,
        "refusals change nothing"
    );
    assert!(!tracker.status(StepId(12)).is_settled());
}

#[test]
fn a_controlling_angry_ex_with_fear_not_sure_is_capped_and_kept_from_contact() {
    let content = english();
    // Otherwise as hopeful as it gets: the concern must still win.
    let (band, direction, tracker) = plan_after(
        content,
        &[
            ("ex_asked_for_distance", Answer::single("no")),
            ("still_cares", Answer::single("clearly")),
            ("still_compatible", Answer::single("yes")),
            ("serious_harm", Answer::single("none")),
            ("felt_afraid", Answer::single("not_sure")),
            ("circumstance", Answer::single("yes")),
            ("understand_what_went_wrong", Answer::single("yes")),
            ("issues_fixable", Answer::single("yes")),
            ("both_willing_to_compromise", Answer::single("yes")),
            ("agree_now", Answer::single("yes")),
            ("reasons", Answer::multiple(["misdirected_rage", "toxic"])),
            ("who_hurt", Answer::single("they_hurt_me")),
        ],
    );
    assert_eq!(
        band,
        BandId::Uphill,
        "capped at uphill however hopeful the rest"
    );
    assert_eq!(direction.hold, Some(ContactHold::SafetyConcern));
    assert_eq!(direction.mode, PlanMode::MovingOn);
    assert_no_contact_anywhere(content, &direction, &tracker);
    assert!(!gratitude_shown(content, &direction));

    let outcome = assess(
        content,
        &fill(content, &[("felt_afraid", Answer::single("not_sure"))]),
    );
    assert_eq!(outcome.safety_concerns().len(), 1);
    let plan_action = outcome
        .actions_now
        .iter()
        .find(|a| a.id.as_str() == "plan")
        .unwrap();
    assert_eq!(plan_action.title, "Make a plan for moving on");
}

#[test]
fn each_softer_signal_alone_raises_the_concern() {
    let content = english();
    for chosen in [
        ("felt_afraid", Answer::single("not_sure")),
        ("reasons", Answer::single("misdirected_rage")),
        ("reasons", Answer::single("toxic")),
    ] {
        let (band, direction, _) = plan_after(content, std::slice::from_ref(&chosen));
        assert_eq!(
            direction.hold,
            Some(ContactHold::SafetyConcern),
            "{chosen:?}"
        );
        assert!(
            band.outlook_rank() <= BandId::Uphill.outlook_rank(),
            "{chosen:?}"
        );
    }
}

#[test]
fn an_ex_who_asked_for_distance_means_moving_on_with_no_way_to_reach_out() {
    let content = english();
    let (band, direction, tracker) = plan_after(
        content,
        &[
            ("ex_asked_for_distance", Answer::single("yes")),
            ("serious_harm", Answer::single("none")),
            ("felt_afraid", Answer::single("no")),
        ],
    );
    assert_eq!(band, BandId::MoveOn);
    assert_eq!(direction.hold, Some(ContactHold::AskedForDistance));
    assert_eq!(direction.mode, PlanMode::MovingOn);
    assert_no_contact_anywhere(content, &direction, &tracker);
    assert!(gratitude_shown(content, &direction), "not a safety matter");
}

#[test]
fn the_moving_on_direction_outlives_the_answer_until_the_reader_switches_back() {
    let content = english();
    let mut tracker = Tracker::new();
    let afraid = fill(content, &[("felt_afraid", Answer::single("yes"))]);
    tracker.follow_assessment(assess(content, &afraid).contact_hold());
    // The reader retakes the assessment and the answer changes.
    let calm = fill(content, &[("felt_afraid", Answer::single("no"))]);
    let hold = assess(content, &calm).contact_hold();
    tracker.follow_assessment(hold);
    assert_eq!(hold, None);
    assert_eq!(
        Direction::new(content, &calm, &tracker).mode,
        PlanMode::MovingOn
    );
    tracker.choose_plan(PlanMode::Reconcile, hold).unwrap();
    assert_eq!(
        Direction::new(content, &calm, &tracker).mode,
        PlanMode::Reconcile
    );
}

#[test]
fn progress_counts_only_the_steps_the_plan_shows() {
    let content = english();
    let (_, direction, tracker) = plan_after(content, &[("felt_afraid", Answer::single("yes"))]);
    let progress = direction.progress(content, &tracker);
    assert_eq!(progress.total, 12);
    assert_eq!(progress.done, 0);
}
