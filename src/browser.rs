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

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not prepare the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not prepare the file")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser could not prepare the download")?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies `text` to the clipboard; `Err` when the browser refuses.
pub async fn copy_to_clipboard(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
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
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{search}")),
            );
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
