//! A small WebDriver client for the phone-page tests: chromedriver on 127.0.0.1, headless
//! Chromium at a phone's viewport, driven over plain HTTP (the room's own test client), so
//! no WebDriver crate and its dependencies are compiled for a handful of commands.

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use samenspel::room::harness::phone::request;
use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Chromium and chromedriver, if this machine has both; else why not.
pub fn tools() -> Result<(String, String), String> {
    let find = |names: &[&str]| {
        names
            .iter()
            .find(|c| {
                Command::new(c)
                    .arg("--version")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .map(|c| c.to_string())
    };
    let chromium = find(&["chromium", "chromium-browser", "google-chrome"])
        .ok_or("no Chromium (apt-get install chromium)")?;
    let driver =
        find(&["chromedriver"]).ok_or("no chromedriver (apt-get install chromium-driver)")?;
    Ok((chromium, driver))
}

/// A running chromedriver.
pub struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Driver {
    /// Starts chromedriver on a free loopback port and waits (bounded) until it is ready.
    pub fn start(driver: &str) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let d = Driver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while d
            .call("GET", "/status", None)
            .is_none_or(|v| v["value"]["ready"] != true)
        {
            assert!(Instant::now() < deadline, "chromedriver did not get ready");
            std::thread::sleep(Duration::from_millis(100));
        }
        d
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Option<Value> {
        let host = self.addr.to_string();
        let body = body.map(|b| b.to_string());
        request(self.addr, &host, method, path, &[], body.as_deref())
            .ok()
            .map(|a| a.json())
    }

    /// A new browser at a 360 x 740 phone viewport, with a fresh profile in `profile`.
    pub fn browser(&self, chromium: &str, profile: &Path) -> Browser<'_> {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": which(chromium),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--no-proxy-server", "--lang=nl",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "mobileEmulation": {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2.0}},
            },
        }}});
        let v = self
            .call("POST", "/session", Some(caps))
            .expect("a session");
        let id = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Browser { driver: self, id }
    }
}

fn which(name: &str) -> String {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .expect("sh");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser session.
pub struct Browser<'a> {
    driver: &'a Driver,
    id: String,
}

/// How long a wait for the page lasts at most (bounded, never a measure of speed).
pub const WAIT: Duration = Duration::from_secs(20);

impl Browser<'_> {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        match self.try_cmd(method, path, body) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }

    /// A command; its WebDriver error (other than "no such element") as an error.
    fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let path = format!("/session/{}{path}", self.id);
        let v = self
            .driver
            .call(method, &path, body)
            .ok_or_else(|| format!("{method} {path}: no answer"))?;
        if let Some(error) = v["value"]["error"].as_str()
            && error != "no such element"
        {
            return Err(format!(
                "{method} {path}: {error}: {}",
                v["value"]["message"]
            ));
        }
        Ok(v["value"].clone())
    }

    /// Opens a URL.
    pub fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url})));
    }

    /// Runs a script in the page and returns its value.
    pub fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// The element matching `css`, if there is one now.
    pub fn find(&self, css: &str) -> Option<String> {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().map(str::to_string)
    }

    /// Waits for the element matching `css`.
    pub fn wait_for(&self, css: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(e) = self.find(css) {
                return e;
            }
            assert!(
                Instant::now() < deadline,
                "no {css} on the page:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until no element matches `css`.
    pub fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        while self.find(css).is_some() {
            assert!(
                Instant::now() < deadline,
                "{css} stays on the page:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the page's text holds `text`.
    pub fn wait_text(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.text().contains(text) {
            assert!(
                Instant::now() < deadline,
                "the page never said {text:?}:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The text a person sees on the page.
    pub fn text(&self) -> String {
        self.js("return document.body.innerText;", json!([]))
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Clicks the element matching `css`. The page draws its lists again on every update,
    /// so an element found a moment ago may be gone: then it is found again (bounded).
    pub fn click(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let e = self.wait_for(css);
            match self.try_cmd("POST", &format!("/element/{e}/click"), Some(json!({}))) {
                Ok(_) => return,
                Err(err) if err.contains("stale element") && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(err) => panic!("{err}"),
            }
        }
    }

    /// Types into the element matching `css`.
    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.wait_for(css);
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({"text": text})),
        );
    }

    /// The value of a form field.
    pub fn value(&self, css: &str) -> String {
        self.js(
            "return document.querySelector(arguments[0]).value;",
            json!([css]),
        )
        .as_str()
        .unwrap_or("")
        .to_string()
    }

    /// Waits until the form field matching `css` holds `value`.
    pub fn wait_value(&self, css: &str, value: &str) {
        let deadline = Instant::now() + WAIT;
        while self.value(css) != value {
            assert!(
                Instant::now() < deadline,
                "{css} holds {:?}, not {value:?}",
                self.value(css)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Opens a new tab (its own sessionStorage: another phone) and switches to it; returns
    /// the handle of the tab it came from.
    pub fn new_tab(&self) -> String {
        let old = self
            .cmd("GET", "/window", None)
            .as_str()
            .unwrap_or("")
            .to_string();
        let v = self.cmd("POST", "/window/new", Some(json!({"type": "tab"})));
        let handle = v["handle"].as_str().expect("a tab").to_string();
        self.switch(&handle);
        old
    }

    /// The current tab's handle.
    pub fn tab(&self) -> String {
        self.cmd("GET", "/window", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Switches to a tab.
    pub fn switch(&self, handle: &str) {
        self.cmd("POST", "/window", Some(json!({"handle": handle})));
    }

    /// Saves a screenshot of the viewport as a PNG.
    pub fn screenshot(&self, path: &Path) {
        let b64 = self.cmd("GET", "/screenshot", None);
        let bytes = base64(b64.as_str().unwrap_or(""));
        std::fs::write(path, bytes).expect("screenshot written");
    }
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let _ = self
            .driver
            .call("DELETE", &format!("/session/{}", self.id), None);
    }
}

fn base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut bits, mut held) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        bits = (bits << 6) | u32::from(v);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}
