//! Offline use, generated once the bundle and the page are in `dist/`:
//!
//! - `dist/sw.js`, the standalone page's service worker, from `assets/sw.template.js`
//!   with this build's version and the SHA-256 of every file the page needs;
//! - `dist/rekindle-offline.html`, the whole app in one file (CSS, JavaScript glue and
//!   the wasm as base64, all inline) that opens from disk, from
//!   `assets/offline.template.html`.
//!
//! The hashes and base64 are written by hand in `digest.rs`.

use std::path::Path;

use crate::digest::{base64, hex, integrity, sha256};
use crate::files::{files_under, read, read_text, write};
use crate::{languages, release, root, split, step, Failure, Result};

pub const SERVICE_WORKER: &str = "sw.js";
pub const SINGLE_FILE: &str = "rekindle-offline.html";
pub const LOADER: &str = "rekindle.js";
/// Served next to the standalone page but not part of it: the demo pages are other
/// "host" pages, and the single file is a download, not something the page loads.
const NOT_PRECACHED: &[&str] = &[SERVICE_WORKER, SINGLE_FILE, "demo"];

pub fn generate(dist: &Path) -> Result {
    step("Offline: service worker (dist/sw.js) and single file (dist/rekindle-offline.html)");
    // First, so the service worker lists the stamped loader's and page's hashes.
    stamp_loader(dist)?;
    lock_down_page(dist)?;
    let assets = root().join("assets");
    let files = precache_list(dist)?;
    let sw = service_worker(&read_text(&assets.join("sw.template.js"))?, &files)?;
    write(&dist.join(SERVICE_WORKER), sw.as_bytes())?;
    println!(
        "    sw.js precaches {} files as version {}",
        files.len(),
        version(&files)
    );
    let single = single_file(
        &read_text(&assets.join("offline.template.html"))?,
        &read_text(&assets.join("page.css"))?,
        &read_text(&dist.join("rekindle-app.js"))?,
        &read(&dist.join("rekindle-app_bg.wasm"))?,
        &read(&dist.join(split::LATER))?,
    )?;
    // Every language's text table, inlined: the single file fetches nothing.
    let single = replace_once(
        &single,
        "<!--REKINDLE_TEXTS-->",
        &languages::inline_blocks(dist)?,
        SINGLE_FILE,
    )?;
    let single = with_policy(&single)?;
    write(&dist.join(SINGLE_FILE), single.as_bytes())?;
    println!("    {SINGLE_FILE}: {} B", single.len());
    Ok(())
}

/// Writes into `dist/rekindle.js` the SHA-384 (`sha384-…`, as Subresource Integrity
/// writes it) of the glue and of the wasm, which it checks before running them, and the
/// version of Cargo.toml: a cache or host handing it files of another build, or changed
/// files, gets them refused rather than run.
pub(crate) fn stamp_loader(dist: &Path) -> Result {
    let path = dist.join(LOADER);
    let glue = integrity(&read(&dist.join("rekindle-app.js"))?);
    let wasm = integrity(&read(&dist.join("rekindle-app_bg.wasm"))?);
    let version = release::crate_version(&read_text(&root().join("Cargo.toml"))?)?;
    let stamped = stamp(&read_text(&path)?, &glue, &wasm, &version)?;
    write(&path, stamped.as_bytes())?;
    println!("    rekindle.js {version} runs only rekindle-app.js {glue} and rekindle-app_bg.wasm {wasm}");
    Ok(())
}

fn stamp(loader: &str, glue: &str, wasm: &str, version: &str) -> Result<String> {
    let loader = replace_once(loader, "__REKINDLE_GLUE_SRI__", glue, LOADER)?;
    let loader = replace_once(&loader, "__REKINDLE_WASM_SRI__", wasm, LOADER)?;
    replace_once(&loader, "__REKINDLE_RELEASE__", version, LOADER)
}

/// Gives the standalone page (`dist/index.html`) a strict Content-Security-Policy and
/// `Referrer-Policy: no-referrer` as meta tags, so they hold on any static host. Share
/// links open there with their key in the fragment: no script but ours may run.
fn lock_down_page(dist: &Path) -> Result {
    let path = dist.join("index.html");
    let page = with_policy(&read_text(&path)?)?;
    write(&path, page.as_bytes())?;
    println!("    index.html: strict Content-Security-Policy and no-referrer, as meta tags");
    Ok(())
}

/// `page` with the policy meta tags right after `<meta charset>`, allowing exactly its
/// own inline scripts and styles by hash (the page's start-up script; the single file's
/// glue and CSS) and nothing else inline: no other inline script, no eval, no plugin,
/// no `<base>`, no form posting anywhere.
fn with_policy(page: &str) -> Result<String> {
    if page.contains("http-equiv=\"Content-Security-Policy\"") {
        return Ok(page.to_string());
    }
    let hashes = |tag: &str| -> Vec<String> {
        inline_bodies(page, tag)
            .iter()
            .map(|body| format!(" 'sha256-{}'", base64(&sha256(body.as_bytes()))))
            .collect()
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
        hashes("script").concat(),
        hashes("style").concat(),
    );
    let charset = "<meta charset=\"utf-8\" />";
    let tags = format!(
        "{charset}\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />\n    <meta name=\"referrer\" content=\"no-referrer\" />"
    );
    replace_once(page, charset, &tags, "page")
}

/// The text of every inline `<tag>…</tag>` (those without `src`), exactly as the
/// browser hashes it. Data blocks (`<script type="application/json">`, the languages'
/// text tables) never run, so the policy needs no hash for them.
fn inline_bodies<'a>(page: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut bodies = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(end_of_open) = after.find('>') else {
            break;
        };
        let attributes = &after[open.len()..end_of_open];
        let body_and_rest = &after[end_of_open + 1..];
        let Some(body_end) = body_and_rest.find(&close) else {
            break;
        };
        // `<style` also starts `<styles…>`; only the tag itself counts.
        let is_tag = attributes.is_empty() || attributes.starts_with(char::is_whitespace);
        let is_data = attributes.contains("type=\"application/json\"");
        if is_tag && !attributes.contains("src=") && !is_data {
            bodies.push(&body_and_rest[..body_end]);
        }
        rest = &body_and_rest[body_end + close.len()..];
    }
    bodies
}

/// Every file of `dist/` the standalone page needs, as (path relative to dist with `/`
/// separators, SHA-256 hex), sorted so the version is stable.
fn precache_list(dist: &Path) -> Result<Vec<(String, String)>> {
    let paths = files_under(dist, NOT_PRECACHED)?;
    let mut files = Vec::with_capacity(paths.len());
    for (relative, path) in paths {
        files.push((relative, hex(&sha256(&read(&path)?))));
    }
    files.sort();
    for needed in ["index.html", "rekindle-app.js", "rekindle-app_bg.wasm"] {
        if !files.iter().any(|(path, _)| path == needed) {
            return Err(Failure::new(format!(
                "dist/{needed} is missing after the bundle; the build did not finish, re-run `cargo xtask build`"
            )));
        }
    }
    Ok(files)
}

/// One version for the whole set: any file changing gives a new cache name.
fn version(files: &[(String, String)]) -> String {
    let mut listing = String::new();
    for (path, hash) in files {
        listing.push_str(path);
        listing.push('\0');
        listing.push_str(hash);
        listing.push('\n');
    }
    hex(&sha256(listing.as_bytes()))[..16].to_string()
}

fn service_worker(template: &str, files: &[(String, String)]) -> Result<String> {
    let list = files
        .iter()
        .map(|(path, hash)| format!("\n  [{}, \"{hash}\"]", js_string(path)))
        .collect::<Vec<_>>()
        .join(",");
    let list = format!("[{list}\n]");
    let sw = replace_once(template, "__REKINDLE_VERSION__", &version(files), "sw")?;
    replace_once(&sw, "__REKINDLE_FILES__", &list, "sw")
}

fn single_file(
    template: &str,
    page_css: &str,
    glue: &str,
    wasm: &[u8],
    later: &[u8],
) -> Result<String> {
    if page_css.to_ascii_lowercase().contains("</style") {
        return Err(Failure::new(
            "assets/page.css contains `</style`, which would end the inline style early; remove it",
        ));
    }
    let init = default_export(glue).ok_or_else(|| {
        Failure::new(
            "cannot find the default export (the init function) in dist/rekindle-app.js; wasm-bindgen's output changed, update xtask/src/offline.rs",
        )
    })?;
    if glue.contains("\nimport ") || glue.starts_with("import ") {
        return Err(Failure::new(
            "dist/rekindle-app.js imports other files (wasm-bindgen snippets?), which the single file cannot inline yet; update xtask/src/offline.rs",
        ));
    }
    // `</script` inside the glue would end the inline script; `<\/` means the same in
    // every JavaScript string, template and regular expression where it could occur.
    let glue = glue.replace("</script", "<\\/script");
    let page = replace_once(template, "/*REKINDLE_PAGE_CSS*/", page_css, SINGLE_FILE)?;
    let page = replace_once(
        &page,
        "__REKINDLE_WASM_BASE64__",
        &base64(wasm),
        SINGLE_FILE,
    )?;
    let page = replace_once(
        &page,
        "__REKINDLE_LATER_BASE64__",
        &base64(later),
        SINGLE_FILE,
    )?;
    let page = replace_once(&page, "__REKINDLE_INIT__", &init, SINGLE_FILE)?;
    // The glue goes in last, so nothing inside it is mistaken for a placeholder.
    replace_once(&page, "/*REKINDLE_GLUE*/", &glue, SINGLE_FILE)
}

/// The local name wasm-bindgen exports as `default`: `export { initSync, __wbg_init as
/// default };` in current versions, `export default __wbg_init;` in older ones.
fn default_export(glue: &str) -> Option<String> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    if let Some(at) = glue.find(" as default") {
        let before = &glue[..at];
        let start = before.rfind(|c: char| !is_ident(c)).map_or(0, |i| i + 1);
        let name = &before[start..];
        return (!name.is_empty()).then(|| name.to_string());
    }
    let after = glue.split("export default ").nth(1)?;
    let name: String = after.chars().take_while(|&c| is_ident(c)).collect();
    (!name.is_empty()).then_some(name)
}

fn replace_once(text: &str, placeholder: &str, value: &str, what: &str) -> Result<String> {
    match text.matches(placeholder).count() {
        1 => Ok(text.replacen(placeholder, value, 1)),
        n => Err(Failure::new(format!(
            "the {what} template should hold `{placeholder}` once but holds it {n} times; fix the template in assets/"
        ))),
    }
}

fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_glue_init_function() {
        assert_eq!(
            default_export(
                "function __wbg_init() {}\nexport { initSync, __wbg_init as default };\n"
            )
            .as_deref(),
            Some("__wbg_init")
        );
        assert_eq!(
            default_export("export default init;\n").as_deref(),
            Some("init")
        );
        assert_eq!(default_export("export { initSync };"), None);
    }

    /// The loader's placeholder and the mounted widget must size the host alike, or the
    /// host page shifts when one replaces the other.
    #[test]
    fn the_loader_reserves_space_under_the_widgets_own_host_rule() {
        let embed = include_str!("../../src/embed.rs");
        let loader = include_str!("../../assets/rekindle.js");
        let rule = embed
            .lines()
            .find_map(|line| line.strip_prefix("const HOST_RULE: &str = \""))
            .and_then(|rest| rest.strip_suffix("\";"))
            .expect("src/embed.rs declares HOST_RULE on one line");
        assert!(rule.contains("container-type:inline-size"));
        assert!(
            loader.contains(&format!("'{rule}")),
            "assets/rekindle.js must start its placeholder CSS with HOST_RULE: {rule}"
        );
    }

    #[test]
    fn the_loader_is_stamped_with_both_hashes_and_the_version_once() {
        let loader = "var BUILD = { glue: '__REKINDLE_GLUE_SRI__', wasm: '__REKINDLE_WASM_SRI__' }; var v = '__REKINDLE_RELEASE__';";
        let stamped = stamp(loader, "sha384-AAAA", "sha384-BBBB", "1.2.3").expect("stamped");
        assert_eq!(
            stamped,
            "var BUILD = { glue: 'sha384-AAAA', wasm: 'sha384-BBBB' }; var v = '1.2.3';"
        );
        assert!(stamp("no placeholders", "a", "b", "c").is_err());
        assert!(stamp(&format!("{loader}{loader}"), "a", "b", "c").is_err());
    }

    #[test]
    fn the_policy_allows_exactly_the_pages_own_inline_code_by_hash() {
        let page = "<head>\n    <meta charset=\"utf-8\" />\n<script type=\"module\">go();</script><script src=\"a.js\"></script><style>b{}</style></head>";
        let locked = with_policy(page).expect("a page with a charset");
        let script_hash = base64(&sha256(b"go();"));
        let style_hash = base64(&sha256(b"b{}"));
        assert!(
            locked.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-{script_hash}';"
            )),
            "{locked}"
        );
        assert!(
            locked.contains(&format!("style-src 'self' 'sha256-{style_hash}';")),
            "{locked}"
        );
        assert!(locked.contains("<meta name=\"referrer\" content=\"no-referrer\" />"));
        assert!(!locked.contains("unsafe-inline") && !locked.contains("'unsafe-eval'"));
        // The policy comes before any script, and is added once.
        assert!(locked.find("Content-Security-Policy") < locked.find("<script"));
        assert_eq!(with_policy(&locked).expect("again"), locked);
        assert!(with_policy("<head></head>").is_err());
    }

    #[test]
    fn a_changed_file_changes_the_version() {
        let one = vec![("index.html".to_string(), "aa".to_string())];
        let two = vec![("index.html".to_string(), "ab".to_string())];
        assert_ne!(version(&one), version(&two));
        assert_eq!(version(&one).len(), 16);
    }

    #[test]
    fn the_service_worker_lists_files_and_version() {
        let files = vec![
            ("index.html".to_string(), "00".to_string()),
            ("icons/icon-192.png".to_string(), "11".to_string()),
        ];
        let sw = service_worker(
            "const VERSION = '__REKINDLE_VERSION__';\nconst FILES = __REKINDLE_FILES__;",
            &files,
        )
        .expect("a valid template");
        assert!(sw.contains(&version(&files)));
        assert!(sw.contains("[\"icons/icon-192.png\", \"11\"]"));
        assert!(service_worker("no placeholders", &files).is_err());
    }

    #[test]
    fn language_data_blocks_are_not_hashed_as_scripts() {
        let page = "<script type=\"application/json\" id=\"rekindle-text-es\">[\"hola\"]</script><script type=\"module\">run()</script>";
        assert_eq!(inline_bodies(page, "script"), ["run()"]);
    }

    #[test]
    fn the_single_file_inlines_everything_and_escapes_script_ends() {
        let template = "<style>/*REKINDLE_PAGE_CSS*/</style><script type=\"module\">/*REKINDLE_GLUE*/\nconst w = '__REKINDLE_WASM_BASE64__';\nconst l = '__REKINDLE_LATER_BASE64__';\n__REKINDLE_INIT__({ module_or_path: w, later: l });</script>";
        let glue = "const s = '</script>';\nexport { initSync, __wbg_init as default };";
        let page = single_file(template, "body{}", glue, b"foo", b"bar").expect("a valid template");
        assert!(page.contains("body{}"));
        assert!(page.contains("'Zm9v'"));
        assert!(page.contains("'YmFy'"));
        assert!(page.contains("__wbg_init({ module_or_path: w, later: l })"));
        assert!(page.contains("'<\\/script>'"));
        assert_eq!(page.matches("</script").count(), 1, "{page}");
        assert!(single_file(template, "</style>", glue, b"", b"").is_err());
    }
}
