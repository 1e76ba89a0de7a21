//! Leaving a session: what is pending is written, and nothing is lost in silence. A
//! quit while saving fails asks for a second `q`; whatever is still not on disk when the
//! app ends is named on the terminal afterwards, and the exit code says so
//! ([`EXIT_NOT_SAVED`]); so is a copy made because the file was changed elsewhere. The
//! session is closed in one place,
//! [`close`], on the way out of the session loop: never while a key is handled.

use std::time::Duration;

use super::SessionScreen;
use crate::core::Lang;
use crate::tui::app::{App, Screen};

/// Exit code after a quit that left changes unsaved (`q` twice while saving failed), so
/// that a script can tell; 3 is taken by a session open elsewhere (see the README).
pub const EXIT_NOT_SAVED: i32 = 4;

/// What closing a session leaves to say.
#[derive(Debug, Default)]
pub struct Closed {
    /// Changes that are not on disk.
    pub lost: usize,
    /// What to tell on the terminal afterwards.
    pub messages: Vec<String>,
}

/// Closes the open session (writing what is pending, waiting at most `wait`); says what
/// could not be saved, and where the session went after a conflict.
pub fn close(app: &mut App, wait: Duration) -> Closed {
    let lang = app.lang;
    let Screen::Session(ws) = &mut app.screen else {
        return Closed::default();
    };
    let Some(status) = ws.close_within(wait) else {
        return Closed::default();
    };
    let mut closed = Closed::default();
    if let Some(conflict) = &status.conflict {
        closed.messages.push(conflict.explain(lang));
    }
    let total = ws.live.session.events.len();
    if status.saved >= total {
        return closed;
    }
    let lost = total - status.saved;
    closed.lost = lost;
    let reason = status.error.map(|e| e.message(lang)).unwrap_or_else(|| {
        lang.pick("het opslaan duurde te lang", "saving took too long")
            .to_string()
    });
    let file = match &status.conflict {
        Some(c) => c.copy.display().to_string(),
        None => ws.path().display().to_string(),
    };
    closed.messages.push(match lang {
        Lang::Nl => {
            format!("{lost} van de {total} wijzigingen zijn NIET opgeslagen in {file}: {reason}")
        }
        Lang::En => format!("{lost} of the {total} changes were NOT saved to {file}: {reason}"),
    });
    closed
}

/// Whether a quit must wait: saving fails and changes are not on disk. The first `q`
/// then only says so in the status line (see [`quit_hint`]); a second `q` quits anyway.
pub fn quit_blocked(ws: &mut SessionScreen) -> bool {
    let Some(status) = ws.save_status() else {
        return false;
    };
    let total = ws.live.session.events.len();
    if status.error.is_none() || status.saved >= total {
        // Saving works again: a later failure asks again.
        ws.quit_warned = false;
        return false;
    }
    if ws.quit_warned {
        return false;
    }
    ws.quit_warned = true;
    true
}

/// What the status line adds to "NIET OPGESLAGEN" after a held-back quit. Short: it
/// shares the line with the reason, and the whole must fit 80 columns.
pub fn quit_hint(ws: &SessionScreen, lang: Lang) -> &'static str {
    if ws.quit_warned {
        lang.pick(" · q nogmaals = stoppen", " · q again = quit")
    } else {
        ""
    }
}
