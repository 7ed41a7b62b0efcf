//! The release build: Trunk with wasm-opt, the JavaScript minified, the offline files,
//! then the wasm breakdown and the size report.

use std::process::Command;

use crate::run::checked;
use crate::setup::Tools;
use crate::{offline, root, size, step, Failure, Result};

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
    minify_scripts()?;
    // After minifying: the single file inlines the glue, and the service worker hashes it.
    offline::generate(&dist)?;
    // The breakdown first, so that a build over budget ends with the figures to act on.
    size::breakdown()?;
    size::report(&dist)
}

fn minify_scripts() -> Result {
    step("Minifying the glue and the loader in dist/ (esbuild)");
    let esbuild = root().join("e2e/node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(Failure::new(
            "e2e/node_modules/.bin/esbuild is missing; run `cargo xtask setup`",
        ));
    }
    for file in MINIFIED {
        let path = root().join("dist").join(file);
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
