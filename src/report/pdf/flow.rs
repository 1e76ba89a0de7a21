//! Text that flows down A4 pages: headings kept with what follows, wrapped paragraphs,
//! tables whose rows never split; a new page starts with "vervolg" / "continued" and the
//! title only when the content does not fit.

use super::{Doc, PAGE_HEIGHT, PAGE_WIDTH, Rgb, Weight};
use crate::core::Lang;

/// Page margins in points.
pub const MARGIN: f32 = 36.0;

/// The most lines one table cell shows (a pasted wall of text is cut, not spread over
/// pages).
const CELL_LINES: usize = 30;

/// A table cell: its text, weight, colours.
#[derive(Clone, Debug)]
pub struct Cell {
    /// The text (wrapped to the column).
    pub text: String,
    /// Bold or not.
    pub weight: Weight,
    /// Text colour.
    pub ink: Rgb,
    /// Background, if any.
    pub fill: Option<Rgb>,
}

impl Cell {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            weight: Weight::Regular,
            ink: Rgb::INK,
            fill: None,
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            weight: Weight::Bold,
            ..Cell::plain(text)
        }
    }

    /// Secondary text.
    pub fn dim(text: impl Into<String>) -> Cell {
        Cell {
            ink: Rgb::DIM,
            ..Cell::plain(text)
        }
    }
}

/// A document being laid out from the top of its first page.
pub struct Flow {
    /// The document drawn on.
    pub doc: Doc,
    /// Distance of the next line from the top of the page.
    pub y: f32,
    title: String,
    lang: Lang,
    /// Body text size.
    pub size: f32,
}

impl Flow {
    /// A flow of a document titled `title` (repeated under "vervolg" on later pages).
    pub fn new(title: &str, lang: Lang, size: f32) -> Flow {
        let mut doc = Doc::new(title, lang);
        doc.new_page();
        Flow {
            doc,
            y: MARGIN,
            title: title.to_string(),
            lang,
            size,
        }
    }

    /// The width text can take.
    pub fn width(&self) -> f32 {
        PAGE_WIDTH - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        PAGE_HEIGHT - MARGIN - 14.0
    }

    /// Makes room for `height` points: a new page when they do not fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height <= self.bottom() {
            return;
        }
        self.doc.new_page();
        self.y = MARGIN;
        let label = format!(
            "{} — {}",
            self.lang.pick("Vervolg", "Continued"),
            crate::core::clean::one_line(&self.title)
        );
        let size = self.size;
        self.doc
            .text(MARGIN, self.y + size, size, Weight::Bold, Rgb::DIM, &label);
        self.y += size * 2.2;
    }

    /// Lines of `text` in `weight` at `size` that fit `width`: broken at spaces, a word
    /// longer than the width broken inside.
    pub fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let font = self.doc.font(weight);
        let mut lines = Vec::new();
        for paragraph in crate::core::clean::clean(text).split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if font.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the column: as many characters as fit per line, the
                // width added up as it goes (one pass, however long the word).
                let mut used = font.width(&line, size);
                for c in word.chars() {
                    let w = font.char_width(c, size);
                    if used + w > width && !line.is_empty() {
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                        used = w;
                    } else {
                        line.push(c);
                        used += w;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    /// `text` on one line of `width`, cut with an ellipsis when it is longer.
    pub fn fit(&self, text: &str, weight: Weight, size: f32, width: f32) -> String {
        let text = crate::core::clean::one_line(text);
        self.doc.font(weight).fit(&text, size, width)
    }

    /// A section heading, kept on the page with at least `keep` points after it.
    pub fn heading(&mut self, text: &str, size: f32, keep: f32) {
        self.ensure(size * 1.8 + keep);
        self.y += size * 0.6;
        self.doc
            .text(MARGIN, self.y + size, size, Weight::Bold, Rgb::ACCENT, text);
        self.y += size * 1.35;
    }

    /// A wrapped paragraph at the margin plus `indent`.
    pub fn paragraph(&mut self, text: &str, weight: Weight, size: f32, ink: Rgb, indent: f32) {
        let lines = self.wrap(text, weight, size, self.width() - indent);
        let leading = size * 1.3;
        for line in lines {
            self.ensure(leading);
            self.doc
                .text(MARGIN + indent, self.y + size, size, weight, ink, &line);
            self.y += leading;
        }
    }

    /// A table: columns as fractions of the width, a header row, then rows; a row
    /// never splits across pages, and the header repeats on a new page.
    pub fn table(&mut self, columns: &[f32], header: &[&str], rows: &[Vec<Cell>]) {
        let size = self.size;
        let widths: Vec<f32> = columns.iter().map(|f| f * self.width()).collect();
        let pad = 2.0;
        let leading = size * 1.22;
        let header_cells: Vec<Cell> = header.iter().map(|h| Cell::bold(*h)).collect();
        let first_height = rows
            .first()
            .map_or(0.0, |r| self.row_height(r, &widths, pad, leading));
        let header_height = self.row_height(&header_cells, &widths, pad, leading);
        self.ensure(header_height + first_height);
        self.draw_row(&header_cells, &widths, pad, leading, Some(Rgb::WASH));
        for row in rows {
            let height = self.row_height(row, &widths, pad, leading);
            if self.y + height > self.bottom() {
                self.ensure(header_height + height);
                self.draw_row(&header_cells, &widths, pad, leading, Some(Rgb::WASH));
            }
            self.draw_row(row, &widths, pad, leading, None);
        }
        self.y += size * 0.4;
    }

    /// A cell's lines: at most [`CELL_LINES`], the last ending in "…", so that one row
    /// always fits a page.
    fn cell_lines(&self, cell: &Cell, width: f32) -> Vec<String> {
        let mut lines = self.wrap(&cell.text, cell.weight, self.size, width);
        if lines.len() > CELL_LINES {
            lines.truncate(CELL_LINES);
            if let Some(last) = lines.last_mut() {
                let cut = self
                    .doc
                    .font(cell.weight)
                    .fit(&format!("{last}…"), self.size, width);
                *last = if cut.ends_with('…') {
                    cut
                } else {
                    format!("{cut}…")
                };
            }
        }
        lines
    }

    fn row_height(&self, row: &[Cell], widths: &[f32], pad: f32, leading: f32) -> f32 {
        let lines = row
            .iter()
            .zip(widths)
            .map(|(c, w)| self.cell_lines(c, w - 2.0 * pad).len())
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * leading + 2.0 * pad
    }

    fn draw_row(
        &mut self,
        row: &[Cell],
        widths: &[f32],
        pad: f32,
        leading: f32,
        fill: Option<Rgb>,
    ) {
        let height = self.row_height(row, widths, pad, leading);
        let size = self.size;
        let mut x = MARGIN;
        if let Some(fill) = fill {
            self.doc.rect(MARGIN, self.y, self.width(), height, fill);
        }
        for (cell, w) in row.iter().zip(widths) {
            if let Some(fill) = cell.fill {
                self.doc.rect(x, self.y, *w, height, fill);
            }
            let lines = self.cell_lines(cell, w - 2.0 * pad);
            for (i, line) in lines.iter().enumerate() {
                let baseline = self.y + pad + size * 0.95 + i as f32 * leading;
                self.doc
                    .text(x + pad, baseline, size, cell.weight, cell.ink, line);
            }
            x += w;
        }
        self.y += height;
        let right = MARGIN + self.width();
        self.doc
            .line((MARGIN, self.y), (right, self.y), 0.5, Rgb::LINE);
    }

    /// Page numbers ("1/2") and a line at the foot of every page; then the file.
    pub fn finish(self, foot: &str) -> Vec<u8> {
        let mut doc = self.doc;
        let pages = doc.page_count();
        let pages_content = std::mem::take(&mut doc.pages);
        for (i, content) in pages_content.into_iter().enumerate() {
            doc.pages.push(content);
            let y = PAGE_HEIGHT - MARGIN + 4.0;
            doc.text(MARGIN, y, 7.0, Weight::Regular, Rgb::DIM, foot);
            let number = format!("{}/{pages}", i + 1);
            let w = doc.font(Weight::Regular).width(&number, 7.0);
            doc.text(
                PAGE_WIDTH - MARGIN - w,
                y,
                7.0,
                Weight::Regular,
                Rgb::DIM,
                &number,
            );
        }
        doc.finish()
    }
}
