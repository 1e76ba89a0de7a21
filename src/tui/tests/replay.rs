//! Replay, follow and the review step drawn at every size, and playback that pauses by
//! itself only where step by step says so.

use super::Fixture;
use super::sizes::every_size;
use crate::core::Lang;
use crate::core::series::continue_series;
use crate::core::session::Origin;
use crate::store::atomic::write_atomic;
use crate::store::try_session_json;
use crate::tui::app::{App, Screen};
use crate::tui::follow::Follow;
use crate::tui::replay::{Replay, ReplayKey};
use crate::tui::session::SessionScreen;

/// A short recorded meeting: cards on act 1, act 2 opened, a card there; the file is
/// written and the writer stopped. Returns the fixture (it owns the folder) and the file.
fn recorded() -> (Fixture, std::path::PathBuf) {
    let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
    f.add("Traag");
    f.add("Star");
    f.keys("n");
    f.add("Kennis van de buurt");
    let path = f.ws().path().to_path_buf();
    if let Screen::Session(ws) = &mut f.app.screen {
        ws.close();
    }
    (f, path)
}

fn replay_app(path: &std::path::Path) -> App {
    let replay = Replay::open(path, Lang::Nl).expect("the file replays");
    App::new(
        Screen::Replay(Box::new(replay)),
        Lang::Nl,
        Box::new(super::now),
    )
}

fn replay(app: &mut App) -> &mut Replay {
    match &mut app.screen {
        Screen::Replay(r) => r,
        _ => panic!("no replay on screen"),
    }
}

#[test]
fn replay_follow_and_review_draw_at_every_size() {
    let (_f, path) = recorded();
    let mut app = replay_app(&path);
    every_size(&mut app, "replay at the start");
    replay(&mut app).press(ReplayKey::Last);
    every_size(&mut app, "replay at the end");
    app.help = true;
    every_size(&mut app, "replay help");
    app.help = false;
    replay(&mut app).press(ReplayKey::Summary);
    every_size(&mut app, "summary");

    let follow = Follow::open(&path, Lang::Nl).expect("the file is followed");
    let mut app = App::new(
        Screen::Follow(Box::new(follow)),
        Lang::Nl,
        Box::new(super::now),
    );
    every_size(&mut app, "follow");

    // The next meeting, starting with its review of this one.
    let previous = crate::store::load_session(&path).expect("loads");
    let origin = Origin {
        file: "vorige.json".into(),
        sha256: "0".repeat(64),
        title: previous.session.title.clone(),
        created: previous.session.created,
    };
    let scenario = (*previous.session.scenario).clone();
    let mut next = continue_series(
        scenario,
        &previous.session,
        &previous.state,
        origin,
        "Volgende".into(),
        super::now(),
        Lang::Nl,
    );
    if let crate::core::StepKind::Review(spec) =
        &mut std::sync::Arc::make_mut(&mut next.scenario).steps[0].kind
    {
        spec.items.push(crate::core::scenario::ReviewItem {
            id: "actie-9".into(),
            what: "Een heel lange actie over het warmteplan en de gemeenteraad ".repeat(3),
            who: "Gemeente".into(),
            when: "voor de zomer".into(),
            since: Some("CoP Zwolle 1".into()),
            ..Default::default()
        });
    }
    let file = path.with_file_name("volgende.json");
    write_atomic(&file, &try_session_json(&next).unwrap()).expect("written");
    let ws = SessionScreen::open(&file, false).expect("opens");
    let mut app = App::new(
        Screen::Session(Box::new(ws)),
        Lang::Nl,
        Box::new(super::now),
    );
    every_size(&mut app, "review");
    let screen = super::text(&super::draw(&mut app, 100, 30));
    assert!(screen.contains("Terugblik op de vorige keer"), "{screen}");
    assert!(screen.contains("? niet besproken"), "{screen}");
    app.handle_event(crossterm::event::Event::Key(
        crossterm::event::KeyCode::Enter.into(),
    ));
    let screen = super::text(&super::draw(&mut app, 100, 30));
    assert!(screen.contains("[✓ gedaan"), "{screen}");
    assert!(screen.contains("1 gedaan · 0 loopt nog"), "{screen}");
    if let Screen::Session(ws) = &mut app.screen {
        ws.close();
    }
}

#[test]
fn step_by_step_plays_to_the_end_of_the_step_and_pauses_there() {
    let (_f, path) = recorded();
    let mut app = replay_app(&path);
    let r = replay(&mut app);
    assert_eq!((r.position(), r.len()), (0, 4));
    r.press(ReplayKey::Speed(4));
    r.press(ReplayKey::PlayPause);
    assert!(r.is_playing());
    // Every change of this log has the same time: nothing to wait for.
    while r.is_playing() {
        r.tick();
    }
    // Paused right before act 2 was opened: both cards of act 1 on screen.
    assert_eq!(r.position(), 2);
    let screen = super::text(&super::draw(&mut app, 100, 33));
    assert!(screen.contains("Akte 1/4"), "{screen}");
    assert!(screen.contains("Star"), "{screen}");
    assert!(screen.contains("❚❚ stap voor stap"), "{screen}");
    let r = replay(&mut app);
    r.press(ReplayKey::PlayPause);
    while r.is_playing() {
        r.tick();
    }
    assert_eq!(r.position(), 4);
    // Nothing moves without play.
    assert!(!r.tick());
    assert_eq!(r.position(), 4);
}

/// A lane with a theme, whose shown order differs from the stored one: Een, then the
/// theme "Samen" with Twee and Vier, then Drie. The last change edits Drie, which is
/// stored third but shown fourth.
fn themed() -> (Fixture, std::path::PathBuf) {
    use crossterm::event::KeyCode;
    let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
    for card in ["Een", "Twee", "Drie", "Vier"] {
        f.add(card);
    }
    // On Vier: mark it and Twee, and group them.
    f.keys(" ");
    f.key(KeyCode::Up);
    f.key(KeyCode::Up);
    f.keys(" g");
    f.keys("Samen");
    f.key(KeyCode::Enter);
    // Shown: Een, Twee, Vier, Drie. Down twice is Drie; edit it.
    f.key(KeyCode::Down);
    f.key(KeyCode::Down);
    f.keys("e!");
    f.key(KeyCode::Enter);
    let path = f.ws().path().to_path_buf();
    let screen = f.screen(100, 30);
    assert!(
        screen.contains("▶• Drie!"),
        "the live board selects it:\n{screen}"
    );
    if let Screen::Session(ws) = &mut f.app.screen {
        ws.close();
    }
    (f, path)
}

/// The line of the screen with the selected card.
fn selected_line(screen: &str) -> &str {
    screen.lines().find(|l| l.contains("▶•")).unwrap_or("")
}

#[test]
fn replay_and_follow_select_the_card_the_last_change_touched_in_a_lane_with_a_theme() {
    let (_f, path) = themed();
    let mut app = replay_app(&path);
    replay(&mut app).press(ReplayKey::Last);
    let screen = super::text(&super::draw(&mut app, 100, 30));
    assert!(
        selected_line(&screen).contains("Drie!"),
        "replay selects the edited card:\n{screen}"
    );
    // One change back: the theme was just set; its first card is selected.
    replay(&mut app).press(ReplayKey::Back);
    let screen = super::text(&super::draw(&mut app, 100, 30));
    assert!(
        selected_line(&screen).contains("Twee"),
        "replay selects the first card of the theme:\n{screen}"
    );

    let follow = Follow::open(&path, Lang::Nl).expect("the file is followed");
    let mut app = App::new(
        Screen::Follow(Box::new(follow)),
        Lang::Nl,
        Box::new(super::now),
    );
    let screen = super::text(&super::draw(&mut app, 100, 30));
    assert!(
        selected_line(&screen).contains("Drie!"),
        "follow selects the edited card:\n{screen}"
    );
}
