//! Prints every `dist/` file's raw and gzip size, and checks the budgets.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::{step, Failure, Result};

/// What a reader downloads for the widget (wasm, JavaScript glue, CSS), gzip-compressed.
/// The peer figures in shared/reference put a lean Yew widget near 80 KB gzip and a
/// 120 KB cap. With every view and private sharing, Rekindle measured about 246 KB gzip;
/// the safety journey (quick exit, safety note, plan direction) added about 10 KB gzip,
/// the at-a-glance result and plan (pictures, resume, print) about 13 KB, and issue 11
/// (merge-on-write storage, import checks, the shell's hooks, share page, persistence)
/// about 14 KB. This cap sits just above that figure so any growth fails CI and has to be
/// argued for; bring it down as the size work lands.
const WIDGET_GZIP_BUDGET: u64 = 296 * 1024;
const WIDGET_RAW_BUDGET: u64 = 832 * 1024;
/// The loader is what every blog page pays for even before the widget is seen.
const LOADER_GZIP_BUDGET: u64 = 2 * 1024;

pub fn report(dist: &Path) -> Result {
    step("Size report (dist/)");
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(Failure::new(
            "dist/ is empty; run `cargo xtask build` first",
        ));
    }
    let (mut total_raw, mut total_gzip) = (0u64, 0u64);
    let (mut widget_raw, mut widget_gzip) = (0u64, 0u64);
    println!("    {:>10} {:>10}  file", "raw B", "gzip B");
    for path in &files {
        let bytes = fs::read(path)
            .map_err(|e| Failure::new(format!("cannot read {} ({e})", path.display())))?;
        let raw = bytes.len() as u64;
        let gzip = gzip_len(&bytes);
        total_raw += raw;
        total_gzip += gzip;
        let name = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string();
        if is_widget_payload(&name) {
            widget_raw += raw;
            widget_gzip += gzip;
        }
        println!("    {raw:>10} {gzip:>10}  {name}");
    }
    println!(
        "    {total_raw:>10} {total_gzip:>10}  total ({} files)",
        files.len()
    );
    println!(
        "    widget payload (wasm + js + css): {widget_raw} B raw, {widget_gzip} B gzip; budget {WIDGET_RAW_BUDGET} B raw, {WIDGET_GZIP_BUDGET} B gzip"
    );
    let loader = fs::read(dist.join("rekindle.js")).unwrap_or_default();
    let loader_gzip = gzip_len(&loader);
    println!(
        "    loader rekindle.js: {} B raw, {loader_gzip} B gzip; budget {LOADER_GZIP_BUDGET} B gzip",
        loader.len()
    );
    if loader_gzip > LOADER_GZIP_BUDGET {
        return Err(Failure::new(
            "the loader rekindle.js is over its size budget; keep it a small loader",
        ));
    }
    if widget_gzip > WIDGET_GZIP_BUDGET || widget_raw > WIDGET_RAW_BUDGET {
        return Err(Failure::new(
            "the widget is over its size budget; find what grew (`twiggy top` on the wasm helps) before raising the budget in xtask/src/size.rs",
        ));
    }
    Ok(())
}

fn is_widget_payload(name: &str) -> bool {
    // The offline files serve the standalone page only; an embedded widget never loads them.
    let offline_only = [
        crate::offline::SERVICE_WORKER,
        crate::offline::SINGLE_FILE,
        "sw-register.js",
    ];
    !offline_only.contains(&name)
        && [".wasm", ".js", ".css"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len() as u64).unwrap_or(0)
}

fn collect(dir: &Path, into: &mut Vec<PathBuf>) -> Result {
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot list {} ({e}); build first", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, into)?;
        } else {
            into.push(path);
        }
    }
    Ok(())
}
