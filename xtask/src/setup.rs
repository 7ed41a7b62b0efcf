//! Installs what the project needs, once. On a warm machine every check is a quick
//! version query, so set-up takes seconds.

use std::fs;
use std::process::Command;
use std::time::Instant;

use crate::run::{self, checked, exists, file_exists, output};
use crate::{root, step, Failure, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
const TWIGGY_REQUIREMENT: &str = "^0.8";
/// `twiggy --version` prints the name of its CLI crate: "twiggy-opt 0.8.0".
const TWIGGY_PREFIX: &str = "twiggy-opt 0.8.";
/// Every wasm build: MVP wasm, the only kind Debian's wasm-opt 108 reads.
const WASM_RUSTFLAGS: &str = "-C target-cpu=mvp";
/// The shipped build only, on top of [`WASM_RUSTFLAGS`] (std is rebuilt with them too).
/// Measured on the first load, gzip: no file/line/column in panics (-3.8 KB), `{:?}`
/// prints nothing (-3.2 KB; no user-visible text uses Debug), and a panic traps at once
/// without formatting a message or calling a hook (-6.9 KB, wasm and glue). A panic in
/// the shipped widget is a bug either way; the browser tests, built without these, keep
/// their messages. `-Cpanic=immediate-abort` is the spelling of rustc 1.91 and later
/// (it replaced std's `panic_immediate_abort` feature) and needs `-Zunstable-options`.
/// LLVM's inliner at threshold 8 (`opt-level = "z"` uses 5): 469 B less gzip on the
/// first load, 1.5 KB less raw. Tried at 5, 6, 8, 10, 12, 15, 20, 50 and 120 (and 0
/// before): 6 to 10 gave the same smallest wasm, 5 about the default's, 12 and up a
/// larger one (120: +34 KB gzip), 0 +2.8 KB. Re-measure when the code changes much.
const RELEASE_RUSTFLAGS: &str =
    "-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=8";
/// The wasm-opt the size figures and the budget were measured with (Debian's binaryen).
const WASM_OPT_VERSION: &str = "wasm-opt version 108";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The two other engines, from Debian: Firefox ESR and WebKitGTK's driver with its
/// MiniBrowser, which has no headless mode and so runs under Xvfb (`xvfb-run` needs xauth).
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const ENGINE_PACKAGES: &[&str] = &["firefox-esr", "webkit2gtk-driver", "xvfb", "xauth"];
const ENGINE_MARKS: &[&str] = &[
    FIREFOX,
    WEBKIT_DRIVER,
    "/usr/bin/xvfb-run",
    "/usr/bin/xauth",
];
/// geckodriver is only on crates.io (Debian does not package it).
const GECKODRIVER_VERSION: &str = "0.37.1";
/// Debian's rustc 1.96 with the std source, used where the rustup target cannot be had.
const DEBIAN_RUST: &[&str] = &[
    "rustc-web",
    "rust-web-src",
    "rust-web-llvm",
    "rust-web-clippy",
    "lld-22",
];

/// How wasm is compiled on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WasmRoute {
    /// rustup's toolchain with its wasm32-unknown-unknown target and rust-src.
    Rustup,
    /// Debian's rustc-web 1.96 with its std source, where rustup cannot download.
    Debian,
}

/// What the other commands need to know after set-up.
pub struct Tools {
    pub route: WasmRoute,
}

impl Tools {
    /// Environment for every cargo command that compiles for wasm. Kept
    /// identical across commands so the rebuilt std is not rebuilt again.
    pub fn wasm_env(&self) -> Vec<(&'static str, String)> {
        // Both routes rebuild std as MVP wasm (no reference types, no bulk memory): the
        // only output Debian's binaryen 108 accepts, and the smallest.
        let mut env = vec![
            (
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner".to_string(),
            ),
            ("CHROMEDRIVER", CHROMEDRIVER.to_string()),
            ("WASM_BINDGEN_TEST_TIMEOUT", "120".to_string()),
            ("RUSTC_BOOTSTRAP", "1".to_string()),
            ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort".to_string()),
            (
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                WASM_RUSTFLAGS.to_string(),
            ),
        ];
        if self.route == WasmRoute::Debian {
            env.extend([
                ("RUSTC", "/usr/bin/rustc".to_string()),
                ("RUSTDOC", "/usr/bin/rustdoc".to_string()),
            ]);
        }
        env
    }

    /// A `cargo` command set up for wasm on this route.
    pub fn wasm_cargo(&self) -> Command {
        let mut command = Command::new("cargo");
        command.current_dir(root());
        for (key, value) in self.wasm_env() {
            command.env(key, value);
        }
        command
    }

    /// A `cargo` command for the shipped release build: the same environment plus
    /// [`RELEASE_RUSTFLAGS`]. Only release builds use them, and release builds live in
    /// their own target folder (`release/`, apart from the tests' `debug/`), so neither
    /// kind of build invalidates the other's rebuilt std.
    pub fn release_cargo(&self) -> Command {
        let mut command = self.wasm_cargo();
        command.env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            format!("{WASM_RUSTFLAGS} {RELEASE_RUSTFLAGS}"),
        );
        command
    }
}

/// Makes sure every tool is present, installing what is missing.
pub fn ensure_all() -> Result<Tools> {
    let started = Instant::now();
    step("Set-up: checking tools (installing only what is missing)");
    let route = choose_wasm_route()?;
    ensure_apt(
        &["chromium", "chromium-driver", "binaryen"],
        &[CHROMIUM, CHROMEDRIVER, "/usr/bin/wasm-opt"],
    )?;
    timed("Firefox and WebKit", || {
        ensure_apt(ENGINE_PACKAGES, ENGINE_MARKS)
    })?;
    timed("geckodriver", ensure_geckodriver)?;
    let wasm_opt = output(Command::new("wasm-opt").arg("--version")).unwrap_or_default();
    if !wasm_opt.starts_with(WASM_OPT_VERSION) {
        return Err(Failure::new(format!(
            "found `{wasm_opt}` but the build needs {WASM_OPT_VERSION}; install Debian bookworm's binaryen"
        )));
    }
    fetch_std_dependencies(route)?;
    fetch_project_dependencies()?;
    ensure_wasm_bindgen()?;
    ensure_twiggy()?;
    ensure_npm_packages()?;
    println!(
        "    set-up done in {:.1} s (wasm route: {route:?})",
        started.elapsed().as_secs_f64()
    );
    Ok(Tools { route })
}

fn choose_wasm_route() -> Result<WasmRoute> {
    match std::env::var("REKINDLE_WASM_ROUTE").as_deref() {
        Ok("rustup") => return Ok(WasmRoute::Rustup),
        Ok("debian") => return ensure_debian_rust(),
        _ => {}
    }
    if rustup_has_wasm() {
        println!("    wasm: rustup has {WASM_TARGET} and rust-src");
        return Ok(WasmRoute::Rustup);
    }
    if exists("rustup") {
        println!("    wasm: trying `rustup target add {WASM_TARGET}` and `rustup component add rust-src` (60 s limit each)");
        let added = [
            ["target", "add", WASM_TARGET],
            ["component", "add", "rust-src"],
        ]
        .iter()
        .all(|what| {
            Command::new("timeout")
                .arg("60")
                .arg("rustup")
                .args(what)
                .status()
                .map(|s| s.success())
                .unwrap_or(false)
        });
        if added && rustup_has_wasm() {
            return Ok(WasmRoute::Rustup);
        }
        println!("    wasm: rustup cannot download them here; using Debian's rustc-web instead");
    }
    ensure_debian_rust()
}

fn rustup_has_wasm() -> bool {
    let installed = |what: &str| {
        output(Command::new("rustup").args([what, "list", "--installed"])).unwrap_or_default()
    };
    installed("target").lines().any(|l| l.trim() == WASM_TARGET)
        && installed("component")
            .lines()
            .any(|l| l.trim() == "rust-src")
}

fn ensure_debian_rust() -> Result<WasmRoute> {
    ensure_apt(
        DEBIAN_RUST,
        &[
            "/usr/bin/rustc",
            "/usr/lib/rustlib/src/rust/library/Cargo.toml",
            "/usr/bin/clippy-driver",
        ],
    )?;
    Ok(WasmRoute::Debian)
}

/// Installs Debian `packages` unless every file in `marks` is already present.
fn ensure_apt(packages: &[&str], marks: &[&str]) -> Result {
    if marks.iter().all(|mark| file_exists(mark)) {
        println!("    apt: {} present", packages.join(", "));
        return Ok(());
    }
    if !run::is_root() {
        return Err(Failure::new(format!(
            "these Debian packages are missing and installing them needs root: {}; run `sudo apt-get install {}` or re-run as root",
            packages.join(" "),
            packages.join(" ")
        )));
    }
    println!("    apt: installing {}", packages.join(", "));
    checked(
        Command::new("apt-get").args(["update", "-qq"]),
        "could not reach Debian's package servers; check the network and re-run",
    )?;
    checked(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
        "apt-get could not install the packages; read its message above and re-run",
    )
}

/// Runs one install step and says how long it took when it took noticeable time, so
/// a cold set-up shows where its minutes went.
fn timed(what: &str, install: impl FnOnce() -> Result) -> Result {
    let started = Instant::now();
    install()?;
    let seconds = started.elapsed().as_secs_f64();
    if seconds >= 1.0 {
        println!("    {what}: {seconds:.0} s");
    }
    Ok(())
}

/// The path of the geckodriver `cargo install` put on PATH, if any.
pub fn geckodriver() -> Option<String> {
    output(Command::new("which").arg("geckodriver")).filter(|path| !path.is_empty())
}

fn ensure_geckodriver() -> Result {
    let version = output(Command::new("geckodriver").arg("--version")).unwrap_or_default();
    if version.starts_with(&format!("geckodriver {GECKODRIVER_VERSION}")) {
        println!("    geckodriver {GECKODRIVER_VERSION} present");
        return Ok(());
    }
    println!("    installing geckodriver {GECKODRIVER_VERSION} with cargo (under a minute, once)");
    checked(
        tool_install(
            Command::new("cargo").args([
                "install",
                "--locked",
                "geckodriver",
                "--version",
                GECKODRIVER_VERSION,
            ]),
            Optimise::No,
        ),
        "could not install geckodriver; check that crates.io is reachable and re-run `cargo xtask setup`",
    )
}

fn ensure_wasm_bindgen() -> Result {
    let wanted = locked_version("wasm-bindgen")?;
    let found = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner =
        output(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if found.ends_with(&wanted) && runner.ends_with(&wanted) {
        println!("    {found} present (matches Cargo.lock)");
        return Ok(());
    }
    println!("    installing wasm-bindgen-cli {wanted} to match Cargo.lock (about 90 s, once)");
    // `--locked` is not used: one of its locked dependencies is no longer in the registry.
    // Without its default features (TLS): the test runner talks to local drivers only.
    checked(
        tool_install(
            Command::new("cargo").args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &wanted,
                "--no-default-features",
            ]),
            Optimise::Some,
        ),
        "could not install wasm-bindgen-cli; check that crates.io is reachable and re-run `cargo xtask setup`",
    )
}

/// build-std compiles std from source, and std has crates.io dependencies of its own
/// that no project lock file names. The release build runs with `--offline`, so on a
/// fresh machine they are fetched here, once (a no-op when they are present).
fn fetch_std_dependencies(route: WasmRoute) -> Result {
    let rustc = match route {
        WasmRoute::Rustup => "rustc",
        WasmRoute::Debian => "/usr/bin/rustc",
    };
    let sysroot = output(Command::new(rustc).args(["--print", "sysroot"])).ok_or_else(|| {
        Failure::new(format!(
            "`{rustc} --print sysroot` failed; check the Rust installation"
        ))
    })?;
    let manifest = format!("{sysroot}/lib/rustlib/src/rust/library/Cargo.toml");
    if !file_exists(&manifest) {
        return Err(Failure::new(format!(
            "{manifest} is missing; the std source (rust-src) is needed to rebuild std for wasm"
        )));
    }
    let mut fetch = Command::new("cargo");
    fetch
        .args(["fetch", "--quiet", "--manifest-path", &manifest])
        // std's manifest uses unstable cargo features.
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTC", rustc);
    checked(
        &mut fetch,
        "could not fetch std's own dependencies from crates.io; check the network and re-run",
    )
}

/// The project's own crates, downloaded once: the release build runs `--offline`, and
/// on a fresh machine nothing else may have fetched them yet (`cargo xtask serve` as the
/// first command failed there on the first crate it missed). `--locked`: exactly what
/// Cargo.lock says; with everything present this is a quick local check.
fn fetch_project_dependencies() -> Result {
    checked(
        Command::new("cargo")
            .current_dir(root())
            .args(["fetch", "--quiet", "--locked"]),
        "could not fetch the project's dependencies from crates.io; check the network and re-run",
    )
}

/// twiggy breaks the wasm down by function for the size report (`cargo xtask size`).
fn ensure_twiggy() -> Result {
    let version = output(Command::new("twiggy").arg("--version")).unwrap_or_default();
    if version.starts_with(TWIGGY_PREFIX) {
        println!("    {version} present");
        return Ok(());
    }
    println!("    installing twiggy {TWIGGY_REQUIREMENT} with cargo (about 30 s, once)");
    checked(
        tool_install(
            Command::new("cargo").args([
                "install",
                "--locked",
                "twiggy",
                "--version",
                TWIGGY_REQUIREMENT,
            ]),
            Optimise::No,
        ),
        "could not install twiggy; check that crates.io is reachable and re-run `cargo xtask setup`",
    )
}

/// How much the compiler optimises a tool we only run, never ship.
enum Optimise {
    /// geckodriver and twiggy mostly start another program or read one file once:
    /// unoptimised, they run as fast as we can tell and build in a fraction of the time.
    No,
    /// wasm-bindgen rewrites every test binary (70 MB): unoptimised it took 20 s for
    /// each of the three browser runs, against 5 s at opt-level 1.
    Some,
}

/// Tools are built without LTO and with parallel codegen, and optimised only as much
/// as their work needs. From an empty cargo home on a 2-core machine, downloads
/// included, the three took 158 s in a row (wasm-bindgen-cli 93 s, geckodriver 42 s,
/// twiggy 23 s); at opt-level 2 with default features wasm-bindgen-cli took 124 s.
/// Trunk, which took 115 s more, is no longer needed (`bundle.rs`). Installing tools
/// side by side was no faster: the two cores are the limit, so they stay one after
/// another, each with its own output.
fn tool_install(command: &mut Command, optimise: Optimise) -> &mut Command {
    let level = match optimise {
        Optimise::No => "0",
        Optimise::Some => "1",
    };
    command
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", level)
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).map_err(|e| {
        Failure::new(format!(
            "cannot read Cargo.lock ({e}); run `cargo generate-lockfile` and re-run"
        ))
    })?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err(Failure::new(format!(
        "Cargo.lock does not list {package}; run `cargo generate-lockfile` and re-run"
    )))
}

fn ensure_npm_packages() -> Result {
    let e2e = root().join("e2e");
    let lock = fs::read(e2e.join("package-lock.json")).map_err(|e| {
        Failure::new(format!(
            "cannot read e2e/package-lock.json ({e}); restore it from git"
        ))
    })?;
    let stamp = e2e.join("node_modules").join(".rekindle-installed-lock");
    if fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        println!("    npm packages for the end-to-end tests present");
        return Ok(());
    }
    if !exists("npm") {
        return Err(Failure::new(
            "Node.js and npm are needed for the end-to-end tests; install them (`apt-get install nodejs npm`) and re-run",
        ));
    }
    println!("    installing npm packages for the end-to-end tests (npm ci)");
    checked(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&e2e),
        "npm could not install the end-to-end packages; check that the npm registry is reachable and re-run",
    )?;
    fs::write(&stamp, lock)
        .map_err(|e| Failure::new(format!("cannot write {} ({e})", stamp.display())))
}
