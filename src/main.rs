//! The wasm entry points. `main` runs when the module loads: it mounts the standalone
//! page if this is one, and otherwise waits for `rekindle.js` to call `mount`.

use wasm_bindgen::prelude::*;

/// Talc instead of the standard library's dlmalloc: it also merges freed neighbours,
/// so a long session does not fragment, and it is 1.1 KB gzip smaller in the wasm.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    if let Err(error) = rekindle::embed::mount_standalone() {
        web_sys::console::error_2(&"Rekindle could not start:".into(), &error);
    }
}

/// Called by the loader for each script tag or `<rekindle-widget>` element: mounts into
/// `target`, reading options from `config`'s `data-` attributes. `share_page` is
/// Rekindle's own page if the loader found one beside itself.
#[wasm_bindgen]
pub fn mount(
    target: web_sys::Element,
    config: web_sys::Element,
    share_page: Option<String>,
) -> Result<(), JsValue> {
    rekindle::embed::mount(&target, &config, share_page)
}

/// Called by the glue once the later part of the wasm has arrived in the background
/// (`assets/later.js`): English takes in its later texts now, between the reader's
/// clicks, rather than in the first click that shows one.
#[wasm_bindgen]
pub fn later_arrived() {
    let _ = rekindle::content::english();
}
