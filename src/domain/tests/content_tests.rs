use super::{english, qid};
use crate::domain::content::{NowActionContent, ReadingText};
use crate::domain::{
    check_translation, validate, BandId, Condition, Content, ContentError, OptionId, QuestionId,
    QuestionKind, QuestionRole, SectionId, Signal, StepId, StepKind, TemplateId, TranslationError,
};

fn errors_of(content: &Content) -> Vec<ContentError> {
    validate(content).err().unwrap_or_default()
}

fn question_mut<'a>(content: &'a mut Content, id: &str) -> &'a mut crate::domain::Question {
    content
        .questions
        .iter_mut()
        .find(|q| q.id.as_str() == id)
        .expect("question exists in English")
}

#[test]
fn every_article_section_is_covered() {
    let sections: Vec<&str> = english().sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        sections,
        [
            "still_care",
            "clear_signs",
            "good_signs",
            "why",
            "love_or_loneliness",
            "friendship"
        ]
    );
    for id in [
        "ex_asked_for_distance",
        "still_compatible",
        "serious_harm",
        "circumstance",
        "understand_what_went_wrong",
        "issues_fixable",
        "still_hurts_apart",
        "both_willing_to_compromise",
        "agree_now",
        "who_ended",
        "reasons",
        "who_hurt",
        "changed_behaviour",
        "gave_time_to_heal",
        "owned_it",
        "ready_to_forgive",
        "what_you_miss",
        "litmus",
    ] {
        assert!(
            english().question(&qid(id)).is_some(),
            "missing question {id}"
        );
    }
}

#[test]
fn the_ten_breakup_reasons_are_a_multiple_choice() {
    let reasons = english().question(&qid("reasons")).unwrap();
    assert_eq!(reasons.kind, QuestionKind::MultipleChoice);
    let ids: Vec<&str> = reasons.options.iter().map(|o| o.id.as_str()).collect();
    for reason in [
        "cheating",
        "unsupportive",
        "too_little_affection",
        "stealing",
        "poor_communication",
        "giving_up",
        "lying",
        "toxic",
        "misdirected_rage",
        "general_bad_behaviour",
    ] {
        assert!(ids.contains(&reason), "missing reason {reason}");
    }
}

#[test]
fn who_ended_offers_me_them_and_mutual_each_explained() {
    let who = english().question(&qid("who_ended")).unwrap();
    let ids: Vec<&str> = who.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["me", "them", "mutual"]);
    assert!(who.options.iter().all(|o| o.effect.len() > 20));
}

#[test]
fn six_friendship_signs_and_one_litmus_test() {
    let roles: Vec<QuestionRole> = english().questions.iter().filter_map(|q| q.role).collect();
    assert_eq!(
        roles
            .iter()
            .filter(|r| **r == QuestionRole::FriendshipSign)
            .count(),
        6
    );
    assert_eq!(
        roles
            .iter()
            .filter(|r| **r == QuestionRole::FriendshipLitmus)
            .count(),
        1
    );
}

#[test]
fn cheating_and_core_values_weigh_heavily_and_abuse_triggers_safety() {
    let harm = english().question(&qid("serious_harm")).unwrap();
    let weight = |id: &str| harm.option(&OptionId::new(id)).unwrap().weight;
    assert!(weight("cheating") <= -6);
    assert!(weight("core_values") <= -6);
    assert_eq!(
        harm.option(&OptionId::new("violence_or_abuse"))
            .unwrap()
            .signal,
        Some(Signal::Safety)
    );
    let afraid = english().question(&qid("felt_afraid")).unwrap();
    assert_eq!(
        afraid.option(&OptionId::new("yes")).unwrap().signal,
        Some(Signal::Safety)
    );
}

#[test]
fn the_sixteen_steps_have_their_special_kinds() {
    let content = english();
    assert_eq!(content.steps.len(), 16);
    assert_eq!(content.step(StepId(2)).unwrap().kind, StepKind::NoContact);
    assert_eq!(content.no_contact_step().unwrap().id, StepId(2));
    assert_eq!(
        content.step(StepId(10)).unwrap().kind,
        StepKind::PersonalAdvice
    );
    assert_eq!(content.checkpoint_step().unwrap().id, StepId(12));
    let StepKind::Gated { requires, warning } = &content.step(StepId(13)).unwrap().kind else {
        panic!("step 13 must be gated");
    };
    assert_eq!(requires, &(1..=12).map(StepId).collect::<Vec<_>>());
    assert!(
        warning.contains("1 to 12"),
        "the warning says which steps: {warning}"
    );
    let template = |step: u8| {
        content
            .step(StepId(step))
            .unwrap()
            .template
            .as_ref()
            .map(|t| t.id.as_str())
    };
    assert_eq!(template(2), Some("no_communication"));
    assert_eq!(template(14), Some("honest_update"));
    assert!(content.steps.iter().all(|s| !s.actions.is_empty()));
}

#[test]
fn no_advertising_or_gendered_framing_in_the_product_text() {
    let all_text = [
        crate::content::ENGLISH_SOURCES.assessment,
        crate::content::ENGLISH_SOURCES.steps,
        crate::content::ENGLISH_SOURCES.ui,
    ]
    .concat()
    .to_lowercase();
    for banned in [
        "ex factor",
        "james",
        "video",
        "book",
        "what drives men",
        "hero instinct",
        "girlfriend",
        "boyfriend",
        " he ",
        " she ",
        "him/her",
    ] {
        assert!(!all_text.contains(banned), "content mentions {banned:?}");
    }
}

#[test]
fn each_of_the_three_things_to_do_now_maps_to_steps() {
    let actions: &[NowActionContent] = &english().actions_now;
    assert_eq!(actions.len(), 3);
    for action in actions {
        assert!(!action.step_ids.is_empty(), "{} has no steps", action.id);
    }
}

#[test]
fn a_condition_on_a_missing_question_is_named() {
    let mut content = english().clone();
    question_mut(&mut content, "changed_behaviour").show_if = Some(Condition::Selected {
        question: QuestionId::new("who_hurted"),
        option: OptionId::new("i_hurt_them"),
    });
    let errors = errors_of(&content);
    assert!(errors.contains(&ContentError::ConditionUnknownQuestion {
        at: "question \"changed_behaviour\"".into(),
        question: QuestionId::new("who_hurted"),
    }));
    let message = errors[0].to_string();
    assert!(
        message.contains("who_hurted") && message.contains("missing question"),
        "{message}"
    );
}

#[test]
fn a_condition_on_a_missing_option_is_named() {
    let mut content = english().clone();
    question_mut(&mut content, "owned_it").show_if = Some(Condition::Selected {
        question: qid("who_hurt"),
        option: OptionId::new("me"),
    });
    assert!(errors_of(&content).iter().any(|e| matches!(e,
        ContentError::ConditionUnknownOption { option, .. } if option.as_str() == "me")));
}

#[test]
fn a_condition_looking_forward_is_named() {
    let mut content = english().clone();
    question_mut(&mut content, "who_ended").show_if = Some(Condition::Selected {
        question: qid("litmus"),
        option: OptionId::new("yes"),
    });
    assert!(
        errors_of(&content).contains(&ContentError::ConditionNotEarlier {
            at: "question \"who_ended\"".into(),
            question: qid("litmus"),
        })
    );
}

#[test]
fn a_duplicate_question_id_is_named() {
    let mut content = english().clone();
    let copy = content.questions[3].clone();
    content.questions.push(copy);
    let errors = errors_of(&content);
    assert!(errors.contains(&ContentError::DuplicateQuestion(
        content.questions[3].id.clone()
    )));
    assert!(errors
        .iter()
        .any(|e| e.to_string().starts_with("duplicate question id")));
}

#[test]
fn a_duplicate_option_id_is_named() {
    let mut content = english().clone();
    let reasons = question_mut(&mut content, "reasons");
    reasons.options[1].id = OptionId::new("cheating");
    assert!(
        errors_of(&content).contains(&ContentError::DuplicateOption {
            question: qid("reasons"),
            option: OptionId::new("cheating"),
        })
    );
}

#[test]
fn a_band_no_answers_can_reach_is_named() {
    let mut content = english().clone();
    for band in &mut content.bands {
        if band.id == BandId::GoodChance {
            band.min_score = Some(1000);
        }
    }
    let errors = errors_of(&content);
    let unreachable = errors.iter().find(|e| {
        matches!(
            e,
            ContentError::UnreachableBand {
                band: BandId::GoodChance,
                ..
            }
        )
    });
    let message = unreachable.expect("good_chance is reported").to_string();
    assert!(
        message.contains("good_chance") && message.contains("never be reached"),
        "{message}"
    );
}

#[test]
fn the_safety_band_needs_a_safety_answer() {
    let mut content = english().clone();
    for option in content.questions.iter_mut().flat_map(|q| &mut q.options) {
        if option.signal == Some(Signal::Safety) {
            option.signal = None;
        }
    }
    assert!(errors_of(&content).iter().any(|e| matches!(
        e,
        ContentError::UnreachableBand {
            band: BandId::Safety,
            ..
        }
    )));
}

#[test]
fn missing_duplicate_and_disordered_bands_are_named() {
    let mut content = english().clone();
    content.bands.retain(|b| b.id != BandId::Uphill);
    assert!(errors_of(&content).contains(&ContentError::MissingBand(BandId::Uphill)));

    let mut content = english().clone();
    let copy = content.bands[0].clone();
    content.bands.push(copy);
    assert!(errors_of(&content).contains(&ContentError::DuplicateBand(BandId::GoodChance)));

    let mut content = english().clone();
    for band in &mut content.bands {
        if band.id == BandId::WorthTrying {
            band.min_score = Some(50);
        }
    }
    assert!(errors_of(&content).contains(&ContentError::BandsOutOfOrder));
}

#[test]
fn a_step_count_other_than_sixteen_is_named() {
    let mut content = english().clone();
    content.steps.pop();
    let errors = errors_of(&content);
    assert!(errors.contains(&ContentError::WrongStepCount { found: 15 }));
    assert!(errors
        .iter()
        .any(|e| e.to_string() == "there must be exactly 16 steps, found 15"));
    let mut content = english().clone();
    let extra = content.steps[15].clone();
    content.steps.push(extra);
    assert!(errors_of(&content).contains(&ContentError::WrongStepCount { found: 17 }));
}

#[test]
fn step_ids_out_of_order_and_gates_on_missing_steps_are_named() {
    let mut content = english().clone();
    content.steps.swap(0, 1);
    assert!(errors_of(&content).contains(&ContentError::StepOutOfOrder {
        position: 1,
        found: StepId(2)
    }));

    let mut content = english().clone();
    content.steps[12].kind = StepKind::Gated {
        requires: vec![StepId(40)],
        warning: "wait".into(),
    };
    assert!(
        errors_of(&content).contains(&ContentError::UnknownStepReference {
            at: "step 13 gate".into(),
            step: StepId(40)
        })
    );
}

#[test]
fn yes_no_unsure_questions_must_have_the_three_fixed_options() {
    let mut content = english().clone();
    question_mut(&mut content, "agree_now").options[2].id = OptionId::new("maybe");
    assert!(errors_of(&content).contains(&ContentError::YesNoUnsureOptions(qid("agree_now"))));
}

#[test]
fn a_question_in_a_missing_section_is_named() {
    let mut content = english().clone();
    question_mut(&mut content, "agree_now").section = SectionId::new("nowhere");
    assert!(errors_of(&content).contains(&ContentError::UnknownSection {
        question: qid("agree_now"),
        section: SectionId::new("nowhere")
    }));
}

#[test]
fn duplicate_templates_and_missing_milestone_labels_are_named() {
    let mut content = english().clone();
    if let Some(template) = content.steps[13].template.as_mut() {
        template.id = TemplateId::new("no_communication");
    }
    content.ui.milestones.retain(|m| m.days != 60);
    let errors = errors_of(&content);
    assert!(
        errors.contains(&ContentError::DuplicateTemplate(TemplateId::new(
            "no_communication"
        )))
    );
    assert!(errors.contains(&ContentError::MissingMilestoneLabel(60)));
}

#[test]
fn empty_text_is_named_with_its_place() {
    let mut content = english().clone();
    question_mut(&mut content, "litmus").prompt = "  ".into();
    assert!(errors_of(&content).contains(&ContentError::EmptyText {
        at: "question \"litmus\" prompt".into()
    }));
}

#[test]
fn malformed_json_is_a_parse_error_naming_the_file() {
    let sources = crate::domain::ContentSources {
        steps: "{ \"steps\": [ }",
        ..crate::content::ENGLISH_SOURCES
    };
    let error = Content::parse(sources).unwrap_err();
    assert_eq!(error.file, "steps.json");
    assert!(error.to_string().contains("steps.json"));
}

/// A "translation" with every word changed and every id, kind and weight kept.
fn pseudo_translation() -> Content {
    let mut content = english().clone();
    let mark = |text: &mut String| *text = format!("[xx] {text}");
    for question in &mut content.questions {
        mark(&mut question.prompt);
        for option in &mut question.options {
            mark(&mut option.label);
            mark(&mut option.effect);
        }
    }
    for step in &mut content.steps {
        mark(&mut step.title);
        step.actions.iter_mut().for_each(mark);
    }
    let ReadingText { title, .. } = &mut content.readings.motivation.love;
    mark(title);
    content
}

#[test]
fn a_faithful_translation_passes_the_structure_check() {
    assert_eq!(check_translation(english(), &pseudo_translation()), Ok(()));
}

#[test]
fn a_broken_translation_is_named_point_by_point() {
    let mut broken = pseudo_translation();
    broken.questions.retain(|q| q.id.as_str() != "agree_now");
    question_mut(&mut broken, "reasons").options[0].id = OptionId::new("infidelity");
    question_mut(&mut broken, "who_ended").options[1].weight = 5;
    question_mut(&mut broken, "circumstance").kind = QuestionKind::SingleChoice;
    broken.steps[1].kind = StepKind::Standard;
    broken.steps.pop();
    let errors = check_translation(english(), &broken).unwrap_err();
    let expected = [
        TranslationError::Missing {
            what: "question",
            id: "agree_now".into(),
        },
        TranslationError::Missing {
            what: "option",
            id: "reasons/cheating".into(),
        },
        TranslationError::Extra {
            what: "option",
            id: "reasons/infidelity".into(),
        },
        TranslationError::Differs {
            at: "option \"who_ended/them\"".into(),
            what: "weight",
        },
        TranslationError::Differs {
            at: "question \"circumstance\"".into(),
            what: "kind",
        },
        TranslationError::Differs {
            at: "step 2".into(),
            what: "kind",
        },
        TranslationError::Missing {
            what: "step",
            id: "16".into(),
        },
    ];
    for error in &expected {
        assert!(errors.contains(error), "expected {error} among {errors:?}");
    }
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    assert_eq!(
        expected[3].to_string(),
        "translation changes the weight of option \"who_ended/them\""
    );
}

#[test]
fn a_translation_that_reorders_questions_is_named() {
    let mut reordered = english().clone();
    reordered.questions.swap(0, 1);
    assert_eq!(
        check_translation(english(), &reordered),
        Err(vec![TranslationError::Differs {
            at: "the questions".into(),
            what: "order"
        }])
    );
}
