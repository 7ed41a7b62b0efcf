//! `cargo xtask <command>`: everything a contributor or CI needs, in Rust.
//!
//! Each command first makes sure the tools it needs are present (installing them once),
//! then does its job, saying what it is doing. Failures end with one line that says what
//! went wrong and what to do, never a backtrace.

mod build;
mod bundle;
mod digest;
mod files;
mod languages;
mod offline;
mod release;
mod run;
mod serve;
mod setup;
mod short_names;
mod size;
mod split;
mod test;
mod wasm_format;
mod zip;

use std::path::PathBuf;
use std::process::ExitCode;

/// An error that ends the command: one sentence on what is wrong and what to do.
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Self {
        Failure(message.into())
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  setup                 install whatever is missing (wasm toolchain, wasm-bindgen, chromium, npm packages)
  build                 set up, build a release into dist/ and print its sizes
  release [--no-build]  set up, build, and write release/rekindle-<version>/ and its .zip (what a site needs, EMBED.md,
                        package.json) and print the snippet with its integrity; --no-build packages dist/ as built
  size                  print dist/'s sizes and where the wasm's bytes go (twiggy), without building
  serve [--port N]      set up, build, and serve the demo on http://127.0.0.1:N (default 8080); Ctrl-C stops it
  test                  set up, then run every check: fmt, clippy, native, browser and end-to-end tests, size budget
  screenshots           set up, build, and write PNGs of every view into screenshots/
  bench                 set up, build, and print load and interaction timings (nothing asserted)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => setup::ensure_all().map(|_| ()),
        Some("build") => setup::ensure_all().and_then(|tools| build::release(&tools)),
        Some("size") => setup::ensure_all().and_then(|_| {
            size::breakdown()?;
            size::report(&root().join("dist"))
        }),
        Some("release") => release::command(&args[1..]),
        Some("serve") => serve::command(&args[1..]),
        Some("test") => test::command(),
        Some("screenshots") => test::screenshots(),
        Some("bench") => test::bench(),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::new(format!(
            "unknown command `{other}`; run `cargo xtask help` to see the commands"
        ))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the folder holding the top-level Cargo.toml).
pub fn root() -> PathBuf {
    let xtask_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().map(PathBuf::from).unwrap_or(xtask_dir)
}

/// Prints a step heading so a long run says what it is doing.
pub fn step(what: &str) {
    println!("\n==> {what}");
}
