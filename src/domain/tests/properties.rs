//! Property tests over the bundled English content.

use proptest::prelude::*;

use super::english;
use crate::domain::{
    assess, first_unanswered, is_complete, is_visible, next_question, previous_question, Answer,
    AnswerOption, Answers, AppState, BandId, CheckpointChoice, Content, Day, Direction, PlanMode,
    Question, QuestionKind, Signal, StepId, StepStatus, TemplateId, Tracker,
};

/// Picks an answer for `question` from the bits of `seed`.
fn pick(question: &Question, seed: u64) -> Answer {
    let options = &question.options;
    match question.kind {
        QuestionKind::SingleChoice | QuestionKind::YesNoUnsure => {
            Answer::Single(options[(seed % options.len() as u64) as usize].id.clone())
        }
        QuestionKind::MultipleChoice => {
            let exclusive: Vec<&AnswerOption> = options.iter().filter(|o| o.exclusive).collect();
            let combinable: Vec<&AnswerOption> = options.iter().filter(|o| !o.exclusive).collect();
            if !exclusive.is_empty() && (seed & 1 == 1 || combinable.is_empty()) {
                return Answer::Single(
                    exclusive[((seed >> 1) % exclusive.len() as u64) as usize]
                        .id
                        .clone(),
                );
            }
            let mut chosen: Vec<_> = combinable
                .iter()
                .enumerate()
                .filter(|(i, _)| (seed >> (i + 2)) & 1 == 1)
                .map(|(_, o)| o.id.clone())
                .collect();
            if chosen.is_empty() {
                chosen.push(
                    combinable[((seed >> 1) % combinable.len() as u64) as usize]
                        .id
                        .clone(),
                );
            }
            Answer::Multiple(chosen)
        }
    }
}

/// Answers visible questions in order until `limit` answers or the end.
fn answers_from(content: &Content, seeds: &[u64], limit: usize) -> Answers {
    let mut answers = Answers::new();
    while answers.len() < limit {
        let Some(question) = first_unanswered(content, &answers) else {
            break;
        };
        let index = content.question_index(&question.id).unwrap_or(0);
        let answer = pick(question, seeds[index % seeds.len()]);
        let id = question.id.clone();
        if let Err(error) = answers.set(content, &id, answer) {
            panic!("generated answer to {id} refused: {error}");
        }
    }
    answers
}

fn seeds() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 40)
}

/// The same answer with the safety option added (replacing any exclusive option).
fn with_safety(question: &Question, current: Option<&Answer>, safety: &AnswerOption) -> Answer {
    match question.kind {
        QuestionKind::MultipleChoice => {
            let mut chosen: Vec<_> = current
                .map(|a| a.selected().to_vec())
                .unwrap_or_default()
                .into_iter()
                .filter(|id| question.option(id).is_some_and(|o| !o.exclusive) && *id != safety.id)
                .collect();
            chosen.push(safety.id.clone());
            Answer::Multiple(chosen)
        }
        _ => Answer::Single(safety.id.clone()),
    }
}

proptest! {
    /// The promise of the whole product: an answer that signals fear, control or "they
    /// want you out" never reaches a step or message that means contacting the ex,
    /// whatever the reader picked for their plan and however far they got.
    #[test]
    fn no_fear_control_or_distance_answer_ever_reaches_a_contact_step(
        seeds in seeds(),
        limit in 0usize..40,
        reconnect in any::<bool>(),
    ) {
        let content = english();
        let answers = answers_from(content, &seeds, limit);
        let outcome = assess(content, &answers);
        let signalled = outcome.contributions.iter().any(|c| matches!(
            c.signal,
            Some(Signal::Safety | Signal::Caution | Signal::EndsReconciliation)
        ));
        let mut tracker = Tracker::new();
        tracker.set_plan(if reconnect { PlanMode::Reconcile } else { PlanMode::MovingOn });
        tracker.follow_assessment(outcome.contact_hold());
        let refused = tracker.choose_plan(PlanMode::Reconcile, outcome.contact_hold()).is_err();
        let direction = Direction::new(content, &answers, &tracker);
        prop_assert_eq!(signalled, direction.hold.is_some());
        if signalled {
            prop_assert!(refused);
            prop_assert!(!direction.shows_templates());
            prop_assert!(direction.steps(content).all(|step| !step.involves_contact));
            prop_assert!(direction.next_step(content, &tracker).is_none_or(|s| !s.involves_contact));
            prop_assert!(outcome.actions_now.iter().all(|a| a
                .step_ids
                .iter()
                .all(|id| content.step(*id).is_some_and(|s| !s.involves_contact))));
        }
    }

    #[test]
    fn any_complete_answer_set_gives_exactly_one_band(seeds in seeds()) {
        let content = english();
        let answers = answers_from(content, &seeds, usize::MAX);
        prop_assert!(is_complete(content, &answers));
        let outcome = assess(content, &answers);
        prop_assert!(content.band(outcome.band).is_some());
        let overridden = outcome.contributions.iter().any(|c| c.signal.is_some());
        if !overridden {
            let threshold = |id| content.band(id).and_then(|b| b.min_score);
            let ranges = [
                (BandId::GoodChance, threshold(BandId::GoodChance), None),
                (BandId::WorthTrying, threshold(BandId::WorthTrying), threshold(BandId::GoodChance)),
                (BandId::Uphill, threshold(BandId::Uphill), threshold(BandId::WorthTrying)),
                (BandId::MoveOn, None, threshold(BandId::Uphill)),
            ];
            let containing: Vec<BandId> = ranges
                .iter()
                .filter(|(_, low, high)| low.is_none_or(|l| outcome.score >= l) && high.is_none_or(|h| outcome.score < h))
                .map(|(id, _, _)| *id)
                .collect();
            prop_assert_eq!(containing, vec![outcome.band]);
        }
        prop_assert_eq!(outcome.band == BandId::Safety, outcome.actions_now.is_empty());
    }

    #[test]
    fn adding_a_violence_or_abuse_answer_always_gives_the_safety_band(seeds in seeds(), limit in 0usize..40, which in any::<prop::sample::Index>()) {
        let content = english();
        let answers = answers_from(content, &seeds, limit);
        let safety_options: Vec<(&Question, &AnswerOption)> = content
            .questions
            .iter()
            .filter(|q| is_visible(content, &answers, &q.id))
            .flat_map(|q| q.options.iter().filter(|o| o.signal == Some(Signal::Safety)).map(move |o| (q, o)))
            .collect();
        prop_assert!(!safety_options.is_empty(), "a safety question is always visible");
        let (question, option) = safety_options[which.index(safety_options.len())];
        let mut with_abuse = answers.clone();
        let answer = with_safety(question, answers.get(&question.id), option);
        prop_assert_eq!(with_abuse.set(content, &question.id, answer), Ok(()));
        let outcome = assess(content, &with_abuse);
        prop_assert_eq!(outcome.band, BandId::Safety);
        prop_assert!(outcome.actions_now.is_empty() && outcome.motivation.is_none() && outcome.friendship.is_none());
    }

    #[test]
    fn removing_a_reason_for_concern_never_lowers_the_outlook(seeds in seeds(), which in any::<prop::sample::Index>()) {
        let content = english();
        let answers = answers_from(content, &seeds, usize::MAX);
        // Every chosen option that counts against, in a multiple choice where it is not alone.
        let concerns: Vec<(&Question, &AnswerOption)> = content
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::MultipleChoice)
            .filter_map(|q| answers.get(&q.id).map(|a| (q, a)))
            .filter(|(_, a)| a.selected().len() > 1)
            .flat_map(|(q, a)| a.selected().iter().filter_map(move |id| q.option(id)).map(move |o| (q, o)))
            .filter(|(_, o)| o.weight < 0 && o.signal.is_none())
            .collect();
        prop_assume!(!concerns.is_empty());
        let (question, concern) = concerns[which.index(concerns.len())];
        let before = assess(content, &answers);
        let remaining: Vec<_> = answers.get(&question.id).map(|a| a.selected().to_vec()).unwrap_or_default()
            .into_iter().filter(|id| *id != concern.id).collect();
        let mut relieved = answers.clone();
        prop_assert_eq!(relieved.set(content, &question.id, Answer::Multiple(remaining)), Ok(()));
        let after = assess(content, &relieved);
        prop_assert!(after.score >= before.score);
        match (before.band.outlook_rank(), after.band.outlook_rank()) {
            (Some(was), Some(now)) => prop_assert!(now >= was, "{:?} -> {:?}", before.band, after.band),
            (None, None) => {}
            _ => prop_assert!(false, "safety changed: {:?} -> {:?}", before.band, after.band),
        }
    }

    #[test]
    fn navigation_never_lands_on_a_hidden_question(seeds in seeds(), limit in 0usize..40, from in any::<prop::sample::Index>()) {
        let content = english();
        let answers = answers_from(content, &seeds, limit);
        let current = &content.questions[from.index(content.questions.len())].id;
        for landed in [next_question(content, &answers, Some(current)), previous_question(content, &answers, current)]
            .into_iter()
            .flatten()
        {
            prop_assert!(is_visible(content, &answers, &landed.id), "landed on hidden {}", landed.id);
        }
        let mut walked = Vec::new();
        let mut at = next_question(content, &answers, None);
        while let Some(question) = at {
            prop_assert!(is_visible(content, &answers, &question.id));
            walked.push(question.id.clone());
            at = next_question(content, &answers, Some(&question.id));
        }
        let visible: Vec<_> = crate::domain::visible_questions(content, &answers).into_iter().map(|q| q.id.clone()).collect();
        prop_assert_eq!(walked, visible);
    }

    #[test]
    fn app_state_survives_a_json_round_trip_unchanged(
        seeds in seeds(),
        limit in 0usize..40,
        revision in any::<u64>(),
        ops in prop::collection::vec((0u8..9, 0u8..18, -400i32..400, 0usize..6, ".{0,12}"), 0..30),
        language in prop::option::of("[a-z]{2}"),
    ) {
        let content = english();
        let mut state = AppState::new();
        state.answers = answers_from(content, &seeds, limit);
        state.revision = revision;
        state.settings.language = language;
        let tracker = &mut state.tracker;
        for (op, step, offset, index, text) in ops {
            let today = Day(20_000 + offset);
            let step = StepId(step);
            // Refused operations are part of the test: they must leave state serialisable.
            let _ = match op {
                0 => tracker.set_status(content, step, StepStatus::ALL[index % 4], today),
                1 => tracker.tick_action(content, step, index, offset % 2 == 0),
                2 => tracker.add_note(content, step, today, text).map(|_| ()),
                3 => tracker.edit_note(crate::domain::NoteId(index as u32), today, text),
                4 => tracker.start_no_contact(content, today),
                5 => tracker.log_slip(today, text),
                6 => tracker.set_template_text(content, &TemplateId::new(["honest_update", "no_communication"][index % 2]), text),
                7 => tracker.choose_at_checkpoint(content, CheckpointChoice::MoveOn, today, None),
                _ => {
                    tracker.set_plan(PlanMode::Reconcile);
                    tracker.delete_note(crate::domain::NoteId(index as u32))
                }
            };
        }
        let text = state.to_json().map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Byte for byte what serde_json wrote before domain::json replaced it, so saved
        // data and exports read the same in older and newer builds.
        prop_assert_eq!(&text, &serde_json::to_string(&state).map_err(|e| TestCaseError::fail(e.to_string()))?);
        prop_assert_eq!(AppState::from_json(&text), Ok(state));
    }
}
