//! A session reached through a symbolic link is the same session as its real file: one
//! lock whatever path is used, every save to the real file, and the link stays a link.

use std::path::Path;

use crate::common::{Tui, home, key, run};

fn setup(home: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let real = home.join("real");
    let other = home.join("other");
    std::fs::create_dir_all(&real).expect("folder");
    std::fs::create_dir_all(&other).expect("folder");
    let file = real.join("t.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/valid.json"),
        &file,
    )
    .expect("copy");
    let link = other.join("l.json");
    std::os::unix::fs::symlink("../real/t.json", &link).expect("link");
    (file, link)
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[test]
fn a_session_open_by_its_real_path_is_refused_through_a_link_and_the_other_way_round() {
    let home = home();
    let (file, link) = setup(home.path());
    for (first, second) in [(&file, &link), (&link, &file)] {
        let mut app = Tui::start(
            &["open", first.to_str().expect("path")],
            home.path(),
            100,
            30,
        );
        app.wait_for("CoP Zwolle, bijeenkomst 3");
        let pid = app.pid().expect("pid");
        let (code, _, err) = run(&["open", second.to_str().expect("path")], home.path());
        assert_eq!(code, 3, "a second editor must be refused: {err}");
        assert!(err.contains(&format!("process {pid}")), "{err}");
        assert!(
            home.path().join("real/t.json.lock").exists(),
            "the lock is beside the real file"
        );
        assert!(!home.path().join("other/l.json.lock").exists());
        app.send("q");
        assert_eq!(app.wait_exit(), 0);
    }
}

#[test]
fn saving_through_a_link_writes_the_real_file_and_keeps_the_link() {
    let home = home();
    let (file, link) = setup(home.path());
    let mut app = Tui::start(
        &["open", link.to_str().expect("path")],
        home.path(),
        100,
        30,
    );
    app.wait_for("Akte 2/4");
    app.send("p");
    app.wait_for("Het loket is één grote doolhof");
    app.send("a");
    app.type_text("Via de koppeling");
    app.send(key::ENTER);
    app.wait_for("opgeslagen (7)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(is_link(&link), "the link is still a link");
    let text = std::fs::read_to_string(&file).expect("real file");
    assert!(
        text.contains("Via de koppeling"),
        "the real file has the card"
    );
    let names: Vec<String> = std::fs::read_dir(home.path().join("other"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["l.json"], "nothing left beside the link");
}
