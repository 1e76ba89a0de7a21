//! The inputs of the session loop, all sent over one channel: what the terminal sends (a
//! thread reads it), a signal or a lost terminal, the writer saying the save status moved,
//! and changes from other sources than the keyboard: participants' phones through the room
//! server ([`Input::Room`]), and later a second screen. Each is one more sender of
//! [`Input`] and never changes a session any other way.

use std::sync::mpsc::Sender;

use crossterm::event::Event as TermEvent;

use super::signals::Ending;
use crate::core::Change;
use crate::room::RoomRequest;
use crate::store::channel::Heard;

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The facilitator at the keyboard: what it adds is selected.
    Facilitator,
    /// A participant's device in the room; the facilitator's selection stays put.
    Room,
}

/// One message to the session loop.
#[derive(Debug)]
pub enum Input {
    /// What the terminal sent: a key, a paste, a mouse event, a new size.
    Terminal(TermEvent),
    /// The terminal can no longer be read.
    TerminalGone,
    /// A signal, or a terminal that hung up, asks the app to end.
    End(Ending),
    /// The save status of the open session may have changed.
    Saved,
    /// A change from another source than the keyboard, for the session on screen.
    Change {
        /// The change.
        change: Change,
        /// Where it comes from.
        origin: Origin,
    },
    /// A phone's request from the room's server: recorded through the session screen's
    /// one path of a change; the phone hears back once it is saved.
    Room(RoomRequest),
    /// What a beamer heard from its console over the local channel.
    Beamer(Heard),
}

/// Where inputs go; every source holds a clone.
pub type Inputs = Sender<Input>;

/// Starts the thread that reads the terminal and sends what it reads, until the terminal
/// fails (it says so, once) or nobody listens any more.
pub fn read_terminal(inputs: Inputs) {
    let gone = inputs.clone();
    let spawned = std::thread::Builder::new()
        .name("samenspel-keys".into())
        .spawn(move || {
            loop {
                match crossterm::event::read() {
                    Ok(event) => {
                        if inputs.send(Input::Terminal(event)).is_err() {
                            return;
                        }
                    }
                    Err(_) => {
                        let _ = inputs.send(Input::TerminalGone);
                        return;
                    }
                }
            }
        });
    if spawned.is_err() {
        // Without a reader there is no keyboard: leave the way a lost terminal does.
        let _ = gone.send(Input::TerminalGone);
    }
}
