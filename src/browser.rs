//! Small browser services the shell uses besides storage: the date, downloads, the
//! clipboard and reading a chosen file. Each failure is returned, never a panic.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::Day;

/// The reader's local calendar date.
pub fn today() -> Day {
    let now = js_sys::Date::new_0();
    Day::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(Day(0))
}

/// How long a download's object URL stays alive. Revoking it at once (as this did) can
/// cancel the download in a slow or busy browser; FileSaver.js waits 40 seconds.
const DOWNLOAD_URL_LIFETIME_MS: i32 = 40_000;

/// The browser could not start a download; the caller says so in the reader's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DownloadFailed;

/// Offers `text` as a file download named `filename`. `Err` when the browser could not
/// start it.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), DownloadFailed> {
    const CANNOT: DownloadFailed = DownloadFailed;
    let window = web_sys::window().ok_or(CANNOT)?;
    let document = window.document().ok_or(CANNOT)?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| CANNOT)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| CANNOT)?;
    let anchor: web_sys::HtmlAnchorElement = match document.create_element("a") {
        Ok(element) => element.unchecked_into(),
        Err(_) => {
            let _ = web_sys::Url::revoke_object_url(&url);
            return Err(CANNOT);
        }
    };
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    // If the timer cannot be set, the URL simply lives as long as the page.
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        DOWNLOAD_URL_LIFETIME_MS,
    );
    Ok(())
}

/// Copies `text` to the clipboard; `Err` when the browser refuses, or has no clipboard
/// for this page at all (plain `http://` pages have no `navigator.clipboard`).
pub async fn copy_to_clipboard(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let clipboard =
        js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).map_err(|_| ())?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(());
    }
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    // Called through `Function::call1`, which turns a thrown exception into `Err`.
    let promise: js_sys::Promise = write
        .call1(&clipboard, &text.into())
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

/// Whether the browser has agreed to keep this site's storage (not clear it when space
/// runs low, nor after Safari's seven days without a visit); `None` when it cannot say.
pub async fn storage_persisted() -> Option<bool> {
    call_storage_manager("persisted").await
}

/// Asks the browser to keep this site's storage. Some browsers ask the reader first.
pub async fn ask_to_persist_storage() -> Option<bool> {
    call_storage_manager("persist").await
}

async fn call_storage_manager(method: &str) -> Option<bool> {
    let navigator = web_sys::window()?.navigator();
    let manager = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    if manager.is_undefined() || manager.is_null() {
        return None;
    }
    let function: js_sys::Function = js_sys::Reflect::get(&manager, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = function.call0(&manager).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Reads a chosen file as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| "the browser could not read the file".to_string())
}

/// Tells the host page the reader reached a result: the band's id and nothing else.
pub fn dispatch_result_event(host: &web_sys::Element, band: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"band".into(), &band.into());
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("rekindle:result", &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The page address's fragment (with its `#`), if any.
pub fn fragment() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .filter(|hash| !hash.is_empty())
}

/// The page address without its fragment: the base of a share link.
pub fn address_without_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Takes the fragment out of the address bar (and history) once a link has been read,
/// so the answers do not linger in the reader's history or get shared by accident.
pub fn clear_fragment() {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        if let Ok(history) = window.history() {
            // The page's own history state goes back as it was: a single-page blog's
            // router keeps what it stored there.
            let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let _ = history.replace_state_with_url(&state, "", Some(&format!("{path}{search}")));
        }
    }
}

/// Calls `on_change` when the address's fragment changes (a link pasted into an open
/// page). Dropping the guard stops listening.
pub fn on_hash_change(on_change: impl Fn() + 'static) -> HashWatch {
    let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(on_change);
    let added = web_sys::window().is_some_and(|window| {
        window
            .add_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref())
            .is_ok()
    });
    HashWatch {
        callback: added.then_some(callback),
    }
}

pub struct HashWatch {
    callback: Option<wasm_bindgen::closure::Closure<dyn Fn()>>,
}

impl Drop for HashWatch {
    fn drop(&mut self) {
        if let (Some(callback), Some(window)) = (self.callback.take(), web_sys::window()) {
            let _ = window.remove_event_listener_with_callback(
                "hashchange",
                callback.as_ref().unchecked_ref(),
            );
        }
    }
}

/// The text table of a language other than English (`rekindle-<code>.json`, a JSON
/// array of strings): inlined in the page as `<script type="application/json"
/// id="rekindle-text-<code>">` (the single file), or fetched from beside the wasm (the
/// loader's folder for a widget, the page's own for the standalone page; the service
/// worker serves it offline). Fails with the address it could not fetch or read.
pub async fn language_table(code: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    if let Some(inline) = document.get_element_by_id(&format!("rekindle-text-{code}")) {
        if let Some(text) = inline.text_content() {
            return Ok(text);
        }
    }
    let file = format!("rekindle-{code}.json");
    // Beside the loader on a host page (its directory, ending in `/`); on the
    // standalone page `fetch` finds it beside the page.
    let url = match js_sys::Reflect::get(&window, &"Rekindle".into())
        .ok()
        .filter(|value| value.is_object())
        .and_then(|rekindle| js_sys::Reflect::get(&rekindle, &"base".into()).ok())
        .and_then(|base| base.as_string())
    {
        Some(base) => base + &file,
        None => file,
    };
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| url.clone())?;
    let response: web_sys::Response = response.unchecked_into();
    let text = response
        .ok()
        .then(|| response.text().ok())
        .flatten()
        .ok_or_else(|| url.clone())?;
    wasm_bindgen_futures::JsFuture::from(text)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or(url)
}

/// The standalone page around the widget in the reader's language: `<html lang>`, the
/// title, and each element marked `data-rk-text="<key>"` (its footer).
pub fn translate_page(lang: &str, page: &crate::domain::content::PageText) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang);
    }
    document.set_title(page.title());
    for (key, text) in page.texts() {
        if let Ok(Some(element)) = document.query_selector(&format!("[data-rk-text=\"{key}\"]")) {
            element.set_text_content(Some(text));
        }
    }
}

/// Leaves for `url` in the top window, replacing this page in the tab's history so Back
/// does not return to it. `location.replace` would send the page's address as the
/// referrer, which the quick exit's link never does, so the page first gets a
/// `no-referrer` policy: it is being left, so nothing else of it is affected. False
/// (and the page as it was) when the browser refuses, for example a frame that may not
/// navigate the top window; the link then leaves by itself.
pub fn leave_quickly(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(document) = window.document() else {
        return false;
    };
    let (Ok(Some(head)), Ok(policy)) = (
        document.query_selector("head"),
        document.create_element("meta"),
    ) else {
        return false;
    };
    let _ = policy.set_attribute("name", "referrer");
    let _ = policy.set_attribute("content", "no-referrer");
    if head.append_child(&policy).is_err() {
        return false;
    }
    let left = window
        .top()
        .ok()
        .flatten()
        .is_some_and(|top| top.location().replace(url).is_ok());
    if !left {
        policy.remove();
    }
    left
}
