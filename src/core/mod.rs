//! The domain, pure: scenarios, sessions, events and the reducer that folds them.
//! No terminal, no files, no clock: time comes in with each event.

mod actions;
pub mod agenda;
pub mod analysis;
pub mod board_import;
pub mod clean;
pub mod commitment;
pub mod consent;
pub mod dates;
pub mod describe;
pub mod endorser;
pub mod error;
pub mod event;
mod event_de;
#[doc(hidden)]
pub mod fixture;
pub mod fold;
#[doc(hidden)]
pub mod generate;
pub mod grid;
#[cfg(test)]
mod group_tests;
pub mod history;
pub mod influence;
#[cfg(test)]
pub(crate) mod kinds_testing;
mod lookup;
pub mod matrix;
pub mod outline;
pub mod party;
pub mod poll;
pub mod position;
pub mod programme;
pub mod reducer;
mod reducer_cells;
#[cfg(test)]
mod reducer_fold_tests;
#[cfg(test)]
mod reducer_tests;
pub mod replay;
pub mod room;
pub mod scenario;
pub mod series;
pub mod session;
pub mod state;
pub mod tally;
pub mod text;
pub mod timebox;
pub mod touch;
pub mod transform;
pub mod validate;
pub mod when;

pub use endorser::Endorser;
pub use error::{Problem, ReduceError};
pub use event::{Change, Event};
pub use party::Party;
pub use scenario::{Scenario, Step, StepKind};
pub use session::{Live, Session};
pub use state::{SessionState, StepState};
pub use text::{Lang, Text};
