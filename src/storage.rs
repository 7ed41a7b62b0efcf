//! The only code that touches `localStorage`. Every failure a browser can produce
//! (storage disabled, private mode, quota full, damaged or foreign data) comes back as a
//! value the shell can explain; nothing here panics.
//!
//! Writes are compare-and-swap on the stored text: each widget remembers the exact text
//! it last read or wrote ([`Seen`]), and [`save`] writes only while storage still holds
//! that text. Anything else means another tab, another widget on the page, or a tab of
//! an older page wrote (or deleted) in between; [`save`] hands that state back so the
//! shell can apply the reader's own changes on top of it instead of dropping either.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::{AppState, MigrateError};

/// The saved state's key: namespaced per widget instance and versioned.
pub fn key(namespace: &str) -> String {
    format!("rekindle.{namespace}.v1")
}

/// Where damaged saved text is kept aside so it is never silently lost: the newest copy.
pub fn backup_key(namespace: &str) -> String {
    format!("rekindle.{namespace}.v1.damaged")
}

/// How many damaged copies are kept, newest first. Bounded, so a page that keeps meeting
/// damaged text cannot fill the reader's storage with copies.
pub const MAX_BACKUPS: usize = 3;

/// Every backup key, newest first: `….damaged`, `….damaged.1`, `….damaged.2`.
pub fn backup_keys(namespace: &str) -> Vec<String> {
    (0..MAX_BACKUPS)
        .map(|n| match n {
            0 => backup_key(namespace),
            n => format!("{}.{n}", backup_key(namespace)),
        })
        .collect()
}

/// The exact text storage held when this widget last read or wrote it (`None`: the key
/// was absent). Comparing whole texts, not revisions, notices every other writer.
pub type Seen = Option<String>;

/// Why saving is off, for the banner.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveProblem {
    /// The browser refused storage: its error name, such as `QuotaExceededError`.
    Refused(String),
    /// Storage holds data from a newer Rekindle; it is never overwritten.
    NewerVersion { raw: String },
    /// Storage holds text we cannot read, and there was no room to keep a copy of it.
    CouldNotBackUp { raw: String },
}

/// What loading found, besides the state to start from.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadNotice {
    /// The saved text could not be read. A copy is kept under the backup key and is
    /// offered for download; the reader starts fresh.
    Damaged { raw: String },
    /// Saving is off from the start.
    NotSaving(SaveProblem),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub state: AppState,
    pub notice: Option<LoadNotice>,
    /// False when saving would destroy something, or the browser refuses storage.
    pub may_save: bool,
    /// What storage held: the base of the first save.
    pub seen: Seen,
}

/// Reads the saved state once, at start-up.
pub fn load(namespace: &str) -> Loaded {
    let refused = |reason: String| Loaded {
        state: AppState::new(),
        notice: Some(LoadNotice::NotSaving(SaveProblem::Refused(reason))),
        may_save: false,
        seen: None,
    };
    let storage = match local_storage() {
        Ok(storage) => storage,
        Err(reason) => return refused(reason),
    };
    let raw = match storage.get_item(&key(namespace)) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            return Loaded {
                state: AppState::new(),
                notice: None,
                may_save: true,
                seen: None,
            }
        }
        Err(error) => return refused(js_error_name(&error)),
    };
    match AppState::from_json(&raw) {
        Ok(state) => Loaded {
            state,
            notice: None,
            may_save: true,
            seen: Some(raw),
        },
        // Never touched: a newer Rekindle in another tab may still be using it.
        Err(MigrateError::TooNew { .. }) => Loaded {
            state: AppState::new(),
            notice: Some(LoadNotice::NotSaving(SaveProblem::NewerVersion { raw })),
            may_save: false,
            seen: None,
        },
        Err(_) if back_up(&storage, namespace, &raw) => Loaded {
            state: AppState::new(),
            notice: Some(LoadNotice::Damaged { raw: raw.clone() }),
            may_save: true,
            // Backed up, so the first save may replace it.
            seen: Some(raw),
        },
        // Without a copy, the damaged text must stay where it is.
        Err(_) => Loaded {
            state: AppState::new(),
            notice: Some(LoadNotice::NotSaving(SaveProblem::CouldNotBackUp { raw })),
            may_save: false,
            seen: None,
        },
    }
}

/// What is in storage right now, read for a comparison with [`Seen`].
pub fn read(namespace: &str) -> Result<Seen, String> {
    local_storage()?
        .get_item(&key(namespace))
        .map_err(|error| js_error_name(&error))
}

/// What storage held instead of what this widget last saw.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// Another writer's state (a fresh one when the key was removed: that is a delete).
    State(Box<AppState>),
    /// Data from a newer Rekindle: leave it alone and stop saving.
    NewerVersion(String),
    /// Text that cannot be read; the next save backs it up before writing.
    Damaged,
}

/// Reads text found in storage (`None`: the key is absent, which counts as a delete).
pub fn interpret(found: &Seen) -> Found {
    match found {
        None => Found::State(Box::default()),
        Some(raw) => match AppState::from_json(raw) {
            Ok(state) => Found::State(Box::new(state)),
            Err(MigrateError::TooNew { .. }) => Found::NewerVersion(raw.clone()),
            Err(_) => Found::Damaged,
        },
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// Storage now holds `state`; remember `seen`. `over_damaged` carries unreadable
    /// text that was found, backed up and replaced. `canonical`: `seen` is exactly the
    /// text `state` serialises to (pass it to the next [`save`]).
    Stored {
        seen: Seen,
        over_damaged: Option<String>,
        canonical: bool,
    },
    /// Someone else wrote or deleted since this widget last looked: apply the reader's
    /// unsaved changes on top of `theirs` and save again.
    Changed { theirs: Box<AppState>, seen: Seen },
}

/// Saves `state` if storage still holds `seen`; otherwise reports what it holds. Never
/// overwrites text it cannot read without a copy, nor data of a newer Rekindle.
///
/// `seen_is_canonical` says that `seen` is exactly the text its own state serialises to
/// (this widget wrote it, or checked when it read it). Then an unchanged state is told by
/// comparing texts; otherwise by reading what is stored, so that text from another
/// version that reads the same is left as it is. Reading it on every save cost the
/// reader's first answer 14 ms of its 25 at 4x CPU, and grows with the journal.
pub fn save(
    namespace: &str,
    state: &AppState,
    seen: &Seen,
    seen_is_canonical: bool,
) -> Result<Saved, SaveProblem> {
    let storage = local_storage().map_err(SaveProblem::Refused)?;
    let key = key(namespace);
    let current = storage
        .get_item(&key)
        .map_err(|error| SaveProblem::Refused(js_error_name(&error)))?;
    let mut over_damaged = None;
    if current != *seen {
        match interpret(&current) {
            Found::State(theirs) if *theirs == *state => {
                return Ok(Saved::Stored {
                    seen: current,
                    over_damaged: None,
                    canonical: false,
                })
            }
            Found::State(theirs) => {
                return Ok(Saved::Changed {
                    theirs,
                    seen: current,
                })
            }
            Found::NewerVersion(raw) => return Err(SaveProblem::NewerVersion { raw }),
            Found::Damaged => {
                let raw = current.clone().unwrap_or_default();
                if !back_up(&storage, namespace, &raw) {
                    return Err(SaveProblem::CouldNotBackUp { raw });
                }
                over_damaged = Some(raw);
            }
        }
    }
    // Nothing stored and nothing to keep (just deleted, or never used): write nothing,
    // so a delete leaves no trace.
    if current.is_none() && state.is_blank() {
        return Ok(Saved::Stored {
            seen: None,
            over_damaged,
            canonical: false,
        });
    }
    let text = state
        .to_json()
        .map_err(|error| SaveProblem::Refused(error.to_string()))?;
    if over_damaged.is_none() {
        let unchanged = match &current {
            Some(stored) if seen_is_canonical => *stored == text,
            _ => interpret(&current) == Found::State(Box::new(state.clone())),
        };
        if unchanged {
            return Ok(Saved::Stored {
                seen: current,
                over_damaged,
                canonical: seen_is_canonical,
            });
        }
    }
    storage
        .set_item(&key, &text)
        .map_err(|error| SaveProblem::Refused(js_error_name(&error)))?;
    Ok(Saved::Stored {
        seen: Some(text),
        over_damaged,
        canonical: true,
    })
}

/// Keeps `raw` as the newest damaged copy, moving older copies down and letting the
/// oldest go. True when `raw` is safe (kept now, or already kept).
fn back_up(storage: &web_sys::Storage, namespace: &str, raw: &str) -> bool {
    let keys = backup_keys(namespace);
    let copies: Vec<Option<String>> = keys
        .iter()
        .map(|key| storage.get_item(key).ok().flatten())
        .collect();
    if copies.iter().any(|copy| copy.as_deref() == Some(raw)) {
        return true;
    }
    // Shift older copies down first; the new copy goes in last, so a full storage that
    // refuses it leaves every earlier copy where it was.
    for n in (1..keys.len()).rev() {
        if let Some(older) = &copies[n - 1] {
            let _ = storage.set_item(&keys[n], older);
        }
    }
    storage.set_item(&keys[0], raw).is_ok()
}

/// Removes the saved state and every damaged backup of this namespace.
pub fn delete_all(namespace: &str) -> Result<(), String> {
    let storage = local_storage()?;
    for key in std::iter::once(key(namespace)).chain(backup_keys(namespace)) {
        storage
            .remove_item(&key)
            .map_err(|error| js_error_name(&error))?;
    }
    Ok(())
}

type Listener = Rc<dyn Fn()>;

thread_local! {
    /// Widgets on this page as (id, namespace, listener): the `storage` event never
    /// reaches the document that wrote, so widgets sharing a namespace on one page tell
    /// each other. A handful at most, so a list.
    static ON_THIS_PAGE: RefCell<Vec<(u64, String, Listener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: RefCell<u64> = const { RefCell::new(0) };
}

/// Tells every widget of `namespace` on this page to look at storage again. Runs after
/// the current task, so no widget is in the middle of its own update.
pub fn tell_this_page(namespace: &str) {
    let listeners: Vec<Listener> = ON_THIS_PAGE.with(|all| {
        all.borrow()
            .iter()
            .filter(|(_, ns, _)| ns == namespace)
            .map(|(_, _, listener)| listener.clone())
            .collect()
    });
    if listeners.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        for listener in listeners {
            listener();
        }
    });
}

/// Calls `on_change` whenever storage may hold something this widget has not seen:
/// another tab wrote or cleared it (`storage` event), another widget of the same
/// namespace on this page wrote, or the page came back into view (`visibilitychange`)
/// or out of the back/forward cache (`pageshow`), where no event was delivered.
/// Dropping the returned guard stops listening.
pub fn watch(namespace: &str, on_change: impl Fn() + 'static) -> Watch {
    let on_change: Listener = Rc::new(on_change);
    let id = NEXT_ID.with(|next| {
        let mut next = next.borrow_mut();
        *next += 1;
        *next
    });
    ON_THIS_PAGE.with(|all| {
        all.borrow_mut()
            .push((id, namespace.to_string(), on_change.clone()))
    });
    let key = key(namespace);
    let storage_changed = {
        let on_change = on_change.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() {
                // No key means another tab called `localStorage.clear()`.
                match event.key() {
                    Some(changed) if changed != key => {}
                    _ => on_change(),
                }
            }
        })
    };
    let shown = {
        let on_change = on_change.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_none_or(|d| !d.hidden());
            if visible {
                on_change();
            }
        })
    };
    let mut listeners = Vec::new();
    if let Some(window) = web_sys::window() {
        for (target, name, callback) in [
            (
                window.clone().unchecked_into::<web_sys::EventTarget>(),
                "storage",
                &storage_changed,
            ),
            (window.clone().unchecked_into(), "pageshow", &shown),
        ] {
            if target
                .add_event_listener_with_callback(name, callback.as_ref().unchecked_ref())
                .is_ok()
            {
                listeners.push((target, name));
            }
        }
        if let Some(document) = window.document() {
            let target: web_sys::EventTarget = document.unchecked_into();
            if target
                .add_event_listener_with_callback(
                    "visibilitychange",
                    shown.as_ref().unchecked_ref(),
                )
                .is_ok()
            {
                listeners.push((target, "visibilitychange"));
            }
        }
    }
    Watch {
        id,
        listeners,
        storage_changed,
        shown,
    }
}

/// Keeps the listeners alive; removes them when dropped.
pub struct Watch {
    id: u64,
    listeners: Vec<(web_sys::EventTarget, &'static str)>,
    storage_changed: Closure<dyn Fn(web_sys::Event)>,
    shown: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        for (target, name) in &self.listeners {
            let callback = if *name == "storage" {
                &self.storage_changed
            } else {
                &self.shown
            };
            let _ =
                target.remove_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
        }
        ON_THIS_PAGE.with(|all| all.borrow_mut().retain(|(id, _, _)| *id != self.id));
    }
}

/// Where the standalone page keeps the language the reader chose with its switch.
const LANGUAGE_KEY: &str = "rekindle.language";

/// The language the reader chose on the standalone page, if any (a code such as `es`).
pub fn chosen_language() -> Option<String> {
    local_storage().ok()?.get_item(LANGUAGE_KEY).ok()?
}

/// Remembers the reader's choice of language; a refusal only means it is not kept.
pub fn save_chosen_language(code: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.set_item(LANGUAGE_KEY, code);
    }
}

/// The page's localStorage, or why it cannot be had (gloo's own accessor panics then).
fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or_else(|| "no window".to_string())?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("localStorage is not available".to_string()),
        Err(error) => Err(js_error_name(&error)),
    }
}

fn js_error_name(error: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_else(|| "an unknown storage error".to_string())
}
