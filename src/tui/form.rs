//! Small forms: a few fields asked one after the other (a line of text at the foot of the
//! screen, or a choice from a short list), ending in one change. Used for participants,
//! commitments, the number of voters and the minutes of a time box. Also the yes/no
//! question before a change that removes something.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};

use super::action::Action;
use super::text::{clean, one_line};
use super::theme::Theme;
use super::workspace::{Mode, Workspace};
use super::wrapped::list_overlay;
use crate::core::state::{Commitment, Participant};
use crate::core::{Change, Lang};

/// A fixed interface text: Dutch, English.
pub type Label = (&'static str, &'static str);

/// What a text field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Anything, also nothing.
    Any,
    /// Some text.
    Required,
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
        /// The question.
        label: Label,
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

/// What the form makes when it is complete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A participant (name, organisation, party), present.
    NewParticipant,
    /// Changes to a participant (presence is kept).
    EditParticipant(Participant),
    /// A commitment (what, who, when) in the agreement on screen.
    NewCommitment,
    /// Changes to a commitment.
    EditCommitment(u32),
    /// The number of voters of the vote on screen.
    Voters,
    /// The minutes of the time box on screen; `start` starts it once set.
    Minutes {
        /// Start the timer after setting it.
        start: bool,
    },
}

/// An open form.
pub struct Form {
    /// What it makes.
    pub purpose: Purpose,
    /// Its title.
    pub title: Label,
    /// The questions.
    pub fields: Vec<Field>,
    /// The question being asked.
    pub index: usize,
    /// The editor of a text question.
    pub textarea: TextArea<'static>,
    /// Why the last answer was not accepted.
    pub problem: Option<Label>,
}

/// A yes/no question before a change that removes something.
pub struct Confirm {
    /// The question.
    pub question: Label,
    /// What "yes" records.
    pub change: Change,
}

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

    /// Whether the current question is a choice from a list.
    pub fn is_choice(&self) -> bool {
        matches!(self.fields.get(self.index), Some(Field::Choice { .. }))
    }

    fn load(&mut self) {
        if let Some(Field::Text { value, .. }) = self.fields.get(self.index) {
            // The value may come from a file: shown safe, like every text from a file.
            self.textarea = TextArea::new(vec![super::text::clean(value).into_owned()]);
            self.textarea.move_cursor(CursorMove::End);
        }
    }

    /// The answer to text question `i` (empty if it is not one).
    pub fn text(&self, i: usize) -> String {
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

    /// Takes the current answer; false when it is not accepted.
    fn answer(&mut self) -> bool {
        let typed = one_line(&self.textarea.lines().join(" "));
        let Some(Field::Text { value, check, .. }) = self.fields.get_mut(self.index) else {
            return true;
        };
        let problem = match *check {
            Check::Any => None,
            Check::Required if typed.is_empty() => Some(("typ eerst iets", "type something first")),
            Check::Required => None,
            Check::Number { empty: true, .. } if typed.is_empty() => None,
            Check::Number { min, max, .. } => match typed.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => None,
                _ => Some(number_problem(min, max)),
            },
        };
        self.problem = problem;
        if problem.is_none() {
            *value = typed;
        }
        problem.is_none()
    }
}

fn number_problem(min: u32, max: u32) -> Label {
    match (min, max) {
        (0, 999) => ("typ een getal van 0 tot 999", "type a number from 0 to 999"),
        (1, 600) => ("typ een getal van 1 tot 600", "type a number from 1 to 600"),
        _ => ("typ een getal", "type a number"),
    }
}

/// Carries out an action in an open form; the form closes when it is complete or cancelled.
pub fn act(ws: &mut Workspace, mut form: Box<Form>, action: Action, now: Timestamp, lang: Lang) {
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
                Action::Digit(d) if usize::from(d) < options.len() => {
                    *selected = usize::from(d);
                    next = true;
                }
                Action::Back | Action::EditorCancel | Action::Confirm(false) => return,
                _ => {}
            }
        }
    } else {
        match action {
            Action::EditorCancel | Action::Back => return,
            Action::EditorKey(key) => {
                form.textarea.input(key);
                form.problem = None;
            }
            Action::Paste(text) => {
                form.textarea.insert_str(one_line(&text));
            }
            Action::EditorSave => next = form.answer(),
            _ => {}
        }
    }
    if next {
        form.index += 1;
        if form.index >= form.fields.len() {
            finish(ws, *form, now, lang);
            return;
        }
        form.load();
    }
    ws.mode = Mode::Form(form);
}

/// Records what a complete form makes.
fn finish(ws: &mut Workspace, form: Form, now: Timestamp, lang: Lang) {
    let state = &ws.live.state;
    let step = state
        .scenario
        .steps
        .get(state.current)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let next_id = state.next_id;
    let name = Some(form.text(0)).filter(|n| !n.is_empty());
    match form.purpose.clone() {
        Purpose::NewParticipant => {
            let participant = Participant {
                id: next_id,
                name,
                organisation: form.text(1),
                party: form.choice(2),
                present: true,
            };
            if ws.record(Change::ParticipantAdded { participant }, now, lang)
                && let Some(panel) = &mut ws.people
            {
                panel.selected = ws
                    .live
                    .state
                    .participants
                    .iter()
                    .position(|p| p.id == next_id)
                    .unwrap_or(panel.selected);
            }
        }
        Purpose::EditParticipant(old) => {
            let participant = Participant {
                name,
                organisation: form.text(1),
                party: form.choice(2),
                ..old
            };
            ws.record(Change::ParticipantEdited { participant }, now, lang);
        }
        Purpose::NewCommitment => {
            let commitment = Commitment {
                id: next_id,
                what: form.text(0),
                who: form.text(1),
                when: form.text(2),
            };
            let change = Change::CommitmentAdded {
                step,
                commitment,
                position: None,
            };
            if ws.record(change, now, lang) {
                super::agreement::select_commitment(ws, next_id);
            }
        }
        Purpose::EditCommitment(id) => {
            let commitment = Commitment {
                id,
                what: form.text(0),
                who: form.text(1),
                when: form.text(2),
            };
            ws.record(Change::CommitmentEdited { step, commitment }, now, lang);
        }
        Purpose::Voters => {
            let voters = form.text(0).parse::<u32>().ok();
            ws.record(Change::VotersSet { step, voters }, now, lang);
        }
        Purpose::Minutes { start } => {
            let Ok(minutes) = form.text(0).parse::<u32>() else {
                return;
            };
            let running = ws
                .live
                .state
                .timers
                .get(ws.current())
                .is_some_and(|t| t.is_running());
            let set = ws.record(
                Change::TimerSet {
                    step: step.clone(),
                    minutes,
                },
                now,
                lang,
            );
            if set && start && !running {
                ws.record(Change::TimerStarted { step }, now, lang);
            }
        }
    }
}

/// Carries out the answer to a yes/no question.
pub fn confirm(
    ws: &mut Workspace,
    question: Box<Confirm>,
    action: Action,
    now: Timestamp,
    lang: Lang,
) {
    match action {
        Action::Confirm(true) => {
            ws.record(question.change, now, lang);
        }
        Action::Confirm(false) | Action::Back => {}
        _ => ws.mode = Mode::Confirm(question),
    }
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
    let mut ta = form.textarea.clone();
    ta.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus)
            .title(Span::styled(title, theme.focus))
            .title_bottom(bottom),
    );
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

/// Draws a yes/no question at the foot of the screen.
pub fn render_confirm(
    frame: &mut Frame,
    area: Rect,
    question: &Confirm,
    theme: &Theme,
    lang: Lang,
) {
    let text = format!(" {} ", lang.pick(question.question.0, question.question.1));
    frame.render_widget(Paragraph::new(text).style(theme.error), area);
}
