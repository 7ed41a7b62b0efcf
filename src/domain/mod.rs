//! The pure domain: assessment, scoring and tracker. Knows nothing of the browser or Yew.
