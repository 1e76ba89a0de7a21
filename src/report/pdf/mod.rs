//! PDF: the one-page handout and the full report. A small writer on `pdf-writer` (the
//! low-level crate of the typst project): A4 pages, text in an embedded subset of Open
//! Sans with a ToUnicode map (so the text is searchable and copies as itself), filled
//! rectangles and lines. The documents take an [`Outcome`](super::Outcome), never a
//! session, so that any model of that shape (a programme's aggregate) can be written.

mod flow;
pub mod font;
mod full;
mod handout;
mod kinds;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub use flow::{Cell, Flow};
pub use font::{Font, Weight};
pub use full::render as full;
pub use handout::render as handout;

use crate::core::Lang;

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub const PAGE_HEIGHT: f32 = 841.89;

/// An RGB colour, each part 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Ink for text.
    pub const INK: Rgb = Rgb(0.106, 0.106, 0.106);
    /// Secondary text.
    pub const DIM: Rgb = Rgb(0.353, 0.353, 0.353);
    /// Rules and borders.
    pub const LINE: Rgb = Rgb(0.835, 0.835, 0.835);
    /// Headings and bars (the report's accent).
    pub const ACCENT: Rgb = Rgb(0.122, 0.306, 0.549);
    /// Table headers and stripes.
    pub const WASH: Rgb = Rgb(0.957, 0.961, 0.969);

    /// `#rrggbb`; ink for anything else.
    pub fn hex(hex: &str) -> Rgb {
        let digits = hex.trim_start_matches('#');
        let part = |i: usize| {
            digits
                .get(i..i + 2)
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .map_or(0.0, |v| f32::from(v) / 255.0)
        };
        if digits.len() == 6 {
            Rgb(part(0), part(2), part(4))
        } else {
            Rgb::INK
        }
    }
}

/// A PDF being drawn: pages of content, the two fonts with the glyphs they used.
pub struct Doc {
    title: String,
    lang: Lang,
    pages: Vec<Content>,
    fonts: [Font; 2],
}

impl Doc {
    /// An empty document with a title (for the reader's window) in a language.
    pub fn new(title: &str, lang: Lang) -> Doc {
        Doc {
            title: crate::core::clean::one_line(title),
            lang,
            pages: Vec::new(),
            fonts: [Font::new(Weight::Regular), Font::new(Weight::Bold)],
        }
    }

    /// Starts a new page; drawing goes there from now on.
    pub fn new_page(&mut self) {
        self.pages.push(Content::new());
    }

    /// Pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The font of a weight, to measure with.
    pub fn font(&self, weight: Weight) -> &Font {
        &self.fonts[weight as usize]
    }

    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Text with its baseline's left end at (x, y), y measured from the top of the page.
    pub fn text(&mut self, x: f32, y: f32, size: f32, weight: Weight, colour: Rgb, text: &str) {
        let clean = crate::core::clean::one_line(text);
        let bytes = self.fonts[weight as usize].encode(&clean);
        let name = font_name(weight);
        let page = self.page();
        page.set_fill_rgb(colour.0, colour.1, colour.2);
        page.begin_text();
        page.set_font(Name(name), size);
        page.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, PAGE_HEIGHT - y]);
        page.show(Str(&bytes));
        page.end_text();
    }

    /// A filled rectangle whose top-left corner is (x, y), y from the top.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb) {
        let page = self.page();
        page.set_fill_rgb(colour.0, colour.1, colour.2);
        page.rect(x, PAGE_HEIGHT - y - h, w, h);
        page.fill_nonzero();
    }

    /// A line, y from the top.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, colour: Rgb) {
        let page = self.page();
        page.set_stroke_rgb(colour.0, colour.1, colour.2);
        page.set_line_width(width);
        page.move_to(from.0, PAGE_HEIGHT - from.1);
        page.line_to(to.0, PAGE_HEIGHT - to.1);
        page.stroke();
    }

    /// The finished file.
    pub fn finish(mut self) -> Vec<u8> {
        if self.pages.is_empty() {
            self.new_page();
        }
        let mut next = 1;
        let mut id = || {
            let r = Ref::new(next);
            next += 1;
            r
        };
        let catalog = id();
        let tree = id();
        let info = id();
        let font_ids: Vec<(Ref, Ref, Ref, Ref, Ref)> =
            (0..2).map(|_| (id(), id(), id(), id(), id())).collect();
        let page_ids: Vec<(Ref, Ref)> = (0..self.pages.len()).map(|_| (id(), id())).collect();

        let mut pdf = Pdf::new();
        let lang = match self.lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        };
        pdf.catalog(catalog).pages(tree).lang(TextStr(lang));
        pdf.document_info(info)
            .title(TextStr(&self.title))
            .creator(TextStr("samenspel"));
        pdf.pages(tree)
            .kids(page_ids.iter().map(|(p, _)| *p))
            .count(page_ids.len() as i32);
        for (content, (page_id, content_id)) in self.pages.into_iter().zip(&page_ids) {
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .parent(tree)
                .contents(*content_id);
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            for (weight, ids) in [Weight::Regular, Weight::Bold].iter().zip(&font_ids) {
                fonts.pair(Name(font_name(*weight)), ids.0);
            }
            fonts.finish();
            resources.finish();
            page.finish();
            let bytes = compress(&content.finish());
            pdf.stream(*content_id, &bytes).filter(Filter::FlateDecode);
        }
        for (font, (type0, cid, descriptor, file, cmap)) in self.fonts.iter().zip(&font_ids) {
            write_font(&mut pdf, font, [*type0, *cid, *descriptor, *file, *cmap]);
        }
        pdf.finish()
    }
}

fn font_name(weight: Weight) -> &'static [u8] {
    match weight {
        Weight::Regular => b"F1",
        Weight::Bold => b"F2",
    }
}

fn compress(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    if encoder.write_all(bytes).is_err() {
        return Vec::new();
    }
    encoder.finish().unwrap_or_default()
}

fn write_font(pdf: &mut Pdf, font: &Font, [type0, cid, descriptor, file, cmap]: [Ref; 5]) {
    // A subset's name starts with six capitals that tell it from the whole font; derived
    // from the glyphs, so the same document gives the same bytes.
    let tag: String = {
        let mut h: u32 = 2166136261;
        for gid in font.used.keys() {
            h = (h ^ u32::from(*gid)).wrapping_mul(16777619);
        }
        (0..6)
            .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
            .collect()
    };
    let base = match font.weight {
        Weight::Regular => format!("{tag}+OpenSans-Regular"),
        Weight::Bold => format!("{tag}+OpenSans-Bold"),
    };
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(Name(base.as_bytes()))
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = cid_font.widths();
    for gid in font.used.keys() {
        widths.consecutive(*gid, [font.advance(*gid)]);
    }
    widths.finish();
    cid_font.finish();
    let (ascent, descent, cap, bbox) = font.metrics();
    pdf.font_descriptor(descriptor)
        .name(Name(base.as_bytes()))
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(bbox[0], bbox[1], bbox[2], bbox[3]))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(descent)
        .cap_height(cap)
        .stem_v(if font.weight == Weight::Bold {
            140.0
        } else {
            80.0
        })
        .font_file2(file);
    let program = compress(&font.subset());
    pdf.stream(file, &program).filter(Filter::FlateDecode);
    let mut unicode = UnicodeCmap::new(Name(b"Custom"), system);
    for (gid, c) in &font.used {
        unicode.pair(*gid, *c);
    }
    pdf.cmap(cmap, &unicode.finish());
}
