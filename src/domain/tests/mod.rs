//! Tests of the domain against the bundled English content and against deliberately
//! broken content. Module-local unit tests live next to `day` and `no_contact`.

mod assessment_tests;
mod content_tests;
mod direction_tests;
mod purity;
mod scoring_tests;
mod share_tests;
mod state_tests;
mod tracker_tests;

#[cfg(not(target_arch = "wasm32"))]
mod properties;

use crate::domain::{
    first_unanswered, Answer, Answers, Content, Question, QuestionId, QuestionKind, NOT_SURE,
};

pub(super) fn english() -> &'static Content {
    crate::content::english()
}

pub(super) fn qid(id: &str) -> QuestionId {
    QuestionId::new(id)
}

/// A calm, middle-of-the-road answer: "not sure", "none of these", or an option that
/// moves nothing.
pub(super) fn neutral_answer(question: &Question) -> Answer {
    let quiet = |o: &&crate::domain::AnswerOption| o.weight == 0 && o.signal.is_none();
    let option = match question.kind {
        // "Not sure" unless it carries a signal (as for the fear question, where it
        // raises a safety concern); then whichever answer moves nothing.
        QuestionKind::YesNoUnsure => question
            .options
            .iter()
            .find(|o| o.id.as_str() == NOT_SURE)
            .filter(quiet)
            .or_else(|| question.options.iter().find(quiet)),
        QuestionKind::MultipleChoice => question
            .options
            .iter()
            .find(|o| o.exclusive)
            .or_else(|| question.options.iter().find(quiet)),
        QuestionKind::SingleChoice => question.options.iter().find(quiet),
    }
    .unwrap_or(&question.options[0]);
    Answer::Single(option.id.clone())
}

/// Answers every visible question, using `chosen` where it names the question and a
/// neutral answer elsewhere.
pub(super) fn fill(content: &Content, chosen: &[(&str, Answer)]) -> Answers {
    let mut answers = Answers::new();
    while let Some(question) = first_unanswered(content, &answers) {
        let answer = chosen
            .iter()
            .find(|(id, _)| *id == question.id.as_str())
            .map(|(_, answer)| answer.clone())
            .unwrap_or_else(|| neutral_answer(question));
        let id = question.id.clone();
        if let Err(error) = answers.set(content, &id, answer) {
            panic!("could not answer {id}: {error}");
        }
    }
    answers
}
