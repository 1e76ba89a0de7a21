//! The one way to type: a form of one or more fields asked one after the other (a line of
//! text at the foot of the screen, or a choice from a short list). A card, a theme's name
//! and a note on a cell are forms of one text field; participants, commitments, the number
//! of voters and the minutes of a time box have their own. What the form makes is decided
//! by what it is for ([`Purpose`]), never by the kind of step.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::{CursorMove, TextArea};

use crossterm::event::KeyCode;

mod purpose;

pub use purpose::Purpose;

use super::action::Action;
use super::keys::{KeyTable, UP_DOWN, also, bind, ch, code, digits, table};
use super::session::view::{Mode, View};
use super::steps::Reaction;
use super::text::{clean, one_line};
use super::theme::Theme;
use super::wrapped::list_overlay;
use crate::core::{Lang, SessionState};

/// A fixed interface text: Dutch, English.
pub type Label = (&'static str, &'static str);

/// What a text field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Anything, also nothing.
    Any,
    /// Some text.
    Required,
    /// Some text; nothing closes the form without a change (an empty card is not kept).
    EmptyCancels,
    /// A whole number from `min` to `max`; nothing only when `empty` allows it.
    Number {
        /// Lowest number.
        min: u32,
        /// Highest number.
        max: u32,
        /// Whether an empty answer is allowed.
        empty: bool,
    },
}

/// One question of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// A line of text.
    Text {
        /// The question; none for a form of one field whose title says it all.
        label: Option<Label>,
        /// The answer so far (the starting text when editing).
        value: String,
        /// What it accepts.
        check: Check,
    },
    /// One of a short list: (value, what the list shows).
    Choice {
        /// The question.
        label: Label,
        /// The options; a `None` value means "none".
        options: Vec<(Option<String>, String)>,
        /// The highlighted option.
        selected: usize,
    },
}

/// An open form.
#[derive(Clone, Debug)]
pub struct Form {
    /// What it makes.
    pub purpose: Purpose,
    /// Its title.
    pub title: Label,
    /// The questions.
    pub fields: Vec<Field>,
    /// The question being asked.
    pub index: usize,
    /// The text input of a text question.
    pub textarea: TextArea<'static>,
    /// Why the last answer was not accepted.
    pub problem: Option<Label>,
}

/// The keys of a text field.
pub static TEXT_KEYS: KeyTable = table!(
    "Tekst",
    "Text",
    [
        bind!(
            "Enter",
            "bewaren",
            "save",
            [code(KeyCode::Enter, Action::EditorSave)],
        ),
        bind!(
            "Esc",
            "annuleren",
            "cancel",
            [code(KeyCode::Esc, Action::EditorCancel)],
        ),
    ],
);

/// The keys of a list to choose one item from (a choice in a form, the party of a card).
pub static CHOICE_KEYS: KeyTable = table!(
    "Kiezen",
    "Choosing",
    [
        bind!("↑ ↓", "kies", "choose", UP_DOWN,),
        bind!("0-9", "kies direct", "choose directly", [digits('0', '9')]),
        bind!(
            "Enter",
            "bevestigen",
            "confirm",
            [code(KeyCode::Enter, Action::Confirm(true))],
        ),
        bind!(
            "Esc",
            "annuleren",
            "cancel",
            [code(KeyCode::Esc, Action::Back)],
        ),
        also!([ch('q', Action::Back)]),
    ],
);

impl Form {
    /// A form asking `fields` in order.
    pub fn new(purpose: Purpose, title: Label, fields: Vec<Field>) -> Form {
        let mut form = Form {
            purpose,
            title,
            fields,
            index: 0,
            textarea: TextArea::default(),
            problem: None,
        };
        form.load();
        form
    }

    /// A form of one text field, holding `text` (cursor at the end), whose title says
    /// what it is for and which keys save and cancel.
    pub fn text(purpose: Purpose, title: Label, text: &str, check: Check) -> Form {
        Form::new(
            purpose,
            title,
            vec![Field::Text {
                label: None,
                value: text.to_string(),
                check,
            }],
        )
    }

    /// Whether the current question is a choice from a list.
    pub fn is_choice(&self) -> bool {
        matches!(self.fields.get(self.index), Some(Field::Choice { .. }))
    }

    fn load(&mut self) {
        if let Some(Field::Text { value, .. }) = self.fields.get(self.index) {
            // The value may come from a file: shown safe, like every text from a file.
            self.textarea = TextArea::new(vec![clean(value).into_owned()]);
            self.textarea.move_cursor(CursorMove::End);
        }
    }

    /// The answer to text question `i` (empty if it is not one).
    pub fn text_of(&self, i: usize) -> String {
        match self.fields.get(i) {
            Some(Field::Text { value, .. }) => value.clone(),
            _ => String::new(),
        }
    }

    /// The chosen value of choice question `i`.
    pub fn choice(&self, i: usize) -> Option<String> {
        match self.fields.get(i) {
            Some(Field::Choice {
                options, selected, ..
            }) => options.get(*selected).and_then(|(v, _)| v.clone()),
            _ => None,
        }
    }

    /// Takes the current answer; `Err(true)` closes the form, `Err(false)` asks again.
    fn answer(&mut self) -> Result<(), bool> {
        let typed = one_line(&self.textarea.lines().join(" "));
        let Some(Field::Text { value, check, .. }) = self.fields.get_mut(self.index) else {
            return Ok(());
        };
        let problem = match *check {
            Check::Any => None,
            Check::EmptyCancels if typed.is_empty() => return Err(true),
            Check::Required if typed.is_empty() => Some(("typ eerst iets", "type something first")),
            Check::Required | Check::EmptyCancels => None,
            Check::Number { empty: true, .. } if typed.is_empty() => None,
            Check::Number { min, max, .. } => match typed.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => None,
                _ => Some(number_problem(min, max)),
            },
        };
        self.problem = problem;
        if problem.is_some() {
            return Err(false);
        }
        *value = typed;
        Ok(())
    }
}

fn number_problem(min: u32, max: u32) -> Label {
    match (min, max) {
        (0, 999) => ("typ een getal van 0 tot 999", "type a number from 0 to 999"),
        (1, 600) => ("typ een getal van 1 tot 600", "type a number from 1 to 600"),
        _ => ("typ een getal", "type a number"),
    }
}

/// Carries out an action in an open form: it stays open in `view` until it is complete
/// (then what it makes comes back) or cancelled.
pub fn update(
    mut form: Box<Form>,
    view: &mut View,
    state: &SessionState,
    action: &Action,
) -> Option<Reaction> {
    let mut next = false;
    if form.is_choice() {
        if let Some(Field::Choice {
            options, selected, ..
        }) = form.fields.get_mut(form.index)
        {
            match action {
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Down => *selected = (*selected + 1).min(options.len().saturating_sub(1)),
                Action::Confirm(true) | Action::Toggle | Action::Edit | Action::EditorSave => {
                    next = true
                }
                // Digits choose directly, as the numbers in the list show.
                Action::Digit(d) if usize::from(*d) < options.len() => {
                    *selected = usize::from(*d);
                    next = true;
                }
                Action::Back | Action::EditorCancel | Action::Confirm(false) => return None,
                _ => {}
            }
        }
    } else {
        match action {
            Action::EditorCancel | Action::Back => return None,
            Action::EditorKey(key) => {
                form.textarea.input(*key);
                form.problem = None;
            }
            Action::Paste(text) => {
                form.textarea.insert_str(one_line(text));
            }
            Action::EditorSave => match form.answer() {
                Ok(()) => next = true,
                Err(true) => return None,
                Err(false) => {}
            },
            _ => {}
        }
    }
    if next {
        form.index += 1;
        if form.index >= form.fields.len() {
            return purpose::finish(&form, state);
        }
        form.load();
    }
    view.mode = Mode::Form(form);
    None
}

/// Rows the form needs at the foot of the screen (a choice is drawn over the screen).
pub fn foot_height(form: &Form) -> u16 {
    if form.is_choice() { 0 } else { 3 }
}

/// Draws a text question at the foot of the screen.
pub fn render_foot(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme, lang: Lang) {
    let Some(Field::Text { label, .. }) = form.fields.get(form.index) else {
        return;
    };
    let mut ta = form.textarea.clone();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus);
    let block = match label {
        // One field: the title says what Enter saves and that Esc cancels.
        None => block.title(lang.pick(form.title.0, form.title.1)),
        Some(label) => {
            let last = form.index + 1 == form.fields.len();
            let title = format!(
                " {} {}/{} · {} ",
                lang.pick(form.title.0, form.title.1),
                form.index + 1,
                form.fields.len(),
                lang.pick(label.0, label.1)
            );
            let keys = if last {
                lang.pick(
                    " Enter bewaart · Esc annuleert ",
                    " Enter saves · Esc cancels ",
                )
            } else {
                lang.pick(
                    " Enter verder · Esc annuleert ",
                    " Enter next · Esc cancels ",
                )
            };
            let bottom = match form.problem {
                Some(p) => Span::styled(format!(" {} ", lang.pick(p.0, p.1)), theme.error),
                None => Span::styled(keys, theme.focus),
            };
            block
                .title(Span::styled(title, theme.focus))
                .title_bottom(bottom)
        }
    };
    ta.set_block(block);
    ta.set_style(theme.base);
    ta.set_cursor_line_style(theme.base);
    frame.render_widget(&ta, area);
}

/// Draws a choice question over the screen.
pub fn render_choice(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme, lang: Lang) {
    let Some(Field::Choice {
        label,
        options,
        selected,
    }) = form.fields.get(form.index)
    else {
        return;
    };
    let title = format!(
        " {} {}/{} · {} ",
        lang.pick(form.title.0, form.title.1),
        form.index + 1,
        form.fields.len(),
        lang.pick(label.0, label.1)
    );
    let items: Vec<(String, bool)> = options
        .iter()
        .enumerate()
        .map(|(i, (_, shown))| {
            let number = if options.len() <= 10 {
                format!("{i} ")
            } else {
                String::new()
            };
            (format!("{number}{}", clean(shown)), i == *selected)
        })
        .collect();
    let keys = lang.pick(
        " ↑↓ of cijfer kiezen · Enter verder · Esc annuleert ",
        " ↑↓ or digit to choose · Enter next · Esc cancels ",
    );
    list_overlay(frame, area, &title, &[], &items, keys, theme);
}
