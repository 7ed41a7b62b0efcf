//! Content files, pulled in at compile time and parsed into domain types.
