//! `use_incoming_link`: a private link in the address, on arrival or pasted into an open
//! page, is shown read-only and taken out of the address bar. The reader's own data is
//! untouched unless they choose to keep the answers as theirs.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::components::shared_result::IncomingShare;
use crate::content;
use crate::domain::share::{self, LinkSecret, ShareLink};
use crate::i18n::{open_error, share_error, Texts};
use crate::share_crypto;
use crate::state::{Action, View};

pub struct IncomingLink {
    /// The link being shown instead of the reader's own view, if any.
    pub shown: Option<IncomingShare>,
    pub on_passphrase: Callback<String>,
    pub on_take_yourself: Callback<()>,
    pub on_save_as_mine: Callback<()>,
}

#[hook]
pub fn use_incoming_link(dispatch: &Callback<Action>, texts: Texts) -> IncomingLink {
    let incoming = use_state(|| None::<IncomingShare>);
    let link = use_mut_ref(|| None::<ShareLink>);
    {
        let incoming = incoming.clone();
        let link = link.clone();
        use_effect_with((), move |_| {
            let read = move || read_incoming_link(&incoming, &link, texts);
            read();
            let watch = browser::on_hash_change(read);
            move || drop(watch)
        });
    }
    let on_passphrase = {
        let incoming = incoming.clone();
        let link = link.clone();
        Callback::from(move |passphrase: String| {
            let Some(link) = link.borrow().clone() else {
                return;
            };
            let incoming = incoming.clone();
            incoming.set(Some(IncomingShare::Opening));
            wasm_bindgen_futures::spawn_local(async move {
                let opened = open_link(&link, Some(&passphrase), texts).await;
                if let IncomingShare::Failed(problem) = &opened {
                    // A wrong passphrase can be tried again; the link stays in the address.
                    incoming.set(Some(IncomingShare::NeedsPassphrase {
                        problem: Some(problem.clone()),
                    }));
                } else {
                    browser::clear_fragment();
                    incoming.set(Some(opened));
                }
            });
        })
    };
    let on_take_yourself = {
        let incoming = incoming.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |()| {
            browser::clear_fragment();
            incoming.set(None);
            dispatch.emit(Action::Go(View::Welcome));
        })
    };
    let on_save_as_mine = {
        let incoming = incoming.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |()| {
            if let Some(IncomingShare::Opened { answers, .. }) = (*incoming).clone() {
                dispatch.emit(Action::UseSharedAnswers(answers));
                incoming.set(None);
            }
        })
    };
    IncomingLink {
        shown: (*incoming).clone(),
        on_passphrase,
        on_take_yourself,
        on_save_as_mine,
    }
}

/// Reads a share link from the address, if there is one, into `incoming`.
fn read_incoming_link(
    incoming: &UseStateHandle<Option<IncomingShare>>,
    incoming_link: &Rc<RefCell<Option<ShareLink>>>,
    texts: Texts,
) {
    let Some(fragment) = browser::fragment().filter(|f| share::is_share_fragment(f)) else {
        return;
    };
    match share::parse_fragment(&fragment) {
        Err(problem) => {
            browser::clear_fragment();
            incoming.set(Some(IncomingShare::Failed(
                share_error(texts, &problem).into(),
            )));
        }
        Ok(link) => {
            let needs_passphrase = matches!(link.secret, LinkSecret::Salt(_));
            *incoming_link.borrow_mut() = Some(link.clone());
            if needs_passphrase {
                incoming.set(Some(IncomingShare::NeedsPassphrase { problem: None }));
            } else {
                incoming.set(Some(IncomingShare::Opening));
                let incoming = incoming.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let opened = open_link(&link, None, texts).await;
                    browser::clear_fragment();
                    incoming.set(Some(opened));
                });
            }
        }
    }
}

/// Opens and decodes a link, turning every failure into words for the reader.
async fn open_link(link: &ShareLink, passphrase: Option<&str>, texts: Texts) -> IncomingShare {
    match share_crypto::open(link, passphrase).await {
        Err(problem) => IncomingShare::Failed(open_error(texts, &problem).into()),
        Ok(plain) => match share::decode_answers(content::english(), &plain) {
            Ok(shared) => IncomingShare::Opened {
                answers: shared.answers,
                made_on: shared.made_on,
            },
            Err(problem) => IncomingShare::Failed(share_error(texts, &problem).into()),
        },
    }
}
