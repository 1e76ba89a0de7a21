//! The HTML report as people open it: on a phone (390x844), on a laptop (1280x900) and
//! printed to PDF, in headless Chromium. What they would notice is checked: nothing wider
//! than the phone's screen (a wide table scrolls in its own box), every text readable on
//! what is behind it (WCAG AA, 4.5:1, computed here from the colours the browser used),
//! A4 pages, no heading left alone at the foot of a page, a 23-card session on a few pages.
//! Without Chromium the test says so and skips; screenshots and the PDF are left in
//! cargo's scratch folder for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use samenspel::core::state::RowRef;
use samenspel::report::{Format, Options, export};

/// A long word and a web address that must not widen a phone's page.
const LONG_WORD: &str = "Aansluitkostenvergoedingsregeling voor huurders";
const URL: &str = "https://www.zwolle.nl/warmtetransitie/wijkuitvoeringsplan-assendorp-2026";

/// The example session with more goals: 23 cards in all, one with a long word and one
/// with a web address (rated, so they are rows of the heat map and items of the analysis).
fn big_session() -> samenspel::core::Live {
    let mut r = crate::example::Recorder::continuing(crate::example::session());
    let long = r.card("doelen", "gemeente", LONG_WORD, Some("gemeente"));
    let url = r.card("doelen", "overig", URL, Some("warmtebedrijf"));
    r.cell("matrix", RowRef::Card(long), "gemeente", 2);
    r.cell("matrix", RowRef::Card(long), "warmtebedrijf", -2);
    r.cell("matrix", RowRef::Card(url), "initiatief", 1);
    for (i, text) in [
        "Minstens 70% van de huurders stemt in",
        "Lage woonlasten, ook na de overstap",
        "Een warmtenet dat in 2030 draait",
        "Bewonersavonden in elke buurt",
        "Een loket dat binnen een week antwoordt",
        "Huurders zijn er beter van af",
        "Koppelen met energiearmoede-aanpak",
        "Een eerlijke prijs per gigajoule",
        "Lokale werkgelegenheid",
        "Betrouwbare levering in de winter",
        "Transparante kostenopbouw",
        "Samen optrekken richting de provincie",
        "Ruimte voor eigen initiatief",
    ]
    .into_iter()
    .enumerate()
    {
        let lane = ["gemeente", "initiatief", "overig"][i % 3];
        r.card("doelen", lane, text, None);
    }
    let live = r.live;
    let cards: usize = live
        .state
        .steps
        .iter()
        .filter_map(|s| match s {
            samenspel::core::StepState::Board(b) => Some(b.cards().count()),
            _ => None,
        })
        .sum();
    assert_eq!(cards, 23, "the session for the pages has 23 cards");
    live
}

/// The installed Chromium, if any.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Runs headless Chromium on `page` with `extra` flags; returns standard output.
fn browse(chromium: &str, profile: &Path, page: &Path, extra: &[String]) -> String {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Measures the report in the frame `f` once it has loaded: its width against the frame's,
/// every element that reaches past the frame's edge outside a scrolling box, and for every
/// element with text of its own the colour of that text and the colours behind it.
const PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  const win = document.getElementById('f').contentWindow, doc = win.document;
  const vw = win.innerWidth, style = el => win.getComputedStyle(el);
  const out = { width: vw, scrollWidth: doc.documentElement.scrollWidth, overflow: [], pairs: [] };
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
    const x = style(p).overflowX; if (x === 'auto' || x === 'scroll') return true; } return false; };
  for (const el of doc.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    if ((r.right > vw + 0.5 || r.left < -0.5) && !scrolls(el))
      out.overflow.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + (el.textContent || '').trim().slice(0, 40) + '" to ' + Math.round(r.right) + ' px');
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    let bg = null; const behind = [];
    for (let p = el; p; p = p.parentElement) {
      const s = style(p);
      if (s.backgroundImage !== 'none' && !p.classList.contains('scroll')) behind.push(s.backgroundImage);
      if (s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent') { bg = s.backgroundColor; break; }
    }
    out.pairs.push({ what: el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' "' + el.textContent.trim().slice(0, 30) + '"',
      color: style(el).color, background: bg || 'rgb(255, 255, 255)', images: behind });
  }
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"#;

/// A page that shows `html` in a frame of `w` x `h` CSS pixels, as a phone's or a laptop's
/// screen (headless Chromium's own window is at least 500 px wide), with `extra` after it.
fn framed(html: &str, w: u32, h: u32, extra: &str) -> String {
    let escaped = html
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" \
         style=\"width:{w}px;height:{h}px;border:0;display:block\" srcdoc=\"{escaped}\"></iframe>{extra}</body></html>"
    )
}

/// The probe's measurements from a DOM dump.
fn probe(dom: &str) -> serde_json::Value {
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    let end = start + dom[start..].find("</pre>").expect("the probe's end");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("the probe's JSON")
}

/// Every `rgb(...)`/`rgba(...)` colour in a CSS value, as (r, g, b) blended on white.
fn colours(css: &str) -> Vec<(f64, f64, f64)> {
    let mut out = Vec::new();
    let mut rest = css;
    while let Some(i) = rest.find("rgb") {
        rest = &rest[i..];
        let (Some(open), Some(close)) = (rest.find('('), rest.find(')')) else {
            break;
        };
        let parts: Vec<f64> = rest[open + 1..close]
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        if parts.len() >= 3 {
            let a = parts.get(3).copied().unwrap_or(1.0);
            let blend = |c: f64| c * a + 255.0 * (1.0 - a);
            out.push((blend(parts[0]), blend(parts[1]), blend(parts[2])));
        }
        rest = &rest[close..];
    }
    out
}

/// WCAG 2 contrast ratio of two colours.
fn contrast(a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
    let lum = |(r, g, b): (f64, f64, f64)| {
        let ch = |c: f64| {
            let c = c / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The pages of a PDF and their sizes in points, from its page objects.
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox [")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let nums: Vec<f64> = rest[..rest.find(']')?]
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            (nums.len() == 4).then(|| (nums[2] - nums[0], nums[3] - nums[1]))
        })
        .collect()
}

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn the_report_fits_a_phone_reads_well_and_prints_on_a4() {
    let Some(chromium) = chromium() else {
        println!(
            "SKIPPED: no Chromium on this machine (apt-get install chromium); the report was not looked at on a phone, a laptop or paper"
        );
        return;
    };
    let live = big_session();
    let html = String::from_utf8(
        export(
            &live,
            Format::Html,
            &Options::new(samenspel::core::Lang::Nl),
        )
        .unwrap()
        .remove(0)
        .bytes,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let page = dir.path().join("verslag.html");
    std::fs::write(&page, &html).unwrap();
    let probed = dir.path().join("gemeten.html");
    let shown = dir.path().join("getoond.html");

    for (w, h) in [(390u32, 844u32), (1280, 900)] {
        std::fs::write(&probed, framed(&html, w, h, PROBE)).unwrap();
        let window = format!("--window-size={},{}", w.max(500), h);
        let dom = browse(chromium, &profile, &probed, &[window, "--dump-dom".into()]);
        let m = probe(&dom);
        assert_eq!(m["width"], w, "the window is {w} px wide");
        assert!(
            m["overflow"].as_array().unwrap().is_empty(),
            "at {w} px these reach past the screen's edge:\n{}",
            serde_json::to_string_pretty(&m["overflow"]).unwrap()
        );
        assert!(
            m["scrollWidth"].as_u64().unwrap() <= u64::from(w),
            "at {w} px the page is {} px wide",
            m["scrollWidth"]
        );
        // Every text against every colour behind it (a hatched cell has two).
        let mut low = Vec::new();
        let pairs = m["pairs"].as_array().unwrap();
        assert!(pairs.len() > 100, "only {} texts measured", pairs.len());
        for p in pairs {
            let fg = colours(p["color"].as_str().unwrap())[0];
            let mut behind = colours(p["background"].as_str().unwrap());
            for image in p["images"].as_array().unwrap() {
                behind.extend(colours(image.as_str().unwrap()));
            }
            for bg in behind {
                let ratio = contrast(fg, bg);
                if ratio < 4.5 {
                    low.push(format!(
                        "{} {:.2}:1 ({} on {bg:?})",
                        p["what"], ratio, p["color"]
                    ));
                }
            }
        }
        assert!(
            low.is_empty(),
            "at {w} px these texts are below 4.5:1:\n{}",
            low.join("\n")
        );
        // The whole page at this width, for a person to look at.
        let tall = if w < 500 { 9000 } else { 5000 };
        std::fs::write(&shown, framed(&html, w, tall, "")).unwrap();
        let shot = scratch(&format!("report-{w}.png"));
        browse(
            chromium,
            &profile,
            &shown,
            &[
                format!("--window-size={},{tall}", w.max(500)),
                format!("--screenshot={}", shot.display()),
            ],
        );
        assert!(shot.is_file());
        println!("screenshot at {w} px: {}", shot.display());
    }

    // Printed: A4, a few pages, no heading alone at the foot of a page.
    let pdf = scratch("report.pdf");
    let _ = std::fs::remove_file(&pdf);
    browse(
        chromium,
        &profile,
        &page,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let sizes = page_sizes(&std::fs::read(&pdf).expect("a PDF"));
    assert!(!sizes.is_empty(), "no pages in the PDF");
    for (w, h) in &sizes {
        // A4 is 595.28 x 841.89 pt; Letter would be 612 x 792.
        assert!(
            (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0,
            "a page of {w} x {h} pt is not A4"
        );
    }
    // Nine steps (a grid, a poll and a consent round among them): under a page each.
    assert!(
        sizes.len() <= 8,
        "a 23-card session of nine steps takes {} pages",
        sizes.len()
    );
    println!(
        "PDF for a person to look at ({} A4 pages): {}",
        sizes.len(),
        pdf.display()
    );
    let headings: Vec<String> = live
        .state
        .scenario
        .steps
        .iter()
        .enumerate()
        .map(|(i, _)| {
            live.state
                .scenario
                .step_heading(i, samenspel::core::Lang::Nl)
        })
        .chain(
            [
                "Deelnemers",
                "Toelichtingen",
                "Afspraken",
                "Akkoord van de vorige keer",
                "Afspraken van de vorige keer",
            ]
            .map(String::from),
        )
        .collect();
    match Command::new("pdftotext").arg("-v").output() {
        Err(_) => println!(
            "pdftotext is missing (apt-get install poppler-utils): the page ends were not read"
        ),
        Ok(_) => {
            for n in 1..=sizes.len() {
                let out = Command::new("pdftotext")
                    .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
                    .arg(&pdf)
                    .arg("-")
                    .output()
                    .expect("pdftotext");
                let text = String::from_utf8_lossy(&out.stdout);
                let last = text.lines().rev().map(str::trim).find(|l| !l.is_empty());
                assert!(
                    !last.is_some_and(|l| headings.iter().any(|h| h == l)),
                    "page {n} ends with the heading {last:?}, apart from what follows it"
                );
            }
        }
    }
}
