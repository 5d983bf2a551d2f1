//! `congkhai serve`: checks the site, serves it on 127.0.0.1, checks it again when a file
//! of the site changes, and reloads the open browser tab. A content error is printed in
//! the terminal and shown over the page in the browser; fixing it recovers by itself.
//!
//! An edit is shown as soon as the site is checked again: each file is rendered when it is
//! first asked for (see [`crate::render::Live`]), and a pass over every file follows each
//! build, so problems only rendering finds (a template error) are reported too.
//!
//! Only here is a script added to pages (it waits on `/__congkhai/status` for the next
//! build); built sites never carry it.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::messages::{Arg, text};
use crate::render::Live;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What the server serves: the last good build, and the problems of the latest attempt.
#[derive(Default)]
struct State {
    /// The last good build; the next one takes over the files it made.
    live: Option<Arc<Live>>,
    /// Counts successful builds; the page reloads when it changes.
    build: u64,
    errors: Vec<String>,
}

/// The state, and a signal for the requests that wait for the next build.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Requests being answered, and status requests waiting for the next build: both are
    /// capped, so a page (or a script) opening thousands of connections cannot exhaust the
    /// machine.
    handling: std::sync::atomic::AtomicUsize,
    held: std::sync::atomic::AtomicUsize,
    /// The warnings last printed, by stage (the check after a change, the pass over every
    /// file): a rebuild prints only the new ones, and how many went.
    said: Mutex<std::collections::HashMap<&'static str, std::collections::HashSet<String>>>,
    /// What the next check takes from the last: an edit parses and renders the Markdown
    /// only of the file it changed.
    kept: crate::Kept,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

type Print = Arc<dyn Fn(&Diagnostics) + Send + Sync>;

const STATUS_PATH: &str = "/__congkhai/status";

/// How long a status request with `?since=` waits for a build other than the one it names.
const STATUS_WAIT: Duration = Duration::from_secs(25);

/// At most this many requests are answered at once (one thread each); more are told to
/// come back (503) at once.
const MAX_HANDLING: usize = 64;

/// At most this many status requests wait for the next build; more are answered at once
/// (the page asks again).
const MAX_HELD: usize = 16;

/// Counts one more of `counter` while alive.
struct Counted<'a>(&'a std::sync::atomic::AtomicUsize);

impl<'a> Counted<'a> {
    /// `None` (and nothing counted) when `counter` already holds `max`.
    fn take(counter: &'a std::sync::atomic::AtomicUsize, max: usize) -> Option<Counted<'a>> {
        use std::sync::atomic::Ordering;
        counter
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Counted(counter))
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The preview answers only to the names of this machine: a page elsewhere whose name
/// resolves to 127.0.0.1 (DNS rebinding) sends its own name and is refused.
fn local_host(request: &tiny_http::Request) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
    else {
        // HTTP/1.0 clients may send none; nothing to rebind.
        return true;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    matches!(name, "127.0.0.1" | "localhost" | "::1")
}

/// Waits on the status for the next build, then reloads; shows errors over the page.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var b=null,o=null;function show(e){if(!o){o=document.createElement("div");o.setAttribute("role","alert");o.style.cssText="position:fixed;inset:0;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:1.5rem;font:15px/1.5 ui-monospace,monospace;z-index:99999;white-space:pre-wrap";document.body.appendChild(o)}o.textContent="congkhai: the site has errors; fix them and the page reloads.\n\n"+e.join("\n\n")}function tick(){fetch("/__congkhai/status"+(b===null?"":"?since="+b+"&errors="+(o?1:0)),{cache:"no-store"}).then(function(r){return r.json()}).then(function(s){if(b!==null&&s.build!==b){location.reload();return}b=s.build;if(s.errors.length){show(s.errors)}else if(o){o.remove();o=null}setTimeout(tick,0)}).catch(function(){setTimeout(tick,1000)})}tick()})();</script>"#;

pub struct Options {
    pub root: PathBuf,
    pub port: u16,
}

/// Runs until the process is stopped. Prints the address first, then one line per rebuild.
pub fn serve(
    options: Options,
    print: impl Fn(&Diagnostics) + Send + Sync + 'static,
) -> std::io::Result<()> {
    let print: Print = Arc::new(print);
    let root = options.root.canonicalize()?;
    let base_path = crate::base_path(&root).unwrap_or_else(|| "/".to_string());
    let server = tiny_http::Server::http(("127.0.0.1", options.port))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    let shared = Arc::new(Shared::default());
    rebuild(&root, &shared, &print);
    let (shown, address) = (
        root.display().to_string(),
        format!("http://127.0.0.1:{port}{base_path}"),
    );
    println!(
        "{}",
        text(
            "serving",
            &[
                ("root", Arg::from(&shown)),
                ("address", Arg::from(&address))
            ]
        )
    );

    let (tx, rx) = mpsc::channel();
    // Links are not followed: a link to `/` must not make the watcher walk the disk (the
    // build refuses such links anyway).
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher = notify::RecommendedWatcher::new(
        move |event: notify::Result<notify::Event>| {
            // Reading files (the build itself) raises access events; only changes count.
            if let Ok(event) = event
                && is_change(&event)
            {
                let _ = tx.send(event.paths);
            }
        },
        config,
    )
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let watch_shared = shared.clone();
    let watch_root = root.clone();
    std::thread::spawn(move || {
        while let Ok(paths) = rx.recv() {
            if !paths.iter().any(|p| is_site_input(&watch_root, p)) {
                continue;
            }
            // Let a burst of events settle (an editor's save is a few within a millisecond
            // or two), then build once; a file written without pause delays the rebuild
            // by a second at most.
            let first = Instant::now();
            while first.elapsed() < Duration::from_secs(1)
                && rx.recv_timeout(Duration::from_millis(10)).is_ok()
            {}
            rebuild(&watch_root, &watch_shared, &print);
        }
    });

    for request in server.incoming_requests() {
        if !local_host(&request) {
            let _ = request.respond(
                tiny_http::Response::from_string(
                    "congkhai serve answers only to 127.0.0.1 and localhost",
                )
                .with_status_code(403),
            );
            continue;
        }
        // Counted here, before its thread starts, so a burst of connections cannot start
        // more than MAX_HANDLING threads; given back when the thread ends.
        let Some(counted) = Counted::take(&shared.handling, MAX_HANDLING) else {
            let _ = request.respond(
                tiny_http::Response::from_string("busy; try again")
                    .with_status_code(503)
                    .with_header(
                        tiny_http::Header::from_bytes(&b"Retry-After"[..], &b"1"[..])
                            .expect("a valid header"),
                    ),
            );
            continue;
        };
        std::mem::forget(counted);
        let shared = shared.clone();
        let base_path = base_path.clone();
        // A status request may wait for the next build: each request has its own thread,
        // and at most MAX_HANDLING run at once.
        std::thread::spawn(move || {
            let _counted = Counted(&shared.handling);
            respond(request, &shared, &base_path);
        });
    }
    drop(watcher);
    Ok(())
}

fn is_change(event: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    )
}

/// Files whose change needs a rebuild: anything in the site but its output, version
/// control and tool folders.
fn is_site_input(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    !matches!(first.as_str(), "site" | "target" | "node_modules" | ".git")
        && !relative
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// The error lines of `problems`, as the page shows them.
fn error_lines(problems: &Diagnostics) -> Vec<String> {
    problems
        .clone()
        .sorted()
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(Diagnostic::to_string)
        .collect()
}

/// Checks the site again and serves the result, then makes every file in the background.
fn rebuild(root: &Path, shared: &Arc<Shared>, print: &Print) {
    let started = Instant::now();
    let previous = shared.lock().live.clone();
    // The pass over the previous build's files gives way.
    if let Some(previous) = &previous {
        previous.retire();
    }
    let mut timings = crate::timings::Timings::new();
    match crate::check_live(root, previous.as_deref(), &shared.kept, &mut timings) {
        Ok((live, warnings)) => {
            report(shared, print, "check", warnings);
            let live = Arc::new(live);
            let build = {
                let mut s = shared.lock();
                s.live = Some(live.clone());
                s.build += 1;
                s.errors.clear();
                s.build
            };
            shared.changed.notify_all();
            let (ms, brief) = (milliseconds(started), timings.brief());
            println!(
                "{}",
                text(
                    "rebuilt",
                    &[
                        ("ms", Arg::from(&ms)),
                        ("files", live.len().into()),
                        ("stages", Arg::from(&brief)),
                    ]
                )
            );
            let (shared, print) = (shared.clone(), print.clone());
            std::thread::spawn(move || {
                background().install(|| make_all(&live, build, &shared, &print));
            });
            // The previous build is taken apart away from this thread and from the requests
            // for the page just rebuilt (at 10,000 procedures, a tenth of a check's time).
            crate::drop_later(previous);
        }
        Err(problems) => {
            let lines = error_lines(&problems);
            report(shared, print, "check", problems);
            println!(
                "{}",
                text("serve-failed", &[("errors", lines.len().into())])
            );
            shared.lock().errors = lines;
            shared.changed.notify_all();
        }
    }
}

/// Prints every error, and of the warnings only those not printed after the last change
/// (`stage`: the check or the pass over every file), then how many went and how many stand
/// as before: a rebuild's one new problem is not buried under the ones already read.
fn report(shared: &Shared, print: &Print, stage: &'static str, diags: Diagnostics) {
    use crate::diagnostic::Severity;
    let mut said = shared.said.lock().unwrap_or_else(|e| e.into_inner());
    let before = said.remove(stage).unwrap_or_default();
    let mut now = std::collections::HashSet::new();
    let mut shown = Vec::new();
    let mut repeated = 0;
    for d in diags.sorted() {
        if d.severity == Severity::Warning {
            let key = d.to_string();
            let new = !before.contains(&key);
            now.insert(key);
            if !new {
                repeated += 1;
                continue;
            }
        }
        shown.push(d);
    }
    let gone = before.iter().filter(|k| !now.contains(*k)).count();
    said.insert(stage, now);
    drop(said);
    print(&Diagnostics::from_list(shown));
    if repeated > 0 || gone > 0 {
        println!(
            "{}",
            text(
                "serve-repeated",
                &[("repeated", repeated.into()), ("gone", gone.into())]
            )
        );
    }
}

/// The threads of the pass over every file. A print pack being drawn cannot stop halfway:
/// on the rebuild's own threads, an edit saved while the previous build's packs are drawn
/// waited for them (at 10,000 procedures, its files loaded in 150 ms instead of 35). On
/// threads of their own, at a lower priority where the system has one for threads, they
/// give way to the rebuild and still use every core when nothing else runs.
fn background() -> &'static rayon::ThreadPool {
    static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("congkhai-all-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            .expect("threads for the pass over every file")
    })
}

/// Lowers the calling thread's priority by 10 (Linux keeps a nice value per thread; 19 is
/// the lowest).
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: reads and changes the nice value of this thread only; no memory is touched.
    unsafe {
        let thread = libc::gettid() as libc::id_t;
        let nice = libc::getpriority(libc::PRIO_PROCESS, thread);
        libc::setpriority(libc::PRIO_PROCESS, thread, (nice + 10).min(19));
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// Makes every file of `build` not made yet, and reports what only rendering finds, unless
/// a newer build came first.
fn make_all(live: &Live, build: u64, shared: &Shared, print: &Print) {
    let started = Instant::now();
    let problems = live.make_all();
    let mut s = shared.lock();
    if s.build != build {
        return;
    }
    let lines = error_lines(&problems);
    report(shared, print, "render", problems.clone());
    if lines.is_empty() {
        let (ms, warnings) = (
            milliseconds(started),
            text(
                "count-warnings",
                &[("count", problems.warning_count().into())],
            ),
        );
        println!(
            "{}",
            text(
                "made-all",
                &[
                    ("files", live.len().into()),
                    ("ms", Arg::from(&ms)),
                    ("warnings", Arg::from(&warnings)),
                ]
            )
        );
    } else {
        println!(
            "{}",
            text("render-failed", &[("errors", lines.len().into())])
        );
        s.errors = lines;
        drop(s);
        shared.changed.notify_all();
    }
}

/// The query parameter `name` of `url`.
fn query<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = url.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

fn respond(request: tiny_http::Request, shared: &Shared, base_path: &str) {
    let full_url = request.url().to_string();
    let url = full_url.split(['?', '#']).next().unwrap_or("/");
    if url == STATUS_PATH {
        let mut s = shared.lock();
        // `?since=N&errors=E`: wait until the build is not N, or errors appear or go.
        // Beyond MAX_HELD waiting, a status request is answered at once.
        let held = Counted::take(&shared.held, MAX_HELD);
        if let Some(since) = query(&full_url, "since")
            .and_then(|n| n.parse::<u64>().ok())
            .filter(|_| held.is_some())
        {
            let showing = query(&full_url, "errors") == Some("1");
            let deadline = Instant::now() + STATUS_WAIT;
            while s.build == since && s.errors.is_empty() != showing {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                s = shared
                    .changed
                    .wait_timeout(s, left)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        }
        let body = serde_json::json!({ "build": s.build, "errors": s.errors }).to_string();
        drop(s);
        let _ = request.respond(with_type(
            tiny_http::Response::from_string(body),
            "application/json",
        ));
        return;
    }
    let decoded = percent_decode(url);
    let route = decoded.strip_prefix(base_path).unwrap_or(&decoded);
    let file = crate::urls::output_file(route);
    let Some(live) = shared.lock().live.clone() else {
        // No good build yet: a page that shows the errors and reloads once fixed.
        let page = format!(
            "<!doctype html><html lang=\"vi\"><title>congkhai</title><body><p>Chưa dựng được trang.</p>{RELOAD_SCRIPT}</body></html>"
        );
        let response = tiny_http::Response::from_string(page).with_status_code(503);
        let _ = request.respond(with_type(response, "text/html; charset=utf-8"));
        return;
    };
    let (status, file, made) = match live.file(&file) {
        Some(made) => (200, file, made),
        None => match live.file("404.html") {
            Some(made) => (404, "404.html".to_string(), made),
            None => {
                let _ = request
                    .respond(tiny_http::Response::from_string("not found").with_status_code(404));
                return;
            }
        },
    };
    let bytes = match made {
        Ok(bytes) => bytes,
        Err(problems) => {
            let text = error_lines(&problems).join("\n\n");
            let page = format!(
                "<!doctype html><html lang=\"vi\"><title>congkhai</title><body><pre>{}</pre>{RELOAD_SCRIPT}</body></html>",
                crate::escape::escape_html(&text)
            );
            let response = tiny_http::Response::from_string(page).with_status_code(500);
            let _ = request.respond(with_type(response, "text/html; charset=utf-8"));
            return;
        }
    };
    let content_type = content_type(&file);
    let body = if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        match html.rfind("</body>") {
            Some(at) => format!("{}{RELOAD_SCRIPT}{}", &html[..at], &html[at..]).into_bytes(),
            None => bytes.to_vec(),
        }
    } else {
        bytes.to_vec()
    };
    let response = tiny_http::Response::from_data(body).with_status_code(status);
    let _ = request.respond(with_type(response, content_type));
}

fn with_type<R: std::io::Read>(
    response: tiny_http::Response<R>,
    content_type: &str,
) -> tiny_http::Response<R> {
    let mut response = response;
    if let Ok(header) = tiny_http::Header::from_bytes(&b"Content-Type"[..], content_type.as_bytes())
    {
        response.add_header(header);
    }
    if let Ok(header) = tiny_http::Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..]) {
        response.add_header(header);
    }
    response
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// `%C3%A0` → `à`; paths of the site are ASCII, but a person may type anything.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Milliseconds since `started`, whole.
fn milliseconds(started: std::time::Instant) -> String {
    format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nice value of the calling thread (field 19 of its `stat`).
    #[cfg(target_os = "linux")]
    fn nice() -> i64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("its stat");
        // The name, in parentheses, may hold spaces: fields are counted after it.
        let after_name = &stat[stat.rfind(')').expect("a name") + 2..];
        after_name
            .split(' ')
            .nth(16)
            .expect("19 fields")
            .parse()
            .expect("a number")
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn the_pass_over_every_file_gives_way_to_a_rebuild() {
        let own = nice();
        if own >= 19 {
            println!("skipped: the tests already run at the lowest priority");
            return;
        }
        let background = background().install(nice);
        assert!(background > own, "{background} is not below {own}");
        assert_eq!(
            rayon::ThreadPoolBuilder::new()
                .build()
                .unwrap()
                .install(nice),
            own
        );
    }

    #[test]
    fn only_site_files_trigger_rebuilds() {
        let root = Path::new("/s");
        assert!(is_site_input(
            root,
            Path::new("/s/content/procedures/1.000001.md")
        ));
        assert!(is_site_input(root, Path::new("/s/congkhai.toml")));
        assert!(!is_site_input(root, Path::new("/s/site/index.html")));
        assert!(!is_site_input(root, Path::new("/s/.git/index")));
        assert!(!is_site_input(
            root,
            Path::new("/s/content/.1.000001.md.swp")
        ));
        assert!(!is_site_input(root, Path::new("/elsewhere/x")));
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("/tthc/1.001193/"), "/tthc/1.001193/");
        assert_eq!(percent_decode("/a%20b%C3%A0"), "/a bà");
        assert_eq!(percent_decode("/bad%zz"), "/bad%zz");
    }
}
