//! The one yes/no question: before a change that removes something (a card, a commitment,
//! a participant, a phone), before closing the room, before throwing away a text being
//! typed, and before an undo that belongs to another step. "Yes" does what it asks about;
//! "no" goes back (to the text being typed, or to the step the facilitator was on).

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::action::Action;
use super::form::{Form, Label};
use super::keys::{KeyTable, bind, ch, code, table};
use super::session::view::{Mode, View};
use super::steps::Reaction;
use super::theme::Theme;
use crate::core::{Change, Lang};

/// A yes/no question.
#[derive(Clone, Debug)]
pub struct Question {
    /// The question with the keys that answer it, in the interface language.
    pub text: String,
    /// What "yes" does (changes to record, the room to close); nothing: "yes" only closes
    /// the question (and what was open).
    pub yes: Option<Reaction>,
    /// What "no" does.
    pub no: No,
}

/// What "no" does.
#[derive(Clone, Debug)]
pub enum No {
    /// Close the question; nothing happens.
    Close,
    /// Record these changes (back to the step the facilitator was on).
    Record(Vec<Change>),
    /// Open this again (the text being typed).
    Reopen(Box<Mode>),
}

impl Question {
    /// "Kaart verwijderen? j/n": yes records `change`.
    pub fn remove(question: Label, change: Change, lang: Lang) -> Question {
        Question::ask(question, Reaction::record(change), lang)
    }

    /// "De zaal sluiten? j/n": yes does `yes`, no closes the question.
    pub fn ask(question: Label, yes: Reaction, lang: Lang) -> Question {
        Question {
            text: format!(
                "{} {}",
                lang.pick(question.0, question.1),
                lang.pick("j/n", "y/n")
            ),
            yes: Some(yes),
            no: No::Close,
        }
    }

    /// Throw away the text being typed? Yes closes the form; no (or Enter, or Esc) goes
    /// on typing where it was.
    pub fn discard(form: Box<Form>, lang: Lang) -> Question {
        Question {
            text: lang
                .pick(
                    "Wat je typte weggooien? j gooit weg · n, Enter of Esc typt verder",
                    "Throw away what you typed? y throws away · n, Enter or Esc goes on typing",
                )
                .to_string(),
            yes: None,
            no: No::Reopen(Box::new(Mode::Form(form))),
        }
    }
}

/// The keys of a yes/no question.
pub static KEYS: KeyTable = table!(
    "Vraag",
    "Question",
    [
        bind!(
            "j y",
            "ja",
            "yes",
            [
                ch('y', Action::Confirm(true)),
                ch('j', Action::Confirm(true)),
                ch('Y', Action::Confirm(true)),
                ch('J', Action::Confirm(true)),
            ],
        ),
        bind!(
            "n Esc Enter",
            "nee",
            "no",
            [
                ch('n', Action::Confirm(false)),
                ch('N', Action::Confirm(false)),
                code(KeyCode::Esc, Action::Confirm(false)),
                code(KeyCode::Enter, Action::Confirm(false)),
            ],
        ),
    ],
);

/// Carries out the answer to a yes/no question; any other key leaves it open.
pub fn answer(question: Box<Question>, view: &mut View, action: &Action) -> Option<Reaction> {
    match action {
        Action::Confirm(true) => question.yes,
        Action::Confirm(false) | Action::Back => match question.no {
            No::Close => None,
            No::Record(changes) => Some(Reaction::Record(changes)),
            No::Reopen(mode) => Some(Reaction::Open(*mode)),
        },
        _ => {
            view.mode = Mode::Confirm(question);
            None
        }
    }
}

/// Rows the question needs at the foot of a screen `width` wide (it wraps, whole words).
pub fn height(question: &Question, width: u16) -> u16 {
    super::view::wrapped_height(&question.text, width.saturating_sub(2).max(1) as usize).min(3)
        as u16
}

/// Draws a yes/no question at the foot of the screen.
pub fn render(frame: &mut Frame, area: Rect, question: &Question, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(question.text.clone())
            .style(theme.error)
            .wrap(Wrap { trim: true })
            .block(Block::default().padding(Padding::horizontal(1))),
        area,
    );
}
