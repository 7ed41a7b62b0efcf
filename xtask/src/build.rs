//! The release build: Trunk with wasm-opt, the offline files, then the size report.

use crate::run::checked;
use crate::setup::Tools;
use crate::{offline, root, size, step, Result};

pub fn release(tools: &Tools) -> Result {
    step("Building a release into dist/ (trunk build --release --offline)");
    checked(
        tools.trunk().args(["build", "--release", "--offline"]),
        "the release build failed; read the compiler's message above, fix it and re-run",
    )?;
    let dist = root().join("dist");
    offline::generate(&dist)?;
    size::report(&dist)
}
