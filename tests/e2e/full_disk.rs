//! A full disk, for real: the data folder is a tiny tmpfs in a private mount namespace
//! (`unshare -rm`, unprivileged on Linux), filled up while a session is open. A save
//! appends to the session's journal, so the first changes may still fit in the space its
//! last block has left; once they do not, the status line says so at once, the session on
//! disk (file and journal) holds exactly what was called saved, the room's cards stay on
//! screen, and all of them are saved once there is space again.
//!
//! Where namespaces are not allowed (some containers), the test says so and passes;
//! the unit tests of the writer cover the same with an injected failing disk.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Tui, bin, home, key};
use sha2::Digest;

fn namespaces_work(mnt: &Path) -> bool {
    Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs \"$1\"",
            "sh",
        ])
        .arg(mnt)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The sessions folder as the process inside the namespace sees it.
fn sessions_of(pid: u32, mnt: &Path) -> PathBuf {
    let inside = mnt.strip_prefix("/").expect("absolute path");
    PathBuf::from(format!("/proc/{pid}/root"))
        .join(inside)
        .join("sessions")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("sessions folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn session_file(dir: &Path) -> PathBuf {
    let names = files_in(dir);
    let json: Vec<&String> = names.iter().filter(|n| n.ends_with(".json")).collect();
    assert_eq!(json.len(), 1, "{names:?}");
    dir.join(json[0])
}

/// The cards of the session on disk: its file with its journal, as samenspel reads it.
fn cards_in(file: &Path) -> Vec<String> {
    samenspel::store::load_session(file)
        .expect("the session on disk loads")
        .session
        .events
        .iter()
        .filter_map(|e| match &e.change {
            samenspel::core::Change::CardAdded { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn wait_for_file(path: &Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !path.exists() {
        assert!(std::time::Instant::now() < deadline, "{path:?} never came");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

const SCRIPT: &str = r#"
set -e
mount -t tmpfs -o size=512k tmpfs "$MNT"
(
  while [ ! -e "$FILL" ]; do sleep 0.02; done
  cat /dev/zero > "$MNT/filler" 2>/dev/null || true
  touch "$FILLED"
  while [ ! -e "$FREE" ]; do sleep 0.02; done
  rm -f "$MNT/filler"
) &
exec "$BIN" new zwolse-komedie
"#;

#[test]
fn a_full_disk_is_shown_the_old_file_kept_and_everything_saved_when_space_returns() {
    let home = home();
    let mnt = home.path().join("data");
    std::fs::create_dir(&mnt).expect("mount point");
    if !namespaces_work(&mnt) {
        crate::common::skipped(
            "full_disk::a_full_disk_is_shown_the_old_file_kept_and_everything_saved_when_space_returns",
            "`unshare -rm` with a tmpfs is not allowed here; the writer's unit tests cover a full disk",
        );
        return;
    }
    let fill = home.path().join("fill-now");
    let filled = home.path().join("filled");
    let free = home.path().join("free-now");
    let env: Vec<(&str, String)> = vec![
        ("MNT", mnt.display().to_string()),
        ("FILL", fill.display().to_string()),
        ("FILLED", filled.display().to_string()),
        ("FREE", free.display().to_string()),
        ("BIN", bin().display().to_string()),
        ("SAMENSPEL_HOME", mnt.display().to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut app = Tui::start_program(
        Path::new("unshare"),
        &["-rm", "sh", "-c", SCRIPT],
        home.path(),
        100,
        30,
        &env,
    );
    app.wait_for("Akte 1/4");
    app.send("a");
    app.type_text("Voor de volle schijf");
    app.send(key::ENTER);
    app.wait_for("opgeslagen (1)");

    let pid = app.pid().expect("pid");
    let sessions = sessions_of(pid, &mnt);
    let file = session_file(&sessions);
    let before = sha2::Sha256::digest(std::fs::read(&file).expect("read"));

    std::fs::write(&fill, b"").expect("flag");
    wait_for_file(&filled);
    // Cards of a few hundred bytes each, until the journal's last block is full too.
    let mut typed = vec!["Voor de volle schijf".to_string()];
    let long = "en dat is nog niet alles wat de zaal erover zei ".repeat(5);
    let mut full = false;
    for i in 0..40 {
        let text = format!("Kaart {i} {}", long.trim_end());
        app.send("a");
        app.type_text(&text);
        app.send(key::ENTER);
        typed.push(text);
        let n = typed.len();
        let want = [format!("opgeslagen ({n})"), "NIET OPGESLAGEN (".to_string()];
        app.wait_until("saved or not", |s| {
            want.iter().any(|w| s.contains(w.as_str()))
        });
        if app.screen().contains("NIET OPGESLAGEN (") {
            full = true;
            break;
        }
    }
    assert!(full, "the disk never filled up");
    app.wait_for("de schijf is vol");
    let screen = app.screen();
    let at = screen.find("NIET OPGESLAGEN (").expect("status") + "NIET OPGESLAGEN (".len();
    let saved: usize = screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("count");
    assert_eq!(
        saved,
        typed.len() - 1,
        "everything before the last card was saved"
    );
    // The room's words stay on screen, and editing goes on.
    app.send(key::RIGHT);
    app.send("a");
    app.type_text("Kaart vier");
    app.send(key::ENTER);
    typed.push("Kaart vier".into());
    app.wait_for(&format!("NIET OPGESLAGEN ({saved}/{})", typed.len()));
    let after = sha2::Sha256::digest(std::fs::read(&file).expect("read"));
    assert_eq!(before, after, "the file itself is the old one, whole");
    assert_eq!(
        cards_in(&file),
        typed[..saved],
        "on disk: what was called saved"
    );
    let names = files_in(&sessions);
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "no temporary files: {names:?}"
    );

    // Quitting now would lose changes: the first q only says so.
    app.send("q");
    app.wait_for("de schijf is vol · q nogmaals = stoppen");

    std::fs::write(&free, b"").expect("flag");
    app.wait_for(&format!("opgeslagen ({})", typed.len()));
    app.wait_gone("q nogmaals");
    assert_eq!(cards_in(&file), typed);
    let names = files_in(&sessions);
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "no temporary files: {names:?}"
    );
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
