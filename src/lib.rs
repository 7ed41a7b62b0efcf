//! Rekindle: a private self-assessment and 16-step tracker that runs entirely in the browser.
//!
//! `domain` is pure Rust (no browser, no Yew); everything else adapts it to the page.

pub mod app;
pub mod browser;
pub mod components;
pub mod content;
pub mod domain;
pub mod embed;
pub mod embed_links;
pub mod embed_options;
pub mod hooks;
pub mod i18n;
pub mod share_crypto;
pub mod state;
pub mod storage;

/// The build-time CSS minifier, compiled here only to be tested.
#[cfg(test)]
#[path = "../build/minify_css.rs"]
mod minify_css;

pub use app::App;
