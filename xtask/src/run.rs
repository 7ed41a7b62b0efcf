//! Running other programs, with failures turned into one clear line.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{Failure, Result};

/// Runs `command` with its output shown; `on_failure` says what to do if it fails.
pub fn checked(command: &mut Command, on_failure: &str) -> Result {
    let started = Instant::now();
    let shown = describe(command);
    let status = command
        .status()
        .map_err(|e| Failure::new(format!("could not start `{shown}` ({e}); {on_failure}")))?;
    if status.success() {
        println!("    ({shown}: {:.1} s)", started.elapsed().as_secs_f64());
        Ok(())
    } else {
        Err(Failure::new(format!(
            "`{shown}` failed ({status}); {on_failure}"
        )))
    }
}

/// Runs `command` quietly and returns its trimmed standard output, or None if it
/// could not start or failed.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// True when `program` can be found and started.
pub fn exists(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

pub fn file_exists(path: &str) -> bool {
    Path::new(path).exists()
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
