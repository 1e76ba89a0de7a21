//! The matrix grid: row headings, column headings and heat-map cells fitted to the area, the
//! scale legend, and the selected cell told in full below the grid.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::core::Lang;
use crate::core::matrix::{self, MatrixRow};
use crate::core::scenario::{MatrixSpec, Scale};
use crate::core::state::MatrixState;
use crate::tui::session::view::Cursor;
use crate::tui::steps::board::wrap;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::Theme;

/// The narrowest a cell is drawn; fewer columns are shown (and scroll) below this.
const MIN_CELL: u16 = 6;
/// The widest a cell is drawn.
const MAX_CELL: u16 = 24;

/// A row's heading: the card's party as a short tag before its text.
pub(super) fn row_label(row: &MatrixRow, parties: &[crate::core::Party], tagged: bool) -> String {
    let tag = row
        .party
        .as_ref()
        .filter(|_| tagged)
        .and_then(|p| parties.iter().find(|q| &q.id == p))
        .map(|p| format!("[{}] ", clean(&p.short)))
        .unwrap_or_default();
    format!("{tag}{}", clean(&row.label))
}

fn width(s: &str) -> usize {
    Span::raw(s).width()
}

fn center(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let pad = w.saturating_sub(width(&s));
    format!("{}{s}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2))
}

fn pad(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let n = w.saturating_sub(width(&s));
    format!("{s}{}", " ".repeat(n))
}

/// The scale as a legend of coloured chips with their names.
pub(super) fn legend(scale: &Scale, theme: &Theme, lang: Lang, max_width: usize) -> Line<'static> {
    let mut spans = vec![Span::styled(lang.pick(" Schaal: ", " Scale: "), theme.dim)];
    for v in scale.values() {
        let chip = match scale {
            Scale::Numeric { .. } => format!(" {} ", matrix::value_text(scale, v, lang)),
            Scale::Levels { .. } => format!(" {} ", v + 1),
        };
        spans.push(Span::styled(chip, theme.heat.cell(scale, Some(v))));
        if let Some(name) = matrix::value_name(scale, v, lang) {
            spans.push(Span::styled(format!(" {}", clean(&name)), theme.base));
        }
        spans.push(Span::raw("  "));
    }
    let note = lang.pick("* notitie", "* note");
    if Line::from(spans.clone()).width() + note.len() <= max_width {
        spans.push(Span::styled(note.to_string(), theme.dim));
    }
    Line::from(spans)
}

/// Where the grid's parts go in its area.
pub(super) struct Grid {
    /// Width of the row headings.
    head_w: usize,
    /// Width of a cell, including the one-column gap after it.
    cell_w: usize,
    /// First and one-past-last column shown.
    cols: (usize, usize),
    /// First and one-past-last row shown.
    rows: (usize, usize),
    /// Lines per row (2 when every row fits at that height).
    row_h: usize,
    /// The selection.
    cursor: Cursor,
    /// Rows in all.
    total_rows: usize,
}

impl Grid {
    pub(super) fn fit(
        area: Rect,
        labels: &[String],
        spec: &MatrixSpec,
        cursor: Cursor,
        lang: Lang,
    ) -> Grid {
        let w = area.width as usize;
        let k = spec.columns.len().max(1);
        let longest = labels.iter().map(|l| width(l)).max().unwrap_or(10) + 3;
        // Room for the widest value with a note mark and the selection brackets.
        let value_w = spec
            .scale
            .values()
            .map(|v| width(&matrix::value_text(&spec.scale, v, lang)))
            .max()
            .unwrap_or(2);
        let min_cell = MIN_CELL as usize;
        let want_cell = (value_w + 4).clamp(min_cell, MAX_CELL as usize);
        // Row headings take what they need, up to 45% of the width, at least 14 columns;
        // they give way (down to a quarter of the width) so the values can be read whole.
        let mut head_w = longest.min(w * 45 / 100).max(14.min(w / 3));
        if w.saturating_sub(head_w) < want_cell * k {
            head_w = w.saturating_sub(want_cell * k).max(w / 4).min(head_w);
        }
        let room = w.saturating_sub(head_w);
        // Fewer columns (scrolling sideways) rather than values cut short.
        let readable = (value_w + 2).max(min_cell);
        let shown = (room / readable).clamp(1, k);
        let cell_w = (room / shown).min(MAX_CELL as usize).max(1);
        let first_col = cursor.lane.saturating_sub(shown - 1).min(k - shown);
        let body_h = (area.height as usize).saturating_sub(2);
        let row_h = if labels.len() * 2 <= body_h { 2 } else { 1 };
        let shown_rows = (body_h / row_h).max(1);
        let first_row = cursor.card.saturating_sub(shown_rows - 1);
        Grid {
            head_w,
            cell_w,
            cols: (first_col, (first_col + shown).min(k)),
            rows: (first_row, (first_row + shown_rows).min(labels.len())),
            row_h,
            cursor,
            total_rows: labels.len(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn lines(
        &self,
        labels: &[String],
        rows: &[MatrixRow],
        cells: &MatrixState,
        spec: &MatrixSpec,
        theme: &Theme,
        lang: Lang,
        parties: &[crate::core::Party],
    ) -> Vec<Line<'static>> {
        let mut out = self.header(spec, theme, lang, parties);
        let inner = self.cell_w.saturating_sub(1).max(1);
        for (i, row) in rows.iter().enumerate().take(self.rows.1).skip(self.rows.0) {
            let selected_row = i == self.cursor.card;
            let label_parts = if self.row_h == 2 {
                wrap(&labels[i], self.head_w.saturating_sub(3).max(1))
            } else {
                vec![labels[i].clone()]
            };
            let marker = if selected_row { "▶ " } else { "  " };
            let head_style = if selected_row {
                theme.selected
            } else {
                theme.base
            };
            let mut first = vec![Span::styled(
                pad(
                    &format!(
                        "{marker}{}",
                        label_parts.first().cloned().unwrap_or_default()
                    ),
                    self.head_w.saturating_sub(1),
                ),
                head_style,
            )];
            first.push(Span::raw(" "));
            for c in self.cols.0..self.cols.1 {
                let column = &spec.columns[c];
                let value = matrix::value(cells, &row.key, &column.id);
                let noted = !matrix::note(cells, &row.key, &column.id).is_empty();
                let mut text = value.map_or_else(
                    || "·".to_string(),
                    |v| clean(&matrix::value_text(&spec.scale, v, lang)).into_owned(),
                );
                if noted {
                    text.push('*');
                }
                let mut style = theme.heat.cell(&spec.scale, value);
                if selected_row && c == self.cursor.lane {
                    text = format!("[{}]", truncate(&text, inner.saturating_sub(2)));
                    style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                }
                first.push(Span::styled(center(&text, inner), style));
                first.push(Span::raw(" "));
            }
            out.push(Line::from(first));
            if self.row_h == 2 {
                let rest = label_parts
                    .get(1..)
                    .map(|p| p.join(" "))
                    .unwrap_or_default();
                out.push(Line::from(Span::styled(
                    pad(&format!("  {rest}"), self.head_w.saturating_sub(1)),
                    head_style,
                )));
            }
        }
        out
    }

    /// The two heading lines: where the selection is, and the column labels.
    fn header(
        &self,
        spec: &MatrixSpec,
        theme: &Theme,
        lang: Lang,
        parties: &[crate::core::Party],
    ) -> Vec<Line<'static>> {
        let inner = self.cell_w.saturating_sub(1).max(1);
        let (up, down) = (self.rows.0, self.total_rows - self.rows.1);
        let position = format!(
            " {} {}/{}",
            lang.pick("rij", "row"),
            self.cursor.card + 1,
            self.total_rows
        );
        let more = match (up, down) {
            (0, 0) => String::new(),
            (u, 0) => format!(" ▲{u}"),
            (0, d) => format!(" ▼{d}"),
            (u, d) => format!(" ▲{u} ▼{d}"),
        };
        let mut top = vec![Span::styled(pad(&position, self.head_w), theme.dim)];
        let left = if self.cols.0 > 0 { "◀" } else { " " };
        let mut bottom = vec![Span::styled(
            format!("{}{left}", pad(&more, self.head_w.saturating_sub(1))),
            theme.dim,
        )];
        for c in self.cols.0..self.cols.1 {
            let column = &spec.columns[c];
            let label = clean(column.label.get(lang)).into_owned();
            let mut parts = wrap(&label, inner);
            let broken = label.split_whitespace().any(|w| width(w) > inner);
            if parts.len() > 2 || broken {
                // Too long for two lines: the party's short name, or the label cut.
                let short = column
                    .party
                    .as_ref()
                    .and_then(|p| parties.iter().find(|q| &q.id == p))
                    .map(|p| clean(&p.short).into_owned());
                parts = match short {
                    Some(s) => vec![s],
                    None if broken => vec![truncate(&label, inner)],
                    None => vec![parts[0].clone(), truncate(&parts[1..].join(" "), inner)],
                };
            }
            let style = if c == self.cursor.lane {
                theme.focus.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.title
            };
            let (l1, l2) = match parts.as_slice() {
                [one] => (String::new(), one.clone()),
                [a, b, ..] => (a.clone(), b.clone()),
                [] => (String::new(), String::new()),
            };
            top.push(Span::styled(center(&l1, inner), style));
            top.push(Span::raw(" "));
            bottom.push(Span::styled(center(&l2, inner), style));
            bottom.push(Span::styled(
                if c + 1 == self.cols.1 && self.cols.1 < spec.columns.len() {
                    "▶"
                } else {
                    " "
                },
                theme.dim,
            ));
        }
        vec![Line::from(top), Line::from(bottom)]
    }
}

/// The selected cell in full: the row's whole text, the column, the value's name, the
/// whole note (each wrapped, never cut), and the keys below.
pub(super) struct Detail {
    lines: Vec<Line<'static>>,
    hint: String,
}

/// Where the selection goes after a digit, as the facilitator chose (`r`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Advance {
    /// To the next cell of the row (then the next row): the default.
    #[default]
    Row,
    /// To the next cell of the column (then the next column).
    Column,
    /// It stays.
    Stay,
}

impl Advance {
    /// The next choice of `r`.
    pub fn next(self) -> Advance {
        match self {
            Advance::Row => Advance::Column,
            Advance::Column => Advance::Stay,
            Advance::Stay => Advance::Row,
        }
    }

    /// What the hint says of it.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Advance::Row => lang.pick("daarna →", "then →"),
            Advance::Column => lang.pick("daarna ↓", "then ↓"),
            Advance::Stay => lang.pick("blijft staan", "stays"),
        }
    }
}

impl Detail {
    /// The detail of the selected cell; `hints`: the keys of a live session.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn of(
        rows: &[MatrixRow],
        labels: &[String],
        cells: &MatrixState,
        spec: &MatrixSpec,
        cursor: Cursor,
        advance: Option<Advance>,
        theme: &Theme,
        lang: Lang,
    ) -> Detail {
        let mut lines = Vec::new();
        if let (Some(row), Some(column), Some(label)) = (
            rows.get(cursor.card),
            spec.columns.get(cursor.lane),
            labels.get(cursor.card),
        ) {
            let value = matrix::value(cells, &row.key, &column.id);
            let note = matrix::note(cells, &row.key, &column.id);
            let column_label = clean(column.label.get(lang)).into_owned();
            let mut second = vec![Span::styled(format!("{column_label}: "), theme.title)];
            match value {
                Some(v) => {
                    second.push(Span::styled(
                        format!(" {} ", clean(&matrix::value_text(&spec.scale, v, lang))),
                        theme.heat.cell(&spec.scale, Some(v)),
                    ));
                    if let Some(name) = matrix::value_name(&spec.scale, v, lang)
                        && name != matrix::value_text(&spec.scale, v, lang)
                    {
                        second.push(Span::styled(format!(" {}", clean(&name)), theme.base));
                    }
                }
                None => second.push(Span::styled(
                    lang.pick("nog niet ingevuld", "not rated yet"),
                    theme.dim,
                )),
            }
            lines.push(Line::styled(label.clone(), theme.title));
            lines.push(Line::from(second));
            if !note.is_empty() {
                lines.push(Line::styled(
                    format!("{}: {}", lang.pick("notitie", "note"), clean(note)),
                    theme.notes,
                ));
            }
        }
        let hint = match advance {
            Some(advance) => {
                let signed = matches!(spec.scale, Scale::Numeric { min, .. } if min < 0);
                let mut parts = vec![format!(
                    "{} {}",
                    lang.pick("cijfer zet,", "digit sets,"),
                    advance.word(lang)
                )];
                if signed {
                    parts.push(lang.pick("- 2 = min twee", "- 2 = minus two").into());
                }
                parts.extend(
                    [
                        lang.pick("r richting", "r direction"),
                        lang.pick("x wist", "x clears"),
                        lang.pick("e notitie", "e note"),
                        lang.pick("A analyse", "A analysis"),
                    ]
                    .map(String::from),
                );
                parts.join(" · ")
            }
            None => lang.pick("A analyse", "A analysis").to_string(),
        };
        Detail { lines, hint }
    }

    /// Rows it needs at `width`: a border line, the wrapped lines, the keys.
    pub(super) fn height(&self, width: u16) -> u16 {
        let w = width.max(1) as usize;
        let text: usize = self
            .lines
            .iter()
            .map(|l| crate::tui::view::wrapped_height(&l.to_string(), w))
            .sum();
        (text + 2) as u16
    }

    /// Draws it in `area`; the keys, cut to the parts that fit (whole), at the bottom.
    pub(super) fn render(self, frame: &mut Frame, area: Rect, theme: &Theme) {
        if area.height == 0 {
            return;
        }
        let room = area.width.saturating_sub(2) as usize;
        let mut hint = String::new();
        for part in self.hint.split(" · ") {
            let next = if hint.is_empty() {
                part.to_string()
            } else {
                format!("{hint} · {part}")
            };
            if width(&next) > room {
                break;
            }
            hint = next;
        }
        let block = Block::default()
            .borders(Borders::TOP | Borders::BOTTOM)
            .border_style(theme.border);
        let block = if !hint.is_empty() {
            block.title_bottom(Span::styled(format!(" {hint} "), theme.dim))
        } else {
            block
        };
        frame.render_widget(
            Paragraph::new(self.lines)
                .style(theme.base)
                .wrap(Wrap { trim: true })
                .block(block),
            area,
        );
    }
}
