//! The QR code of the join link, as data the screens draw: the module matrix, and the same
//! as lines of half blocks (two modules per character cell, one above the other), so it is
//! square on a terminal and scans from across a room.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone the standard asks for, in modules, on every side.
pub const QUIET: usize = 4;

/// A QR code: a square of dark and light modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qr {
    width: usize,
    dark: Vec<bool>,
}

/// The text does not fit a QR code.
#[derive(Debug, thiserror::Error)]
#[error("the join link does not fit in a QR code: {0}")]
pub struct QrError(String);

impl Qr {
    /// The QR code of `text` at error correction level M (15% may be damaged or dirty: a
    /// beamer's glare, a finger on the screen). Upper-case links use the dense
    /// alphanumeric mode, so a join link fits in 29 x 29 modules.
    pub fn new(text: &str) -> Result<Qr, QrError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| QrError(e.to_string()))?;
        Ok(Qr {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules per side, without a quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark (outside the code: light).
    pub fn dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The rows of modules with `quiet` light modules around: true is dark.
    pub fn matrix(&self, quiet: usize) -> Vec<Vec<bool>> {
        let side = self.width + 2 * quiet;
        (0..side)
            .map(|y| {
                (0..side)
                    .map(|x| x >= quiet && y >= quiet && self.dark(x - quiet, y - quiet))
                    .collect()
            })
            .collect()
    }

    /// The code as text lines of half blocks with `quiet` light modules around: `█` is two
    /// dark modules, `▀` dark above, `▄` dark below, a space two light ones. Draw the lines
    /// black on white (the glyphs are the dark modules): scanners expect dark on light,
    /// whatever the terminal's theme. `(width + 2 * quiet)` columns by half as many rows.
    pub fn lines(&self, quiet: usize) -> Vec<String> {
        let m = self.matrix(quiet);
        m.chunks(2)
            .map(|pair| {
                let top = &pair[0];
                let below = pair.get(1);
                top.iter()
                    .enumerate()
                    .map(|(x, &up)| {
                        let down = below.is_some_and(|row| row[x]);
                        match (up, down) {
                            (true, true) => '█',
                            (true, false) => '▀',
                            (false, true) => '▄',
                            (false, false) => ' ',
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Columns and rows that [`Qr::lines`] takes with this quiet zone.
    pub fn size(&self, quiet: usize) -> (usize, usize) {
        let side = self.width + 2 * quiet;
        (side, side.div_ceil(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the half-block lines back as a scanner would see them (each module 4 pixels).
    fn scan(lines: &[String]) -> String {
        let rows: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
        let (w, h) = (rows[0].len(), rows.len() * 2);
        let scale = 4;
        let mut img = rqrr::PreparedImage::prepare_from_bitmap(w * scale, h * scale, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            let c = rows[my / 2][mx];
            match c {
                '█' => true,
                '▀' => my % 2 == 0,
                '▄' => my % 2 == 1,
                _ => false,
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        grids[0].decode().expect("the code decodes").1
    }

    #[test]
    fn a_join_link_fits_small_and_scans_back() {
        let link = "HTTP://192.168.178.123:8421/J/ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let qr = Qr::new(link).unwrap();
        assert_eq!(qr.width(), 29, "version 3: fits 80x24 with its quiet zone");
        let lines = qr.lines(QUIET);
        assert_eq!(qr.size(QUIET), (37, 19));
        assert_eq!(lines.len(), 19);
        assert!(lines.iter().all(|l| l.chars().count() == 37));
        // The quiet zone is light all round.
        assert!(lines[0].chars().all(|c| c == ' ') && lines[1].chars().all(|c| c == ' '));
        assert_eq!(scan(&lines), link);
        // A narrower quiet zone still scans (for small terminals).
        assert_eq!(scan(&qr.lines(2)), link);
    }

    #[test]
    fn finder_patterns_are_in_the_corners() {
        let qr = Qr::new("HTTP://127.0.0.1:8421/J/X").unwrap();
        let m = qr.matrix(0);
        // Each 7x7 finder has a dark ring and a dark 3x3 centre.
        for (x0, y0) in [(0, 0), (qr.width() - 7, 0), (0, qr.width() - 7)] {
            assert!(m[y0][x0] && m[y0 + 6][x0 + 6] && m[y0 + 3][x0 + 3]);
            assert!(!m[y0 + 1][x0 + 1]);
        }
    }
}
