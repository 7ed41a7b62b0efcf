//! The release build: Trunk with wasm-opt, the JavaScript minified, the offline files,
//! then the wasm breakdown and the size report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::checked;
use crate::setup::Tools;
use crate::{digest, languages, offline, root, short_names, size, step, Failure, Result};

/// The scripts a reader downloads first, minified in place in `dist/`. The sources
/// (`assets/rekindle.js`, wasm-bindgen's output) stay readable; the loader keeps its
/// `/*!` licence comment.
const MINIFIED: [&str; 2] = ["rekindle-app.js", "rekindle.js"];

/// Browsers that run Rekindle at all (wasm, modules, shadow DOM, constructed
/// stylesheets) run ES2020, so esbuild must not use anything newer when it rewrites.
const JS_TARGET: &str = "--target=es2020";

pub fn release(tools: &Tools) -> Result {
    step("Building a release into dist/ (trunk build --release --offline)");
    checked(
        tools
            .release_trunk()
            .args(["build", "--release", "--offline"]),
        "the release build failed; read the compiler's message above, fix it and re-run",
    )?;
    let dist = root().join("dist");
    shorten_names(&dist)?;
    step("Languages: text tables beside the wasm (dist/rekindle-<lang>.json)");
    languages::copy_tables(&dist)?;
    minify_scripts()?;
    // After minifying: the single file inlines the glue, and the service worker hashes it.
    offline::generate(&dist)?;
    // The breakdown first, so that a build over budget ends with the figures to act on.
    size::breakdown()?;
    size::report(&dist)
}

/// wasm-bindgen's long generated names, shortened in the wasm and the glue alike.
fn shorten_names(dist: &Path) -> Result {
    step("Shortening wasm-bindgen's import and export names (wasm and glue)");
    let paths = [
        dist.join("rekindle-app_bg.wasm"),
        dist.join("rekindle-app.js"),
    ];
    let before = integrity_hashes(&paths)?;
    short_names::shorten(dist)?;
    update_page_integrity(dist, &before, &integrity_hashes(&paths)?)
}

fn minify_scripts() -> Result {
    step("Minifying the glue and the loader in dist/ (esbuild)");
    let esbuild = root().join("e2e/node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(Failure::new(
            "e2e/node_modules/.bin/esbuild is missing; run `cargo xtask setup`",
        ));
    }
    let dist = root().join("dist");
    let paths: Vec<PathBuf> = MINIFIED.iter().map(|file| dist.join(file)).collect();
    let before = integrity_hashes(&paths)?;
    for path in &paths {
        checked(
            Command::new(&esbuild)
                .arg(path)
                .args(["--minify", JS_TARGET, "--log-level=warning"])
                .arg("--allow-overwrite")
                .arg(format!("--outfile={}", path.display())),
            "esbuild could not minify the script; read its message above",
        )?;
    }
    update_page_integrity(&dist, &before, &integrity_hashes(&paths)?)
}

/// Trunk's page names the glue and the wasm with Subresource Integrity hashes: a
/// browser refuses a file whose hash differs, so the page must carry the new ones.
fn update_page_integrity(dist: &Path, before: &[String], after: &[String]) -> Result {
    let page = dist.join("index.html");
    let mut html = fs::read_to_string(&page)
        .map_err(|e| Failure::new(format!("cannot read {} ({e})", page.display())))?;
    for (old, new) in before.iter().zip(after) {
        html = html.replace(old.as_str(), new);
    }
    fs::write(&page, html)
        .map_err(|e| Failure::new(format!("cannot write {} ({e})", page.display())))
}

/// The `sha384-…` Subresource Integrity value of each file, the form Trunk writes.
fn integrity_hashes(paths: &[PathBuf]) -> Result<Vec<String>> {
    paths
        .iter()
        .map(|path| {
            fs::read(path)
                .map(|bytes| digest::integrity(&bytes))
                .map_err(|e| Failure::new(format!("cannot read {} ({e})", path.display())))
        })
        .collect()
}
