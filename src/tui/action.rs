//! Keys resolve to actions; the key map depends only on the screen, its mode and the kind
//! of step. Each context has its own key table and its own list for the help overlay, so a
//! new step kind or panel adds one function and one list here.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::StepKind;

/// Everything a key (or a mouse event) can ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave the app (or the overlay).
    Quit,
    /// Show or hide the key list.
    Help,
    /// Selection up.
    Up,
    /// Selection down.
    Down,
    /// Previous lane.
    Left,
    /// Next lane.
    Right,
    /// Next step.
    NextStep,
    /// Previous step.
    PrevStep,
    /// Add a card to the current lane.
    Add,
    /// Edit the selected card (or open the selected item on the home screen).
    Edit,
    /// Ask to delete the selected card.
    Delete,
    /// Answer to a yes/no question.
    Confirm(bool),
    /// Show or hide the facilitator notes.
    ToggleNotes,
    /// Open the selected item (home screen).
    Open,
    /// Close an overlay or cancel.
    Back,
    /// A key for the text editor.
    EditorKey(KeyEvent),
    /// Save the editor's text.
    EditorSave,
    /// Close the editor without saving.
    EditorCancel,
    /// Text pasted into the terminal.
    Paste(String),
    /// Write the reports beside the session file.
    Export,
    /// Undo the last content change (any step).
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Move the selected card to the previous lane.
    MoveLeft,
    /// Move the selected card to the next lane.
    MoveRight,
    /// Move the selected card up within its lane.
    MoveUp,
    /// Move the selected card down within its lane.
    MoveDown,
    /// Mark or unmark the selected card (for grouping).
    ToggleMark,
    /// Name a theme for the marked cards (or the selected card's theme).
    Group,
    /// Take the marked cards (or the selected card) out of their theme.
    Ungroup,
    /// Choose the party that said the selected card.
    Tag,
    /// Show the selected card alone, very large.
    Spotlight,
    /// A digit typed (choices in a list, a matrix cell's value).
    Digit(u8),
    /// Space: toggle the selected item (presence, an endorsement) or open its list.
    Toggle,
    /// `+`: a dot on the selected card; a matrix cell one higher.
    Increase,
    /// `-`: a dot off the selected card; a matrix cell one lower.
    Decrease,
    /// Show or hide the results of a vote.
    Reveal,
    /// Set the number of voters of a vote.
    Voters,
    /// Start or pause the step's timer.
    TimerToggle,
    /// Set the minutes of the step's time box.
    TimerSet,
    /// Open or close the participants panel.
    Participants,
    /// Clear the selected cell's value (`x`).
    Clear,
    /// Show or hide the analysis of a matrix step (`A`).
    ToggleAnalysis,
    /// A mouse click at a screen cell.
    Click {
        /// Column of the cell.
        column: u16,
        /// Row of the cell.
        row: u16,
    },
    /// A key of the replay screen.
    Replay(super::replay::ReplayKey),
}

/// The kind of step on screen, as far as keys are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKey {
    /// A board of cards.
    Board,
    /// A matrix.
    Matrix,
    /// A dot vote.
    Vote,
    /// An agreement.
    Agreement,
    /// A review of the previous meeting.
    Review,
}

impl StepKey {
    /// The key kind of a step kind.
    pub fn of(kind: &StepKind) -> StepKey {
        match kind {
            StepKind::Board(_) => StepKey::Board,
            StepKind::Matrix(_) => StepKey::Matrix,
            StepKind::Vote(_) => StepKey::Vote,
            StepKind::Agreement(_) => StepKey::Agreement,
            StepKind::Review(_) => StepKey::Review,
        }
    }
}

/// Where keys go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyContext {
    /// The home screen.
    Home,
    /// A step, moving around.
    Step(StepKey),
    /// A text editor is open.
    Editing,
    /// A yes/no question is open.
    Confirm,
    /// A list to choose from is open (e.g. the party of a card).
    Picker,
    /// One card shown alone, very large.
    Spotlight,
    /// The participants panel is open.
    Participants,
    /// The list of who endorses an item of an agreement is open.
    Endorse,
    /// The help overlay is open.
    Help,
    /// The error screen.
    Error,
    /// Replaying a session.
    Replay,
    /// Following a session edited elsewhere.
    Follow,
}

/// The action of a key in a context; none for keys that do nothing there.
pub fn resolve(context: KeyContext, key: KeyEvent) -> Option<Action> {
    use KeyCode::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == Char('c') && context != KeyContext::Editing {
        return Some(Action::Quit);
    }
    match context {
        KeyContext::Editing => Some(match key.code {
            Enter => Action::EditorSave,
            Esc => Action::EditorCancel,
            _ => Action::EditorKey(key),
        }),
        KeyContext::Confirm => match key.code {
            Char('y') | Char('j') | Char('Y') | Char('J') => Some(Action::Confirm(true)),
            Char('n') | Char('N') | Esc => Some(Action::Confirm(false)),
            _ => None,
        },
        KeyContext::Picker => match key.code {
            Up | Char('k') => Some(Action::Up),
            Down | Char('j') => Some(Action::Down),
            Enter => Some(Action::Confirm(true)),
            Esc | Char('q') => Some(Action::Back),
            Char(c @ '0'..='9') => Some(Action::Digit(c as u8 - b'0')),
            _ => None,
        },
        KeyContext::Participants => participants_key(key),
        KeyContext::Endorse => match key.code {
            Up | Char('k') => Some(Action::Up),
            Down | Char('j') => Some(Action::Down),
            Char(' ') => Some(Action::Toggle),
            Enter | Esc | Char('q') => Some(Action::Back),
            _ => None,
        },
        KeyContext::Spotlight => match key.code {
            Esc | Char('s') | Char('q') | Enter => Some(Action::Back),
            Up | Char('k') => Some(Action::Up),
            Down | Char('j') => Some(Action::Down),
            Char('?') => Some(Action::Help),
            _ => None,
        },
        KeyContext::Help => match key.code {
            Char('?') | Esc | Char('q') => Some(Action::Help),
            Up | Char('k') => Some(Action::Up),
            Down | Char('j') => Some(Action::Down),
            _ => None,
        },
        KeyContext::Error => match key.code {
            Esc | Enter => Some(Action::Back),
            Char('q') => Some(Action::Quit),
            _ => None,
        },
        KeyContext::Home => match key.code {
            Up | Char('k') => Some(Action::Up),
            Down | Char('j') => Some(Action::Down),
            Enter => Some(Action::Open),
            Char('?') => Some(Action::Help),
            Char('q') | Esc => Some(Action::Quit),
            _ => None,
        },
        KeyContext::Step(kind) => {
            let own = match kind {
                StepKey::Board => board_key(key),
                StepKey::Review => (key.code == Char(' ')).then_some(Action::Edit),
                StepKey::Vote => vote_key(key),
                StepKey::Agreement => agreement_key(key),
                StepKey::Matrix => matrix_key(key),
            };
            own.or_else(|| step_key(key))
        }
        KeyContext::Replay => super::replay::resolve(key),
        KeyContext::Follow => super::follow::resolve(key),
    }
}

/// Keys every step has.
fn step_key(key: KeyEvent) -> Option<Action> {
    use KeyCode::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        Char('r') if ctrl => Some(Action::Redo),
        _ if ctrl => None,
        Left | BackTab => Some(Action::Left),
        Right | Tab => Some(Action::Right),
        Up => Some(Action::Up),
        Down => Some(Action::Down),
        Char('a') => Some(Action::Add),
        Char('e') | Enter => Some(Action::Edit),
        Char('d') | Delete => Some(Action::Delete),
        Char('n') | PageDown => Some(Action::NextStep),
        Char('p') | PageUp => Some(Action::PrevStep),
        Char('u') => Some(Action::Undo),
        Char('f') => Some(Action::ToggleNotes),
        Char('t') => Some(Action::TimerToggle),
        Char('T') => Some(Action::TimerSet),
        Char('P') => Some(Action::Participants),
        Char('X') => Some(Action::Export),
        Char('?') => Some(Action::Help),
        Char('q') => Some(Action::Quit),
        Esc => Some(Action::Back),
        _ => None,
    }
}

/// Keys of a vote step, before the common ones.
fn vote_key(key: KeyEvent) -> Option<Action> {
    use KeyCode::*;
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    match key.code {
        Char('+') => Some(Action::Increase),
        Char('-') => Some(Action::Decrease),
        Char('r') => Some(Action::Reveal),
        Char('v') => Some(Action::Voters),
        _ => None,
    }
}

/// Keys of an agreement step, before the common ones.
fn agreement_key(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    match key.code {
        KeyCode::Char(' ') => Some(Action::Toggle),
        _ => None,
    }
}

/// Keys of the participants panel.
fn participants_key(key: KeyEvent) -> Option<Action> {
    use KeyCode::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        Char('r') if ctrl => Some(Action::Redo),
        _ if ctrl => None,
        Char('u') => Some(Action::Undo),
        Up | Char('k') => Some(Action::Up),
        Down | Char('j') => Some(Action::Down),
        Char(' ') => Some(Action::Toggle),
        Char('a') => Some(Action::Add),
        Char('e') | Enter => Some(Action::Edit),
        Char('d') | Delete => Some(Action::Delete),
        Char('t') => Some(Action::TimerToggle),
        Char('T') => Some(Action::TimerSet),
        Char('P') | Esc => Some(Action::Back),
        Char('?') => Some(Action::Help),
        Char('q') => Some(Action::Quit),
        _ => None,
    }
}

/// Keys of a board step, before the common ones.
fn board_key(key: KeyEvent) -> Option<Action> {
    use KeyCode::*;
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    match key.code {
        Char('<') => Some(Action::MoveLeft),
        Char('>') => Some(Action::MoveRight),
        Char('K') => Some(Action::MoveUp),
        Char('J') => Some(Action::MoveDown),
        Char(' ') => Some(Action::ToggleMark),
        Char('g') => Some(Action::Group),
        Char('G') => Some(Action::Ungroup),
        Char('o') => Some(Action::Tag),
        Char('s') => Some(Action::Spotlight),
        _ => None,
    }
}

/// Keys of a matrix step, before the common ones.
fn matrix_key(key: KeyEvent) -> Option<Action> {
    use KeyCode::*;
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    match key.code {
        Char('+') | Char('=') => Some(Action::Increase),
        Char('-') => Some(Action::Decrease),
        Char(c @ '0'..='9') => Some(Action::Digit(c as u8 - b'0')),
        Char('x') => Some(Action::Clear),
        Char('A') => Some(Action::ToggleAnalysis),
        _ => None,
    }
}

mod help;

pub use help::{KeyHelp, KeySection, key_sections};

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: crossterm::event::KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn board_keys_and_common_keys_resolve_on_a_board() {
        let board = KeyContext::Step(StepKey::Board);
        let shift = KeyModifiers::SHIFT;
        let none = KeyModifiers::NONE;
        assert_eq!(
            resolve(board, key(KeyCode::Char('J'), shift)),
            Some(Action::MoveDown)
        );
        assert_eq!(
            resolve(board, key(KeyCode::Char('>'), shift)),
            Some(Action::MoveRight)
        );
        assert_eq!(
            resolve(board, key(KeyCode::Char(' '), none)),
            Some(Action::ToggleMark)
        );
        assert_eq!(
            resolve(board, key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(
            resolve(board, key(KeyCode::Char('u'), none)),
            Some(Action::Undo)
        );
        // Board keys are not active on other kinds of step.
        assert_eq!(
            resolve(
                KeyContext::Step(StepKey::Matrix),
                key(KeyCode::Char('o'), none)
            ),
            None
        );
    }

    /// The README's key map must list every key of every screen, in both languages' sense.
    #[test]
    fn readme_lists_every_key_of_the_help_overlay() {
        let readme = include_str!("../../README.md");
        let keys = readme
            .split("## Keys")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("README has a ## Keys section");
        let contexts = [
            KeyContext::Home,
            KeyContext::Step(StepKey::Board),
            KeyContext::Step(StepKey::Matrix),
            KeyContext::Step(StepKey::Vote),
            KeyContext::Step(StepKey::Agreement),
            KeyContext::Step(StepKey::Review),
            KeyContext::Replay,
            KeyContext::Follow,
            KeyContext::Spotlight,
            KeyContext::Participants,
            KeyContext::Endorse,
            KeyContext::Picker,
            KeyContext::Editing,
            KeyContext::Confirm,
            KeyContext::Error,
        ];
        for context in contexts {
            for section in key_sections(context) {
                for (k, _, en) in section.keys {
                    let row = format!("| `{k}` | {en} |");
                    assert!(
                        keys.contains(&row),
                        "README ## Keys lacks the row {row:?} ({context:?})"
                    );
                }
            }
        }
    }
}
