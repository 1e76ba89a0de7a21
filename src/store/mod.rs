//! Files: reading and validating scenarios and sessions, atomic saves, the data folder.

pub mod atomic;
pub mod builtin;
pub mod catalog;
pub mod channel;
pub mod config;
pub mod conflict;
pub mod counted;
pub mod error;
pub mod journal;
mod lines;
pub mod load;
pub mod lock;
pub mod migrate;
pub mod mirror;
pub mod on_disk;
pub mod paths;
pub mod regular;
mod saving;
pub mod schema;
pub mod series;
pub mod session_bytes;
pub mod session_file;
pub mod shape;
mod stream;
pub mod watch;
pub mod writer;
pub mod zone;

pub use error::FileError;
pub use load::{load_scenario, load_session, parse_scenario, parse_session};
pub use session_file::{SessionFile, lock_for_open};
pub use watch::{Seen, SessionWatcher};
pub use writer::{SaveError, SaveStatus, Writer, try_session_json};
