//! The Markdown report as the tools people use read it: pandoc (CommonMark with GitHub
//! tables) and Python-Markdown (what MkDocs uses). Every card comes out as typed, with no
//! stray backslash, and a theme's cards are a list inside the theme's item. A tool that is
//! not installed is named in the test's output and skipped.

use std::process::Command;

use samenspel::core::{Change, Lang};
use samenspel::report::{Format, Options, export};

/// Cards that look like markup, in the three lanes, two of them in a theme.
const CARDS: [&str; 14] = [
    "Lusten & lasten eerlijk verdelen",
    "Kosten < 5% van het inkomen",
    "=1+1 is geen formule",
    "Gemeente | initiatief",
    "~ongeveer~ de helft",
    "# geen kop #",
    "1. eerst dit",
    "- geen lijst",
    "+ ook geen lijst",
    "*vet* en _schuin_",
    "<b>klaar</b> en &amp;",
    "[link](naar/elders)",
    "C:\\pad\\naar\\bestand",
    "> geen citaat",
];

fn markdown() -> String {
    let mut r = crate::example::Recorder::new(
        crate::example::scenario(),
        "Markdown & co",
        "2025-03-12T13:00:00Z",
    );
    let lanes = ["gemeente", "initiatief", "overig"];
    let ids: Vec<u32> = CARDS
        .iter()
        .enumerate()
        .map(|(i, text)| r.card("doelen", lanes[i % 3], text, None))
        .collect();
    r.rec(Change::ThemeSet {
        step: "doelen".into(),
        cards: vec![ids[0], ids[3]],
        theme: Some("Eerlijk & open".into()),
    });
    String::from_utf8(
        export(&r.live, Format::Markdown, &Options::new(Lang::Nl))
            .unwrap()
            .remove(0)
            .bytes,
    )
    .expect("UTF-8")
}

/// The text of an HTML fragment as a reader sees it: tags dropped, entities decoded,
/// whitespace folded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#126;", "~")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders `md` with a tool; none when the tool is not installed.
fn render(program: &str, args: &[&str], md: &str) -> Option<String> {
    use std::io::Write;
    let mut child = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(md.as_bytes())
        .expect("write the Markdown");
    let out = child.wait_with_output().expect("the tool ends");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn check(tool: &str, html: &str) {
    let text = text_of(html);
    for card in CARDS {
        assert!(
            text.contains(card),
            "{tool} does not show the card {card:?} as typed; it shows:\n{text}"
        );
    }
    for stray in ["\\&", "\\<", "\\=", "\\|", "\\~", "\\{"] {
        assert!(
            !text.contains(stray),
            "{tool} shows a stray {stray:?}:\n{text}"
        );
    }
    // The theme's cards are a list inside the theme's list item.
    let theme = html.find("Eerlijk &amp; open").expect("the theme");
    let nested = &html[theme..];
    let inner = nested.find("<ul>").expect("a list after the theme");
    let close = nested.find("</li>").expect("the theme's item ends");
    assert!(
        inner < close,
        "{tool} does not nest the theme's cards:\n{nested}"
    );
    assert!(html.contains("<table"), "{tool} shows no table");
}

#[test]
fn pandoc_and_python_markdown_show_every_card_as_typed() {
    let md = markdown();
    let mut ran = 0;
    match render("pandoc", &["-f", "gfm", "-t", "html"], &md) {
        Some(html) => {
            check("pandoc (gfm)", &html);
            ran += 1;
        }
        None => println!("SKIPPED pandoc: not installed (apt-get install pandoc)"),
    }
    match render("pandoc", &["-f", "commonmark_x", "-t", "html"], &md) {
        Some(html) => {
            check("pandoc (commonmark_x)", &html);
            ran += 1;
        }
        None => println!("SKIPPED pandoc commonmark_x: not installed"),
    }
    match render("python3", &["-m", "markdown", "-x", "tables"], &md) {
        Some(html) => {
            check("Python-Markdown", &html);
            ran += 1;
        }
        None => println!(
            "SKIPPED Python-Markdown: not installed (pip install markdown); the MkDocs reading was not checked"
        ),
    }
    println!("the Markdown was read by {ran} tool(s)");
}
