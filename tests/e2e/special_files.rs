//! Things in place of a session file that are not files: a named pipe (FIFO), a device
//! (directly, or through a symbolic link), a directory, a socket. Opening a FIFO for
//! reading blocks until someone writes to it; /dev/zero never ends. Every command that
//! reads a session refuses each of them at once, naming the file and what it is.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{Tui, home, key};
use crate::hostile_support::run_within;

/// A command that hangs longer than this has failed.
const LIMIT: Duration = Duration::from_secs(5);

fn valid(dir: &Path) -> PathBuf {
    let file = dir.join("geldig.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/valid.json"),
        &file,
    )
    .expect("copy");
    file
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().expect("path")).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Each special file (its path, and the words that say what it is), kept alive for the test.
struct Specials {
    files: Vec<(PathBuf, &'static str)>,
    _socket: std::os::unix::net::UnixListener,
}

fn specials(dir: &Path) -> Specials {
    let fifo = dir.join("pijp.json");
    mkfifo(&fifo);
    let link = dir.join("nul.json");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
    let folder = dir.join("map.json");
    std::fs::create_dir(&folder).expect("folder");
    let socket = dir.join("sok.json");
    let listener = std::os::unix::net::UnixListener::bind(&socket).expect("socket");
    Specials {
        files: vec![
            (fifo, "is a named pipe (FIFO)"),
            (
                link,
                "is a device, not an ordinary file (it is a link to /dev/zero)",
            ),
            (PathBuf::from("/dev/zero"), "is a device"),
            (folder, "is a directory"),
            (socket, "is a socket"),
        ],
        _socket: listener,
    }
}

#[test]
fn a_fifo_a_device_a_directory_and_a_socket_are_refused_at_once_by_every_command() {
    let home = home();
    let dir = home.path();
    let good = valid(dir);
    let good = good.to_str().expect("path");
    let all = specials(dir);
    for (file, what) in &all.files {
        let f = file.to_str().expect("path");
        let out = dir.join("uit.json");
        let out = out.to_str().expect("path");
        for args in [
            vec!["check", f],
            vec!["replay", "--print", f],
            vec!["replay", "--json", f],
            vec!["export", f],
            vec!["export", "--format", "csv", f],
            vec!["export", "--format", "html", f, "--compare", good],
            vec!["export", good, "--compare", f],
            vec!["compare", f, good],
            vec!["compare", good, f],
            vec!["merge", good, f, "-o", out],
        ] {
            let Some((code, stdout, stderr)) = run_within(&args, dir, LIMIT) else {
                panic!("`samenspel {}` still ran after {LIMIT:?}", args.join(" "));
            };
            let said = format!("{stdout}{stderr}");
            assert_ne!(code, 0, "{args:?}: {said}");
            assert!(
                said.contains(&format!("{f}: {what}")),
                "{args:?} should name {f} and say it {what}: {said}"
            );
            assert!(!said.contains("panicked"), "{args:?}: {said}");
        }
    }
    assert!(!dir.join("uit.json").exists(), "no merge was written");
}

#[test]
fn opening_a_fifo_shows_an_error_screen_naming_it_and_the_app_stays_usable() {
    let home = home();
    let fifo = home.path().join("pijp.json");
    mkfifo(&fifo);
    let mut app = Tui::start(
        &["open", fifo.to_str().expect("path")],
        home.path(),
        100,
        30,
    );
    app.wait_for("Dit bestand kan niet worden geopend");
    app.wait_for("pijp.json: is een named pipe (FIFO)");
    app.send(key::ESC);
    app.wait_for("De Zwolse Komedie");
    app.send("q");
    assert_eq!(app.wait_exit(), 1);
    assert!(
        !home.path().join("pijp.json.lock").exists(),
        "no lock left behind"
    );
}

#[test]
fn a_fifo_among_the_sessions_does_not_stop_the_home_screen_or_the_list() {
    let home = home();
    let sessions = home.path().join("sessions");
    std::fs::create_dir(&sessions).expect("folder");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/valid.json"),
        sessions.join("geldig.json"),
    )
    .expect("copy");
    mkfifo(&sessions.join("pijp.json"));
    let (code, out, err) =
        run_within(&["sessions"], home.path(), LIMIT).expect("`samenspel sessions` ends");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("CoP Zwolle, bijeenkomst 3"), "{out}");
    let mut app = Tui::start(&[], home.path(), 100, 30);
    app.wait_for("CoP Zwolle, bijeenkomst 3");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn continuing_a_series_from_a_fifo_is_refused_naming_it() {
    let home = home();
    let fifo = home.path().join("vorige.json");
    mkfifo(&fifo);
    let mut app = Tui::start(
        &[
            "new",
            "zwolse-komedie",
            "--from",
            fifo.to_str().expect("path"),
        ],
        home.path(),
        100,
        30,
    );
    let code = app.exited_within(LIMIT).expect("ends at once");
    assert_ne!(code, 0);
    let out = crate::hostile_support::output_once_it_says(&app, "vorige.json: is een named pipe");
    assert!(
        out.contains("vorige.json: is een named pipe (FIFO)"),
        "{out}"
    );
}
