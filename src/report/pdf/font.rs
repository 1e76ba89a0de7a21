//! The handout's font: Open Sans (Apache 2.0, assets/fonts/), measured with ttf-parser and
//! embedded as a subset. Subsetting keeps every glyph id (so the text needs no re-mapping)
//! and empties the outlines of the glyphs a document does not use; the tables a PDF reader
//! needs for a TrueType font program are copied, the rest left out.

use std::collections::BTreeMap;

use ttf_parser::{Face, GlyphId, Tag};

/// The two weights, as committed.
static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/OpenSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/OpenSans-Bold.ttf");

/// Regular or bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings and labels.
    Bold,
}

/// A font of the document, with the glyphs used so far.
pub struct Font {
    pub(super) weight: Weight,
    data: &'static [u8],
    face: Option<Face<'static>>,
    /// Glyph id -> the text it shows (for the ToUnicode map that makes the PDF searchable).
    pub(super) used: BTreeMap<u16, char>,
}

impl Font {
    /// The font of a weight.
    pub fn new(weight: Weight) -> Font {
        let data = match weight {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        };
        Font {
            weight,
            data,
            face: Face::parse(data, 0).ok(),
            used: BTreeMap::new(),
        }
    }

    fn units_per_em(&self) -> f32 {
        self.face
            .as_ref()
            .map_or(1000.0, |f| f32::from(f.units_per_em()))
    }

    /// The glyph that shows `c`: its own, else `?` (the font has no emoji).
    fn glyph(&self, c: char) -> u16 {
        let Some(face) = &self.face else { return 0 };
        face.glyph_index(c)
            .or_else(|| face.glyph_index('?'))
            .map_or(0, |g| g.0)
    }

    /// The advance of a glyph in thousandths of the font size.
    pub(super) fn advance(&self, gid: u16) -> f32 {
        let advance = self
            .face
            .as_ref()
            .and_then(|f| f.glyph_hor_advance(GlyphId(gid)))
            .unwrap_or(0);
        f32::from(advance) * 1000.0 / self.units_per_em()
    }

    /// The width of one character at `size` points.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        self.advance(self.glyph(c)) * size / 1000.0
    }

    /// `text` cut with an ellipsis to fit `width` at `size` (one pass over the text).
    pub fn fit(&self, text: &str, size: f32, width: f32) -> String {
        if self.width(text, size) <= width {
            return text.to_string();
        }
        let room = width - self.char_width('…', size);
        let mut used = 0.0;
        let mut out = String::new();
        for c in text.chars() {
            used += self.char_width(c, size);
            if used > room {
                break;
            }
            out.push(c);
        }
        format!("{}…", out.trim_end())
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// `text` as the two-byte glyph codes a content stream shows, the glyphs noted as used.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let gid = self.glyph(c);
            let shown = if gid == 0 || self.face.as_ref().and_then(|f| f.glyph_index(c)).is_none() {
                '?'
            } else {
                c
            };
            self.used.entry(gid).or_insert(shown);
            bytes.extend_from_slice(&gid.to_be_bytes());
        }
        bytes
    }

    /// Ascender, descender and cap height in thousandths of the size; the bounding box.
    pub(super) fn metrics(&self) -> (f32, f32, f32, [f32; 4]) {
        let scale = 1000.0 / self.units_per_em();
        match &self.face {
            Some(f) => {
                let b = f.global_bounding_box();
                (
                    f32::from(f.ascender()) * scale,
                    f32::from(f.descender()) * scale,
                    f32::from(f.capital_height().unwrap_or(f.ascender())) * scale,
                    [
                        f32::from(b.x_min) * scale,
                        f32::from(b.y_min) * scale,
                        f32::from(b.x_max) * scale,
                        f32::from(b.y_max) * scale,
                    ],
                )
            }
            None => (1000.0, -250.0, 700.0, [0.0, -250.0, 1000.0, 1000.0]),
        }
    }

    /// The font program with only the used glyphs' outlines; the whole font if it cannot
    /// be subset (it always can: the font is committed).
    pub fn subset(&self) -> Vec<u8> {
        subset(self.data, &self.used).unwrap_or_else(|| self.data.to_vec())
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
        *data.get(at + 2)?,
        *data.get(at + 3)?,
    ]))
}

fn table<'a>(face: &Face<'a>, tag: &[u8; 4]) -> Option<&'a [u8]> {
    face.raw_face().table(Tag::from_bytes(tag))
}

/// The outline bytes of each glyph, by id.
fn glyph_ranges(loca: &[u8], long: bool, glyphs: usize) -> Option<Vec<(usize, usize)>> {
    let offset = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, i * 4).map(|v| v as usize)
        } else {
            u16_at(loca, i * 2).map(|v| usize::from(v) * 2)
        }
    };
    (0..glyphs)
        .map(|i| Some((offset(i)?, offset(i + 1)?)))
        .collect()
}

/// Glyph ids a composite glyph is made of.
fn components(glyph: &[u8]) -> Vec<u16> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut out = Vec::new();
    let contours = u16_at(glyph, 0).map_or(0, |c| c as i16);
    if contours >= 0 {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(gid)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        out.push(gid);
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 {
            2
        } else if flags & XY_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 || out.len() > 64 {
            break;
        }
    }
    out
}

fn subset(data: &[u8], used: &BTreeMap<u16, char>) -> Option<Vec<u8>> {
    let face = Face::parse(data, 0).ok()?;
    let head = table(&face, b"head")?;
    let maxp = table(&face, b"maxp")?;
    let loca = table(&face, b"loca")?;
    let glyf = table(&face, b"glyf")?;
    let glyphs = usize::from(u16_at(maxp, 4)?);
    let long = u16_at(head, 50)? == 1;
    let ranges = glyph_ranges(loca, long, glyphs)?;
    let outline = |gid: u16| -> Option<&[u8]> {
        let (start, end) = *ranges.get(usize::from(gid))?;
        glyf.get(start..end.max(start))
    };
    // The used glyphs, glyph 0 and every component of a composite one.
    let mut keep: std::collections::BTreeSet<u16> = used.keys().copied().collect();
    keep.insert(0);
    let mut todo: Vec<u16> = keep.iter().copied().collect();
    while let Some(gid) = todo.pop() {
        for part in components(outline(gid).unwrap_or(&[])) {
            if keep.insert(part) {
                todo.push(part);
            }
        }
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((glyphs + 1) * 4);
    for gid in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let id = u16::try_from(gid).ok()?;
        if keep.contains(&id) {
            new_glyf.extend_from_slice(outline(id).unwrap_or(&[]));
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    let mut new_head = head.to_vec();
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"loca", new_loca),
    ];
    for tag in [
        b"OS/2", b"cvt ", b"fpgm", b"hhea", b"hmtx", b"maxp", b"prep",
    ] {
        if let Some(t) = table(&face, tag) {
            tables.push((*tag, t.to_vec()));
        }
    }
    tables.sort_by_key(|t| t.0);
    Some(assemble(&tables))
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// An sfnt file of these tables (sorted by tag), with checksums and the head's adjustment.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let power = 1u16 << (15 - n.max(1).leading_zeros() as u16);
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(n * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, bytes) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(bytes).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += bytes.len().div_ceil(4) * 4;
    }
    for (_, bytes) in tables {
        out.extend_from_slice(bytes);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        if let Some(slot) = out.get_mut(at + 8..at + 12) {
            slot.copy_from_slice(&adjustment.to_be_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_keeps_the_used_glyphs_and_is_a_fraction_of_the_font() {
        let mut font = Font::new(Weight::Regular);
        font.encode("Coöperatie ëé");
        let subset = font.subset();
        assert!(subset.len() < REGULAR.len() / 3, "{} bytes", subset.len());
        let face = Face::parse(&subset, 0).expect("the subset is a font");
        let glyph = face.glyph_index('ö');
        // The subset has no cmap: look the glyph up in the whole font, outline in both.
        let full = Face::parse(REGULAR, 0).unwrap();
        let gid = full.glyph_index('ö').unwrap();
        assert!(glyph.is_none());
        let mut sink = Sink(0);
        assert!(
            face.outline_glyph(gid, &mut sink).is_some(),
            "ö keeps its outline"
        );
        let unused = full.glyph_index('Z').unwrap();
        assert!(
            face.outline_glyph(unused, &mut sink).is_none(),
            "Z is emptied"
        );
        assert!(font.width("Coöperatie", 10.0) > 40.0);
    }

    struct Sink(usize);
    impl ttf_parser::OutlineBuilder for Sink {
        fn move_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn line_to(&mut self, _: f32, _: f32) {}
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
        fn close(&mut self) {}
    }
}
