//! The shell: a list of hooks (`src/hooks/`, one job each: saved state and other tabs,
//! persistence, export, import, incoming links, sharing, the clipboard, the result
//! event) and one `match` over views. With its hooks it is the only code that touches
//! storage or the address bar; every view below it renders natively.

use yew::prelude::*;

use crate::browser;
use crate::components::nav::Nav;
use crate::components::no_contact::NoContactView;
use crate::components::plan::PlanOverview;
use crate::components::question::QuestionView;
use crate::components::result::{HelpResources, ResultView};
use crate::components::review::Review;
use crate::components::share_panel::SharePanel;
use crate::components::shared_result::SharedResult;
use crate::components::step_detail::StepDetail;
use crate::components::storage_notice::StorageNoticeBanner;
use crate::components::templates::TemplatesView;
use crate::components::welcome::Welcome;
use crate::components::your_data::YourData;
use crate::content;
use crate::domain::{ContactHold, Direction};
use crate::embed_options::{StartView, Theme};
use crate::hooks::{
    use_clipboard, use_export, use_import, use_incoming_link, use_language, use_persistence,
    use_result_event, use_saved_state, use_share, Export, Import, Language, SavedState,
};
use crate::i18n::{Lang, Texts};
use crate::state::{Action, Problem, View};
use crate::storage;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Keeps this instance's saved state apart from other widgets on the same site.
    #[prop_or(AttrValue::Static("default"))]
    pub namespace: AttrValue,
    /// Where to find help, shown with the safety message.
    #[prop_or_default]
    pub help: HelpResources,
    #[prop_or_default]
    pub theme: Theme,
    #[prop_or_default]
    pub start: StartView,
    /// Opt-in: dispatch `rekindle:result` (the band only) on `host`.
    #[prop_or_default]
    pub events: bool,
    /// The element the widget is mounted in, for events.
    #[prop_or_default]
    pub host: Option<web_sys::Element>,
    /// The standalone page's single-file copy, offered in "Your data"; None elsewhere.
    #[prop_or_default]
    pub offline_url: Option<AttrValue>,
    /// Rekindle's own page, where share links are built so their key never passes
    /// through the host page; None builds them on the current page.
    #[prop_or_default]
    pub share_page: Option<AttrValue>,
    /// The language to speak (`data-lang`, already resolved from `auto`).
    #[prop_or_default]
    pub lang: Lang,
    /// Offer a language switch and remember the choice (the standalone page).
    #[prop_or_default]
    pub language_switch: bool,
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps {
            namespace: AttrValue::Static("default"),
            help: HelpResources::default(),
            theme: Theme::default(),
            start: StartView::default(),
            events: false,
            host: None,
            offline_url: None,
            share_page: None,
            lang: Lang::En,
            language_switch: false,
        }
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let namespace = &props.namespace;
    let Language {
        texts: ready,
        on_choose,
    } = use_language(props.lang, props.language_switch);
    // Hooks below run on every render; until the chosen language has arrived they get
    // English, and the widget shows no words (see the end).
    let texts = ready.unwrap_or_default();
    {
        // The standalone page's own title and footer follow the widget's language.
        let standalone = props.language_switch;
        use_effect_with(texts.lang, move |lang| {
            if standalone {
                browser::translate_page(lang.code(), &texts.ui().page);
            }
        });
    }
    let SavedState {
        model,
        dispatch: on_action,
        saving,
        notice,
        on_dismiss_notice,
        on_download_old_data,
        on_delete,
    } = use_saved_state(namespace, props.start);
    let saved = &model.saved;
    // Only real answers or plan progress count; having looked at a question does not.
    let has_saved_progress = saved.has_progress();
    let persisted = use_persistence(saving && has_saved_progress);
    let Export {
        on_export,
        problem: export_problem,
    } = use_export(saved, model.today, texts);
    let import = use_import(&on_action, texts);
    let incoming = use_incoming_link(&on_action, texts);
    let (share_state, on_share) =
        use_share(&saved.answers, model.today, props.share_page.clone(), texts);
    let (copy_state, on_copy) = use_clipboard();
    use_result_event(
        props.events,
        props.host.clone(),
        &model.view,
        &saved.answers,
    );

    // Views move focus to what they show (a new question's heading, the result, a step)
    // only once the reader has acted in this widget. On page load, with a start view or
    // a returning reader resuming mid-way, focus and scroll stay where the host page has
    // them: focusing there scrolled a blog post down to the widget. Hooks keep the plain
    // dispatch; only what views send counts as the reader acting.
    let reader_acted = use_mut_ref(|| false);
    let move_focus = *reader_acted.borrow();
    let on_action = {
        let reader_acted = reader_acted.clone();
        on_action.reform(move |action: Action| {
            *reader_acted.borrow_mut() = true;
            action
        })
    };

    let problem = model
        .problem
        .as_ref()
        .map(|p| AttrValue::from(problem_text(texts, p)));
    // Safety decides the plan's direction before the reader's own choice does.
    let direction = Direction::new(content::english(), &saved.answers, &saved.tracker);
    let view = match &model.view {
        View::Welcome => {
            let on_start = on_action.reform(|()| Action::StartAssessment);
            html! { <Welcome {texts} {has_saved_progress} {on_start} /> }
        }
        View::Question(id) => html! {
            <QuestionView {texts} question_id={id.clone()} answers={saved.answers.clone()} {problem} {move_focus} on_action={on_action.clone()} />
        },
        View::Review => outlined(|| {
            html! { <Review {texts} answers={saved.answers.clone()} on_action={on_action.clone()} /> }
        }),
        View::Result => outlined(|| {
            html! {
                <ResultView {texts} answers={saved.answers.clone()} help={props.help.clone()} plan={saved.tracker.plan()} today={model.today} {move_focus} on_action={on_action.clone()}>
                    <SharePanel {texts} state={share_state} {on_share} />
                </ResultView>
            }
        }),
        View::Plan => outlined(|| {
            html! { <PlanOverview {texts} tracker={saved.tracker.clone()} {direction} today={model.today} on_action={on_action.clone()} /> }
        }),
        View::Step(step) => outlined(|| {
            html! {
                <StepDetail {texts} step={*step} tracker={saved.tracker.clone()} today={model.today} {direction} {move_focus} on_action={on_action.clone()} />
            }
        }),
        View::NoContact => outlined(|| {
            html! {
                <NoContactView {texts} tracker={saved.tracker.clone()} today={model.today} on_action={on_action.clone()} />
            }
        }),
        View::Templates => outlined(|| {
            html! {
                <TemplatesView {texts} tracker={saved.tracker.clone()} {direction} {copy_state} on_action={on_action.clone()} {on_copy} />
            }
        }),
        View::Data => outlined(|| {
            let Import {
                state: import_state,
                on_file: on_import_file,
                on_confirm: on_confirm_import,
                on_cancel: on_cancel_import,
                reset,
            } = import;
            let on_delete = Callback::from(move |()| {
                reset.emit(());
                on_delete.emit(());
            });
            html! {
                <YourData {texts}
                    saved={saved.clone()}
                    storage_key={AttrValue::from(storage::key(namespace))}
                    {saving}
                    {persisted}
                    {import_state}
                    offline_download={props.offline_url.clone()}
                    on_export={on_export.clone()}
                    {on_import_file}
                    {on_confirm_import}
                    {on_cancel_import}
                    {on_delete}
                />
            }
        }),
    };
    let notice = notice.map(|notice| {
        outlined(|| html! {
            <StorageNoticeBanner {texts} {notice} on_download_damaged={on_download_old_data} on_export={on_export.clone()} on_dismiss={on_dismiss_notice} />
        })
    });
    let shared = incoming.shown.map(|shared| {
        outlined(|| {
            html! {
                <SharedResult {texts}
                    incoming={shared}
                    has_own_answers={!saved.answers.is_empty()}
                    help={props.help.clone()}
                    on_passphrase={incoming.on_passphrase}
                    on_take_yourself={incoming.on_take_yourself}
                    on_save_as_mine={incoming.on_save_as_mine}
                />
            }
        })
    });
    // Problems the current view does not show itself (the question view shows its own).
    let stray_problem = match (&model.view, &model.problem) {
        (View::Question(_), _) | (_, None) => export_problem.map(|p| p.to_string()),
        (_, Some(problem)) => Some(problem_text(texts, problem)),
    };

    html! {
        if ready.is_none() {
            <div class={classes!("rekindle", props.theme.class())} aria-busy="true"></div>
        } else {
        <div class={classes!("rekindle", props.theme.class())} lang={texts.lang.code()} dir={texts.lang.dir()}>
            <Nav {texts} view={model.view.clone()} on_action={on_action.clone()} />
            if let Some(notice) = notice {
                { notice }
            }
            if let Some(problem) = stray_problem {
                <p class="rk-error" role="alert">{ problem }</p>
            }
            <div class="rk-main">
                if let Some(shared) = shared {
                    { shared }
                } else {
                    { view }
                }
            </div>
            if props.language_switch {
                { language_switch(texts, &on_choose) }
            }
        </div>
        }
    }
}

/// Builds what a new reader does not see in their first minutes (the views after the
/// questions, the storage banner, a shared result) in a function of its own: inlined
/// into `App`, its code would sit in the first part of the split wasm with `App`
/// (xtask/src/split.rs); here it goes to the later part.
#[inline(never)]
fn outlined(build: impl FnOnce() -> Html) -> Html {
    build()
}

/// Why the last action failed, in the reader's words.
fn problem_text(texts: Texts, problem: &Problem) -> String {
    let ui = texts.ui();
    match problem {
        Problem::ChooseAnswer => ui.question.choose_answer().to_string(),
        Problem::EmptyNote => ui.step.empty_note().to_string(),
        Problem::ContactHeld(ContactHold::AskedForDistance) => ui.plan.held_distance().to_string(),
        Problem::ContactHeld(_) => ui.plan.held_safety().to_string(),
        Problem::Unexpected(_) => ui.shell.unexpected().to_string(),
    }
}

/// The standalone page's language switch: each language by its own name, in its own
/// language, so a reader finds theirs whatever the page shows now.
fn language_switch(texts: Texts, on_choose: &Callback<Lang>) -> Html {
    html! {
        <nav class="rk-languages" aria-label={texts.ui().shell.language_label()}>
            <ul>
                for lang in Lang::ALL {
                    <li key={lang.code()}>
                        <button
                            type="button"
                            lang={lang.code()}
                            aria-pressed={if lang == texts.lang { "true" } else { "false" }}
                            onclick={on_choose.reform(move |_: MouseEvent| lang)}
                        >
                            { lang.name() }
                        </button>
                    </li>
                }
            </ul>
        </nav>
    }
}
