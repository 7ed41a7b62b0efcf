//! `use_clipboard`: copying a message template, with a confirmation, or (when the
//! browser refuses or has no clipboard) the view selects the text for a copy by hand.

use yew::prelude::*;

use crate::browser;
use crate::components::templates::CopyState;
use crate::domain::TemplateId;

#[hook]
pub fn use_clipboard() -> (CopyState, Callback<(TemplateId, String)>) {
    let copy_state = use_state(CopyState::default);
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
    ((*copy_state).clone(), on_copy)
}
