//! Presenter mode with two real processes: the console (`samenspel new`) at 120x35 and a
//! beamer (`samenspel beamer <session>`) at 80x24, each in its own pseudo-terminal. The
//! beamer mirrors the step, the selection, the spotlight, a step change and the timer; the
//! facilitator's notes and inbox never reach its screen (not even its raw output); it
//! survives a restart of the console; a socket that is not a console is refused.

use std::io::Write;
use std::os::unix::net::UnixListener;

use crate::common::{Tui, home, key, only_session};

const NOTES: &str = "Participatiecoalitie";

fn no_notes(beamer: &Tui) {
    let raw = String::from_utf8_lossy(&beamer.output()).into_owned();
    assert!(!raw.contains(NOTES), "notes reached the beamer");
    assert!(!raw.contains("Inbox"), "the inbox reached the beamer");
    assert!(
        !raw.contains("a voegt"),
        "an editing hint reached the beamer"
    );
}

#[test]
fn the_beamer_mirrors_the_console_live_and_never_shows_what_is_the_facilitators() {
    let home = home();
    let mut console = Tui::start(&["new", "succesfactoren"], home.path(), 120, 35);
    console.wait_for("Stap 1/3");
    let (path, _) = only_session(home.path());
    let session = path.display().to_string();
    let mut beamer = Tui::start(&["beamer", &session], home.path(), 80, 24);
    beamer.wait_for("Wat helpt");
    // The console's sign says what the beamer shows.
    console.wait_for("beamer: Stap 1/3");

    // Notes and the inbox are the console's alone.
    console.send("f");
    console.wait_for(NOTES);
    console.send("f");
    console.send("I");
    console.wait_for("Inbox");
    console.esc();
    console.wait_gone("Inbox");

    // The selection: two cards down, the beamer's marker moves along.
    console.send(key::DOWN);
    console.send(key::DOWN);
    beamer.wait_until("the selection on the third card", |s| {
        s.lines()
            .any(|l| l.contains('▶') && l.contains("Regelmatig"))
    });

    // The spotlight: the card alone, then back.
    console.send("s");
    console.wait_for("beamer: Stap 1/3 · grote kaart");
    beamer.wait_gone("Wat hindert");
    console.send("s");
    beamer.wait_for("Wat hindert");

    // The timer: started on the console, it runs on the beamer.
    let before = beamer.screen();
    console.send("t");
    console.wait_gone("t start");
    beamer.wait_until("the countdown on the beamer", |s| s != before);

    // Another step.
    console.send("n");
    console.wait_for("Stap 2/3");
    beamer.wait_for("Stap 2/3");
    no_notes(&beamer);

    // The console restarts: the beamer waits, then follows again.
    console.send("q");
    assert_eq!(console.wait_exit(), 0);
    beamer.wait_for("wacht op de console");
    let mut console = Tui::start(&["open", &session], home.path(), 100, 30);
    console.wait_for("Stap 2/3");
    beamer.wait_gone("wacht op de console");
    console.send("p");
    console.wait_for("Stap 1/3");
    beamer.wait_for("Stap 1/3");
    console.wait_for("beamer: Stap 1/3");
    no_notes(&beamer);
    console.send("q");
    assert_eq!(console.wait_exit(), 0);
    beamer.send("q");
    assert_eq!(beamer.wait_exit(), 0);
}

#[test]
fn several_beamers_follow_one_console_each_at_its_own_size() {
    let home = home();
    let mut console = Tui::start(&["new", "succesfactoren"], home.path(), 80, 24);
    console.wait_for("Stap 1/3");
    let (path, _) = only_session(home.path());
    let session = path.display().to_string();
    let small = Tui::start(&["beamer", &session], home.path(), 60, 20);
    let large = Tui::start(&["beamer", &session], home.path(), 200, 50);
    small.wait_for("Wat helpt");
    large.wait_for("Wat helpt");
    console.send("n");
    small.wait_for("Stap 2/3");
    large.wait_for("Stap 2/3");
    console.send("q");
    assert_eq!(console.wait_exit(), 0);
}

#[test]
fn a_socket_that_is_not_a_console_is_refused() {
    let home = home();
    let mut console = Tui::start(&["new", "succesfactoren"], home.path(), 80, 24);
    console.wait_for("Stap 1/3");
    console.send("q");
    assert_eq!(console.wait_exit(), 0);
    let (path, _) = only_session(home.path());
    // Something else listens where the console would.
    let socket = path.with_file_name(format!(
        "{}.beamer",
        path.file_name().unwrap().to_string_lossy()
    ));
    let listener = UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let _ = stream.unwrap().write_all(b"SSH-2.0-OpenSSH_9.6\r\n");
        }
    });
    let mut beamer = Tui::start(
        &["beamer", &path.display().to_string()],
        home.path(),
        80,
        24,
    );
    beamer.wait_for("geweigerd");
    beamer.wait_for("geen samenspel-console");
    beamer.send("q");
    assert_eq!(beamer.wait_exit(), 0);
}

#[test]
fn the_analysis_its_scroll_the_reveal_and_the_rooms_qr_code_reach_the_beamer() {
    let home = home();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bind = format!("127.0.0.1:{port}");
    let mut console = Tui::start(
        &["new", "stakeholder-doelen", "--bind", &bind],
        home.path(),
        120,
        35,
    );
    console.wait_for("Stap 1/4");
    let (path, _) = only_session(home.path());
    let mut beamer = Tui::start(
        &["beamer", &path.display().to_string()],
        home.path(),
        80,
        24,
    );
    beamer.wait_for("Stap 1/4");
    console.send("n");
    beamer.wait_for("Stap 2/4");
    console.send("A");
    console.wait_for("beamer: Stap 2/4 · analyse");
    beamer.wait_for("GEDEELDE GROND");
    let top = beamer.screen();
    for _ in 0..3 {
        console.send(key::DOWN);
    }
    beamer.wait_until("the analysis scrolled", |s| s != top);
    console.send("A");
    beamer.wait_gone("GEDEELDE GROND");
    console.send("n");
    beamer.wait_for("uitslag verborgen");
    console.send("r");
    beamer.wait_for("Uitslag");
    console.send("Z");
    console.wait_for("beamer: Stap 3/4 · QR-code");
    beamer.wait_for(&format!("http://127.0.0.1:{port}"));
    no_notes(&beamer);
    console.send("q");
    assert_eq!(console.wait_exit(), 0);
    beamer.send("q");
    assert_eq!(beamer.wait_exit(), 0);
}
