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
use crate::wasm_format::{push_leb, push_sleb, sections, Reader};
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
    step("Code splitting: the later texts out of the first part, into the later part's data");
    let (primary_bytes, texts) = withhold_later_texts(&files::read(&primary)?)?;
    let later_bytes = with_data_segment(&files::read(&later)?, &texts)?;
    println!(
        "    {} B of later texts at address {} go with {LATER}",
        texts.bytes.len(),
        texts.address
    );
    // The cleared block stays as zeros: binaryen's memory packing would drop them
    // (23 KB raw) but measured 34 B gzip less and 266 B brotli more.
    files::write(&dist.join(WASM), &primary_bytes)?;
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
    // The journeys run as a new reader's widget does before the later part arrives:
    // without the later texts, so the code that starts English without them is profiled.
    let (instrumented, _) = withhold_later_texts(&files::read(&site.join(WASM))?)?;
    files::write(&site.join(WASM), &instrumented)?;
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

/// The block of later texts build.rs puts in the wasm's data (`content::later_texts`
/// reads it): this marker, a ready byte, the texts' length and the texts.
const LATER_TEXTS_MAGIC: &[u8] = b"RKLATER:";
const CODE_SECTION: u8 = 10;
const DATA_SECTION: u8 = 11;
const DATA_COUNT_SECTION: u8 = 12;

/// The later texts, taken out of the first part: where they go in memory (the ready
/// byte's address) and what goes there (the ready byte set, the length, the texts).
struct LaterTexts {
    address: u32,
    bytes: Vec<u8>,
}

/// `wasm` with the later texts' block cleared (ready byte 0, length and texts zero:
/// zeros cost next to nothing compressed), and what was there.
fn withhold_later_texts(wasm: &[u8]) -> Result<(Vec<u8>, LaterTexts)> {
    let mut wasm = wasm.to_vec();
    let (_, data) = sections(&wasm)
        .map_err(Failure::new)?
        .into_iter()
        .find(|(id, _)| *id == DATA_SECTION)
        .ok_or_else(|| {
            Failure::new("the wasm has no data section; did build.rs write the later texts?")
        })?;
    let mut found = None;
    let mut reader = Reader::new(&wasm, data.start);
    let count = reader.leb().map_err(Failure::new)?;
    for _ in 0..count {
        // MVP active segments only: flags 0, `i32.const <offset>`, `end`.
        if reader.leb().map_err(Failure::new)? != 0 || reader.byte().map_err(Failure::new)? != 0x41
        {
            return Err(Failure::new(
                "a data segment that is not `i32.const` active; update xtask/src/split.rs",
            ));
        }
        let offset = reader.sleb().map_err(Failure::new)?;
        if reader.byte().map_err(Failure::new)? != 0x0b {
            return Err(Failure::new(
                "a data segment's offset is not a plain constant; update xtask/src/split.rs",
            ));
        }
        let size = reader.leb().map_err(Failure::new)? as usize;
        let segment = reader.at..reader.at + size;
        if segment.end > data.end {
            return Err(Failure::new("a data segment runs past its section"));
        }
        for (i, window) in wasm[segment.clone()]
            .windows(LATER_TEXTS_MAGIC.len())
            .enumerate()
        {
            if window == LATER_TEXTS_MAGIC {
                if found.is_some() {
                    return Err(Failure::new("the later texts' marker is in the wasm twice"));
                }
                found = Some((offset, segment.start, i, segment.end));
            }
        }
        reader.at = segment.end;
    }
    let (offset, segment_start, index, segment_end) = found.ok_or_else(|| {
        Failure::new("the later texts' block (RKLATER:) is not in the wasm's data; see build.rs and src/content.rs")
    })?;
    let ready = segment_start + index + LATER_TEXTS_MAGIC.len();
    let header = ready + 5;
    if header > segment_end || wasm[ready] != 1 {
        return Err(Failure::new(
            "the later texts' block is cut short or already withheld",
        ));
    }
    let length = u32::from_le_bytes([
        wasm[ready + 1],
        wasm[ready + 2],
        wasm[ready + 3],
        wasm[ready + 4],
    ]) as usize;
    if header + length > segment_end {
        return Err(Failure::new("the later texts run past their data segment"));
    }
    let bytes = wasm[ready..header + length].to_vec();
    wasm[ready..header + length].fill(0);
    let address = u32::try_from(offset + (ready - segment_start) as i64)
        .map_err(|_| Failure::new("the later texts' address does not fit in memory"))?;
    Ok((wasm, LaterTexts { address, bytes }))
}

/// `wasm` (the later part) with a data section holding `texts` at their address, after
/// its code section: instantiating it writes them into the shared memory.
fn with_data_segment(wasm: &[u8], texts: &LaterTexts) -> Result<Vec<u8>> {
    let all = sections(wasm).map_err(Failure::new)?;
    if all
        .iter()
        .any(|(id, _)| *id == DATA_SECTION || *id == DATA_COUNT_SECTION)
    {
        return Err(Failure::new(
            "the later part has data of its own already; update xtask/src/split.rs",
        ));
    }
    let code_end = all
        .iter()
        .find(|(id, _)| *id == CODE_SECTION)
        .map(|(_, body)| body.end)
        .ok_or_else(|| Failure::new("the later part has no code section"))?;
    let mut segment = vec![1, 0, 0x41];
    push_sleb(&mut segment, i64::from(texts.address));
    segment.push(0x0b);
    push_leb(&mut segment, texts.bytes.len() as u64);
    segment.extend_from_slice(&texts.bytes);
    let mut out = wasm[..code_end].to_vec();
    out.push(DATA_SECTION);
    push_leb(&mut out, segment.len() as u64);
    out.extend_from_slice(&segment);
    out.extend_from_slice(&wasm[code_end..]);
    Ok(out)
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
        "const { instance, module } = await __wbg_load(await module_or_path, imports);\n    primaryExports = instance.exports;\n    if (laterAtStart()) await laterLoad();\n    else setTimeout(() => laterLoad(true).catch(() => {}));",
    ),
    (
        "const instance = new WebAssembly.Instance(module, imports);",
        "const instance = new WebAssembly.Instance(module, imports);\n    primaryExports = instance.exports;",
    ),
];

/// `glue` with `later` in front and its hooks in place.
fn with_later(glue: &str, later: &str) -> Result<String> {
    // The Rust export `assets/later.js` calls once the later part is in (src/main.rs).
    if !glue.contains("export function later_arrived(") {
        return Err(Failure::new(
            "the glue has no `later_arrived` export, which assets/later.js calls; keep it in src/main.rs",
        ));
    }
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
    use super::{with_data_segment, with_later, withhold_later_texts, LaterTexts, HOOKS};
    use crate::wasm_format::{push_leb, push_sleb, sections};

    /// A module with an empty code section and `data` at address `at`.
    fn module(at: i64, data: &[u8]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[10, 1, 0]);
        let mut segment = vec![1, 0, 0x41];
        push_sleb(&mut segment, at);
        segment.push(0x0b);
        push_leb(&mut segment, data.len() as u64);
        segment.extend_from_slice(data);
        wasm.push(11);
        push_leb(&mut wasm, segment.len() as u64);
        wasm.extend_from_slice(&segment);
        wasm
    }

    #[test]
    fn the_later_texts_leave_the_first_part_and_go_where_they_were() {
        let block = b"xxRKLATER:\x01\x03\0\0\0abcyy";
        let first = module(70_000, block);
        let (withheld, texts) = withhold_later_texts(&first).expect("the block is found");
        assert_eq!(texts.address, 70_000 + 2 + 8, "the ready byte's address");
        assert_eq!(texts.bytes, b"\x01\x03\0\0\0abc");
        assert_eq!(withheld, module(70_000, b"xxRKLATER:\0\0\0\0\0\0\0\0yy"));
        assert!(
            withhold_later_texts(&withheld).is_err(),
            "a withheld block is not taken twice"
        );

        let later = with_data_segment(&module(0, b"")[..11], &texts).expect("a code section");
        let data = sections(&later).expect("a module");
        assert_eq!(data.iter().map(|s| s.0).collect::<Vec<_>>(), [10, 11]);
        let data = &data[1].1;
        let mut expected = vec![1, 0, 0x41];
        push_sleb(&mut expected, 70_010);
        expected.push(0x0b);
        expected.push(8);
        expected.extend_from_slice(&texts.bytes);
        assert_eq!(&later[data.clone()], &expected[..]);
    }

    #[test]
    fn a_module_without_the_block_or_with_it_twice_is_refused() {
        assert!(withhold_later_texts(&module(0, b"no marker here")).is_err());
        assert!(
            withhold_later_texts(&module(0, b"RKLATER:\x01\0\0\0\0RKLATER:\x01\0\0\0\0")).is_err()
        );
        let texts = LaterTexts {
            address: 1,
            bytes: vec![1],
        };
        assert!(
            with_data_segment(&module(0, b""), &texts).is_err(),
            "data of its own already"
        );
    }

    fn glue() -> String {
        let hooks: String = HOOKS
            .iter()
            .map(|(found, _)| format!("{found}\n}}\n"))
            .collect();
        format!("{hooks}export function later_arrived() {{}}\n")
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
        let no_export = glue().replace("export function later_arrived", "function other");
        assert!(with_later(&no_export, "").is_err());
    }
}
