//! The style sheet of the HTML report, inlined into every page: calm and high contrast on
//! screen (every text meets WCAG AA, 4.5:1, against what is behind it), a phone layout in
//! which wide tables scroll in their own box instead of widening the page, and a print
//! layout on A4 that keeps headings with what follows and the heat map's colours.

/// The CSS of the report.
pub const CSS: &str = r#"
:root { --ink: #1b1b1b; --dim: #5a5a5a; --line: #d5d5d5; --paper: #ffffff; --wash: #f4f5f7; --accent: #1f4e8c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header.report { background: var(--paper); border-top: 6px solid var(--accent); padding: 1.5rem 1.75rem; margin-bottom: 1.5rem; border-radius: 6px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; overflow-wrap: break-word; }
h2 { font-size: 1.4rem; margin: 0 0 .5rem; color: var(--accent); overflow-wrap: break-word; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; overflow-wrap: break-word; }
h4 { font-size: 1rem; margin: .25rem 0 .4rem; }
p, li, td, th { overflow-wrap: break-word; }
.meta { color: var(--dim); margin: 0 0 .75rem; }
.meta b { color: var(--ink); font-weight: 600; }
.desc { margin: 0; }
section { background: var(--paper); padding: 1.25rem 1.75rem 1.5rem; margin-bottom: 1.5rem; border-radius: 6px; }
.prompt { margin: 0 0 1rem; padding: .5rem 1rem; border-left: 4px solid var(--accent); background: #eef3fa; font-style: italic; }
.empty { color: var(--dim); font-style: italic; }
.scroll { max-width: 100%; overflow-x: auto; margin: .5rem 0 1rem;
  /* Shadows at an edge with more table beyond it: a cue to swipe on a phone. */
  background: linear-gradient(to right, var(--paper) 30%, rgba(255,255,255,0)) left / 2.5rem 100% no-repeat local,
    linear-gradient(to left, var(--paper) 30%, rgba(255,255,255,0)) right / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.25), rgba(0,0,0,0)) left / .9rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.25), rgba(0,0,0,0)) right / .9rem 100% no-repeat scroll; }
.scroll > table { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--wash); font-weight: 600; }
.tag { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .03em; padding: 0 .4rem; border-radius: 3px; color: #fff; vertical-align: .1em; margin-left: .35rem; white-space: nowrap; }
.lanes { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(15rem, 100%), 1fr)); gap: 1rem; }
.lane { background: var(--wash); border-radius: 6px; padding: .75rem; min-width: 0; }
.lane h3 { margin: 0 0 .6rem; font-size: 1rem; }
.lane .count { color: var(--dim); font-weight: 400; font-size: .85rem; }
ul.cards { list-style: none; margin: 0; padding: 0; }
ul.cards li.card { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid #8a8a8a; border-radius: 4px; padding: .45rem .6rem; margin-bottom: .5rem; overflow-wrap: anywhere; }
li.theme { border: 2px dashed #9aa7b8; border-radius: 6px; padding: .4rem .5rem .1rem; margin-bottom: .6rem; }
li.theme h4 { color: var(--accent); }
table.heat { width: auto; min-width: 100%; }
table.heat td.v { text-align: center; font-weight: 700; min-width: 4.5rem; font-variant-numeric: tabular-nums; }
table.heat th.row { font-weight: 500; min-width: 9rem; max-width: 22rem; hyphens: auto;
  position: sticky; left: 0; z-index: 1; background: var(--paper); }
table.heat thead th { text-align: center; hyphens: auto; }
table.heat td.na, .legend span.na { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #fafafa 4px, #fafafa 8px); color: var(--dim); }
.legend { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 .5rem; font-size: .85rem; }
.legend span { padding: .1rem .5rem; border-radius: 3px; border: 1px solid var(--line); }
sup.n { color: inherit; font-weight: 400; }
ol.notes { font-size: .9rem; color: #333; }
.analysis { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(16rem, 100%), 1fr)); gap: 1rem; }
.analysis div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 0; overflow-wrap: anywhere; }
.analysis h3 { margin-top: .25rem; }
.analysis ul { padding-left: 1.1rem; margin: 0 0 .5rem; }
.analysis li { margin-bottom: .35rem; }
p.rules { color: var(--dim); font-size: .85rem; font-style: italic; }
ol.bars { list-style: none; margin: .5rem 0 1rem; padding: 0; }
ol.bars li { display: grid; grid-template-columns: 2.2rem minmax(8rem, 2fr) 3fr 3rem; gap: .6rem; align-items: center; padding: .25rem 0; border-bottom: 1px solid #eee; }
ol.bars .label { min-width: 0; overflow-wrap: anywhere; }
ol.bars .rank { color: var(--dim); text-align: right; font-variant-numeric: tabular-nums; }
ol.bars .bar { height: 1.1rem; background: #e9edf2; border-radius: 3px; overflow: hidden; }
ol.bars .bar span { display: block; height: 100%; background: var(--accent); }
ol.bars .n { font-weight: 700; text-align: right; font-variant-numeric: tabular-nums; }
.note-hidden { color: #8a4b00; font-style: italic; }
.statement { font-size: 1.1rem; margin: 0 0 .25rem; }
.endorsed { color: var(--dim); margin: 0 0 1rem; }
.endorsed b { color: var(--ink); }
.chip { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 .55rem; margin: .15rem .2rem 0 0; background: #eef6ee; color: var(--ink); max-width: 100%; overflow-wrap: anywhere; }
.added { color: #135e20; }
.removed { color: #9b1c1c; text-decoration: line-through; }
footer { color: var(--dim); font-size: .85rem; text-align: center; margin-top: 2rem; }
@media (max-width: 40rem) {
  main { padding: 1rem .5rem; }
  section, header.report { padding: 1rem .85rem; }
  h1 { font-size: 1.6rem; }
  th, td { padding: .35rem .45rem; }
  /* A narrow column of row labels that stays put while the values scroll beside it;
     only a word longer than the column itself is broken. */
  table.heat { font-size: .9rem; }
  table.heat td.v { min-width: 3.2rem; }
  table.heat th.row { width: 11.5rem; min-width: 11.5rem; max-width: 11.5rem; overflow-wrap: anywhere; }
  ol.bars li { grid-template-columns: 2rem minmax(0, 1fr) 2.5rem; grid-template-areas: "rank label n" ". bar bar"; row-gap: .2rem; }
  ol.bars .rank { grid-area: rank; }
  ol.bars .label { grid-area: label; }
  ol.bars .n { grid-area: n; }
  ol.bars .bar { grid-area: bar; }
}
@media print {
  @page { size: A4; margin: 12mm 12mm 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 9.5pt; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  header.report, section { padding: 0; margin: 0 0 5mm; border-radius: 0; }
  header.report { border-top: 0; border-bottom: 2pt solid var(--accent); padding-bottom: 3mm; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; }
  h3 { font-size: 11pt; margin: 3mm 0 1.5mm; }
  section { break-inside: auto; }
  h1, h2, h3, h4, .prompt, .meta, .legend { break-after: avoid; page-break-after: avoid; }
  h2 + *, h3 + *, h4 + * { break-before: avoid; page-break-before: avoid; }
  .scroll { overflow: visible; background: none; margin: 1.5mm 0 3mm; }
  table.heat th.row { position: static; }
  th, td { padding: .2rem .4rem; }
  .prompt { background: none; padding: .2rem .6rem; margin-bottom: 2mm; }
  tr, li.card, li.theme, ol.bars li, .analysis li, .statement, .endorsed { break-inside: avoid; }
  .statement { break-after: avoid; page-break-after: avoid; }
  ul.cards li.card { padding: .25rem .45rem; margin-bottom: 1.5mm; }
  .lanes { gap: 3mm; grid-template-columns: repeat(auto-fit, minmax(55mm, 1fr)); }
  .lane { background: none; border: 1px solid var(--line); padding: 2mm; }
  /* Stacked, each list in two columns: a long list flows on to the next page instead of
     pushing all three boxes there. */
  .analysis { display: block; }
  .analysis div { padding: 1mm 2.5mm; margin-bottom: 2mm; }
  .analysis ul { columns: 2; column-gap: 6mm; }
  .endorsed { margin-bottom: 2mm; }
  footer { margin-top: 4mm; }
}
"#;

/// The relative luminance of a `#rrggbb` colour (WCAG 2).
pub(super) fn luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// The contrast ratio of two `#rrggbb` colours (WCAG 2): 1 to 21.
pub(super) fn contrast(a: &str, b: &str) -> Option<f64> {
    let (x, y) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// White or black, whichever reads better on `background`: at least 4.58:1 on any colour.
pub(super) fn readable_on(background: &str) -> &'static str {
    let white = contrast("#ffffff", background).unwrap_or(21.0);
    let black = contrast("#000000", background).unwrap_or(21.0);
    if white >= black { "#ffffff" } else { "#000000" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast("#000000", "#ffffff").unwrap() - 21.0).abs() < 1e-9);
        // The note marker the issue found: dim grey on the darkest blue.
        assert!(contrast("#5a5a5a", "#184e96").unwrap() < 1.3);
        assert_eq!(readable_on("#184e96"), "#ffffff");
        assert_eq!(readable_on("#f4f4f4"), "#000000");
    }
}
