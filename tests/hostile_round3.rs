//! Hostile input, round 3: one regression test per defect, named after its item in the
//! round's list. Each failed on the code before its fix.

mod common;

use common::{Fixture, pdf};

/// A secret a site's root may hold beside its content (a deploy token), never published.
const SECRET: &str = "CK_DEPLOY_TOKEN=s3cr3t-do-not-publish";

fn published(site: &Fixture) -> String {
    common::tree(&site.output())
        .values()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .collect()
}

#[cfg(unix)]
#[test]
fn item_01_a_link_to_a_hidden_file_or_git_is_never_followed_nor_shown() {
    use std::os::unix::fs::symlink;
    let site = Fixture::new()
        .write(".env", &format!("{SECRET}\n"))
        .write(".git/config", &format!("[remote]\n{SECRET}\n"))
        .write("site/private.txt", SECRET)
        .write(".site.congkhai-output", "congkhai\n");
    let root = site.root();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::create_dir_all(root.join("content/forms")).unwrap();
    std::fs::create_dir_all(root.join("content/pages")).unwrap();
    symlink("../.env", root.join("static/x.txt")).unwrap();
    symlink("../../.git/config", root.join("content/forms/mau.pdf")).unwrap();
    symlink("../../.env", root.join("content/pages/gioi-thieu.md")).unwrap();
    symlink("../site/private.txt", root.join("static/y.txt")).unwrap();
    for command in [&["build"][..], &["check"][..]] {
        let out = site.run(command);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(1), "{command:?}: {text}");
        assert!(
            !text.contains("s3cr3t"),
            "{command:?} shows the secret: {text}"
        );
        for link in [
            "static/x.txt",
            "content/forms/mau.pdf",
            "content/pages/gioi-thieu.md",
            "static/y.txt",
        ] {
            assert!(text.contains(link), "{command:?} names {link}: {text}");
        }
    }
    // A link to a file the site reads anyway is followed, as before.
    let site = Fixture::new().write("static/logo.txt", "logo");
    symlink("logo.txt", site.root().join("static/alias.txt")).unwrap();
    site.build_ok();
    assert_eq!(
        std::fs::read_to_string(site.output().join("alias.txt")).unwrap(),
        "logo"
    );
}

#[test]
fn item_02_a_theme_cannot_read_the_build_machines_environment() {
    let site = Fixture::new().write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ get_env(name=\"CK_SECRET\") }}{% endblock main %}",
    );
    let site = site.write(
        "content/pages/gioi-thieu.md",
        "+++\ntitle = \"Giới thiệu\"\n+++\nTrang giới thiệu.\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .env("CONGKHAI_LANG", "en")
        .arg("build")
        .current_dir(site.root())
        .env("CK_SECRET", SECRET)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("get_env is not available"), "{stderr}");
    assert!(!stderr.contains("s3cr3t"));
    assert!(!site.output().exists() || !published(&site).contains("s3cr3t"));
}

#[test]
fn item_03_control_characters_are_decided_at_load_and_never_reach_a_feed() {
    // Written as a TOML escape: refused where it is.
    let front = common::procedure_front("1.000001", "Đăng ký khai sinh").replace(
        "name = \"Thủ tục Đăng ký khai sinh\"",
        "name = \"Thủ tục Đăng ký\\u0000 khai sinh\\uFFFE\"",
    );
    let site = Fixture::new().procedure("1.000001", &front, "Khai sinh.\n");
    let errors = site.build_errors();
    let nul = common::find(&errors, "`\\u0000` is the control character U+0000");
    assert_eq!(
        nul.location.file.to_string_lossy(),
        "content/procedures/1.000001.md"
    );
    assert_eq!(nul.location.line, Some(3), "{nul}");
    // Written raw (a paste from a PDF, a terminal's colours): removed, with a warning at its
    // line, and every feed stays well-formed XML.
    let front = common::procedure_front("1.000001", "Đăng ký khai sinh");
    let site = Fixture::new().procedure(
        "1.000001",
        &front,
        "Khai sinh\u{7} cho trẻ\u{1b}[0m em.\u{ffff}\n",
    );
    let report = site.build_ok();
    let warning = report
        .warnings
        .iter()
        .find(|w| {
            w.message
                .contains("control character U+0007 removed (and 2 more")
        })
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert!(warning.location.line.is_some());
    let mut feeds = 0;
    let texts = [
        ".html", ".xml", ".json", ".jsonl", ".jsonld", ".csv", ".svg", ".txt",
    ];
    for (name, bytes) in common::tree(&site.output()) {
        if !texts.iter().any(|t| name.ends_with(t)) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.chars().any(congkhai::source::is_forbidden),
            "{name} holds a control character"
        );
        if name.ends_with("atom.xml") {
            atom_syndication::Feed::read_from(&bytes[..])
                .unwrap_or_else(|e| panic!("{name} is not a valid feed: {e}"));
            feeds += 1;
        }
    }
    assert!(feeds > 2, "the feeds were read: {feeds}");
}

#[test]
fn item_06_an_office_text_too_long_for_a_poster_is_refused_where_it_is() {
    let offices = common::OFFICES
        .replace(
            "name = \"Trung tâm Phục vụ hành chính công xã Thử\"",
            &format!("name = \"{}\"", "Trung tâm ".repeat(150)),
        )
        .replace(
            "address = \"Số 1 Đường Một, xã Thử\"",
            &format!("address = \"{}\"", "Số 1 Đường Một ".repeat(700)),
        );
    let site = Fixture::new().write("content/catalog/offices.toml", &offices);
    let errors = site.build_errors();
    let name = common::find(&errors, "name is 1500 characters; at most 200");
    assert_eq!(name.location.line, Some(2), "the office's key: {name}");
    common::find(&errors, "address is 10500 characters; at most 300");
    assert!(!site.output().exists());
}

#[cfg(unix)]
#[test]
fn item_09_a_write_past_the_file_size_limit_exits_2_with_one_message() {
    // No `trap` here: the shell leaves SIGXFSZ as it is, and congkhai must ignore it itself
    // rather than be killed (exit 153, no message).
    let site = Fixture::new();
    let out = std::process::Command::new("bash")
        .env("CONGKHAI_LANG", "en")
        .arg("-c")
        .arg(format!(
            "ulimit -f 8; exec '{}' build",
            env!("CARGO_BIN_EXE_congkhai")
        ))
        .current_dir(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
}

#[test]
fn item_07_numbers_that_cannot_be_are_refused_and_large_ones_shown_as_they_are() {
    let site = Fixture::sample()
        .edit(
            "content/statistics/indices.toml",
            "value = 89.33",
            "value = 100000000000.0",
        )
        .edit(
            "content/statistics/indices.toml",
            "value = 86.42",
            "value = -5.0",
        )
        .edit(
            "content/statistics/2022.toml",
            "truc-tuyen = 52",
            "truc-tuyen = 150",
        )
        .edit(
            "content/procedures/ho-tich/2.000635.md",
            "amount = 8000, text = \"mỗi bản sao trích lục\"",
            "amount = 18446744073709551615, text = \"mỗi bản sao trích lục\"",
        );
    let errors = site.build_errors();
    common::find(
        &errors,
        "value 100000000000 is impossible for an index in %",
    );
    common::find(&errors, "value -5 is impossible for an index");
    let rate = common::find(&errors, "published truc-tuyen is 150 %");
    assert_eq!(rate.location.line, Some(13), "{rate}");
    let fee = common::find(&errors, "a fee of 18446744073709551615 đồng is impossible");
    assert_eq!(fee.location.line, Some(31), "{fee}");
    // Shown as written, never as 0 (an index with another unit may be large).
    assert_eq!(
        congkhai::vi::decimal(1e20, 0),
        "100.000.000.000.000.000.000"
    );
    assert_eq!(congkhai::vi::decimal(1e11, 2), "100.000.000.000,00");
}

#[test]
fn item_08_markup_quoted_as_text_is_not_a_link_to_check() {
    let front = common::procedure_front("1.000001", "Đăng ký khai sinh");
    let site = Fixture::new()
        .edit("congkhai.toml", "tthc.example.gov.vn", "tthc.thu.gov.vn")
        .procedure(
            "1.000001",
            &front,
            "Trang cũ viết liên kết là <a href=\"/khong-co/\">đây</a>, nay bỏ.\n",
        );
    site.build_ok();
    let page = site.page("tthc/1.000001/index.html");
    assert!(page.contains("&lt;a href="), "shown as text");
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("khong-co"), "{stderr}");
}

#[test]
fn item_05_letters_the_print_font_lacks_are_a_warning_where_they_are_written() {
    // Khmer (a community of the province), Chinese and an emoji in a procedure's name, and
    // Khmer in an office's address: the theme's Khmer faces print the Khmer; the rest is
    // a warning where it is written.
    let front = common::procedure_front("1.000001", "Đăng ký khai sinh").replace(
        "short_name = \"Đăng ký khai sinh\"",
        "short_name = \"Đăng ký khai sinh ចុះបញ្ជីកំណើត 出生 🙂\"",
    );
    let offices = common::OFFICES.replace(
        "address = \"Số 1 Đường Một, xã Thử\"",
        "address = \"Số 1 Đường Một, xã Thử (ឃុំ)\"",
    );
    let site = Fixture::new()
        .write("content/catalog/offices.toml", &offices)
        .procedure("1.000001", &front, "Khai sinh.\n");
    let report = site.build_ok();
    let said: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let procedure = said
        .iter()
        .find(|w| w.contains("procedure 1.000001 has letters the print font lacks"))
        .unwrap_or_else(|| panic!("{said:?}"));
    assert!(
        procedure.contains("content/procedures/1.000001.md:4:"),
        "file and line: {procedure}"
    );
    assert!(
        procedure.contains("(出生🙂"),
        "only what no font has: {procedure}"
    );
    assert!(
        !said
            .iter()
            .any(|w| w.contains("office `mot-cua-xa` has letters")),
        "Khmer alone prints: {said:?}"
    );
    // The Khmer is in the pack, in the Khmer face, and reads back as written.
    pdf::require_tools(&[]);
    let pack = walkdir::WalkDir::new(site.output().join("ap-phich/pdf"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a pack");
    let fonts = pdf::fonts(&pack);
    assert!(
        fonts.iter().any(
            |(name, embedded, _, unicode)| name.contains("NotoSansKhmer") && *embedded && *unicode
        ),
        "{fonts:?}"
    );
    let text: String = (1..=pdf::page_sizes(&pack).len())
        .map(|page| pdf::page_text(&pack, page))
        .collect();
    // (pdftotext puts a space where a Khmer vowel sign sits apart from its letter.)
    let letters: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(letters.contains("ចុះបញ្ជីកំណើត"), "{text}");
    // Vietnamese alone prints: no such warning on the fixture.
    let report = Fixture::new().build_ok();
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.message.contains("print font lacks"))
    );
}
