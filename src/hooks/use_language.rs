//! `use_language`: the language the widget speaks. English is compiled in; another
//! language's text is fetched the first time it is chosen (`content::load`), and until
//! it arrives the widget stays in the language it was showing. On the standalone page
//! the reader can switch, and the choice is remembered in this browser.

use yew::prelude::*;

use crate::content;
use crate::i18n::{Lang, Texts};
use crate::storage;

pub struct Language {
    /// The text every view reads.
    pub texts: Texts,
    /// Switch to another language (and remember it, when `remember` was set).
    pub on_choose: Callback<Lang>,
}

#[hook]
pub fn use_language(wanted: Lang, remember: bool) -> Language {
    let chosen = use_state_eq(|| wanted);
    // Bumped when a language's text has arrived, to render with it.
    let loaded = use_state_eq(|| 0_u32);
    {
        let loaded = loaded.clone();
        use_effect_with(*chosen, move |lang| {
            let lang = *lang;
            if content::for_lang(lang).is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    match content::load(lang).await {
                        Ok(()) => loaded.set(*loaded + 1),
                        Err(why) => web_sys::console::warn_1(
                            &format!("Rekindle: the {} text could not be loaded ({why}); staying in English.", lang.code()).into(),
                        ),
                    }
                });
            }
        });
    }
    let texts = Texts::get(*chosen).unwrap_or_default();
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |lang: Lang| {
            if remember {
                storage::save_chosen_language(lang.code());
            }
            chosen.set(lang);
        })
    };
    Language { texts, on_choose }
}
