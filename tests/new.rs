//! `congkhai new site` and `congkhai new procedure`: what they write builds and checks.

mod common;

use common::Fixture;
use std::process::Command;

fn congkhai(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .env("CONGKHAI_LANG", "en")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_new_site_builds_and_checks_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = congkhai(dir.path(), &["new", "site", "tinh-thu"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = dir.path().join("tinh-thu");
    assert_eq!(congkhai(&site, &["check"]).status.code(), Some(0));
    // The starter's placeholders are said, loudly, and fail a strict check: nothing of
    // them may reach print unnoticed.
    let check = congkhai(&site, &["check", "--strict"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    for said in [
        "base_url is still the starter's example address",
        "hotline `Đường dây nóng` is still the starter's `0290 3 …`",
        "office `ttpvhcc-xa`: address is still the starter's `Số …, xã …, tỉnh …`",
        "office `ttpvhcc-xa`: hotline is still the starter's",
    ] {
        assert!(stderr.contains(said), "`{said}` in {stderr}");
    }
    // Built as it is, no page offers the starter's number as one to call.
    assert_eq!(congkhai(&site, &["build"]).status.code(), Some(0));
    let page = std::fs::read_to_string(site.join("site/tthc/1.001193/index.html")).unwrap();
    assert!(
        !page.contains("0290 3 …"),
        "a placeholder number on the page"
    );
    // Filled in, the site checks strictly.
    let replace = |file: &str, from: &str, to: &str| {
        let path = site.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} in {file}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };
    replace("congkhai.toml", "tthc.example.gov.vn", "tthc.camau.gov.vn");
    replace("congkhai.toml", "0290 3 …", "0290 3 555 010");
    replace(
        "content/catalog/offices.toml",
        "Số …, xã …, tỉnh …",
        "Số 1 Lý Bôn, xã Tân Thành, tỉnh Cà Mau",
    );
    replace("content/catalog/offices.toml", "0290 3 …", "0290 3 555 111");
    let check = congkhai(&site, &["check", "--strict"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let build = congkhai(&site, &["build"]);
    assert_eq!(
        build.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(site.join("site/tthc/1.001193/index.html").is_file());
    // Never into a folder that has something in it.
    assert_eq!(
        congkhai(dir.path(), &["new", "site", "tinh-thu"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_new_procedure_lists_the_catalogue_and_passes_once_filled() {
    let site = Fixture::new();
    let out = site.run(&["new", "procedure", "1.000777"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = site.root().join("content/procedures/1.000777.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("ho-tich (Hộ tịch), dat-dai (Đất đai)"),
        "the site's fields are listed"
    );
    assert!(text.contains("mot-cua-xa (Trung tâm Phục vụ hành chính công xã Thử)"));
    for key in [
        "local_code",
        "short_name",
        "online_url",
        "replaced_by",
        "repealed_on",
        "life_events",
        "conditions",
        "[[channels]]",
        "[[documents.items]]",
        "[[results]]",
        "[[legal_basis]]",
        "[[decisions]]",
        "cooperating",
    ] {
        assert!(text.contains(key), "the template mentions {key}");
    }
    // Unfilled, it says what is missing, where.
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let (line, _) = common::position(&text, "name = \"\"");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains(&format!(
            "content/procedures/1.000777.md:{line}:8: name is empty"
        )),
        "{stderr}"
    );
    // Filled in, it passes.
    let filled = text
        .replace("name = \"\"", "name = \"Thủ tục thử\"")
        .replace(
            "[[results]]\nname = \"\"",
            "[[results]]\nname = \"Giấy xác nhận\"",
        )
        .replace(
            "number = \"\"\ntitle = \"\"",
            "number = \"60/2014/QH13\"\ntitle = \"Luật Hộ tịch\"",
        );
    std::fs::write(&path, filled).unwrap();
    let check = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    // What is still the template's is said, and never shown as a fact.
    assert!(stderr.contains("still holds the starter's `…`"), "{stderr}");
    assert!(
        stderr.contains("step `Bước 1: …` is still the starter's"),
        "{stderr}"
    );
    assert_eq!(site.run(&["check", "--strict"]).status.code(), Some(1));
    site.build_ok();
    let page = common::page_text(&site.page("tthc/1.000777/index.html"));
    assert!(page.contains("chưa có thông tin"), "{page}");
    assert!(!page.contains("0 đồng"), "{page}");
    // Never overwritten.
    assert_eq!(
        site.run(&["new", "procedure", "1.000777"]).status.code(),
        Some(2)
    );
    assert_eq!(
        site.run(&["new", "procedure", "1-000778"]).status.code(),
        Some(2)
    );
}
