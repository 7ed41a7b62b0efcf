//! The pure domain: assessment, scoring and tracker. Knows nothing of the browser or
//! Yew, never reads a clock (callers pass a [`Day`]), and never panics on data.
//!
//! - [`content`]: the types of questions, steps, bands and labels; [`validate`] checks them.
//! - [`assessment`]: answers, visibility, navigation; [`scoring`]: the explained result.
//! - [`tracker`] and [`no_contact`]: progress through the 16 steps; [`direction`]: which
//!   way the plan points once the assessment has had its say (safety before all).
//! - [`state`]: the one saved document and its migrations.

pub mod assessment;
pub mod content;
pub mod day;
pub mod direction;
pub mod import;
pub mod indent;
pub mod json;
pub mod no_contact;
pub mod outline;
pub mod packed;
pub mod saved_name;
pub mod scoring;
pub mod share;
pub mod sorted_map;
pub mod state;
pub mod tracker;
pub mod validate;

#[cfg(test)]
mod tests;

pub use assessment::{
    answered_count, first_unanswered, is_complete, is_visible, next_question, part_progress,
    previous_question, visible_questions, Answer, AnswerError, Answers, PartProgress,
};
pub use content::{
    AnswerOption, Band, BandId, Condition, Content, ContentParseError, ContentSources,
    MessageTemplate, NowActionId, OptionId, Question, QuestionId, QuestionKind, QuestionRole,
    Section, SectionId, Signal, Step, StepId, StepKind, TemplateId, NO, NOT_SURE, YES,
};
pub use day::{Day, DayParseError};
pub use direction::Direction;
pub use import::{
    check_import, CheckedImport, ImportRefusal, Repair, MAX_NOTES, MAX_REVISION, MAX_TEXT_CHARS,
};
pub use no_contact::{
    NextMilestone, NoContact, NoContactError, Slip, StripDay, StripKind, MILESTONE_DAYS,
};
pub use scoring::{
    assess, band_for_score, score_scale, ContactHold, Contribution, FriendshipReadiness,
    FriendshipReading, Motivation, MotivationReading, NowAction, Outcome, ScoreScale,
};
pub use share::{
    base64url_decode, base64url_encode, build_fragment, content_fingerprint, decode_answers,
    encode_answers, is_share_fragment, parse_fragment, LinkSecret, ShareError, ShareLink,
    SharedAnswers,
};
pub use state::{migrate, AppState, MigrateError, Place, Settings, FORMAT_MARKER, SCHEMA_VERSION};
pub use tracker::{
    CheckpointChoice, GateWarning, JournalNote, NoteId, PlanMode, Progress, StepRecord, StepStatus,
    Tracker, TrackerError,
};
pub use validate::{check_translation, validate, ContentError, TranslationError};
