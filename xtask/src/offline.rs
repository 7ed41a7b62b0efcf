//! Offline use, generated after Trunk has filled `dist/`:
//!
//! - `dist/sw.js`, the standalone page's service worker, from `assets/sw.template.js`
//!   with this build's version and the SHA-256 of every file the page needs;
//! - `dist/rekindle-offline.html`, the whole app in one file (CSS, JavaScript glue and
//!   the wasm as base64, all inline) that opens from disk, from
//!   `assets/offline.template.html`.
//!
//! Both hashes and base64 are written by hand here: they are small, tested below, and
//! keep xtask's dependencies to flate2.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{languages, root, step, Failure, Result};

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

/// Writes the content hashes of the glue and the wasm into `dist/rekindle.js`, which
/// loads them as `?v=<hash>`: a cache holding one build's glue and another's wasm can
/// then never pair them, because a new build asks for new addresses.
fn stamp_loader(dist: &Path) -> Result {
    let path = dist.join(LOADER);
    let glue = short_hash(&read(&dist.join("rekindle-app.js"))?);
    let wasm = short_hash(&read(&dist.join("rekindle-app_bg.wasm"))?);
    let stamped = stamp(&read_text(&path)?, &glue, &wasm)?;
    write(&path, stamped.as_bytes())?;
    println!("    rekindle.js loads rekindle-app.js?v={glue} and rekindle-app_bg.wasm?v={wasm}");
    Ok(())
}

fn stamp(loader: &str, glue: &str, wasm: &str) -> Result<String> {
    let loader = replace_once(loader, "__REKINDLE_GLUE_HASH__", glue, LOADER)?;
    replace_once(&loader, "__REKINDLE_WASM_HASH__", wasm, LOADER)
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
/// own inline scripts and styles by hash (Trunk's start-up script; the single file's
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

/// The first 16 hex digits of the SHA-256: plenty to tell builds apart.
fn short_hash(bytes: &[u8]) -> String {
    hex(&sha256(bytes))[..16].to_string()
}

/// Every file of `dist/` the standalone page needs, as (path relative to dist with `/`
/// separators, SHA-256 hex), sorted so the version is stable.
fn precache_list(dist: &Path) -> Result<Vec<(String, String)>> {
    let mut paths = Vec::new();
    collect(dist, dist, &mut paths)?;
    let mut files = Vec::with_capacity(paths.len());
    for (relative, path) in paths {
        files.push((relative, hex(&sha256(&read(&path)?))));
    }
    files.sort();
    for needed in ["index.html", "rekindle-app.js", "rekindle-app_bg.wasm"] {
        if !files.iter().any(|(path, _)| path == needed) {
            return Err(Failure::new(format!(
                "dist/{needed} is missing after Trunk; the build did not finish, re-run `cargo xtask build`"
            )));
        }
    }
    Ok(files)
}

fn collect(dist: &Path, dir: &Path, into: &mut Vec<(String, PathBuf)>) -> Result {
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot list {} ({e})", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(relative) = path.strip_prefix(dist) else {
            continue;
        };
        let relative = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if NOT_PRECACHED.contains(&relative.as_str()) {
            continue;
        }
        if path.is_dir() {
            collect(dist, &path, into)?;
        } else {
            into.push((relative, path));
        }
    }
    Ok(())
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

fn single_file(template: &str, page_css: &str, glue: &str, wasm: &[u8]) -> Result<String> {
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

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| {
        Failure::new(format!(
            "cannot read {} ({e}); re-run `cargo xtask build`",
            path.display()
        ))
    })
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| {
        Failure::new(format!(
            "cannot read {} ({e}); restore it from git or re-run `cargo xtask build`",
            path.display()
        ))
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    fs::write(path, bytes)
        .map_err(|e| Failure::new(format!("cannot write {} ({e})", path.display())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Standard base64 with padding (RFC 4648), what `atob` reads.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextet = |shift: u32| char::from(ALPHABET[((n >> shift) & 63) as usize]);
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// SHA-256 (FIPS 180-4). The service worker checks each downloaded file with the
/// browser's `crypto.subtle.digest('SHA-256')`, so both sides need the same hash.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (state, value) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *state = state.wrapping_add(value);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_vectors() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(&sha256(&[b'a'; 1_000])),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
        );
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

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

    #[test]
    fn the_loader_is_stamped_with_both_hashes_once() {
        let loader =
            "var BUILD = { glue: '__REKINDLE_GLUE_HASH__', wasm: '__REKINDLE_WASM_HASH__' };";
        let stamped = stamp(loader, "0123456789abcdef", "fedcba9876543210").expect("stamped");
        assert_eq!(
            stamped,
            "var BUILD = { glue: '0123456789abcdef', wasm: 'fedcba9876543210' };"
        );
        assert!(stamp("no placeholders", "a", "b").is_err());
        assert_eq!(short_hash(b"abc"), "ba7816bf8f01cfea");
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
        let template = "<style>/*REKINDLE_PAGE_CSS*/</style><script type=\"module\">/*REKINDLE_GLUE*/\nconst w = '__REKINDLE_WASM_BASE64__';\n__REKINDLE_INIT__({ module_or_path: w });</script>";
        let glue = "const s = '</script>';\nexport { initSync, __wbg_init as default };";
        let page = single_file(template, "body{}", glue, b"foo").expect("a valid template");
        assert!(page.contains("body{}"));
        assert!(page.contains("'Zm9v'"));
        assert!(page.contains("__wbg_init({ module_or_path: w })"));
        assert!(page.contains("'<\\/script>'"));
        assert_eq!(page.matches("</script").count(), 1, "{page}");
        assert!(single_file(template, "</style>", glue, b"").is_err());
    }
}
