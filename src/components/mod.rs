//! View components: props in, callbacks out, no storage access.

pub mod welcome;
