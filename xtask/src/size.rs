//! Prints every `dist/` file's raw, gzip and brotli size, checks the budgets, and breaks
//! the wasm down by crate with twiggy.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::run::output;
use crate::{root, split, step, Failure, Result};

/// The files a reader downloads before the widget is ready: the wasm, its JavaScript
/// glue, the loader a blog page includes, and the standalone page's CSS (the widget's
/// own CSS is compiled into the wasm). A blog reader gets the first three; a visitor
/// of the standalone page all but the loader; the budget covers the union.
pub const FIRST_LOAD: [&str; 4] = [
    "rekindle-app_bg.wasm",
    "rekindle-app.js",
    "rekindle.js",
    "page.css",
];

/// First load, gzip (level 9): 115,503 B once the wasm was split in two (issue 12's fifth
/// round: `xtask/src/split.rs`; the first part holds the code a new reader's welcome and
/// questions run and their texts, the rest of the code and texts is fetched right
/// after), down from 202,207 B. Before that:
/// 202,220 B after the fourth round of cuts (labels lowered by the browser, so no
/// Unicode case tables; the saved state read and written by `domain::json` instead of
/// serde_json; 202,562 B once loading stopped taking the host page's focus; 202,676 B
/// once saves stopped re-reading what they wrote; 202,207 B with LLVM's inline
/// threshold at 8), 219,638 B after the third (a lighter second-language loader,
/// `--low-memory-unused` and `--merge-similar-functions` for wasm-opt, the content's
/// structure packed into bytes, saved enums read by name, no `HashMap` of drafts, one
/// JSON serialiser), 229,761 B after the second (shortened wasm-bindgen names, no
/// `BTreeMap`, `serde_json::Value` or standard sort in the wasm, `Place` saved without
/// adjacent tagging, English texts as one string, talc, `wasm-opt -O1`) and 258,857 B
/// before it. Set at that figure plus about 1.5%, so small honest changes pass while
/// real growth fails CI and has to be argued for. A journey added to the split's profile
/// (`e2e/tools/split-profile.mjs`) moves code into the first load: measure it. The
/// issue's goal is 120 KB and the aim 90 KB: lower this as the size work lands, never
/// raise it without saying why. (History: 243,133 B before issue 14; 257,325 B after it,
/// which moved every word into content and added Spanish; 258,857 B after issue 13's
/// placeholder.)
const FIRST_LOAD_GZIP_BUDGET: u64 = 117_100;
/// The same files uncompressed: what the browser compiles and runs before the first
/// view. Measured 324,665 B (23 KB of it the later texts' place, zeros until they
/// arrive); `wasm-opt -O1` writes more raw wasm than `-Oz` but less
/// gzip and brotli, and what travels is what a reader on a slow connection waits for.
const FIRST_LOAD_RAW_BUDGET: u64 = 329_200;
/// The whole app, first load and later part together, gzip: 222,547 B measured (the
/// split costs about 20 KB over the 202,207 B of one wasm: the exports, placeholders
/// and table entries that join the parts, the later part's loader in the glue, and
/// three compression contexts for the text instead of one). Plus about 1.5%, so
/// growth cannot hide in the later part.
const WHOLE_GZIP_BUDGET: u64 = 225_900;
/// The loader is what every blog page pays for even before the widget is seen.
const LOADER_GZIP_BUDGET: u64 = 2 * 1024;

/// The wasm as cargo wrote it, before wasm-bindgen and wasm-opt: it still has function
/// names, so twiggy can say where the bytes go.
const PRE_OPT_WASM: &str = "target/wasm32-unknown-unknown/release/rekindle-app.wasm";

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
    println!("    {:>10} {:>10}  file", "raw B", "gzip B");
    for path in &files {
        let bytes = read(path)?;
        let name = path.strip_prefix(dist).unwrap_or(path).display();
        println!("    {:>10} {:>10}  {name}", bytes.len(), gzip_len(&bytes));
    }

    println!("\n    first load (what a reader downloads before the widget is ready):");
    let (raw, gzip, br) = table(dist, &FIRST_LOAD)?;
    println!("    {raw:>10} {gzip:>10} {br:>10}  first load total");
    println!(
        "    budget: {FIRST_LOAD_GZIP_BUDGET} B gzip, {FIRST_LOAD_RAW_BUDGET} B raw (gzip -9, brotli -11; most servers compress a little less hard)"
    );
    println!("\n    later (fetched right after the first view is drawn; see xtask/src/split.rs):");
    let (later_raw, later_gzip, later_br) = table(dist, &[split::LATER])?;
    println!(
        "    {:>10} {:>10} {:>10}  the whole app: first load and later part",
        raw + later_raw,
        gzip + later_gzip,
        br + later_br
    );
    println!("    budget for the whole app: {WHOLE_GZIP_BUDGET} B gzip");
    let loader_gzip = gzip_len(&read(&dist.join("rekindle.js"))?);
    if loader_gzip > LOADER_GZIP_BUDGET {
        return Err(Failure::new(format!(
            "the loader rekindle.js is {loader_gzip} B gzip, over its budget of {LOADER_GZIP_BUDGET} B; keep it a small loader"
        )));
    }
    if gzip > FIRST_LOAD_GZIP_BUDGET || raw > FIRST_LOAD_RAW_BUDGET {
        return Err(Failure::new(
            "the first load is over its size budget; find what grew (`cargo xtask size` breaks the wasm down, and a journey added to e2e/tools/split-profile.mjs moves code into the first part) before raising the budget in xtask/src/size.rs",
        ));
    }
    if gzip + later_gzip > WHOLE_GZIP_BUDGET {
        return Err(Failure::new(
            "the whole app (first load and later part) is over its size budget; find what grew (`cargo xtask size`) before raising the budget in xtask/src/size.rs",
        ));
    }
    Ok(())
}

/// Prints `names` (files in `dist`) with their raw, gzip and brotli sizes, and returns
/// the three totals.
fn table(dist: &Path, names: &[&str]) -> Result<(u64, u64, u64)> {
    let paths: Vec<PathBuf> = names.iter().map(|name| dist.join(name)).collect();
    let brotli = brotli_lens(&paths);
    let (mut raw, mut gzip, mut br) = (0u64, 0u64, 0u64);
    println!(
        "    {:>10} {:>10} {:>10}  file",
        "raw B", "gzip B", "brotli B"
    );
    for (index, path) in paths.iter().enumerate() {
        let bytes = read(path).map_err(|_| {
            Failure::new(format!(
                "{} is missing; the build did not produce what a reader downloads",
                path.display()
            ))
        })?;
        let file_br = brotli.as_ref().map_or(0, |b| b[index]);
        raw += bytes.len() as u64;
        gzip += gzip_len(&bytes);
        br += file_br;
        println!(
            "    {:>10} {:>10} {:>10}  {}",
            bytes.len(),
            gzip_len(&bytes),
            file_br,
            names[index]
        );
    }
    Ok((raw, gzip, br))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Failure::new(format!("cannot read {} ({e})", path.display())))
}

/// `cargo xtask size`: where the wasm's bytes go, from twiggy on the pre-wasm-opt
/// binary: the largest items, and every item's bytes summed by crate.
pub fn breakdown() -> Result {
    let wasm = root().join(PRE_OPT_WASM);
    step(&format!(
        "Where the wasm's bytes go (twiggy on {PRE_OPT_WASM})"
    ));
    let raw = fs::metadata(&wasm)
        .map_err(|e| {
            Failure::new(format!(
                "cannot read {} ({e}); run `cargo xtask build` first",
                wasm.display()
            ))
        })?
        .len();
    let csv = output(
        Command::new("twiggy")
            .args(["top", "--format", "csv", "-n", "1000000"])
            .arg(&wasm),
    )
    .ok_or_else(|| {
        Failure::new("twiggy could not read the wasm; run `cargo xtask setup` and re-run")
    })?;
    let items: Vec<(String, u64)> = parse_twiggy_csv(&csv)
        .into_iter()
        .map(|(name, size)| (without_hashes(&name), size))
        .collect();
    println!("    {raw} B before wasm-bindgen and wasm-opt; twiggy's shallow sizes:");
    println!("\n    {:>9}  largest items", "bytes");
    for (name, size) in items.iter().take(15) {
        println!("    {size:>9}  {}", shorten(name, 110));
    }
    let mut groups: BTreeMap<&'static str, u64> = BTreeMap::new();
    for (name, size) in &items {
        *groups.entry(group_of(name)).or_default() += size;
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_key(|group| std::cmp::Reverse(group.1));
    println!(
        "\n    {:>9}  by crate (generic code counted where it is defined)",
        "bytes"
    );
    for (group, size) in groups {
        println!("    {size:>9}  {group}");
    }
    Ok(())
}

/// `(name, shallow bytes)` rows, largest first, from `twiggy top --format csv`
/// (`Name,ShallowSize,...`, the name quoted when it holds commas or quotes).
fn parse_twiggy_csv(csv: &str) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = csv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields = split_csv(line);
            let size = fields.get(1)?.parse().ok()?;
            Some((fields.first()?.clone(), size))
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    rows
}

fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(field) = fields.last_mut() {
                    field.push('"');
                }
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

/// A demangled name without the crate hashes (`yew[45c6b33c27a4f320]::` → `yew::`).
fn without_hashes(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(start) = rest.find('[') {
        let hash = &rest[start + 1..];
        let end = hash.find(']');
        match end {
            Some(end) if end == 16 && hash[..end].chars().all(|c| c.is_ascii_hexdigit()) => {
                out.push_str(&rest[..start]);
                rest = &hash[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = hash;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Which crate (or section) an item belongs to, by its demangled name.
fn group_of(name: &str) -> &'static str {
    if name.starts_with("data segment") {
        return "data segments (.rodata: strings, content text, CSS)";
    }
    if name.contains("subsection") || name.starts_with("custom section") {
        return "custom sections (names, wasm-bindgen's; stripped before shipping)";
    }
    if name.contains("__wbindgen_describe") {
        return "wasm-bindgen descriptors (run once by the CLI, then removed)";
    }
    if name.starts_with("import ") || name.starts_with("export ") {
        return "imports and exports";
    }
    // Derived (de)serialisers are serde's code even when named after our types.
    if name.contains("serde") {
        return "serde, serde_json (with derived impls)";
    }
    let path = name.trim_start_matches(['<', '&', '*', '(', '[']);
    let path = path
        .strip_prefix("mut ")
        .or_else(|| path.strip_prefix("dyn "))
        .unwrap_or(path);
    let krate = path.split("::").next().unwrap_or("");
    const OURS: [(&str, &str); 7] = [
        ("rekindle::components::", "rekindle: views (components)"),
        ("rekindle::app", "rekindle: shell (app)"),
        ("rekindle::content", "rekindle: content"),
        ("rekindle::domain", "rekindle: domain"),
        ("rekindle::state", "rekindle: state"),
        ("rekindle::storage", "rekindle: storage"),
        ("rekindle::share_crypto", "rekindle: share_crypto"),
    ];
    if krate == "rekindle" || krate == "rekindle_app" {
        return OURS
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix))
            .map_or("rekindle: other (embed, browser, main)", |(_, group)| group);
    }
    match krate {
        "yew" | "implicit_clone" | "prokio" if name.contains("rekindle") => {
            "yew, monomorphised for our components"
        }
        "yew" | "implicit_clone" | "prokio" | "gloo" | "gloo_events" | "gloo_timers"
        | "gloo_utils" | "indexmap" | "slab" | "pinned" => "yew (and gloo, prokio, implicit_clone)",
        "core" | "alloc" | "std" | "hashbrown" | "dlmalloc" | "compiler_builtins" => {
            "core, alloc, std"
        }
        "gloo_storage" => "gloo-storage",
        "wasm_bindgen" | "js_sys" | "web_sys" | "wasm_bindgen_futures" => {
            "wasm-bindgen, js-sys, web-sys"
        }
        "tracing" | "tracing_core" => "tracing",
        "console_error_panic_hook" => "console_error_panic_hook",
        _ => "other (tables, types, imports, exports, unnamed, small crates)",
    }
}

fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let cut: String = name.chars().take(max - 1).collect();
    format!("{cut}…")
}

pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len() as u64).unwrap_or(0)
}

/// Brotli sizes (quality 11) of `files`, from Node's zlib: Node is already needed for
/// the end-to-end tests, and this keeps a brotli encoder out of xtask.
fn brotli_lens(files: &[PathBuf]) -> Option<Vec<u64>> {
    const SCRIPT: &str = "const z=require('zlib'),f=require('fs');\
        for(const p of process.argv.slice(1))console.log(z.brotliCompressSync(f.readFileSync(p),\
        {params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)";
    let text = output(Command::new("node").arg("-e").arg(SCRIPT).args(files))?;
    let sizes: Vec<u64> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
    (sizes.len() == files.len()).then_some(sizes)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twiggy_rows_are_read_with_quoted_names_and_hashes_dropped() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
            \"\"\"function names\"\" subsection\",578387,25.3,,\n\
            <yew[45c6b33c27a4f320]::Html as core[aefbc74d0c2c7a00]::clone::Clone>::clone,20,0.1,,\n\
            \"<a, b>\",999999,40.0,,\n";
        let rows = parse_twiggy_csv(csv);
        assert_eq!(rows[0], ("<a, b>".to_string(), 999_999));
        assert_eq!(rows[1].0, "\"function names\" subsection");
        assert_eq!(
            without_hashes(&rows[2].0),
            "<yew::Html as core::clone::Clone>::clone"
        );
    }

    #[test]
    fn items_are_grouped_by_the_crate_that_defines_them() {
        let group = |name: &str| group_of(&without_hashes(name));
        assert_eq!(
            group("<rekindle[a7443c426c0d10bc]::components::result::ResultView as yew[45c6b33c27a4f320]::functional::FunctionProvider>::run"),
            "rekindle: views (components)"
        );
        assert_eq!(
            group("<yew[45c6b33c27a4f320]::html::component::lifecycle::CompStateInner<rekindle[a7443c426c0d10bc]::components::plan::PlanOverview> as yew[45c6b33c27a4f320]::html::component::lifecycle::Stateful>::view"),
            "yew, monomorphised for our components"
        );
        assert_eq!(
            group("<rekindle[a7443c426c0d10bc]::domain::content::StepKind as serde_core[7f03e47278804a7e]::de::Deserialize>::deserialize"),
            "serde, serde_json (with derived impls)"
        );
        assert_eq!(group("core::fmt::write"), "core, alloc, std");
    }
}
