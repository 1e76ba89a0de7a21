//! Entering and leaving the terminal (raw mode, alternate screen, bracketed paste, mouse
//! reporting). Every way out (quit, error, signal, panic, a lost
//! terminal) ends in [`restore`]: paste and mouse modes off, the main screen back, the
//! cursor shown, raw mode off. Restoring twice is harmless, so every path may call it.

use std::io::{self, IsTerminal, Write};
use std::sync::Once;
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, TerminalOptions, Viewport};

use crate::core::Lang;

/// Why the screens cannot start.
#[derive(Debug, thiserror::Error)]
pub enum TerminalError {
    /// Standard output is a file or a pipe.
    #[error("{0}")]
    NotATerminal(String),
    /// The terminal refused to be set up.
    #[error("{0}")]
    Setup(String),
}

/// Sets the terminal up for the screens: raw mode, the alternate screen, bracketed
/// paste. Installs the panic hook that restores it.
pub fn enter(lang: Lang) -> Result<DefaultTerminal, TerminalError> {
    ensure_terminal(lang)?;
    install_panic_hook();
    let setup = |e: io::Error| {
        restore();
        TerminalError::Setup(format!(
            "{}: {e}",
            lang.pick(
                "de terminal kan niet worden ingesteld",
                "cannot set up the terminal"
            )
        ))
    };
    enable_raw_mode().map_err(setup)?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture
    )
    .map_err(setup)?;
    // A fixed viewport, resized when the terminal says it was (see [`resize`]): ratatui's
    // own check of the size before every frame opens /dev/tty each time (crossterm's way
    // of asking), which is work for nothing while the size stays.
    let (cols, rows) = crossterm::terminal::size().map_err(setup)?;
    ratatui::Terminal::with_options(
        CrosstermBackend::new(io::stdout()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, cols, rows)),
        },
    )
    .map_err(setup)
}

/// The terminal has a new size (the event says which).
pub fn resize(terminal: &mut DefaultTerminal, cols: u16, rows: u16) -> io::Result<()> {
    terminal.resize(Rect::new(0, 0, cols, rows))
}

/// Draws one frame as one synchronized update: a terminal that knows the mode shows it
/// whole, never half drawn (others ignore the two sequences).
pub fn draw(
    terminal: &mut DefaultTerminal,
    render: impl FnOnce(&mut ratatui::Frame),
) -> io::Result<Rect> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let area = terminal.draw(render)?.area;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(area)
}

/// Refuses to start the screens when standard output is not a terminal (so that no
/// session is started that cannot be shown).
pub fn ensure_terminal(lang: Lang) -> Result<(), TerminalError> {
    if io::stdout().is_terminal() {
        return Ok(());
    }
    Err(TerminalError::NotATerminal(
        lang.pick(
            "samenspel heeft een terminal nodig (de uitvoer gaat nu naar een bestand of pijp)",
            "samenspel needs a terminal (its output now goes to a file or pipe)",
        )
        .to_string(),
    ))
}

/// Puts the terminal back as it was found. Errors are ignored: the terminal may be gone.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// On a panic: restore the terminal first (so the message can be read), get the last
/// changes on disk, then report the panic as before.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            // A panic on the writer thread itself cannot wait for that thread.
            if std::thread::current().name() != Some("samenspel-writer") {
                crate::store::writer::flush_all(Instant::now() + Duration::from_millis(800));
            }
            previous(info);
        }));
    });
}
