//! The only code that touches `localStorage`. Every failure a browser can produce
//! (storage disabled, private mode, quota full, damaged or foreign data) comes back as a
//! value the shell can explain; nothing here panics.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::{AppState, MigrateError};

/// The saved state's key: namespaced per widget instance and versioned.
pub fn key(namespace: &str) -> String {
    format!("rekindle.{namespace}.v1")
}

/// Where damaged saved text is kept aside so it is never silently lost.
pub fn backup_key(namespace: &str) -> String {
    format!("rekindle.{namespace}.v1.damaged")
}

/// What loading found, besides the state to start from.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadNotice {
    /// The saved text could not be read. It was kept under the backup key (when
    /// `backed_up`) and is offered for download; the reader starts fresh.
    Damaged {
        raw: String,
        reason: String,
        backed_up: bool,
    },
    /// The browser refused access to storage; the widget works in memory only.
    Unavailable { reason: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub state: AppState,
    pub notice: Option<LoadNotice>,
    /// False when saving would destroy something we could not back up.
    pub may_save: bool,
}

/// Reads the saved state once, at start-up.
pub fn load(namespace: &str) -> Loaded {
    let storage = match local_storage() {
        Ok(storage) => storage,
        Err(reason) => {
            return Loaded {
                state: AppState::new(),
                notice: Some(LoadNotice::Unavailable { reason }),
                may_save: false,
            }
        }
    };
    let raw = match storage.get_item(&key(namespace)) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            return Loaded {
                state: AppState::new(),
                notice: None,
                may_save: true,
            }
        }
        Err(error) => {
            return Loaded {
                state: AppState::new(),
                notice: Some(LoadNotice::Unavailable {
                    reason: js_error_name(&error),
                }),
                may_save: false,
            }
        }
    };
    match AppState::from_json(&raw) {
        Ok(state) => Loaded {
            state,
            notice: None,
            may_save: true,
        },
        Err(error) => {
            let backed_up = storage.set_item(&backup_key(namespace), &raw).is_ok();
            Loaded {
                state: AppState::new(),
                notice: Some(LoadNotice::Damaged {
                    raw,
                    reason: error.to_string(),
                    backed_up,
                }),
                // Without a backup, the damaged text must stay where it is.
                may_save: backed_up && !matches!(error, MigrateError::TooNew { .. }),
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    Written,
    /// Storage already holds exactly this state.
    AlreadyThere,
    /// Another tab saved a newer (or equally new but different) state first: adopt it
    /// instead of overwriting it.
    OtherTabWins(Box<AppState>),
}

/// Why a save failed, for the banner: the browser's error name, such as
/// `QuotaExceededError` or `SecurityError`.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveRefused(pub String);

/// Saves `state` unless storage holds a state at least as new; never clobbers newer work.
pub fn save(namespace: &str, state: &AppState) -> Result<Saved, SaveRefused> {
    let storage = local_storage().map_err(SaveRefused)?;
    let key = key(namespace);
    if let Ok(Some(raw)) = storage.get_item(&key) {
        if let Ok(stored) = AppState::from_json(&raw) {
            if stored == *state {
                return Ok(Saved::AlreadyThere);
            }
            if stored.revision >= state.revision {
                return Ok(Saved::OtherTabWins(Box::new(stored)));
            }
        }
    }
    match LocalStorage::set(&key, state) {
        Ok(()) => Ok(Saved::Written),
        Err(StorageError::JsError(error)) => Err(SaveRefused(error.name)),
        Err(other) => Err(SaveRefused(other.to_string())),
    }
}

/// Removes the saved state and any damaged backup of this namespace.
pub fn delete_all(namespace: &str) -> Result<(), SaveRefused> {
    let storage = local_storage().map_err(SaveRefused)?;
    for key in [key(namespace), backup_key(namespace)] {
        storage
            .remove_item(&key)
            .map_err(|error| SaveRefused(js_error_name(&error)))?;
    }
    Ok(())
}

/// Calls `on_change` whenever another tab saves this namespace's state. Dropping the
/// returned guard stops listening.
pub fn watch_other_tabs(namespace: &str, on_change: impl Fn(AppState) + 'static) -> Watch {
    let key = key(namespace);
    let callback =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            if event.key().as_deref() != Some(key.as_str()) {
                return;
            }
            if let Some(state) = event
                .new_value()
                .and_then(|raw| AppState::from_json(&raw).ok())
            {
                on_change(state);
            }
        });
    let added = web_sys::window().is_some_and(|window| {
        window
            .add_event_listener_with_callback("storage", callback.as_ref().unchecked_ref())
            .is_ok()
    });
    Watch {
        callback: added.then_some(callback),
    }
}

/// Keeps a storage-event listener alive; removes it when dropped.
pub struct Watch {
    callback: Option<Closure<dyn Fn(web_sys::StorageEvent)>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let (Some(callback), Some(window)) = (self.callback.take(), web_sys::window()) {
            let _ = window
                .remove_event_listener_with_callback("storage", callback.as_ref().unchecked_ref());
        }
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
