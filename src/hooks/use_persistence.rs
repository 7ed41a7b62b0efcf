//! `use_persistence`: asks the browser, once, to keep the reader's data (so Safari's
//! seven-day eviction or a low-space clean-up does not wipe a tracker), after the first
//! real answer, and reports whether it agreed for *Your data*.

use yew::prelude::*;

use crate::browser;

/// `Some(true)`: the browser keeps the data; `Some(false)`: it may clear it; `None`:
/// this browser cannot say.
#[hook]
pub fn use_persistence(has_real_data: bool) -> Option<bool> {
    let status = use_state(|| None::<bool>);
    let asked = use_mut_ref(|| false);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                status.set(browser::storage_persisted().await);
            });
        });
    }
    {
        let status = status.clone();
        use_effect_with(has_real_data, move |&has_real_data| {
            // Only once there is something worth keeping, and once per visit: some
            // browsers show the reader a question each time they are asked.
            if has_real_data && !*asked.borrow() {
                *asked.borrow_mut() = true;
                wasm_bindgen_futures::spawn_local(async move {
                    if browser::storage_persisted().await == Some(true) {
                        status.set(Some(true));
                    } else if let Some(granted) = browser::ask_to_persist_storage().await {
                        status.set(Some(granted));
                    }
                });
            }
        });
    }
    *status
}
