//! Reading and writing build output, each failure a plain message: shared by the offline
//! step, the release and the size report.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Failure, Result};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| {
        Failure::new(format!(
            "cannot read {} ({e}); re-run `cargo xtask build`",
            path.display()
        ))
    })
}

pub fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| {
        Failure::new(format!(
            "cannot read {} ({e}); restore it from git or re-run `cargo xtask build`",
            path.display()
        ))
    })
}

pub fn write(path: &Path, bytes: &[u8]) -> Result {
    fs::write(path, bytes)
        .map_err(|e| Failure::new(format!("cannot write {} ({e})", path.display())))
}

/// Every file under `base`, as (path relative to `base` with `/` separators, full path),
/// in no particular order. A file or folder whose relative path is in `skip` is left
/// out, with everything in it.
pub fn files_under(base: &Path, skip: &[&str]) -> Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    walk(base, base, skip, &mut found)?;
    Ok(found)
}

fn walk(base: &Path, dir: &Path, skip: &[&str], into: &mut Vec<(String, PathBuf)>) -> Result {
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot list {} ({e})", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(relative) = path.strip_prefix(base) else {
            continue;
        };
        let relative = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if skip.contains(&relative.as_str()) {
            continue;
        }
        if path.is_dir() {
            walk(base, &path, skip, into)?;
        } else {
            into.push((relative, path));
        }
    }
    Ok(())
}
