//! The release build: the bundle (cargo, wasm-bindgen, wasm-opt), the names shortened,
//! the JavaScript minified, the page and the offline files, then the wasm breakdown and
//! the size report.

use std::path::Path;
use std::process::Command;

use crate::run::checked;
use crate::setup::Tools;
use crate::{bundle, languages, offline, root, short_names, size, split, step, Failure, Result};

/// The scripts a reader downloads first, minified in place in `dist/`. The sources
/// (`assets/rekindle.js`, wasm-bindgen's output) stay readable; the loader keeps its
/// `/*!` licence comment.
const MINIFIED: [&str; 2] = ["rekindle-app.js", "rekindle.js"];

/// Browsers that run Rekindle at all (wasm, modules, shadow DOM, constructed
/// stylesheets) run ES2020, so esbuild must not use anything newer when it rewrites.
const JS_TARGET: &str = "--target=es2020";

pub fn release(tools: &Tools) -> Result {
    step("Building a release into dist/ (cargo, wasm-bindgen, wasm-opt)");
    let dist = root().join("dist");
    bundle::build_app(tools, &dist)?;
    step("Shortening wasm-bindgen's import and export names (wasm and glue)");
    short_names::shorten(&dist)?;
    step("Languages: text tables beside the wasm (dist/rekindle-<lang>.json)");
    languages::copy_tables(&dist)?;
    split::prepare_glue(&dist)?;
    minify_scripts(&dist)?;
    // After minifying: the later part's hash goes into the final glue.
    split::split(&dist)?;
    // After the scripts are final: the page carries their integrity hashes.
    bundle::write_page(&dist)?;
    // After minifying: the single file inlines the glue, and the service worker hashes it.
    offline::generate(&dist)?;
    // The breakdown first, so that a build over budget ends with the figures to act on.
    size::breakdown()?;
    size::report(&dist)
}

fn minify_scripts(dist: &Path) -> Result {
    step("Minifying the glue and the loader in dist/ (esbuild)");
    let esbuild = root().join("e2e/node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(Failure::new(
            "e2e/node_modules/.bin/esbuild is missing; run `cargo xtask setup`",
        ));
    }
    for file in MINIFIED {
        let path = dist.join(file);
        checked(
            Command::new(&esbuild)
                .arg(&path)
                .args(["--minify", JS_TARGET, "--log-level=warning"])
                .arg("--allow-overwrite")
                .arg(format!("--outfile={}", path.display())),
            "esbuild could not minify the script; read its message above",
        )?;
    }
    Ok(())
}
