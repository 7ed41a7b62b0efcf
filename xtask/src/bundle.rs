//! The page bundle, in four plain steps: cargo builds the app for wasm, wasm-bindgen
//! writes the glue, wasm-opt shrinks the wasm, and the static files are copied beside
//! them. The page itself is written last (see [`write_page`]), once the scripts are in
//! their final form, so its integrity hashes are the shipped files' own.
//!
//! This used to be Trunk. Compiling Trunk was the longest step of a fresh set-up (about
//! 2 of its minutes) and these steps are all we used of it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::checked;
use crate::setup::Tools;
use crate::{digest, files, root, step, Failure, Result};

/// The binary that mounts the standalone page and the embeds.
const BIN: &str = "rekindle-app";
/// wasm-opt's level and passes, chosen by the gzip size they produce (README, *Size*):
/// -O1 is smaller after gzip than -Oz, -Os or -O2 on this code.
const WASM_OPT_ARGS: [&str; 3] = ["-O1", "--low-memory-unused", "--merge-similar-functions"];
/// Files copied into `dist/` as they are: (source, destination), both from the root.
const COPIED_FILES: [(&str, &str); 4] = [
    ("assets/page.css", "page.css"),
    ("assets/rekindle.js", "rekindle.js"),
    ("assets/manifest.webmanifest", "manifest.webmanifest"),
    ("assets/sw-register.js", "sw-register.js"),
];
/// Folders copied into `dist/` with everything in them.
const COPIED_FOLDERS: [(&str, &str); 2] = [("demo", "demo"), ("assets/icons", "icons")];
/// The files the page names in `<link>`s, which get a Subresource Integrity hash so a
/// browser refuses one that was changed on the way. The wasm's `preload` gets none:
/// browsers ignore `integrity` on a fetch preload and warn that they do.
const PAGE_INTEGRITY: [&str; 2] = ["page.css", "rekindle-app.js"];

/// Fills a fresh `dist/` with everything but the page.
pub fn build_app(tools: &Tools, dist: &Path) -> Result {
    checked(
        tools
            .release_cargo()
            .args(["build", "--release", "--offline", "--target"])
            .arg(crate::setup::WASM_TARGET)
            .args(["--bin", BIN]),
        "the release build failed; read the compiler's message above, fix it and re-run",
    )?;
    let target = target_dir();
    let built = target
        .join(crate::setup::WASM_TARGET)
        .join("release")
        .join(format!("{BIN}.wasm"));
    let bindgen_out = target.join("wasm-bindgen").join("release");
    fs::create_dir_all(&bindgen_out)
        .map_err(|e| Failure::new(format!("cannot create {} ({e})", bindgen_out.display())))?;
    checked(
        Command::new("wasm-bindgen")
            .args(["--target=web", "--no-typescript"])
            .arg(format!("--out-name={BIN}"))
            .arg(format!("--out-dir={}", bindgen_out.display()))
            .arg(&built),
        "wasm-bindgen failed; run `cargo xtask setup` so its version matches Cargo.lock",
    )?;
    if dist.exists() {
        fs::remove_dir_all(dist)
            .map_err(|e| Failure::new(format!("cannot clear {} ({e})", dist.display())))?;
    }
    fs::create_dir_all(dist)
        .map_err(|e| Failure::new(format!("cannot create {} ({e})", dist.display())))?;
    checked(
        Command::new("wasm-opt")
            .args(WASM_OPT_ARGS)
            .arg(bindgen_out.join(format!("{BIN}_bg.wasm")))
            .arg("-o")
            .arg(dist.join(format!("{BIN}_bg.wasm"))),
        "wasm-opt failed; run `cargo xtask setup` to install binaryen",
    )?;
    copy(
        &bindgen_out.join(format!("{BIN}.js")),
        &dist.join(format!("{BIN}.js")),
    )?;
    for (from, to) in COPIED_FILES {
        copy(&root().join(from), &dist.join(to))?;
    }
    for (from, to) in COPIED_FOLDERS {
        for (relative, path) in files::files_under(&root().join(from), &[])? {
            let destination = dist.join(to).join(&relative);
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent).map_err(|e| {
                    Failure::new(format!("cannot create {} ({e})", parent.display()))
                })?;
            }
            copy(&path, &destination)?;
        }
    }
    Ok(())
}

/// `dist/index.html` from the root's `index.html`, each `<link>` to a file of
/// [`PAGE_INTEGRITY`] given that file's hash.
pub fn write_page(dist: &Path) -> Result {
    step("The standalone page (dist/index.html) with the scripts' integrity hashes");
    let mut page = files::read_text(&root().join("index.html"))?;
    for file in PAGE_INTEGRITY {
        let hash = digest::integrity(&files::read(&dist.join(file))?);
        page = with_integrity(&page, file, &hash).ok_or_else(|| {
            Failure::new(format!(
                "index.html must link /{file} exactly once (`href=\"/{file}\"`)"
            ))
        })?;
    }
    files::write(&dist.join("index.html"), page.as_bytes())
}

/// `page` with ` integrity="{hash}"` after the one `href="/{file}"`, or None when the
/// page links the file not exactly once.
fn with_integrity(page: &str, file: &str, hash: &str) -> Option<String> {
    let href = format!("href=\"/{file}\"");
    if page.matches(&href).count() != 1 {
        return None;
    }
    Some(page.replacen(&href, &format!("{href} integrity=\"{hash}\""), 1))
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to).map(drop).map_err(|e| {
        Failure::new(format!(
            "cannot copy {} to {} ({e})",
            from.display(),
            to.display()
        ))
    })
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set, as cargo reads it.
pub(crate) fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_integrity;

    #[test]
    fn a_linked_file_gets_its_hash_once() {
        let page = r#"<link rel="stylesheet" href="/page.css" /><link href="/pages.css" />"#;
        assert_eq!(
            with_integrity(page, "page.css", "sha384-abc").as_deref(),
            Some(
                r#"<link rel="stylesheet" href="/page.css" integrity="sha384-abc" /><link href="/pages.css" />"#
            )
        );
    }

    #[test]
    fn a_file_linked_twice_or_never_is_refused() {
        let twice = r#"<link href="/page.css" /><link href="/page.css" />"#;
        assert_eq!(with_integrity(twice, "page.css", "h"), None);
        assert_eq!(with_integrity("<p></p>", "page.css", "h"), None);
    }
}
