//! `use_language`: the language the widget speaks. English is compiled in; another
//! language's text is fetched the first time it is chosen (`content::load`). Until it
//! arrives the widget keeps the language it was showing, or, on a first load, shows no
//! words at all rather than a flash of English; if it cannot be had, English. On the
//! standalone page the reader can switch, and the choice is remembered in this browser.

use yew::prelude::*;

use crate::content;
use crate::i18n::{Lang, Texts};
use crate::storage;

pub struct Language {
    /// The text every view reads; `None` while a first language is still loading.
    pub texts: Option<Texts>,
    /// Switch to another language (and remember it, when `remember` was set).
    pub on_choose: Callback<Lang>,
}

#[hook]
pub fn use_language(wanted: Lang, remember: bool) -> Language {
    let chosen = use_state_eq(|| wanted);
    // Bumped when a language's text has arrived, to render with it.
    let loaded = use_state_eq(|| 0_u32);
    // A language whose text could not be had: shown in English.
    let failed = use_state_eq(|| None::<Lang>);
    // The language last shown, kept on screen while a newly chosen one loads.
    let showing = use_mut_ref(|| None::<Lang>);
    {
        let loaded = loaded.clone();
        let failed = failed.clone();
        use_effect_with(*chosen, move |lang| {
            let lang = *lang;
            if content::for_lang(lang).is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    match content::load(lang).await {
                        Ok(()) => loaded.set(*loaded + 1),
                        Err(why) => {
                            web_sys::console::warn_1(
                                &format!("Rekindle: the {} text could not be loaded ({why}); showing English.", lang.code()).into(),
                            );
                            failed.set(Some(lang));
                        }
                    }
                });
            }
        });
    }
    let texts = Texts::get(*chosen)
        .or_else(|| (*failed == Some(*chosen)).then(Texts::english))
        .or_else(|| showing.borrow().and_then(Texts::get));
    if let Some(shown) = texts {
        *showing.borrow_mut() = Some(shown.lang);
    }
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
