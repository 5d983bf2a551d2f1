//! `congkhai serve` as an editor uses it: start on a free port, fetch a page, edit a file
//! and see the change, make a mistake and see it reported, fix it and see it recover.

mod common;

use common::{Fixture, procedure_front};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Serving {
    child: Child,
    port: u16,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Fixture) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .env("CONGKHAI_LANG", "en")
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start congkhai serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Serving { child, port }
}

/// A plain HTTP GET on 127.0.0.1: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// Polls until `ok` holds, for at most 60 s. Rebuilds take well under a second, but a CI
/// machine runs these tests side by side in a debug build, each server drawing its print
/// packs: once, 15 s were not enough.
fn eventually(what: &str, mut ok: impl FnMut() -> bool) {
    let started = Instant::now();
    while !ok() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn edits_show_up_errors_are_reported_and_fixing_recovers() {
    let site = Fixture::new();
    let serving = start(&site);
    let port = serving.port;

    let (status, page) = get(port, "/tthc/1.000001/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Đăng ký khai sinh</h1>"));
    assert!(
        page.contains("/__congkhai/status"),
        "the reload script is injected while serving"
    );
    assert_eq!(get(port, "/khong-co/").0, 404);

    let edited = procedure_front("1.000001", "Đăng ký khai sinh cho trẻ em");
    let site = site.procedure("1.000001", &edited, "Khai sinh.\n");
    eventually("the edit to show", || {
        get(port, "/tthc/1.000001/")
            .1
            .contains("<h1>Đăng ký khai sinh cho trẻ em</h1>")
    });

    let site = site.procedure("1.000001", &edited.replace("field = ", "feild = "), "");
    eventually("the error to be reported", || {
        get(port, "/__congkhai/status")
            .1
            .contains("unknown field `feild`")
    });
    assert!(
        get(port, "/tthc/1.000001/").1.contains("cho trẻ em"),
        "the last good build is still served"
    );

    let before: serde_json::Value =
        serde_json::from_str(&get(port, "/__congkhai/status").1).unwrap();
    let _site = site.procedure("1.000001", &edited, "");
    eventually("the fix to recover", || {
        let status: serde_json::Value =
            serde_json::from_str(&get(port, "/__congkhai/status").1).unwrap();
        status["errors"].as_array().unwrap().is_empty() && status["build"] != before["build"]
    });
}

/// `serve` keeps whether each poster fits from one check to the next: an edit that makes a
/// poster too long is warned of, and an edit that shortens it again takes the warning away.
#[test]
fn a_poster_too_long_is_warned_of_after_the_edit_that_makes_it_so_and_only_then() {
    let site = Fixture::new();
    let root = site.root().to_path_buf();
    let kept = congkhai::Kept::default();
    let warned = || {
        let (_, diags) =
            congkhai::check_live(&root, None, &kept, &mut congkhai::timings::Timings::new())
                .unwrap_or_else(|d| panic!("{:?}", d.sorted()));
        diags
            .sorted()
            .iter()
            .any(|d| d.message.contains("cannot fit on one A4 sheet"))
    };
    assert!(!warned());
    let long = "Cấp giấy phép hoạt động ".repeat(40);
    let site = site.procedure("1.000001", &procedure_front("1.000001", long.trim()), "");
    assert!(warned(), "the long title is warned of");
    assert!(warned(), "and again, from what was kept");
    let _site = site.procedure("1.000001", &procedure_front("1.000001", "Ngắn"), "");
    assert!(!warned());
}

/// A rebuild in memory reuses the files whose data did not change, and the result is
/// exactly a build from nothing: the edited page and the listings that show its name
/// change, the rest is carried over.
#[test]
fn an_in_memory_rebuild_equals_a_fresh_one() {
    let site = Fixture::new().procedure(
        "1.000002",
        &procedure_front("1.000002", "Đăng ký kết hôn"),
        "Kết hôn.\n",
    );
    let root = site.root().to_path_buf();
    let kept = congkhai::Kept::default();
    let check = |previous: Option<&congkhai::render::Live>| {
        congkhai::check_live(
            &root,
            previous,
            &kept,
            &mut congkhai::timings::Timings::new(),
        )
        .map(|(live, _)| live)
        .unwrap_or_else(|d| panic!("{:?}", d.sorted()))
    };
    let every_file = |live: &congkhai::render::Live| -> BTreeMap<String, Vec<u8>> {
        live.files()
            .map(|f| (f.to_string(), live.file(f).unwrap().unwrap().to_vec()))
            .collect()
    };
    let first = check(None);
    let problems = first.make_all();
    assert!(!problems.has_errors(), "{:?}", problems.sorted());
    let before = every_file(&first);
    assert!(
        first.qr_cache().len() >= 2,
        "QR codes are kept for the next build"
    );
    let _site = site.procedure(
        "1.000002",
        &procedure_front("1.000002", "Đăng ký kết hôn lần đầu"),
        "Kết hôn.\n",
    );
    let second = check(Some(&first));
    let after = every_file(&second);
    assert!(
        second.reused() * 3 > before.len(),
        "only {} of {} files were reused",
        second.reused(),
        before.len()
    );
    let fresh = every_file(&check(None));
    assert!(after == fresh, "reused pages differ from fresh ones");
    let changed = fresh
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(bytes))
        .count();
    assert!(changed >= 3, "only {changed} files changed after a rename");
    let page = String::from_utf8_lossy(&after["tthc/1.000002/index.html"]).into_owned();
    assert!(page.contains("lần đầu"));
}

/// A GET over HTTP/1.0 (so the body comes whole, never chunked): (status, body bytes).
fn get_bytes(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[split + 4..].to_vec())
}

/// The build number the server reports.
fn build_number(port: u16) -> u64 {
    let status: serde_json::Value =
        serde_json::from_str(&get(port, "/__congkhai/status").1).unwrap();
    status["build"].as_u64().unwrap()
}

/// Waits, as the reload script does, for a build after `before`; fails on errors.
fn next_build(port: u16, before: u64) {
    let started = Instant::now();
    loop {
        let status: serde_json::Value = serde_json::from_str(
            &get(port, &format!("/__congkhai/status?since={before}&errors=0")).1,
        )
        .unwrap();
        assert!(
            status["errors"].as_array().unwrap().is_empty(),
            "the edit broke the site: {status}"
        );
        if status["build"].as_u64().unwrap() > before {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "no rebuild");
    }
}

/// What the server adds to a page: its reload script, taken out again.
fn without_reload_script(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    match text.rfind("<script>(function(){var b=null") {
        Some(start) => {
            let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &text[..start], &text[end..]).into_bytes()
        }
        None => bytes.to_vec(),
    }
}

/// After a sequence of edits of every kind (a procedure's text, its short name, its field,
/// a new procedure, a catalogue entry, a page added then removed, a template), every file
/// a fresh build writes is served byte for byte, and the removed page is not served.
#[test]
fn after_a_sequence_of_edits_the_served_site_is_a_fresh_build() {
    let site = Fixture::sample();
    let serving = start(&site);
    let port = serving.port;
    let birth = "content/procedures/ho-tich/1.001193.md";
    let copy = std::fs::read_to_string(site.root().join(birth)).unwrap();
    let edits: Vec<Box<dyn Fn(Fixture) -> Fixture>> = vec![
        Box::new(|s| {
            let text = std::fs::read_to_string(s.root().join(birth)).unwrap();
            s.write(birth, &format!("{text}\nMột đoạn văn mới ở cuối.\n"))
        }),
        Box::new(|s| {
            s.edit(
                birth,
                "short_name = \"Đăng ký khai sinh\"",
                "short_name = \"Đăng ký khai sinh cho trẻ\"",
            )
        }),
        Box::new(|s| {
            s.edit(
                "content/procedures/chung-thuc/2.000884.md",
                "field = \"chung-thuc\"",
                "field = \"ho-tich\"",
            )
        }),
        Box::new(move |s| {
            let added = copy
                .replace("code = \"1.001193\"", "code = \"1.009999\"")
                .replace("1.001193.000.00.00.H12", "1.009999.000.00.00.H12")
                .replace("Đăng ký khai sinh", "Đăng ký khai sinh lưu động");
            s.write("content/procedures/ho-tich/1.009999.md", &added)
        }),
        Box::new(|s| {
            s.edit(
                "content/catalog/offices.toml",
                "name = \"Trung tâm Phục vụ hành chính công phường An Xuyên\"",
                "name = \"Trung tâm Phục vụ hành chính công phường An Xuyên mới\"",
            )
        }),
        Box::new(|s| {
            s.write(
                "content/pages/tam-thoi.md",
                "+++\ntitle = \"Tạm thời\"\n+++\nTrang tạm.\n",
            )
        }),
        Box::new(|s| s.remove("content/pages/tam-thoi.md")),
        Box::new(|s| {
            s.edit(
                "themes/default/templates/base.html",
                "<footer class=\"site-footer\">",
                "<footer class=\"site-footer\" data-ban=\"moi\">",
            )
        }),
    ];
    let mut site = site;
    for edit in edits {
        let before = build_number(port);
        site = edit(site);
        next_build(port, before);
    }
    let out = tempfile::tempdir().unwrap();
    let fresh = out.path().join("site");
    let built = site.run(&["build", "--output", fresh.to_str().unwrap()]);
    assert!(built.status.success(), "{built:?}");
    let files = common::tree(&fresh);
    assert!(files.len() > 200, "only {} files built", files.len());
    let mut differ = Vec::new();
    for (name, bytes) in &files {
        let path = format!("/{}", name.trim_end_matches("index.html"));
        let (status, served) = get_bytes(port, &path);
        let served = if name.ends_with(".html") {
            without_reload_script(&served)
        } else {
            served
        };
        if status != 200 || &served != bytes {
            differ.push(format!("{name} ({status}, {} bytes served)", served.len()));
        }
    }
    assert!(differ.is_empty(), "served differently: {differ:#?}");
    let page = String::from_utf8_lossy(&files["tthc/1.001193/index.html"]).into_owned();
    assert!(page.contains("Một đoạn văn mới") && page.contains("data-ban=\"moi\""));
    assert!(files.contains_key("tthc/1.009999/index.html"));
    // A page whose file was removed is gone from the server too.
    assert!(!files.contains_key("tam-thoi/index.html"));
    assert_eq!(get_bytes(port, "/tam-thoi/").0, 404);
}

/// The inotify watches a process holds, from `/proc`: one per watched folder.
fn watches(pid: u32) -> usize {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fdinfo")) else {
        return 0;
    };
    fds.filter_map(Result::ok)
        .filter_map(|fd| std::fs::read_to_string(fd.path()).ok())
        .map(|info| {
            info.lines()
                .filter(|l| l.starts_with("inotify wd:"))
                .count()
        })
        .sum()
}

#[test]
fn the_watcher_does_not_follow_a_link_out_of_the_site() {
    // Item 12 of the hostile-input report: `content/x -> /` made the watcher walk the disk.
    let site = Fixture::new();
    std::os::unix::fs::symlink("/", site.root().join("content/x")).unwrap();
    let serving = start(&site);
    let (status, body) = get(serving.port, "/");
    assert!(
        status == 200 || body.contains("leads outside the site folder") || body.contains("link"),
        "{status}"
    );
    let count = watches(serving.child.id());
    assert!(count > 0, "the watcher holds watches");
    assert!(count < 200, "{count} watches: the link to / was followed");
    // An edit still rebuilds.
    std::fs::remove_file(site.root().join("content/x")).unwrap();
    let path = site.root().join("content/procedures/1.000001.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Khai sinh cho trẻ em.", "Khai sinh, bản mới.");
    std::fs::write(&path, text).unwrap();
    eventually("the edit", || {
        get(serving.port, "/tthc/1.000001/").1.contains("bản mới")
    });
}

#[test]
fn a_file_written_without_pause_does_not_starve_rebuilds() {
    // Item 12 of the hostile-input report: a file saved every few milliseconds (an editor's
    // autosave, a sync tool) kept the rebuild waiting for quiet forever.
    let site = Fixture::new();
    let serving = start(&site);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (flag, noisy) = (stop.clone(), site.root().join("content/pages/nhap.md"));
    std::fs::create_dir_all(noisy.parent().unwrap()).unwrap();
    let writes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = writes.clone();
    let writer = std::thread::spawn(move || {
        let mut n = 0u64;
        while !flag.load(std::sync::atomic::Ordering::SeqCst) {
            n += 1;
            // Saved the way editors save (a temporary file renamed over the old one), so
            // a build never reads half a file.
            let temporary = noisy.with_file_name(".nhap.md.tmp");
            std::fs::write(
                &temporary,
                format!("+++\ntitle = \"Nháp {n}\"\n+++\nNháp.\n"),
            )
            .unwrap();
            std::fs::rename(&temporary, &noisy).unwrap();
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(40));
        }
    });
    // The edit comes while the other file is being written without pause.
    eventually("the other file being written", || {
        writes.load(std::sync::atomic::Ordering::SeqCst) > 5
    });
    let path = site.root().join("content/procedures/1.000001.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "Khai sinh cho trẻ em.",
        "Khai sinh, bản giữa lúc ghi liên tục.",
    );
    std::fs::write(&path, text).unwrap();
    eventually(
        "a rebuild while another file is written without pause",
        || {
            get(serving.port, "/tthc/1.000001/")
                .1
                .contains("bản giữa lúc ghi liên tục")
        },
    );
    assert!(
        !writer.is_finished(),
        "the other file was written all along"
    );
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.join().unwrap();
}

/// Hostile input round 3, item 4: held connections are capped, the rest answered at once,
/// threads do not grow with connections; a request naming another host is refused.
#[test]
fn item_04_serve_cannot_be_exhausted_and_answers_only_to_this_machine() {
    let site = Fixture::new();
    let serving = start(&site);
    let port = serving.port;
    let (_, status) = get(port, "/__congkhai/status");
    let build: u64 = serde_json::from_str::<serde_json::Value>(&status).unwrap()["build"]
        .as_u64()
        .unwrap();
    let threads = || -> usize {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", serving.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let before = threads();
    // 300 pages waiting for the next build at once.
    let mut held = Vec::new();
    for _ in 0..300 {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /__congkhai/status?since={build} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        held.push(stream);
    }
    // All but the few that may wait were answered at once.
    let answered = held
        .iter_mut()
        .filter_map(|s| {
            let mut response = String::new();
            s.read_to_string(&mut response).ok()?;
            response.starts_with("HTTP/1.1 ").then_some(())
        })
        .count();
    assert!(answered >= 300 - 16, "answered at once: {answered} of 300");
    // While the 16 still wait, the threads are back to a bound that does not grow with
    // connections. (The HTTP library reads each new connection on a thread of its pool,
    // and an idle pool thread ends after a few seconds: on a loaded machine a burst leaves
    // some for that long.)
    let limit = before + 64 + 4;
    let waited = Instant::now();
    let mut during = threads();
    while during > limit && waited.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(200));
        during = threads();
    }
    assert!(
        during <= limit,
        "threads grew with connections: {before} → {during}"
    );
    drop(held);
    // A page elsewhere whose name resolves here (DNS rebinding) is refused; this machine's
    // names are served.
    let ask = |host: &str| {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response.split(' ').nth(1).unwrap_or("").to_string()
    };
    assert_eq!(ask("evil.example:1111"), "403");
    assert_eq!(ask(&format!("localhost:{port}")), "200");
    assert_eq!(ask(&format!("127.0.0.1:{port}")), "200");
}

/// Issue 29: a rebuild prints the warnings that are new, says how many stand as before and
/// how many went; errors are printed every time.
#[test]
fn serve_prints_a_warning_once_then_only_what_changed() {
    let site = Fixture::new();
    let log = site.root().join("serve.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .env("CONGKHAI_LANG", "en")
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let collected = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            collected.lock().unwrap().push(line);
        }
    });
    let rebuilt = |n: usize| {
        eventually("a rebuild", || {
            lines
                .lock()
                .unwrap()
                .iter()
                .filter(|l| l.starts_with("Rebuilt in"))
                .count()
                >= n
        });
    };
    rebuilt(1);
    let path = site.root().join("content/procedures/1.000001.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // An edit that changes nothing a warning is about, then one that adds a warning, then
    // one that takes it away.
    std::fs::write(&path, text.replace("Khai sinh cho trẻ em.", "Khai sinh.")).unwrap();
    rebuilt(2);
    let steps = "steps = [\"Nộp hồ sơ.\", \"Nhận kết quả.\"]";
    std::fs::write(
        &path,
        text.replace(steps, "steps = [\"Bước 1: …\", \"Nhận kết quả.\"]"),
    )
    .unwrap();
    rebuilt(3);
    std::fs::write(&path, &text).unwrap();
    rebuilt(4);
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    let stderr = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        stderr
            .matches("base_url is still the starter's example address")
            .count(),
        1,
        "a warning that stands is printed once: {stderr}"
    );
    assert_eq!(
        stderr
            .matches("step `Bước 1: …` is still the starter's")
            .count(),
        1,
        "{stderr}"
    );
    let stdout = lines.lock().unwrap().join("\n");
    assert!(stdout.contains("1 gone)"), "{stdout}");
    assert!(stdout.contains("as before, not repeated"), "{stdout}");
}
