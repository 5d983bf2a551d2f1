//! `congkhai import` on records in the portal's shapes that the shared sample does not
//! hold (generated: glued counts, empty tables, stray marks, step text among documents,
//! lower-case titles glued to legal numbers, sentences as addresses, screen text, control
//! characters, sections that are not text): the site always checks with 0 errors. And an
//! import under faults: killed at random moments, two at once, a full disk, a linked
//! procedures folder.

mod common;

use common::Fixture;
use common::portal;
use std::path::Path;
use std::process::{Command, Stdio};

/// Writes records as a portal crawl saves them: one JSON file per record, in two ministry
/// folders, the second reached through a link (as a crawl's folders often are).
fn write_records(dir: &Path, records: &[serde_json::Value]) {
    let (first, second) = (dir.join("bo-a"), dir.join("saved").join("bo-b"));
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&second).unwrap();
    for (n, r) in records.iter().enumerate() {
        let code = r["ma_thu_tuc"].as_str().unwrap();
        let folder = if n % 2 == 0 { &first } else { &second };
        std::fs::write(folder.join(format!("{code}.json")), r.to_string()).unwrap();
    }
    link_folder(&second, &dir.join("bo-b"));
}

#[cfg(unix)]
fn link_folder(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(not(unix))]
fn link_folder(_: &Path, _: &Path) {}

fn records_dir(seed: u64, count: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records");
    write_records(&records, &portal::records(seed, count));
    // Only `bo-a` and the link `bo-b` are the import's input.
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::rename(records.join("bo-a"), input.join("bo-a")).unwrap();
    #[cfg(unix)]
    std::fs::rename(records.join("bo-b"), input.join("bo-b")).unwrap();
    (dir, input)
}

fn check_errors(site: &Fixture) -> (usize, String) {
    let errors = common::check_errors(site);
    (errors.len(), errors.join("\n"))
}

fn import(site: &Fixture, input: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", input.to_str().unwrap()];
    args.extend_from_slice(extra);
    site.run(&args)
}

#[test]
fn generated_portal_records_always_import_into_a_site_that_checks() {
    for seed in 1..=4u64 {
        let (_keep, input) = records_dir(seed, 150);
        let site = Fixture::new();
        let out = import(&site, &input, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "seed {seed}: {stderr}");
        eprintln!(
            "seed {seed}: {}",
            String::from_utf8_lossy(&out.stdout).trim()
        );
        let (errors, listed) = check_errors(&site);
        assert_eq!(errors, 0, "seed {seed}: check found errors:\n{listed}");
        let procedures = std::fs::read_dir(site.root().join("content/procedures"))
            .unwrap()
            .count();
        assert_eq!(procedures, 151, "seed {seed}: every record has its file");
        let all: String = walkdir::WalkDir::new(site.root().join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        // Signs read by their issuer codes, never cut: "34/2025/NĐ-CPsửa đổi…".
        assert!(all.contains("\"34/2025/NĐ-CP\""), "seed {seed}");
        assert!(
            !all.contains("NĐ-C\"") && !all.contains("title = \"Psửa"),
            "seed {seed}"
        );
        assert!(all.contains("title = \"sửa đổi, bổ sung"), "seed {seed}");
        // No control characters reach a file; no screen text; no secret from a URL.
        assert!(
            !all.chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{fffe}'),
            "seed {seed}: a control character was written"
        );
        for screen in [
            "Chọn cơ quan thực hiện",
            "-- Chọn Tỉnh",
            "user:secret",
            "<script>",
        ] {
            assert!(!all.contains(screen), "seed {seed}: `{screen}` was written");
        }
        // Offices only from addresses.
        let offices =
            std::fs::read_to_string(site.root().join("content/catalog/offices.toml")).unwrap();
        for sentence in ["Hồ sơ được nộp", "\"+ Số 333", "https://", "nơi cư trú"] {
            assert!(
                !offices.contains(sentence),
                "seed {seed}: office made from `{sentence}`"
            );
        }
        assert!(
            offices.contains("Bộ phận Một cửa Sở Xây dựng"),
            "seed {seed}"
        );
        // The descriptions after results are kept, as the procedure's text.
        assert!(
            all.contains("Thủ tục áp dụng cho tổ chức, cá nhân đã được cấp phép"),
            "seed {seed}"
        );
        // A paragraph where an agency's name belongs stays the procedure's text.
        let agencies =
            std::fs::read_to_string(site.root().join("content/catalog/agencies.toml")).unwrap();
        assert!(
            !agencies.contains("Cơ quan giải quyết bồi thường là"),
            "seed {seed}"
        );
        assert!(
            all.contains("Cơ quan thực hiện: Cơ quan giải quyết bồi thường là"),
            "seed {seed}"
        );
        // Implausible values are named, correctly worded, with counts of records.
        assert!(
            stderr.contains("implausibly small"),
            "seed {seed}: {stderr}"
        );
        assert!(
            !stderr.contains("(e.g. …") && !stderr.contains(":  (e.g."),
            "{stderr}"
        );
    }
    // And it builds: pages, feeds and open data of the generated catalogue.
    let (_keep, input) = records_dir(9, 60);
    let site = Fixture::new();
    assert!(import(&site, &input, &[]).status.success());
    site.build_ok();
}

#[test]
fn levels_keep_the_procedures_a_province_carries_out() {
    let (_keep, input) = records_dir(5, 80);
    let site = Fixture::new();
    let out = import(&site, &input, &["--levels", "tinh,xa"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("left out: not carried out at tinh, xa"),
        "{stderr}"
    );
    for entry in std::fs::read_dir(site.root().join("content/procedures")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let levels = text.lines().find(|l| l.starts_with("levels = ")).unwrap();
        assert!(
            levels.contains("\"tinh\"") || levels.contains("\"xa\""),
            "{levels}"
        );
    }
    assert_eq!(check_errors(&site).0, 0);
}

#[test]
fn a_second_import_changes_nothing_and_update_keeps_other_fields_apart_from_field() {
    let (_keep, input) = records_dir(6, 40);
    let site = Fixture::new();
    assert!(import(&site, &input, &[]).status.success());
    let before = common::tree(&site.root().join("content"));
    assert!(import(&site, &input, &[]).status.success());
    assert_eq!(before, common::tree(&site.root().join("content")));
    // The province lists the record's own field among other fields; --update drops it
    // from there rather than writing a file the build refuses.
    let path = site.root().join("content/procedures/1.100000.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let field = text
        .lines()
        .find_map(|l| l.strip_prefix("field = "))
        .unwrap()
        .to_string();
    let text = text.replacen("+++\n", &format!("+++\nother_fields = [{field}]\n"), 1);
    std::fs::write(&path, text).unwrap();
    let out = import(&site, &input, &["--update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(check_errors(&site).0, 0);
}

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_congkhai"));
    command.env("CONGKHAI_LANG", "en");
    command
}

#[test]
fn a_killed_import_leaves_the_content_as_before_or_as_after() {
    let (_keep, input) = records_dir(7, 600);
    let before_site = Fixture::new();
    let before = common::tree(&before_site.root().join("content"));
    let after_site = Fixture::new();
    let started = std::time::Instant::now();
    assert!(import(&after_site, &input, &[]).status.success());
    let full = started.elapsed();
    let after = common::tree(&after_site.root().join("content"));
    let mut rng = portal::Rng::new(11);
    let (mut as_before, mut as_after) = (0, 0);
    for trial in 0..16 {
        let site = Fixture::new();
        let mut child = binary()
            .args(["import", input.to_str().unwrap()])
            .current_dir(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let at = full.mul_f64(rng.below(110) as f64 / 100.0);
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        let now = common::tree(&site.root().join("content"));
        if now == before {
            as_before += 1;
        } else if now == after {
            as_after += 1;
        } else {
            let differing: Vec<&String> = now
                .keys()
                .filter(|k| before.get(*k) != now.get(*k) && after.get(*k) != now.get(*k))
                .take(5)
                .collect();
            panic!("trial {trial}, killed after {at:?}: content is half imported: {differing:?}");
        }
        // The next import finds what the killed one left and finishes the work.
        let out = site.run(&["import", input.to_str().unwrap()]);
        assert!(out.status.success());
        assert_eq!(common::tree(&site.root().join("content")), after);
        let leftovers: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".congkhai-import-")
            })
            .collect();
        assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    }
    eprintln!("kill trials: {as_before} as before, {as_after} as after (full import {full:?})");
}

#[test]
fn two_imports_into_one_site_wait_for_each_other() {
    let (_keep_a, input_a) = records_dir(12, 200);
    let (_keep_b, input_b) = records_dir(13, 200);
    // The same codes, other fields and agencies: both add catalogue entries.
    let site = Fixture::new();
    let spawn = |input: &Path| {
        binary()
            .args(["import", input.to_str().unwrap(), "--update"])
            .current_dir(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(&input_a), spawn(&input_b));
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (errors, listed) = check_errors(&site);
    assert_eq!(errors, 0, "{listed}");
}

#[cfg(unix)]
#[test]
fn a_full_disk_says_so_exits_2_and_changes_nothing() {
    let (_keep, input) = records_dir(14, 30);
    let site = Fixture::new();
    let before = common::tree(&site.root().join("content"));
    // Files may hold 1 KiB: the first procedure file written fails (EFBIG), as on a full
    // disk; the signal that would kill the process is ignored, as a shell does for it.
    let out = Command::new("bash")
        .env("CONGKHAI_LANG", "en")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 1; exec '{}' import '{}'",
            env!("CARGO_BIN_EXE_congkhai"),
            input.display()
        ))
        .current_dir(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("content is as it was before"), "{stderr}");
    assert!(stderr.contains(".md"), "the file is named: {stderr}");
    assert_eq!(before, common::tree(&site.root().join("content")));
}

#[cfg(unix)]
#[test]
fn a_linked_procedures_folder_is_refused_as_the_build_refuses_it() {
    let (_keep, input) = records_dir(15, 5);
    let site = Fixture::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let procedures = site.root().join("content/procedures");
    std::fs::rename(&procedures, elsewhere.path().join("procedures")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("procedures"), &procedures).unwrap();
    let out = import(&site, &input, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("content/procedures") && stderr.contains("link"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(elsewhere.path().join("procedures"))
            .unwrap()
            .count(),
        1
    );
}
