//! The build benchmark: `cargo bench --bench build [-- --sizes 2000,10000 --runs 5 --full]`
//! (`--serve-only` for the serve latency alone; `--no-two-level` leaves out the two-level
//! province of a provincial centre and 64 commune centres receiving by rule; `--before
//! PATH` runs another congkhai binary in the same turns, for before/after figures).
//!
//! For each corpus size it generates a synthetic province (benches/build/corpus.rs), then,
//! on tmpfs (/dev/shm) and on the disk (target/bench), times cold builds into a folder that
//! did not exist: congkhai without and with its PDF print packs, Hugo on the same procedures
//! with templates that make the same kinds of files (when `hugo` is installed), and the
//! write floor (threads writing congkhai's files and bytes, plainly). The tools take turns
//! run by run, so drift in the machine lands on all of them. Then the output volume per
//! procedure, rebuilds (no change, a damaged output, a one-file edit), and the time from
//! saving a file to the rebuilt page in `congkhai serve`. It reports medians of wall time,
//! CPU time and peak memory (from the kernel's accounting of the child process). A report,
//! never a pass/fail test.

mod corpus;
mod serve;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SEED: u64 = 20_251_122;

struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: u64,
}

/// Runs a command to completion and reads its resource use with wait4.
fn measure(command: &mut Command) -> Run {
    let started = Instant::now();
    let child = command.spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; `usage` is a valid, writable rusage.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    std::mem::forget(child);
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss as u64,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

struct Summary {
    wall: f64,
    cpu: f64,
    mem_mib: f64,
}

fn summarize(runs: &[Run]) -> Summary {
    Summary {
        wall: median(runs.iter().map(|r| r.wall.as_secs_f64()).collect()),
        cpu: median(runs.iter().map(|r| r.cpu.as_secs_f64()).collect()),
        mem_mib: median(runs.iter().map(|r| r.max_rss_kib as f64 / 1024.0).collect()),
    }
}

/// Deletes `dir` and what a build keeps beside it (file list, QR codes, fingerprint).
fn remove(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let name = dir.file_name().unwrap().to_string_lossy();
    for suffix in ["congkhai-build", "congkhai-files", "congkhai-qr"] {
        let _ = std::fs::remove_file(dir.with_file_name(format!(".{name}.{suffix}")));
    }
    let _ = std::fs::remove_dir_all(dir.with_file_name(format!(".{name}.congkhai-sheets")));
}

/// Every file under `dir` with its size.
fn files_of(dir: &Path) -> Vec<(PathBuf, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                e.metadata().unwrap().len(),
            )
        })
        .collect()
}

/// The write floor: create the same folders and write the same number of bytes into the
/// same files, plainly, from as many threads as congkhai uses (each takes every n-th file).
fn write_floor(files: &[(PathBuf, u64)], out: &Path) -> Duration {
    let buffer = vec![b'x'; files.iter().map(|f| f.1).max().unwrap_or(0) as usize];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for t in 0..threads {
            let buffer = &buffer;
            scope.spawn(move || {
                for (path, size) in files.iter().skip(t).step_by(threads) {
                    let target = out.join(path);
                    if let Some(parent) = target.parent() {
                        std::fs::create_dir_all(parent).unwrap();
                    }
                    std::fs::write(&target, &buffer[..*size as usize]).unwrap();
                }
            });
        }
    });
    started.elapsed()
}

/// What one kind of output holds, per procedure.
struct Volume {
    files: usize,
    bytes: u64,
    pages: usize,
    /// (what, files, bytes), largest first.
    parts: Vec<(&'static str, usize, u64)>,
}

fn volume(files: &[(PathBuf, u64)]) -> Volume {
    let kind = |path: &Path| -> &'static str {
        let p = path.to_string_lossy();
        let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
        if p.starts_with("ap-phich/pdf/") {
            "print packs (PDF)"
        } else if p.starts_with("ap-phich/nhan/") || p.contains("/nhan") {
            "label sheets"
        } else if p.starts_with("ap-phich/") || p.contains("ap-phich") {
            "posters"
        } else if ext.as_deref() == Some("svg") {
            "QR codes (SVG)"
        } else if p.starts_with("tthc/") && p.matches('/').count() == 2 {
            "procedure pages"
        } else if ext.as_deref() == Some("html") {
            "other pages"
        } else {
            "data, assets, other"
        }
    };
    let mut parts: Vec<(&'static str, usize, u64)> = Vec::new();
    for (path, size) in files {
        let k = kind(path);
        match parts.iter_mut().find(|p| p.0 == k) {
            Some(p) => {
                p.1 += 1;
                p.2 += size;
            }
            None => parts.push((k, 1, *size)),
        }
    }
    parts.sort_by_key(|p| std::cmp::Reverse(p.2));
    Volume {
        files: files.len(),
        bytes: files.iter().map(|f| f.1).sum(),
        pages: files
            .iter()
            .filter(|f| f.0.extension().is_some_and(|e| e == "html"))
            .count(),
        parts,
    }
}

fn print_volume(label: &str, v: &Volume, n: usize) {
    println!(
        "  {label}: {} files ({:.2} a procedure), {:.1} MiB ({:.1} KB a procedure), {} HTML pages",
        v.files,
        v.files as f64 / n as f64,
        v.bytes as f64 / 1_048_576.0,
        v.bytes as f64 / 1000.0 / n as f64,
        v.pages
    );
    for (what, files, bytes) in &v.parts {
        println!(
            "      {what:<22} {files:>7} files {:>8.1} MiB  {:>6.1} KB a procedure",
            *bytes as f64 / 1_048_576.0,
            *bytes as f64 / 1000.0 / n as f64
        );
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    /// Only the serve latency (`--serve-only`).
    serve_only: bool,
    /// The two-level province (`--no-two-level` leaves it out).
    two_level: bool,
    /// Another congkhai binary (`--before PATH`, say the last release) run in the same
    /// turns, for before/after figures from one run.
    before: Option<String>,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let mut sizes: Vec<usize> = value("--sizes")
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 10_000]);
    if args.iter().any(|a| a == "--full") && !sizes.contains(&100_000) {
        sizes.push(100_000);
    }
    Options {
        sizes,
        runs: value("--runs").and_then(|r| r.parse().ok()).unwrap_or(5),
        serve_only: args.iter().any(|a| a == "--serve-only"),
        two_level: !args.iter().any(|a| a == "--no-two-level"),
        before: value("--before"),
    }
}

/// One tool the cold builds compare.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    /// congkhai without the PDF print packs: the output the peers compare with.
    Congkhai,
    /// congkhai with its default output, print packs included.
    CongkhaiPacks,
    Hugo,
    /// The write floor of congkhai's output without packs.
    Floor,
    /// The `--before` binary, without and with packs.
    BeforeCongkhai,
    BeforePacks,
}

impl Tool {
    fn label(self) -> &'static str {
        match self {
            Tool::Congkhai => "congkhai, no packs",
            Tool::CongkhaiPacks => "congkhai, with packs",
            Tool::Hugo => "hugo (like-for-like)",
            Tool::Floor => "write floor (no packs)",
            Tool::BeforeCongkhai => "before, no packs",
            Tool::BeforePacks => "before, with packs",
        }
    }
}

fn main() {
    let options = options();
    let congkhai = env!("CARGO_BIN_EXE_congkhai");
    let disk = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let tmpfs = Path::new("/dev/shm/congkhai-bench").to_path_buf();
    let hugo = Command::new("hugo")
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    println!(
        "congkhai build benchmark: {} runs each, interleaved, medians; machine: {} cores; load average {}",
        options.runs,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average()
    );
    match &hugo {
        Some(o) => println!("peer: {}", String::from_utf8_lossy(&o.stdout).trim()),
        None => println!("peer: hugo not installed (apt-get install hugo) — Hugo rows skipped"),
    }
    for &n in &options.sizes {
        let corpus = disk.join(format!("corpus-{n}"));
        let plain = disk.join(format!("corpus-{n}-no-packs"));
        let hugo_corpus = disk.join(format!("hugo-{n}"));
        for (dir, packs) in [(&corpus, true), (&plain, false)] {
            if !dir.join("congkhai.toml").exists() {
                corpus::write_congkhai(dir, n, SEED, packs).unwrap();
            }
        }
        if hugo.is_some() && !hugo_corpus.join("hugo.toml").exists() {
            corpus::write_hugo(&hugo_corpus, n, SEED).unwrap();
        }
        println!("\n== {n} procedures");
        if options.serve_only {
            report_serves(&options, congkhai, &corpus, n);
            continue;
        }
        for (fs, root) in [("tmpfs", &tmpfs), ("disk", &disk)] {
            std::fs::create_dir_all(root).unwrap();
            size_on(
                &options,
                congkhai,
                hugo.is_some(),
                n,
                fs,
                root,
                &corpus,
                &plain,
                &hugo_corpus,
            );
        }
        report_serves(&options, congkhai, &corpus, n);
        println!("  load average {}", load_average());
    }
    if options.two_level && !options.serve_only {
        report_two_level(congkhai, "", &disk, 2_000, options.runs);
        if let Some(before) = &options.before {
            report_two_level(before, "before: ", &disk, 2_000, options.runs);
        }
    }
}

/// `congkhai build --quiet` of `site` into `out`.
fn build_command(congkhai: &str, site: &Path, out: &Path) -> Command {
    let mut c = Command::new(congkhai);
    c.args(["build", "--quiet", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out);
    c
}

/// The province as it is: a provincial centre with three branches and 64 commune centres
/// receiving by rule, 400 commune-level procedures among `n`. Cold builds with and without
/// packs on disk (interleaved, fresh folders), what the output holds, and the rebuild after
/// editing one commune-level procedure (its page, its field's and 64 commune packs).
fn report_two_level(congkhai: &str, who: &str, disk: &Path, n: usize, runs: usize) {
    let corpus = disk.join(format!("two-level-{n}"));
    let plain = disk.join(format!("two-level-{n}-no-packs"));
    for (dir, packs) in [(&corpus, true), (&plain, false)] {
        if !dir.join("congkhai.toml").exists() {
            corpus::write_two_level(dir, n, SEED, packs).unwrap();
        }
    }
    let build = |site: &Path, out: &Path| build_command(congkhai, site, out);
    println!(
        "\n== {who}two-level province: {n} procedures ({} commune-level), 4 provincial offices, 64 commune centres by rule, on disk",
        corpus::COMMUNE_PROCEDURES
    );
    let (mut with, mut without) = (Vec::new(), Vec::new());
    let out = disk.join("two-level-out");
    for _ in 0..runs {
        for (site, runs) in [(&plain, &mut without), (&corpus, &mut with)] {
            remove(&out);
            runs.push(measure(&mut build(site, &out)));
        }
    }
    let files = files_of(&out);
    let packs = files
        .iter()
        .filter(|(p, _)| p.starts_with("ap-phich/pdf"))
        .collect::<Vec<_>>();
    let pack_bytes: u64 = packs.iter().map(|(_, b)| b).sum();
    for (label, r) in [
        ("no packs", summarize(&without)),
        ("with packs", summarize(&with)),
    ] {
        println!(
            "  cold build ({label}): {:.2} s wall, {:.2} s CPU, {:.0} MiB peak",
            r.wall, r.cpu, r.mem_mib
        );
    }
    println!(
        "  print packs: {} ({:.1} MiB, largest {:.1} MiB)",
        packs.len(),
        pack_bytes as f64 / 1_048_576.0,
        packs.iter().map(|(_, b)| *b).max().unwrap_or(0) as f64 / 1_048_576.0
    );
    print_volume("output with packs", &volume(&files), n);
    // One commune-level procedure edited: rebuilt into the output in place.
    let edited = {
        let mut all: Vec<PathBuf> = walkdir::WalkDir::new(corpus.join("content/procedures"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        all.sort();
        all.into_iter().next().unwrap()
    };
    let original = std::fs::read_to_string(&edited).unwrap();
    let one_edit = summarize(
        &(0..runs)
            .map(|i| {
                std::fs::write(&edited, format!("{original}Sửa lần {i}.\n")).unwrap();
                measure(&mut build(&corpus, &out))
            })
            .collect::<Vec<_>>(),
    );
    std::fs::write(&edited, &original).unwrap();
    println!(
        "  one commune-level procedure edited (with packs): {:.2} s ({:.1} % of cold), {:.0} MiB peak",
        one_edit.wall,
        100.0 * one_edit.wall / summarize(&with).wall,
        one_edit.mem_mib
    );
    remove(&out);
}

/// The cold builds of every tool, interleaved run by run, each into a folder of its own
/// that did not exist (as a CI job builds); then the rebuilds, on `fs` under `root`.
#[allow(clippy::too_many_arguments)]
fn size_on(
    options: &Options,
    congkhai: &str,
    with_hugo: bool,
    n: usize,
    fs: &str,
    root: &Path,
    corpus: &Path,
    plain: &Path,
    hugo_corpus: &Path,
) {
    let build = |site: &Path, out: &Path| build_command(congkhai, site, out);
    let mut tools = vec![Tool::Congkhai, Tool::CongkhaiPacks];
    if options.before.is_some() {
        tools.extend([Tool::BeforeCongkhai, Tool::BeforePacks]);
    }
    if with_hugo {
        tools.push(Tool::Hugo);
    }
    tools.push(Tool::Floor);
    let before = |site: &Path, out: &Path| {
        build_command(options.before.as_deref().unwrap_or(congkhai), site, out)
    };
    let mut runs: Vec<(Tool, Vec<Run>)> = tools.iter().map(|t| (*t, Vec::new())).collect();
    let mut floor_files: Vec<(PathBuf, u64)> = Vec::new();
    let mut outputs: Vec<(Tool, Vec<(PathBuf, u64)>)> = Vec::new();
    // On a disk, deleting a large tree makes the next creations slow: the outputs are
    // deleted only after every run of this size.
    let mut to_delete = Vec::new();
    for run in 0..options.runs {
        for (tool, times) in runs.iter_mut() {
            let out = root.join(format!("out-{n}-{}-{run}", *tool as u8));
            remove(&out);
            let measured = match tool {
                Tool::Congkhai => measure(&mut build(plain, &out)),
                Tool::CongkhaiPacks => measure(&mut build(corpus, &out)),
                Tool::BeforeCongkhai => measure(&mut before(plain, &out)),
                Tool::BeforePacks => measure(&mut before(corpus, &out)),
                Tool::Hugo => {
                    let mut c = Command::new("hugo");
                    c.arg("--quiet")
                        .arg("--source")
                        .arg(hugo_corpus)
                        .arg("--destination")
                        .arg(&out);
                    measure(&mut c)
                }
                Tool::Floor => {
                    let wall = write_floor(&floor_files, &out);
                    Run {
                        wall,
                        cpu: wall,
                        max_rss_kib: 0,
                    }
                }
            };
            times.push(measured);
            if run == 0 && *tool != Tool::Floor {
                let files = files_of(&out);
                if *tool == Tool::Congkhai {
                    floor_files = files.clone();
                }
                outputs.push((*tool, files));
            }
            if fs == "tmpfs" {
                remove(&out);
            } else {
                to_delete.push(out);
            }
        }
    }
    println!("-- {fs}: cold builds into a new folder");
    let summaries: Vec<(Tool, Summary)> = runs.iter().map(|(t, r)| (*t, summarize(r))).collect();
    let wall = |tool: Tool| summaries.iter().find(|s| s.0 == tool).map(|s| s.1.wall);
    for (tool, s) in &summaries {
        let memory = if *tool == Tool::Floor {
            String::new()
        } else {
            format!("  {:6.0} MiB peak", s.mem_mib)
        };
        println!(
            "  {:<24} {:7.2} s wall  {:7.2} s CPU{memory}",
            tool.label(),
            s.wall,
            s.cpu
        );
    }
    let (plain_wall, packs_wall, floor_wall) = (
        wall(Tool::Congkhai).unwrap(),
        wall(Tool::CongkhaiPacks).unwrap(),
        wall(Tool::Floor).unwrap(),
    );
    println!(
        "  congkhai (no packs) / write floor = {:.2}×",
        plain_wall / floor_wall
    );
    println!("  with packs / without = {:.2}×", packs_wall / plain_wall);
    if let Some(hugo_wall) = wall(Tool::Hugo) {
        println!(
            "  hugo / congkhai = {:.2}× without packs, {:.2}× with packs",
            hugo_wall / plain_wall,
            hugo_wall / packs_wall
        );
    }
    if let (Some(b), Some(bp)) = (wall(Tool::BeforeCongkhai), wall(Tool::BeforePacks)) {
        println!(
            "  before / now = {:.2}× without packs, {:.2}× with packs; before, with packs / without = {:.2}×",
            b / plain_wall,
            bp / packs_wall,
            bp / b
        );
    }
    for (tool, files) in &outputs {
        print_volume(tool.label(), &volume(files), n);
    }
    for out in to_delete {
        remove(&out);
    }
    // Rebuilds: with the previous output in place and nothing changed, after a hand-made
    // damage (a page deleted, one replaced), and after editing one procedure.
    let mut rebuilds = vec![
        ("no packs", congkhai, plain, plain_wall),
        ("with packs", congkhai, corpus, packs_wall),
    ];
    if let (Some(bin), Some(b), Some(bp)) = (
        options.before.as_deref(),
        wall(Tool::BeforeCongkhai),
        wall(Tool::BeforePacks),
    ) {
        rebuilds.push(("before, no packs", bin, plain, b));
        rebuilds.push(("before, with packs", bin, corpus, bp));
    }
    for (label, binary, site, full) in rebuilds {
        let build = |site: &Path, out: &Path| build_command(binary, site, out);
        let out = root.join(format!("out-{n}-rebuild"));
        remove(&out);
        measure(&mut build(site, &out));
        let unchanged = summarize(
            &(0..options.runs)
                .map(|_| measure(&mut build(site, &out)))
                .collect::<Vec<_>>(),
        );
        let page = out.join(format!("tthc/{}/index.html", corpus::code(1)));
        let original_page = std::fs::read(&page).unwrap();
        std::fs::remove_file(&page).unwrap();
        std::fs::write(out.join("index.html"), "damaged").unwrap();
        measure(&mut build(site, &out));
        let repaired = std::fs::read(&page).ok() == Some(original_page)
            && std::fs::read(out.join("index.html")).is_ok_and(|b| b != b"damaged");
        let edited = walkdir::WalkDir::new(site.join("content/procedures"))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.file_type().is_file())
            .unwrap()
            .into_path();
        let original = std::fs::read_to_string(&edited).unwrap();
        let one_edit = summarize(
            &(0..options.runs)
                .map(|i| {
                    std::fs::write(&edited, format!("{original}Sửa lần {i}.\n")).unwrap();
                    measure(&mut build(site, &out))
                })
                .collect::<Vec<_>>(),
        );
        std::fs::write(&edited, &original).unwrap();
        remove(&out);
        println!(
            "  rebuild ({label}): no change {:.2} s ({:.1} % of cold); one-file edit {:.2} s ({:.1} %); damaged output {}",
            unchanged.wall,
            100.0 * unchanged.wall / full,
            one_edit.wall,
            100.0 * one_edit.wall / full,
            if repaired { "repaired" } else { "NOT repaired" }
        );
    }
}

/// The serve latency of congkhai, then of the `--before` binary when there is one.
fn report_serves(options: &Options, congkhai: &str, corpus: &Path, n: usize) {
    report_serve("", congkhai, corpus, n, options.runs);
    if let Some(before) = options.before.as_deref() {
        report_serve("before: ", before, corpus, n, options.runs);
    }
}

fn report_serve(who: &str, congkhai: &str, corpus: &Path, n: usize, runs: usize) {
    let l = serve::latency(congkhai, corpus, runs);
    let list = |v: &[f64]| {
        v.iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "-- {who}serve ({n} procedures, with packs), save → rebuilt page in hand: text edit {:.0} ms (runs {}); short-name edit {:.0} ms (runs {}), page and search index",
        l.text_ms,
        list(&l.text_runs),
        l.listing_ms,
        list(&l.listing_runs)
    );
}
