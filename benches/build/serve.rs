//! The editor's wait: how long `congkhai serve` takes from a saved file to the rebuilt page
//! in hand. Each run writes one procedure file, waits on the status for the next build (as
//! the page's reload script does), then fetches what the edit changed and checks it shows
//! the edit. Two kinds of edit: a sentence added to the text (only its page changes), and a
//! new short name (every listing and the search index show it too).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A plain HTTP GET on 127.0.0.1: the body.
fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response);
    response
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string())
}

fn build_number(status: &str) -> u64 {
    let value: serde_json::Value = serde_json::from_str(status).unwrap();
    value["build"].as_u64().unwrap()
}

struct Server {
    child: Child,
    port: u16,
    /// The lines the server prints.
    lines: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(congkhai: &str, root: &Path) -> Server {
        // Its lines are read below: in English, whatever the machine's locale.
        let mut child = Command::new(congkhai)
            .env("CONGKHAI_LANG", "en")
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start congkhai serve");
        let (tx, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            lines,
        };
        server.port = loop {
            let line = server.lines.recv().expect("serve printed its address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        server.settle();
        server
    }

    /// Waits until the pass over every file after the last build has ended, so that each
    /// measured edit starts from a quiet server (an editor reads the page before the next
    /// edit).
    fn settle(&self) {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(600))
                .expect("the server finished making every file");
            if line.starts_with("Made all") || line.starts_with("Rendering failed") {
                return;
            }
        }
    }
}

/// Medians, in milliseconds, of `runs` text edits and `runs` renames.
pub struct Latency {
    pub text_ms: f64,
    pub listing_ms: f64,
    pub text_runs: Vec<f64>,
    pub listing_runs: Vec<f64>,
}

/// Serves `root`, edits its first procedure file `runs` times each way, and restores it.
pub fn latency(congkhai: &str, root: &Path, runs: usize) -> Latency {
    let edited = walkdir::WalkDir::new(root.join("content/procedures"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .unwrap()
        .into_path();
    let code = edited.file_stem().unwrap().to_string_lossy().into_owned();
    let original = std::fs::read_to_string(&edited).unwrap();
    let name_line = original
        .lines()
        .find(|l| l.starts_with("short_name = "))
        .expect("a short name line")
        .to_string();
    let _restore = Restore(edited.clone(), original.clone());
    let server = Server::start(congkhai, root);
    let port = server.port;
    let page = format!("/tthc/{code}/");
    let search_index = find_search_index(&get(port, "/tim-kiem/"));
    let one = |text: String, check: &dyn Fn(&str) -> bool| -> f64 {
        let before = build_number(&get(port, "/__congkhai/status"));
        let started = Instant::now();
        std::fs::write(&edited, text).unwrap();
        let status = get(port, &format!("/__congkhai/status?since={before}&errors=0"));
        assert!(build_number(&status) > before, "no rebuild after an edit");
        let shown = get(port, &page);
        assert!(
            check(&shown),
            "the page does not show the edit: {status} {}",
            &shown[..shown.len().min(300)]
        );
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        server.settle();
        elapsed
    };
    let text_runs: Vec<f64> = (0..runs)
        .map(|i| {
            let sentence = format!("Sửa lần thứ {i} của đoạn văn.");
            one(format!("{original}\n{sentence}\n"), &|page| {
                page.contains(&sentence)
            })
        })
        .collect();
    let listing_runs: Vec<f64> = (0..runs)
        .map(|i| {
            let name = format!("Đổi tên lần {i}");
            let text = original.replacen(&name_line, &format!("short_name = \"{name}\""), 1);
            let index = search_index.clone();
            one(text, &|page| {
                page.contains(&name) && get(port, &index).contains(&name)
            })
        })
        .collect();
    Latency {
        text_ms: super::median(text_runs.clone()),
        listing_ms: super::median(listing_runs.clone()),
        text_runs,
        listing_runs,
    }
}

/// Puts the edited file back as it was, even when a check fails.
struct Restore(std::path::PathBuf, String);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.0, &self.1);
    }
}

/// The address of the search index, as the search page names it.
fn find_search_index(search_page: &str) -> String {
    let at = search_page
        .find("data-index=\"")
        .map(|i| i + "data-index=\"".len())
        .expect("the search page names its index");
    let end = search_page[at..].find('"').unwrap();
    search_page[at..at + end].to_string()
}
