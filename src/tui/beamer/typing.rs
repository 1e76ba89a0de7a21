//! The text being typed on the console, shown on the beamer as it is typed: only when the
//! facilitator lets it (a setting, off by default, remembered in config.json as
//! `"beamer_typing"`), and only for what becomes the room's content on the step on screen
//! ([`Purpose::room_content`]: a card, a theme's name, a commitment, a poll's statement, a
//! grid's item). Never a phone's proposal from the inbox, a note, a participant, a number.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use serde::{Deserialize, Serialize};

use crate::core::Lang;
use crate::tui::form::{Field, Form};
use crate::tui::text::{clean, one_line, truncate};
use crate::tui::theme::Theme;
use crate::tui::view::wrapped_height;

/// At most this many characters of the text being typed are mirrored (the end of it, where
/// the cursor is): with the rest of a mirror, a line stays far below the channel's 64 KiB.
pub const MAX_TYPED: usize = 4096;
/// At most this many characters of where it goes (a lane's name, from a file).
const MAX_PLACE: usize = 200;

/// Whether the beamer shows what is typed, and where that is remembered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypingSetting {
    /// The beamer shows the card being typed (off by default: the inbox is anonymous, and
    /// half a sentence is not yet the room's).
    pub on: bool,
    /// The settings file it is remembered in; none: not remembered.
    pub config: Option<PathBuf>,
}

/// What a beamer shows of a form on the console while it is typed in.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Typing {
    /// What is typed, in Dutch and English ("Nieuwe kaart").
    pub what: [String; 2],
    /// Where it goes (the lane of a new card).
    pub place: Option<String>,
    /// In a form of several questions: which one (1-based), of how many, and the question
    /// in Dutch and English.
    pub question: Option<(usize, usize, [String; 2])>,
    /// The text so far (its end, at most [`MAX_TYPED`] characters, on one line, cleaned).
    pub text: String,
}

/// The last `max` characters of `text`.
fn tail(text: &str, max: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(max)).collect()
}

impl Typing {
    /// What the room may see of `form` as it is typed; none when it is not the room's
    /// content, or its question is not a text.
    pub fn of(form: &Form) -> Option<Typing> {
        if !form.purpose.room_content() {
            return None;
        }
        let Some(Field::Text { label, .. }) = form.fields.get(form.index) else {
            return None;
        };
        // A one-field title says its keys after the first " · ": those are the console's.
        let head = |s: &str| s.split(" · ").next().unwrap_or_default().trim().to_string();
        let question = label.filter(|_| form.fields.len() > 1).map(|l| {
            (
                form.index + 1,
                form.fields.len(),
                [l.0.to_string(), l.1.to_string()],
            )
        });
        Some(Typing {
            what: [head(form.title.0), head(form.title.1)],
            place: form.place.as_deref().map(|p| tail(&one_line(p), MAX_PLACE)),
            question,
            text: tail(&one_line(&form.typed()), MAX_TYPED),
        })
    }

    /// The same, bounded again (what a beamer takes from its console).
    pub fn bounded(&self) -> Typing {
        let short = |s: &str| tail(&one_line(s), MAX_PLACE);
        Typing {
            what: self.what.clone().map(|s| short(&s)),
            place: self.place.as_deref().map(short),
            question: self
                .question
                .as_ref()
                .map(|(n, of, q)| (*n, *of, q.clone().map(|s| short(&s)))),
            text: tail(&one_line(&self.text), MAX_TYPED),
        }
    }
}

/// Rows the text being typed takes at the foot of a beamer `width` wide: the frame and up
/// to four lines of text.
pub fn height(typing: &Typing, width: u16) -> u16 {
    let inner = width.saturating_sub(2).max(1) as usize;
    let lines = wrapped_height(&format!("{} ", typing.text), inner).clamp(1, 4);
    2 + lines as u16
}

/// Draws the text being typed at the foot of a beamer, as the console's editor looks but
/// without its keys: what it is and where it goes on top, "wordt getypt" below; its end
/// stays in view.
pub fn render(frame: &mut Frame, area: Rect, typing: &Typing, theme: &Theme, lang: Lang) {
    if area.height < 3 || area.width < 4 {
        return;
    }
    let what = clean(lang.pick(&typing.what[0], &typing.what[1])).into_owned();
    let place = typing
        .place
        .as_ref()
        .map(|p| format!(" → {}", clean(p)))
        .unwrap_or_default();
    let top = match &typing.question {
        None => format!(" {what}{place} "),
        Some((n, of, q)) => format!(
            " {what}{place} {n}/{of} · {} ",
            clean(lang.pick(&q[0], &q[1]))
        ),
    };
    let room = area.width.saturating_sub(2) as usize;
    let text = format!("{}▏", clean(&typing.text));
    let inner = room.max(1);
    let rows = area.height.saturating_sub(2) as usize;
    let skip = wrapped_height(&text, inner).saturating_sub(rows);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title(Span::styled(truncate(&top, room), theme.focus))
        .title_bottom(Span::styled(
            lang.pick(" wordt getypt ", " being typed "),
            theme.dim,
        ));
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.base)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(skip).unwrap_or(u16::MAX), 0))
            .block(block),
        area,
    );
}
