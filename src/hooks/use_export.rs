//! `use_export`: "Export to a file", and a plain message when the browser could not
//! start the download (the reader would otherwise believe they have a copy).

use yew::prelude::*;

use crate::browser;
use crate::domain::{AppState, Day};
use crate::i18n::Texts;

pub struct Export {
    pub on_export: Callback<()>,
    /// Why the last export did not start; cleared by the next one that does.
    pub problem: Option<AttrValue>,
}

#[hook]
pub fn use_export(saved: &AppState, today: Day, texts: Texts) -> Export {
    let problem = use_state(|| None::<AttrValue>);
    let on_export = {
        let saved = saved.clone();
        let problem = problem.clone();
        Callback::from(move |()| {
            let outcome = saved
                .to_json_pretty()
                .map_err(|_| texts.ui().data.export_failed())
                .and_then(|json| {
                    browser::download(&format!("rekindle-{today}.json"), &json, "application/json")
                        .map_err(|_| texts.ui().data.download_failed())
                });
            problem.set(
                outcome
                    .err()
                    .map(|why| format!("{why} {}", texts.ui().data.nothing_lost()).into()),
            );
        })
    };
    Export {
        on_export,
        problem: (*problem).clone(),
    }
}
