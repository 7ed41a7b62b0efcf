//! `cargo xtask test`: every check CI runs, in the order that fails fastest.

use std::fs;
use std::process::Command;
use std::time::Instant;

use crate::run::checked;
use crate::setup::{self, Tools, WasmRoute};
use crate::{build, release, root, step, Failure, Result};

const FIX_AND_RERUN: &str = "fix what it reports and re-run `cargo xtask test`";

pub fn command() -> Result {
    let started = Instant::now();
    let tools = setup::ensure_all()?;

    step("Formatting (cargo fmt --check)");
    checked(
        cargo().args(["fmt", "--all", "--check"]),
        "run `cargo fmt --all` and re-run `cargo xtask test`",
    )?;

    step("Lints, native (cargo clippy -D warnings)");
    checked(
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
        FIX_AND_RERUN,
    )?;

    step("Lints, wasm32 (clippy on the browser build and browser tests)");
    wasm_clippy(&tools)?;

    step("Native tests: domain, content and components rendered with ServerRenderer");
    checked(cargo().args(["test", "--workspace"]), FIX_AND_RERUN)?;

    browser_tests(&tools)?;

    build::release(&tools)?;
    release_twice()?;

    step("End-to-end tests: dist/ served on loopback, driven in headless Chromium");
    let mut node = Command::new("node");
    node.current_dir(root())
        .arg("--test")
        .arg("--test-concurrency=1");
    for test in e2e_tests("e2e")? {
        node.arg(test);
    }
    checked(&mut node, FIX_AND_RERUN)?;

    step("End-to-end tests in Firefox (geckodriver, headless) and WebKit (WebKitWebDriver under Xvfb)");
    let engines_started = Instant::now();
    let mut node = Command::new("node");
    node.current_dir(root())
        .env("GECKODRIVER", geckodriver()?)
        .arg("--test")
        .arg("--test-concurrency=1");
    for test in e2e_tests("e2e/engines")? {
        node.arg(test);
    }
    checked(&mut node, FIX_AND_RERUN)?;
    println!(
        "    engine suite (Firefox and WebKit) ran in {:.0} s",
        engines_started.elapsed().as_secs_f64()
    );

    println!(
        "\nAll checks passed in {:.0} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Packages `dist/` into `release/` twice and checks that both zips are the same bytes
/// (e2e/release.test.mjs then tests the folder). The two packagings write every file
/// anew, so different timestamps or listing order would show here.
fn release_twice() -> Result {
    let dist = root().join("dist");
    let into = root().join("release");
    let first = release::package(&dist, &into)?;
    let read = |path: &std::path::Path| {
        fs::read(path).map_err(|e| Failure::new(format!("cannot read {} ({e})", path.display())))
    };
    let before = read(&first.zip)?;
    let second = release::package(&dist, &into)?;
    if read(&second.zip)? != before {
        return Err(Failure::new(format!(
            "two packagings of the same dist/ gave different bytes in {}; the release zip must be deterministic (xtask/src/zip.rs)",
            second.zip.display()
        )));
    }
    println!(
        "    {} ({} B) is the same bytes twice; rekindle.js {}",
        second.zip.display(),
        before.len(),
        second.integrity
    );
    Ok(())
}

/// `cargo xtask screenshots`: PNGs of every view, light and dark, phone and desktop.
pub fn screenshots() -> Result {
    let tools = setup::ensure_all()?;
    build::release(&tools)?;
    step("Screenshots into screenshots/");
    checked(
        Command::new("node")
            .current_dir(root())
            .arg("e2e/screenshots.mjs"),
        "the screenshot script failed; read its message above",
    )
}

/// `cargo xtask bench`: timings and Lighthouse scores printed, never asserted (they
/// depend on the machine).
pub fn bench() -> Result {
    let tools = setup::ensure_all()?;
    build::release(&tools)?;
    step("Benchmark: load and interaction timings in headless Chromium");
    checked(
        Command::new("node")
            .current_dir(root())
            .arg("e2e/bench.mjs"),
        "the benchmark script failed; read its message above",
    )?;
    step("Benchmark: Lighthouse on the blog demo page and the standalone page");
    checked(
        Command::new("node")
            .current_dir(root())
            .arg("e2e/lighthouse.mjs"),
        "the Lighthouse script failed; read its message above",
    )
}

/// tests/web.rs in each engine in turn. The wasm is built once; wasm-bindgen-test-runner
/// picks the browser from the driver variable it finds, GECKODRIVER and SAFARIDRIVER
/// before the CHROMEDRIVER that every wasm command carries.
fn browser_tests(tools: &Tools) -> Result {
    let web_tests = [
        "test",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "rekindle",
        "--test",
        "web",
    ];
    step("Browser tests: wasm-bindgen-test in headless Chromium");
    checked(tools.wasm_cargo().args(web_tests), FIX_AND_RERUN)?;

    step("Browser tests: wasm-bindgen-test in headless Firefox (geckodriver)");
    checked(
        tools
            .wasm_cargo()
            .args(web_tests)
            .env("GECKODRIVER", geckodriver()?),
        FIX_AND_RERUN,
    )?;

    // WebKitGTK's MiniBrowser has no headless mode, so it gets a virtual display.
    step("Browser tests: wasm-bindgen-test in WebKit (WebKitWebDriver under Xvfb)");
    let mut webkit = Command::new("xvfb-run");
    webkit
        .current_dir(root())
        .envs(tools.wasm_env())
        .env("SAFARIDRIVER", setup::WEBKIT_DRIVER)
        .args(["-a", "cargo"])
        .args(web_tests);
    checked(&mut webkit, FIX_AND_RERUN)
}

fn geckodriver() -> Result<String> {
    setup::geckodriver().ok_or_else(|| {
        Failure::new("geckodriver is not on PATH; run `cargo xtask setup` and re-run")
    })
}

fn cargo() -> Command {
    let mut command = Command::new("cargo");
    command.current_dir(root());
    command
}

fn wasm_clippy(tools: &Tools) -> Result {
    let targets = [
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "rekindle",
        "--lib",
        "--bins",
        "--test",
        "web",
    ];
    match tools.route {
        WasmRoute::Rustup => checked(
            tools
                .wasm_cargo()
                .arg("clippy")
                .args(targets)
                .args(["--", "-D", "warnings"]),
            FIX_AND_RERUN,
        ),
        // rustup's clippy cannot read Debian's rebuilt std, so run Debian's clippy-driver
        // the way `cargo clippy` itself does: as the workspace's compiler wrapper.
        WasmRoute::Debian => checked(
            tools
                .wasm_cargo()
                .arg("check")
                .args(targets)
                .env("RUSTC_WORKSPACE_WRAPPER", "/usr/bin/clippy-driver")
                .env(
                    "CLIPPY_ARGS",
                    "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__",
                ),
            FIX_AND_RERUN,
        ),
    }
}

/// The `*.test.mjs` files directly in `folder` (relative to the root), sorted.
fn e2e_tests(folder: &str) -> Result<Vec<String>> {
    let dir = root().join(folder);
    let mut tests: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| Failure::new(format!("cannot list {folder}/ ({e}); restore it from git")))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("{folder}/{name}"))
        .collect();
    tests.sort();
    if tests.is_empty() {
        return Err(Failure::new(format!(
            "no end-to-end tests found in {folder}/*.test.mjs"
        )));
    }
    Ok(tests)
}
