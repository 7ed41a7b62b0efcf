use super::{english, fill, qid};
use crate::domain::{
    assess, band_for_score, Answer, Answers, BandId, FriendshipReadiness, Motivation, Signal,
    StepId,
};

/// The answers of someone whose situation looks hopeful on every count.
fn hopeful() -> Vec<(&'static str, Answer)> {
    vec![
        ("ex_asked_for_distance", Answer::single("no")),
        ("still_cares", Answer::single("clearly")),
        ("still_compatible", Answer::single("yes")),
        ("serious_harm", Answer::single("none")),
        ("felt_afraid", Answer::single("no")),
        ("circumstance", Answer::single("yes")),
        ("understand_what_went_wrong", Answer::single("yes")),
        ("issues_fixable", Answer::single("yes")),
        ("both_willing_to_compromise", Answer::single("yes")),
        ("agree_now", Answer::single("yes")),
        ("who_ended", Answer::single("mutual")),
        ("reasons", Answer::single("poor_communication")),
        ("who_hurt", Answer::single("neither")),
        ("what_you_miss", Answer::single("partner")),
        ("someone_new", Answer::single("no")),
    ]
}

fn with(
    mut base: Vec<(&'static str, Answer)>,
    changes: &[(&'static str, Answer)],
) -> Vec<(&'static str, Answer)> {
    for (id, answer) in changes {
        base.retain(|(existing, _)| existing != id);
        base.push((id, answer.clone()));
    }
    base
}

#[test]
fn thresholds_split_scores_into_the_four_outlooks() {
    let content = english();
    assert_eq!(band_for_score(content, 40), BandId::GoodChance);
    assert_eq!(band_for_score(content, 12), BandId::GoodChance);
    assert_eq!(band_for_score(content, 11), BandId::WorthTrying);
    assert_eq!(band_for_score(content, 4), BandId::WorthTrying);
    assert_eq!(band_for_score(content, 3), BandId::Uphill);
    assert_eq!(band_for_score(content, -6), BandId::Uphill);
    assert_eq!(band_for_score(content, -7), BandId::MoveOn);
}

#[test]
fn a_hopeful_situation_gives_a_good_chance_with_every_reason_listed() {
    let content = english();
    let outcome = assess(content, &fill(content, &hopeful()));
    assert!(outcome.complete);
    assert_eq!(outcome.band, BandId::GoodChance);
    let sum: i32 = outcome.contributions.iter().map(|c| c.weight).sum();
    assert_eq!(
        sum, outcome.score,
        "the listed contributions explain the whole score"
    );
    let compatible = outcome
        .contributions
        .iter()
        .find(|c| c.question_id == qid("still_compatible"))
        .unwrap();
    assert_eq!(compatible.weight, 3);
    assert!(!compatible.explanation.is_empty());
    assert_eq!(compatible.option_label, "Yes, I believe we are");
}

#[test]
fn answers_that_move_nothing_are_not_listed() {
    let content = english();
    let outcome = assess(content, &fill(content, &[]));
    assert!(outcome
        .contributions
        .iter()
        .all(|c| c.weight != 0 || c.signal.is_some()));
}

#[test]
fn cheating_and_clashing_values_pull_hard_against() {
    let content = english();
    let before = assess(content, &fill(content, &hopeful()));
    let after = assess(
        content,
        &fill(
            content,
            &with(
                hopeful(),
                &[
                    (
                        "serious_harm",
                        Answer::multiple(["cheating", "core_values"]),
                    ),
                    ("reasons", Answer::multiple(["cheating", "lying"])),
                ],
            ),
        ),
    );
    assert!(
        after.score <= before.score - 15,
        "{} vs {}",
        after.score,
        before.score
    );
    assert!(after.band.outlook_rank() < before.band.outlook_rank());
    let cheating: Vec<i32> = after
        .contributions
        .iter()
        .filter(|c| c.option_id.as_str() == "cheating")
        .map(|c| c.weight)
        .collect();
    assert_eq!(
        cheating.len(),
        2,
        "listed under both questions that ask about it"
    );
}

#[test]
fn violence_or_abuse_replaces_everything_with_the_safety_band() {
    let content = english();
    let answers = fill(
        content,
        &with(
            hopeful(),
            &[(
                "serious_harm",
                Answer::multiple(["cheating", "violence_or_abuse"]),
            )],
        ),
    );
    let outcome = assess(content, &answers);
    assert_eq!(outcome.band, BandId::Safety);
    assert!(outcome.actions_now.is_empty());
    assert_eq!(outcome.motivation, None);
    assert_eq!(outcome.friendship, None);
    assert_eq!(outcome.contributions.len(), 1);
    assert_eq!(outcome.contributions[0].signal, Some(Signal::Safety));
    let band = content.band(BandId::Safety).unwrap();
    assert!(!band.advice.is_empty());
}

#[test]
fn feeling_afraid_of_the_ex_also_gives_the_safety_band() {
    let content = english();
    let answers = fill(
        content,
        &with(hopeful(), &[("felt_afraid", Answer::single("yes"))]),
    );
    assert_eq!(assess(content, &answers).band, BandId::Safety);
}

#[test]
fn safety_wins_even_over_a_clear_request_for_distance() {
    let content = english();
    let answers = fill(
        content,
        &[
            ("ex_asked_for_distance", Answer::single("yes")),
            ("felt_afraid", Answer::single("yes")),
        ],
    );
    assert_eq!(assess(content, &answers).band, BandId::Safety);
}

#[test]
fn a_clear_request_for_distance_leads_kindly_to_moving_on() {
    let content = english();
    let answers = fill(
        content,
        &[
            ("ex_asked_for_distance", Answer::single("yes")),
            ("serious_harm", Answer::single("none")),
        ],
    );
    let outcome = assess(content, &answers);
    assert_eq!(outcome.band, BandId::MoveOn);
    let reason = outcome
        .contributions
        .iter()
        .find(|c| c.signal == Some(Signal::EndsReconciliation))
        .unwrap();
    assert!(reason.explanation.contains("kindest"));
    let plan = outcome
        .actions_now
        .iter()
        .find(|a| a.id.as_str() == "plan")
        .unwrap();
    assert_eq!(plan.title, "Make a plan for moving on");
    assert!(!plan.step_ids.contains(&StepId(13)));
}

#[test]
fn the_three_things_to_do_now_point_to_existing_steps() {
    let content = english();
    let outcome = assess(content, &fill(content, &hopeful()));
    assert_eq!(outcome.actions_now.len(), 3);
    for action in &outcome.actions_now {
        assert!(!action.step_ids.is_empty());
        assert!(action.step_ids.iter().all(|id| content.step(*id).is_some()));
    }
    assert!(outcome.actions_now[2].step_ids.contains(&StepId(2)));
}

#[test]
fn motivation_reads_love_loneliness_or_unclear() {
    let content = english();
    let love = assess(content, &fill(content, &hopeful()))
        .motivation
        .unwrap();
    assert_eq!(love.motivation, Motivation::Love);
    assert_eq!(love.love_signals.len(), 2);

    let lonely = fill(
        content,
        &[
            ("what_you_miss", Answer::single("being_in_love")),
            ("someone_new", Answer::single("yes")),
        ],
    );
    assert_eq!(
        assess(content, &lonely).motivation.unwrap().motivation,
        Motivation::Loneliness
    );

    let mixed = fill(
        content,
        &[
            ("what_you_miss", Answer::single("partner")),
            ("someone_new", Answer::single("yes")),
        ],
    );
    assert_eq!(
        assess(content, &mixed).motivation.unwrap().motivation,
        Motivation::Unclear
    );
    assert_eq!(
        content.motivation_text(Motivation::Unclear).title,
        "Hard to say yet"
    );
}

fn friendship_answers(
    signs: [&'static str; 6],
    litmus: &'static str,
) -> Vec<(&'static str, Answer)> {
    let ids = [
        "unresolved_feelings",
        "ex_with_someone_else",
        "mainly_lonely",
        "hope_they_change",
        "keeping_tabs",
        "want_them_back",
    ];
    ids.into_iter()
        .zip(signs)
        .map(|(id, a)| (id, Answer::single(a)))
        .chain([("litmus", Answer::single(litmus))])
        .collect()
}

#[test]
fn friendship_is_ready_only_with_no_signs_and_the_litmus_test_passed() {
    let content = english();
    let reading = |signs, litmus| {
        assess(content, &fill(content, &friendship_answers(signs, litmus)))
            .friendship
            .unwrap()
    };

    let ready = reading(["no"; 6], "no");
    assert_eq!(ready.readiness, FriendshipReadiness::Ready);
    assert_eq!(
        (
            ready.signs_present.len(),
            ready.signs_total,
            ready.litmus_passed
        ),
        (0, 6, Some(true))
    );

    let two_signs = reading(["no", "yes", "no", "no", "no", "yes"], "no");
    assert_eq!(two_signs.readiness, FriendshipReadiness::NotYet);
    assert_eq!(
        two_signs.signs_present,
        vec![qid("ex_with_someone_else"), qid("want_them_back")]
    );

    let litmus_failed = reading(["no"; 6], "yes");
    assert_eq!(litmus_failed.readiness, FriendshipReadiness::NotYet);
    assert_eq!(litmus_failed.litmus_passed, Some(false));

    let unsure = reading(["no", "no", "not_sure", "no", "no", "no"], "no");
    assert_eq!(unsure.readiness, FriendshipReadiness::Unsure);
    assert_eq!(unsure.signs_unsure, 1);
}

#[test]
fn partial_answers_give_a_provisional_result() {
    let content = english();
    let mut answers = Answers::new();
    answers
        .set(content, &qid("still_compatible"), Answer::single("yes"))
        .unwrap();
    let outcome = assess(content, &answers);
    assert!(!outcome.complete);
    assert_eq!(outcome.score, 3);
}
