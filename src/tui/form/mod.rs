//! The one way to type: a form of one or more fields asked one after the other (a line of
//! text at the foot of the screen, or a choice from a short list). A card, a theme's name
//! and a note on a cell are forms of one text field; participants, commitments, the number
//! of voters and the minutes of a time box have their own. What the form makes is decided
//! by what it is for ([`Purpose`]), never by the kind of step.
//!
//! The same rules for every form: a newline typed or pasted becomes a space (never a key
//! that deletes), typing over a prefilled number replaces it, and `Esc` on a form that
//! holds text the room said (a new text with content, or an edited one that differs from
//! what was saved) asks first ("j" throws it away; "n", Enter or Esc goes on typing).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crossterm::event::{KeyCode, KeyModifiers};

mod purpose;

pub use purpose::{Purpose, StepForm};

use super::action::Action;
use super::keys::{KeyTable, UP_DOWN, also, bind, ch, code, digits, table};
use super::question::Question;
use super::session::view::{Mode, View};
use super::steps::Reaction;
use super::text::{clean, one_line, truncate};
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
    /// One of a short list: (value, what the list shows). The options with a value are
    /// numbered 1, 2, ...; the one without ("no party") is 0 and comes last, in every list.
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
    /// Where it goes, said in its frame (the lane a card is typed into).
    pub place: Option<String>,
    /// The answers it was opened with, to tell whether `Esc` would lose anything.
    start: Vec<Field>,
}

/// What became of a form after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// Still open.
    Open,
    /// Every question answered.
    Complete,
    /// Closed without a change (nothing typed would be lost).
    Closed,
    /// `Esc` while it holds what the room said: ask before throwing it away.
    AskDiscard,
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
            "annuleren (vraagt eerst als getypte tekst verloren zou gaan)",
            "cancel (asks first when typed text would be lost)",
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
            start: fields.clone(),
            fields,
            index: 0,
            textarea: TextArea::default(),
            problem: None,
            place: None,
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

    /// The same form, saying in its frame where what is typed goes.
    pub fn into_place(mut self, place: impl Into<String>) -> Form {
        self.place = Some(place.into());
        self
    }

    /// Whether the current question is a choice from a list.
    pub fn is_choice(&self) -> bool {
        matches!(self.fields.get(self.index), Some(Field::Choice { .. }))
    }

    fn load(&mut self) {
        if let Some(Field::Text { value, check, .. }) = self.fields.get(self.index) {
            // The value may come from a file: shown safe, like every text from a file.
            self.textarea = TextArea::new(vec![clean(value).into_owned()]);
            self.textarea.set_wrap_mode(WrapMode::WordOrGlyph);
            self.textarea.move_cursor(CursorMove::End);
            // A prefilled number (minutes, voters) is replaced by what is typed.
            if matches!(check, Check::Number { .. }) && !value.is_empty() {
                self.textarea.select_all();
            }
        }
    }

    /// The text typed in the current question so far, on one line.
    pub fn typed(&self) -> String {
        one_line(&self.textarea.lines().join(" "))
    }

    /// Whether closing now would lose text the room said: a text question (not a number)
    /// whose answer differs from what the form was opened with.
    pub fn would_lose(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.start)
            .enumerate()
            .any(|(i, (now, was))| match (now, was) {
                (Field::Text { check, .. }, Field::Text { value: before, .. })
                    if !matches!(check, Check::Number { .. }) =>
                {
                    let value = if i == self.index {
                        self.typed()
                    } else if i < self.index {
                        self.text_of(i)
                    } else {
                        return false;
                    };
                    value.trim() != one_line(before).trim()
                }
                _ => false,
            })
    }

    /// Takes one action: typing, answering, moving in a list, `Esc`.
    pub fn take(&mut self, action: &Action) -> Typed {
        let mut next = false;
        if let Some(Field::Choice {
            options, selected, ..
        }) = self.fields.get_mut(self.index)
        {
            match action {
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Down => *selected = (*selected + 1).min(options.len().saturating_sub(1)),
                Action::Confirm(true) | Action::Toggle | Action::Edit | Action::EditorSave => {
                    next = true
                }
                // A digit chooses at once, as the numbers in the list say.
                Action::Digit(d) => {
                    if let Some(i) = numbered(options, *d) {
                        *selected = i;
                        next = true;
                    }
                }
                Action::Back | Action::EditorCancel | Action::Confirm(false) => {
                    return self.cancel();
                }
                _ => {}
            }
        } else {
            match action {
                Action::EditorCancel | Action::Back => return self.cancel(),
                // A newline (Ctrl-J from a terminal, `\n` sent by a tool) is a space: the
                // text field's own Ctrl-J would delete what was typed before it.
                Action::EditorKey(key)
                    if key.modifiers.contains(KeyModifiers::CONTROL)
                        && key.code == KeyCode::Char('j') =>
                {
                    self.textarea.insert_char(' ');
                    self.problem = None;
                }
                Action::EditorKey(key) => {
                    self.textarea.input(*key);
                    self.problem = None;
                }
                Action::Paste(text) => {
                    self.textarea.insert_str(one_line(text));
                }
                Action::EditorSave => match self.answer() {
                    Ok(()) => next = true,
                    Err(true) => return Typed::Closed,
                    Err(false) => {}
                },
                _ => {}
            }
        }
        if next {
            self.index += 1;
            if self.index >= self.fields.len() {
                return Typed::Complete;
            }
            self.load();
        }
        Typed::Open
    }

    fn cancel(&self) -> Typed {
        if self.would_lose() {
            Typed::AskDiscard
        } else {
            Typed::Closed
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
        let typed = self.typed();
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

/// The option a digit names: `0` the one without a value, `1` the first with one.
fn numbered(options: &[(Option<String>, String)], digit: u8) -> Option<usize> {
    if digit == 0 {
        return options.iter().position(|(v, _)| v.is_none());
    }
    options
        .iter()
        .enumerate()
        .filter(|(_, (v, _))| v.is_some())
        .nth(usize::from(digit) - 1)
        .map(|(i, _)| i)
}

/// The number shown before option `i` (see [`numbered`]), when digits reach it.
fn number_of(options: &[(Option<String>, String)], i: usize) -> Option<usize> {
    let (value, _) = options.get(i)?;
    let n = match value {
        None => 0,
        Some(_) => options[..i].iter().filter(|(v, _)| v.is_some()).count() + 1,
    };
    (n <= 9).then_some(n)
}

/// Carries out an action in an open form: it stays open in `view` until it is complete
/// (then what it makes comes back), closed, or `Esc` asks whether to throw it away.
pub fn update(
    mut form: Box<Form>,
    view: &mut View,
    state: &SessionState,
    action: &Action,
    lang: Lang,
) -> Option<Reaction> {
    match form.take(action) {
        Typed::Open => {
            view.mode = Mode::Form(form);
            None
        }
        Typed::Complete => purpose::finish(&form, state, view.meeting),
        Typed::Closed => None,
        Typed::AskDiscard => Some(Reaction::Open(Mode::Confirm(Box::new(Question::discard(
            form, lang,
        ))))),
    }
}

/// Rows the form needs at the foot of a screen `width` wide: the frame and the text as it
/// wraps (up to four lines, so a long card shows whole); none for a choice (drawn over the
/// screen).
pub fn foot_height(form: &Form, width: u16) -> u16 {
    if form.is_choice() {
        return 0;
    }
    let inner = width.saturating_sub(2).max(1) as usize;
    // One column more than the text for the cursor at its end.
    let text = format!("{} ", form.typed());
    let lines = super::view::wrapped_height(&text, inner).clamp(1, 4);
    2 + lines as u16
}

/// Draws a text question at the foot of the screen: what it is for (and where it goes)
/// on top, the keys (or why an answer was not taken) below.
pub fn render_foot(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme, lang: Lang) {
    let Some(Field::Text { label, .. }) = form.fields.get(form.index) else {
        return;
    };
    let mut ta = form.textarea.clone();
    let title = lang.pick(form.title.0, form.title.1).trim();
    // A one-field title says its keys after the first " · ".
    let (head, own_keys) = match title.split_once(" · ") {
        Some((head, keys)) if label.is_none() => (head, Some(keys)),
        _ => (title, None),
    };
    let place = form
        .place
        .as_ref()
        .map(|p| format!(" → {}", clean(p)))
        .unwrap_or_default();
    let top = match label {
        None => format!(" {head}{place} "),
        Some(label) => format!(
            " {head}{place} {}/{} · {} ",
            form.index + 1,
            form.fields.len(),
            lang.pick(label.0, label.1)
        ),
    };
    let last = form.index + 1 == form.fields.len();
    let keys = match own_keys {
        Some(k) => format!(" {k} "),
        None if last => lang
            .pick(
                " Enter bewaart · Esc annuleert ",
                " Enter saves · Esc cancels ",
            )
            .to_string(),
        None => lang
            .pick(
                " Enter verder · Esc annuleert ",
                " Enter next · Esc cancels ",
            )
            .to_string(),
    };
    let room = area.width.saturating_sub(2) as usize;
    let bottom = match form.problem {
        Some(p) => Span::styled(format!(" {} ", lang.pick(p.0, p.1)), theme.error),
        None => Span::styled(truncate(&keys, room), theme.focus),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(truncate(&top, room), theme.focus))
        .title_bottom(bottom);
    ta.set_block(block);
    ta.set_style(theme.base);
    ta.set_cursor_line_style(theme.base);
    ta.set_selection_style(theme.selected);
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
            let number = number_of(options, i).map_or("  ".to_string(), |n| format!("{n} "));
            (format!("{number}{}", clean(shown)), i == *selected)
        })
        .collect();
    // What the keys do, as they do it: a digit chooses and goes on at once.
    let keys = lang.pick(
        " cijfer kiest direct · ↑↓ en Enter · Esc annuleert ",
        " a digit chooses at once · ↑↓ and Enter · Esc cancels ",
    );
    list_overlay(frame, area, &title, &[], &items, keys, theme);
}
