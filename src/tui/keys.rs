//! Key tables: each screen, panel and kind of step has one, and it is the only place its
//! keys are written down. A table resolves a key to an [`Action`] and lists the keys for
//! the help overlay (and the README's key map, which a test holds to them), so the two
//! cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key a binding answers to. Keys without Ctrl only answer without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A character (Shift is part of the character: `J`, `<`).
    Char(char),
    /// Ctrl and a letter.
    Ctrl(char),
    /// A key that is not a character (arrows, Enter, Esc, PgDn, ...).
    Code(KeyCode),
    /// Any digit from the first to the second.
    Digits(char, char),
}

/// What a key of a binding does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Does {
    /// This action.
    Act(Action),
    /// [`Action::Digit`] with the digit typed (for [`Key::Digits`]).
    Digit,
}

/// One row of a key table: the keys and what each does, and the line of the help
/// overlay (how the keys are written, what they do in Dutch and English). A row with an
/// empty `label` is not listed (a second key for the same thing); a row without keys only
/// explains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The keys and their actions.
    pub keys: &'static [(Key, Does)],
    /// The keys as the help overlay writes them (`"e Enter"`); empty: not listed.
    pub label: &'static str,
    /// What they do, in Dutch.
    pub nl: &'static str,
    /// What they do, in English.
    pub en: &'static str,
}

/// The keys of one screen, panel or kind of step, with its heading in the help overlay.
#[derive(Debug, PartialEq, Eq)]
pub struct KeyTable {
    /// Heading in Dutch.
    pub nl: &'static str,
    /// Heading in English.
    pub en: &'static str,
    /// The rows.
    pub bindings: &'static [Binding],
}

/// A row of a key table: `bind!("e Enter", "bewerken", "edit", [keys...])`. (A macro,
/// so that the rows can live in a `static`.)
macro_rules! bind {
    ($label:expr, $nl:expr, $en:expr, [$($key:expr),* $(,)?] $(,)?) => {
        $crate::tui::keys::Binding {
            keys: &[$($key),*],
            label: $label,
            nl: $nl,
            en: $en,
        }
    };
    ($label:expr, $nl:expr, $en:expr, $keys:expr $(,)?) => {
        $crate::tui::keys::Binding {
            keys: $keys,
            label: $label,
            nl: $nl,
            en: $en,
        }
    };
}

/// A row that is not listed in the help: other keys for something listed.
macro_rules! also {
    ([$($key:expr),* $(,)?] $(,)?) => {
        $crate::tui::keys::Binding {
            keys: &[$($key),*],
            label: "",
            nl: "",
            en: "",
        }
    };
}

/// A key table: `table!("Bord", "Board", [rows...])`.
macro_rules! table {
    ($nl:expr, $en:expr, [$($row:expr),* $(,)?] $(,)?) => {
        $crate::tui::keys::KeyTable {
            nl: $nl,
            en: $en,
            bindings: &[$($row),*],
        }
    };
}

pub(crate) use {also, bind, table};

/// A character key.
pub const fn ch(c: char, action: Action) -> (Key, Does) {
    (Key::Char(c), Does::Act(action))
}

/// A key that is not a character.
pub const fn code(k: KeyCode, action: Action) -> (Key, Does) {
    (Key::Code(k), Does::Act(action))
}

/// Ctrl and a letter.
pub const fn ctrl(c: char, action: Action) -> (Key, Does) {
    (Key::Ctrl(c), Does::Act(action))
}

/// The digits from `from` to `to`.
pub const fn digits(from: char, to: char) -> (Key, Does) {
    (Key::Digits(from, to), Does::Digit)
}

/// ↑ ↓ in a list, also as k j (as in vi).
pub const UP_DOWN: &[(Key, Does)] = &[
    code(KeyCode::Up, Action::Up),
    ch('k', Action::Up),
    code(KeyCode::Down, Action::Down),
    ch('j', Action::Down),
];

/// The arrows ↑ ↓ alone (where k and j mean something else).
pub const ARROWS_UP_DOWN: &[(Key, Does)] = &[
    code(KeyCode::Up, Action::Up),
    code(KeyCode::Down, Action::Down),
];

/// Home and End: the first and the last of a list.
pub const HOME_END: &[(Key, Does)] = &[
    code(KeyCode::Home, Action::First),
    code(KeyCode::End, Action::Last),
];

/// e and Enter: edit what is selected.
pub const EDIT: &[(Key, Does)] = &[ch('e', Action::Edit), code(KeyCode::Enter, Action::Edit)];

impl Key {
    /// The digit this key reads from `key` (`None` when it does not answer to it).
    fn answers(self, key: &KeyEvent) -> Option<u8> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match (self, key.code) {
            (Key::Ctrl(c), KeyCode::Char(k)) if ctrl && c == k => Some(0),
            (Key::Char(c), KeyCode::Char(k)) if !ctrl && c == k => Some(0),
            (Key::Code(c), k) if !ctrl && c == k => Some(0),
            (Key::Digits(from, to), KeyCode::Char(k)) if !ctrl && (from..=to).contains(&k) => {
                u8::try_from(u32::from(k) - u32::from('0')).ok()
            }
            _ => None,
        }
    }
}

impl KeyTable {
    /// The action of `key` in this table, if it has one.
    pub fn resolve(&self, key: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .flat_map(|b| b.keys.iter())
            .find_map(|(k, does)| {
                let digit = k.answers(key)?;
                Some(match does {
                    Does::Act(action) => action.clone(),
                    Does::Digit => Action::Digit(digit),
                })
            })
    }

    /// The rows the help overlay lists.
    pub fn shown(&self) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(|b| !b.label.is_empty())
    }
}

/// The first action of `key` in `tables`, in order.
pub fn resolve(tables: &[&KeyTable], key: &KeyEvent) -> Option<Action> {
    tables.iter().find_map(|t| t.resolve(key))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    /// A key pressed, as the terminal sends it.
    pub(crate) fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    static TABLE: KeyTable = table!(
        "Proef",
        "Test",
        [
            bind!("u", "ongedaan", "undo", [ch('u', Action::Undo)]),
            bind!("Ctrl-r", "opnieuw", "redo", [ctrl('r', Action::Redo)]),
            bind!("0-9", "cijfer", "digit", [digits('0', '9')]),
            also!([code(KeyCode::Esc, Action::Back)]),
        ],
    );

    #[test]
    fn a_table_resolves_its_keys_and_lists_its_rows() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            TABLE.resolve(&key(KeyCode::Char('u'), none)),
            Some(Action::Undo)
        );
        assert_eq!(
            TABLE.resolve(&key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        // A plain key does not answer with Ctrl held, nor Ctrl-r without it.
        assert_eq!(
            TABLE.resolve(&key(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            None
        );
        assert_eq!(TABLE.resolve(&key(KeyCode::Char('r'), none)), None);
        assert_eq!(
            TABLE.resolve(&key(KeyCode::Char('7'), none)),
            Some(Action::Digit(7))
        );
        assert_eq!(TABLE.resolve(&key(KeyCode::Esc, none)), Some(Action::Back));
        let listed: Vec<&str> = TABLE.shown().map(|b| b.label).collect();
        assert_eq!(listed, ["u", "Ctrl-r", "0-9"]);
    }
}
