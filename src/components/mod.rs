//! View components: props in, callbacks out, no storage access. One view per file.

pub mod clicks;
pub mod nav;
pub mod no_contact;
pub mod plan;
pub mod question;
pub mod quick_exit;
pub mod result;
pub mod review;
pub mod share_panel;
pub mod shared_result;
pub mod step_detail;
pub mod storage_notice;
pub mod switch_back;
pub mod templates;
pub mod welcome;
pub mod your_data;
