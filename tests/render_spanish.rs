//! Every view rendered in Spanish: the reader sees Spanish words only. Each view gets
//! the Spanish `Texts` as the shell passes them, and the HTML is checked for every
//! English interface and content text that Spanish writes differently.
#![cfg(not(target_arch = "wasm32"))]

use rekindle::components::nav::Nav;
use rekindle::components::no_contact::NoContactView;
use rekindle::components::plan::PlanOverview;
use rekindle::components::question::QuestionView;
use rekindle::components::result::{HelpResources, ResultView};
use rekindle::components::review::Review;
use rekindle::components::share_panel::{SharePanel, ShareState};
use rekindle::components::shared_result::{IncomingShare, SharedResult};
use rekindle::components::step_detail::StepDetail;
use rekindle::components::storage_notice::{NotSavingReason, StorageNotice, StorageNoticeBanner};
use rekindle::components::templates::{CopyState, TemplatesView};
use rekindle::components::welcome::Welcome;
use rekindle::components::your_data::{ImportState, YourData};
use rekindle::content;
use rekindle::domain::{
    assess, next_question, share, Answer, Answers, AppState, BandId, Day, Direction, PlanMode,
    Question, QuestionId, Signal, StepId, StepStatus, Tracker,
};
use rekindle::i18n::{Lang, Texts};
use rekindle::state::View;
use yew::prelude::*;
use yew::LocalServerRenderer;

fn spanish() -> Texts {
    match Texts::get(Lang::Es) {
        Some(texts) => texts,
        None => panic!("Spanish is compiled into native builds"),
    }
}

#[derive(Properties, PartialEq)]
struct InSpanishProps {
    view: Html,
}

/// Renders a view given as markup (each with `texts={spanish()}`).
#[component]
fn InSpanish(props: &InSpanishProps) -> Html {
    props.view.clone()
}

async fn render(view: Html) -> String {
    LocalServerRenderer::<InSpanish>::with_props(InSpanishProps { view })
        .hydratable(false)
        .render()
        .await
}

/// Text as Yew escapes it in HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#x27;")
        .replace('"', "&quot;")
}

/// English texts Spanish writes differently, long enough not to be a word the two share
/// (a placeholder's surroundings are checked piece by piece).
fn english_only() -> Vec<String> {
    let spanish: Vec<String> = spanish()
        .content()
        .texts()
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let mut pieces = Vec::new();
    for ((_, english), translated) in content::english().texts().into_iter().zip(&spanish) {
        if english == *translated {
            continue;
        }
        for piece in english.split(['{', '}']) {
            let piece = piece.trim();
            if piece.len() >= 12 && !spanish.iter().any(|s| s.contains(piece)) {
                pieces.push(piece.to_string());
            }
        }
    }
    pieces
}

/// Fails with the English left in `html`, if any.
fn assert_spanish(what: &str, html: &str) {
    let left: Vec<String> = english_only()
        .into_iter()
        .filter(|piece| html.contains(piece.as_str()) || html.contains(&esc(piece)))
        .collect();
    assert!(
        left.is_empty(),
        "{what} still shows English: {left:?}\n{html}"
    );
    assert!(html.len() > 200, "{what} rendered almost nothing: {html}");
}

fn walk(pick: &dyn Fn(&Question) -> Answer) -> Answers {
    let c = content::english();
    let mut answers = Answers::new();
    let mut current: Option<QuestionId> = None;
    while let Some(q) = next_question(c, &answers, current.as_ref()) {
        if let Err(e) = answers.set(c, &q.id, pick(q)) {
            panic!("answer to {} refused: {e}", q.id);
        }
        current = Some(q.id.clone());
    }
    answers
}

/// A complete, hopeful set of answers.
fn hopeful() -> Answers {
    walk(&|q: &Question| {
        let best = q
            .options
            .iter()
            .filter(|o| {
                !matches!(
                    o.signal,
                    Some(Signal::Safety | Signal::EndsReconciliation | Signal::Caution)
                )
            })
            .max_by_key(|o| o.weight);
        match best {
            Some(option) => Answer::Single(option.id.clone()),
            None => panic!("{} has no usable option", q.id),
        }
    })
}

/// Answers that raise the safety result.
fn unsafe_answers() -> Answers {
    let mut answers = Answers::new();
    let c = content::english();
    let fear = c
        .questions
        .iter()
        .find(|q| q.options.iter().any(|o| o.signal == Some(Signal::Safety)))
        .expect("a safety question");
    let option = fear
        .options
        .iter()
        .find(|o| o.signal == Some(Signal::Safety))
        .expect("a safety option");
    let answer = if fear.kind == rekindle::domain::QuestionKind::MultipleChoice {
        Answer::Multiple(vec![option.id.clone()])
    } else {
        Answer::Single(option.id.clone())
    };
    if let Err(e) = answers.set(c, &fear.id, answer) {
        panic!("{e}");
    }
    answers
}

fn today() -> Day {
    Day::from_ymd(2026, 11, 26).expect("a real date")
}

fn busy_tracker() -> Tracker {
    let c = content::english();
    let mut tracker = Tracker::default();
    let started = Day(today().0 - 20);
    if let Err(e) = tracker.start_no_contact(c, started) {
        panic!("{e}");
    }
    if let Err(e) = tracker.log_slip(Day(today().0 - 5), "") {
        panic!("{e}");
    }
    if let Err(e) = tracker.set_status(c, StepId(1), StepStatus::Done, today()) {
        panic!("{e}");
    }
    if let Err(e) = tracker.set_status(c, StepId(3), StepStatus::Skipped, today()) {
        panic!("{e}");
    }
    if let Err(e) = tracker.add_note(c, StepId(4), today(), "Mi nota") {
        panic!("{e}");
    }
    tracker
}

fn direction(tracker: &Tracker) -> Direction {
    Direction::new(content::english(), &Answers::new(), tracker)
}

#[tokio::test]
async fn the_welcome_and_the_navigation_are_in_spanish() {
    let html =
        render(html! { <Welcome texts={spanish()} has_saved_progress={false} on_start={Callback::noop()} /> }).await;
    assert!(html.contains("Empezar la evaluación"), "{html}");
    assert_spanish("welcome", &html);
    let nav =
        render(html! { <Nav texts={spanish()} view={View::Plan} on_action={Callback::noop()} /> })
            .await;
    assert!(
        nav.contains("Mi plan") && nav.contains("Evaluación"),
        "{nav}"
    );
}

#[tokio::test]
async fn every_question_is_in_spanish() {
    let c = content::english();
    let answers = hopeful();
    for question in rekindle::domain::visible_questions(c, &answers) {
        let html = render(html! {
            <QuestionView texts={spanish()} question_id={question.id.clone()} answers={answers.clone()} on_action={Callback::noop()} />
        })
        .await;
        assert!(html.contains("Parte "), "{html}");
        assert_spanish(&format!("question {}", question.id), &html);
    }
}

#[tokio::test]
async fn the_review_and_every_result_are_in_spanish() {
    let answers = hopeful();
    let review =
        render(html! { <Review texts={spanish()} answers={answers.clone()} on_action={Callback::noop()} /> }).await;
    assert!(review.contains("Tus respuestas"), "{review}");
    assert_spanish("review", &review);

    let result = render(html! {
        <ResultView texts={spanish()} answers={answers.clone()} today={Some(today())} on_action={Callback::noop()}>
            <SharePanel texts={spanish()} state={ShareState::Idle} on_share={Callback::noop()} />
        </ResultView>
    })
    .await;
    assert!(result.contains("Tu resultado"), "{result}");
    assert!(result.contains("Compartir en privado"), "{result}");
    assert_spanish("result", &result);

    let safety = render(html! {
        <ResultView texts={spanish()} answers={unsafe_answers()} help={HelpResources::default()} on_action={Callback::noop()} />
    })
    .await;
    let band = spanish()
        .content()
        .band(BandId::Safety)
        .expect("safety band");
    assert!(safety.contains(&esc(&band.title)), "{safety}");
    assert!(safety.contains("Salir rápido de esta página"), "{safety}");
    assert!(safety.contains("Dónde encontrar ayuda"), "{safety}");
    assert_spanish("safety result", &safety);

    let unfinished = render(html! {
        <ResultView texts={spanish()} answers={Answers::new()} on_action={Callback::noop()} />
    })
    .await;
    assert!(unfinished.contains("Ya casi"), "{unfinished}");
    assert_spanish("unfinished result", &unfinished);
}

#[tokio::test]
async fn every_outlook_reads_in_spanish() {
    // The least hopeful outlook, with its scale described in words, in Spanish.
    let c = content::english();
    let gloomy = walk(&|q: &Question| {
        let worst = q
            .options
            .iter()
            .filter(|o| !matches!(o.signal, Some(Signal::Safety | Signal::Caution)))
            .min_by_key(|o| o.weight);
        match worst {
            Some(option) => Answer::Single(option.id.clone()),
            None => panic!("{} has no usable option", q.id),
        }
    });
    assert_eq!(assess(c, &gloomy).band, BandId::MoveOn);
    let html = render(html! {
        <ResultView texts={spanish()} answers={gloomy} plan={PlanMode::Reconcile} on_action={Callback::noop()} />
    })
    .await;
    assert!(html.contains("Mejor seguir adelante"), "{html}");
    assert!(html.contains("la primera de cuatro perspectivas"), "{html}");
    assert_spanish("move-on result", &html);
}

#[tokio::test]
async fn sharing_and_a_shared_result_are_in_spanish() {
    let ready = render(html! {
        <SharePanel texts={spanish()} state={ShareState::Ready { link: "https://example.org/#r=1.x".into(), copied: false, with_passphrase: true }} on_share={Callback::noop()} />
    })
    .await;
    assert!(ready.contains("Tu enlace privado"), "{ready}");
    assert_spanish("share panel", &ready);

    let opened = render(html! {
        <SharedResult texts={spanish()}
            incoming={IncomingShare::Opened { answers: hopeful(), made_on: today() }}
            has_own_answers={true}
            on_passphrase={Callback::noop()}
            on_take_yourself={Callback::noop()}
            on_save_as_mine={Callback::noop()}
        />
    })
    .await;
    assert!(
        opened.contains("Un resultado que alguien compartió contigo"),
        "{opened}"
    );
    assert_spanish("shared result", &opened);

    let locked = render(html! {
        <SharedResult texts={spanish()}
            incoming={IncomingShare::NeedsPassphrase { problem: None }}
            has_own_answers={false}
            on_passphrase={Callback::noop()}
            on_take_yourself={Callback::noop()}
            on_save_as_mine={Callback::noop()}
        />
    })
    .await;
    assert!(locked.contains("Frase de acceso"), "{locked}");
    assert_spanish("passphrase prompt", &locked);
}

#[tokio::test]
async fn the_plan_every_step_the_counter_and_the_templates_are_in_spanish() {
    let tracker = busy_tracker();
    let plan = render(html! {
        <PlanOverview texts={spanish()} tracker={tracker.clone()} direction={direction(&tracker)} today={Some(today())} on_action={Callback::noop()} />
    })
    .await;
    assert!(plan.contains("Tu plan"), "{plan}");
    assert!(plan.contains("1 paso omitido"), "{plan}");
    assert_spanish("plan", &plan);

    for step in content::english().steps.iter().map(|s| s.id) {
        let html = render(html! {
            <StepDetail texts={spanish()} step={step} tracker={tracker.clone()} today={today()} direction={direction(&tracker)} on_action={Callback::noop()} />
        })
        .await;
        assert!(html.contains("Paso "), "{html}");
        assert_spanish(&format!("step {step}"), &html);
    }

    let counter = render(html! {
        <NoContactView texts={spanish()} tracker={tracker.clone()} today={today()} on_action={Callback::noop()} />
    })
    .await;
    assert!(
        counter.contains("Tu contador de contacto cero"),
        "{counter}"
    );
    assert!(counter.contains("días"), "{counter}");
    assert_spanish("no-contact counter", &counter);

    let fresh = render(html! {
        <NoContactView texts={spanish()} tracker={Tracker::default()} today={today()} on_action={Callback::noop()} />
    })
    .await;
    assert!(fresh.contains("Empezar a contar hoy"), "{fresh}");
    assert_spanish("counter not started", &fresh);

    let templates = render(html! {
        <TemplatesView texts={spanish()} tracker={tracker.clone()} direction={direction(&tracker)} copy_state={CopyState::Idle} on_action={Callback::noop()} on_copy={Callback::noop()} />
    })
    .await;
    assert!(
        templates.contains("Mensajes que podrías enviar"),
        "{templates}"
    );
    assert_spanish("templates", &templates);
}

#[tokio::test]
async fn your_data_and_the_storage_banners_are_in_spanish() {
    let saved = AppState {
        tracker: busy_tracker(),
        ..AppState::default()
    };
    let html = render(html! {
        <YourData texts={spanish()}
            saved={saved}
            storage_key={AttrValue::from("rekindle.default.v1")}
            saving={true}
            persisted={Some(false)}
            import_state={ImportState::Idle}
            offline_download={Some(AttrValue::from("rekindle-offline.html"))}
            on_export={Callback::noop()}
            on_import_file={Callback::noop()}
            on_confirm_import={Callback::noop()}
            on_cancel_import={Callback::noop()}
            on_delete={Callback::noop()}
        />
    })
    .await;
    assert!(html.contains("Tus datos"), "{html}");
    assert!(html.contains("1 nota del diario"), "{html}");
    assert_spanish("your data", &html);

    for notice in [
        StorageNotice::Damaged {
            started_fresh: true,
        },
        StorageNotice::NotSaving(NotSavingReason::Refused),
        StorageNotice::NotSaving(NotSavingReason::NewerVersion),
        StorageNotice::NotSaving(NotSavingReason::CouldNotBackUp),
    ] {
        let banner = render(html! {
            <StorageNoticeBanner texts={spanish()} notice={notice.clone()} on_download_damaged={Callback::noop()} on_export={Callback::noop()} on_dismiss={Callback::noop()} />
        })
        .await;
        assert_spanish(&format!("{notice:?}"), &banner);
    }
}

#[test]
fn a_link_made_in_english_opens_in_spanish_with_the_same_result() {
    let english = content::english();
    let spanish = spanish().content();
    let answers = hopeful();
    let bytes = share::encode_answers(english, &answers, today());
    let opened = match share::decode_answers(spanish, &bytes) {
        Ok(opened) => opened,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(opened.answers, answers);
    let (ours, theirs) = (assess(english, &answers), assess(spanish, &opened.answers));
    assert_eq!(ours.band, theirs.band);
    assert_eq!(ours.score, theirs.score);
    // And the other way round.
    let back = share::encode_answers(spanish, &answers, today());
    assert_eq!(
        back, bytes,
        "answers are ids, so the link is the same in both languages"
    );
}

#[test]
fn safety_holds_contact_back_in_spanish_exactly_as_in_english() {
    let english = content::english();
    let spanish = spanish().content();
    let tracker = Tracker::default();
    for answers in [unsafe_answers(), hopeful(), Answers::new()] {
        let ours = Direction::new(english, &answers, &tracker);
        let theirs = Direction::new(spanish, &answers, &tracker);
        assert_eq!(ours, theirs);
        let ids = |c, d: Direction| d.steps(c).map(|s| s.id).collect::<Vec<StepId>>();
        assert_eq!(ids(english, ours), ids(spanish, theirs));
        assert_eq!(ours.shows_templates(), theirs.shows_templates());
    }
    // The safety answers keep every contact step out of the Spanish plan too.
    let held = Direction::new(spanish, &unsafe_answers(), &tracker);
    assert!(held.steps(spanish).all(|step| !step.involves_contact));
    assert!(!held.shows_templates());
}
