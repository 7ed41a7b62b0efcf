//! Click handlers for buttons that send a fixed message.
//!
//! `on_action.reform(|_| Action::Next)` gives every button its own closure type, and
//! with it its own copy of the callback's code in the wasm. These two functions give
//! all such buttons one closure type each, which made the wasm several KB smaller.

use yew::prelude::*;

use crate::state::Action;

/// Sends `action` on every click.
pub fn send_on_click(on_action: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    let on_action = on_action.clone();
    Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
}

/// Calls `callback` on every click.
pub fn call_on_click(callback: &Callback<()>) -> Callback<MouseEvent> {
    let callback = callback.clone();
    Callback::from(move |_: MouseEvent| callback.emit(()))
}
