//! The one reducer: every change to what the reader sees or owns goes through
//! [`Model::apply`]. Pure: no storage, no clock, no DOM. The shell passes `today` in.

use std::rc::Rc;

use yew::Reducible;

use crate::content;
use crate::domain::TrackerError;
use crate::domain::{
    assess, first_unanswered, is_complete, is_visible, next_question, previous_question, Answer,
    AppState, CheckpointChoice, ContactHold, Day, NoteId, Place, PlanMode, QuestionId, StepId,
    StepStatus, TemplateId,
};

/// Which screen is showing. The last screen worth coming back to is saved as a
/// [`Place`], so a reload or a new visit opens there; see [`Model::new`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    Welcome,
    Question(QuestionId),
    Review,
    Result,
    Plan,
    Step(StepId),
    NoContact,
    Templates,
    Data,
}

/// Everything the widget renders from.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// What the reader owns; the shell saves it whenever it changes.
    pub saved: AppState,
    pub view: View,
    /// The reader's local date, set by the shell.
    pub today: Day,
    /// Why the last action could not be done; the shell puts it in the reader's words.
    pub problem: Option<Problem>,
}

/// Why an action could not be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Next, on a question with no answer yet.
    ChooseAnswer,
    /// A journal note with no words.
    EmptyNote,
    /// The reader asked for the plan about reconnecting while an answer rules it out.
    ContactHeld(ContactHold),
    /// Anything the views never let happen (an unknown step or note): the domain's own
    /// description, for developers; readers see a general sentence.
    Unexpected(String),
}

impl From<crate::domain::AnswerError> for Problem {
    fn from(error: crate::domain::AnswerError) -> Self {
        Problem::Unexpected(error.to_string())
    }
}

impl From<TrackerError> for Problem {
    fn from(error: TrackerError) -> Self {
        match error {
            TrackerError::ContactHeld(hold) => Problem::ContactHeld(hold),
            TrackerError::EmptyNote => Problem::EmptyNote,
            other => Problem::Unexpected(other.to_string()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Go(View),
    /// Resume the assessment where the reader left it (or at the start).
    StartAssessment,
    Answer {
        question: QuestionId,
        answer: Answer,
    },
    /// To the next visible question (or the review at the end). Needs an answer.
    Next,
    /// To the previous visible question (or the welcome view at the start).
    Back,
    SetStatus {
        step: StepId,
        status: StepStatus,
    },
    TickAction {
        step: StepId,
        index: usize,
        ticked: bool,
    },
    AddNote {
        step: StepId,
        text: String,
    },
    EditNote {
        id: NoteId,
        text: String,
    },
    DeleteNote(NoteId),
    StartNoContact,
    MoveNoContactStart(Day),
    LogSlip {
        note: String,
    },
    SetTemplate {
        id: TemplateId,
        text: String,
    },
    ResetTemplate(TemplateId),
    Checkpoint(CheckpointChoice),
    /// The reader switches the plan's direction themselves (reconnecting needs a
    /// confirm step in the view, and is refused while an answer holds contact back).
    ChoosePlan(PlanMode),
    /// Storage holds `stored`, written by another tab or widget (a fresh state when
    /// they deleted everything): adopt it, then apply `replay`, the reader's changes
    /// here that were not saved yet, on top, so neither side's writing is lost.
    AdoptStored {
        stored: AppState,
        replay: Vec<Action>,
    },
    /// The reader imported this state from a file: it replaces theirs.
    Import(AppState),
    /// The reader chose to keep answers someone shared with them as their own.
    UseSharedAnswers(crate::domain::Answers),
    /// Start again with nothing saved.
    DeleteEverything,
    DismissProblem,
    /// The shell noticed the date changed (the page was left open overnight).
    SetToday(Day),
}

impl View {
    /// The place to save for this view; the welcome screen is never one.
    fn place(&self) -> Option<Place> {
        Some(match self {
            View::Welcome => return None,
            View::Question(_) => Place::Question,
            View::Review => Place::Review,
            View::Result => Place::Result,
            View::Plan => Place::Plan,
            View::Step(step) => Place::Step(*step),
            View::NoContact => Place::NoContact,
            View::Templates => Place::Templates,
            View::Data => Place::Data,
        })
    }
}

/// Where a reader with this saved state picks up: the saved place if it still exists,
/// otherwise the furthest they got. Only a reader with nothing saved sees the welcome.
pub fn resume_view(saved: &AppState) -> View {
    let content = content::english();
    let answers = &saved.answers;
    if !saved.has_progress() {
        return View::Welcome;
    }
    let question = saved
        .settings
        .current_question
        .clone()
        .filter(|id| is_visible(content, answers, id));
    let restored = match saved.settings.place {
        Some(Place::Question) => question.map(View::Question),
        Some(Place::Step(step)) => content.step(step).map(|s| View::Step(s.id)),
        Some(Place::Review) => Some(View::Review),
        Some(Place::Result) => Some(View::Result),
        Some(Place::Plan) => Some(View::Plan),
        Some(Place::NoContact) => Some(View::NoContact),
        Some(Place::Templates) => Some(View::Templates),
        Some(Place::Data) => Some(View::Data),
        None => None,
    };
    restored.unwrap_or_else(|| {
        if is_complete(content, answers) {
            View::Result
        } else if let Some(next) =
            first_unanswered(content, answers).filter(|_| !answers.is_empty())
        {
            View::Question(next.id.clone())
        } else {
            View::Plan
        }
    })
}

impl Action {
    /// True for the reader's changes to what is saved, which are replayed on top of a
    /// newer stored state. Moving around (and the resume point it sets) is not.
    pub fn is_saved_change(&self) -> bool {
        !matches!(
            self,
            Action::Go(_)
                | Action::StartAssessment
                | Action::Next
                | Action::Back
                | Action::AdoptStored { .. }
                | Action::DismissProblem
                | Action::SetToday(_)
        )
    }
}

impl Model {
    /// A model that opens where the reader left off (see [`resume_view`]).
    pub fn new(saved: AppState, today: Day) -> Model {
        Model {
            view: resume_view(&saved),
            saved,
            today,
            problem: None,
        }
    }

    /// Applies one action. Saved changes bump the revision, except a state adopted from
    /// another tab, which already carries its own.
    pub fn apply(&mut self, action: Action) {
        let before = self.saved.clone();
        let mut adopted = false;
        self.problem = None;
        let content = content::english();
        let today = self.today;
        let hold = self.contact_hold();
        let tracker = &mut self.saved.tracker;
        let outcome: Result<(), Problem> = match action {
            Action::Go(view) => {
                if let View::Question(id) = &view {
                    self.saved.settings.current_question = Some(id.clone());
                }
                self.view = view;
                Ok(())
            }
            Action::StartAssessment => {
                let answers = &self.saved.answers;
                let resume = self
                    .saved
                    .settings
                    .current_question
                    .clone()
                    .filter(|id| crate::domain::is_visible(content, answers, id))
                    .filter(|id| answers.get(id).is_none())
                    .or_else(|| first_unanswered(content, answers).map(|q| q.id.clone()));
                match resume {
                    Some(id) => self.go_to_question(id),
                    None if is_complete(content, answers) => self.view = View::Review,
                    None => {
                        if let Some(first) = next_question(content, answers, None) {
                            self.go_to_question(first.id.clone());
                        }
                    }
                }
                Ok(())
            }
            Action::Answer { question, answer } => self
                .saved
                .answers
                .set(content, &question, answer)
                .map_err(Problem::from),
            Action::Next => match &self.view {
                View::Question(current) if self.saved.answers.get(current).is_none() => {
                    Err(Problem::ChooseAnswer)
                }
                View::Question(current) => {
                    match next_question(content, &self.saved.answers, Some(current)) {
                        Some(next) => self.go_to_question(next.id.clone()),
                        None => self.view = View::Review,
                    }
                    Ok(())
                }
                _ => Ok(()),
            },
            Action::Back => {
                if let View::Question(current) = &self.view {
                    match previous_question(content, &self.saved.answers, current) {
                        Some(previous) => self.go_to_question(previous.id.clone()),
                        None => self.view = View::Welcome,
                    }
                }
                Ok(())
            }
            Action::SetStatus { step, status } => tracker
                .set_status(content, step, status, today)
                .map_err(Problem::from),
            Action::TickAction {
                step,
                index,
                ticked,
            } => tracker
                .tick_action(content, step, index, ticked)
                .map_err(Problem::from),
            Action::AddNote { step, text } => {
                if text.trim().is_empty() {
                    Err(Problem::EmptyNote)
                } else {
                    tracker
                        .add_note(content, step, today, text)
                        .map(|_| ())
                        .map_err(Problem::from)
                }
            }
            Action::EditNote { id, text } => {
                tracker.edit_note(id, today, text).map_err(Problem::from)
            }
            Action::DeleteNote(id) => tracker.delete_note(id).map_err(Problem::from),
            Action::StartNoContact => tracker
                .start_no_contact(content, today)
                .map_err(Problem::from),
            Action::MoveNoContactStart(day) => tracker
                .move_no_contact_start(day, today)
                .map_err(Problem::from),
            Action::LogSlip { note } => tracker.log_slip(today, note).map_err(Problem::from),
            Action::SetTemplate { id, text } => tracker
                .set_template_text(content, &id, text)
                .map_err(Problem::from),
            Action::ResetTemplate(id) => {
                tracker.reset_template(&id);
                Ok(())
            }
            Action::Checkpoint(choice) => tracker
                .choose_at_checkpoint(content, choice, today, hold)
                .map_err(Problem::from),
            Action::ChoosePlan(plan) => tracker.choose_plan(plan, hold).map_err(Problem::from),
            Action::AdoptStored { stored, replay } => {
                self.adopt_stored(stored, replay);
                adopted = true;
                Ok(())
            }
            Action::Import(mut imported) => {
                // Above our own revision, so the import is saved and other tabs follow it.
                imported.revision = self.saved.revision;
                self.saved = imported;
                self.keep_view_valid();
                Ok(())
            }
            Action::UseSharedAnswers(answers) => {
                self.saved.answers = answers;
                self.saved.settings.current_question = None;
                self.view = View::Result;
                Ok(())
            }
            Action::DeleteEverything => {
                let revision = self.saved.revision;
                self.saved = AppState::new();
                self.saved.revision = revision;
                self.view = View::Welcome;
                Ok(())
            }
            Action::DismissProblem => Ok(()),
            Action::SetToday(day) => {
                self.today = day;
                Ok(())
            }
        };
        if let Err(problem) = outcome {
            self.problem = Some(problem);
        }
        if self.saved.answers != before.answers && !adopted {
            // Answers that hold contact back turn the plan to moving on at once.
            let hold = self.contact_hold();
            self.saved.tracker.follow_assessment(hold);
        }
        // Only a reader with something saved has a place to come back to; for anyone
        // else (and right after "delete everything") moving around must write nothing.
        if !adopted && self.saved.has_progress() {
            if let Some(place) = self.view.place() {
                self.saved.settings.place = Some(place);
            }
        }
        if self.saved != before && !adopted {
            self.saved.revision = before.revision.max(self.saved.revision).saturating_add(1);
        }
    }

    /// Whether the current answers keep contact with the ex out of the plan.
    pub fn contact_hold(&self) -> Option<ContactHold> {
        assess(content::english(), &self.saved.answers).contact_hold()
    }

    /// Storage is the truth; the reader's unsaved changes go on top of it, saved above
    /// both revisions (max(stored, own) + 1). The reader stays where they are.
    fn adopt_stored(&mut self, stored: AppState, replay: Vec<Action>) {
        let own = self.saved.revision;
        let view = self.view.clone();
        self.saved = stored.clone();
        for action in replay.into_iter().filter(Action::is_saved_change) {
            self.apply(action);
        }
        self.saved.revision = if self.saved == stored {
            stored.revision
        } else {
            stored.revision.max(own).saturating_add(1)
        };
        // A replayed change that no longer fits (a note someone else deleted) is not the
        // reader's doing now; say nothing about it.
        self.problem = None;
        self.view = view;
        self.keep_view_valid();
    }

    fn go_to_question(&mut self, id: QuestionId) {
        self.saved.settings.current_question = Some(id.clone());
        self.view = View::Question(id);
    }

    /// After the saved state was replaced, a question view may point at a question that
    /// is now hidden; fall back to the welcome view rather than show it.
    fn keep_view_valid(&mut self) {
        if let View::Question(id) = &self.view {
            if !crate::domain::is_visible(content::english(), &self.saved.answers, id) {
                self.view = View::Welcome;
            }
        }
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self {
            // Returning the same Rc lets Yew 0.23 skip the re-render.
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model::new(AppState::new(), Day(20_000))
    }

    fn first_question() -> QuestionId {
        content::english().questions[0].id.clone()
    }

    fn first_option(question: &QuestionId) -> Answer {
        let q = content::english().question(question).expect("question");
        Answer::single(q.options[0].id.as_str())
    }

    #[test]
    fn start_goes_to_the_first_question_and_remembers_it() {
        let mut m = model();
        m.apply(Action::StartAssessment);
        assert_eq!(m.view, View::Question(first_question()));
        assert_eq!(m.saved.settings.current_question, Some(first_question()));
    }

    #[test]
    fn next_without_an_answer_explains_instead_of_moving() {
        let mut m = model();
        m.apply(Action::StartAssessment);
        m.apply(Action::Next);
        assert_eq!(m.view, View::Question(first_question()));
        assert_eq!(m.problem, Some(Problem::ChooseAnswer));
    }

    #[test]
    fn answering_then_next_moves_on_and_back_returns() {
        let mut m = model();
        m.apply(Action::StartAssessment);
        let first = first_question();
        m.apply(Action::Answer {
            question: first.clone(),
            answer: first_option(&first),
        });
        m.apply(Action::Next);
        assert_ne!(m.view, View::Question(first.clone()));
        m.apply(Action::Back);
        assert_eq!(m.view, View::Question(first));
    }

    #[test]
    fn every_saved_change_bumps_the_revision_once_and_a_new_place_is_saved() {
        let mut m = model();
        let start = m.saved.revision;
        m.apply(Action::SetStatus {
            step: StepId(1),
            status: StepStatus::Done,
        });
        assert_eq!(m.saved.revision, start + 1);
        assert_eq!(m.saved.tracker.done_on(StepId(1)), Some(Day(20_000)));
        m.apply(Action::Go(View::Step(StepId(1))));
        assert_eq!(m.saved.revision, start + 2, "the reader's place is saved");
        m.apply(Action::Go(View::Plan));
        assert_eq!(m.saved.revision, start + 3);
        assert_eq!(m.saved.settings.place, Some(Place::Plan));
        m.apply(Action::Go(View::Plan));
        assert_eq!(m.saved.revision, start + 3, "staying put saves nothing");
    }

    #[test]
    fn a_reload_opens_where_the_reader_was_and_welcome_is_only_for_a_fresh_start() {
        assert_eq!(Model::new(AppState::new(), Day(1)).view, View::Welcome);
        let mut m = model();
        m.apply(Action::SetStatus {
            step: StepId(4),
            status: StepStatus::InProgress,
        });
        m.apply(Action::Go(View::Step(StepId(4))));
        assert_eq!(
            Model::new(m.saved.clone(), Day(1)).view,
            View::Step(StepId(4))
        );
        m.apply(Action::Go(View::NoContact));
        assert_eq!(Model::new(m.saved.clone(), Day(1)).view, View::NoContact);
        m.apply(Action::Go(View::Welcome));
        assert_eq!(
            Model::new(m.saved.clone(), Day(1)).view,
            View::NoContact,
            "looking at the welcome screen does not forget the place"
        );

        let mut asked = model();
        asked.apply(Action::StartAssessment);
        let first = first_question();
        asked.apply(Action::Answer {
            question: first.clone(),
            answer: first_option(&first),
        });
        asked.apply(Action::Next);
        let View::Question(second) = asked.view.clone() else {
            panic!("on a question");
        };
        assert_eq!(
            Model::new(asked.saved.clone(), Day(1)).view,
            View::Question(second)
        );

        let mut old = m.saved.clone();
        old.settings.place = None;
        assert_eq!(
            Model::new(old, Day(1)).view,
            View::Plan,
            "saved before places were: the plan, where the progress is"
        );
    }

    #[test]
    fn a_stored_state_with_nothing_to_replay_is_adopted_as_is() {
        let mut m = model();
        m.apply(Action::StartNoContact);
        let mut newer = AppState::new();
        newer.revision = m.saved.revision + 5;
        m.apply(Action::AdoptStored {
            stored: newer.clone(),
            replay: vec![],
        });
        assert_eq!(m.saved, newer, "adopted as is, revision included");
        // Storage is the truth even when its revision is lower (another tab deleted).
        m.apply(Action::AdoptStored {
            stored: AppState::new(),
            replay: vec![],
        });
        assert_eq!(m.saved, AppState::new());
    }

    #[test]
    fn unsaved_changes_are_replayed_on_top_of_a_newer_stored_state() {
        let mut other_tab = model();
        other_tab.apply(Action::AddNote {
            step: StepId(4),
            text: "From the other tab".to_string(),
        });
        other_tab.saved.revision = 9;
        let mut m = model();
        m.apply(Action::Go(View::Plan));
        let add = Action::AddNote {
            step: StepId(4),
            text: "From this tab".to_string(),
        };
        m.apply(add.clone());
        let own = m.saved.revision;
        m.apply(Action::AdoptStored {
            stored: other_tab.saved.clone(),
            replay: vec![Action::Go(View::Welcome), add],
        });
        let texts: Vec<&str> = m
            .saved
            .tracker
            .notes()
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(texts, ["From the other tab", "From this tab"]);
        assert_eq!(m.saved.revision, own.max(9) + 1);
        assert_eq!(m.view, View::Plan, "moving around is not replayed");
        let ids: std::collections::BTreeSet<_> =
            m.saved.tracker.notes().iter().map(|n| n.id).collect();
        assert_eq!(ids.len(), 2, "the replayed note gets a fresh id");
    }

    #[test]
    fn a_delete_elsewhere_is_adopted_and_only_later_writing_is_kept() {
        let mut m = model();
        m.apply(Action::StartNoContact);
        let add = Action::AddNote {
            step: StepId(4),
            text: "After the delete".to_string(),
        };
        m.apply(add.clone());
        m.apply(Action::AdoptStored {
            stored: AppState::new(),
            replay: vec![add],
        });
        assert!(
            !m.saved.tracker.no_contact().is_started(),
            "not resurrected"
        );
        assert_eq!(m.saved.tracker.notes().len(), 1);
    }

    #[test]
    fn import_and_delete_stay_above_the_current_revision() {
        let mut m = model();
        m.apply(Action::StartNoContact);
        let revision = m.saved.revision;
        m.apply(Action::DeleteEverything);
        assert!(m.saved.revision > revision);
        assert!(!m.saved.tracker.no_contact().is_started());
        let mut imported = AppState::new();
        imported.revision = 0;
        imported.tracker.set_plan(crate::domain::PlanMode::MovingOn);
        let before = m.saved.revision;
        m.apply(Action::Import(imported));
        assert!(m.saved.revision > before);
        assert_eq!(m.saved.tracker.plan(), crate::domain::PlanMode::MovingOn);
    }

    #[test]
    fn shared_answers_replace_the_answers_only() {
        let mut m = model();
        m.apply(Action::StartNoContact);
        let mut shared = crate::domain::Answers::new();
        let first = first_question();
        shared
            .set(content::english(), &first, first_option(&first))
            .expect("valid");
        m.apply(Action::UseSharedAnswers(shared.clone()));
        assert_eq!(m.saved.answers, shared);
        assert!(
            m.saved.tracker.no_contact().is_started(),
            "the plan is kept"
        );
        assert_eq!(m.view, View::Result);
    }

    #[test]
    fn an_empty_note_is_refused_with_a_reason() {
        let mut m = model();
        m.apply(Action::AddNote {
            step: StepId(4),
            text: "   ".to_string(),
        });
        assert!(m.saved.tracker.notes().is_empty());
        assert!(m.problem.is_some());
    }

    #[test]
    fn reduce_returns_the_same_rc_when_nothing_changes() {
        let m = Rc::new(model());
        let after = m.clone().reduce(Action::DismissProblem);
        assert!(Rc::ptr_eq(&m, &after));
    }

    #[test]
    fn a_fear_answer_turns_the_plan_to_moving_on_and_reconnecting_is_refused() {
        let mut m = model();
        m.apply(Action::Answer {
            question: QuestionId::new("felt_afraid"),
            answer: Answer::single("yes"),
        });
        assert_eq!(m.saved.tracker.plan(), PlanMode::MovingOn);
        let before = m.saved.clone();
        m.apply(Action::ChoosePlan(PlanMode::Reconcile));
        assert_eq!(m.saved, before, "nothing changes");
        assert!(matches!(m.problem, Some(Problem::ContactHeld(_))));
        m.apply(Action::Checkpoint(CheckpointChoice::KeepGoing));
        assert_eq!(m.saved, before, "not through the checkpoint either");

        // Retaken: the answer changed, so the reader may now switch back deliberately.
        m.apply(Action::Answer {
            question: QuestionId::new("felt_afraid"),
            answer: Answer::single("no"),
        });
        assert_eq!(
            m.saved.tracker.plan(),
            PlanMode::MovingOn,
            "still where it was"
        );
        m.apply(Action::ChoosePlan(PlanMode::Reconcile));
        assert_eq!(m.saved.tracker.plan(), PlanMode::Reconcile);
        assert_eq!(m.problem, None);
    }
}
