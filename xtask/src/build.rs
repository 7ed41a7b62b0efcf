//! The release build: Trunk with wasm-opt, then the size report.

use crate::run::checked;
use crate::setup::Tools;
use crate::{root, size, step, Result};

pub fn release(tools: &Tools) -> Result {
    step("Building a release into dist/ (trunk build --release --offline)");
    checked(
        tools.trunk().args(["build", "--release", "--offline"]),
        "the release build failed; read the compiler's message above, fix it and re-run",
    )?;
    size::report(&root().join("dist"))
}
