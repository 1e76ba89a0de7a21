//! The one yes/no question, asked before a change that removes something (a card, a
//! commitment, a participant): "yes" records the change, anything else keeps it open.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::form::Label;
use super::keys::{KeyTable, bind, ch, code, table};
use super::session::view::{Mode, View};
use super::steps::Reaction;
use super::theme::Theme;
use crate::core::{Change, Lang};

/// A yes/no question before a change that removes something.
#[derive(Clone, Debug)]
pub struct Question {
    /// The question.
    pub question: Label,
    /// What "yes" records.
    pub change: Change,
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
            "n Esc",
            "nee",
            "no",
            [
                ch('n', Action::Confirm(false)),
                ch('N', Action::Confirm(false)),
                code(KeyCode::Esc, Action::Confirm(false)),
            ],
        ),
    ],
);

/// Carries out the answer to a yes/no question.
pub fn answer(question: Box<Question>, view: &mut View, action: &Action) -> Option<Reaction> {
    match action {
        Action::Confirm(true) => Some(Reaction::record(question.change)),
        Action::Confirm(false) | Action::Back => None,
        _ => {
            view.mode = Mode::Confirm(question);
            None
        }
    }
}

/// Draws a yes/no question at the foot of the screen.
pub fn render(frame: &mut Frame, area: Rect, question: &Question, theme: &Theme, lang: Lang) {
    let text = format!(" {} ", lang.pick(question.question.0, question.question.1));
    frame.render_widget(Paragraph::new(text).style(theme.error), area);
}
