//! `use_export`: "Export to a file", and a plain message when the browser could not
//! start the download (the reader would otherwise believe they have a copy).

use yew::prelude::*;

use crate::browser;
use crate::domain::{AppState, Day};

pub struct Export {
    pub on_export: Callback<()>,
    /// Why the last export did not start; cleared by the next one that does.
    pub problem: Option<AttrValue>,
}

#[hook]
pub fn use_export(saved: &AppState, today: Day) -> Export {
    let problem = use_state(|| None::<AttrValue>);
    let on_export = {
        let saved = saved.clone();
        let problem = problem.clone();
        Callback::from(move |()| {
            let outcome = saved
                .to_json_pretty()
                .map_err(|_| "Rekindle could not put your data into a file.".to_string())
                .and_then(|json| {
                    browser::download(&format!("rekindle-{today}.json"), &json, "application/json")
                });
            problem.set(outcome.err().map(|why| {
                format!("{why} Nothing has been lost: your data is still here. Try again, or try another browser.").into()
            }));
        })
    };
    Export {
        on_export,
        problem: (*problem).clone(),
    }
}
