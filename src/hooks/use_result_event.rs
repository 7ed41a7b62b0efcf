//! `use_result_event`: the opt-in `rekindle:result` event on the host element.

use yew::prelude::*;

use crate::browser;
use crate::content;
use crate::domain::{assess, Answers, BandId};
use crate::state::View;

/// Opt-in only, and never for the safety band: a host page's analytics should not learn
/// that a reader mentioned violence or abuse.
#[hook]
pub fn use_result_event(
    enabled: bool,
    host: Option<web_sys::Element>,
    view: &View,
    answers: &Answers,
) {
    let shown_band = (enabled && *view == View::Result)
        .then(|| assess(content::english(), answers))
        .filter(|outcome| outcome.complete && outcome.band != BandId::Safety)
        .map(|outcome| outcome.band);
    use_effect_with(shown_band, move |band| {
        if let (Some(band), Some(host)) = (band, host) {
            browser::dispatch_result_event(&host, &band.to_string());
        }
    });
}
