//! The shell's jobs, one custom hook each, so `app.rs` reads as a list of hooks and one
//! `match` over views. Only the shell calls them; with it, they are the only code that
//! touches storage, the address bar, downloads and the clipboard.

pub mod use_clipboard;
pub mod use_export;
pub mod use_import;
pub mod use_incoming_link;
pub mod use_language;
pub mod use_persistence;
pub mod use_result_event;
pub mod use_saved_state;
pub mod use_share;

pub use use_clipboard::use_clipboard;
pub use use_export::{use_export, Export};
pub use use_import::{use_import, Import};
pub use use_incoming_link::{use_incoming_link, IncomingLink};
pub use use_language::{use_language, Language};
pub use use_persistence::use_persistence;
pub use use_result_event::use_result_event;
pub use use_saved_state::{use_saved_state, SavedState};
pub use use_share::use_share;
