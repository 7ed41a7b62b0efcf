//! The shape of the product text and rules: questions, scoring weights, bands, readings,
//! the 16 steps and short UI labels. Loaded from `content/<lang>/*.json`.
//!
//! Everything a translator touches lives here as data; everything a translation must
//! not change (ids, kinds, weights, conditions) is checked by
//! [`crate::domain::validate::check_translation`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::tracker::{PlanMode, StepStatus};

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_string())
            }
        }
    };
}

text_id!(
    /// Stable id of a question; saved answers and share links refer to it.
    QuestionId
);
text_id!(
    /// Stable id of an option, unique within its question.
    OptionId
);
text_id!(
    /// Stable id of a section of the assessment.
    SectionId
);
text_id!(
    /// Stable id of an editable message template.
    TemplateId
);
text_id!(
    /// Stable id of one of the "things to do now".
    NowActionId
);

/// A step's number, 1 to 16. The article numbers its steps, and the numbers are what
/// readers talk about ("I'm on step 2"), so the number is the id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StepId(pub u8);

impl fmt::Display for StepId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// All product content for one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    /// Assessment sections, in display order.
    pub sections: Vec<Section>,
    /// Every question, in the order they are asked. Conditions may only look back.
    pub questions: Vec<Question>,
    /// The five result bands: four outlooks and the safety band.
    pub bands: Vec<Band>,
    /// Shown with the result when answers suggest fear or control.
    pub safety_note: SafetyNote,
    /// Texts for the motivation and friendship readings.
    pub readings: Readings,
    /// The three things to do now.
    pub actions_now: Vec<NowActionContent>,
    /// The 16 steps, in order.
    pub steps: Vec<Step>,
    /// Short labels the UI shows next to domain values.
    pub ui: UiText,
}

/// A titled group of questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Hides every question in the section unless it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// One question of the assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub section: SectionId,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub kind: QuestionKind,
    pub options: Vec<AnswerOption>,
    /// Shown only when this holds (and the section's condition holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// What the question feeds besides the score (friendship reading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<QuestionRole>,
}

impl Question {
    pub fn option(&self, id: &OptionId) -> Option<&AnswerOption> {
        self.options.iter().find(|option| &option.id == id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one option.
    SingleChoice,
    /// One or more options; an `exclusive` option ("none of these") stands alone.
    MultipleChoice,
    /// Exactly one of the options `yes`, `no`, `not_sure` (labels are content).
    YesNoUnsure,
}

/// The fixed option ids of a yes / no / not sure question.
pub const YES: &str = "yes";
pub const NO: &str = "no";
pub const NOT_SURE: &str = "not_sure";

/// One choice and what it does to the result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub id: OptionId,
    pub label: String,
    /// Points added to the reconciliation score when chosen (negative counts against).
    pub weight: i32,
    /// One line telling the reader why this answer moves the outlook the way it does.
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<Signal>,
    /// In a multiple-choice question, this option cannot be combined with others.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// Effects of an answer beyond its weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Violence or abuse: replaces the whole result with the safety band.
    Safety,
    /// The ex has clearly asked for distance: the outlook becomes "better to move on".
    EndsReconciliation,
    /// Suggests fear or control without a clear "yes" (feeling unsure whether they were
    /// afraid, rage, toxic behaviour): a calm safety note, the outlook capped at
    /// "uphill", and no step or message that means contacting the ex.
    Caution,
    /// Points to missing this person as a partner.
    Love,
    /// Points to missing company or the feeling of being in love.
    Loneliness,
}

/// What a yes / no / not sure question feeds besides the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionRole {
    /// "Yes" means one of the six signs that friendship would be hard right now.
    FriendshipSign,
    /// "Yes" means the litmus test is not passed yet.
    FriendshipLitmus,
}

/// When a question or section is shown. Conditions may only refer to earlier questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The question is visible and answered with this option among the selection.
    Selected {
        question: QuestionId,
        option: OptionId,
    },
    Not(Box<Condition>),
    All(Vec<Condition>),
    Any(Vec<Condition>),
}

impl Condition {
    /// Every (question, option) the condition looks at.
    pub fn references(&self) -> Vec<(&QuestionId, &OptionId)> {
        let mut found = Vec::new();
        self.collect_references(&mut found);
        found
    }

    fn collect_references<'a>(&'a self, found: &mut Vec<(&'a QuestionId, &'a OptionId)>) {
        match self {
            Condition::Selected { question, option } => found.push((question, option)),
            Condition::Not(inner) => inner.collect_references(found),
            Condition::All(all) | Condition::Any(all) => {
                for condition in all {
                    condition.collect_references(found);
                }
            }
        }
    }

    /// Evaluates against `is_selected(question, option)`.
    pub fn holds(&self, is_selected: &impl Fn(&QuestionId, &OptionId) -> bool) -> bool {
        match self {
            Condition::Selected { question, option } => is_selected(question, option),
            Condition::Not(inner) => !inner.holds(is_selected),
            Condition::All(all) => all.iter().all(|c| c.holds(is_selected)),
            Condition::Any(any) => any.iter().any(|c| c.holds(is_selected)),
        }
    }
}

/// Stable id of a result band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandId {
    GoodChance,
    WorthTrying,
    Uphill,
    MoveOn,
    /// Not an outlook: violence or abuse was reported, and only safety matters.
    Safety,
}

impl BandId {
    pub const ALL: [BandId; 5] = [
        BandId::GoodChance,
        BandId::WorthTrying,
        BandId::Uphill,
        BandId::MoveOn,
        BandId::Safety,
    ];

    /// The score bands, best first.
    pub const OUTLOOKS: [BandId; 4] = [
        BandId::GoodChance,
        BandId::WorthTrying,
        BandId::Uphill,
        BandId::MoveOn,
    ];

    /// Higher is a better outlook; `None` for the safety band, which is not an outlook.
    pub fn outlook_rank(self) -> Option<u8> {
        match self {
            BandId::GoodChance => Some(3),
            BandId::WorthTrying => Some(2),
            BandId::Uphill => Some(1),
            BandId::MoveOn => Some(0),
            BandId::Safety => None,
        }
    }
}

impl fmt::Display for BandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = match self {
            BandId::GoodChance => "good_chance",
            BandId::WorthTrying => "worth_trying",
            BandId::Uphill => "uphill",
            BandId::MoveOn => "move_on",
            BandId::Safety => "safety",
        };
        f.write_str(id)
    }
}

/// A result band's text and, for the score bands above "move on", its lowest score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub id: BandId,
    pub title: String,
    pub summary: String,
    /// Extra paragraphs (the safety band's advice lives here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<String>,
    /// Scores at or above this (and below the next band up) fall in this band.
    /// Set for good_chance, worth_trying and uphill only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingText {
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MotivationTexts {
    pub love: ReadingText,
    pub loneliness: ReadingText,
    pub unclear: ReadingText,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FriendshipTexts {
    pub ready: ReadingText,
    pub not_yet: ReadingText,
    pub unsure: ReadingText,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readings {
    pub motivation: MotivationTexts,
    pub friendship: FriendshipTexts,
}

/// Title, text and serving steps of one "thing to do now".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NowActionText {
    pub title: String,
    pub text: String,
    pub step_ids: Vec<StepId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NowActionContent {
    pub id: NowActionId,
    pub title: String,
    pub text: String,
    pub step_ids: Vec<StepId>,
    /// Used instead when the outlook is "better to move on".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_moving_on: Option<NowActionText>,
}

/// One of the 16 steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub title: String,
    /// Why the step matters, in a sentence or two.
    pub why: String,
    /// Concrete things to do, each ticked separately.
    pub actions: Vec<String>,
    #[serde(default)]
    pub kind: StepKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<MessageTemplate>,
    /// Still suggested after the reader switches the plan to moving on.
    #[serde(default)]
    pub also_for_moving_on: bool,
    /// Means being in touch with the ex (talking, spending time together). Hidden, with
    /// its templates, whenever the plan is moving on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub involves_contact: bool,
    /// Indexes of actions not shown when the answers raised a safety concern (gratitude
    /// towards someone who frightened you is not something to ask for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_on_safety_concern: Vec<usize>,
}

/// What makes a step special in the tracker.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StepKind {
    #[default]
    Standard,
    /// Runs the no-contact day counter.
    NoContact,
    /// Points to people who can advise on the reader's own situation.
    PersonalAdvice,
    /// A decision point that can switch the plan to moving on.
    Checkpoint {
        question: String,
        keep_going: String,
        move_on: String,
    },
    /// Best taken only after the listed steps; the tracker warns otherwise.
    Gated {
        requires: Vec<StepId>,
        warning: String,
    },
}

impl StepKind {
    /// Just the variant name, for comparing structure across languages.
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Standard => "standard",
            StepKind::NoContact => "no_contact",
            StepKind::PersonalAdvice => "personal_advice",
            StepKind::Checkpoint { .. } => "checkpoint",
            StepKind::Gated { .. } => "gated",
        }
    }
}

/// A message the reader may adapt and copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageTemplate {
    pub id: TemplateId,
    pub label: String,
    pub default_text: String,
    /// Shown beside the template: when (and whether) to send it.
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusLabels {
    pub not_started: String,
    pub in_progress: String,
    pub done: String,
    pub skipped: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneLabel {
    pub days: u32,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanModeLabels {
    pub reconcile: String,
    pub moving_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindHints {
    pub single_choice: String,
    pub multiple_choice: String,
    pub yes_no_unsure: String,
}

/// Defines a group of interface texts. The texts live in one array of `&'static str`
/// (read through one method per key), so English is a static table in the wasm, copied
/// rather than built, and a group costs no code to drop or clone. In JSON a group is an
/// object keyed by the method names; a missing or unknown key fails to load.
macro_rules! text_group {
    ($($(#[$meta:meta])* $name:ident { $($field:ident),* $(,)? })*) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name {
            texts: [&'static str; [$(stringify!($field)),*].len()],
        }

        impl $name {
            pub const NAME: &'static str = stringify!($name);

            /// The keys, in declaration order (the order of the texts).
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The group from its texts in declaration order (the generated English).
            pub const fn from_static(texts: [&'static str; [$(stringify!($field)),*].len()]) -> Self {
                $name { texts }
            }

            $(
                #[inline]
                #[allow(clippy::wrong_self_convention)]
                pub fn $field(&self) -> &'static str {
                    const AT: usize = key_index($name::KEYS, stringify!($field));
                    self.texts[AT]
                }
            )*

            /// Every text with its key, in declaration order.
            pub fn texts(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
                Self::KEYS.iter().copied().zip(self.texts.iter().copied())
            }

            /// Every text, in the same order as [`Self::texts`].
            pub fn texts_mut(&mut self) -> impl Iterator<Item = (&'static str, &mut &'static str)> + '_ {
                Self::KEYS.iter().copied().zip(self.texts.iter_mut())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(Self::KEYS.len()))?;
                for (key, text) in self.texts() {
                    map.serialize_entry(key, text)?;
                }
                map.end()
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error;
                let mut map = std::collections::BTreeMap::<String, String>::deserialize(deserializer)?;
                let mut texts = [""; [$(stringify!($field)),*].len()];
                for (slot, key) in texts.iter_mut().zip(Self::KEYS) {
                    match map.remove(*key) {
                        Some(text) => *slot = leak(text),
                        None => return Err(D::Error::custom(format!("missing field `{key}` in {}", Self::NAME))),
                    }
                }
                if let Some(extra) = map.keys().next() {
                    return Err(D::Error::custom(format!("unknown field `{extra}` in {}", Self::NAME)));
                }
                Ok($name { texts })
            }
        }
    )*};
}

/// The position of `key` in `keys`, at compile time (a text group's method reads its
/// text by this index).
const fn key_index(keys: &[&str], key: &str) -> usize {
    let mut i = 0;
    while i < keys.len() {
        let (a, b) = (keys[i].as_bytes(), key.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a key of this group")
}

/// Interface texts live as long as the page: a language loaded at run time (or parsed
/// in a test) keeps its texts for good, which is what lets English be a static table.
pub fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// One text of the content, wherever it lives: content texts are owned, interface
/// texts are shared for the page's lifetime.
pub enum TextSlot<'a> {
    Owned(&'a mut String),
    Shared(&'a mut &'static str),
}

impl TextSlot<'_> {
    pub fn get(&self) -> &str {
        match self {
            TextSlot::Owned(text) => text,
            TextSlot::Shared(text) => text,
        }
    }

    pub fn set(&mut self, text: &'static str) {
        match self {
            TextSlot::Owned(slot) => **slot = text.to_owned(),
            TextSlot::Shared(slot) => **slot = text,
        }
    }

    /// The text, leaving the place empty.
    pub fn take(&mut self) -> String {
        match self {
            TextSlot::Owned(slot) => std::mem::take(*slot),
            TextSlot::Shared(slot) => std::mem::take(*slot).to_string(),
        }
    }
}

text_group! {
    /// The frame around every view: navigation, the quick exit, the language switch,
    /// and texts several views share.
    ShellText {
        nav_label, nav_assessment, nav_plan, nav_data, quick_exit, quick_exit_hint,
        language_label, saved_on, review_answers, back_to_plan, where_next, step_n,
        open_step, step_title, cancel, passphrase, unexpected,
    }
    /// The first screen.
    WelcomeText { title, lead, privacy_lead, privacy, start, resume }
    /// One question per screen.
    QuestionText {
        part, part_value, keep_one_ticked, back, next, review, gone_title, gone_text,
        carry_on, choose_answer,
    }
    /// The list of answers before the result.
    ReviewText {
        title, intro, complete, see_result, left_one, left_other, answer_rest, change,
        change_label, not_answered,
    }
    /// The result, its readings and the safety views.
    ResultText {
        announce, eyebrow, help_title, help_link, new_tab, helpline, help_default,
        delete_saved, unfinished_title, unfinished_before, left_one, left_other,
        unfinished_after, finish, note_answers, concern, offer_title, offer_text,
        offer_move_on, offer_keep, scale, rank_1, rank_2, rank_3, rank_4, glance_title,
        helped, helped_none, weighed, weighed_none, all_answers_one, all_answers_other,
        moved_title, moved_text, hope, hope_none, harder, harder_none, now_title, steps_for,
        start_plan, print, decisive, decisive_spoken, lowers_one, lowers_other, raises_one,
        raises_other, weight_spoken, motivation_eyebrow, friendship_eyebrow, signs_none,
        signs_one, signs_other,
    }
    /// Making a private link.
    ShareText {
        title, intro, protect, passphrase_hint, make, working, copied, ready,
        with_passphrase, without_passphrase, link_label, empty_passphrase, short_passphrase,
        no_crypto,
    }
    /// Opening a link someone shared.
    SharedText {
        title, needs_passphrase, open, opening, unchanged, made_on, replace_question,
        yes_use, keep_mine, save_as_mine, take, altered, wrong_passphrase, no_crypto,
        other_version, cut_short, changed, other_questions, bad_characters, not_a_link,
    }
    /// The plan overview, and the notes about hidden contact steps.
    PlanText {
        title, heading_for, hidden_safety, hidden_distance, hidden_moving_on, step_name,
        name_next, name_optional, skipped_one, skipped_other, suggested, optional, done_of,
        done_value, next_title, all_done, tools_label, counter, templates, all_steps,
        your_steps, switch_to_moving_on, switch_back, switch_back_question, keep_moving_on,
        yes_switch_back, held_distance, held_safety,
    }
    /// One step, its journal and its check-in.
    StepText {
        missing_title, missing_text, not_in_plan, count, set_aside, things, open_template,
        journal_title, journal_private, no_notes, add_label, add, empty_note, nav_label,
        previous, next, status_legend, done_on, stretch_one, stretch_other, counter_intro,
        open_counter, still_open, checkpoint_text, plan_now, written, written_edited,
        edit_label, edit_empty, save, delete_question, yes_delete, no_keep, edit, delete,
        note_from,
    }
    /// The no-contact counter.
    CounterText {
        title, intro, slips_intro, start, began_earlier, days_one, days_other, no_days,
        current_after, last_weeks, today_outlined, started_on, current, longest, since, free,
        milestones, milestone_fallback, reached, not_yet, next, past_all, slip_title,
        slip_text, slip_label, log, slips_title, no_note, start_title, start_label,
        change_start, bad_date, future, before_slip,
    }
    /// The message templates.
    TemplatesText {
        none_title, title, lead, kept_here, from_step, wording, copy, reset, copied, refused,
    }
    /// "Your data": export, import, the single file, deleting.
    DataText {
        title, intro, stored, answers_one, answers_other, notes_one, notes_other,
        other_stored, saved_before, saved_after, not_saving, persisted_yes, persisted_no,
        copy_title, copy_text, export, import_label, import_question, import_summary,
        repairs, repair_renumbered, repair_next_id, repair_revision, replace, keep,
        unchanged, imported, offline_title, offline_text, offline_link, delete_title,
        delete_question, delete_yes, delete_text, delete_button, export_failed,
        download_failed, nothing_lost, too_large, unreadable, not_export, foreign, newer, damaged,
        long_text, many_notes,
    }
    /// The standalone page around the widget: its title and footer.
    PageText { title, footer_private, footer_embed, footer_offline, update_ready, update_reload }
    /// The banner about saving.
    StorageText {
        damaged_fresh, damaged_found, damaged_kept, damaged_same, download_old, dismiss,
        refused, newer, no_backup, not_kept, export,
    }
}

/// Short UI labels tied to domain values, and every text of the interface.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiText {
    pub statuses: StatusLabels,
    /// One label per no-contact milestone (7, 30, 60, 90 days).
    pub milestones: Vec<MilestoneLabel>,
    pub plan_modes: PlanModeLabels,
    pub kind_hints: KindHints,
    pub shell: ShellText,
    pub welcome: WelcomeText,
    pub question: QuestionText,
    pub review: ReviewText,
    pub result: ResultText,
    pub share: ShareText,
    pub shared: SharedText,
    pub plan: PlanText,
    pub step: StepText,
    pub counter: CounterText,
    pub templates: TemplatesText,
    pub data: DataText,
    pub storage: StorageText,
    pub page: PageText,
}

/// The calm note shown on a result whose answers suggest fear or control without a clear
/// "yes" (the [`Signal::Caution`] answers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyNote {
    pub title: String,
    pub text: String,
}

/// The JSON files of one language, as text.
#[derive(Clone, Copy, Debug)]
pub struct ContentSources<'a> {
    /// `assessment.json`: sections, questions, bands, readings, actions_now.
    pub assessment: &'a str,
    /// `steps.json`: the 16 steps.
    pub steps: &'a str,
    /// `ui.json`: labels.
    pub ui: &'a str,
}

/// A content file that is not valid JSON of the expected shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentParseError {
    pub file: &'static str,
    pub message: String,
}

impl fmt::Display for ContentParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "content file {} could not be read: {}",
            self.file, self.message
        )
    }
}

impl std::error::Error for ContentParseError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentFile {
    sections: Vec<Section>,
    questions: Vec<Question>,
    bands: Vec<Band>,
    safety_note: SafetyNote,
    readings: Readings,
    actions_now: Vec<NowActionContent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepsFile {
    steps: Vec<Step>,
}

fn parse_file<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, ContentParseError> {
    serde_json::from_str(text).map_err(|error| ContentParseError {
        file,
        message: error.to_string(),
    })
}

impl Content {
    /// Parses one language's files. Does not validate; see [`crate::domain::validate`].
    pub fn parse(sources: ContentSources<'_>) -> Result<Content, ContentParseError> {
        let assessment: AssessmentFile = parse_file("assessment.json", sources.assessment)?;
        let steps: StepsFile = parse_file("steps.json", sources.steps)?;
        let ui: UiText = parse_file("ui.json", sources.ui)?;
        Ok(Content {
            sections: assessment.sections,
            questions: assessment.questions,
            bands: assessment.bands,
            safety_note: assessment.safety_note,
            readings: assessment.readings,
            actions_now: assessment.actions_now,
            steps: steps.steps,
            ui,
        })
    }

    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|question| &question.id == id)
    }

    /// Position of a question in asking order.
    pub fn question_index(&self, id: &QuestionId) -> Option<usize> {
        self.questions
            .iter()
            .position(|question| &question.id == id)
    }

    pub fn section(&self, id: &SectionId) -> Option<&Section> {
        self.sections.iter().find(|section| &section.id == id)
    }

    pub fn band(&self, id: BandId) -> Option<&Band> {
        self.bands.iter().find(|band| band.id == id)
    }

    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.steps.iter().find(|step| step.id == id)
    }

    /// The template with this id, wherever it sits among the steps.
    pub fn template(&self, id: &TemplateId) -> Option<&MessageTemplate> {
        self.steps
            .iter()
            .filter_map(|step| step.template.as_ref())
            .find(|t| &t.id == id)
    }

    /// Every template, in step order.
    pub fn templates(&self) -> impl Iterator<Item = &MessageTemplate> {
        self.steps.iter().filter_map(|step| step.template.as_ref())
    }

    /// The step that runs the no-contact counter.
    pub fn no_contact_step(&self) -> Option<&Step> {
        self.steps
            .iter()
            .find(|step| step.kind == StepKind::NoContact)
    }

    /// The step that can switch the plan to moving on.
    pub fn checkpoint_step(&self) -> Option<&Step> {
        self.steps
            .iter()
            .find(|step| matches!(step.kind, StepKind::Checkpoint { .. }))
    }

    pub fn milestone_label(&self, days: u32) -> Option<&str> {
        self.ui
            .milestones
            .iter()
            .find(|m| m.days == days)
            .map(|m| m.label.as_str())
    }

    pub fn status_label(&self, status: StepStatus) -> &str {
        let labels = &self.ui.statuses;
        match status {
            StepStatus::NotStarted => &labels.not_started,
            StepStatus::InProgress => &labels.in_progress,
            StepStatus::Done => &labels.done,
            StepStatus::Skipped => &labels.skipped,
        }
    }

    pub fn plan_mode_label(&self, mode: PlanMode) -> &str {
        match mode {
            PlanMode::Reconcile => &self.ui.plan_modes.reconcile,
            PlanMode::MovingOn => &self.ui.plan_modes.moving_on,
        }
    }

    pub fn kind_hint(&self, kind: QuestionKind) -> &str {
        match kind {
            QuestionKind::SingleChoice => &self.ui.kind_hints.single_choice,
            QuestionKind::MultipleChoice => &self.ui.kind_hints.multiple_choice,
            QuestionKind::YesNoUnsure => &self.ui.kind_hints.yes_no_unsure,
        }
    }
}

/// Where a text sits in the content: a part ("question", "ui shell"...), the item's
/// index in its list, the field, and an index within the field (an advice paragraph,
/// an option, a step action). Cheap to make; [`Content::texts`] turns it into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextPlace {
    pub part: &'static str,
    pub item: usize,
    pub field: &'static str,
    pub sub: usize,
}

const fn place(part: &'static str, item: usize, field: &'static str, sub: usize) -> TextPlace {
    TextPlace {
        part,
        item,
        field,
        sub,
    }
}

impl Content {
    /// Every reader-facing text with its place ("question q3 prompt"), in a fixed order
    /// derived from the content's structure: the order of the string tables that
    /// languages other than English ship as (`rekindle-<lang>.json`), and what the
    /// translation checks compare, text by text.
    pub fn texts(&self) -> Vec<(String, String)> {
        let mut copy = self.clone();
        let mut found = Vec::new();
        copy.each_text(|place, text| found.push((place, text.get().to_string())));
        found
            .into_iter()
            .map(|(place, text)| (self.describe(place), text))
            .collect()
    }

    fn describe(&self, at: TextPlace) -> String {
        let TextPlace {
            part,
            item,
            field,
            sub,
        } = at;
        match part {
            "section" => format!("section {} {field}", self.sections[item].id),
            "question" => format!("question {} {field}", self.questions[item].id),
            "option" => {
                let question = &self.questions[item];
                format!(
                    "option {}/{} {field}",
                    question.id, question.options[sub].id
                )
            }
            "band" if field == "advice" => format!("band {} advice {sub}", self.bands[item].id),
            "band" => format!("band {} {field}", self.bands[item].id),
            "thing to do now" => format!("thing to do now {} {field}", self.actions_now[item].id),
            "step" if field == "action" => format!("step {} action {sub}", self.steps[item].id),
            "step" => format!("step {} {field}", self.steps[item].id),
            "milestone" => format!("ui milestone {}", self.ui.milestones[item].days),
            _ => format!("{part} {field}"),
        }
    }

    /// Replaces every text from `table`, the texts in [`Content::texts`] order
    /// separated by NUL characters: how a language loaded at run time is built on the
    /// compiled-in structure. Fails unless the table has exactly one text per place.
    /// Interface texts point into `table`, with no copy.
    pub fn set_texts(&mut self, table: &'static str) -> Result<(), String> {
        let (given, expected) = self.lay_texts(table);
        if given != expected {
            return Err(format!(
                "the text table has {given} texts where this build has {expected}"
            ));
        }
        Ok(())
    }

    /// [`Content::set_texts`] for the compiled-in English, whose table build.rs
    /// writes from the same structure, so it always fits (a test checks it).
    pub fn with_static_texts(mut self, table: &'static str) -> Content {
        self.lay_texts(table);
        self
    }

    /// Takes every text out, in [`Content::texts`] order, leaving each place empty: the
    /// structure and the texts of a language, apart (build.rs compiles them apart).
    pub fn take_texts(&mut self) -> Vec<String> {
        let mut taken = Vec::new();
        self.each_text(|_, mut slot| taken.push(slot.take()));
        taken
    }

    /// Lays the NUL-separated texts over, in order, and returns how many texts the
    /// table has and how many places there are. One walk serves every language, and
    /// one copy of it: never inlined, or English gets its own (2 KB of wasm).
    #[inline(never)]
    fn lay_texts(&mut self, table: &'static str) -> (usize, usize) {
        let mut texts = table.split('\0');
        let mut places = 0_usize;
        let mut laid = 0_usize;
        self.each_text(|_, mut slot| {
            places += 1;
            if let Some(text) = texts.next() {
                laid += 1;
                slot.set(text);
            }
        });
        (laid + texts.count(), places)
    }

    /// Calls `f` with every text and its place, in order.
    fn each_text(&mut self, mut f: impl FnMut(TextPlace, TextSlot<'_>)) {
        for (i, section) in self.sections.iter_mut().enumerate() {
            f(
                place("section", i, "title", 0),
                TextSlot::Owned(&mut section.title),
            );
            if let Some(intro) = &mut section.intro {
                f(place("section", i, "intro", 0), TextSlot::Owned(intro));
            }
        }
        for (i, question) in self.questions.iter_mut().enumerate() {
            f(
                place("question", i, "prompt", 0),
                TextSlot::Owned(&mut question.prompt),
            );
            if let Some(help) = &mut question.help {
                f(place("question", i, "help", 0), TextSlot::Owned(help));
            }
            for (o, option) in question.options.iter_mut().enumerate() {
                f(
                    place("option", i, "label", o),
                    TextSlot::Owned(&mut option.label),
                );
                f(
                    place("option", i, "effect", o),
                    TextSlot::Owned(&mut option.effect),
                );
            }
        }
        for (i, band) in self.bands.iter_mut().enumerate() {
            f(
                place("band", i, "title", 0),
                TextSlot::Owned(&mut band.title),
            );
            f(
                place("band", i, "summary", 0),
                TextSlot::Owned(&mut band.summary),
            );
            for (n, advice) in band.advice.iter_mut().enumerate() {
                f(place("band", i, "advice", n), TextSlot::Owned(advice));
            }
        }
        f(
            place("safety note", 0, "title", 0),
            TextSlot::Owned(&mut self.safety_note.title),
        );
        f(
            place("safety note", 0, "text", 0),
            TextSlot::Owned(&mut self.safety_note.text),
        );
        let motivation = &mut self.readings.motivation;
        let friendship = &mut self.readings.friendship;
        for (name, reading) in [
            ("reading motivation love", &mut motivation.love),
            ("reading motivation loneliness", &mut motivation.loneliness),
            ("reading motivation unclear", &mut motivation.unclear),
            ("reading friendship ready", &mut friendship.ready),
            ("reading friendship not_yet", &mut friendship.not_yet),
            ("reading friendship unsure", &mut friendship.unsure),
        ] {
            f(
                place(name, 0, "title", 0),
                TextSlot::Owned(&mut reading.title),
            );
            f(
                place(name, 0, "text", 0),
                TextSlot::Owned(&mut reading.text),
            );
        }
        for (i, action) in self.actions_now.iter_mut().enumerate() {
            f(
                place("thing to do now", i, "title", 0),
                TextSlot::Owned(&mut action.title),
            );
            f(
                place("thing to do now", i, "text", 0),
                TextSlot::Owned(&mut action.text),
            );
            if let Some(alt) = &mut action.when_moving_on {
                f(
                    place("thing to do now", i, "moving-on title", 0),
                    TextSlot::Owned(&mut alt.title),
                );
                f(
                    place("thing to do now", i, "moving-on text", 0),
                    TextSlot::Owned(&mut alt.text),
                );
            }
        }
        for (i, step) in self.steps.iter_mut().enumerate() {
            f(
                place("step", i, "title", 0),
                TextSlot::Owned(&mut step.title),
            );
            f(place("step", i, "why", 0), TextSlot::Owned(&mut step.why));
            for (n, action) in step.actions.iter_mut().enumerate() {
                f(place("step", i, "action", n), TextSlot::Owned(action));
            }
            match &mut step.kind {
                StepKind::Checkpoint {
                    question,
                    keep_going,
                    move_on,
                } => {
                    f(
                        place("step", i, "checkpoint question", 0),
                        TextSlot::Owned(question),
                    );
                    f(
                        place("step", i, "checkpoint keep_going", 0),
                        TextSlot::Owned(keep_going),
                    );
                    f(
                        place("step", i, "checkpoint move_on", 0),
                        TextSlot::Owned(move_on),
                    );
                }
                StepKind::Gated { warning, .. } => {
                    f(
                        place("step", i, "gate warning", 0),
                        TextSlot::Owned(warning),
                    );
                }
                StepKind::Standard | StepKind::NoContact | StepKind::PersonalAdvice => {}
            }
            if let Some(template) = &mut step.template {
                f(
                    place("step", i, "template label", 0),
                    TextSlot::Owned(&mut template.label),
                );
                f(
                    place("step", i, "template text", 0),
                    TextSlot::Owned(&mut template.default_text),
                );
                f(
                    place("step", i, "template note", 0),
                    TextSlot::Owned(&mut template.note),
                );
            }
        }
        let ui = &mut self.ui;
        let statuses = &mut ui.statuses;
        f(
            place("ui statuses", 0, "not_started", 0),
            TextSlot::Owned(&mut statuses.not_started),
        );
        f(
            place("ui statuses", 0, "in_progress", 0),
            TextSlot::Owned(&mut statuses.in_progress),
        );
        f(
            place("ui statuses", 0, "done", 0),
            TextSlot::Owned(&mut statuses.done),
        );
        f(
            place("ui statuses", 0, "skipped", 0),
            TextSlot::Owned(&mut statuses.skipped),
        );
        for (i, milestone) in ui.milestones.iter_mut().enumerate() {
            f(
                place("milestone", i, "label", 0),
                TextSlot::Owned(&mut milestone.label),
            );
        }
        f(
            place("ui plan_modes", 0, "reconcile", 0),
            TextSlot::Owned(&mut ui.plan_modes.reconcile),
        );
        f(
            place("ui plan_modes", 0, "moving_on", 0),
            TextSlot::Owned(&mut ui.plan_modes.moving_on),
        );
        let hints = &mut ui.kind_hints;
        f(
            place("ui kind_hints", 0, "single_choice", 0),
            TextSlot::Owned(&mut hints.single_choice),
        );
        f(
            place("ui kind_hints", 0, "multiple_choice", 0),
            TextSlot::Owned(&mut hints.multiple_choice),
        );
        f(
            place("ui kind_hints", 0, "yes_no_unsure", 0),
            TextSlot::Owned(&mut hints.yes_no_unsure),
        );
        macro_rules! groups {
            ($($group:ident),*) => {$(
                for (key, text) in ui.$group.texts_mut() {
                    f(place(concat!("ui ", stringify!($group)), 0, key, 0), TextSlot::Shared(text));
                }
            )*};
        }
        groups!(
            shell, welcome, question, review, result, share, shared, plan, step, counter,
            templates, data, storage, page
        );
    }
}
