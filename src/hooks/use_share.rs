//! `use_share`: "Share privately". Seals the answers into a link (WebCrypto), built on
//! Rekindle's own page when there is one (`share_page`), so the key in the fragment
//! never passes through the host page's scripts, and copies it.

use yew::prelude::*;

use crate::browser;
use crate::components::share_panel::ShareState;
use crate::content;
use crate::domain::share;
use crate::domain::{Answers, Day};
use crate::i18n::Texts;
use crate::share_crypto;

#[hook]
pub fn use_share(
    answers: &Answers,
    today: Day,
    share_page: Option<AttrValue>,
    texts: Texts,
) -> (ShareState, Callback<Option<String>>) {
    let state = use_state(ShareState::default);
    let on_share = {
        let state = state.clone();
        let answers = answers.clone();
        Callback::from(move |passphrase: Option<String>| {
            let state = state.clone();
            let plain = share::encode_answers(content::english(), &answers, today);
            let base = share_page
                .as_ref()
                .map(|page| page.to_string())
                .unwrap_or_else(browser::address_without_fragment);
            state.set(ShareState::Working);
            wasm_bindgen_futures::spawn_local(async move {
                match share_crypto::seal(&plain, passphrase.as_deref()).await {
                    Ok(link) => {
                        let url = format!("{base}{}", share::build_fragment(&link));
                        let copied = browser::copy_to_clipboard(&url).await.is_ok();
                        state.set(ShareState::Ready {
                            link: url.into(),
                            copied,
                            with_passphrase: passphrase.is_some(),
                        });
                    }
                    // Sealing fails only where WebCrypto is missing or refuses.
                    Err(_) => state.set(ShareState::Failed(texts.ui().share.no_crypto().into())),
                }
            });
        })
    };
    ((*state).clone(), on_share)
}
