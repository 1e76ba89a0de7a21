//! Text for the terminal: cutting to a width. Cleaning lives in core (`core::clean`), one
//! function for the terminal and every report.

pub use crate::core::clean::{clean, one_line};

/// `s` cut to `w` terminal columns, with `…` when it was longer (wide characters count
/// as two columns).
pub fn truncate(s: &str, w: usize) -> String {
    let width = |s: &str| ratatui::text::Span::raw(s).width();
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = width(ch.encode_utf8(&mut [0; 4]));
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_columns_and_marks_the_cut() {
        assert_eq!(truncate("Energiecoöperatie", 20), "Energiecoöperatie");
        assert_eq!(truncate("Energiecoöperatie", 8), "Energie…");
        // A wide character takes two columns: never more than `w` columns in all.
        assert_eq!(truncate("会議会議会議", 5), "会議…");
        assert_eq!(truncate("abc", 0), "");
    }
}
