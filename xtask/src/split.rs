//! Code splitting: the wasm in two parts, so a reader waits only for the code the welcome
//! and the questions run (`rekindle-app_bg.wasm`), and the rest (result, plan, journal,
//! share links, import and export) arrives right after (`rekindle-app_later.wasm`).
//!
//! Binaryen's `wasm-split` does the splitting, guided by a profile: an instrumented build
//! is run in headless Chromium through a new reader's first minutes
//! (`e2e/tools/split-profile.mjs`), and every function those journeys never called moves
//! to the later part, behind a placeholder in the shared table. `assets/later.js`, put in
//! front of wasm-bindgen's glue, fetches the later part right after the widget has drawn
//! its first view (or before it starts, for a reader with saved state or a share link),
//! and synchronously if a placeholder runs before then, so a path the profile missed is
//! slower, never broken.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::checked;
use crate::{bundle, digest, files, offline, root, step, Failure, Result};

/// The later part's file name, beside the wasm.
pub const LATER: &str = "rekindle-app_later.wasm";
const WASM: &str = "rekindle-app_bg.wasm";
const GLUE: &str = "rekindle-app.js";
/// Stands in the glue for the later part's SRI until the part exists.
const LATER_SRI: &str = "__REKINDLE_LATER_SRI__";
/// wasm-split reads and writes MVP wasm plus exported mutable globals (the stack
/// pointer, shared by both parts), which every browser that runs Rekindle supports.
const FEATURES: &str = "--enable-mutable-globals";

/// Puts `assets/later.js` in front of the glue and hooks it into wasm-bindgen's start-up,
/// before the glue is minified.
pub fn prepare_glue(dist: &Path) -> Result {
    step("Code splitting: the later part's loader in the glue (assets/later.js)");
    let path = dist.join(GLUE);
    let later = files::read_text(&root().join("assets/later.js"))?;
    let glue = with_later(&files::read_text(&path)?, &later)?;
    files::write(&path, glue.as_bytes())
}

/// Profiles the built app, splits `dist/`'s wasm in two, and gives the glue the later
/// part's hash. Runs after the glue is minified: the hash goes into the final glue.
pub fn split(dist: &Path) -> Result {
    step("Code splitting: profiling a new reader's first minutes (e2e/tools/split-profile.mjs)");
    let work = bundle::target_dir().join("split");
    if work.exists() {
        fs::remove_dir_all(&work)
            .map_err(|e| Failure::new(format!("cannot clear {} ({e})", work.display())))?;
    }
    let profile = profile(dist, &work)?;
    step("Code splitting: wasm-split, what the profile did not call into rekindle-app_later.wasm");
    // The whole wasm stays beside the profile, so a split can be redone by hand.
    let whole = work.join("whole.wasm");
    fs::copy(dist.join(WASM), &whole)
        .map_err(|e| Failure::new(format!("cannot copy the wasm to {} ({e})", whole.display())))?;
    let primary = work.join("primary.wasm");
    let later = work.join("later.wasm");
    checked(
        Command::new("wasm-split")
            .args([FEATURES, "--split", "--export-prefix=%", "--quiet"])
            .arg(format!("--profile={}", profile.display()))
            .arg(&whole)
            .arg("-o1")
            .arg(&primary)
            .arg("-o2")
            .arg(&later),
        "wasm-split failed; run `cargo xtask setup` to install binaryen",
    )?;
    fs::rename(&primary, dist.join(WASM))
        .or_else(|_| fs::copy(&primary, dist.join(WASM)).map(drop))
        .map_err(|e| Failure::new(format!("cannot move the split wasm into dist/ ({e})")))?;
    let later_bytes = files::read(&later)?;
    files::write(&dist.join(LATER), &later_bytes)?;
    let sri = format!("sha256-{}", digest::base64(&digest::sha256(&later_bytes)));
    let glue_path = dist.join(GLUE);
    let glue = files::read_text(&glue_path)?;
    let glue = replace_once(&glue, LATER_SRI, &sri)?;
    files::write(&glue_path, glue.as_bytes())?;
    println!("    {LATER} {sri}");
    Ok(())
}

/// Runs the journeys on a copy of `dist/` whose wasm records which functions run, and
/// merges their profiles into one file.
fn profile(dist: &Path, work: &Path) -> Result<PathBuf> {
    let site = work.join("site");
    for (relative, path) in files::files_under(dist, &[])? {
        let destination = site.join(&relative);
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Failure::new(format!("cannot create {} ({e})", parent.display())))?;
        }
        files::write(&destination, &files::read(&path)?)?;
    }
    checked(
        Command::new("wasm-split")
            .args([FEATURES, "--instrument", "--quiet"])
            .arg(dist.join(WASM))
            .arg("-o")
            .arg(site.join(WASM)),
        "wasm-split could not instrument the wasm; run `cargo xtask setup` to install binaryen",
    )?;
    bundle::write_page(&site)?;
    offline::stamp_loader(&site)?;
    let profiles = work.join("profiles");
    checked(
        Command::new("node")
            .arg(root().join("e2e/tools/split-profile.mjs"))
            .arg(&site)
            .arg(&profiles),
        "profiling the app for the split failed; its journeys are in e2e/tools/split-profile.mjs",
    )?;
    let mut each: Vec<PathBuf> = files::files_under(&profiles, &[])?
        .into_iter()
        .map(|(_, path)| path)
        .collect();
    each.sort();
    if each.is_empty() {
        return Err(Failure::new(
            "the profiling journeys wrote no profile; see e2e/tools/split-profile.mjs",
        ));
    }
    let merged = work.join("merged.prof");
    checked(
        Command::new("wasm-split")
            .args(["--merge-profiles", "--quiet"])
            .args(&each)
            .arg("-o")
            .arg(&merged),
        "wasm-split could not merge the profiles",
    )?;
    Ok(merged)
}

/// The places in wasm-bindgen's glue that `assets/later.js` hooks into: (what is there,
/// what it becomes). Each must occur exactly once, or wasm-bindgen's output changed.
const HOOKS: [(&str, &str); 4] = [
    // The placeholders are an import module of their own.
    (
        "function __wbg_get_imports() {",
        "function __wbg_get_imports() {\n    return { ...__wbg_get_imports_own(), placeholder: laterPlaceholders };\n}\nfunction __wbg_get_imports_own() {",
    ),
    // The single file passes the later part's bytes: it fetches nothing.
    (
        "async function __wbg_init_once(module_or_path) {",
        "async function __wbg_init_once(module_or_path) {\n    if (module_or_path && module_or_path.later) laterBytes = module_or_path.later;",
    ),
    // Saved state waits for the later part; a new reader's first view is drawn first
    // (the widget mounts in this task's microtasks), then the later part loads, quietly:
    // if it fails, it is tried again when its code is needed.
    (
        "const { instance, module } = await __wbg_load(await module_or_path, imports);",
        "const { instance, module } = await __wbg_load(await module_or_path, imports);\n    primaryExports = instance.exports;\n    if (laterAtStart()) await laterLoad();\n    else setTimeout(() => laterLoad().catch(() => {}));",
    ),
    (
        "const instance = new WebAssembly.Instance(module, imports);",
        "const instance = new WebAssembly.Instance(module, imports);\n    primaryExports = instance.exports;",
    ),
];

/// `glue` with `later` in front and its hooks in place.
fn with_later(glue: &str, later: &str) -> Result<String> {
    let mut glue = glue.to_string();
    for (found, becomes) in HOOKS {
        glue = replace_once(&glue, found, becomes)?;
    }
    Ok(format!("{later}\n{glue}"))
}

fn replace_once(text: &str, found: &str, becomes: &str) -> Result<String> {
    match text.matches(found).count() {
        1 => Ok(text.replacen(found, becomes, 1)),
        n => Err(Failure::new(format!(
            "the glue should hold `{found}` once but holds it {n} times; wasm-bindgen's output changed, update xtask/src/split.rs"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::{with_later, HOOKS};

    fn glue() -> String {
        HOOKS
            .iter()
            .map(|(found, _)| format!("{found}\n}}\n"))
            .collect()
    }

    #[test]
    fn the_later_loader_goes_in_front_and_every_hook_in_place() {
        let patched = with_later(&glue(), "/* later */").expect("every hook is found");
        assert!(patched.starts_with("/* later */\n"));
        for (_, becomes) in HOOKS {
            assert_eq!(patched.matches(becomes).count(), 1, "{becomes}");
        }
    }

    #[test]
    fn a_glue_without_a_hook_or_with_one_twice_is_refused() {
        let missing = glue().replace(HOOKS[2].0, "");
        assert!(with_later(&missing, "").is_err());
        let twice = format!("{}{}", glue(), HOOKS[0].0);
        assert!(with_later(&twice, "").is_err());
    }
}
