//! Undo and redo on every step kind: an undo is itself an event in the log (so replay shows
//! it), and a short, calm notice says what was undone.

use jiff::Timestamp;

use super::workspace::Workspace;
use crate::core::describe::{label, label_undone};
use crate::core::touch::touched;
use crate::core::{Change, Lang};

/// Undoes (or, with `redo`, redoes) the last change, on whatever step it was made, and
/// says so in the status line. Nothing to undo is said calmly too.
pub fn undo(ws: &mut Workspace, redo: bool, now: Timestamp, lang: Lang) {
    let state = &ws.live.state;
    let next = if redo {
        state.next_redo()
    } else {
        state.next_undo()
    };
    let Some(first) = next.and_then(|c| c.first()).cloned() else {
        ws.info = Some(
            if redo {
                lang.pick("niets om opnieuw te doen", "nothing to redo")
            } else {
                lang.pick("niets om ongedaan te maken", "nothing to undo")
            }
            .to_string(),
        );
        return;
    };
    // The same words as a replay of this undo or redo.
    let what = if redo {
        label(&first, lang)
    } else {
        label_undone(&first, lang)
    };
    let scenario = state.scenario.clone();
    let current = state.current;
    let change = if redo { Change::Redo } else { Change::Undo };
    let verb = label(&change, lang);
    if !ws.record(change, now, lang) {
        return;
    }
    // "(Akte 1)": short, so the notice fits the status line at 80 columns.
    let word = scenario
        .step_name
        .as_ref()
        .map(|t| super::text::clean(t.get(lang)).into_owned())
        .unwrap_or_else(|| lang.pick("Stap", "Step").to_string());
    let touch = touched(&first);
    let elsewhere = touch
        .step
        .and_then(|id| scenario.step_index(id))
        .filter(|i| *i != current)
        .map(|i| match super::view::step_number(&scenario, i) {
            Some(n) => format!(" ({word} {n})"),
            None => format!(" ({})", lang.pick("Terugblik", "Review")),
        })
        .unwrap_or_default();
    ws.info = Some(format!("{verb}: {what}{elsewhere}"));
    if let Some(card) = touch.card {
        super::board::focus_card(ws, card);
    }
}
