//! The reader's answers, which questions are shown, and moving between them.
//!
//! Invariant kept by [`Answers::set`] and [`Answers::clear`]: answers only ever hold
//! answers to questions that are currently visible. When a changed answer hides a
//! follow-up question, the follow-up's answer is dropped, so a stale answer can never
//! count towards a result.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::content::{Content, OptionId, Question, QuestionId, QuestionKind, SectionId};
use crate::domain::sorted_map::SortedMap;

/// The options chosen for one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Single-choice and yes / no / not sure questions.
    Single(OptionId),
    /// Multiple-choice questions, in the order the options appear in the content.
    Multiple(Vec<OptionId>),
}

impl Answer {
    pub fn single(option: impl Into<String>) -> Answer {
        Answer::Single(OptionId::new(option))
    }

    pub fn multiple<I, S>(options: I) -> Answer
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Answer::Multiple(options.into_iter().map(OptionId::new).collect())
    }

    /// The chosen options, however many.
    pub fn selected(&self) -> &[OptionId] {
        match self {
            Answer::Single(option) => std::slice::from_ref(option),
            Answer::Multiple(options) => options,
        }
    }

    pub fn is_selected(&self, option: &OptionId) -> bool {
        self.selected().contains(option)
    }
}

/// Why an answer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    UnknownQuestion(QuestionId),
    /// The question exists but its conditions hide it given the other answers.
    HiddenQuestion(QuestionId),
    UnknownOption {
        question: QuestionId,
        option: OptionId,
    },
    /// More than one option for a single-choice or yes / no / not sure question.
    MoreThanOneOption(QuestionId),
    NothingSelected(QuestionId),
    RepeatedOption {
        question: QuestionId,
        option: OptionId,
    },
    /// An option such as "none of these" was combined with others.
    ExclusiveCombined {
        question: QuestionId,
        option: OptionId,
    },
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::UnknownQuestion(id) => write!(f, "there is no question \"{id}\""),
            AnswerError::HiddenQuestion(id) => {
                write!(
                    f,
                    "question \"{id}\" does not apply given the other answers"
                )
            }
            AnswerError::UnknownOption { question, option } => {
                write!(f, "question \"{question}\" has no option \"{option}\"")
            }
            AnswerError::MoreThanOneOption(id) => {
                write!(f, "question \"{id}\" takes exactly one option")
            }
            AnswerError::NothingSelected(id) => write!(f, "no option chosen for question \"{id}\""),
            AnswerError::RepeatedOption { question, option } => {
                write!(
                    f,
                    "option \"{option}\" chosen twice for question \"{question}\""
                )
            }
            AnswerError::ExclusiveCombined { question, option } => write!(
                f,
                "option \"{option}\" of question \"{question}\" cannot be combined with others"
            ),
        }
    }
}

impl std::error::Error for AnswerError {}

/// All answers given so far, keyed by question id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers {
    by_question: SortedMap<QuestionId, Answer>,
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn get(&self, question: &QuestionId) -> Option<&Answer> {
        self.by_question.get(question)
    }

    pub fn len(&self) -> usize {
        self.by_question.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_question.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&QuestionId, &Answer)> {
        self.by_question.iter()
    }

    /// Whether `option` is among the chosen options of `question`.
    pub fn is_selected(&self, question: &QuestionId, option: &OptionId) -> bool {
        self.get(question)
            .is_some_and(|answer| answer.is_selected(option))
    }

    /// Records an answer after checking it fits the question, then drops answers to
    /// questions that this answer hides. A single option for a multiple-choice question
    /// and a one-item list for a single-choice question are accepted as meant.
    pub fn set(
        &mut self,
        content: &Content,
        question_id: &QuestionId,
        answer: Answer,
    ) -> Result<(), AnswerError> {
        let question = content
            .question(question_id)
            .ok_or_else(|| AnswerError::UnknownQuestion(question_id.clone()))?;
        if !is_visible(content, self, question_id) {
            return Err(AnswerError::HiddenQuestion(question_id.clone()));
        }
        let answer = normalise(question, answer)?;
        self.by_question.insert(question_id.clone(), answer);
        self.drop_hidden(content);
        Ok(())
    }

    /// Removes an answer (and answers to questions it was keeping visible).
    pub fn clear(&mut self, content: &Content, question_id: &QuestionId) {
        self.by_question.remove(question_id);
        self.drop_hidden(content);
    }

    /// Replays saved answers against (possibly newer) content, keeping those that still
    /// fit and returning why the others were dropped.
    pub fn sanitise(&mut self, content: &Content) -> Vec<AnswerError> {
        let saved = std::mem::take(&mut self.by_question);
        let mut dropped = Vec::new();
        for question in &content.questions {
            if let Some(answer) = saved.get(&question.id) {
                if let Err(error) = self.set(content, &question.id, answer.clone()) {
                    dropped.push(error);
                }
            }
        }
        for id in saved.keys().filter(|id| content.question(id).is_none()) {
            dropped.push(AnswerError::UnknownQuestion(id.clone()));
        }
        dropped
    }

    fn drop_hidden(&mut self, content: &Content) {
        let visible = visibility(content, self);
        for (question, shown) in content.questions.iter().zip(visible) {
            if !shown {
                self.by_question.remove(&question.id);
            }
        }
        self.by_question
            .retain(|id, _| content.question(id).is_some());
    }
}

fn normalise(question: &Question, answer: Answer) -> Result<Answer, AnswerError> {
    let id = &question.id;
    let chosen = answer.selected();
    if chosen.is_empty() {
        return Err(AnswerError::NothingSelected(id.clone()));
    }
    for (index, option_id) in chosen.iter().enumerate() {
        if question.option(option_id).is_none() {
            return Err(AnswerError::UnknownOption {
                question: id.clone(),
                option: option_id.clone(),
            });
        }
        if chosen[..index].contains(option_id) {
            return Err(AnswerError::RepeatedOption {
                question: id.clone(),
                option: option_id.clone(),
            });
        }
    }
    match question.kind {
        QuestionKind::SingleChoice | QuestionKind::YesNoUnsure => match chosen {
            [only] => Ok(Answer::Single(only.clone())),
            _ => Err(AnswerError::MoreThanOneOption(id.clone())),
        },
        QuestionKind::MultipleChoice => {
            if chosen.len() > 1 {
                let exclusive = question
                    .options
                    .iter()
                    .find(|o| o.exclusive && chosen.contains(&o.id));
                if let Some(option) = exclusive {
                    return Err(AnswerError::ExclusiveCombined {
                        question: id.clone(),
                        option: option.id.clone(),
                    });
                }
            }
            // Content order keeps equal selections equal, whatever order they were clicked in.
            let ordered = question
                .options
                .iter()
                .filter(|o| chosen.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            Ok(Answer::Multiple(ordered))
        }
    }
}

/// For each question in content order, whether it is shown. Conditions only look at
/// earlier questions, and only at the answers of questions that are themselves shown.
fn visibility(content: &Content, answers: &Answers) -> Vec<bool> {
    let mut shown: Vec<bool> = Vec::with_capacity(content.questions.len());
    for question in &content.questions {
        let is_selected = |question_id: &QuestionId, option_id: &OptionId| {
            content
                .question_index(question_id)
                .is_some_and(|index| shown.get(index).copied().unwrap_or(false))
                && answers.is_selected(question_id, option_id)
        };
        let section_shown = content
            .section(&question.section)
            .and_then(|section| section.show_if.as_ref())
            .is_none_or(|condition| condition.holds(&is_selected));
        let question_shown = question
            .show_if
            .as_ref()
            .is_none_or(|condition| condition.holds(&is_selected));
        shown.push(section_shown && question_shown);
    }
    shown
}

/// Whether the question is shown given the answers so far (false for unknown ids).
pub fn is_visible(content: &Content, answers: &Answers, question: &QuestionId) -> bool {
    content
        .question_index(question)
        .and_then(|index| visibility(content, answers).get(index).copied())
        .unwrap_or(false)
}

/// The questions to ask, in order, given the answers so far.
pub fn visible_questions<'c>(content: &'c Content, answers: &Answers) -> Vec<&'c Question> {
    content
        .questions
        .iter()
        .zip(visibility(content, answers))
        .filter_map(|(question, shown)| shown.then_some(question))
        .collect()
}

/// The visible question after `current` (the first one when `current` is `None`).
/// Works even if `current` has just become hidden: it moves on from where it was.
pub fn next_question<'c>(
    content: &'c Content,
    answers: &Answers,
    current: Option<&QuestionId>,
) -> Option<&'c Question> {
    let start = match current {
        None => 0,
        Some(id) => content.question_index(id)? + 1,
    };
    content
        .questions
        .iter()
        .zip(visibility(content, answers))
        .skip(start)
        .find_map(|(question, shown)| shown.then_some(question))
}

/// The visible question before `current`, or `None` at the start.
pub fn previous_question<'c>(
    content: &'c Content,
    answers: &Answers,
    current: &QuestionId,
) -> Option<&'c Question> {
    let end = content.question_index(current)?;
    content
        .questions
        .iter()
        .zip(visibility(content, answers))
        .take(end)
        .rev()
        .find_map(|(question, shown)| shown.then_some(question))
}

/// The first visible question without an answer: where to resume.
pub fn first_unanswered<'c>(content: &'c Content, answers: &Answers) -> Option<&'c Question> {
    visible_questions(content, answers)
        .into_iter()
        .find(|q| answers.get(&q.id).is_none())
}

/// Every visible question is answered.
pub fn is_complete(content: &Content, answers: &Answers) -> bool {
    first_unanswered(content, answers).is_none()
}

/// (answered, shown) among the visible questions, for a progress bar.
pub fn answered_count(content: &Content, answers: &Answers) -> (usize, usize) {
    let visible = visible_questions(content, answers);
    let answered = visible
        .iter()
        .filter(|q| answers.get(&q.id).is_some())
        .count();
    (answered, visible.len())
}

/// Where a question sits in the assessment, counted by the parts (sections) the reader
/// will see. Counting parts rather than questions keeps the count honest: follow-ups
/// appear inside a part, so the number never jumps back or grows mid-way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartProgress {
    /// 1-based.
    pub part: usize,
    pub parts: usize,
}

pub fn part_progress(
    content: &Content,
    answers: &Answers,
    current: &QuestionId,
) -> Option<PartProgress> {
    let mut sections: Vec<&SectionId> = Vec::new();
    for question in visible_questions(content, answers) {
        if sections.last() != Some(&&question.section) {
            sections.push(&question.section);
        }
    }
    let section = &content.question(current)?.section;
    let part = sections.iter().position(|s| *s == section)? + 1;
    Some(PartProgress {
        part,
        parts: sections.len(),
    })
}
