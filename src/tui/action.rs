//! Keys resolve to actions; the key map depends only on the screen and its mode.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for.
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
}

/// Where keys go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyContext {
    /// The home screen.
    Home,
    /// A step, moving around.
    Step,
    /// A text editor is open.
    Editing,
    /// A yes/no question is open.
    Confirm,
    /// The help overlay is open.
    Help,
    /// The error screen.
    Error,
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
        KeyContext::Help => match key.code {
            Char('?') | Esc | Char('q') => Some(Action::Help),
            _ => None,
        },
        KeyContext::Error => match key.code {
            Esc | Enter | Char('q') => Some(Action::Back),
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
        KeyContext::Step => match key.code {
            Left | BackTab => Some(Action::Left),
            Right | Tab => Some(Action::Right),
            Up => Some(Action::Up),
            Down => Some(Action::Down),
            Char('a') => Some(Action::Add),
            Char('e') | Enter => Some(Action::Edit),
            Char('d') | Delete => Some(Action::Delete),
            Char('n') | PageDown => Some(Action::NextStep),
            Char('p') | PageUp => Some(Action::PrevStep),
            Char('f') => Some(Action::ToggleNotes),
            Char('?') => Some(Action::Help),
            Char('q') => Some(Action::Quit),
            Esc => Some(Action::Back),
            _ => None,
        },
    }
}

/// The keys of a context with what they do, for the help overlay: (keys, nl, en).
pub fn key_list(context: KeyContext) -> &'static [(&'static str, &'static str, &'static str)] {
    match context {
        KeyContext::Home | KeyContext::Error => &[
            (
                "↑ ↓",
                "kies een scenario of sessie",
                "choose a scenario or session",
            ),
            ("Enter", "start of open", "start or open"),
            ("?", "deze hulp", "this help"),
            ("q", "stoppen", "quit"),
        ],
        _ => &[
            ("← → Tab", "andere kolom", "other lane"),
            ("↑ ↓", "kies een kaart", "select a card"),
            (
                "a",
                "kaart toevoegen (Enter bewaart, Esc annuleert)",
                "add a card (Enter saves, Esc cancels)",
            ),
            ("e Enter", "kaart bewerken", "edit the card"),
            (
                "d",
                "kaart verwijderen (vraagt j/n)",
                "delete the card (asks y/n)",
            ),
            ("n PgDn", "volgende stap", "next step"),
            ("p PgUp", "vorige stap", "previous step"),
            (
                "f",
                "notities voor de begeleider tonen/verbergen",
                "show/hide facilitator notes",
            ),
            ("?", "deze hulp", "this help"),
            (
                "q",
                "stoppen (alles is bewaard)",
                "quit (everything is saved)",
            ),
        ],
    }
}
