//! Undo and redo on every step kind: an undo is itself an event in the log (so replay shows
//! it), and a short, calm notice says what was undone, in the words a replay uses.
//!
//! There is one history for the whole session, last change first: undoing in any other
//! order could undo a card whose ratings or dots came later, or an endorsement by someone
//! whose removal came later. So `u` acts on the step on screen when the last change was
//! made there; when it was made on another step, that step is shown first and the
//! facilitator is asked (the room sees what is about to be undone before it goes).

use crate::core::describe::{label, label_undone};
use crate::core::touch::touched;
use crate::core::{Change, Lang, SessionState};

/// An undo or redo, ready to record.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// `Change::Undo` or `Change::Redo`.
    pub change: Change,
    /// What the status line says once it is done.
    pub said: String,
    /// The step it acts on, when that is not the step on screen.
    pub elsewhere: Option<usize>,
    /// What it does, in a few words ("afspraak toegevoegd").
    pub what: String,
}

/// The undo (or, with `redo`, the redo) of the last change, and what to say about it;
/// what to say calmly when there is nothing to undo or redo.
pub fn prepare(state: &SessionState, redo: bool, lang: Lang) -> Result<Prepared, String> {
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
    // The same words as a replay of this undo or redo. The undo history holds the
    // inverse, whose last change reverts the first change that was made.
    let what = if redo {
        label(first, lang)
    } else {
        next.and_then(|c| c.last())
            .map_or(label_undone(first, lang), |c| label_undone(c, lang))
    };
    let change = if redo { Change::Redo } else { Change::Undo };
    let verb = label(&change, lang);
    let scenario = &state.scenario;
    let elsewhere = touched(first)
        .step
        .and_then(|id| scenario.step_index(id))
        .filter(|i| *i != state.current);
    // "(Akte 4)": short, so the notice fits the status line at 80 columns.
    let place = elsewhere
        .map(|i| format!(" ({})", step_name(state, i, lang)))
        .unwrap_or_default();
    Ok(Prepared {
        change,
        said: format!("{verb}: {what}{place}"),
        elsewhere,
        what: what.to_string(),
    })
}

/// "Akte 4", "Stap 2" or "Terugblik": how the status line names step `index`.
pub fn step_name(state: &SessionState, index: usize, lang: Lang) -> String {
    let scenario = &state.scenario;
    let word = scenario
        .step_name
        .as_ref()
        .map(|t| super::text::clean(t.get(lang)).into_owned())
        .unwrap_or_else(|| lang.pick("Stap", "Step").to_string());
    match super::view::step_number(scenario, index) {
        Some(n) => format!("{word} {n}"),
        None => lang.pick("Terugblik", "Review").to_string(),
    }
}

/// The question asked on the step an undo (or redo) belongs to.
pub fn question(prepared: &Prepared, state: &SessionState, redo: bool, lang: Lang) -> String {
    let here = step_name(state, state.current, lang);
    let what = &prepared.what;
    match (lang, redo) {
        (Lang::Nl, false) => {
            format!("Dit was de laatste wijziging ({here}): {what}. Ongedaan maken? j/n")
        }
        (Lang::Nl, true) => format!("Opnieuw doen ({here}): {what}? j/n"),
        (Lang::En, false) => format!("This was the last change ({here}): {what}. Undo it? y/n"),
        (Lang::En, true) => format!("Redo ({here}): {what}? y/n"),
    }
}
