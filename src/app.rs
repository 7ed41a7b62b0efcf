//! The shell: loads the saved state once, owns the reducer, saves in one effect, follows
//! other tabs, and does the browser work views ask for (export, import, clipboard). It is
//! the only component that touches storage; every view below it renders natively.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::nav::Nav;
use crate::components::no_contact::NoContactView;
use crate::components::plan::PlanOverview;
use crate::components::question::QuestionView;
use crate::components::result::{HelpResources, ResultView};
use crate::components::review::Review;
use crate::components::share_panel::{SharePanel, ShareState};
use crate::components::shared_result::{IncomingShare, SharedResult};
use crate::components::step_detail::StepDetail;
use crate::components::storage_notice::{StorageNotice, StorageNoticeBanner};
use crate::components::templates::{CopyState, TemplatesView};
use crate::components::welcome::Welcome;
use crate::components::your_data::{ImportState, YourData};
use crate::content;
use crate::domain::share::{self, LinkSecret, ShareLink};
use crate::domain::{assess, AppState, BandId, Direction, TemplateId};
use crate::embed_options::{StartView, Theme};
use crate::share_crypto;
use crate::state::{Action, Model, View};
use crate::storage::{self, LoadNotice, Saved};

/// Files bigger than this are not Rekindle exports (a full one is a few kilobytes; a
/// journal full of long notes stays well under it).
const MAX_IMPORT_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

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
        }
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let namespace = props.namespace.clone();
    let boot = use_memo(namespace.clone(), |namespace| storage::load(namespace));
    let model = {
        let boot = boot.clone();
        let start = props.start;
        use_reducer(move || {
            let mut model = Model::new(boot.state.clone(), browser::today());
            match start {
                StartView::Welcome => {}
                StartView::Assessment => model.apply(Action::StartAssessment),
                StartView::Plan => model.view = View::Plan,
            }
            model
        })
    };
    let may_save = use_state(|| boot.may_save);
    let notice = use_state(|| match &boot.notice {
        Some(LoadNotice::Damaged { backed_up, .. }) => Some(StorageNotice::Damaged {
            backed_up: *backed_up,
        }),
        Some(LoadNotice::Unavailable { .. }) => Some(StorageNotice::NotSaving),
        None => None,
    });
    let copy_state = use_state(CopyState::default);
    let import_state = use_state(ImportState::default);
    let pending_import = use_mut_ref(|| None::<AppState>);
    let share_state = use_state(ShareState::default);
    let incoming = use_state(|| None::<IncomingShare>);
    let incoming_link = use_mut_ref(|| None::<ShareLink>);

    // A private link in the address, on arrival or pasted into an open page: show it
    // read-only and take it out of the address bar. The reader's own data is untouched.
    {
        let incoming = incoming.clone();
        let incoming_link = incoming_link.clone();
        use_effect_with((), move |_| {
            let read = move || read_incoming_link(&incoming, &incoming_link);
            read();
            let watch = browser::on_hash_change(read);
            move || drop(watch)
        });
    }

    // The one place state is written. Storage that refuses a write turns saving off for
    // the session and says so; a newer state from another tab is adopted, not clobbered.
    {
        let namespace = namespace.clone();
        let dispatcher = model.dispatcher();
        let may_save = may_save.clone();
        let notice = notice.clone();
        use_effect_with(model.saved.clone(), move |saved| {
            if *may_save {
                match storage::save(&namespace, saved) {
                    Ok(Saved::Written | Saved::AlreadyThere) => {}
                    Ok(Saved::OtherTabWins(theirs)) => {
                        dispatcher.dispatch(Action::AdoptFromOtherTab(*theirs))
                    }
                    Err(_) => {
                        may_save.set(false);
                        notice.set(Some(StorageNotice::NotSaving));
                    }
                }
            }
        });
    }

    {
        let dispatcher = model.dispatcher();
        use_effect_with(namespace.clone(), move |namespace| {
            let watch = storage::watch_other_tabs(namespace, move |theirs| {
                dispatcher.dispatch(Action::AdoptFromOtherTab(theirs))
            });
            move || drop(watch)
        });
    }

    // Opt-in only, and never for the safety band: a host page's analytics should not
    // learn that a reader mentioned violence or abuse.
    {
        let shown_band = (props.events && model.view == View::Result)
            .then(|| assess(content::english(), &model.saved.answers))
            .filter(|outcome| outcome.complete && outcome.band != BandId::Safety)
            .map(|outcome| outcome.band);
        let host = props.host.clone();
        use_effect_with(shown_band, move |band| {
            if let (Some(band), Some(host)) = (band, host) {
                browser::dispatch_result_event(&host, &band.to_string());
            }
        });
    }

    let on_action = model.dispatcher().to_callback();

    let on_export = {
        let model = model.clone();
        Callback::from(move |()| {
            if let Ok(json) = model.saved.to_json_pretty() {
                let name = format!("rekindle-{}.json", model.today);
                let _ = browser::download(&name, &json, "application/json");
            }
        })
    };
    let on_download_damaged = {
        let boot = boot.clone();
        Callback::from(move |()| {
            if let Some(LoadNotice::Damaged { raw, .. }) = &boot.notice {
                let _ = browser::download("rekindle-damaged-data.txt", raw, "text/plain");
            }
        })
    };
    let on_dismiss = {
        let notice = notice.clone();
        Callback::from(move |()| notice.set(None))
    };
    let on_copy = {
        let copy_state = copy_state.clone();
        Callback::from(move |(id, text): (TemplateId, String)| {
            // Back to idle first, so a second copy announces (or selects) again.
            copy_state.set(CopyState::Idle);
            let copy_state = copy_state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copy_state.set(match browser::copy_to_clipboard(&text).await {
                    Ok(()) => CopyState::Copied(id),
                    Err(()) => CopyState::Refused(id),
                });
            });
        })
    };
    let on_import_file = {
        let import_state = import_state.clone();
        let pending_import = pending_import.clone();
        Callback::from(move |file: web_sys::File| {
            let import_state = import_state.clone();
            let pending_import = pending_import.clone();
            if file.size() > MAX_IMPORT_BYTES {
                import_state.set(ImportState::Failed(
                    "That file is too large to be a Rekindle export.".into(),
                ));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = browser::read_text(&file)
                    .await
                    .map_err(|_| "The browser could not read that file.".to_string())
                    .and_then(|text| AppState::from_json(&text).map_err(|e| import_problem(&e)));
                match outcome {
                    Ok(state) => {
                        let summary = import_summary(&state);
                        *pending_import.borrow_mut() = Some(state);
                        import_state.set(ImportState::Confirm {
                            summary: summary.into(),
                        });
                    }
                    Err(message) => import_state.set(ImportState::Failed(message.into())),
                }
            });
        })
    };
    let on_confirm_import = {
        let import_state = import_state.clone();
        let pending_import = pending_import.clone();
        let dispatcher = model.dispatcher();
        Callback::from(move |()| {
            if let Some(state) = pending_import.borrow_mut().take() {
                dispatcher.dispatch(Action::Import(state));
                import_state.set(ImportState::Done);
            }
        })
    };
    let on_cancel_import = {
        let import_state = import_state.clone();
        let pending_import = pending_import.clone();
        Callback::from(move |()| {
            pending_import.borrow_mut().take();
            import_state.set(ImportState::Idle);
        })
    };
    let on_delete = {
        let dispatcher = model.dispatcher();
        let namespace = namespace.clone();
        let import_state = import_state.clone();
        Callback::from(move |()| {
            // The backup of damaged data goes too; the fresh state is then saved with a
            // higher revision, so other open tabs clear themselves as well.
            let _ = storage::delete_all(&namespace);
            import_state.set(ImportState::Idle);
            dispatcher.dispatch(Action::DeleteEverything);
        })
    };

    let on_share = {
        let share_state = share_state.clone();
        let answers = model.saved.answers.clone();
        let today = model.today;
        Callback::from(move |passphrase: Option<String>| {
            let share_state = share_state.clone();
            let plain = share::encode_answers(content::english(), &answers, today);
            share_state.set(ShareState::Working);
            wasm_bindgen_futures::spawn_local(async move {
                match share_crypto::seal(&plain, passphrase.as_deref()).await {
                    Ok(link) => {
                        let url = format!(
                            "{}{}",
                            browser::address_without_fragment(),
                            share::build_fragment(&link)
                        );
                        let copied = browser::copy_to_clipboard(&url).await.is_ok();
                        share_state.set(ShareState::Ready {
                            link: url.into(),
                            copied,
                            with_passphrase: passphrase.is_some(),
                        });
                    }
                    Err(problem) => share_state.set(ShareState::Failed(problem.to_string().into())),
                }
            });
        })
    };
    let on_passphrase = {
        let incoming = incoming.clone();
        let incoming_link = incoming_link.clone();
        Callback::from(move |passphrase: String| {
            let Some(link) = incoming_link.borrow().clone() else {
                return;
            };
            let incoming = incoming.clone();
            incoming.set(Some(IncomingShare::Opening));
            wasm_bindgen_futures::spawn_local(async move {
                let opened = open_link(&link, Some(&passphrase)).await;
                if let IncomingShare::Failed(problem) = &opened {
                    // A wrong passphrase can be tried again; the link stays in the address.
                    incoming.set(Some(IncomingShare::NeedsPassphrase {
                        problem: Some(problem.clone()),
                    }));
                } else {
                    browser::clear_fragment();
                    incoming.set(Some(opened));
                }
            });
        })
    };
    let on_take_yourself = {
        let incoming = incoming.clone();
        let dispatcher = model.dispatcher();
        Callback::from(move |()| {
            browser::clear_fragment();
            incoming.set(None);
            dispatcher.dispatch(Action::Go(View::Welcome));
        })
    };
    let on_save_as_mine = {
        let incoming = incoming.clone();
        let dispatcher = model.dispatcher();
        Callback::from(move |()| {
            if let Some(IncomingShare::Opened { answers, .. }) = (*incoming).clone() {
                dispatcher.dispatch(Action::UseSharedAnswers(answers));
                incoming.set(None);
            }
        })
    };

    let saved = &model.saved;
    let problem = model.problem.clone().map(AttrValue::from);
    // Safety decides the plan's direction before the reader's own choice does.
    let direction = Direction::new(content::english(), &saved.answers, &saved.tracker);
    let view = match &model.view {
        View::Welcome => {
            // Only real answers or plan progress count; having looked at a question
            // does not.
            let has_saved_progress =
                !saved.answers.is_empty() || saved.tracker != crate::domain::Tracker::new();
            let on_start = on_action.reform(|()| Action::StartAssessment);
            html! { <Welcome {has_saved_progress} {on_start} /> }
        }
        View::Question(id) => html! {
            <QuestionView question_id={id.clone()} answers={saved.answers.clone()} {problem} on_action={on_action.clone()} />
        },
        View::Review => {
            html! { <Review answers={saved.answers.clone()} on_action={on_action.clone()} /> }
        }
        View::Result => html! {
            <ResultView answers={saved.answers.clone()} help={props.help.clone()} plan={saved.tracker.plan()} on_action={on_action.clone()}>
                <SharePanel state={(*share_state).clone()} {on_share} />
            </ResultView>
        },
        View::Plan => {
            html! { <PlanOverview tracker={saved.tracker.clone()} {direction} on_action={on_action.clone()} /> }
        }
        View::Step(step) => html! {
            <StepDetail step={*step} tracker={saved.tracker.clone()} today={model.today} {direction} on_action={on_action.clone()} />
        },
        View::NoContact => html! {
            <NoContactView tracker={saved.tracker.clone()} today={model.today} on_action={on_action.clone()} />
        },
        View::Templates => html! {
            <TemplatesView tracker={saved.tracker.clone()} {direction} copy_state={(*copy_state).clone()} on_action={on_action.clone()} {on_copy} />
        },
        View::Data => html! {
            <YourData
                saved={saved.clone()}
                storage_key={AttrValue::from(storage::key(&namespace))}
                saving={*may_save}
                import_state={(*import_state).clone()}
                offline_download={props.offline_url.clone()}
                on_export={on_export.clone()}
                {on_import_file}
                {on_confirm_import}
                {on_cancel_import}
                {on_delete}
            />
        },
    };
    // Problems the current view does not show itself (the question view shows its own).
    let stray_problem = match (&model.view, &model.problem) {
        (View::Question(_), _) | (_, None) => None,
        (_, Some(problem)) => Some(problem.clone()),
    };

    html! {
        <div class={classes!("rekindle", props.theme.class())}>
            <Nav view={model.view.clone()} on_action={on_action.clone()} />
            if let Some(current) = (*notice).clone() {
                <StorageNoticeBanner notice={current} {on_download_damaged} {on_export} {on_dismiss} />
            }
            if let Some(problem) = stray_problem {
                <p class="rk-error" role="alert">{ problem }</p>
            }
            <div class="rk-main">
                if let Some(shared) = (*incoming).clone() {
                    <SharedResult
                        incoming={shared}
                        has_own_answers={!saved.answers.is_empty()}
                        help={props.help.clone()}
                        {on_passphrase}
                        {on_take_yourself}
                        {on_save_as_mine}
                    />
                } else {
                    { view }
                }
            </div>
        </div>
    }
}

/// Reads a share link from the address, if there is one, into `incoming`.
fn read_incoming_link(
    incoming: &UseStateHandle<Option<IncomingShare>>,
    incoming_link: &Rc<RefCell<Option<ShareLink>>>,
) {
    let Some(fragment) = browser::fragment().filter(|f| share::is_share_fragment(f)) else {
        return;
    };
    match share::parse_fragment(&fragment) {
        Err(problem) => {
            browser::clear_fragment();
            incoming.set(Some(IncomingShare::Failed(problem.to_string().into())));
        }
        Ok(link) => {
            let needs_passphrase = matches!(link.secret, LinkSecret::Salt(_));
            *incoming_link.borrow_mut() = Some(link.clone());
            if needs_passphrase {
                incoming.set(Some(IncomingShare::NeedsPassphrase { problem: None }));
            } else {
                incoming.set(Some(IncomingShare::Opening));
                let incoming = incoming.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let opened = open_link(&link, None).await;
                    browser::clear_fragment();
                    incoming.set(Some(opened));
                });
            }
        }
    }
}

/// Opens and decodes a link, turning every failure into words for the reader.
async fn open_link(link: &ShareLink, passphrase: Option<&str>) -> IncomingShare {
    match share_crypto::open(link, passphrase).await {
        Err(problem) => IncomingShare::Failed(problem.to_string().into()),
        Ok(plain) => match share::decode_answers(content::english(), &plain) {
            Ok(shared) => IncomingShare::Opened {
                answers: shared.answers,
                made_on: shared.made_on,
            },
            Err(problem) => IncomingShare::Failed(problem.to_string().into()),
        },
    }
}

fn import_problem(error: &crate::domain::MigrateError) -> String {
    use crate::domain::MigrateError;
    match error {
        MigrateError::NotJson(_) | MigrateError::NotAnObject => {
            "That file is not a Rekindle export: it could not be read as one.".to_string()
        }
        MigrateError::ForeignFormat { .. } => {
            "That file was made by something other than Rekindle.".to_string()
        }
        MigrateError::TooNew { .. } => {
            "That file comes from a newer version of Rekindle. Reload the page to get the newest version, then try again.".to_string()
        }
        MigrateError::MissingVersion
        | MigrateError::UnknownVersion(_)
        | MigrateError::Damaged { .. } => {
            "That file looks like a Rekindle export, but parts of it are damaged.".to_string()
        }
    }
}

fn import_summary(state: &AppState) -> String {
    let answers = state.answers.len();
    let notes = state.tracker.notes().len();
    format!("{answers} answers and {notes} journal notes")
}
