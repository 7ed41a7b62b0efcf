//! Checks that content is coherent before anyone relies on it, and that a translation
//! keeps exactly the structure of the English original.

use std::collections::HashSet;
use std::fmt;

use crate::domain::content::{
    BandId, Condition, Content, OptionId, Question, QuestionId, QuestionKind, SectionId, Signal,
    StepId, StepKind, TemplateId, NO, NOT_SURE, YES,
};
use crate::domain::no_contact::MILESTONE_DAYS;

/// The number of steps the tracker is built around.
pub const STEP_COUNT: usize = 16;

/// A problem in content, named precisely enough to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentError {
    DuplicateSection(SectionId),
    DuplicateQuestion(QuestionId),
    DuplicateOption {
        question: QuestionId,
        option: OptionId,
    },
    UnknownSection {
        question: QuestionId,
        section: SectionId,
    },
    NoOptions(QuestionId),
    /// A yes / no / not sure question must offer exactly `yes`, `no` and `not_sure`.
    YesNoUnsureOptions(QuestionId),
    /// Only multiple-choice questions can have an exclusive option.
    ExclusiveOutsideMultipleChoice {
        question: QuestionId,
        option: OptionId,
    },
    /// Friendship roles read "yes" answers, so the question must be yes / no / not sure.
    RoleNeedsYesNoUnsure(QuestionId),
    ConditionUnknownQuestion {
        at: String,
        question: QuestionId,
    },
    ConditionUnknownOption {
        at: String,
        question: QuestionId,
        option: OptionId,
    },
    /// Conditions may only look at questions asked earlier.
    ConditionNotEarlier {
        at: String,
        question: QuestionId,
    },
    MissingBand(BandId),
    DuplicateBand(BandId),
    /// good_chance, worth_trying and uphill need a `min_score`; move_on and safety must not have one.
    BandThreshold {
        band: BandId,
        problem: &'static str,
    },
    /// Thresholds must fall: good_chance > worth_trying > uphill.
    BandsOutOfOrder,
    /// No combination of answers can produce this band.
    UnreachableBand {
        band: BandId,
        lowest_score: i32,
        highest_score: i32,
    },
    WrongStepCount {
        found: usize,
    },
    StepOutOfOrder {
        position: usize,
        found: StepId,
    },
    StepWithoutActions(StepId),
    UnknownStepReference {
        at: String,
        step: StepId,
    },
    DuplicateTemplate(TemplateId),
    /// Exactly one step of this kind is needed.
    StepKindCount {
        kind: &'static str,
        found: usize,
    },
    WrongNowActionCount {
        found: usize,
    },
    MissingMilestoneLabel(u32),
    EmptyText {
        at: String,
    },
    /// A step that means contacting the ex cannot also be suggested for moving on.
    ContactStepForMovingOn(StepId),
    /// A gated step (talking with them) must be marked as involving contact.
    GatedStepWithoutContact(StepId),
    /// `hidden_on_safety_concern` names an action the step does not have.
    UnknownActionIndex {
        step: StepId,
        index: usize,
    },
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ContentError::*;
        match self {
            DuplicateSection(id) => write!(f, "duplicate section id \"{id}\""),
            DuplicateQuestion(id) => write!(f, "duplicate question id \"{id}\""),
            DuplicateOption { question, option } => {
                write!(f, "question \"{question}\" has duplicate option id \"{option}\"")
            }
            UnknownSection { question, section } => {
                write!(f, "question \"{question}\" refers to missing section \"{section}\"")
            }
            NoOptions(id) => write!(f, "question \"{id}\" has no options"),
            YesNoUnsureOptions(id) => write!(
                f,
                "yes/no/not sure question \"{id}\" must have exactly the options yes, no, not_sure"
            ),
            ExclusiveOutsideMultipleChoice { question, option } => write!(
                f,
                "option \"{option}\" of \"{question}\" is exclusive, but the question is not multiple choice"
            ),
            RoleNeedsYesNoUnsure(id) => {
                write!(f, "question \"{id}\" has a friendship role but is not yes/no/not sure")
            }
            ConditionUnknownQuestion { at, question } => {
                write!(f, "condition on {at} refers to missing question \"{question}\"")
            }
            ConditionUnknownOption { at, question, option } => write!(
                f,
                "condition on {at} refers to missing option \"{option}\" of question \"{question}\""
            ),
            ConditionNotEarlier { at, question } => write!(
                f,
                "condition on {at} refers to question \"{question}\", which is not asked earlier"
            ),
            MissingBand(id) => write!(f, "band \"{id}\" is missing"),
            DuplicateBand(id) => write!(f, "band \"{id}\" appears more than once"),
            BandThreshold { band, problem } => write!(f, "band \"{band}\": {problem}"),
            BandsOutOfOrder => write!(
                f,
                "band thresholds must fall: good_chance > worth_trying > uphill"
            ),
            UnreachableBand { band, lowest_score, highest_score } => write!(
                f,
                "band \"{band}\" can never be reached (scores range from {lowest_score} to {highest_score})"
            ),
            WrongStepCount { found } => {
                write!(f, "there must be exactly {STEP_COUNT} steps, found {found}")
            }
            StepOutOfOrder { position, found } => {
                write!(f, "step at position {position} has id {found}, expected {position}")
            }
            StepWithoutActions(id) => write!(f, "step {id} has no actions to tick"),
            UnknownStepReference { at, step } => write!(f, "{at} refers to missing step {step}"),
            DuplicateTemplate(id) => write!(f, "duplicate message template id \"{id}\""),
            StepKindCount { kind, found } => {
                write!(f, "exactly one {kind} step is needed, found {found}")
            }
            WrongNowActionCount { found } => {
                write!(f, "there must be exactly 3 things to do now, found {found}")
            }
            MissingMilestoneLabel(days) => write!(f, "no label for the {days}-day milestone"),
            EmptyText { at } => write!(f, "empty text at {at}"),
            ContactStepForMovingOn(id) => write!(
                f,
                "step {id} involves contact with the ex, so it cannot also be for moving on"
            ),
            GatedStepWithoutContact(id) => write!(
                f,
                "step {id} is the talk with them (gated), so it must be marked involves_contact"
            ),
            UnknownActionIndex { step, index } => write!(
                f,
                "step {step} hides action {index} on a safety concern, but has no such action"
            ),
        }
    }
}

impl std::error::Error for ContentError {}

/// Checks content for every problem at once, so one run names them all.
pub fn validate(content: &Content) -> Result<(), Vec<ContentError>> {
    let mut errors = Vec::new();
    check_sections_and_questions(content, &mut errors);
    check_conditions(content, &mut errors);
    check_bands(content, &mut errors);
    check_steps(content, &mut errors);
    check_labels(content, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn require_text(text: &str, at: impl FnOnce() -> String, errors: &mut Vec<ContentError>) {
    if text.trim().is_empty() {
        errors.push(ContentError::EmptyText { at: at() });
    }
}

fn check_sections_and_questions(content: &Content, errors: &mut Vec<ContentError>) {
    let mut section_ids = HashSet::new();
    for section in &content.sections {
        if !section_ids.insert(&section.id) {
            errors.push(ContentError::DuplicateSection(section.id.clone()));
        }
        require_text(
            &section.title,
            || format!("section \"{}\" title", section.id),
            errors,
        );
    }
    let mut question_ids = HashSet::new();
    for question in &content.questions {
        if !question_ids.insert(&question.id) {
            errors.push(ContentError::DuplicateQuestion(question.id.clone()));
        }
        if !section_ids.contains(&question.section) {
            errors.push(ContentError::UnknownSection {
                question: question.id.clone(),
                section: question.section.clone(),
            });
        }
        require_text(
            &question.prompt,
            || format!("question \"{}\" prompt", question.id),
            errors,
        );
        if question.options.is_empty() {
            errors.push(ContentError::NoOptions(question.id.clone()));
        }
        let mut option_ids = HashSet::new();
        for option in &question.options {
            if !option_ids.insert(&option.id) {
                errors.push(ContentError::DuplicateOption {
                    question: question.id.clone(),
                    option: option.id.clone(),
                });
            }
            if option.exclusive && question.kind != QuestionKind::MultipleChoice {
                errors.push(ContentError::ExclusiveOutsideMultipleChoice {
                    question: question.id.clone(),
                    option: option.id.clone(),
                });
            }
            let at = || format!("question \"{}\" option \"{}\"", question.id, option.id);
            require_text(&option.label, || format!("{} label", at()), errors);
            require_text(&option.effect, || format!("{} effect", at()), errors);
        }
        if question.kind == QuestionKind::YesNoUnsure {
            let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
            if ids.len() != 3 || ![YES, NO, NOT_SURE].iter().all(|id| ids.contains(id)) {
                errors.push(ContentError::YesNoUnsureOptions(question.id.clone()));
            }
        }
        if question.role.is_some() && question.kind != QuestionKind::YesNoUnsure {
            errors.push(ContentError::RoleNeedsYesNoUnsure(question.id.clone()));
        }
    }
}

fn check_condition(
    content: &Content,
    condition: &Condition,
    at: &str,
    asked_before: usize,
    errors: &mut Vec<ContentError>,
) {
    for (question_id, option_id) in condition.references() {
        match content.question_index(question_id) {
            None => errors.push(ContentError::ConditionUnknownQuestion {
                at: at.to_string(),
                question: question_id.clone(),
            }),
            Some(index) => {
                if index >= asked_before {
                    errors.push(ContentError::ConditionNotEarlier {
                        at: at.to_string(),
                        question: question_id.clone(),
                    });
                }
                let has_option = content
                    .questions
                    .get(index)
                    .is_some_and(|question| question.option(option_id).is_some());
                if !has_option {
                    errors.push(ContentError::ConditionUnknownOption {
                        at: at.to_string(),
                        question: question_id.clone(),
                        option: option_id.clone(),
                    });
                }
            }
        }
    }
}

fn check_conditions(content: &Content, errors: &mut Vec<ContentError>) {
    for (index, question) in content.questions.iter().enumerate() {
        if let Some(condition) = &question.show_if {
            let at = format!("question \"{}\"", question.id);
            check_condition(content, condition, &at, index, errors);
        }
    }
    for section in &content.sections {
        if let Some(condition) = &section.show_if {
            let first_in_section = content
                .questions
                .iter()
                .position(|q| q.section == section.id)
                .unwrap_or(content.questions.len());
            let at = format!("section \"{}\"", section.id);
            check_condition(content, condition, &at, first_in_section, errors);
        }
    }
}

/// The lowest and highest score each question can add, ignoring how questions
/// interact. A hidden question adds nothing, so conditional questions include 0.
fn question_score_range(content: &Content, question: &Question) -> (i32, i32) {
    let weights = question.options.iter().map(|o| o.weight);
    let (mut low, mut high) = match question.kind {
        QuestionKind::SingleChoice | QuestionKind::YesNoUnsure => (
            weights.clone().min().unwrap_or(0),
            weights.max().unwrap_or(0),
        ),
        QuestionKind::MultipleChoice => {
            let combinable: Vec<i32> = question
                .options
                .iter()
                .filter(|o| !o.exclusive)
                .map(|o| o.weight)
                .collect();
            let alone = question
                .options
                .iter()
                .filter(|o| o.exclusive)
                .map(|o| o.weight);
            let negatives: i32 = combinable.iter().filter(|w| **w < 0).sum();
            let positives: i32 = combinable.iter().filter(|w| **w > 0).sum();
            let combined_low = if negatives < 0 {
                Some(negatives)
            } else {
                combinable.iter().copied().min()
            };
            let combined_high = if positives > 0 {
                Some(positives)
            } else {
                combinable.iter().copied().max()
            };
            (
                combined_low
                    .into_iter()
                    .chain(alone.clone())
                    .min()
                    .unwrap_or(0),
                combined_high.into_iter().chain(alone).max().unwrap_or(0),
            )
        }
    };
    let section_conditional = content
        .section(&question.section)
        .is_some_and(|section| section.show_if.is_some());
    if question.show_if.is_some() || section_conditional {
        low = low.min(0);
        high = high.max(0);
    }
    (low, high)
}

/// The widest score range answers could produce.
pub fn score_range(content: &Content) -> (i32, i32) {
    content
        .questions
        .iter()
        .fold((0, 0), |(low, high), question| {
            let (q_low, q_high) = question_score_range(content, question);
            (low.saturating_add(q_low), high.saturating_add(q_high))
        })
}

fn has_signal(content: &Content, signal: Signal) -> bool {
    content
        .questions
        .iter()
        .flat_map(|q| &q.options)
        .any(|o| o.signal == Some(signal))
}

fn check_bands(content: &Content, errors: &mut Vec<ContentError>) {
    for id in BandId::ALL {
        match content.bands.iter().filter(|band| band.id == id).count() {
            0 => errors.push(ContentError::MissingBand(id)),
            1 => {}
            _ => errors.push(ContentError::DuplicateBand(id)),
        }
    }
    for band in &content.bands {
        require_text(
            &band.title,
            || format!("band \"{}\" title", band.id),
            errors,
        );
        require_text(
            &band.summary,
            || format!("band \"{}\" summary", band.id),
            errors,
        );
        let needs_threshold = matches!(
            band.id,
            BandId::GoodChance | BandId::WorthTrying | BandId::Uphill
        );
        match (needs_threshold, band.min_score) {
            (true, None) => errors.push(ContentError::BandThreshold {
                band: band.id,
                problem: "needs a min_score",
            }),
            (false, Some(_)) => errors.push(ContentError::BandThreshold {
                band: band.id,
                problem: "must not have a min_score (it is reached by override or as the floor)",
            }),
            _ => {}
        }
    }
    let threshold = |id| content.band(id).and_then(|band| band.min_score);
    let (Some(good), Some(worth), Some(uphill)) = (
        threshold(BandId::GoodChance),
        threshold(BandId::WorthTrying),
        threshold(BandId::Uphill),
    ) else {
        return;
    };
    if !(good > worth && worth > uphill) {
        errors.push(ContentError::BandsOutOfOrder);
        return;
    }
    let (lowest_score, highest_score) = score_range(content);
    let intervals = [
        (BandId::GoodChance, good, i32::MAX),
        (BandId::WorthTrying, worth, good - 1),
        (BandId::Uphill, uphill, worth - 1),
        (BandId::MoveOn, i32::MIN, uphill - 1),
    ];
    for (band, from, to) in intervals {
        let by_score = from <= highest_score && to >= lowest_score;
        let by_override = band == BandId::MoveOn && has_signal(content, Signal::EndsReconciliation);
        if !by_score && !by_override {
            errors.push(ContentError::UnreachableBand {
                band,
                lowest_score,
                highest_score,
            });
        }
    }
    if !has_signal(content, Signal::Safety) {
        errors.push(ContentError::UnreachableBand {
            band: BandId::Safety,
            lowest_score,
            highest_score,
        });
    }
}

fn check_steps(content: &Content, errors: &mut Vec<ContentError>) {
    if content.steps.len() != STEP_COUNT {
        errors.push(ContentError::WrongStepCount {
            found: content.steps.len(),
        });
    }
    for (index, step) in content.steps.iter().enumerate() {
        let position = index + 1;
        if usize::from(step.id.0) != position {
            errors.push(ContentError::StepOutOfOrder {
                position,
                found: step.id,
            });
        }
        require_text(&step.title, || format!("step {} title", step.id), errors);
        require_text(&step.why, || format!("step {} why", step.id), errors);
        if step.actions.is_empty() {
            errors.push(ContentError::StepWithoutActions(step.id));
        }
        for (i, action) in step.actions.iter().enumerate() {
            require_text(
                action,
                || format!("step {} action {}", step.id, i + 1),
                errors,
            );
        }
        if step.involves_contact && step.also_for_moving_on {
            errors.push(ContentError::ContactStepForMovingOn(step.id));
        }
        for index in &step.hidden_on_safety_concern {
            if *index >= step.actions.len() {
                errors.push(ContentError::UnknownActionIndex {
                    step: step.id,
                    index: *index,
                });
            }
        }
        if let StepKind::Gated { requires, warning } = &step.kind {
            if !step.involves_contact {
                errors.push(ContentError::GatedStepWithoutContact(step.id));
            }
            require_text(warning, || format!("step {} gate warning", step.id), errors);
            for required in requires {
                if content.step(*required).is_none() {
                    errors.push(ContentError::UnknownStepReference {
                        at: format!("step {} gate", step.id),
                        step: *required,
                    });
                }
            }
        }
        if let Some(template) = &step.template {
            require_text(
                &template.default_text,
                || format!("template \"{}\"", template.id),
                errors,
            );
        }
    }
    let mut template_ids = HashSet::new();
    for template in content.templates() {
        if !template_ids.insert(&template.id) {
            errors.push(ContentError::DuplicateTemplate(template.id.clone()));
        }
    }
    for kind in ["no_contact", "checkpoint"] {
        let found = content
            .steps
            .iter()
            .filter(|s| s.kind.name() == kind)
            .count();
        if found != 1 {
            errors.push(ContentError::StepKindCount { kind, found });
        }
    }
    if content.actions_now.len() != 3 {
        errors.push(ContentError::WrongNowActionCount {
            found: content.actions_now.len(),
        });
    }
    for action in &content.actions_now {
        let texts = std::iter::once((action.step_ids.as_slice(), "")).chain(
            action
                .when_moving_on
                .iter()
                .map(|alt| (alt.step_ids.as_slice(), " (moving on)")),
        );
        for (step_ids, variant) in texts {
            for step in step_ids {
                if content.step(*step).is_none() {
                    errors.push(ContentError::UnknownStepReference {
                        at: format!("thing to do now \"{}\"{variant}", action.id),
                        step: *step,
                    });
                }
            }
        }
    }
}

fn check_labels(content: &Content, errors: &mut Vec<ContentError>) {
    for days in MILESTONE_DAYS {
        if content
            .milestone_label(days)
            .is_none_or(|label| label.trim().is_empty())
        {
            errors.push(ContentError::MissingMilestoneLabel(days));
        }
    }
    require_text(
        &content.safety_note.title,
        || "safety note title".to_string(),
        errors,
    );
    require_text(
        &content.safety_note.text,
        || "safety note text".to_string(),
        errors,
    );
}

/// How a translation differs in structure from the reference language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TranslationError {
    /// The reference has this id (in this order) and the translation does not.
    Missing { what: &'static str, id: String },
    /// The translation has an id the reference does not.
    Extra { what: &'static str, id: String },
    /// Same id, different structure (kind, weight, condition...).
    Differs { at: String, what: &'static str },
}

impl fmt::Display for TranslationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TranslationError::Missing { what, id } => {
                write!(f, "translation is missing {what} \"{id}\"")
            }
            TranslationError::Extra { what, id } => {
                write!(f, "translation has unknown {what} \"{id}\"")
            }
            TranslationError::Differs { at, what } => {
                write!(f, "translation changes the {what} of {at}")
            }
        }
    }
}

impl std::error::Error for TranslationError {}

fn compare_ids(
    what: &'static str,
    reference: &[String],
    translation: &[String],
    errors: &mut Vec<TranslationError>,
) {
    let mut differs = false;
    for id in reference.iter().filter(|id| !translation.contains(id)) {
        errors.push(TranslationError::Missing {
            what,
            id: id.clone(),
        });
        differs = true;
    }
    for id in translation.iter().filter(|id| !reference.contains(id)) {
        errors.push(TranslationError::Extra {
            what,
            id: id.clone(),
        });
        differs = true;
    }
    if !differs && reference != translation {
        errors.push(TranslationError::Differs {
            at: format!("the {what}s"),
            what: "order",
        });
    }
}

/// The `{name}` placeholders of a text, sorted: what a translation must keep.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                found.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found.sort_unstable();
    found
}

/// Whether a translated text keeps the reference's placeholders. The singular form of a
/// count (a key ending in `_one`) may write the number as a word instead of `{n}`.
fn same_placeholders(place: &str, reference: &str, translated: &str) -> bool {
    let mut ours = placeholders(reference);
    let mut theirs = placeholders(translated);
    if place.ends_with("_one") {
        ours.retain(|name| *name != "n");
        theirs.retain(|name| *name != "n");
    }
    ours == theirs
}

/// Text by text: the same places (an optional help text present in both or neither),
/// the same placeholders, and nothing left empty.
fn compare_texts(reference: &Content, translation: &Content, errors: &mut Vec<TranslationError>) {
    let ours = reference.texts();
    let theirs = translation.texts();
    let places =
        |texts: &[(String, String)]| texts.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    // Structural differences already name what is missing; the texts follow from them.
    if errors.is_empty() {
        compare_ids("text", &places(&ours), &places(&theirs), errors);
    }
    for (place, text) in &ours {
        let Some((_, translated)) = theirs.iter().find(|(p, _)| p == place) else {
            continue;
        };
        if translated.trim().is_empty() && !text.trim().is_empty() {
            errors.push(TranslationError::Differs {
                at: place.clone(),
                what: "text (left empty)",
            });
        } else if !same_placeholders(place, text, translated) {
            errors.push(TranslationError::Differs {
                at: place.clone(),
                what: "placeholders",
            });
        }
    }
}

/// Checks that `translation` has exactly the ids, kinds, weights, conditions and step
/// structure of `reference`; only the words may differ. Scoring must never depend on
/// the reader's language.
pub fn check_translation(
    reference: &Content,
    translation: &Content,
) -> Result<(), Vec<TranslationError>> {
    let mut errors = Vec::new();
    compare_ids(
        "section",
        &reference
            .sections
            .iter()
            .map(|s| s.id.0.clone())
            .collect::<Vec<_>>(),
        &translation
            .sections
            .iter()
            .map(|s| s.id.0.clone())
            .collect::<Vec<_>>(),
        &mut errors,
    );
    for section in &reference.sections {
        if let Some(other) = translation.section(&section.id) {
            if other.show_if != section.show_if {
                errors.push(TranslationError::Differs {
                    at: format!("section \"{}\"", section.id),
                    what: "condition",
                });
            }
        }
    }
    compare_ids(
        "question",
        &reference
            .questions
            .iter()
            .map(|q| q.id.0.clone())
            .collect::<Vec<_>>(),
        &translation
            .questions
            .iter()
            .map(|q| q.id.0.clone())
            .collect::<Vec<_>>(),
        &mut errors,
    );
    for question in &reference.questions {
        let Some(other) = translation.question(&question.id) else {
            continue;
        };
        let at = format!("question \"{}\"", question.id);
        let checks: [(&'static str, bool); 4] = [
            ("kind", other.kind == question.kind),
            ("section", other.section == question.section),
            ("condition", other.show_if == question.show_if),
            ("role", other.role == question.role),
        ];
        for (what, same) in checks {
            if !same {
                errors.push(TranslationError::Differs {
                    at: at.clone(),
                    what,
                });
            }
        }
        let option_ids =
            |q: &Question| q.options.iter().map(|o| o.id.0.clone()).collect::<Vec<_>>();
        let before = errors.len();
        compare_ids(
            "option",
            &option_ids(question),
            &option_ids(other),
            &mut errors,
        );
        for error in errors.iter_mut().skip(before) {
            if let TranslationError::Missing { id, .. } | TranslationError::Extra { id, .. } = error
            {
                *id = format!("{}/{}", question.id, id);
            }
        }
        for option in &question.options {
            let Some(other_option) = other.option(&option.id) else {
                continue;
            };
            let at = format!("option \"{}/{}\"", question.id, option.id);
            if other_option.weight != option.weight {
                errors.push(TranslationError::Differs {
                    at: at.clone(),
                    what: "weight",
                });
            }
            if other_option.signal != option.signal {
                errors.push(TranslationError::Differs {
                    at: at.clone(),
                    what: "signal",
                });
            }
            if other_option.exclusive != option.exclusive {
                errors.push(TranslationError::Differs {
                    at,
                    what: "exclusivity",
                });
            }
        }
    }
    for band in &reference.bands {
        match translation.band(band.id) {
            None => errors.push(TranslationError::Missing {
                what: "band",
                id: band.id.to_string(),
            }),
            Some(other) if other.min_score != band.min_score => {
                errors.push(TranslationError::Differs {
                    at: format!("band \"{}\"", band.id),
                    what: "threshold",
                })
            }
            Some(_) => {}
        }
    }
    compare_ids(
        "step",
        &reference
            .steps
            .iter()
            .map(|s| s.id.to_string())
            .collect::<Vec<_>>(),
        &translation
            .steps
            .iter()
            .map(|s| s.id.to_string())
            .collect::<Vec<_>>(),
        &mut errors,
    );
    for step in &reference.steps {
        let Some(other) = translation.step(step.id) else {
            continue;
        };
        let at = format!("step {}", step.id);
        let same_gate = match (&step.kind, &other.kind) {
            (StepKind::Gated { requires: a, .. }, StepKind::Gated { requires: b, .. }) => a == b,
            _ => true,
        };
        let checks: [(&'static str, bool); 7] = [
            ("kind", other.kind.name() == step.kind.name()),
            ("gate", same_gate),
            (
                "number of actions",
                other.actions.len() == step.actions.len(),
            ),
            (
                "template",
                other.template.as_ref().map(|t| &t.id) == step.template.as_ref().map(|t| &t.id),
            ),
            (
                "moving-on flag",
                other.also_for_moving_on == step.also_for_moving_on,
            ),
            (
                "contact flag",
                other.involves_contact == step.involves_contact,
            ),
            (
                "actions hidden on a safety concern",
                other.hidden_on_safety_concern == step.hidden_on_safety_concern,
            ),
        ];
        for (what, same) in checks {
            if !same {
                errors.push(TranslationError::Differs {
                    at: at.clone(),
                    what,
                });
            }
        }
    }
    compare_ids(
        "thing to do now",
        &reference
            .actions_now
            .iter()
            .map(|a| a.id.0.clone())
            .collect::<Vec<_>>(),
        &translation
            .actions_now
            .iter()
            .map(|a| a.id.0.clone())
            .collect::<Vec<_>>(),
        &mut errors,
    );
    for action in &reference.actions_now {
        if let Some(other) = translation.actions_now.iter().find(|a| a.id == action.id) {
            let alt_steps = |a: &crate::domain::content::NowActionContent| {
                a.when_moving_on.as_ref().map(|m| m.step_ids.clone())
            };
            if other.step_ids != action.step_ids || alt_steps(other) != alt_steps(action) {
                errors.push(TranslationError::Differs {
                    at: format!("thing to do now \"{}\"", action.id),
                    what: "steps",
                });
            }
        }
    }
    let milestone_days = |c: &Content| {
        c.ui.milestones
            .iter()
            .map(|m| m.days.to_string())
            .collect::<Vec<_>>()
    };
    compare_ids(
        "milestone",
        &milestone_days(reference),
        &milestone_days(translation),
        &mut errors,
    );
    compare_texts(reference, translation, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
