//! A build killed with SIGKILL at any moment leaves the previous site or the new one, whole:
//! never a mix. Two synthetic provinces are built alternately into one output and each build
//! is killed at a random moment; after every kill the output must equal, file for file, a
//! fresh build of one of them. `CONGKHAI_KILL_PROCEDURES` (default 2,000) and
//! `CONGKHAI_KILL_TRIALS` (default 16) set the size; the seed is printed to repeat a run.

#[path = "../benches/build/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Every file below `dir` with a hash of its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in bytes {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), h)
        })
        .collect()
}

/// The binary under test; `CONGKHAI_KILL_BIN` names another (an older one, to compare).
fn build(root: &Path, output: &Path) -> std::process::Child {
    let binary = std::env::var_os("CONGKHAI_KILL_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_congkhai").into());
    Command::new(binary)
        .args(["build", "--quiet", "--force", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .spawn()
        .expect("run congkhai")
}

#[test]
fn a_build_killed_at_any_moment_never_leaves_a_mixed_site() {
    let procedures = setting("CONGKHAI_KILL_PROCEDURES", 2000);
    let trials = setting("CONGKHAI_KILL_TRIALS", 16);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    println!("{procedures} procedures, {trials} trials, seed {seed}");
    let tmp = tempfile::tempdir().unwrap();
    let sources = [tmp.path().join("a"), tmp.path().join("b")];
    // Without print packs: they go through the same staging as every file, and would
    // double each unoptimised build here (tests/print_pack.rs covers them).
    corpus::write_congkhai(&sources[0], procedures, 1, false).unwrap();
    corpus::write_congkhai(&sources[1], procedures, 2, false).unwrap();
    // The two complete sites, built fresh.
    let mut references = Vec::new();
    let mut slowest = Duration::ZERO;
    for (i, root) in sources.iter().enumerate() {
        let fresh = tmp.path().join(format!("fresh-{i}"));
        let started = Instant::now();
        assert!(build(root, &fresh).wait().unwrap().success());
        slowest = slowest.max(started.elapsed());
        references.push(tree(&fresh));
    }
    assert_ne!(references[0], references[1]);
    let output = tmp.path().join("site");
    assert!(build(&sources[0], &output).wait().unwrap().success());
    let mut rng = corpus::Rng::new(seed);
    let mut outcomes = [0usize; 2];
    let mut completed = 0;
    for trial in 0..trials {
        let root = &sources[(trial + 1) % 2];
        let mut child = build(root, &output);
        // Anywhere from the start to past the end of a build (a rebuild also clears what
        // the last killed one left, so it takes longer than a fresh one).
        let delay = slowest.mul_f64((rng.next_u64() % 2500) as f64 / 1000.0);
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let found = tree(&output);
        let which = references.iter().position(|r| *r == found);
        assert!(
            which.is_some(),
            "trial {trial} (seed {seed}, killed after {delay:?}, {status}): the output is a mix of two sites"
        );
        if status.success() {
            completed += 1;
        }
        outcomes[which.unwrap()] += 1;
    }
    println!(
        "after the kills: {} times site A, {} times site B ({completed} builds ended before their kill)",
        outcomes[0], outcomes[1]
    );
    // A build that runs to the end removes what the killed ones left beside the output.
    assert!(build(&sources[0], &output).wait().unwrap().success());
    assert_eq!(tree(&output), references[0]);
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
