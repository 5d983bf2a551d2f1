//! The build benchmark: `cargo bench --bench build [-- --sizes 2000,10000 --runs 5 --full]`.
//!
//! For each corpus size it generates a synthetic province (benches/build/corpus.rs), then times,
//! on tmpfs (/dev/shm) and on the disk (target/bench): congkhai's build, Hugo on the same
//! procedures with equivalent templates (when `hugo` is installed), and the write floor (a
//! minimal program writing the same files and bytes). Then a rebuild with no change and a
//! rebuild after a one-file edit. It reports medians of wall time, CPU time and peak memory
//! (from the kernel's accounting of the child process). A report, never a pass/fail test.

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

/// Moves the previous output out of the way and deletes it, outside the timing, with what
/// a build keeps beside it (file list, QR codes, fingerprint): the next build starts cold.
fn clear(out: &Path) {
    if out.exists() {
        let aside = out.with_extension("old");
        let _ = std::fs::remove_dir_all(&aside);
        std::fs::rename(out, &aside).unwrap();
        std::fs::remove_dir_all(&aside).unwrap();
    }
    let name = out.file_name().unwrap().to_string_lossy();
    for suffix in ["congkhai-build", "congkhai-files", "congkhai-qr"] {
        let _ = std::fs::remove_file(out.with_file_name(format!(".{name}.{suffix}")));
    }
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

/// The write floor: create the same directories and write the same number of bytes into
/// the same files, from one thread, as plainly as possible.
fn write_floor(files: &[(PathBuf, u64)], out: &Path) -> Duration {
    let buffer = vec![b'x'; files.iter().map(|f| f.1).max().unwrap_or(0) as usize];
    let started = Instant::now();
    for (path, size) in files {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&target, &buffer[..*size as usize]).unwrap();
    }
    started.elapsed()
}

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    serve_only: bool,
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
        "congkhai build benchmark: {} runs each, medians; machine: {} cores",
        options.runs,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    match &hugo {
        Some(o) => println!("peer: {}", String::from_utf8_lossy(&o.stdout).trim()),
        None => println!("peer: hugo not installed (apt-get install hugo) — Hugo columns skipped"),
    }
    if options.serve_only {
        for &n in &options.sizes {
            let corpus = disk.join(format!("corpus-{n}"));
            if !corpus.join("congkhai.toml").exists() {
                corpus::write_congkhai(&corpus, n, SEED).unwrap();
            }
            report_serve(congkhai, &corpus, n, options.runs);
        }
        return;
    }
    for &n in &options.sizes {
        let corpus = disk.join(format!("corpus-{n}"));
        let hugo_corpus = disk.join(format!("hugo-{n}"));
        if !corpus.join("congkhai.toml").exists() {
            corpus::write_congkhai(&corpus, n, SEED).unwrap();
        }
        if hugo.is_some() && !hugo_corpus.join("hugo.toml").exists() {
            corpus::write_hugo(&hugo_corpus, n, SEED).unwrap();
        }
        println!("\n== {n} procedures");
        for (fs, root) in [("tmpfs", &tmpfs), ("disk", &disk)] {
            std::fs::create_dir_all(root).unwrap();
            let out = root.join(format!("out-{n}"));
            let build = || {
                let mut c = Command::new(congkhai);
                c.args(["build", "--quiet", "--root"])
                    .arg(&corpus)
                    .arg("--output")
                    .arg(&out);
                c
            };
            let mut runs = Vec::new();
            for _ in 0..options.runs {
                clear(&out);
                runs.push(measure(&mut build()));
            }
            let full = summarize(&runs);
            let files = files_of(&out);
            let bytes: u64 = files.iter().map(|f| f.1).sum();
            let pages = files
                .iter()
                .filter(|f| f.0.extension().is_some_and(|e| e == "html"))
                .count();
            // Rebuild with the previous output in place and nothing changed.
            let unchanged = summarize(
                &(0..options.runs)
                    .map(|_| measure(&mut build()))
                    .collect::<Vec<_>>(),
            );
            // Rebuild after editing one procedure.
            let edited = walkdir::WalkDir::new(corpus.join("content/procedures"))
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
                        measure(&mut build())
                    })
                    .collect::<Vec<_>>(),
            );
            std::fs::write(&edited, &original).unwrap();
            let floor_dir = root.join(format!("floor-{n}"));
            let floor = median(
                (0..options.runs)
                    .map(|_| {
                        clear(&floor_dir);
                        write_floor(&files, &floor_dir).as_secs_f64()
                    })
                    .collect(),
            );
            clear(&floor_dir);
            println!(
                "{fs:5}  congkhai  {:7.2} s wall  {:7.2} s CPU  {:7.0} MiB peak  {:8.0} pages/s  ({} files, {} pages, {:.0} MiB)",
                full.wall,
                full.cpu,
                full.mem_mib,
                pages as f64 / full.wall,
                files.len(),
                pages,
                bytes as f64 / 1048576.0
            );
            println!(
                "{fs:5}  write floor {:5.2} s  → congkhai / floor = {:.2}×",
                floor,
                full.wall / floor
            );
            println!(
                "{fs:5}  rebuild, no change  {:6.2} s ({:.0} % of full);  after one-file edit  {:6.2} s ({:.0} %)",
                unchanged.wall,
                100.0 * unchanged.wall / full.wall,
                one_edit.wall,
                100.0 * one_edit.wall / full.wall
            );
            if hugo.is_some() {
                let hugo_out = root.join(format!("hugo-out-{n}"));
                let mut runs = Vec::new();
                for _ in 0..options.runs {
                    clear(&hugo_out);
                    let mut c = Command::new("hugo");
                    c.arg("--quiet")
                        .arg("--source")
                        .arg(&hugo_corpus)
                        .arg("--destination")
                        .arg(&hugo_out);
                    runs.push(measure(&mut c));
                }
                let h = summarize(&runs);
                let hugo_pages = files_of(&hugo_out)
                    .iter()
                    .filter(|f| f.0.extension().is_some_and(|e| e == "html"))
                    .count();
                println!(
                    "{fs:5}  hugo      {:7.2} s wall  {:7.2} s CPU  {:7.0} MiB peak  ({hugo_pages} pages)  → hugo / congkhai = {:.2}×",
                    h.wall,
                    h.cpu,
                    h.mem_mib,
                    h.wall / full.wall
                );
                clear(&hugo_out);
            }
            clear(&out);
        }
    }
}

fn report_serve(congkhai: &str, corpus: &Path, n: usize, runs: usize) {
    let l = serve::latency(congkhai, corpus, runs);
    let list = |v: &[f64]| {
        v.iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "serve  edit → rebuilt page in hand: text {:.0} ms (runs {}), name {:.0} ms (runs {})  [{n} procedures]",
        l.text_ms,
        list(&l.text_runs),
        l.listing_ms,
        list(&l.listing_runs)
    );
}
