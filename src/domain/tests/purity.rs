//! The domain must stay free of browser and UI crates so it runs in plain `cargo test`
//! and can be reused anywhere.

use std::path::Path;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_domain_imports_no_browser_or_ui_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() >= 8,
        "expected the domain sources, found {files:?}"
    );
    // Assembled at run time so this file does not trip its own check.
    let forbidden: Vec<String> = [
        ["ye", "w"],
        ["web", "_sys"],
        ["gl", "oo"],
        ["wasm", "_bindgen"],
        ["js", "_sys"],
    ]
    .iter()
    .map(|p| p.concat())
    .collect();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for name in &forbidden {
            let uses = [
                format!("use {name}"),
                format!("{name}::"),
                format!("extern crate {name}"),
            ];
            assert!(
                !uses.iter().any(|pattern| text.contains(pattern.as_str())),
                "{} refers to the {name} crate",
                file.display()
            );
        }
    }
}
