//! The question, review and result views rendered natively, checked as HTML for what a
//! reader would notice.
#![cfg(not(target_arch = "wasm32"))]

use rekindle::components::question::{selection_after_toggle, QuestionView, QuestionViewProps};
use rekindle::components::result::{HelpResources, ResultView, ResultViewProps};
use rekindle::components::review::{Review, ReviewProps};
use rekindle::content::english;
use rekindle::domain::{
    assess, next_question, visible_questions, Answer, Answers, BandId, Content, OptionId, PlanMode,
    Question, QuestionId, Signal,
};
use yew::{AttrValue, Callback, LocalServerRenderer};

// ---------------------------------------------------------------------------------------
// Helpers

fn content() -> &'static Content {
    english()
}

fn qid(id: &str) -> QuestionId {
    QuestionId::new(id)
}

fn question(id: &str) -> &'static Question {
    content()
        .question(&qid(id))
        .unwrap_or_else(|| panic!("no question {id}"))
}

/// Walks the visible questions in asking order, answering each with `pick`, and stops
/// after `stop_after` (or at the end). Picking in order is how a reader fills them in, so
/// follow-ups appear exactly when they would.
fn walk(pick: &dyn Fn(&Question) -> Answer, stop_after: Option<&str>) -> Answers {
    let c = content();
    let mut answers = Answers::new();
    let mut current: Option<QuestionId> = None;
    while let Some(q) = next_question(c, &answers, current.as_ref()) {
        let answer = pick(q);
        if let Err(e) = answers.set(c, &q.id, answer) {
            panic!("answer to {} refused: {e}", q.id);
        }
        current = Some(q.id.clone());
        if stop_after == Some(q.id.as_str()) {
            break;
        }
    }
    answers
}

/// The option with the most weight that does not end the reconciliation path or raise
/// safety; `overrides` pins particular questions to particular options.
fn hopeful_with<'a>(overrides: &'a [(&'a str, &'a str)]) -> impl Fn(&Question) -> Answer + 'a {
    move |q: &Question| {
        if let Some((_, option)) = overrides.iter().find(|(id, _)| *id == q.id.as_str()) {
            return Answer::single(*option);
        }
        let best = q
            .options
            .iter()
            .filter(|o| {
                !matches!(
                    o.signal,
                    Some(Signal::Safety | Signal::EndsReconciliation | Signal::Caution)
                )
            })
            .max_by_key(|o| o.weight)
            .unwrap_or_else(|| panic!("{} has no usable option", q.id));
        Answer::Single(best.id.clone())
    }
}

fn hopeful(overrides: &[(&str, &str)]) -> Answers {
    walk(&hopeful_with(overrides), None)
}

/// Text as Yew writes it into HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#x27;")
        .replace('"', "&quot;")
}

/// Whether `html` contains `text`, however Yew chose to escape quotes in it.
fn has_text(html: &str, text: &str) -> bool {
    let minimal = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    html.contains(text) || html.contains(&minimal) || html.contains(&esc(text))
}

/// The opening tag of the element carrying `id="<id>"`.
fn tag_with_id<'h>(html: &'h str, id: &str) -> &'h str {
    let needle = format!("id=\"{id}\"");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no element with {needle} in {html}"));
    let start = html[..at].rfind('<').unwrap_or(0);
    let end = at + html[at..].find('>').unwrap_or(html.len() - at);
    &html[start..=end]
}

/// The text between the first `open` and the next `close` after it.
fn between<'h>(html: &'h str, open: &str, close: &str) -> &'h str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in {html}"));
    let rest = &html[start..];
    let end = rest
        .find(close)
        .unwrap_or_else(|| panic!("no {close} after {open} in {html}"));
    &rest[..end]
}

async fn render_question(id: &str, answers: Answers, problem: Option<&str>) -> String {
    LocalServerRenderer::<QuestionView>::with_props(QuestionViewProps {
        texts: Default::default(),
        question_id: qid(id),
        answers,
        problem: problem.map(|p| AttrValue::from(p.to_string())),
        move_focus: false,
        on_action: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

async fn render_review(answers: Answers) -> String {
    LocalServerRenderer::<Review>::with_props(ReviewProps {
        texts: Default::default(),
        answers,
        on_action: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

async fn render_result(answers: Answers, help: HelpResources) -> String {
    render_result_for_plan(answers, help, PlanMode::Reconcile).await
}

async fn render_result_for_plan(answers: Answers, help: HelpResources, plan: PlanMode) -> String {
    LocalServerRenderer::<ResultView>::with_props(ResultViewProps {
        texts: Default::default(),
        answers,
        help,
        on_action: Callback::noop(),
        read_only: false,
        plan,
        today: None,
        move_focus: false,
        children: yew::Html::default(),
    })
    .hydratable(false)
    .render()
    .await
}

/// The band the result names in its heading (the scale picture names all of them).
fn result_title(html: &str) -> &str {
    between(html, "<h2", "</h2>")
}

fn band_title(band: BandId) -> &'static str {
    &content()
        .band(band)
        .unwrap_or_else(|| panic!("no band {band}"))
        .title
}

// ---------------------------------------------------------------------------------------
// Question

#[tokio::test]
async fn the_first_question_is_a_fieldset_with_its_prompt_as_legend_and_one_radio_per_option() {
    let first = &content().questions[0];
    let html = render_question(first.id.as_str(), Answers::new(), None).await;

    assert!(html.contains("<fieldset"), "{html}");
    let legend = between(&html, "<legend", "</legend>");
    assert!(
        has_text(legend, &first.prompt),
        "prompt not in legend: {legend}"
    );
    // The heading inside the legend takes focus (Firefox will not focus a legend).
    let heading = between(legend, "<h2", "</h2>");
    assert!(
        heading.contains("tabindex=\"-1\"") && has_text(heading, &first.prompt),
        "the question's heading takes focus: {legend}"
    );

    // Progress counts the parts of the assessment, which follow-ups never change.
    let parts = content().sections.len();
    assert!(html.contains(&format!("Part 1 of {parts}")), "{html}");
    assert!(html.contains("<progress"), "{html}");
    assert!(html.contains(&format!("max=\"{parts}\"")), "{html}");
    assert!(html.contains("value=\"1\""), "{html}");
    let progress = between(&html, "<progress", ">");
    let label_id = between(progress, "aria-labelledby=\"", "\" ")
        .trim_start_matches("aria-labelledby=\"")
        .to_string();
    assert!(
        tag_with_id(&html, &label_id).starts_with("<p"),
        "progress is labelled by the visible count"
    );

    let radios = html.matches("type=\"radio\"").count();
    assert_eq!(radios, first.options.len(), "{html}");
    assert!(!html.contains("type=\"checkbox\""), "{html}");
    assert!(!html.contains(" checked"), "nothing chosen yet: {html}");
    for option in &first.options {
        let id = format!("rk-opt-{}-{}", first.id, option.id);
        assert!(html.contains(&format!("for=\"{id}\"")), "label for {id}");
        assert!(tag_with_id(&html, &id).starts_with("<input"), "{id}");
        assert!(has_text(&html, &option.label), "{}", option.label);
    }

    let hint = content().kind_hint(first.kind);
    assert!(has_text(&html, hint), "{html}");
    if let Some(help) = &first.help {
        assert!(has_text(&html, help), "{html}");
        let fieldset = between(&html, "<fieldset", ">");
        assert!(
            fieldset.contains(&format!("rk-help-{}", first.id)),
            "help described: {fieldset}"
        );
        assert!(tag_with_id(&html, &format!("rk-help-{}", first.id)).starts_with("<p"));
    }

    let section = content()
        .section(&first.section)
        .unwrap_or_else(|| panic!("no section"));
    assert!(has_text(&html, &section.title), "{html}");

    for label in ["Back", "Next"] {
        assert!(
            html.contains(&format!(">{label}</button>")),
            "{label} button: {html}"
        );
    }
    assert_eq!(
        html.matches("<button type=\"button\"").count(),
        2,
        "both buttons are type=button: {html}"
    );
}

#[tokio::test]
async fn the_reasons_question_uses_checkboxes_and_asks_for_all_that_apply() {
    let answers = walk(&hopeful_with(&[]), Some("who_ended"));
    let reasons = question("reasons");
    let html = render_question("reasons", answers, None).await;
    assert_eq!(
        html.matches("type=\"checkbox\"").count(),
        reasons.options.len(),
        "{html}"
    );
    assert!(!html.contains("type=\"radio\""), "{html}");
    assert!(html.contains("Choose all that apply."), "{html}");
}

#[tokio::test]
async fn a_chosen_answer_renders_checked_and_the_others_do_not() {
    let mut answers = Answers::new();
    let first = &content().questions[0];
    answers
        .set(content(), &first.id, Answer::single("no"))
        .unwrap_or_else(|e| panic!("{e}"));
    let html = render_question(first.id.as_str(), answers, None).await;
    for option in &first.options {
        let tag = tag_with_id(&html, &format!("rk-opt-{}-{}", first.id, option.id));
        assert_eq!(
            tag.contains(" checked"),
            option.id.as_str() == "no",
            "{tag}"
        );
    }
}

#[tokio::test]
async fn several_ticked_reasons_all_render_checked() {
    let mut answers = walk(&hopeful_with(&[]), Some("reasons"));
    answers
        .set(
            content(),
            &qid("reasons"),
            Answer::multiple(["lying", "giving_up"]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let html = render_question("reasons", answers, None).await;
    assert_eq!(html.matches(" checked").count(), 2, "{html}");
    assert!(tag_with_id(&html, "rk-opt-reasons-lying").contains(" checked"));
    assert!(tag_with_id(&html, "rk-opt-reasons-giving_up").contains(" checked"));
}

#[tokio::test]
async fn a_problem_is_shown_in_an_alert_near_the_buttons() {
    let first = &content().questions[0];
    let problem = "Choose an answer to go on.";
    let html = render_question(first.id.as_str(), Answers::new(), Some(problem)).await;
    let alert = between(&html, "role=\"alert\"", "</p>");
    assert!(alert.contains(problem), "{html}");
    let after_alert = &html[html.find("role=\"alert\"").unwrap_or(0)..];
    assert!(
        after_alert.contains(">Next</button>"),
        "alert sits before the buttons"
    );

    let quiet = render_question(first.id.as_str(), Answers::new(), None).await;
    assert!(!quiet.contains(problem), "{quiet}");
}

#[tokio::test]
async fn the_count_follows_only_the_questions_that_apply() {
    // A clear request for distance skips the questions about getting back together.
    let first = content().questions[0].id.clone();
    let mut answers = Answers::new();
    answers
        .set(content(), &first, Answer::single("yes"))
        .unwrap_or_else(|e| panic!("{e}"));
    let visible = visible_questions(content(), &answers);
    assert!(visible.len() < content().questions.len());
    let second = next_question(content(), &answers, Some(&first))
        .unwrap_or_else(|| panic!("a second question"));
    let html = render_question(second.id.as_str(), answers.clone(), None).await;
    // Two parts (the other good signs, why you broke up) no longer apply.
    let parts = content().sections.len() - 2;
    assert!(html.contains(&format!("Part 2 of {parts}")), "{html}");

    let last = visible.last().unwrap_or_else(|| panic!("a last question"));
    let html = render_question(last.id.as_str(), answers, None).await;
    assert!(html.contains(&format!("Part {parts} of {parts}")), "{html}");
    assert!(html.contains(">Review my answers</button>"), "{html}");
}

#[tokio::test]
async fn a_question_that_no_longer_applies_offers_to_carry_on() {
    let mut answers = Answers::new();
    answers
        .set(content(), &content().questions[0].id, Answer::single("yes"))
        .unwrap_or_else(|e| panic!("{e}"));
    let html = render_question("still_cares", answers, None).await;
    assert!(html.contains("no longer applies"), "{html}");
    assert!(!html.contains("<fieldset"), "{html}");
}

#[test]
fn ticking_an_exclusive_option_clears_the_others_and_the_reverse() {
    let harm = question("serious_harm");
    let none = OptionId::new("none");
    let cheating = OptionId::new("cheating");
    let values = OptionId::new("core_values");

    let ticked = Answer::multiple(["cheating", "core_values"]);
    assert_eq!(
        selection_after_toggle(harm, Some(&ticked), &none),
        vec![none.clone()],
        "an exclusive option stands alone"
    );
    let only_none = Answer::multiple(["none"]);
    assert_eq!(
        selection_after_toggle(harm, Some(&only_none), &cheating),
        vec![cheating.clone()],
        "another option drops the exclusive one"
    );
    assert_eq!(
        selection_after_toggle(harm, Some(&ticked), &cheating),
        vec![values.clone()],
        "ticking a ticked option unticks it"
    );
    assert_eq!(
        selection_after_toggle(harm, None, &values),
        vec![values.clone()]
    );
    assert!(
        selection_after_toggle(harm, Some(&Answer::multiple(["cheating"])), &cheating).is_empty()
    );
    // Whatever the starting point, the result is an answer the domain accepts.
    for start in [None, Some(&ticked), Some(&only_none)] {
        for option in &harm.options {
            let selection = selection_after_toggle(harm, start, &option.id);
            if selection.is_empty() {
                continue;
            }
            let mut answers = Answers::new();
            answers
                .set(content(), &qid("serious_harm"), Answer::Multiple(selection))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Review

#[tokio::test]
async fn review_lists_every_visible_question_with_its_answer_and_a_change_button() {
    let answers = walk(&hopeful_with(&[]), Some("serious_harm"));
    let visible = visible_questions(content(), &answers);
    let html = render_review(answers.clone()).await;

    assert!(html.contains("Your answers"), "{html}");
    let mut from = 0;
    for q in &visible {
        let at = html[from..]
            .find(&esc(&q.prompt))
            .or_else(|| html[from..].find(&q.prompt))
            .unwrap_or_else(|| panic!("{} missing or out of order: {html}", q.id));
        from += at;
        assert!(
            html.contains("aria-label=\"Change your answer to: ")
                && (html.contains(&format!("Change your answer to: {}", q.prompt))
                    || html.contains(&format!("Change your answer to: {}", esc(&q.prompt)))),
            "change button names {}",
            q.id
        );
    }
    assert_eq!(html.matches(">Change</button>").count(), visible.len());

    let answered = question("still_cares");
    let chosen = answers
        .get(&answered.id)
        .and_then(|a| a.selected().first())
        .and_then(|id| answered.option(id))
        .unwrap_or_else(|| panic!("still_cares answered"));
    assert!(has_text(&html, &chosen.label), "{html}");

    let open = visible
        .iter()
        .filter(|q| answers.get(&q.id).is_none())
        .count();
    assert_eq!(html.matches("Not answered yet").count(), open);
    assert!(
        html.contains(&format!("{open} questions are still open")),
        "{html}"
    );
    assert!(html.contains(">Answer the rest</button>"), "{html}");
    assert!(!html.contains("See my result"), "{html}");

    for section in ["Do they still care?", "The three clear signs"] {
        assert!(has_text(&html, section), "grouped under {section}");
    }
}

#[tokio::test]
async fn review_offers_the_result_only_when_every_question_is_answered() {
    let html = render_review(hopeful(&[])).await;
    assert!(html.contains(">See my result</button>"), "{html}");
    assert!(!html.contains("Answer the rest"), "{html}");
    assert!(!html.contains("Not answered yet"), "{html}");
}

// ---------------------------------------------------------------------------------------
// Result

#[tokio::test]
async fn a_hopeful_result_names_the_band_and_explains_every_answer_that_moved_it() {
    let answers = hopeful(&[("reasons", "poor_communication")]);
    let outcome = assess(content(), &answers);
    assert!(outcome.complete);
    assert_eq!(outcome.band, BandId::GoodChance);
    let html = render_result(answers, HelpResources::default()).await;

    let title = band_title(BandId::GoodChance);
    let heading = between(&html, "<h2", "</h2>");
    assert!(heading.contains(title), "{heading}");
    assert!(heading.contains("tabindex=\"-1\""), "{heading}");
    let status = between(&html, "role=\"status\"", "</p>");
    assert!(
        status.contains(&format!("Your result: {title}")),
        "{status}"
    );
    let band = content()
        .band(BandId::GoodChance)
        .unwrap_or_else(|| panic!("band"));
    assert!(has_text(&html, &band.summary), "{html}");

    assert!(html.contains("What moved your result"), "{html}");
    for c in &outcome.contributions {
        assert!(has_text(&html, &c.explanation), "{}", c.explanation);
        assert!(has_text(&html, &c.option_label), "{}", c.option_label);
    }
    assert!(html.contains(">+3<"), "signed weight: {html}");
    assert!(html.contains("raises the outlook by 3 points"), "{html}");
    assert!(html.contains(">\u{2212}1<"), "a real minus sign: {html}");
    assert!(html.contains("lowers the outlook by 1 point<"), "{html}");
    assert!(!html.contains(">-1<"), "no hyphen as minus: {html}");

    // In the full list, reasons for hope come before the things that make it harder.
    let all = between(&html, "rk-all-answers", "</details>");
    let hope = all
        .find("Reasons for hope")
        .unwrap_or_else(|| panic!("{all}"));
    let harder = all
        .find("Things that make it harder")
        .unwrap_or_else(|| panic!("{all}"));
    let minus = all.find("\u{2212}1").unwrap_or(0);
    assert!(hope < harder && harder < minus, "{all}");
    assert!(all.contains("rk-contributions rk-for"), "{all}");
    assert!(all.contains("rk-contributions rk-against"), "{all}");

    assert!(html.contains(">Start my plan</button>"), "{html}");
    assert!(html.contains(">Review my answers</button>"), "{html}");
    assert!(
        !html.contains(&format!(">{}<", outcome.score)),
        "the score itself is never shown: {html}"
    );
}

#[tokio::test]
async fn a_safety_answer_shows_only_safety_and_the_embedders_help() {
    let answers = hopeful(&[("felt_afraid", "yes")]);
    assert_eq!(assess(content(), &answers).band, BandId::Safety);
    let help = HelpResources {
        text: Some("Call the Example Helpline on 0800 000 000, free, day or night.".into()),
        url: Some("https://help.example.org/abuse".into()),
        exit_url: None,
    };
    let html = render_result(answers, help).await;

    let safety = content()
        .band(BandId::Safety)
        .unwrap_or_else(|| panic!("band"));
    assert!(
        between(&html, "<h2", "</h2>").contains(&esc(&safety.title))
            || html.contains(&safety.title)
    );
    assert!(has_text(&html, &safety.summary), "{html}");
    for paragraph in &safety.advice {
        assert!(has_text(&html, paragraph), "{paragraph}");
    }
    assert!(
        html.contains("Call the Example Helpline on 0800 000 000"),
        "{html}"
    );
    let help_box = between(&html, "class=\"rk-help-box\"", "</div>");
    let link = between(help_box, "<a ", ">");
    assert!(
        link.contains("href=\"https://help.example.org/abuse\""),
        "{link}"
    );
    assert!(link.contains("noopener"), "{link}");
    assert!(link.contains("target=\"_blank\""), "{link}");
    assert!(between(&html, "role=\"status\"", "</p>").contains("Your result: "));

    for band in BandId::OUTLOOKS {
        assert!(!has_text(&html, band_title(band)), "{band} shown: {html}");
    }
    for absent in [
        "Start my plan",
        "What moved your result",
        "Three things to do now",
        "Step 1:",
        "Love or loneliness",
        "Could you be friends",
    ] {
        assert!(!html.contains(absent), "{absent} shown: {html}");
    }
    assert!(html.contains(">Review my answers</button>"), "{html}");
}

#[tokio::test]
async fn without_help_resources_the_safety_result_still_says_where_help_is() {
    let answers = hopeful(&[("serious_harm", "violence_or_abuse")]);
    let html = render_result(answers, HelpResources::default()).await;
    assert!(html.contains("domestic abuse helplines"), "{html}");
    assert!(html.contains("emergency number"), "{html}");
    let help_box = between(&html, "class=\"rk-help-box\"", "</div>");
    assert!(!help_box.contains("<a "), "no empty link: {html}");
}

#[tokio::test]
async fn a_help_url_that_is_not_a_web_or_phone_link_is_not_linked() {
    let answers = hopeful(&[("felt_afraid", "yes")]);
    let help = HelpResources {
        text: None,
        url: Some("javascript:alert(1)".into()),
        exit_url: None,
    };
    let html = render_result(answers, help).await;
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("domestic abuse helplines"), "{html}");
}

#[tokio::test]
async fn safety_shows_even_before_every_question_is_answered() {
    let answers = walk(
        &hopeful_with(&[("serious_harm", "violence_or_abuse")]),
        Some("serious_harm"),
    );
    let html = render_result(answers, HelpResources::default()).await;
    assert!(has_text(&html, band_title(BandId::Safety)), "{html}");
    assert!(!html.contains("Finish the questions"), "{html}");
}

#[tokio::test]
async fn love_and_an_open_door_to_friendship_read_as_such() {
    let friendly = [
        ("what_you_miss", "partner"),
        ("someone_new", "no"),
        ("unresolved_feelings", "no"),
        ("ex_with_someone_else", "no"),
        ("mainly_lonely", "no"),
        ("hope_they_change", "no"),
        ("keeping_tabs", "no"),
        ("want_them_back", "no"),
        ("litmus", "no"),
    ];
    let html = render_result(hopeful(&friendly), HelpResources::default()).await;
    let readings = &content().readings;
    for text in [
        &readings.motivation.love.title,
        &readings.motivation.love.text,
        &readings.friendship.ready.title,
        &readings.friendship.ready.text,
    ] {
        assert!(has_text(&html, text), "{text}: {html}");
    }
    assert!(html.contains("None of the 6 warning signs"), "{html}");
    assert!(
        !has_text(&html, &readings.motivation.loneliness.title),
        "{html}"
    );
}

#[tokio::test]
async fn loneliness_and_a_warning_sign_read_as_such() {
    let lonely = [
        ("what_you_miss", "being_in_love"),
        ("someone_new", "yes"),
        ("keeping_tabs", "yes"),
    ];
    let html = render_result(hopeful(&lonely), HelpResources::default()).await;
    let readings = &content().readings;
    assert!(
        has_text(&html, &readings.motivation.loneliness.title),
        "{html}"
    );
    assert!(
        has_text(&html, &readings.friendship.not_yet.title),
        "{html}"
    );
    assert!(html.contains("1 of the 6 warning signs"), "{html}");
    assert!(!has_text(&html, &readings.friendship.ready.title), "{html}");
}

#[tokio::test]
async fn the_three_things_to_do_now_link_to_the_steps_that_serve_them() {
    let answers = hopeful(&[]);
    let outcome = assess(content(), &answers);
    assert_eq!(outcome.actions_now.len(), 3);
    let html = render_result(answers, HelpResources::default()).await;
    assert!(html.contains("Three things to do now"), "{html}");
    for action in &outcome.actions_now {
        assert!(has_text(&html, &action.title), "{}", action.title);
        assert!(has_text(&html, &action.text), "{}", action.text);
        for id in &action.step_ids {
            let step = content().step(*id).unwrap_or_else(|| panic!("step {id}"));
            let label = format!("Step {}: {}", step.id, step.title);
            let button = format!(">{}</button>", esc(&label));
            let plain = format!(">{label}</button>");
            assert!(
                html.contains(&button) || html.contains(&plain),
                "{label}: {html}"
            );
        }
    }
}

#[tokio::test]
async fn a_clear_request_for_distance_leads_to_moving_on_and_says_why() {
    let answers = hopeful(&[("ex_asked_for_distance", "yes")]);
    let outcome = assess(content(), &answers);
    assert_eq!(outcome.band, BandId::MoveOn);
    let html = render_result(answers, HelpResources::default()).await;
    assert!(has_text(&html, band_title(BandId::MoveOn)), "{html}");
    assert!(
        !result_title(&html).contains(band_title(BandId::GoodChance)),
        "{html}"
    );
    assert!(html.contains("decides the outlook"), "{html}");
    assert!(html.contains("Make sense of what happened"), "{html}");
    assert!(
        has_text(&html, "Step 15: Accept where things are"),
        "{html}"
    );
}

#[tokio::test]
async fn unfinished_answers_get_a_kind_nudge_instead_of_a_result() {
    let answers = walk(&hopeful_with(&[]), Some("still_compatible"));
    let html = render_result(answers, HelpResources::default()).await;
    assert!(html.contains(">Finish the questions</button>"), "{html}");
    assert!(html.contains("questions left"), "{html}");
    for band in BandId::ALL {
        assert!(!has_text(&html, band_title(band)), "{band}: {html}");
    }
    assert!(!html.contains("Start my plan"), "{html}");
    assert!(!html.contains("What moved your result"), "{html}");
}

// ----- safety through the whole journey -----

fn quick_exit_link(html: &str) -> &str {
    between(html, "<a href=", ">Leave this page quickly</a>")
}

#[tokio::test]
async fn the_safety_result_offers_a_quick_exit_to_the_embedders_neutral_page() {
    let answers = hopeful(&[("felt_afraid", "yes")]);
    let html = render_result(answers.clone(), HelpResources::default()).await;
    let link = quick_exit_link(&html);
    assert!(link.contains("\"https://www.google.com/\""), "{link}");
    assert!(
        link.contains("target=\"_top\""),
        "leaves an iframe too: {link}"
    );
    assert!(
        link.contains("noreferrer"),
        "the neutral site never learns where from: {link}"
    );
    assert!(html.contains("Delete what this page saved"), "{html}");

    let help = HelpResources {
        exit_url: Some("https://weather.example/".into()),
        ..HelpResources::default()
    };
    let html = render_result(answers, help).await;
    assert!(
        quick_exit_link(&html).contains("\"https://weather.example/\""),
        "{html}"
    );
}

#[tokio::test]
async fn fear_answered_not_sure_with_an_angry_controlling_ex_shows_a_safety_note_and_caps_the_outlook(
) {
    let answers = hopeful(&[
        ("felt_afraid", "not_sure"),
        ("reasons", "misdirected_rage"),
        ("who_hurt", "they_hurt_me"),
    ]);
    let outcome = assess(content(), &answers);
    assert_eq!(
        outcome.band,
        BandId::Uphill,
        "hopeful otherwise, capped at uphill"
    );
    let html = render_result(answers, HelpResources::default()).await;
    assert!(has_text(&html, band_title(BandId::Uphill)), "{html}");
    assert!(
        !result_title(&html).contains(band_title(BandId::GoodChance)),
        "{html}"
    );
    let note = between(
        &html,
        "class=\"rk-result-part rk-safety-note\"",
        "</section>",
    );
    assert!(note.contains(&esc(&content().safety_note.title)), "{note}");
    assert!(
        note.contains("domestic abuse helplines"),
        "help is in the note: {note}"
    );
    assert!(note.contains("Leave this page quickly"), "{note}");
    assert!(note.contains("Delete what this page saved"), "{note}");
    assert!(note.contains("— I'm not sure"), "names the answer: {note}");
    assert!(
        note.contains("Anger taken out on the other person"),
        "{note}"
    );
    assert!(
        !html.contains("Step 13"),
        "no link to talking with them: {html}"
    );
    assert!(html.contains("Make a plan for moving on"), "{html}");
}

#[tokio::test]
async fn a_move_on_outlook_offers_a_plan_for_moving_on_and_leaves_the_choice() {
    let answers = hopeful(&[
        ("serious_harm", "core_values"),
        ("still_cares", "seems_not"),
        ("still_compatible", "no"),
        ("circumstance", "no"),
        ("issues_fixable", "no"),
        ("both_willing_to_compromise", "no"),
        ("agree_now", "no"),
    ]);
    assert_eq!(assess(content(), &answers).band, BandId::MoveOn);
    let html = render_result(answers.clone(), HelpResources::default()).await;
    let offer = between(
        &html,
        "class=\"rk-result-part rk-move-on-offer\"",
        "</section>",
    );
    assert!(offer.contains(">Plan for moving on</button>"), "{offer}");
    assert!(
        offer.contains(">Keep a plan for reconnecting</button>"),
        "{offer}"
    );
    assert!(
        !html.contains("rk-safety-note"),
        "not a safety matter: {html}"
    );

    let html = render_result_for_plan(answers, HelpResources::default(), PlanMode::MovingOn).await;
    assert!(!html.contains("rk-move-on-offer"), "already chosen: {html}");
    assert!(html.contains(">Start my plan</button>"), "{html}");
}

// ----- the result at a glance -----

/// The scale picture's text alternative, and whether the marker sits inside the zone
/// drawn as the reader's.
fn scale_of(html: &str) -> (String, bool) {
    let figure = between(html, "<figure class=\"rk-scale\">", "</figure>");
    let caption = between(figure, "<figcaption class=\"rk-sr-only\">", "</figcaption>").to_string();
    let number = |attr: &str, text: &str| -> i32 {
        let at = text
            .rfind(&format!("{attr}=\""))
            .unwrap_or_else(|| panic!("{attr} in {text}"));
        text[at + attr.len() + 2..]
            .split('"')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{attr} in {text}"))
    };
    let yours = figure
        .split("<rect ")
        .find(|r| r.contains("rk-zone-yours"))
        .unwrap_or_else(|| panic!("no zone is yours: {figure}"));
    let (x, width) = (number("x", yours), number("width", yours));
    let marker = number("cx", figure);
    (caption, (x..=x + width).contains(&marker))
}

#[tokio::test]
async fn the_scale_picture_says_in_words_where_the_answers_landed() {
    let cases = [
        (hopeful(&[]), BandId::GoodChance, "fourth"),
        (
            hopeful(&[("ex_asked_for_distance", "yes")]),
            BandId::MoveOn,
            "first",
        ),
        (
            hopeful(&[("felt_afraid", "not_sure"), ("reasons", "toxic")]),
            BandId::Uphill,
            "second",
        ),
    ];
    for (answers, band, rank) in cases {
        assert_eq!(assess(content(), &answers).band, band);
        let html = render_result(answers, HelpResources::default()).await;
        let (caption, inside) = scale_of(&html);
        assert!(caption.contains(band_title(band)), "{band}: {caption}");
        assert!(
            caption.contains(&format!("the {rank} of four outlooks")),
            "{caption}"
        );
        assert!(
            inside,
            "{band}: the marker sits in the reader's own zone: {html}"
        );
    }
    // Capped by a safety concern, the marker never shows a hopeful spot.
    let html = render_result(
        hopeful(&[("felt_afraid", "not_sure")]),
        HelpResources::default(),
    )
    .await;
    assert!(html.contains("rk-zone-uphill rk-zone-yours"), "{html}");

    let html = render_result(hopeful(&[("felt_afraid", "yes")]), HelpResources::default()).await;
    assert!(
        !html.contains("rk-scale"),
        "the safety result keeps its calm layout: {html}"
    );
}

#[tokio::test]
async fn the_top_shows_three_answers_each_way_and_the_rest_sit_in_a_disclosure() {
    let answers = hopeful(&[("reasons", "cheating"), ("who_ended", "them")]);
    let outcome = assess(content(), &answers);
    let html = render_result(answers, HelpResources::default()).await;
    let glance = between(&html, "rk-glance", "</section>");
    assert_eq!(
        glance.matches("<li class=\"rk-brief\"").count(),
        3 + 2,
        "{glance}"
    );
    assert!(
        glance.find("Helped most") < glance.find("Weighed most"),
        "{glance}"
    );
    assert!(
        glance.contains("\u{2212}3"),
        "cheating weighs most: {glance}"
    );
    let details = between(&html, "<details", "</details>");
    assert!(
        details.contains(&format!(
            "All {} answers and what they did",
            outcome.contributions.len()
        )),
        "{details}"
    );
    assert_eq!(
        details.matches("<li class=\"rk-contribution\"").count(),
        outcome.contributions.len()
    );
    assert!(html.contains(">Print or save as PDF</button>"), "{html}");
}
