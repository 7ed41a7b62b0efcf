//! Where the plan is heading once the assessment has had its say. The reader chooses
//! between reconnecting and moving on, but some answers (safety, a safety concern, or
//! an ex who asked for distance) settle it: while they stand, the plan is moving on and
//! nothing in it means contacting the ex.

use crate::domain::assessment::Answers;
use crate::domain::content::{Content, Step, StepId};
use crate::domain::scoring::{assess, ContactHold, Outcome};
use crate::domain::tracker::{PlanMode, Progress, StepStatus, Tracker};

/// The plan's direction as the reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Direction {
    /// The mode the plan shows: the reader's choice, unless `hold` overrides it.
    pub mode: PlanMode,
    /// Set while an answer keeps contact out of the plan.
    pub hold: Option<ContactHold>,
}

impl Default for Direction {
    fn default() -> Self {
        Direction {
            mode: PlanMode::Reconcile,
            hold: None,
        }
    }
}

impl Direction {
    pub fn new(content: &Content, answers: &Answers, tracker: &Tracker) -> Direction {
        Direction::from_outcome(&assess(content, answers), tracker.plan())
    }

    pub fn from_outcome(outcome: &Outcome, chosen: PlanMode) -> Direction {
        let hold = outcome.contact_hold();
        Direction {
            mode: if hold.is_some() {
                PlanMode::MovingOn
            } else {
                chosen
            },
            hold,
        }
    }

    pub fn is_moving_on(&self) -> bool {
        self.mode == PlanMode::MovingOn
    }

    /// Steps that mean being in touch with the ex are hidden while moving on.
    pub fn shows_step(&self, step: &Step) -> bool {
        !(self.is_moving_on() && step.involves_contact)
    }

    /// Every message template is a message to the ex.
    pub fn shows_templates(&self) -> bool {
        !self.is_moving_on()
    }

    /// Some actions (gratitude towards the ex) are left out after a safety answer.
    pub fn shows_action(&self, step: &Step, index: usize) -> bool {
        let safety = self.hold.is_some_and(ContactHold::is_about_safety);
        !(safety && step.hidden_on_safety_concern.contains(&index))
    }

    /// The reader may switch back to reconnecting only when no answer holds contact back.
    pub fn may_reconnect(&self) -> bool {
        self.hold.is_none()
    }

    /// The steps the plan shows, in order.
    pub fn steps<'c>(&self, content: &'c Content) -> impl Iterator<Item = &'c Step> + 'c {
        let direction = *self;
        content
            .steps
            .iter()
            .filter(move |step| direction.shows_step(step))
    }

    /// The shown steps before and after `step`, for previous / next buttons.
    pub fn neighbours(&self, content: &Content, step: StepId) -> (Option<StepId>, Option<StepId>) {
        let shown: Vec<StepId> = self.steps(content).map(|s| s.id).collect();
        let previous = shown.iter().rev().find(|id| **id < step).copied();
        let next = shown.iter().find(|id| **id > step).copied();
        (previous, next)
    }

    /// Progress over the steps the plan shows, so a reader moving on can reach the end.
    pub fn progress(&self, content: &Content, tracker: &Tracker) -> Progress {
        let count = |wanted: StepStatus| {
            self.steps(content)
                .filter(|step| tracker.status(step.id) == wanted)
                .count()
        };
        Progress {
            done: count(StepStatus::Done),
            skipped: count(StepStatus::Skipped),
            in_progress: count(StepStatus::InProgress),
            total: self.steps(content).count(),
        }
    }

    /// The step to suggest next, never a hidden one.
    pub fn next_step<'c>(&self, content: &'c Content, tracker: &Tracker) -> Option<&'c Step> {
        tracker
            .next_suggested_for(content, self.mode)
            .filter(|step| self.shows_step(step))
    }
}
