//! The room: participants join the session from their own phones, through the
//! facilitator's laptop. A small HTTP server (axum on a current-thread tokio runtime, on a
//! thread of its own) runs only while the room is open; it serves one page embedded in the
//! binary and a small API (see [`api`]).
//!
//! The server holds no session state. The session loop owns the session, and uses the room
//! like this (the reply-after-saved rule of the status line holds for phones too):
//!
//! 1. [`Room::open`] with the address, the page's language, the limits, and a callback that
//!    hands each phone's [`RoomRequest`] to the loop (it must not block: send it on a
//!    channel the loop reads).
//! 2. For each request: [`Room::handle`] records its change on the loop's [`Live`] through
//!    the one reducer; give the returned event to the writer. The phone's reply waits.
//! 3. On every turn of the loop: [`Room::saved`] with the writer's saved count tells the
//!    phones what changed (once for a whole batch of requests) and answers those whose
//!    changes are now on disk.
//! 4. After every other change (keys, undo, a step change): [`Room::publish`].
//! 5. [`Room::close`] (or dropping it) tells the phones and stops the server.
//!
//! The room may import core and store, never the screens.

pub mod address;
mod api;
mod guard;
#[doc(hidden)]
pub mod harness;
pub mod limits;
mod page;
pub mod qr;
pub mod refusal;
mod request;
pub mod secret;
mod server;
pub mod view;
mod view_kinds;

#[cfg(test)]
mod tests;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use jiff::Timestamp;
use tokio::sync::watch;

pub use address::{Bind, BindError, LanAddress, lan_addresses};
pub use limits::Limits;
pub use qr::Qr;
pub use request::RoomRequest;

use crate::core::{Event, Lang, Live};
use request::{Answer, Handled, Parked};
use view::Snapshot;

/// How the room hands a phone's request to the session loop. Called on the server's
/// thread; it must return at once (e.g. send on an unbounded channel).
pub type ToLoop = Box<dyn Fn(RoomRequest) + Send + Sync>;

/// How to open a room.
#[derive(Clone, Debug)]
pub struct RoomConfig {
    /// Where to listen.
    pub bind: Bind,
    /// The language the phone page starts in (phones can switch).
    pub lang: Lang,
    /// The limits.
    pub limits: Limits,
}

/// Why a room could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Cannot listen on the address.
    #[error(transparent)]
    Bind(#[from] BindError),
    /// The system gave no random numbers for the token.
    #[error("the system gives no random numbers for the room's token: {0}")]
    Random(String),
    /// The server's runtime or thread could not start.
    #[error("the room's server cannot start: {0}")]
    Start(String),
    /// The join link does not fit a QR code.
    #[error(transparent)]
    Qr(#[from] qr::QrError),
}

impl OpenError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (OpenError::Bind(e), _) => e.message(lang),
            (_, Lang::En) => self.to_string(),
            (OpenError::Random(e), Lang::Nl) => {
                format!(
                    "het systeem geeft geen willekeurige getallen voor de sleutel van de zaal: {e}"
                )
            }
            (OpenError::Start(e), Lang::Nl) => format!("de server van de zaal start niet: {e}"),
            (OpenError::Qr(e), Lang::Nl) => format!("de link past niet in een QR-code: {e}"),
        }
    }
}

/// An open room.
pub struct Room {
    address: SocketAddr,
    url: String,
    join_url: String,
    code: String,
    qr: Qr,
    lang: Lang,
    snapshot: watch::Sender<Arc<Snapshot>>,
    closing: watch::Sender<bool>,
    parked: Vec<Parked>,
    /// Changes recorded by [`Room::handle`] that the phones were not told of yet.
    unpublished: bool,
    thread: Option<JoinHandle<()>>,
}

/// Locks a mutex, also when a panic elsewhere poisoned it (the counters stay usable).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The address phones use, and the Host header values that name the room.
fn addresses(bound: SocketAddr) -> (SocketAddr, Vec<String>) {
    let port = bound.port();
    let mut hosts = Vec::new();
    let shown = if bound.ip().is_unspecified() {
        let lan = lan_addresses();
        for a in &lan {
            hosts.push(address::host(SocketAddr::new(a.ip, port)));
        }
        hosts.push(address::host(SocketAddr::new(
            Ipv4Addr::LOCALHOST.into(),
            port,
        )));
        hosts.push(address::host(SocketAddr::new(
            Ipv6Addr::LOCALHOST.into(),
            port,
        )));
        hosts.push(format!("localhost:{port}"));
        let first = lan
            .first()
            .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |a| a.ip);
        SocketAddr::new(first, port)
    } else {
        hosts.push(address::host(bound));
        if bound.ip().is_loopback() {
            hosts.push(format!("localhost:{port}"));
        }
        bound
    };
    (
        shown,
        hosts.into_iter().map(|h| h.to_ascii_lowercase()).collect(),
    )
}

impl Room {
    /// Opens the room for `live`: listens, makes a fresh token and join code, and starts
    /// the server on its own thread. `to_loop` receives each phone's request.
    pub fn open(config: RoomConfig, live: &Live, to_loop: ToLoop) -> Result<Room, OpenError> {
        let listener = config.bind.listen()?;
        let bound = listener
            .local_addr()
            .map_err(|e| OpenError::Start(e.to_string()))?;
        let (shown, hosts) = addresses(bound);
        let token = secret::token().map_err(|e| OpenError::Random(e.to_string()))?;
        let code = secret::code().map_err(|e| OpenError::Random(e.to_string()))?;
        let host = address::host(shown);
        let join_url = format!("HTTP://{}/J/{token}", host.to_ascii_uppercase());
        let qr = Qr::new(&join_url)?;
        let (snapshot, snapshot_rx) = watch::channel(Arc::new(Snapshot::build(live, config.lang)));
        let (closing, closing_rx) = watch::channel(false);
        let app = Arc::new(api::Shared {
            hosts,
            token,
            code: code.clone(),
            limits: config.limits,
            snapshot: snapshot_rx,
            closing: closing_rx.clone(),
            to_loop,
            counters: Mutex::default(),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| OpenError::Start(e.to_string()))?;
        let thread = std::thread::Builder::new()
            .name("samenspel-room".into())
            .spawn(move || runtime.block_on(server::serve(listener, app, closing_rx)))
            .map_err(|e| OpenError::Start(e.to_string()))?;
        Ok(Room {
            address: bound,
            url: format!("http://{host}"),
            join_url,
            code,
            qr,
            lang: config.lang,
            snapshot,
            closing,
            parked: Vec::new(),
            unpublished: false,
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The short address to show: `http://192.168.1.20:8421`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The join link with its token (what the QR code holds), in upper case so the code
    /// stays small: `HTTP://192.168.1.20:8421/J/<TOKEN>`.
    pub fn join_url(&self) -> &str {
        &self.join_url
    }

    /// The join code to type on the page at [`Room::url`] instead of scanning.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The QR code of [`Room::join_url`].
    pub fn qr(&self) -> &Qr {
        &self.qr
    }

    /// Tells the phones what changed: call after every other change to the session (keys,
    /// undo, a step change); phones' own changes are told in [`Room::saved`].
    pub fn publish(&mut self, live: &Live) {
        self.unpublished = false;
        self.snapshot
            .send_replace(Arc::new(Snapshot::build(live, self.lang)));
    }

    /// Records a phone's request on `live` (stamped `at`) through the one reducer. Returns
    /// the event to hand to the writer, if there is a new one. The phone's reply waits
    /// until [`Room::saved`] says the event is on disk (a refusal is answered at once); the
    /// phones are told of the change then too, once for all requests handled since.
    pub fn handle(
        &mut self,
        live: &mut Live,
        request: RoomRequest,
        at: Timestamp,
    ) -> Option<Event> {
        match request::record(live, request, at) {
            Handled::Recorded(event, parked) => {
                self.parked.push(parked);
                self.unpublished = true;
                Some(*event)
            }
            Handled::Retry(parked) => {
                self.parked.push(parked);
                None
            }
            Handled::Refused => None,
        }
    }

    /// Answers every phone whose change is among the first `saved` events of the log (the
    /// writer's saved count), after telling the phones what [`Room::handle`] recorded since
    /// they were last told (so a phone that joined is known before it hears it may go on,
    /// and a phone's own view holds what it heard is saved). Call it on every turn of the
    /// loop.
    pub fn saved(&mut self, live: &Live, saved: usize) {
        let (done, waiting): (Vec<Parked>, Vec<Parked>) =
            self.parked.drain(..).partition(|p| p.events <= saved);
        self.parked = waiting;
        // The phones hear of what was recorded when an answer goes out (a phone's own view
        // holds what it heard is saved; one that joined is known before it hears so), so a
        // busy room builds its snapshot once a save, not once a request. Whatever is
        // recorded is told at the latest when its own answer goes.
        if self.unpublished && !done.is_empty() {
            self.publish(live);
        }
        for p in done {
            let _ = p.reply.send(Answer::Saved { device: p.device });
        }
    }

    /// How many phones wait for their change to be saved.
    pub fn waiting(&self) -> usize {
        self.parked.len()
    }

    /// Closes the room: phones are told, the server stops (within about two seconds).
    pub fn close(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.closing.send_replace(true);
        self.parked.clear();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.stop();
    }
}
