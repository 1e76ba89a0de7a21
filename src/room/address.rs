//! Where the room listens: the laptop's addresses on the local network for the facilitator
//! to choose from, or one fixed with `--bind ADDR[:PORT]` or `bind` in config.json.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};

use crate::core::Lang;

/// The port the room tries first; the next few are tried when it is taken (unless a port
/// was given).
pub const DEFAULT_PORT: u16 = 8421;
/// How many ports from [`DEFAULT_PORT`] on are tried.
pub const PORT_TRIES: u16 = 10;

/// An address to listen on, with or without a port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bind {
    /// The address.
    pub ip: IpAddr,
    /// The port; none tries [`DEFAULT_PORT`] and the next few.
    pub port: Option<u16>,
}

/// An address of this laptop on a network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanAddress {
    /// The network interface's name (e.g. `wlan0`).
    pub interface: String,
    /// The address.
    pub ip: IpAddr,
}

/// Why the room cannot listen.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BindError {
    /// Not an address.
    #[error("'{0}' is not an address; write e.g. 192.168.1.20 or 192.168.1.20:8421")]
    NotAnAddress(String),
    /// The port is used by another program.
    #[error(
        "port {0} is already in use by another program; choose another with --bind ADDRESS:PORT"
    )]
    PortTaken(u16),
    /// Every port tried is taken.
    #[error("ports {0} to {1} are all in use; choose one with --bind ADDRESS:PORT")]
    NoFreePort(u16, u16),
    /// The address is not one of this laptop's.
    #[error("{0} is not an address of this laptop; choose one of its addresses")]
    NotHere(IpAddr),
    /// Not allowed to listen there.
    #[error("no permission to listen on {0}; choose a port above 1023")]
    NoPermission(SocketAddr),
    /// Something else the system said.
    #[error("cannot listen on {0}: {1}")]
    Other(SocketAddr, String),
}

impl BindError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            BindError::NotAnAddress(s) => {
                format!(
                    "'{s}' is geen adres; schrijf bijvoorbeeld 192.168.1.20 of 192.168.1.20:8421"
                )
            }
            BindError::PortTaken(p) => format!(
                "poort {p} is al in gebruik door een ander programma; kies een andere met --bind ADRES:POORT"
            ),
            BindError::NoFreePort(a, b) => format!(
                "de poorten {a} tot en met {b} zijn allemaal in gebruik; kies er een met --bind ADRES:POORT"
            ),
            BindError::NotHere(ip) => {
                format!("{ip} is geen adres van deze laptop; kies een van zijn adressen")
            }
            BindError::NoPermission(a) => {
                format!("geen toestemming om op {a} te luisteren; kies een poort boven 1023")
            }
            BindError::Other(a, e) => format!("kan niet luisteren op {a}: {e}"),
        }
    }
}

impl Bind {
    /// Loopback only: reachable from this laptop alone (tests, or a demonstration).
    pub fn loopback(port: Option<u16>) -> Bind {
        Bind {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
        }
    }

    /// Parses `ADDR`, `ADDR:PORT`, `[IPv6]:PORT` or `IPv6`.
    pub fn parse(s: &str) -> Result<Bind, BindError> {
        let s = s.trim();
        if let Ok(ip) = s.parse::<IpAddr>() {
            return Ok(Bind { ip, port: None });
        }
        match s.parse::<SocketAddr>() {
            Ok(addr) => Ok(Bind {
                ip: addr.ip(),
                port: Some(addr.port()),
            }),
            Err(_) => Err(BindError::NotAnAddress(crate::core::clean::one_line(s))),
        }
    }

    /// Listens: on the given port, or on the first free one of [`DEFAULT_PORT`] and the
    /// next [`PORT_TRIES`].
    pub fn listen(&self) -> Result<TcpListener, BindError> {
        match self.port {
            Some(port) => listen_on(SocketAddr::new(self.ip, port)),
            None => {
                let last = DEFAULT_PORT + PORT_TRIES - 1;
                for port in DEFAULT_PORT..=last {
                    match listen_on(SocketAddr::new(self.ip, port)) {
                        Err(BindError::PortTaken(_)) => continue,
                        other => return other,
                    }
                }
                Err(BindError::NoFreePort(DEFAULT_PORT, last))
            }
        }
    }
}

fn listen_on(addr: SocketAddr) -> Result<TcpListener, BindError> {
    TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => BindError::PortTaken(addr.port()),
        std::io::ErrorKind::AddrNotAvailable => BindError::NotHere(addr.ip()),
        std::io::ErrorKind::PermissionDenied => BindError::NoPermission(addr),
        _ => BindError::Other(addr, e.to_string()),
    })
}

/// This laptop's addresses that phones on the same network can reach: IPv4 first (what
/// venue Wi-Fi and a laptop's hotspot hand out), then global IPv6; no loopback, no
/// link-local addresses.
pub fn lan_addresses() -> Vec<LanAddress> {
    let mut out: Vec<LanAddress> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .map(|i| LanAddress {
            interface: crate::core::clean::one_line(&i.name),
            ip: i.ip(),
        })
        .filter(|a| match a.ip {
            IpAddr::V4(v4) => !v4.is_link_local() && !v4.is_unspecified(),
            IpAddr::V6(v6) => {
                !v6.is_unicast_link_local() && !v6.is_unspecified() && !v6.is_loopback()
            }
        })
        .collect();
    out.sort_by_key(|a| (a.ip.is_ipv6(), a.interface.clone(), a.ip));
    out.dedup_by(|a, b| a.ip == b.ip);
    out
}

/// How an address and port are written in a link: `192.168.1.20:8421`, `[fe80::1]:8421`.
pub fn host(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(v4) => format!("{v4}:{}", addr.port()),
        IpAddr::V6(v6) => format!("[{v6}]:{}", addr.port()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_parses_address_port_and_ipv6() {
        assert_eq!(Bind::parse("127.0.0.1"), Ok(Bind::loopback(None)));
        assert_eq!(
            Bind::parse(" 127.0.0.1:9000 "),
            Ok(Bind::loopback(Some(9000)))
        );
        let v6 = Bind::parse("[::1]:9000").unwrap();
        assert_eq!(
            (v6.ip.to_string(), v6.port),
            ("::1".to_string(), Some(9000))
        );
        let err = Bind::parse("laptop\u{1b}[2J:80").unwrap_err();
        assert_eq!(err, BindError::NotAnAddress("laptop\u{FFFD}[2J:80".into()));
        assert!(err.message(Lang::Nl).starts_with("'laptop"));
    }

    #[test]
    fn a_taken_port_is_said_clearly_and_the_default_moves_on() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = Bind::loopback(Some(port)).listen().unwrap_err();
        assert_eq!(err, BindError::PortTaken(port));
        assert_eq!(
            err.message(Lang::Nl),
            format!(
                "poort {port} is al in gebruik door een ander programma; kies een andere met --bind ADRES:POORT"
            )
        );
        assert!(err.message(Lang::En).contains("already in use"));
    }

    #[test]
    fn lan_addresses_leave_out_loopback() {
        for a in lan_addresses() {
            assert!(!a.ip.is_loopback(), "{a:?}");
        }
        assert_eq!(
            host("[fe80::1]:8421".parse().unwrap()),
            "[fe80::1]:8421".to_string()
        );
    }
}
