use super::{english, fill, qid};
use crate::domain::{
    answered_count, first_unanswered, is_complete, is_visible, next_question, previous_question,
    visible_questions, Answer, AnswerError, Answers, OptionId,
};

fn set(answers: &mut Answers, id: &str, answer: Answer) {
    if let Err(error) = answers.set(english(), &qid(id), answer) {
        panic!("{id}: {error}");
    }
}

#[test]
fn an_unknown_question_is_refused() {
    let mut answers = Answers::new();
    assert_eq!(
        answers.set(english(), &qid("favourite_colour"), Answer::single("blue")),
        Err(AnswerError::UnknownQuestion(qid("favourite_colour")))
    );
    assert!(answers.is_empty());
}

#[test]
fn an_unknown_option_is_refused() {
    let mut answers = Answers::new();
    assert_eq!(
        answers.set(english(), &qid("who_ended"), Answer::single("the_cat")),
        Err(AnswerError::UnknownOption {
            question: qid("who_ended"),
            option: OptionId::new("the_cat")
        })
    );
}

#[test]
fn several_options_for_a_single_choice_question_are_refused() {
    let mut answers = Answers::new();
    set(&mut answers, "ex_asked_for_distance", Answer::single("no"));
    set(&mut answers, "still_cares", Answer::single("clearly"));
    set(&mut answers, "still_compatible", Answer::single("yes"));
    let error = answers.set(
        english(),
        &qid("felt_afraid"),
        Answer::multiple(["yes", "no"]),
    );
    assert_eq!(
        error,
        Err(AnswerError::MoreThanOneOption(qid("felt_afraid")))
    );
    assert_eq!(
        error.unwrap_err().to_string(),
        "question \"felt_afraid\" takes exactly one option"
    );
}

#[test]
fn a_hidden_question_is_refused() {
    let mut answers = Answers::new();
    set(&mut answers, "ex_asked_for_distance", Answer::single("no"));
    assert_eq!(
        answers.set(english(), &qid("changed_behaviour"), Answer::single("yes")),
        Err(AnswerError::HiddenQuestion(qid("changed_behaviour")))
    );
}

#[test]
fn empty_repeated_and_exclusive_combinations_are_refused() {
    let mut answers = Answers::new();
    let harm = qid("serious_harm");
    assert_eq!(
        answers.set(english(), &harm, Answer::Multiple(vec![])),
        Err(AnswerError::NothingSelected(harm.clone()))
    );
    assert_eq!(
        answers.set(english(), &harm, Answer::multiple(["cheating", "cheating"])),
        Err(AnswerError::RepeatedOption {
            question: harm.clone(),
            option: OptionId::new("cheating")
        })
    );
    assert_eq!(
        answers.set(english(), &harm, Answer::multiple(["cheating", "none"])),
        Err(AnswerError::ExclusiveCombined {
            question: harm.clone(),
            option: OptionId::new("none")
        })
    );
}

#[test]
fn multiple_choice_answers_are_stored_in_content_order() {
    let mut answers = Answers::new();
    set(
        &mut answers,
        "serious_harm",
        Answer::multiple(["core_values", "cheating"]),
    );
    assert_eq!(
        answers.get(&qid("serious_harm")),
        Some(&Answer::multiple(["cheating", "core_values"]))
    );
    set(&mut answers, "serious_harm", Answer::single("none"));
    assert_eq!(
        answers.get(&qid("serious_harm")),
        Some(&Answer::multiple(["none"]))
    );
}

fn visible_ids(answers: &Answers) -> Vec<&'static str> {
    visible_questions(english(), answers)
        .into_iter()
        .map(|q| q.id.as_str())
        .collect()
}

#[test]
fn follow_ups_for_the_one_who_did_wrong_appear_only_when_they_apply() {
    let mut answers = Answers::new();
    set(&mut answers, "ex_asked_for_distance", Answer::single("no"));
    let follow_ups_for_me = ["changed_behaviour", "gave_time_to_heal", "owned_it"];
    for (who, me_shown, forgive_shown) in [
        ("i_hurt_them", true, false),
        ("they_hurt_me", false, true),
        ("both", true, true),
        ("neither", false, false),
    ] {
        set(&mut answers, "who_hurt", Answer::single(who));
        let shown = visible_ids(&answers);
        for id in follow_ups_for_me {
            assert_eq!(shown.contains(&id), me_shown, "{id} after {who}");
        }
        assert_eq!(
            shown.contains(&"ready_to_forgive"),
            forgive_shown,
            "ready_to_forgive after {who}"
        );
    }
}

#[test]
fn changing_an_answer_drops_answers_to_questions_it_hides() {
    let mut answers = Answers::new();
    set(&mut answers, "who_hurt", Answer::single("i_hurt_them"));
    set(&mut answers, "changed_behaviour", Answer::single("yes"));
    set(&mut answers, "who_hurt", Answer::single("they_hurt_me"));
    assert_eq!(answers.get(&qid("changed_behaviour")), None);
    assert!(!is_visible(english(), &answers, &qid("changed_behaviour")));
}

#[test]
fn a_clear_request_for_distance_closes_the_reconciliation_questions_only() {
    let mut answers = Answers::new();
    set(&mut answers, "still_cares", Answer::single("clearly"));
    set(&mut answers, "agree_now", Answer::single("yes"));
    set(&mut answers, "ex_asked_for_distance", Answer::single("yes"));
    assert_eq!(
        answers.get(&qid("still_cares")),
        None,
        "hidden answers are dropped"
    );
    assert_eq!(answers.get(&qid("agree_now")), None);
    let shown = visible_ids(&answers);
    for hidden in [
        "still_cares",
        "still_compatible",
        "circumstance",
        "agree_now",
        "who_ended",
        "reasons",
    ] {
        assert!(!shown.contains(&hidden), "{hidden} should be hidden");
    }
    for kept in [
        "serious_harm",
        "felt_afraid",
        "what_you_miss",
        "want_them_back",
        "litmus",
    ] {
        assert!(shown.contains(&kept), "{kept} should stay");
    }
}

#[test]
fn navigation_moves_through_visible_questions_only() {
    let content = english();
    let mut answers = Answers::new();
    let first = next_question(content, &answers, None).unwrap();
    assert_eq!(first.id.as_str(), "ex_asked_for_distance");
    assert!(previous_question(content, &answers, &first.id).is_none());
    set(&mut answers, "ex_asked_for_distance", Answer::single("yes"));
    let second = next_question(content, &answers, Some(&first.id)).unwrap();
    assert_eq!(
        second.id.as_str(),
        "serious_harm",
        "skips the hidden still_cares and still_compatible"
    );
    assert_eq!(
        previous_question(content, &answers, &second.id)
            .unwrap()
            .id
            .as_str(),
        "ex_asked_for_distance"
    );
    let after_afraid = next_question(content, &answers, Some(&qid("felt_afraid"))).unwrap();
    assert_eq!(
        after_afraid.id.as_str(),
        "what_you_miss",
        "whole hidden sections are skipped"
    );
    let last = content.questions.last().unwrap();
    assert!(next_question(content, &answers, Some(&last.id)).is_none());
    assert!(next_question(content, &answers, Some(&qid("no_such_question"))).is_none());
}

#[test]
fn navigation_moves_on_from_a_question_that_just_became_hidden() {
    let content = english();
    let mut answers = Answers::new();
    set(&mut answers, "who_hurt", Answer::single("i_hurt_them"));
    set(&mut answers, "who_hurt", Answer::single("neither"));
    let next = next_question(content, &answers, Some(&qid("changed_behaviour"))).unwrap();
    assert_eq!(next.id.as_str(), "what_you_miss");
    let back = previous_question(content, &answers, &qid("owned_it")).unwrap();
    assert_eq!(back.id.as_str(), "who_hurt");
}

#[test]
fn completeness_counts_only_visible_questions() {
    let content = english();
    let mut answers = Answers::new();
    assert!(!is_complete(content, &answers));
    assert_eq!(
        first_unanswered(content, &answers).unwrap().id.as_str(),
        "ex_asked_for_distance"
    );
    let answers_full = fill(content, &[("ex_asked_for_distance", Answer::single("yes"))]);
    assert!(is_complete(content, &answers_full));
    let (answered, shown) = answered_count(content, &answers_full);
    assert_eq!(answered, shown);
    assert!(shown < content.questions.len());
    set(&mut answers, "ex_asked_for_distance", Answer::single("no"));
    assert_eq!(answered_count(content, &answers).0, 1);
}

#[test]
fn sanitise_keeps_what_still_fits_and_names_what_it_dropped() {
    let saved = r#"{
        "ex_asked_for_distance": {"single": "no"},
        "who_hurt": {"single": "neither"},
        "changed_behaviour": {"single": "yes"},
        "old_question": {"single": "yes"},
        "who_ended": {"single": "nobody"}
    }"#;
    let mut answers: Answers = serde_json::from_str(saved).unwrap();
    let dropped = answers.sanitise(english());
    assert!(dropped.contains(&AnswerError::HiddenQuestion(qid("changed_behaviour"))));
    assert!(dropped.contains(&AnswerError::UnknownQuestion(qid("old_question"))));
    assert!(dropped.contains(&AnswerError::UnknownOption {
        question: qid("who_ended"),
        option: OptionId::new("nobody")
    }));
    assert_eq!(answers.len(), 2);
}

#[test]
fn clearing_an_answer_also_clears_follow_ups_it_kept_open() {
    let mut answers = Answers::new();
    set(&mut answers, "who_hurt", Answer::single("both"));
    set(&mut answers, "ready_to_forgive", Answer::single("yes"));
    answers.clear(english(), &qid("who_hurt"));
    assert!(answers.is_empty());
}
