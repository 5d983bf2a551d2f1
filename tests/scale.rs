//! Listings that stay light at national scale: at 10,000 procedures no HTML page is over
//! 100 KB gzipped (what a weak phone connection loads in seconds, not a minute).

mod common;

#[path = "../benches/build/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use flate2::{Compression, write::GzEncoder};
use std::io::Write;

const PROCEDURES: usize = 10_000;
const LIMIT: usize = 100 * 1024;

fn gzipped(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

#[test]
fn no_page_is_over_100_kb_gzipped_at_10000_procedures() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("src");
    // Pages are weighed here; print packs (PDF) would only slow this unoptimised build.
    corpus::write_congkhai(&root, PROCEDURES, 7, false).unwrap();
    let out = tmp.path().join("site");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .env("CONGKHAI_LANG", "en")
        .args(["build", "--quiet", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut pages: Vec<(usize, usize, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let name = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .display()
            .to_string();
        pages.push((gzipped(&bytes), bytes.len(), name));
    }
    pages.sort();
    let line = |(gz, raw, name): &(usize, usize, String)| {
        format!("{name}: {} KB gzipped ({} KB)", gz / 1024, raw / 1024)
    };
    let heaviest: Vec<String> = pages.iter().rev().take(5).map(line).collect();
    println!(
        "{} HTML pages at {PROCEDURES} procedures; heaviest:\n  {}",
        pages.len(),
        heaviest.join("\n  ")
    );
    let over: Vec<String> = pages.iter().filter(|p| p.0 > LIMIT).map(line).collect();
    assert!(
        over.is_empty(),
        "{} pages over 100 KB gzipped:\n  {}",
        over.len(),
        over.join("\n  ")
    );
}
