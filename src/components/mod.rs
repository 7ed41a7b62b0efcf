//! View components: props in, callbacks out, no storage access. One view per file.

pub mod no_contact;
pub mod plan;
pub mod question;
pub mod result;
pub mod review;
pub mod step_detail;
pub mod templates;
pub mod welcome;
