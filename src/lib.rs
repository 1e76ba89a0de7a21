//! samenspel: a terminal companion for facilitators of Communities of Practice in the
//! Dutch heat transition. Three layers: `core` (pure domain), `store` (files), `tui`.

pub mod core;
pub mod export;
pub mod generate;
pub mod store;
pub mod tui;
