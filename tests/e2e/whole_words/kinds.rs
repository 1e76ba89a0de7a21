//! The walk through a grid, a consent round and a poll, as a meeting fills them: every
//! item placed (some on the same spot, so names would overlap), typed items and long notes,
//! the overview; every round of a consent round with questions, reasons, an amendment and
//! the decision; a poll answered, revealed and a statement added.

use crossterm::event::KeyCode;
use samenspel::core::scenario::StepKind;

use super::{App, CARDS, Inspector, NOTE, key, keys};

/// A long proposal, as a facilitator types it.
pub(super) const PROPOSAL: &str = "We vormen een projectteam waarin elke partij als gelijkwaardige partner aan tafel zit; het team komt elke zes weken bij elkaar, in het wijkcentrum of bij de woningcorporatie, en besluit bij consent";

/// What an amendment adds to it.
pub(super) const AMENDMENT: &str = " en om de drie maanden bij vrijwilligers thuis";

/// Walks the step on screen if it is a grid, a consent round or a poll; false otherwise.
pub(super) fn walk_kind(app: &mut App, look: &mut Inspector, name: &str, kind: &StepKind) -> bool {
    if let Some(grid) = kind.grid() {
        walk_grid(app, look, name, grid.x.points.min(9), grid.y.points.min(9));
    } else if kind.consent().is_some() {
        walk_consent(app, look, name);
    } else if let Some(poll) = kind.poll() {
        walk_poll(app, look, name, poll.counts_only);
    } else {
        return false;
    }
    true
}

fn walk_grid(app: &mut App, look: &mut Inspector, name: &str, px: u8, py: u8) {
    // Two typed items with long names, then every item placed: several on one spot.
    keys(app, &format!("a{}\n", CARDS[0]));
    keys(app, &format!("a{}\n", CARDS[3]));
    look.look(app, &format!("{name}: items typed"));
    for i in 0..12u8 {
        let (x, y) = (1 + (i % 3) % px, py - (i % 2) % py);
        key(app, KeyCode::Tab);
        keys(app, &format!("{x}{y}"));
    }
    look.look(app, &format!("{name}: items placed"));
    keys(app, &format!("e{NOTE}\n"));
    look.look(app, &format!("{name}: a long note"));
    key(app, KeyCode::Right);
    key(app, KeyCode::Up);
    look.look(app, &format!("{name}: moved with the arrows"));
    keys(app, "x");
    look.look(app, &format!("{name}: one off the field"));
    keys(app, "A");
    look.look(app, &format!("{name}: the overview"));
    keys(app, "A");
    keys(app, "d");
    look.look(app, &format!("{name}: delete an item?"));
    keys(app, "n");
}

fn walk_consent(app: &mut App, look: &mut Inspector, name: &str) {
    keys(app, &format!("w{PROPOSAL}\n"));
    look.look(app, &format!("{name}: the proposal"));
    // Questions: one per member, the first long.
    keys(app, &format!("\n{}\n", CARDS[0]));
    key(app, KeyCode::Down);
    keys(app, &format!("\n{}\n", CARDS[5]));
    look.look(app, &format!("{name}: questions"));
    key(app, KeyCode::Right);
    key(app, KeyCode::Home);
    keys(app, &format!("\n{}\n", CARDS[4]));
    look.look(app, &format!("{name}: reactions"));
    key(app, KeyCode::Right);
    key(app, KeyCode::Home);
    for _ in 0..8 {
        key(app, KeyCode::Up);
    }
    keys(app, "1");
    keys(app, "3");
    look.look(app, &format!("{name}: an objection's reason asked"));
    keys(app, &format!("{NOTE}\n"));
    key(app, KeyCode::Down);
    keys(app, &format!("2{}\n", CARDS[6]));
    key(app, KeyCode::Down);
    keys(app, "4");
    look.look(app, &format!("{name}: positions and an open objection"));
    keys(app, "b");
    look.look(app, &format!("{name}: a decision refused"));
    keys(app, "w");
    key(app, KeyCode::End);
    look.before_overlay(app);
    keys(app, &format!("{AMENDMENT}\n"));
    look.overlay(app, &format!("{name}: which objection it resolves"));
    keys(app, "1");
    look.look(app, &format!("{name}: amended"));
    key(app, KeyCode::Right);
    for _ in 0..8 {
        keys(app, "1");
    }
    keys(app, "b");
    look.look(app, &format!("{name}: decided"));
}

fn walk_poll(app: &mut App, look: &mut Inspector, name: &str, counts_only: bool) {
    if counts_only {
        keys(app, "1112321");
    } else {
        for d in "1232143".chars() {
            keys(app, &d.to_string());
        }
    }
    look.look(app, &format!("{name}: answered, hidden"));
    keys(app, "r");
    look.look(app, &format!("{name}: revealed"));
    keys(app, &format!("a{}\n", CARDS[2]));
    key(app, KeyCode::End);
    keys(app, "12");
    keys(app, "r");
    look.look(app, &format!("{name}: a statement added and revealed"));
    keys(app, "d");
    look.look(app, &format!("{name}: delete a statement?"));
    keys(app, "n");
}
