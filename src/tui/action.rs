//! Keys resolve to actions; which keys mean what depends only on where keys go now (the
//! screen, its overlay, the kind of step), and each such place has one key table
//! ([`super::keys`]) that both resolves keys and lists them in the help overlay.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keys::{KeyTable, resolve as first_of};

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
    /// To the first item (`Home`).
    First,
    /// To the last item (`End`).
    Last,
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
    /// Continue the selected session as the next meeting of its series (home screen).
    Continue,
    /// Replay the selected session (home screen).
    PlayBack,
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
    /// The selected card becomes an action (in the agreement step).
    ToAction,
    /// Put the selected card aside in the parking lot.
    Park,
    /// Take the card parked last from this step back onto its lane.
    Unpark,
    /// Say what is in the parking lot.
    ParkingLot,
    /// `l` on an agreement: choose what the selected commitment comes from.
    Link,
    /// `o` on an agreement: take a card the step offers (act 3's tasks) as an action.
    Offered,
    /// A digit typed (choices in a list, a matrix cell's value).
    Digit(u8),
    /// Space: toggle the selected item (presence, an endorsement) or open its list.
    Toggle,
    /// `A` on an agreement: everyone present endorses the selected item.
    EndorseAll,
    /// `+`: a dot on the selected card; a matrix cell one higher.
    Increase,
    /// `-`: a dot off the selected card; a matrix cell one lower.
    Decrease,
    /// Show or hide the results of a vote.
    Reveal,
    /// Set the number of voters of a vote.
    Voters,
    /// Show or hide the dots per card of a hidden vote, to the facilitator only (`c`).
    Check,
    /// Start or pause the step's timer.
    TimerToggle,
    /// Set the minutes of the step's time box.
    TimerSet,
    /// Open or close the participants panel.
    Participants,
    /// Clear the selected cell's value (`x`).
    Clear,
    /// Show or hide the console's side panel (`C`).
    SidePanel,
    /// Let the beamer show the room's content as it is typed, or not (`b` in the side panel).
    BeamerTyping,
    /// Show or hide the analysis of a matrix step (`A`).
    ToggleAnalysis,
    /// Where the selection of a matrix goes after a digit (`r`).
    Direction,
    /// `Z`: open the room (phones take part), then show or hide its QR code.
    Room,
    /// Close the room (asks first).
    CloseRoom,
    /// Open or close the inbox of phones' proposals.
    Inbox,
    /// Accept the selected proposal as it is.
    Accept,
    /// Reject the selected proposal.
    Reject,
    /// Accept every proposal in the inbox.
    AcceptAll,
    /// The inbox on or off for the step on screen.
    InboxStep,
    /// The inbox on or off for the whole session.
    InboxSession,
    /// A mouse click at a screen cell.
    Click {
        /// Column of the cell.
        column: u16,
        /// Row of the cell.
        row: u16,
    },
    /// A key of the replay screen.
    Replay(super::replay::ReplayKey),
    /// Select the next item (a grid's item, with Tab).
    Next,
    /// Select the previous item.
    Previous,
    /// Rename the selected item.
    Rename,
    /// Amend the proposal of a consent round.
    Amend,
    /// Take the decision of a consent round (or take it back).
    Decide,
    /// Bring the cards of an earlier board over.
    Import,
}

/// Where keys go.
#[derive(Clone, Copy, Debug)]
pub enum KeyContext {
    /// The home screen.
    Home,
    /// A step, moving around: the keys of its kind (from the step registry).
    Step(&'static KeyTable),
    /// A step of a session shown read-only: only keys that look.
    Browse,
    /// The participants panel of a session shown read-only.
    BrowsePeople,
    /// A text field is open.
    Editing,
    /// A yes/no question is open.
    Confirm,
    /// A list to choose from is open (e.g. the party of a card).
    Picker,
    /// One card shown alone, very large.
    Spotlight,
    /// The participants panel is open.
    Participants,
    /// The inbox of phones' proposals is open.
    Inbox,
    /// The console's side panel has the keys (its agenda).
    Side,
    /// The room's QR code alone on screen (its join view).
    Join,
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
    /// A beamer: it only shows what the console shows the room.
    Beamer,
}

impl KeyContext {
    /// The key tables of this context, in the order a key is looked up.
    pub fn tables(self) -> Vec<&'static KeyTable> {
        match self {
            KeyContext::Home => vec![&super::home::KEYS],
            KeyContext::Step(own) => vec![own, &super::steps::EVERY_STEP],
            KeyContext::Browse => vec![&super::browse::KEYS],
            KeyContext::BrowsePeople => vec![&super::browse::PEOPLE_KEYS],
            KeyContext::Editing => vec![&super::form::TEXT_KEYS],
            KeyContext::Confirm => vec![&super::question::KEYS],
            KeyContext::Picker => vec![&super::form::CHOICE_KEYS],
            KeyContext::Spotlight => vec![&super::steps::board::spotlight::KEYS],
            KeyContext::Participants => vec![&super::participants::KEYS],
            KeyContext::Inbox => vec![&super::room::inbox::KEYS],
            KeyContext::Side => vec![&super::side::KEYS],
            KeyContext::Join => vec![&super::room::join::KEYS],
            KeyContext::Endorse => vec![&super::steps::agreement::endorse::KEYS],
            KeyContext::Help => vec![&super::help::KEYS],
            KeyContext::Error => vec![&super::app::ERROR_KEYS],
            KeyContext::Replay => vec![&super::replay::KEYS],
            KeyContext::Follow => vec![&super::follow::KEYS],
            KeyContext::Beamer => vec![&super::beamer::KEYS],
        }
    }

    /// The sections the help overlay lists for this context (it explains the screen under
    /// it, never itself).
    pub fn sections(self) -> Vec<&'static KeyTable> {
        match self {
            KeyContext::Help => Vec::new(),
            other => other.tables(),
        }
    }
}

/// The action of a key in a context; none for keys that do nothing there.
pub fn resolve(context: KeyContext, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if matches!(context, KeyContext::Editing) {
        // Every other key is typed.
        return first_of(&context.tables(), &key).or(Some(Action::EditorKey(key)));
    }
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    first_of(&context.tables(), &key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::tests::key;
    use crate::tui::steps::{board, matrix};

    #[test]
    fn board_keys_and_common_keys_resolve_on_a_board() {
        let board = KeyContext::Step(&board::KEYS);
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
                KeyContext::Step(&matrix::KEYS),
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
        let mut contexts = vec![
            KeyContext::Browse,
            KeyContext::BrowsePeople,
            KeyContext::Home,
            KeyContext::Replay,
            KeyContext::Follow,
            KeyContext::Beamer,
            KeyContext::Spotlight,
            KeyContext::Participants,
            KeyContext::Inbox,
            KeyContext::Side,
            KeyContext::Join,
            KeyContext::Endorse,
            KeyContext::Picker,
            KeyContext::Editing,
            KeyContext::Confirm,
            KeyContext::Error,
        ];
        contexts.extend(
            crate::tui::steps::registered()
                .into_iter()
                .map(|ui| KeyContext::Step(ui.keys)),
        );
        for context in contexts {
            for section in context.sections() {
                for binding in section.shown() {
                    let row = format!("| `{}` | {} |", binding.label, binding.en);
                    assert!(
                        keys.contains(&row),
                        "README ## Keys lacks the row {row:?} ({context:?})"
                    );
                }
            }
        }
    }
}
