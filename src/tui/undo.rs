//! Undo and redo on every step kind: an undo is itself an event in the log (so replay shows
//! it), and a short, calm notice says what was undone, in the words a replay uses.

use crate::core::describe::{label, label_undone};
use crate::core::touch::touched;
use crate::core::{Change, Lang, SessionState};

/// The undo (or, with `redo`, the redo) of the last change, on whatever step it was made,
/// and what the status line says once it is done; what to say calmly when there is
/// nothing to undo or redo.
pub fn prepare(state: &SessionState, redo: bool, lang: Lang) -> Result<(Change, String), String> {
    let next = if redo {
        state.next_redo()
    } else {
        state.next_undo()
    };
    let Some(first) = next.and_then(|c| c.first()) else {
        return Err(if redo {
            lang.pick("niets om opnieuw te doen", "nothing to redo")
        } else {
            lang.pick("niets om ongedaan te maken", "nothing to undo")
        }
        .to_string());
    };
    // The same words as a replay of this undo or redo.
    let what = if redo {
        label(first, lang)
    } else {
        label_undone(first, lang)
    };
    let change = if redo { Change::Redo } else { Change::Undo };
    let verb = label(&change, lang);
    let scenario = &state.scenario;
    // "(Akte 1)": short, so the notice fits the status line at 80 columns.
    let word = scenario
        .step_name
        .as_ref()
        .map(|t| super::text::clean(t.get(lang)).into_owned())
        .unwrap_or_else(|| lang.pick("Stap", "Step").to_string());
    let elsewhere = touched(first)
        .step
        .and_then(|id| scenario.step_index(id))
        .filter(|i| *i != state.current)
        .map(|i| match super::view::step_number(scenario, i) {
            Some(n) => format!(" ({word} {n})"),
            None => format!(" ({})", lang.pick("Terugblik", "Review")),
        })
        .unwrap_or_default();
    Ok((change, format!("{verb}: {what}{elsewhere}")))
}
