//! The style sheet of the HTML report, inlined into every page: calm and high contrast on
//! screen, and a print layout that keeps the heat map's colours and avoids broken tables.

/// The CSS of the report.
pub const CSS: &str = r#"
:root { --ink: #1b1b1b; --dim: #5a5a5a; --line: #d5d5d5; --paper: #ffffff; --wash: #f4f5f7; --accent: #1f4e8c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header.report { background: var(--paper); border-top: 6px solid var(--accent); padding: 1.5rem 1.75rem; margin-bottom: 1.5rem; border-radius: 6px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 0 0 .5rem; color: var(--accent); }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
h4 { font-size: 1rem; margin: .25rem 0 .4rem; }
.meta { color: var(--dim); margin: 0 0 .75rem; }
.meta b { color: var(--ink); font-weight: 600; }
.desc { margin: 0; }
section { background: var(--paper); padding: 1.25rem 1.75rem 1.5rem; margin-bottom: 1.5rem; border-radius: 6px; }
.prompt { margin: 0 0 1rem; padding: .5rem 1rem; border-left: 4px solid var(--accent); background: #eef3fa; font-style: italic; }
.empty { color: var(--dim); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--wash); font-weight: 600; }
.tag { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .03em; padding: 0 .4rem; border-radius: 3px; color: #fff; vertical-align: .1em; margin-left: .35rem; white-space: nowrap; }
.lanes { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
.lane { background: var(--wash); border-radius: 6px; padding: .75rem; }
.lane h3 { margin: 0 0 .6rem; font-size: 1rem; }
.lane .count { color: var(--dim); font-weight: 400; font-size: .85rem; }
ul.cards { list-style: none; margin: 0; padding: 0; }
ul.cards li.card { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid #8a8a8a; border-radius: 4px; padding: .45rem .6rem; margin-bottom: .5rem; overflow-wrap: anywhere; }
li.theme { border: 2px dashed #9aa7b8; border-radius: 6px; padding: .4rem .5rem .1rem; margin-bottom: .6rem; }
li.theme h4 { color: var(--accent); }
table.heat td.v { text-align: center; font-weight: 700; min-width: 4.5rem; font-variant-numeric: tabular-nums; }
table.heat th.row { font-weight: 500; max-width: 22rem; overflow-wrap: anywhere; }
table.heat thead th { text-align: center; }
table.heat td.na, .legend span.na { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #fafafa 4px, #fafafa 8px); color: var(--dim); }
.legend { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 .5rem; font-size: .85rem; }
.legend span { padding: .1rem .5rem; border-radius: 3px; border: 1px solid var(--line); }
sup.n { color: var(--dim); font-weight: 400; }
ol.notes { font-size: .9rem; color: #333; }
.analysis { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.analysis div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; }
.analysis h3 { margin-top: .25rem; }
.analysis ul { padding-left: 1.1rem; margin: 0 0 .5rem; }
.analysis li { margin-bottom: .35rem; }
p.rules { color: var(--dim); font-size: .85rem; font-style: italic; }
ol.bars { list-style: none; margin: .5rem 0 1rem; padding: 0; }
ol.bars li { display: grid; grid-template-columns: 2.2rem minmax(8rem, 2fr) 3fr 3rem; gap: .6rem; align-items: center; padding: .25rem 0; border-bottom: 1px solid #eee; }
ol.bars .rank { color: var(--dim); text-align: right; font-variant-numeric: tabular-nums; }
ol.bars .bar { height: 1.1rem; background: #e9edf2; border-radius: 3px; overflow: hidden; }
ol.bars .bar span { display: block; height: 100%; background: var(--accent); }
ol.bars .n { font-weight: 700; text-align: right; font-variant-numeric: tabular-nums; }
.note-hidden { color: #8a4b00; font-style: italic; }
.statement { font-size: 1.1rem; margin: 0 0 .25rem; }
.endorsed { color: var(--dim); margin: 0 0 1rem; }
.endorsed b { color: var(--ink); }
.chip { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 .55rem; margin: .15rem .2rem 0 0; background: #eef6ee; color: var(--ink); }
.added { color: #135e20; }
.removed { color: #9b1c1c; text-decoration: line-through; }
footer { color: var(--dim); font-size: .85rem; text-align: center; margin-top: 2rem; }
@media (max-width: 40rem) { main { padding: 1rem .5rem; } section, header.report { padding: 1rem; } ol.bars li { grid-template-columns: 2rem 1fr 2.5rem; } ol.bars .bar { grid-column: 2 / 4; } }
@media print {
  @page { margin: 14mm 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  header.report, section { padding: 0; margin: 0 0 8mm; border-radius: 0; }
  header.report { border-top: 0; border-bottom: 2pt solid var(--accent); padding-bottom: 3mm; }
  section { break-inside: auto; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  .prompt { background: none; }
  table, tr, li.card, li.theme, ol.bars li, .analysis div { break-inside: avoid; }
  .lanes { gap: 4mm; }
  .lane { background: none; border: 1px solid var(--line); }
  footer { margin-top: 6mm; }
}
"#;
