//! `cargo xtask release`: a build packaged for people without Rust.
//!
//! Writes `release/rekindle-<version>/` (version from the root Cargo.toml) holding all of
//! `dist/` (the loader, module and wasm; the standalone page with its service worker,
//! manifest and icons; the single file; the demo pages), an `EMBED.md` with the snippets
//! filled in for this version and its integrity value, a short `README.md`, the
//! licences (Rekindle's, and `THIRD-PARTY.md`: the crates compiled in, with theirs),
//! and a `package.json` that makes the folder an npm package; then
//! `release/rekindle-<version>.zip` of that folder. The zip is deterministic: entries in
//! sorted order, one fixed date, fixed permissions (`zip.rs`), so the same `dist/` always
//! gives the same bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::digest::{hex, integrity, sha256};
use crate::files::{files_under, read, read_text, write};
use crate::run::output;
use crate::zip::{self, Entry};
use crate::{build, root, setup, step, Failure, Result};

/// The npm package name, and so the CDN addresses (`…/npm/rekindle-widget@<version>/`).
pub const PACKAGE: &str = "rekindle-widget";
/// The file a page includes; what `package.json` names as the entry for every CDN.
const ENTRY: &str = "rekindle.js";
/// Copied from the repository root into the release, beside `dist/`'s files.
const LICENCES: [&str; 2] = ["LICENSE-MIT", "LICENSE-APACHE"];

/// What a release wrote, for printing and for the tests.
pub struct Release {
    pub version: String,
    pub folder: PathBuf,
    pub zip: PathBuf,
    /// `sha384-…` of `rekindle.js`, for the snippet's `integrity` attribute.
    pub integrity: String,
}

/// `cargo xtask release [--no-build]`; `--no-build` packages the `dist/` already built.
pub fn command(args: &[String]) -> Result {
    match args.first().map(String::as_str) {
        None => build::release(&setup::ensure_all()?)?,
        Some("--no-build") => {}
        Some(other) => {
            return Err(Failure::new(format!(
                "unknown option `{other}`; `cargo xtask release` takes only --no-build"
            )))
        }
    }
    let release = package(&root().join("dist"), &root().join("release"))?;
    print_summary(&release)
}

/// Packages `dist` into `<into>/rekindle-<version>/` and its zip, replacing both.
pub fn package(dist: &Path, into: &Path) -> Result<Release> {
    let version = crate_version(&read_text(&root().join("Cargo.toml"))?)?;
    step(&format!(
        "Release {version}: release/rekindle-{version}/ and release/rekindle-{version}.zip"
    ));
    let loader = read_text(&dist.join(ENTRY)).map_err(|_| {
        Failure::new(format!(
            "{} is missing; run `cargo xtask build` (or `cargo xtask release`, which builds first)",
            dist.join(ENTRY).display()
        ))
    })?;
    check_loader(&loader, &version)?;
    let integrity = integrity(loader.as_bytes());

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (relative, path) in files_under(dist, &[])? {
        files.push((relative, read(&path)?));
    }
    for licence in LICENCES {
        files.push((licence.to_string(), read(&root().join(licence))?));
    }
    files.push((
        "EMBED.md".to_string(),
        embed_md(&version, &integrity).into_bytes(),
    ));
    files.push((
        "README.md".to_string(),
        readme_md(&version, &integrity).into_bytes(),
    ));
    files.push((
        "THIRD-PARTY.md".to_string(),
        third_party_md(&version, &crates()?).into_bytes(),
    ));
    let top_level = top_level_names(&files);
    files.push((
        "package.json".to_string(),
        package_json(&version, &top_level).into_bytes(),
    ));
    files.sort();

    let name = format!("rekindle-{version}");
    let folder = into.join(&name);
    if folder.exists() {
        fs::remove_dir_all(&folder)
            .map_err(|e| Failure::new(format!("cannot replace {} ({e})", folder.display())))?;
    }
    for (relative, bytes) in &files {
        let path = folder.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Failure::new(format!("cannot create {} ({e})", parent.display())))?;
        }
        write(&path, bytes)?;
    }
    let zip_path = into.join(format!("{name}.zip"));
    write(&zip_path, &zip::archive(&entries(&name, files))?)?;
    Ok(Release {
        version,
        folder,
        zip: zip_path,
        integrity,
    })
}

/// The zip's entries: the folder itself, then every folder and file under it, sorted by
/// path, so the order never depends on the file system.
fn entries(name: &str, files: Vec<(String, Vec<u8>)>) -> Vec<Entry> {
    let mut folders = vec![name.to_string()];
    for (relative, _) in &files {
        let mut parts: Vec<&str> = relative.split('/').collect();
        parts.pop();
        for depth in 1..=parts.len() {
            let folder = format!("{name}/{}", parts[..depth].join("/"));
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
    }
    let mut entries: Vec<Entry> = folders.iter().map(|f| Entry::folder(f)).collect();
    entries.extend(
        files
            .into_iter()
            .map(|(relative, bytes)| Entry::file(&format!("{name}/{relative}"), bytes)),
    );
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries
}

fn print_summary(release: &Release) -> Result {
    step("Release written");
    let mut found = files_under(&release.folder, &[])?;
    found.sort();
    println!("    {:>10}  file", "raw B");
    for (relative, path) in &found {
        let len = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        println!("    {len:>10}  {relative}");
    }
    let zip = read(&release.zip)?;
    println!(
        "\n    {}: {} B, SHA-256 {}",
        release.zip.display(),
        zip.len(),
        hex(&sha256(&zip))
    );
    println!("\n    rekindle.js integrity: {}", release.integrity);
    println!(
        "\n    Paste this where the widget should appear (your own copy of the folder, or a CDN):\n\n{}\n",
        plain_snippet(&cdn_url(&release.version), &release.integrity)
    );
    println!(
        "    Publish to npm (maintainers only): npm publish {}",
        Path::new("release")
            .join(format!("rekindle-{}", release.version))
            .display()
    );
    Ok(())
}

/// `version` from the root Cargo.toml's `[package]` table.
pub fn crate_version(cargo_toml: &str) -> Result<String> {
    let mut in_package = false;
    for line in cargo_toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(value) = line.strip_prefix("version") {
                let value = value.trim_start().trim_start_matches('=').trim();
                let version = value.trim_matches('"');
                let valid = value.len() == version.len() + 2
                    && !version.is_empty()
                    && version
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c));
                if valid {
                    return Ok(version.to_string());
                }
            }
        }
    }
    Err(Failure::new(
        "cannot read `version = \"…\"` in the [package] table of Cargo.toml",
    ))
}

/// The built loader must carry its build's hashes and this version: a loader left
/// unstamped would run whatever files it is given.
fn check_loader(loader: &str, version: &str) -> Result {
    if loader.contains("__REKINDLE_") {
        return Err(Failure::new(
            "dist/rekindle.js still holds a __REKINDLE_ placeholder: it was not stamped by the build; run `cargo xtask release`",
        ));
    }
    if !loader.contains(&format!("\"{version}\"")) && !loader.contains(&format!("'{version}'")) {
        return Err(Failure::new(format!(
            "dist/rekindle.js does not say version {version}; run `cargo xtask release` to rebuild it"
        )));
    }
    Ok(())
}

/// The names at the top of the package (`icons/` for a folder), for `files`.
fn top_level_names(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut names: Vec<String> = files
        .iter()
        .map(|(relative, _)| match relative.split_once('/') {
            Some((folder, _)) => format!("{folder}/"),
            None => relative.clone(),
        })
        .collect();
    names.push("package.json".to_string());
    names.sort();
    names.dedup();
    names
}

fn package_json(version: &str, files: &[String]) -> String {
    let files = files
        .iter()
        .map(|name| format!("    \"{name}\""))
        .collect::<Vec<_>>()
        .join(",\n");
    format!(
        r#"{{
  "name": "{PACKAGE}",
  "version": "{version}",
  "description": "Rekindle: a private self-assessment and 16-step tracker, as one script tag for any page. Runs in the reader's browser; nothing is sent anywhere.",
  "license": "MIT OR Apache-2.0",
  "keywords": ["widget", "self-assessment", "embed", "webassembly", "privacy", "offline"],
  "main": "{ENTRY}",
  "browser": "{ENTRY}",
  "unpkg": "{ENTRY}",
  "jsdelivr": "{ENTRY}",
  "files": [
{files}
  ]
}}
"#
    )
}

/// The crates compiled into the wasm (normal dependencies for wasm32, from Cargo.lock),
/// as (name, version, licence), sorted, without Rekindle itself.
fn crates() -> Result<Vec<(String, String, String)>> {
    let text = output(
        Command::new("cargo")
            .current_dir(root())
            .args([
                "tree",
                "--offline",
                "-p",
                "rekindle",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(["-e", "normal", "--prefix", "none", "--format", "{p}|{l}"]),
    )
    .ok_or_else(|| {
        Failure::new(
            "`cargo tree` could not list the wasm's crates; run `cargo xtask setup` and re-run",
        )
    })?;
    let mut crates: Vec<(String, String, String)> = text
        .lines()
        .filter_map(|line| {
            let (package, licence) = line.split_once('|')?;
            let mut words = package.split_whitespace();
            let name = words.next()?.to_string();
            let version = words.next()?.trim_start_matches('v').to_string();
            let licence = licence.trim_end_matches("(*)").trim().to_string();
            (name != "rekindle").then_some((name, version, licence))
        })
        .collect();
    crates.sort();
    crates.dedup();
    if crates.is_empty() {
        return Err(Failure::new("`cargo tree` listed no crates for the wasm"));
    }
    Ok(crates)
}

fn third_party_md(version: &str, crates: &[(String, String, String)]) -> String {
    let rows: String = crates
        .iter()
        .map(|(name, version, licence)| format!("| {name} | {version} | {licence} |\n"))
        .collect();
    format!(
        r#"# Third-party software in Rekindle {version}

`rekindle-app_bg.wasm`, `rekindle-app_later.wasm` and `rekindle-app.js` are built from Rekindle's own code, the Rust
standard library (MIT OR Apache-2.0) and these crates from crates.io, each under the
licence shown (the full texts are in each crate's source there). wasm-bindgen, which
writes `rekindle-app.js`, is MIT OR Apache-2.0.

| crate | version | licence |
|---|---|---|
{rows}"#
    )
}

fn cdn_url(version: &str) -> String {
    format!("https://cdn.jsdelivr.net/npm/{PACKAGE}@{version}/{ENTRY}")
}

fn plain_snippet(src: &str, integrity: &str) -> String {
    format!(
        "<div id=\"rekindle\"></div>\n<script src=\"{src}\"\n        integrity=\"{integrity}\" crossorigin=\"anonymous\"\n        data-target=\"#rekindle\"></script>"
    )
}

fn embed_md(version: &str, integrity: &str) -> String {
    let own = format!("https://your.site/rekindle-{version}/{ENTRY}");
    let cdn = cdn_url(version);
    let unpkg = format!("https://unpkg.com/{PACKAGE}@{version}/{ENTRY}");
    let plain = plain_snippet(&own, integrity);
    let wordpress = plain_snippet(&cdn, integrity);
    format!(
        r#"# Put Rekindle {version} on your site

This folder is Rekindle {version}, ready to serve: nothing to build. Copy the whole
folder `rekindle-{version}/` to your site as it is (or use the npm package
`{PACKAGE}@{version}` from a public CDN), then paste one of the snippets below where the
widget should appear. Upgrading later is changing the version and the `integrity` value
in the snippet; readers keep their saved answers and progress.

`rekindle.js` {version}: `integrity="{integrity}"`

## Plain HTML

Your own copy of the folder (change `https://your.site/` to where you put it):

```html
{plain}
```

From a CDN, the same with `src="{cdn}"` (jsDelivr) or `src="{unpkg}"` (unpkg).

## WordPress

Add a *Custom HTML* block and paste (a CDN address here; your own copy works the same):

```html
{wordpress}
```

Plans that strip scripts from posts (WordPress.com's free plans do) need the iframe below.

## Ghost

Add an *HTML* card and paste the same snippet as for WordPress.

## Hugo

Put the folder in `static/rekindle-{version}/`, save this as
`layouts/shortcodes/rekindle.html`, and write `{{{{< rekindle >}}}}` in a post:

```html
<script src="{{{{ "rekindle-{version}/rekindle.js" | relURL }}}}"
        integrity="{integrity}" crossorigin="anonymous"
        data-namespace="{{{{ .Get "namespace" | default "default" }}}}"></script>
```

## An iframe (platforms that forbid scripts)

Serve the folder from your own site (CDNs send HTML as plain text) and embed its page:

```html
<iframe title="Rekindle: a private self-assessment" src="https://your.site/rekindle-{version}/?embed"
        width="100%" height="720" style="border:0" loading="lazy" allow="clipboard-write"></iframe>
```

## Headers for your server

- Everything in `rekindle-{version}/` never changes: `Cache-Control: public, max-age=31536000, immutable`.
- `rekindle-app_bg.wasm` and `rekindle-app_later.wasm`: `Content-Type: application/wasm`.
- Served from another origin than your pages (a CDN, a subdomain): `Access-Control-Allow-Origin: *`
  on the folder's files (public CDNs send it), because browsers load modules,
  WebAssembly and checked scripts across origins only with CORS.
- A page with a Content-Security-Policy needs `'wasm-unsafe-eval'` in `script-src`, and
  the folder's origin in `script-src` and `connect-src` when it is not the page's own.

## What `integrity` checks

The browser runs `rekindle.js` only if its SHA-384 is the one in the snippet, and
`rekindle.js` holds the SHA-384 of `rekindle-app.js` and `rekindle-app_bg.wasm`: it
runs them only if they match, and otherwise shows a short message in place of the
widget and logs one error naming the file. `rekindle-app.js` holds the SHA-256 of
`rekindle-app_later.wasm` (the rest of the app, fetched right after the first view)
and runs it only if it matches. A changed or mixed-up file on a host or CDN is refused, not
run. Everything the loader fetches is in this folder.

More options (`data-namespace`, `data-theme`, `data-accent`, help and exit links…)
are in the project's README. Licence: MIT OR Apache-2.0, at your option
(`LICENSE-MIT`, `LICENSE-APACHE`).
"#
    )
}

fn readme_md(version: &str, integrity: &str) -> String {
    format!(
        r##"# Rekindle {version}

A private self-assessment and 16-step tracker for people thinking about getting back
together with an ex, as one script tag for any page. It runs entirely in the reader's
browser: answers and progress stay in that browser's storage and nothing is sent
anywhere.

```html
<div id="rekindle"></div>
<script src="{cdn}"
        integrity="{integrity}" crossorigin="anonymous"
        data-target="#rekindle"></script>
```

`EMBED.md` has snippets for plain HTML, WordPress, Ghost, Hugo and an iframe, and the
headers to set when you serve this folder yourself. `index.html` is Rekindle's own page
(it works offline once visited); `rekindle-offline.html` is all of it in one file.

Licence: MIT OR Apache-2.0, at your option.
"##,
        cdn = cdn_url(version)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zip::tests::read_back;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("rekindle-xtask-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn version() -> String {
        crate_version(&fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml"))
            .expect("a version")
    }

    /// A small stand-in for dist/, written in the given order.
    fn fake_dist(dir: &Path, version: &str, reversed: bool) {
        let mut files = vec![
            ("rekindle.js", format!("Rekindle={{version:\"{version}\"}}")),
            ("rekindle-app.js", "export default 1".to_string()),
            ("icons/icon.svg", "<svg/>".to_string()),
            ("index.html", "<!doctype html>".to_string()),
        ];
        if reversed {
            files.reverse();
        }
        for (name, text) in files {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().expect("a parent")).expect("dir");
            fs::write(path, text).expect("write");
        }
    }

    #[test]
    fn two_releases_of_the_same_files_are_byte_identical_and_read_back_whole() {
        let version = version();
        let (one, two) = (temp("one"), temp("two"));
        fake_dist(&one.join("dist"), &version, false);
        // The second copy is written in the other order, a second later.
        std::thread::sleep(std::time::Duration::from_millis(1_100));
        fake_dist(&two.join("dist"), &version, true);
        let first = package(&one.join("dist"), &one.join("release")).expect("first");
        let second = package(&two.join("dist"), &two.join("release")).expect("second");
        let zip = fs::read(&first.zip).expect("zip");
        assert_eq!(zip, fs::read(&second.zip).expect("zip"), "byte-identical");
        assert_eq!(first.integrity, second.integrity);

        let prefix = format!("rekindle-{version}/");
        let back = read_back(&zip);
        let names: Vec<&str> = back.iter().map(|(n, _, _)| n.as_str()).collect();
        for expected in [
            "",
            "EMBED.md",
            "LICENSE-APACHE",
            "LICENSE-MIT",
            "README.md",
            "THIRD-PARTY.md",
            "icons/",
            "icons/icon.svg",
            "index.html",
            "package.json",
            "rekindle-app.js",
            "rekindle.js",
        ] {
            assert!(
                names.contains(&format!("{prefix}{expected}").as_str()),
                "{expected} in {names:?}"
            );
        }
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "entries in sorted order");
        // Every file in the folder is in the zip, byte for byte.
        for (name, _, bytes) in &back {
            if !name.ends_with('/') {
                let on_disk = fs::read(first.folder.join(&name[prefix.len()..])).expect("file");
                assert_eq!(&on_disk, bytes, "{name}");
            }
        }
        let _ = fs::remove_dir_all(one);
        let _ = fs::remove_dir_all(two);
    }

    #[test]
    fn an_unstamped_or_mislabelled_loader_is_refused() {
        assert!(check_loader("var h='__REKINDLE_WASM_SRI__';version:\"0.1.0\"", "0.1.0").is_err());
        assert!(check_loader("version:\"0.0.9\"", "0.1.0").is_err());
        assert!(check_loader("version:\"0.1.0\"", "0.1.0").is_ok());
    }

    #[test]
    fn the_version_comes_from_the_package_table() {
        let toml = "[workspace]\nversion = \"9\"\n[package]\nname = \"x\"\nversion = \"1.2.3\"\n[dependencies]\nversion = \"7\"\n";
        assert_eq!(crate_version(toml).expect("version"), "1.2.3");
        assert!(crate_version("[package]\nversion = \"1.0\\\"; rm\"\n").is_err());
        assert!(crate_version("[package]\nname = \"x\"\n").is_err());
    }

    #[test]
    fn package_json_names_the_loader_for_every_cdn_and_lists_the_files() {
        let json = package_json("1.2.3", &["icons/".to_string(), "rekindle.js".to_string()]);
        for field in ["main", "browser", "unpkg", "jsdelivr"] {
            assert!(
                json.contains(&format!("\"{field}\": \"rekindle.js\"")),
                "{field}: {json}"
            );
        }
        assert!(json.contains("\"version\": \"1.2.3\""));
        assert!(json.contains("\"files\": [\n    \"icons/\",\n    \"rekindle.js\"\n  ]"));
    }

    #[test]
    fn embed_md_fills_in_the_version_and_integrity_everywhere() {
        let text = embed_md("1.2.3", "sha384-abc");
        for needle in [
            "https://your.site/rekindle-1.2.3/rekindle.js",
            "https://cdn.jsdelivr.net/npm/rekindle-widget@1.2.3/rekindle.js",
            "{{< rekindle >}}",
            "{{ \"rekindle-1.2.3/rekindle.js\" | relURL }}",
            "https://your.site/rekindle-1.2.3/?embed",
            "application/wasm",
            "immutable",
            "Access-Control-Allow-Origin",
        ] {
            assert!(text.contains(needle), "{needle} in EMBED.md");
        }
        assert_eq!(
            text.matches("integrity=\"sha384-abc\" crossorigin=\"anonymous\"")
                .count(),
            3,
            "plain HTML, WordPress and Ghost, Hugo"
        );
    }
}
