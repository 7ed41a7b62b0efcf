//! Progress through the 16 steps: statuses, ticked actions, journal notes, the plan
//! (reconcile or move on), the no-contact counter and edited message templates.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::content::{Content, Step, StepId, StepKind, TemplateId};
use crate::domain::day::Day;
use crate::domain::no_contact::{NoContact, NoContactError};
use crate::domain::saved_name::saved_as_name;
use crate::domain::scoring::ContactHold;
use crate::domain::sorted_map::SortedMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StepStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Skipped,
}

impl StepStatus {
    pub const ALL: [StepStatus; 4] = [
        StepStatus::NotStarted,
        StepStatus::InProgress,
        StepStatus::Done,
        StepStatus::Skipped,
    ];

    /// Done or deliberately skipped: nothing more is expected of this step.
    pub fn is_settled(self) -> bool {
        matches!(self, StepStatus::Done | StepStatus::Skipped)
    }
}

/// What the reader is working towards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PlanMode {
    /// Working towards getting back together.
    #[default]
    Reconcile,
    /// Chosen at the checkpoint (or any time): looking after yourself and moving on.
    MovingOn,
}

saved_as_name!(StepStatus {
    NotStarted = "not_started",
    InProgress = "in_progress",
    Done = "done",
    Skipped = "skipped",
});
saved_as_name!(PlanMode {
    Reconcile = "reconcile",
    MovingOn = "moving_on",
});

/// The two answers at the step 12 checkpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckpointChoice {
    KeepGoing,
    MoveOn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub u32);

/// A dated journal entry attached to a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalNote {
    pub id: NoteId,
    pub step: StepId,
    pub written_on: Day,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_on: Option<Day>,
    pub text: String,
}

/// The reader's record for one step. Steps never touched have no record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    pub step: StepId,
    pub status: StepStatus,
    /// Set when the status becomes done; cleared if it changes again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<Day>,
    /// Indexes of ticked actions, ascending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ticked: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub skipped: usize,
    pub in_progress: usize,
    pub total: usize,
}

/// Step 13 opened before the steps it builds on were done or skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateWarning {
    pub step: StepId,
    /// Required steps neither done nor skipped.
    pub unfinished: Vec<StepId>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrackerError {
    UnknownStep(StepId),
    UnknownAction {
        step: StepId,
        index: usize,
    },
    UnknownNote(NoteId),
    EmptyNote,
    UnknownTemplate(TemplateId),
    NoCheckpoint,
    NoContact(NoContactError),
    /// The reader asked for the plan about reconnecting while an answer rules it out.
    ContactHeld(ContactHold),
}

impl fmt::Display for TrackerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrackerError::UnknownStep(step) => write!(f, "there is no step {step}"),
            TrackerError::UnknownAction { step, index } => {
                write!(f, "step {step} has no action number {}", index + 1)
            }
            TrackerError::UnknownNote(id) => write!(f, "there is no note {}", id.0),
            TrackerError::EmptyNote => write!(f, "a note needs some text"),
            TrackerError::UnknownTemplate(id) => write!(f, "there is no message template \"{id}\""),
            TrackerError::NoCheckpoint => write!(f, "the content has no checkpoint step"),
            TrackerError::NoContact(error) => error.fmt(f),
            TrackerError::ContactHeld(ContactHold::AskedForDistance) => f.write_str(
                "Your answers say they asked for distance, so the plan stays on moving on. If that has changed, update your answers first.",
            ),
            TrackerError::ContactHeld(_) => f.write_str(
                "Because of your answers about safety, the plan stays on looking after yourself. If things have changed, you can retake the assessment.",
            ),
        }
    }
}

impl std::error::Error for TrackerError {}

impl From<NoContactError> for TrackerError {
    fn from(error: NoContactError) -> Self {
        TrackerError::NoContact(error)
    }
}

/// Everything the reader has recorded about the steps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracker {
    #[serde(default)]
    plan: PlanMode,
    /// Sorted by step; only touched steps.
    #[serde(default)]
    steps: Vec<StepRecord>,
    /// In the order written.
    #[serde(default)]
    notes: Vec<JournalNote>,
    /// Never reused, so a deleted note's id cannot come back meaning something else.
    #[serde(default)]
    next_note_id: u32,
    #[serde(default)]
    no_contact: NoContact,
    /// The reader's own wording, only for templates they changed.
    #[serde(default)]
    edited_templates: SortedMap<TemplateId, String>,
}

fn known_step(content: &Content, step: StepId) -> Result<&Step, TrackerError> {
    content.step(step).ok_or(TrackerError::UnknownStep(step))
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker::default()
    }

    // ----- steps -----

    pub fn record(&self, step: StepId) -> Option<&StepRecord> {
        self.steps.iter().find(|record| record.step == step)
    }

    fn record_mut(&mut self, step: StepId) -> &mut StepRecord {
        let at = self.steps.partition_point(|record| record.step < step);
        if self.steps.get(at).is_none_or(|record| record.step != step) {
            let fresh = StepRecord {
                step,
                status: StepStatus::NotStarted,
                done_on: None,
                ticked: Vec::new(),
            };
            self.steps.insert(at, fresh);
        }
        &mut self.steps[at]
    }

    pub fn status(&self, step: StepId) -> StepStatus {
        self.record(step)
            .map_or(StepStatus::NotStarted, |record| record.status)
    }

    pub fn done_on(&self, step: StepId) -> Option<Day> {
        self.record(step).and_then(|record| record.done_on)
    }

    /// Sets a step's status; `today` becomes the done date when the status is done.
    pub fn set_status(
        &mut self,
        content: &Content,
        step: StepId,
        status: StepStatus,
        today: Day,
    ) -> Result<(), TrackerError> {
        known_step(content, step)?;
        let record = self.record_mut(step);
        if record.status != status || status != StepStatus::Done {
            record.done_on = (status == StepStatus::Done).then_some(today);
        }
        record.status = status;
        Ok(())
    }

    pub fn is_ticked(&self, step: StepId, action_index: usize) -> bool {
        self.record(step)
            .is_some_and(|record| record.ticked.contains(&action_index))
    }

    /// Ticks or unticks an action. Ticking the first action of an untouched step marks
    /// it in progress, since the reader has clearly begun.
    pub fn tick_action(
        &mut self,
        content: &Content,
        step: StepId,
        action_index: usize,
        ticked: bool,
    ) -> Result<(), TrackerError> {
        if action_index >= known_step(content, step)?.actions.len() {
            return Err(TrackerError::UnknownAction {
                step,
                index: action_index,
            });
        }
        let record = self.record_mut(step);
        let at = record.ticked.partition_point(|i| *i < action_index);
        let present = record.ticked.get(at) == Some(&action_index);
        match (ticked, present) {
            (true, false) => record.ticked.insert(at, action_index),
            (false, true) => {
                record.ticked.remove(at);
            }
            _ => {}
        }
        if ticked && record.status == StepStatus::NotStarted {
            record.status = StepStatus::InProgress;
        }
        Ok(())
    }

    /// Counts of steps by status, out of all steps in content.
    pub fn progress(&self, content: &Content) -> Progress {
        let count = |wanted: StepStatus| {
            content
                .steps
                .iter()
                .filter(|s| self.status(s.id) == wanted)
                .count()
        };
        Progress {
            done: count(StepStatus::Done),
            skipped: count(StepStatus::Skipped),
            in_progress: count(StepStatus::InProgress),
            total: content.steps.len(),
        }
    }

    // ----- plan, suggestion, gate, checkpoint -----

    pub fn plan(&self) -> PlanMode {
        self.plan
    }

    pub fn set_plan(&mut self, plan: PlanMode) {
        self.plan = plan;
    }

    /// The reader's own choice of direction. Reconnecting is refused while an answer
    /// holds contact back; moving on is always allowed.
    pub fn choose_plan(
        &mut self,
        plan: PlanMode,
        hold: Option<ContactHold>,
    ) -> Result<(), TrackerError> {
        match (plan, hold) {
            (PlanMode::Reconcile, Some(hold)) => Err(TrackerError::ContactHeld(hold)),
            _ => {
                self.plan = plan;
                Ok(())
            }
        }
    }

    /// Keeps the saved direction in step with the assessment: an answer that holds
    /// contact back moves the plan to moving on at once, and it stays there after the
    /// answer changes until the reader deliberately switches back.
    pub fn follow_assessment(&mut self, hold: Option<ContactHold>) {
        if hold.is_some() {
            self.plan = PlanMode::MovingOn;
        }
    }

    /// The step to work on next in the saved direction; see [`Tracker::next_suggested_for`].
    pub fn next_suggested<'c>(&self, content: &'c Content) -> Option<&'c Step> {
        self.next_suggested_for(content, self.plan)
    }

    /// The step to work on next: the first unsettled step, preferring one already in
    /// progress. When moving on, only steps that also serve moving on are suggested
    /// (never one that means contacting the ex: content validation ensures it).
    pub fn next_suggested_for<'c>(&self, content: &'c Content, mode: PlanMode) -> Option<&'c Step> {
        let candidates: Vec<&Step> = content
            .steps
            .iter()
            .filter(|step| mode == PlanMode::Reconcile || step.also_for_moving_on)
            .filter(|step| !self.status(step.id).is_settled())
            .collect();
        candidates
            .iter()
            .find(|step| self.status(step.id) == StepStatus::InProgress)
            .or_else(|| candidates.first())
            .copied()
    }

    /// For a gated step (step 13), the steps it builds on that are neither done nor
    /// skipped, with the content's warning. `None` when nothing is outstanding.
    pub fn gate_warning(&self, content: &Content, step: StepId) -> Option<GateWarning> {
        let StepKind::Gated { requires, warning } = &content.step(step)?.kind else {
            return None;
        };
        let unfinished: Vec<StepId> = requires
            .iter()
            .copied()
            .filter(|required| !self.status(*required).is_settled())
            .collect();
        (!unfinished.is_empty()).then(|| GateWarning {
            step,
            unfinished,
            message: warning.clone(),
        })
    }

    /// Records the checkpoint decision: the checkpoint step is done and the plan follows.
    /// Keeping going is refused, and nothing changes, while an answer holds contact back.
    pub fn choose_at_checkpoint(
        &mut self,
        content: &Content,
        choice: CheckpointChoice,
        today: Day,
        hold: Option<ContactHold>,
    ) -> Result<(), TrackerError> {
        let checkpoint = content
            .checkpoint_step()
            .ok_or(TrackerError::NoCheckpoint)?
            .id;
        let plan = match choice {
            CheckpointChoice::KeepGoing => PlanMode::Reconcile,
            CheckpointChoice::MoveOn => PlanMode::MovingOn,
        };
        if let (PlanMode::Reconcile, Some(hold)) = (plan, hold) {
            return Err(TrackerError::ContactHeld(hold));
        }
        self.set_status(content, checkpoint, StepStatus::Done, today)?;
        self.plan = plan;
        Ok(())
    }

    // ----- journal -----

    pub fn notes(&self) -> &[JournalNote] {
        &self.notes
    }

    pub fn notes_for(&self, step: StepId) -> Vec<&JournalNote> {
        self.notes.iter().filter(|note| note.step == step).collect()
    }

    pub fn add_note(
        &mut self,
        content: &Content,
        step: StepId,
        today: Day,
        text: impl Into<String>,
    ) -> Result<NoteId, TrackerError> {
        known_step(content, step)?;
        let text = text.into();
        if text.trim().is_empty() {
            return Err(TrackerError::EmptyNote);
        }
        let id = NoteId(self.next_note_id);
        self.next_note_id = self.next_note_id.saturating_add(1);
        self.notes.push(JournalNote {
            id,
            step,
            written_on: today,
            edited_on: None,
            text,
        });
        Ok(id)
    }

    pub fn edit_note(
        &mut self,
        id: NoteId,
        today: Day,
        text: impl Into<String>,
    ) -> Result<(), TrackerError> {
        let text = text.into();
        if text.trim().is_empty() {
            return Err(TrackerError::EmptyNote);
        }
        let note = self
            .notes
            .iter_mut()
            .find(|note| note.id == id)
            .ok_or(TrackerError::UnknownNote(id))?;
        note.text = text;
        note.edited_on = Some(today);
        Ok(())
    }

    pub fn delete_note(&mut self, id: NoteId) -> Result<(), TrackerError> {
        let at = self
            .notes
            .iter()
            .position(|note| note.id == id)
            .ok_or(TrackerError::UnknownNote(id))?;
        self.notes.remove(at);
        Ok(())
    }

    // ----- no contact -----

    pub fn no_contact(&self) -> &NoContact {
        &self.no_contact
    }

    /// Starts the counter and marks the no-contact step in progress if untouched.
    pub fn start_no_contact(&mut self, content: &Content, today: Day) -> Result<(), TrackerError> {
        self.no_contact.start(today)?;
        if let Some(step) = content.no_contact_step() {
            if self.status(step.id) == StepStatus::NotStarted {
                self.record_mut(step.id).status = StepStatus::InProgress;
            }
        }
        Ok(())
    }

    pub fn move_no_contact_start(&mut self, day: Day, today: Day) -> Result<(), TrackerError> {
        Ok(self.no_contact.move_start(day, today)?)
    }

    pub fn log_slip(&mut self, day: Day, note: impl Into<String>) -> Result<(), TrackerError> {
        Ok(self.no_contact.log_slip(day, note)?)
    }

    // ----- message templates -----

    /// The reader's wording if they edited it, otherwise the default from content.
    pub fn template_text<'a>(&'a self, content: &'a Content, id: &TemplateId) -> Option<&'a str> {
        let default = content.template(id)?;
        Some(
            self.edited_templates
                .get(id)
                .map_or(default.default_text.as_str(), String::as_str),
        )
    }

    pub fn is_template_edited(&self, id: &TemplateId) -> bool {
        self.edited_templates.contains_key(id)
    }

    /// Stores the reader's wording; text equal to the default counts as not edited.
    pub fn set_template_text(
        &mut self,
        content: &Content,
        id: &TemplateId,
        text: impl Into<String>,
    ) -> Result<(), TrackerError> {
        let default = content
            .template(id)
            .ok_or_else(|| TrackerError::UnknownTemplate(id.clone()))?;
        let text = text.into();
        if text == default.default_text {
            self.edited_templates.remove(id);
        } else {
            self.edited_templates.insert(id.clone(), text);
        }
        Ok(())
    }

    pub fn reset_template(&mut self, id: &TemplateId) {
        self.edited_templates.remove(id);
    }

    /// Moves the reader's wording for a template that content retired to the one that
    /// took its place, unless they have edited that one too.
    pub fn retire_template(&mut self, old: &str, new: &str) {
        if let Some(text) = self.edited_templates.remove(&TemplateId::new(old)) {
            let new = TemplateId::new(new);
            if !self.edited_templates.contains_key(&new) {
                self.edited_templates.insert(new, text);
            }
        }
    }

    // ----- repairs to imported files -----

    /// Gives every note a distinct id and the next note an id above them all. Ids that
    /// collide, or so high that no next id is left, are all numbered afresh in the order
    /// written: nothing refers to a note's id but the note itself. Says whether the notes
    /// were renumbered and whether (only) the next id was raised.
    pub fn repair_note_ids(&mut self) -> (bool, bool) {
        let count = u32::try_from(self.notes.len()).unwrap_or(u32::MAX);
        // Kept sorted by inserting in place (ids are usually in order already, so this
        // appends); a call to the standard sort would add 3 KB of wasm.
        let mut ids: Vec<u32> = Vec::with_capacity(self.notes.len());
        let mut collide = false;
        for note in &self.notes {
            match ids.binary_search(&note.id.0) {
                Ok(_) => collide = true,
                Err(at) => ids.insert(at, note.id.0),
            }
        }
        let highest = ids.last().copied();
        let renumber = collide || highest.is_some_and(|highest| highest >= u32::MAX - count);
        if renumber {
            for (id, note) in (0..).zip(self.notes.iter_mut()) {
                note.id = NoteId(id);
            }
        }
        let above_all = if renumber {
            count
        } else {
            highest.map_or(0, |highest| highest + 1)
        };
        let behind = self.next_note_id < above_all;
        if behind {
            self.next_note_id = above_all;
        }
        (renumber, behind && !renumber)
    }
}
