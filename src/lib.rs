//! samenspel: a terminal companion for facilitators of Communities of Practice in the
//! Dutch heat transition. The layers, bottom up: `core` (the pure domain), `store`
//! (files), `report` (what is shared), `room` (phones joining through the laptop, beside
//! the screens), `tui` (the screens); the command line (src/cli) sits on top.
//! ARCHITECTURE.md says what goes where.

pub mod core;
pub mod report;
pub mod room;
pub mod store;
pub mod tui;
