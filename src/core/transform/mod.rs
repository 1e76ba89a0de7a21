//! Pure transforms of whole sessions: merging breakout groups into one session and
//! anonymising a session before it is shared. Sessions in, sessions out; no files.

pub mod anonymize;
pub mod merge;
mod merge_exercises;
mod merge_placement;
mod merge_steps;
pub mod names;
