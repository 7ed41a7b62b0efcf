//! Mounting into any element of any page: a shadow root with the widget's own
//! stylesheet, options read from `data-` attributes. Used by the loader (`rekindle.js`),
//! the `<rekindle-widget>` element and the standalone page alike.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, Element, ShadowRootInit, ShadowRootMode};

use crate::app::{App, AppProps};
use crate::components::result::HelpResources;
use crate::embed_links::{read_parent_origin, read_share_page};
use crate::embed_options::{read_options, EmbedOptions, LangChoice};
use crate::i18n::Lang;
use crate::storage;

/// Every stylesheet of the widget, compiled in: no extra request, and a constructed
/// stylesheet is allowed under a strict `style-src 'self'` policy. build.rs joins
/// `assets/rekindle.css`, `assessment.css` and `plan.css` and minifies them.
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// Rules for the shadow host. `!important` inside a shadow tree beats the host page's
/// `!important`, so a page rule such as `* { all: unset; color: red !important }` cannot
/// reach into the widget through inheritance. The widget sizes everything in `em` from
/// `medium`, the reader's own browser setting, never in `rem`, which would follow the
/// host page's root font size (`html { font-size: 31px }` would blow it up).
/// The host is the query container for the widget's `@container` rules, so the widget
/// lays itself out by its own width (a sidebar, a two-column post), not the window's.
///
/// The loader draws its placeholder under the same host rule (`tests` check it), so the
/// host keeps its size when the widget replaces the placeholder. `width: 100%` keeps a
/// shrink-to-fit parent (a centred flex column) from collapsing the contained host.
const HOST_RULE: &str = ":host{all:initial!important;display:block!important;width:100%!important;font-size:medium!important;contain:content;container-type:inline-size!important}";
const HOST_CSS: &str = ":host([hidden]) { display: none !important; }";

/// Mounts the widget into `target`, configured by the `data-` attributes of `config`
/// (the script tag, the custom element, or the standalone page's container).
/// `found_share_page` is Rekindle's own page as the loader found it beside itself;
/// `data-share-page` overrides it.
pub fn mount(
    target: &Element,
    config: &Element,
    found_share_page: Option<String>,
) -> Result<(), JsValue> {
    let share_page = match config.get_attribute("data-share-page") {
        Some(value) => match read_share_page(&value).map(|page| resolve(&page)) {
            Ok(Some(page)) => Some(page),
            Ok(None) => found_share_page,
            Err(warning) => {
                web_sys::console::warn_1(&warning.into());
                found_share_page
            }
        },
        None => found_share_page,
    };
    mount_with(target, config, None, share_page, false)
}

/// `page` as an absolute address, relative to the host page's own.
fn resolve(page: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    let url = web_sys::Url::new_with_base(page, &base).ok()?;
    url.set_hash("");
    Some(url.href())
}

fn mount_with(
    target: &Element,
    config: &Element,
    offline_url: Option<String>,
    share_page: Option<String>,
    standalone: bool,
) -> Result<(), JsValue> {
    let (mut options, warnings) = read_options(|name| config.get_attribute(name));
    if standalone {
        // The iframe embed names its language in the address: `?embed&lang=es`.
        let wanted = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
            .and_then(|params| params.get("lang"))
            .and_then(|tag| Lang::from_tag(&tag));
        if let Some(lang) = wanted {
            options.lang = LangChoice::Fixed(lang);
        }
    }
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(&stylesheet(&options))?;
    let document = target.owner_document().ok_or_else(|| {
        JsValue::from_str("Rekindle: the element to mount in is not in a document")
    })?;
    let root = document.create_element("div")?;
    match target.shadow_root() {
        None => {
            let shadow = target.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
            shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
            shadow.append_child(&root)?;
        }
        Some(shadow) => {
            // The loader's placeholder (rekindle.js): the widget takes its place inside
            // the box that reserves the first view's height, and keeps the reserving
            // stylesheet, so nothing on the host page moves.
            let Some(status) = shadow.query_selector(".rk-wait")? else {
                // Already mounted (a custom element moved in the page): keep its state.
                return Ok(());
            };
            let sheets = shadow.adopted_style_sheets();
            sheets.push(&sheet);
            shadow.set_adopted_style_sheets(&sheets);
            match status.parent_element() {
                Some(reserve) => reserve.append_child(&root)?,
                None => shadow.append_child(&root)?,
            };
            status.remove();
        }
    }
    let lang = choose_language(options.lang, target, standalone);
    let mut props = props(options, target.clone());
    props.lang = lang;
    props.language_switch = standalone;
    props.offline_url = offline_url.map(Into::into);
    props.share_page = share_page.map(Into::into);
    yew::Renderer::<App>::with_root_and_props(root, props).render();
    Ok(())
}

fn props(options: EmbedOptions, host: Element) -> AppProps {
    AppProps {
        namespace: options.namespace.into(),
        help: HelpResources {
            text: options.help_text.map(Into::into),
            url: options.help_url.map(Into::into),
            exit_url: options.exit_url.map(Into::into),
        },
        theme: options.theme,
        start: options.start,
        events: options.events,
        host: Some(host),
        offline_url: None,
        share_page: None,
        lang: Lang::En,
        language_switch: false,
    }
}

/// The language for `data-lang="auto"`: on the standalone page the reader's own choice
/// from its switch, then the browser's languages; in a host page, the nearest `lang`
/// attribute (the host page's language, if Rekindle speaks it), then the browser's
/// languages; English when none of them is one Rekindle speaks.
fn choose_language(choice: LangChoice, target: &Element, standalone: bool) -> Lang {
    if let LangChoice::Fixed(lang) = choice {
        return lang;
    }
    let first_choice = if standalone {
        storage::chosen_language()
    } else {
        target
            .closest("[lang]")
            .ok()
            .flatten()
            .and_then(|element| element.get_attribute("lang"))
    };
    first_choice
        .as_deref()
        .and_then(Lang::from_tag)
        .or_else(|| {
            let languages = web_sys::window()?.navigator().languages();
            languages
                .iter()
                .find_map(|tag| Lang::from_tag(&tag.as_string()?))
        })
        .unwrap_or_default()
}

/// The widget's CSS plus the embedder's accent colour (already checked to be a hex
/// colour, so it cannot break out of the rule).
fn stylesheet(options: &EmbedOptions) -> String {
    let mut css = String::with_capacity(HOST_RULE.len() + HOST_CSS.len() + WIDGET_CSS.len() + 64);
    css.push_str(HOST_RULE);
    css.push_str(HOST_CSS);
    css.push_str(WIDGET_CSS);
    if let Some(accent) = &options.accent {
        css.push_str(&format!(
            ".rekindle.rekindle.rekindle {{ --rk-accent: {accent}; }}"
        ));
    }
    css
}

/// The standalone page: mounts into `#rekindle-standalone` if the page has one, and
/// marks the page as embedded (no page chrome) when opened with `?embed`. Its
/// `data-offline-url` names the single-file copy that "Your data" offers for download.
pub fn mount_standalone() -> Result<(), JsValue> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Ok(());
    };
    let Some(target) = document.get_element_by_id("rekindle-standalone") else {
        // Loaded by rekindle.js on someone else's page: wait to be asked to mount.
        return Ok(());
    };
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search)?;
    if params.has("embed") {
        if let Some(body) = document.body() {
            body.class_list().add_1("rk-embedded")?;
        }
        if params.has("autoheight") {
            // Only to the embedder's own origin, never "*": the page the frame sits in
            // could have been navigated to someone else's meanwhile.
            match params.get("parent-origin").map(|o| read_parent_origin(&o)) {
                Some(Ok(origin)) => report_height_to_parent(&target, origin)?,
                Some(Err(warning)) => web_sys::console::warn_1(&warning.into()),
                None => web_sys::console::warn_1(
                    &"Rekindle: autoheight needs parent-origin (your page's origin, such as https://blog.example); the height is not sent.".into(),
                ),
            }
        }
    }
    let offline_url = target
        .get_attribute("data-offline-url")
        .filter(|url| is_plain_relative(url));
    // Links made here open here: this page without its query (`?embed`) or fragment.
    let location = web_sys::window().map(|w| w.location());
    let share_page =
        location.and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)));
    mount_with(&target, &target, offline_url, share_page, true)
}

/// A file beside the page (`rekindle-offline.html`), never a scheme such as
/// `javascript:` or another site: the link is offered as a download of Rekindle itself.
fn is_plain_relative(url: &str) -> bool {
    !url.is_empty() && !url.contains(':') && !url.starts_with("//") && !url.contains('\\')
}

/// Opt-in only (`?embed&autoheight&parent-origin=…`): tells the parent frame the
/// widget's height so the iframe can fit it. The message carries a number and nothing
/// about the reader, and goes to `origin` only.
fn report_height_to_parent(target: &Element, origin: String) -> Result<(), JsValue> {
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return Ok(());
    };
    let observed = target.clone();
    let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let message = js_sys::Object::new();
        let height = observed.get_bounding_client_rect().height().ceil();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"rekindle:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, &origin);
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref())?;
    observer.observe(target);
    // Both live as long as the page.
    callback.forget();
    std::mem::forget(observer);
    Ok(())
}
