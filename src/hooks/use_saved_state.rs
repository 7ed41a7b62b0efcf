//! `use_saved_state`: the reader's saved state and everything that keeps it safe. Loads
//! once, owns the reducer, saves after every change, and follows every other writer:
//! other tabs (`storage` event), other widgets of the same namespace on this page, and
//! this page coming back into view or out of the back/forward cache. A write never
//! drops another writer's: when storage changed underneath, the reader's unsaved
//! actions are applied again on top of what is stored now (see `storage::save`).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::storage_notice::{NotSavingReason, StorageNotice};
use crate::domain::AppState;
use crate::embed_options::StartView;
use crate::state::{Action, Model, View};
use crate::storage::{self, Found, LoadNotice, SaveProblem, Saved, Seen};

/// What the shell gets from [`use_saved_state`].
pub struct SavedState {
    pub model: UseReducerHandle<Model>,
    /// Every action of the reader goes through here: changes are remembered until they
    /// are saved, so they can be replayed on top of another writer's state.
    pub dispatch: Callback<Action>,
    /// False while nothing outlives the page.
    pub saving: bool,
    pub notice: Option<StorageNotice>,
    pub on_dismiss_notice: Callback<()>,
    /// Downloads the stored text Rekindle could not read (damaged, or from a newer
    /// version), byte for byte.
    pub on_download_old_data: Callback<()>,
    /// Deletes everything of this namespace, in storage and on screen.
    pub on_delete: Callback<()>,
}

/// The bookkeeping behind saving, shared by the effects and event listeners.
struct Sync {
    may_save: bool,
    /// The exact stored text this widget last read or wrote.
    seen: Seen,
    /// `seen` is exactly what its state serialises to, so saves compare texts instead
    /// of reading it again (see `storage::save`).
    seen_is_canonical: bool,
    /// The reader's actions since the last save.
    unsaved: Vec<Action>,
    /// Stored text that could not be read, for "Download the old data".
    old_data: Option<String>,
}

#[hook]
pub fn use_saved_state(namespace: &AttrValue, start: StartView) -> SavedState {
    let boot = use_memo(namespace.clone(), |namespace| storage::load(namespace));
    let model = {
        let boot = boot.clone();
        use_reducer(move || {
            // A reader with something saved picks up where they were; the embedder's
            // start view is for a first visit.
            let mut model = Model::new(boot.state.clone(), browser::today());
            if model.view == View::Welcome {
                match start {
                    StartView::Welcome => {}
                    StartView::Assessment => model.apply(Action::StartAssessment),
                    StartView::Plan => model.view = View::Plan,
                }
            }
            model
        })
    };
    let sync = {
        let boot = boot.clone();
        use_mut_ref(move || Sync {
            may_save: boot.may_save,
            seen: boot.seen.clone(),
            seen_is_canonical: boot.seen.is_some() && boot.seen == boot.state.to_json().ok(),
            unsaved: Vec::new(),
            old_data: match &boot.notice {
                Some(LoadNotice::Damaged { raw }) => Some(raw.clone()),
                Some(LoadNotice::NotSaving(problem)) => old_data(problem),
                None => None,
            },
        })
    };
    let saving = use_state(|| boot.may_save);
    let notice = use_state(|| match &boot.notice {
        Some(LoadNotice::Damaged { .. }) => Some(StorageNotice::Damaged {
            started_fresh: true,
        }),
        Some(LoadNotice::NotSaving(problem)) => Some(StorageNotice::NotSaving(reason(problem))),
        None => None,
    });
    let keeper = Keeper {
        namespace: namespace.clone(),
        sync,
        saving: saving.clone(),
        notice: notice.clone(),
        dispatcher: model.dispatcher(),
    };

    // The one place state is written.
    {
        let keeper = keeper.clone();
        use_effect_with(model.saved.clone(), move |saved| keeper.save(saved));
    }
    {
        let keeper = keeper.clone();
        use_effect_with(namespace.clone(), move |namespace| {
            let watch = storage::watch(namespace, move || keeper.refresh());
            move || drop(watch)
        });
    }

    let dispatch = {
        let keeper = keeper.clone();
        Callback::from(move |action: Action| {
            {
                let mut sync = keeper.sync.borrow_mut();
                if sync.may_save && action.is_saved_change() {
                    sync.unsaved.push(action.clone());
                }
            }
            keeper.dispatcher.dispatch(action);
        })
    };
    let on_dismiss_notice = {
        let notice = notice.clone();
        Callback::from(move |()| notice.set(None))
    };
    let on_download_old_data = {
        let sync = keeper.sync.clone();
        Callback::from(move |()| {
            if let Some(raw) = &sync.borrow().old_data {
                let _ = browser::download("rekindle-damaged-data.txt", raw, "text/plain");
            }
        })
    };
    let on_delete = {
        let keeper = keeper.clone();
        Callback::from(move |()| keeper.delete())
    };

    SavedState {
        model,
        dispatch,
        saving: *saving,
        notice: (*notice).clone(),
        on_dismiss_notice,
        on_download_old_data,
        on_delete,
    }
}

#[derive(Clone)]
struct Keeper {
    namespace: AttrValue,
    sync: Rc<RefCell<Sync>>,
    saving: UseStateHandle<bool>,
    notice: UseStateHandle<Option<StorageNotice>>,
    dispatcher: UseReducerDispatcher<Model>,
}

impl Keeper {
    fn save(&self, state: &AppState) {
        let outcome = {
            let sync = self.sync.borrow();
            if !sync.may_save {
                return;
            }
            storage::save(&self.namespace, state, &sync.seen, sync.seen_is_canonical)
        };
        match outcome {
            Ok(Saved::Stored {
                seen,
                over_damaged,
                canonical,
            }) => {
                let wrote = {
                    let mut sync = self.sync.borrow_mut();
                    let wrote = sync.seen != seen;
                    sync.seen = seen;
                    sync.seen_is_canonical = canonical;
                    sync.unsaved.clear();
                    if over_damaged.is_some() {
                        sync.old_data = over_damaged.clone();
                    }
                    wrote
                };
                if over_damaged.is_some() {
                    self.notice.set(Some(StorageNotice::Damaged {
                        started_fresh: false,
                    }));
                }
                if wrote {
                    storage::tell_this_page(&self.namespace);
                }
            }
            Ok(Saved::Changed { theirs, seen }) => self.adopt(*theirs, seen),
            Err(problem) => self.stop(problem),
        }
    }

    /// Storage may hold something new: adopt it, with the reader's unsaved changes on top.
    fn refresh(&self) {
        let current = {
            let sync = self.sync.borrow();
            if !sync.may_save {
                return;
            }
            match storage::read(&self.namespace) {
                Ok(current) if current != sync.seen => current,
                _ => return,
            }
        };
        match storage::interpret(&current) {
            Found::State(theirs) => self.adopt(*theirs, current),
            Found::NewerVersion(raw) => self.stop(SaveProblem::NewerVersion { raw }),
            // The next save keeps a copy before writing.
            Found::Damaged => {}
        }
    }

    fn adopt(&self, stored: AppState, seen: Seen) {
        let replay = {
            let mut sync = self.sync.borrow_mut();
            sync.seen = seen;
            // Another writer's text: the next save reads it once, then writes its own.
            sync.seen_is_canonical = false;
            sync.unsaved.clone()
        };
        self.dispatcher
            .dispatch(Action::AdoptStored { stored, replay });
    }

    fn stop(&self, problem: SaveProblem) {
        {
            let mut sync = self.sync.borrow_mut();
            sync.may_save = false;
            sync.unsaved.clear();
            if let Some(raw) = old_data(&problem) {
                sync.old_data = Some(raw);
            }
        }
        self.saving.set(false);
        self.notice
            .set(Some(StorageNotice::NotSaving(reason(&problem))));
    }

    fn delete(&self) {
        // Gone from storage first, backups included; other tabs see the key removed and
        // clear themselves, and no later write can bring the old data back (every save
        // compares with what this widget last saw, which is now "nothing").
        let deleted = storage::delete_all(&self.namespace).is_ok();
        {
            let mut sync = self.sync.borrow_mut();
            sync.seen = None;
            sync.seen_is_canonical = false;
            sync.unsaved.clear();
            sync.old_data = None;
            if deleted {
                sync.may_save = true;
            }
        }
        if deleted {
            self.saving.set(true);
            self.notice.set(None);
        }
        self.dispatcher.dispatch(Action::DeleteEverything);
        storage::tell_this_page(&self.namespace);
    }
}

fn reason(problem: &SaveProblem) -> NotSavingReason {
    match problem {
        SaveProblem::Refused(_) => NotSavingReason::Refused,
        SaveProblem::NewerVersion { .. } => NotSavingReason::NewerVersion,
        SaveProblem::CouldNotBackUp { .. } => NotSavingReason::CouldNotBackUp,
    }
}

fn old_data(problem: &SaveProblem) -> Option<String> {
    match problem {
        SaveProblem::Refused(_) => None,
        SaveProblem::NewerVersion { raw } | SaveProblem::CouldNotBackUp { raw } => {
            Some(raw.clone())
        }
    }
}
