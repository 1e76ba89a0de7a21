//! The application: which screen is on, the overlays over it, and where an input goes.
//! Keys become actions here (by the key tables of where keys go now); a session's actions
//! and changes go to its [`SessionScreen`], which alone changes it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, KeyCode, KeyEventKind, MouseButton, MouseEventKind};
use jiff::Timestamp;
use ratatui::layout::Rect;

use super::action::{Action, KeyContext, resolve};
use super::form::Typed;
use super::home::{Home, HomeItem, Start, TitlePrompt};
use super::input::{Input, Inputs, Origin};
use super::keys::{KeyTable, bind, ch, code, table};
use super::room::RoomSettings;
use super::session::SessionScreen;
use super::session::view::Mode;
use super::signals::Ending;
use super::theme::Theme;
use crate::core::Lang;
use crate::store::FileError;

/// A clock: the only way the app learns the time, so tests can fix it.
pub type Clock = Box<dyn Fn() -> Timestamp>;

/// A file that could not be opened, shown instead of a screen.
pub struct ErrorScreen {
    /// The lines to show (file, JSON path, reason).
    pub lines: Vec<String>,
    /// Whether it is the settings file (samenspel goes on with the defaults), not a
    /// session or scenario that could not be opened.
    pub settings: bool,
}

/// The keys of the error screen.
pub static ERROR_KEYS: KeyTable = table!(
    "Fout",
    "Error",
    [
        bind!(
            "Esc Enter",
            "verder",
            "go on",
            [
                code(KeyCode::Esc, Action::Back),
                code(KeyCode::Enter, Action::Back),
            ],
        ),
        bind!("q", "stoppen", "quit", [ch('q', Action::Quit)]),
    ],
);

/// Which screen is on.
pub enum Screen {
    /// Choose a scenario or session.
    Home(Home),
    /// A session.
    Session(Box<SessionScreen>),
    /// A session played back, read-only.
    Replay(Box<super::replay::Replay>),
    /// A session followed while another process edits it.
    Follow(Box<super::follow::Follow>),
}

/// The whole application.
pub struct App {
    /// Interface language.
    pub lang: Lang,
    /// Styles.
    pub theme: Theme,
    /// The screen.
    pub screen: Screen,
    /// An error over the screen, if any.
    pub error: Option<ErrorScreen>,
    /// Whether the help overlay is open.
    pub help: bool,
    /// How far the help overlay is scrolled (lines).
    pub help_scroll: u16,
    /// The size of the last frame drawn, for mouse clicks.
    pub area: Rect,
    /// Set when the app should end.
    pub quit: bool,
    /// Where and how the room opens (`--bind`, config.json).
    pub room: RoomSettings,
    /// Whether a beamer shows the room's content as it is typed (config.json), and where
    /// that is remembered.
    pub typing: super::beamer::TypingSetting,
    clock: Clock,
    /// Where the open session tells that its save status moved.
    inputs: Option<Inputs>,
    /// The home screen a replay was started from: `q` goes back to it.
    home: Option<Box<Screen>>,
}

impl App {
    /// An app on a given screen.
    pub fn new(screen: Screen, lang: Lang, clock: Clock) -> App {
        App {
            lang,
            theme: Theme::default(),
            screen,
            error: None,
            help: false,
            help_scroll: 0,
            area: Rect::default(),
            quit: false,
            room: RoomSettings::default(),
            typing: super::beamer::TypingSetting::default(),
            clock,
            inputs: None,
            home: None,
        }
    }

    /// The time now, from the injected clock.
    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// Sends the open session's save status changes (and those of a session opened
    /// later) to the session loop, so it never has to ask.
    pub fn connect(&mut self, inputs: Inputs) {
        self.inputs = Some(inputs);
        self.connect_session();
    }

    fn connect_session(&mut self) {
        let Some(inputs) = self.inputs.clone() else {
            return;
        };
        // A beamer hears its console over the channel beside the session.
        if let Screen::Follow(f) = &self.screen
            && f.beamer.is_some()
        {
            let to = inputs.clone();
            let heard = Box::new(move |h| to.send(Input::Beamer(h)).is_ok());
            if crate::store::channel::subscribe(&f.path(), heard).is_err() {
                let _ = inputs.send(Input::Beamer(crate::store::channel::Heard::Refused(
                    crate::store::channel::Refusal::NoThread,
                )));
            }
        }
        let saved_to = inputs.clone();
        let saved: Box<dyn Fn() + Send> = Box::new(move || {
            let _ = saved_to.send(Input::Saved);
        });
        match &mut self.screen {
            Screen::Session(s) => {
                if !s.read_only() && s.beamers.is_none() {
                    // A beamer may connect; with none, nothing changes.
                    let woken = inputs.clone();
                    let changed = Box::new(move || {
                        // The sign of what the beamer shows is drawn again.
                        let _ = woken.send(Input::Saved);
                    });
                    s.beamers = crate::store::channel::Publisher::open(s.path(), changed).ok();
                }
                s.typing = self.typing.clone();
                s.room.connect(inputs.clone(), self.room.clone());
                s.on_status(saved);
            }
            // The followed file was saved by its own samenspel.
            Screen::Follow(f) => f.on_change(saved),
            _ => {}
        }
    }

    /// Once per turn of the session loop, after the inputs that were waiting: the room
    /// tells the phones what changed and answers those whose change is saved.
    pub fn settle(&mut self) {
        if let Screen::Session(s) = &mut self.screen {
            s.settle();
        }
    }

    /// Publishes what the room sees of the session on screen to its beamers (nothing is
    /// sent when it did not change, and at most one line every 16 ms).
    pub fn publish(&mut self) {
        if let Screen::Session(s) = &self.screen
            && let Some(beamers) = &s.beamers
        {
            let mirror = super::beamer::Mirror::of(&s.view, &s.live.state, s.typing.on);
            if let Ok(line) = serde_json::to_string(&mirror) {
                beamers.publish(line);
            }
        }
    }

    /// Notes the time on screen; true once when the countdown of the step on screen reaches
    /// zero (the caller rings the bell). Never changes what keys do.
    pub fn bell(&mut self) -> bool {
        let now = self.now();
        match &mut self.screen {
            Screen::Session(s) => super::timer::ring(&mut s.bell, &s.live.state, now),
            _ => false,
        }
    }

    /// When the countdown on screen changes its digits next, if one runs.
    fn countdown_due(&self) -> Option<Duration> {
        let state = match &self.screen {
            Screen::Session(s) => &s.live.state,
            Screen::Follow(f) => &f.shown.live.state,
            _ => return None,
        };
        let ms = super::timer::next_tick_ms(state, self.now())?;
        Some(Duration::from_millis(ms.clamp(1, 1000) as u64 + 5))
    }

    /// When the screen wants to move on by itself (replay playing, follow looking at
    /// its file, a countdown's digits); none when it only changes on an input.
    pub fn deadline(&self) -> Option<Instant> {
        let own = match &self.screen {
            Screen::Replay(r) => r.deadline(),
            Screen::Follow(f) => f.deadline(),
            _ => None,
        };
        let countdown = self.countdown_due().map(|d| Instant::now() + d);
        match (own, countdown) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Lets the screen move on by itself when it is time; true when it changed (a running
    /// countdown changes every second: its digits are all that moves by itself).
    pub fn tick(&mut self) -> bool {
        let moved = match &mut self.screen {
            Screen::Replay(r) => r.tick(),
            Screen::Follow(f) => f.tick(),
            _ => false,
        };
        moved || self.countdown_due().is_some()
    }

    /// Shows a file error over the current screen.
    pub fn show_error(&mut self, error: &FileError) {
        self.error = Some(ErrorScreen {
            lines: error.lines(self.lang),
            settings: false,
        });
    }

    /// Shows a problem of the settings file (`config.json`) over the current screen.
    pub fn show_settings_error(&mut self, error: &FileError) {
        self.error = Some(ErrorScreen {
            lines: error.lines(self.lang),
            settings: true,
        });
    }

    /// Where keys go now.
    pub fn context(&self) -> KeyContext {
        if self.error.is_some() {
            return KeyContext::Error;
        }
        if self.help {
            return KeyContext::Help;
        }
        self.screen_context()
    }

    /// Where keys go on the screen under any overlay (what the help overlay explains).
    pub fn screen_context(&self) -> KeyContext {
        match &self.screen {
            Screen::Home(h) if h.prompt.is_some() => KeyContext::Editing,
            Screen::Home(_) => KeyContext::Home,
            Screen::Session(s) if s.read_only() => match &s.view.mode {
                Mode::Spotlight => KeyContext::Spotlight,
                _ if s.view.people.is_some() => KeyContext::BrowsePeople,
                _ => KeyContext::Browse,
            },
            Screen::Session(s) => match &s.view.mode {
                Mode::Normal if s.view.agenda.is_some() && self.side_fits() => KeyContext::Side,
                Mode::Normal if s.view.people.is_some() => KeyContext::Participants,
                Mode::Normal if s.view.inbox.is_some() => KeyContext::Inbox,
                Mode::Normal if self.join_view(s) => KeyContext::Join,
                Mode::Normal => match super::steps::on_screen(&s.live.state) {
                    Some(ui) => KeyContext::Step(ui.keys),
                    None => KeyContext::Step(&super::steps::EVERY_STEP),
                },
                Mode::Confirm(_) => KeyContext::Confirm,
                Mode::Picker(_) => KeyContext::Picker,
                Mode::Spotlight => KeyContext::Spotlight,
                Mode::Form(f) if f.is_choice() => KeyContext::Picker,
                Mode::Form(_) => KeyContext::Editing,
                Mode::Endorse(_) => KeyContext::Endorse,
            },
            Screen::Replay(_) => KeyContext::Replay,
            Screen::Follow(f) if f.beamer.is_some() => KeyContext::Beamer,
            Screen::Follow(_) => KeyContext::Follow,
        }
    }

    /// Whether the console's side panel fits beside the step at the size of the last frame
    /// (before the first frame the size is not known: it may).
    fn side_fits(&self) -> bool {
        self.area.width == 0 || super::side::width(self.area.width).is_some()
    }

    /// Whether the room's QR code is alone on screen (its join view) at the size of the
    /// last frame.
    fn join_view(&self, s: &SessionScreen) -> bool {
        let [main, _] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Min(1),
            ratatui::layout::Constraint::Length(1),
        ])
        .areas(self.area);
        let (main, _) = super::side::split(main, s);
        super::room::join::placement(main, &s.view) == super::room::join::Placement::Alone
    }

    /// Takes one input of the session loop; the ending when it asks the app to end.
    pub fn handle(&mut self, input: Input) -> Option<Ending> {
        match input {
            Input::Terminal(event) => self.handle_event(event),
            Input::TerminalGone => return Some(Ending::TerminalGone),
            Input::End(ending) => return Some(ending),
            // Drawn next: the status line reads the file's status.
            Input::Saved => {}
            Input::Change { change, origin } => self.apply(change, origin),
            Input::Beamer(heard) => {
                if let Screen::Follow(f) = &mut self.screen {
                    f.heard(heard);
                }
            }
            Input::Room(request) => {
                let (now, lang) = (self.now(), self.lang);
                if let Screen::Session(s) = &mut self.screen {
                    s.apply_room(request, now, lang);
                }
            }
        }
        None
    }

    /// A change from another source than the keyboard, for the session on screen.
    pub fn apply(&mut self, change: crate::core::Change, origin: Origin) {
        let (now, lang) = (self.now(), self.lang);
        if let Screen::Session(s) = &mut self.screen {
            s.apply(change, origin, now, lang);
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: TermEvent) {
        match event {
            TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = resolve(self.context(), key) {
                    self.dispatch(action);
                }
            }
            TermEvent::Paste(text) => self.dispatch(Action::Paste(text)),
            // The mouse is a convenience: clicks select, the wheel moves the selection.
            TermEvent::Mouse(mouse) => {
                let action = match mouse.kind {
                    MouseEventKind::Down(MouseButton::Left) => Action::Click {
                        column: mouse.column,
                        row: mouse.row,
                    },
                    MouseEventKind::ScrollUp => Action::Up,
                    MouseEventKind::ScrollDown => Action::Down,
                    _ => return,
                };
                let context = self.context();
                let takes_it = match action {
                    Action::Click { .. } => {
                        matches!(context, KeyContext::Step(_) | KeyContext::Browse)
                    }
                    _ => !matches!(
                        context,
                        KeyContext::Editing | KeyContext::Confirm | KeyContext::Error
                    ),
                };
                if takes_it {
                    self.dispatch(action);
                }
            }
            _ => {}
        }
    }

    /// Carries out one action.
    pub fn dispatch(&mut self, action: Action) {
        let now = self.now();
        let lang = self.lang;
        if self.error.is_some() {
            match action {
                Action::Back => self.error = None,
                // `q` quits, as on the screen under the box (which may ask first).
                Action::Quit => {
                    self.error = None;
                    self.dispatch(Action::Quit);
                }
                _ => {}
            }
            return;
        }
        if action == Action::Help {
            self.help = !self.help;
            self.help_scroll = 0;
            return;
        }
        if self.help {
            match action {
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => self.help_scroll = self.help_scroll.saturating_add(1),
                _ => {}
            }
            return;
        }
        let side_fits = self.side_fits();
        match &mut self.screen {
            Screen::Home(home) if home.prompt.is_some() => self.title_typed(action, now),
            Screen::Home(home) => match action {
                Action::Up => home.select(-1),
                Action::Down => home.select(1),
                Action::Quit => self.quit = true,
                Action::Open => self.open_home_item(),
                Action::Continue => self.continue_home_item(),
                Action::PlayBack => self.replay_home_item(),
                _ => {}
            },
            Screen::Session(s) if !side_fits && (s.view.agenda.is_some() || s.view.side) => {
                // The window became too narrow for the panel: the keys are the step's.
                s.view.agenda = None;
                s.view.side = false;
                self.dispatch(action);
            }
            Screen::Session(s) if action == Action::SidePanel && !side_fits => {
                s.view.info(lang.pick(
                    "Het zijpaneel past niet: maak het venster minstens 70 kolommen breed",
                    "The side panel does not fit: make the window at least 70 columns wide",
                ));
            }
            Screen::Session(s) => match action {
                Action::Click { column, row } => {
                    let body = super::view::body_area(self.area, s, &self.theme, lang);
                    s.click(body, column, row, &self.theme, lang);
                }
                // Leaving closes the session on the way out of the loop, never here.
                Action::Quit => self.quit = !super::session::end::quit_blocked(s),
                other => s.act(other, now, lang),
            },
            Screen::Replay(replay) => match action {
                // A replay chosen on the home screen goes back to it.
                Action::Quit => match self.home.take() {
                    Some(home) => self.screen = *home,
                    None => self.quit = true,
                },
                other => replay.act(other),
            },
            Screen::Follow(follow) => match action {
                Action::Quit => self.quit = true,
                other => follow.act(other),
            },
        }
    }

    /// Today's date as a title, in the interface language.
    fn today(&self) -> String {
        let date = self.now().to_zoned(jiff::tz::TimeZone::system()).date();
        crate::core::dates::title(date, self.lang)
    }

    /// Enter on the home screen: a scenario asks the title of the new session first; a
    /// session opens.
    fn open_home_item(&mut self) {
        let today = self.today();
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        match home.items.get(home.selected) {
            Some(HomeItem::Scenario(entry)) => {
                let start = Start::New(entry.scenario.clone());
                home.prompt = Some(Box::new(TitlePrompt::new(start, &today)));
            }
            Some(HomeItem::Session(info)) => {
                let opened = SessionScreen::open(&info.path, false);
                self.show_session(opened);
            }
            None => {}
        }
    }

    /// `v` on a recent session: the next meeting of its series, as `new --from` makes it
    /// (its scenario as the catalog has it now), after asking the title.
    fn continue_home_item(&mut self) {
        let (today, lang) = (self.today(), self.lang);
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        let Some(HomeItem::Session(info)) = home.items.get(home.selected) else {
            return;
        };
        match crate::store::catalog::find_scenario(&info.scenario) {
            Ok(entry) => {
                let start = Start::Continue {
                    previous: info.path.clone(),
                    scenario: entry.scenario,
                };
                home.prompt = Some(Box::new(TitlePrompt::new(start, &today)));
            }
            Err(e) => {
                self.error = Some(ErrorScreen {
                    lines: e.lines(lang),
                    settings: false,
                })
            }
        }
    }

    /// `r` on a recent session: play it back.
    fn replay_home_item(&mut self) {
        let Screen::Home(home) = &self.screen else {
            return;
        };
        let Some(HomeItem::Session(info)) = home.items.get(home.selected) else {
            return;
        };
        match super::replay::Replay::open(&info.path, self.lang) {
            Ok(r) => {
                let home = std::mem::replace(&mut self.screen, Screen::Replay(Box::new(r)));
                self.home = Some(Box::new(home));
            }
            Err(e) => self.show_error(&e),
        }
    }

    /// A key while the title of a new session is asked: Enter starts it, Esc goes back.
    fn title_typed(&mut self, action: Action, now: Timestamp) {
        let lang = self.lang;
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        let Some(prompt) = home.prompt.as_mut() else {
            return;
        };
        match prompt.form.take(&action) {
            Typed::Open => {}
            // The title is not what the room said: Esc goes back at once.
            Typed::Closed | Typed::AskDiscard => home.prompt = None,
            Typed::Complete => {
                let Some(prompt) = home.prompt.take() else {
                    return;
                };
                let title = Some(prompt.form.text_of(0));
                let created = match prompt.start {
                    Start::New(scenario) => SessionScreen::create(scenario, title, now, lang),
                    Start::Continue { previous, scenario } => {
                        crate::store::series::continue_from(&previous, scenario, title, now, lang)
                            .and_then(SessionScreen::create_prepared)
                    }
                };
                self.show_session(created);
            }
        }
    }

    fn show_session(&mut self, opened: Result<SessionScreen, FileError>) {
        match opened {
            Ok(s) => {
                self.screen = Screen::Session(Box::new(s));
                self.connect_session();
            }
            Err(e) => self.show_error(&e),
        }
    }

    /// The session file on screen, if any.
    pub fn session_path(&self) -> Option<PathBuf> {
        match &self.screen {
            Screen::Session(s) => Some(s.path().to_path_buf()),
            Screen::Replay(r) => Some(r.path().to_path_buf()),
            Screen::Follow(f) => Some(f.path()),
            Screen::Home(_) => None,
        }
    }
}
