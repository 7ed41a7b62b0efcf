//! Short names between the wasm and its glue.
//!
//! wasm-bindgen names every import after its JavaScript function plus a 16-digit hash
//! (`__wbg_location_7320782274fc691b`), puts each in a module called
//! `./rekindle-app_bg.js`, and exports closures under names a hundred characters long.
//! Each name is written twice, once in the wasm and once in the glue, and the hashes do
//! not compress. Renaming them `$0`, `$1`, … in both files takes about 6.5 KB off the
//! gzipped first load (measured on the 0.1.0 build) and changes nothing else: the glue
//! looks every one of them up by name.
//!
//! Only names wasm-bindgen made up are touched: every import of its glue module, and the
//! exports whose names start with `__wbindgen_` or `wasm_bindgen_`. `memory`, `mount`,
//! `main` and the rest keep their names, since pages and the loader use them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::files::{read, read_text, write};
use crate::wasm_format::{push_leb, push_name, sections, Reader};
use crate::{Failure, Result};

/// The module wasm-bindgen's `--target web` glue gives its imports.
const GLUE_MODULE: &str = "./rekindle-app_bg.js";
/// Its replacement, in the wasm and in the glue's import object.
const SHORT_MODULE: &str = "a";
/// Export names made up by wasm-bindgen (the rest are ours or the runtime's).
const GENERATED_EXPORTS: [&str; 2] = ["__wbindgen_", "wasm_bindgen_"];

const IMPORT_SECTION: u8 = 2;
const EXPORT_SECTION: u8 = 7;

/// Rewrites `dist/rekindle-app_bg.wasm` and `dist/rekindle-app.js` in place; prints
/// how many names were shortened and the bytes saved.
pub fn shorten(dist: &Path) -> Result {
    let wasm_path = dist.join("rekindle-app_bg.wasm");
    let glue_path = dist.join("rekindle-app.js");
    let wasm = read(&wasm_path)?;
    let glue = read_text(&glue_path)?;
    let (short_wasm, names) = rename_in_wasm(&wasm).map_err(|why| {
        Failure::new(format!(
            "cannot shorten the names in {} ({why})",
            wasm_path.display()
        ))
    })?;
    let short_glue = rename_in_glue(&glue, &names).map_err(|why| {
        Failure::new(format!(
            "cannot shorten the names in {} ({why}); was wasm-bindgen upgraded?",
            glue_path.display()
        ))
    })?;
    println!(
        "    {} names shortened: wasm {} → {} B, glue {} → {} B",
        names.len(),
        wasm.len(),
        short_wasm.len(),
        glue.len(),
        short_glue.len()
    );
    write(&wasm_path, &short_wasm)?;
    write(&glue_path, short_glue.as_bytes())
}

/// The new name of each renamed import or export, old → new.
type Names = BTreeMap<String, String>;

/// `$0` … `$9`, `$a` … `$z`, `$A` … `$Z`, `$10`, …: valid JavaScript identifiers,
/// and wasm-bindgen's glue has none starting with `$` (checked in [`rename_in_glue`]).
fn short_name(index: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut digits = Vec::new();
    let mut rest = index;
    loop {
        digits.push(DIGITS[rest % DIGITS.len()]);
        rest /= DIGITS.len();
        if rest == 0 {
            break;
        }
    }
    digits.reverse();
    format!("${}", String::from_utf8_lossy(&digits))
}

/// The wasm with its import and export sections rewritten, and the renames made.
/// Every other section is copied byte for byte.
fn rename_in_wasm(wasm: &[u8]) -> std::result::Result<(Vec<u8>, Names), String> {
    let mut names = Names::new();
    let mut out = wasm[..8].to_vec();
    for (id, body) in sections(wasm)? {
        let body = &wasm[body];
        let body = match id {
            IMPORT_SECTION => rename_imports(body, &mut names)?,
            EXPORT_SECTION => rename_exports(body, &mut names)?,
            _ => body.to_vec(),
        };
        out.push(id);
        push_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok((out, names))
}

fn rename_imports(body: &[u8], names: &mut Names) -> std::result::Result<Vec<u8>, String> {
    let mut reader = Reader::new(body, 0);
    let count = reader.leb()?;
    let mut out = Vec::new();
    push_leb(&mut out, count);
    for _ in 0..count {
        let module = reader.name()?;
        let field = reader.name()?;
        let descriptor = import_descriptor(&mut reader)?;
        if module == GLUE_MODULE {
            let next = short_name(names.len());
            let short = names.entry(field.to_string()).or_insert(next);
            push_name(&mut out, SHORT_MODULE);
            push_name(&mut out, short);
        } else {
            push_name(&mut out, module);
            push_name(&mut out, field);
        }
        out.extend_from_slice(descriptor);
    }
    Ok(out)
}

/// The bytes of an import's kind and type, whichever kind it is.
fn import_descriptor<'a>(reader: &mut Reader<'a>) -> std::result::Result<&'a [u8], String> {
    let start = reader.at;
    match reader.byte()? {
        // A function: its type index.
        0 => {
            reader.leb()?;
        }
        // A table: element type, then limits.
        1 => {
            reader.byte()?;
            reader.limits()?;
        }
        2 => reader.limits()?,
        // A global: value type and mutability.
        3 => {
            reader.byte()?;
            reader.byte()?;
        }
        kind => return Err(format!("an import of unknown kind {kind}")),
    }
    Ok(&reader.bytes[start..reader.at])
}

fn rename_exports(body: &[u8], names: &mut Names) -> std::result::Result<Vec<u8>, String> {
    let mut reader = Reader::new(body, 0);
    let count = reader.leb()?;
    let mut out = Vec::new();
    push_leb(&mut out, count);
    for _ in 0..count {
        let name = reader.name()?;
        let start = reader.at;
        reader.byte()?;
        reader.leb()?;
        let descriptor = &body[start..reader.at];
        if GENERATED_EXPORTS
            .iter()
            .any(|prefix| name.starts_with(prefix))
        {
            if names.contains_key(name) {
                return Err(format!("`{name}` is both imported and exported"));
            }
            let short = short_name(names.len());
            names.insert(name.to_string(), short.clone());
            push_name(&mut out, &short);
        } else {
            push_name(&mut out, name);
        }
        out.extend_from_slice(descriptor);
    }
    Ok(out)
}

/// The glue with every renamed identifier replaced, whole identifiers only, and its
/// import object keyed by the short module name. Every renamed name must be in the
/// glue, and the glue must not already use a short name: either means the glue is not
/// the one wasm-bindgen wrote for this wasm.
fn rename_in_glue(glue: &str, names: &Names) -> std::result::Result<String, String> {
    let module_key = format!("\"{GLUE_MODULE}\"");
    if glue.matches(&module_key).count() != 1 {
        return Err(format!("expected {module_key} exactly once"));
    }
    let glue = glue.replacen(&module_key, &format!("\"{SHORT_MODULE}\""), 1);
    let mut out = String::with_capacity(glue.len());
    let mut seen = BTreeSet::new();
    let mut rest = glue.as_str();
    while let Some(start) = rest.find(is_identifier_char) {
        out.push_str(&rest[..start]);
        let word = &rest[start..];
        let length = word
            .find(|c: char| !is_identifier_char(c))
            .unwrap_or(word.len());
        let (identifier, after) = word.split_at(length);
        if identifier.len() > 1 && identifier.starts_with('$') {
            return Err(format!("the glue already has an identifier `{identifier}`"));
        }
        match names.get(identifier) {
            Some(short) => {
                seen.insert(identifier);
                out.push_str(short);
            }
            None => out.push_str(identifier),
        }
        rest = after;
    }
    out.push_str(rest);
    if let Some(missing) = names.keys().find(|name| !seen.contains(name.as_str())) {
        return Err(format!("`{missing}` is in the wasm but not in the glue"));
    }
    Ok(out)
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two glue functions and `env.memory`-style import from another
    /// module, exporting `memory`, `mount` and two wasm-bindgen names, with a custom
    /// section after them that must come through unchanged.
    fn module() -> Vec<u8> {
        let mut imports = Vec::new();
        push_leb(&mut imports, 3);
        for (module, field) in [
            (GLUE_MODULE, "__wbg_location_7320782274fc691b"),
            ("other", "keep_me"),
            (GLUE_MODULE, "__wbindgen_object_drop_ref"),
        ] {
            push_name(&mut imports, module);
            push_name(&mut imports, field);
            imports.extend_from_slice(&[0, 0]);
        }
        let mut exports = Vec::new();
        push_leb(&mut exports, 4);
        for (name, kind) in [
            ("memory", 2),
            ("mount", 0),
            ("__wbindgen_malloc", 0),
            ("wasm_bindgen_1234___closure_invoke", 0),
        ] {
            push_name(&mut exports, name);
            exports.extend_from_slice(&[kind, 0]);
        }
        let mut custom = Vec::new();
        push_name(&mut custom, "producers");
        custom.extend_from_slice(b"opaque \x80\x80 bytes");
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        for (id, body) in [(2u8, imports), (7, exports), (0, custom)] {
            wasm.push(id);
            push_leb(&mut wasm, body.len() as u64);
            wasm.extend_from_slice(&body);
        }
        wasm
    }

    const GLUE: &str = r#"function __wbg_get_imports() {
    const import0 = {
        __wbg_location_7320782274fc691b: function(arg0) { return getObject(arg0).location; },
        __wbindgen_object_drop_ref: function(arg0) { takeObject(arg0); },
    };
    return { "./rekindle-app_bg.js": import0 };
}
function wasm_bindgen_1234___closure_invoke(a, b) { wasm.wasm_bindgen_1234___closure_invoke(a, b); }
export function mount(el) { const p = wasm.__wbindgen_malloc(4); wasm.mount(el, p); }
const text = `failed: ${status}`; const __wbindgen_malloc_count = 1;
"#;

    fn shortened() -> (Vec<u8>, Names, String) {
        let (wasm, names) = rename_in_wasm(&module()).expect("the module is read");
        let glue = rename_in_glue(GLUE, &names).expect("the glue matches");
        (wasm, names, glue)
    }

    #[test]
    fn generated_names_become_short_in_both_files_and_ours_stay() {
        let (wasm, names, glue) = shortened();
        assert_eq!(names.len(), 4, "{names:?}");
        for old in names.keys() {
            assert!(!glue.contains(&format!("{old}:")), "{old} left in\n{glue}");
            assert!(!glue.contains(&format!(".{old}(")), "{old} left in\n{glue}");
        }
        assert!(glue.contains(r#"{ "a": import0 }"#), "{glue}");
        assert!(glue.contains("wasm.mount(el, p)"), "{glue}");
        assert!(glue.contains("export function mount"), "{glue}");
        // Whole identifiers only: a longer name that starts the same is left alone.
        assert!(glue.contains("__wbindgen_malloc_count"), "{glue}");
        assert!(glue.contains("${status}"), "{glue}");
        let short = names["__wbindgen_malloc"].as_str();
        assert!(glue.contains(&format!("wasm.{short}(4)")), "{glue}");
        let text = String::from_utf8_lossy(&wasm);
        for kept in [
            "memory",
            "mount",
            "other",
            "keep_me",
            "opaque \u{fffd}\u{fffd} bytes",
        ] {
            assert!(text.contains(kept), "{kept} lost");
        }
        assert!(!text.contains("__wbg_"), "{text}");
        assert!(!text.contains(GLUE_MODULE));
        assert!(wasm.len() < module().len());
    }

    #[test]
    fn the_same_module_is_shortened_the_same_way() {
        assert_eq!(shortened(), shortened());
    }

    #[test]
    fn a_shortened_module_reads_back_with_the_same_sections() {
        let (wasm, names, _) = shortened();
        // Read again: the section sizes written are the sizes of what follows them.
        let (again, more) = rename_in_wasm(&wasm).expect("the output is a module");
        assert!(more.is_empty(), "nothing left to shorten: {more:?}");
        assert_eq!(again, wasm);
        assert_eq!(names.values().collect::<BTreeSet<_>>().len(), names.len());
    }

    #[test]
    fn a_glue_that_does_not_match_the_wasm_is_refused() {
        let (_, names, _) = shortened();
        let other = GLUE.replace("__wbindgen_object_drop_ref", "__wbindgen_object_gone");
        let error = rename_in_glue(&other, &names).expect_err("a name is missing");
        assert!(error.contains("__wbindgen_object_drop_ref"), "{error}");
        let taken = format!("{GLUE}const $0 = 1;");
        assert!(rename_in_glue(&taken, &names).is_err());
        let no_module = GLUE.replace(GLUE_MODULE, "./elsewhere.js");
        assert!(rename_in_glue(&no_module, &names).is_err());
    }

    #[test]
    fn damaged_modules_give_reasons_not_panics() {
        assert!(rename_in_wasm(b"not wasm").is_err());
        let mut cut = module();
        cut.truncate(cut.len() - 5);
        assert!(rename_in_wasm(&cut).is_err());
    }

    #[test]
    fn short_names_count_up_in_base_62() {
        let names: Vec<String> = [0, 9, 10, 61, 62, 63].map(short_name).to_vec();
        assert_eq!(names, ["$0", "$9", "$a", "$Z", "$10", "$11"]);
    }
}
