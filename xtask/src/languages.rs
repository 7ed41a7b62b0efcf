//! Languages other than English ship as text tables beside the wasm:
//! `dist/rekindle-<lang>.json`, a JSON array of strings in the order of
//! `Content::texts` (the content's structure). `build.rs` validates each translation
//! against English and writes the table into its `OUT_DIR` as `texts-<lang>.json`;
//! this copies the tables of the release build just made into `dist/`, where the
//! service worker precaches them and the single file inlines them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::{root, Failure, Result};

/// The `OUT_DIR`s of the release wasm builds of the `rekindle` package.
fn build_dirs() -> Vec<PathBuf> {
    let build = root().join("target/wasm32-unknown-unknown/release/build");
    fs::read_dir(&build)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| name.starts_with("rekindle-"))
                })
                .map(|path| path.join("out"))
                .filter(|out| out.is_dir())
                .collect()
        })
        .unwrap_or_default()
}

/// The newest table per language (the build that just ran wrote or kept it), as
/// (language code, path).
fn tables() -> Vec<(String, PathBuf)> {
    let mut newest: Vec<(String, PathBuf, SystemTime)> = Vec::new();
    for dir in build_dirs() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            let Some(lang) = path
                .file_name()
                .and_then(|name| name.to_str())
                .and_then(|name| name.strip_prefix("texts-"))
                .and_then(|name| name.strip_suffix(".json"))
                .map(str::to_string)
            else {
                continue;
            };
            let modified = fs::metadata(&path)
                .and_then(|meta| meta.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            match newest.iter_mut().find(|(code, _, _)| *code == lang) {
                Some(found) if found.2 >= modified => {}
                Some(found) => *found = (lang, path, modified),
                None => newest.push((lang, path, modified)),
            }
        }
    }
    let mut tables: Vec<(String, PathBuf)> = newest
        .into_iter()
        .map(|(lang, path, _)| (lang, path))
        .collect();
    tables.sort();
    tables
}

/// Every language folder of `content/` but English.
fn translated_languages() -> Vec<String> {
    let mut languages: Vec<String> = fs::read_dir(root().join("content"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|entry| entry.path().is_dir())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|lang| lang != "en")
                .collect()
        })
        .unwrap_or_default();
    languages.sort();
    languages
}

/// Copies `rekindle-<lang>.json` for every translated language into `dist`.
pub fn copy_tables(dist: &Path) -> Result {
    let found = tables();
    for lang in translated_languages() {
        let Some((_, path)) = found.iter().find(|(code, _)| *code == lang) else {
            return Err(Failure::new(format!(
                "no text table for content/{lang}/ in the release build's OUT_DIR; run `cargo xtask build` again"
            )));
        };
        let target = dist.join(file_name(&lang));
        fs::copy(path, &target)
            .map_err(|e| Failure::new(format!("cannot copy {} ({e})", path.display())))?;
        println!(
            "    {}: {} B",
            file_name(&lang),
            fs::metadata(&target).map(|m| m.len()).unwrap_or(0)
        );
    }
    Ok(())
}

/// `rekindle-es.json` for `es`.
pub fn file_name(lang: &str) -> String {
    format!("rekindle-{lang}.json")
}

/// The tables in `dist/` as inline data blocks for the single file, which fetches
/// nothing: `<script type="application/json" id="rekindle-text-es">[…]</script>`.
pub fn inline_blocks(dist: &Path) -> Result<String> {
    let mut blocks = String::new();
    for lang in translated_languages() {
        let path = dist.join(file_name(&lang));
        let table = fs::read_to_string(&path)
            .map_err(|e| Failure::new(format!("cannot read {} ({e})", path.display())))?;
        // `</` cannot end the block early: JSON allows `<\/` for `</` in strings.
        let table = table.replace("</", "<\\/");
        blocks.push_str(&format!(
            "<script type=\"application/json\" id=\"rekindle-text-{lang}\">{table}</script>\n"
        ));
    }
    Ok(blocks)
}
