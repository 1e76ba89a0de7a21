//! Every end-to-end test in one binary, so the crate links once: the real samenspel in a
//! pseudo-terminal, the files it writes read back, and the tools its users open them with.
//! One module per story; the support modules come first.
// A measuring or testing tool: a failure should stop it loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::string_slice
)]

mod common;
mod example;
mod hostile_support;
mod json_schema;
mod webdriver;

mod aggregate;
mod aggregate_formats;
mod basics;
mod beamer;
mod board;
mod command_line;
mod conflict;
mod data_right;
mod durability;
mod export_kinds;
mod exports;
mod frames;
mod full_disk;
mod handout;
mod handout_typed;
mod hostile;
mod hostile_fuzz;
mod hostile_mutations;
mod idle;
mod invisible;
mod journal;
mod kill;
mod layers;
mod lock;
mod markdown_readers;
mod matrix;
mod meeting_keys;
mod merge_consent;
mod merge_kinds;
mod merging;
mod new_scenarios;
mod phone;
mod phone_kinds;
mod render_escapes;
mod replay;
mod report_pages;
mod reports_right;
mod room;
mod room_phones;
mod schema;
mod screens;
mod signals;
mod special_files;
mod symlinks;
mod undo_restart;
mod validation;
mod whole_words;
mod zwolse_komedie;
