//! Hostile input and faults: one regression test per defect found by adversarial testing,
//! named after its item (1–12). Each failed on the code before its fix.

mod common;

use common::{Fixture, assert_at, find, procedure_file, procedure_front};
use std::os::unix::fs::symlink;
use std::path::Path;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

use common::PERIOD;

#[test]
fn item_01_javascript_in_a_website_or_a_source_url_is_refused() {
    let agencies =
        common::AGENCIES.to_string() + "website = \"javascript:alert(document.cookie)\"\n";
    let period = PERIOD.replace(
        "source = \"Báo cáo thử\"",
        "source = \"Báo cáo thử\"\nsource_url = \"JavaScript:alert(1)\"",
    );
    let site = Fixture::new()
        .write("content/catalog/agencies.toml", &agencies)
        .write("content/statistics/2025-q1.toml", &period);
    let errors = site.build_errors();
    let website = find(&errors, "website:");
    assert_at(
        website,
        "content/catalog/agencies.toml",
        &agencies,
        "\"javascript:",
    );
    let source = find(&errors, "source_url:");
    assert_at(
        source,
        "content/statistics/2025-q1.toml",
        &period,
        "\"JavaScript:",
    );
    // An attribute cannot be broken out of either.
    let online = procedure_front("1.000001", "Đăng ký khai sinh").replace(
        "online = \"none\"",
        "online = \"full\"\nonline_url = \"https://a.vn/\\\" onmouseover=\\\"alert(1)\"",
    );
    let site = Fixture::new().procedure("1.000001", &online, "");
    find(&site.build_errors(), "online_url:");
}

#[test]
fn item_02_the_output_is_never_a_folder_congkhai_did_not_make() {
    let site = Fixture::new();
    let root = site.root();
    // Someone's folder with files in it: refused, exit 2, untouched.
    std::fs::create_dir_all(root.join("mine")).unwrap();
    std::fs::write(root.join("mine/notes.txt"), "keep me").unwrap();
    let out = site.run(&["build", "--output", "mine"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("congkhai did not make it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("mine/notes.txt")).unwrap(),
        "keep me"
    );
    // The site's own sources.
    let out = site.run(&["build", "--output", "content"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(root.join("content/procedures/1.000001.md").is_file());
    let out = site.run(&["build", "--output", "content/forms/site"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an output inside the forms would be published back"
    );
    // A file: left where it is, and the message says so truthfully.
    std::fs::write(root.join("site.txt"), "a file").unwrap();
    let out = site.run(&["build", "--output", "site.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a file"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(root.join("site.txt")).unwrap(),
        "a file"
    );
    // An ancestor of the site (a typo like `--output ~`).
    let out = site.run(&["build", "--output", ".."]);
    assert_eq!(out.status.code(), Some(2));
    // The default output and an empty folder are fine, and a rebuild into either too.
    std::fs::create_dir(root.join("empty")).unwrap();
    for args in [&["build"][..], &["build", "--output", "empty"][..]] {
        for _ in 0..2 {
            let out = site.run(args);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        }
    }
}

#[test]
fn item_03_a_link_out_of_the_root_is_neither_read_nor_shown() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("environ");
    std::fs::write(&secret, "CI_TOKEN=hunter2-very-secret\n").unwrap();
    let site = Fixture::new();
    std::fs::create_dir_all(site.root().join("content/statistics")).unwrap();
    symlink(&secret, site.root().join("content/statistics/x.toml")).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("content/statistics/x.toml"), "{text}");
    assert!(text.contains("leads outside the site folder"), "{text}");
    assert!(!text.contains("hunter2"), "the secret was printed: {text}");
    // The same for a procedure file, and for a linked folder.
    let site = Fixture::new();
    symlink(&secret, site.root().join("content/procedures/1.000009.md")).unwrap();
    std::fs::create_dir_all(site.root().join("content/pages")).unwrap();
    symlink("/", site.root().join("content/pages/root")).unwrap();
    let errors = site.build_errors();
    find(&errors, "leads outside the site folder");
    let out = site.run(&["check"]);
    assert!(!stderr(&out).contains("hunter2"));
}

#[test]
fn item_04_a_form_that_is_not_a_document_is_refused() {
    for name in ["x.svg", "x.html", "x.js", "x.xhtml"] {
        let site = Fixture::new().write(
            &format!("content/forms/{name}"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        );
        let errors = site.build_errors();
        let e = find(&errors, "a form must be a document");
        assert_eq!(
            e.location.file.to_string_lossy(),
            format!("content/forms/{name}")
        );
    }
    Fixture::new()
        .write("content/forms/to-khai.pdf", "%PDF-1.4")
        .write("content/forms/to-khai.DOCX", "PK")
        .build_ok();
}

#[test]
fn item_05_base_url_cannot_bring_another_host_or_markup() {
    for bad in [
        "https://tthc.example.gov.vn//evil.example/",
        "https://tthc.example.gov.vn/a\\\"b/",
        "https://tthc.example.gov.vn/<b>/",
        "https://tthc.example.gov.vn/x\\nSitemap: https://evil.example/",
        "https://admin:secret@tthc.example.gov.vn/",
        "https://tthc.example.gov.vn/../x/",
    ] {
        let config = common::CONFIG.replace("https://tthc.example.gov.vn/", bad);
        let site = Fixture::new().write("congkhai.toml", &config);
        let errors = site.build_errors();
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("base_url") || e.message.contains('`')),
            "{bad}: {errors:?}"
        );
        assert!(!site.output().exists(), "{bad} was built");
    }
}

#[test]
fn item_06_links_inside_the_root_are_followed_and_fingerprinted() {
    let site = Fixture::new()
        .write(
            "shared/1.000002.md",
            &procedure_file(&procedure_front("1.000002", "Đăng ký kết hôn"), ""),
        )
        .write("shared/fields.toml", common::FIELDS);
    symlink(
        site.root().join("shared/1.000002.md"),
        site.root().join("content/procedures/1.000002.md"),
    )
    .unwrap();
    std::fs::remove_file(site.root().join("content/catalog/fields.toml")).unwrap();
    symlink(
        site.root().join("shared/fields.toml"),
        site.root().join("content/catalog/fields.toml"),
    )
    .unwrap();
    site.build_ok();
    assert!(
        site.page("tthc/1.000002/index.html")
            .contains("Đăng ký kết hôn")
    );
    // Editing the linked catalogue is a change, not "nothing changed".
    std::fs::write(
        site.root().join("shared/fields.toml"),
        common::FIELDS.replace("Hộ tịch", "Hộ tịch và chứng thực"),
    )
    .unwrap();
    let report = site.build_ok();
    assert!(!report.up_to_date);
    assert!(
        site.page("tthc/1.000002/index.html")
            .contains("Hộ tịch và chứng thực")
    );
}

#[test]
fn item_07_two_builds_into_one_output_leave_one_site_with_its_own_record() {
    let a = Fixture::new();
    let b = Fixture::new().procedure(
        "1.000002",
        &procedure_front("1.000002", "Đăng ký kết hôn"),
        "",
    );
    let shared = tempfile::tempdir().unwrap();
    let out = shared.path().join("site");
    let run = |root: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_congkhai"))
            .env("CONGKHAI_LANG", "en")
            .args(["build", "--quiet", "--output"])
            .arg(&out)
            .current_dir(root)
            .spawn()
            .unwrap()
    };
    for _ in 0..5 {
        let (mut x, mut y) = (run(a.root()), run(b.root()));
        assert!(x.wait().unwrap().success() && y.wait().unwrap().success());
        let has_b = out.join("tthc/1.000002/index.html").exists();
        let (winner, loser) = if has_b { (&b, &a) } else { (&a, &b) };
        let fresh = tempfile::tempdir().unwrap();
        winner.build_into(&fresh.path().join("site")).unwrap();
        let (got, want) = (common::tree(&out), common::tree(&fresh.path().join("site")));
        let differ: Vec<&String> = got
            .keys()
            .chain(want.keys())
            .filter(|k| got.get(*k) != want.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "a whole site, but these files differ: {differ:?}"
        );
        // The record beside the output is the winner's: building it again changes nothing,
        // building the other does.
        let again = |site: &Fixture| {
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_congkhai"))
                .env("CONGKHAI_LANG", "en")
                .args(["build", "--output"])
                .arg(&out)
                .current_dir(site.root())
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).contains("Nothing changed")
        };
        assert!(again(winner), "the record is the winner's");
        assert!(!again(loser));
        assert!(again(loser), "and then the loser's");
    }
    let names: Vec<String> = std::fs::read_dir(shared.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("staging") && !n.contains(".old-")),
        "{names:?}"
    );
}

#[test]
fn item_08_huge_lists_are_linear_and_huge_texts_refused() {
    // 8,000 documents: the poster lists what fits and counts the rest.
    let mut front = procedure_front("1.000001", "Đăng ký khai sinh");
    front.push_str("\n[[documents]]\n");
    for i in 0..8000 {
        front.push_str(&format!(
            "[[documents.items]]\nname = \"Giấy tờ {i}\"\noriginals = 1\n"
        ));
    }
    let site = Fixture::new().procedure("1.000001", &front, "");
    site.build_ok();
    let poster = site.page("ap-phich/tthc/1.000001/index.html");
    let bring = poster.split("<section class=\"bring\">").nth(1).unwrap();
    let listed = bring.split("</ol>").next().unwrap().matches("<li>").count();
    let more: usize = bring
        .split("Và ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the rest counted");
    assert!((5..100).contains(&listed), "{listed} documents listed");
    assert!(listed + more >= 8000, "{listed} listed + {more} counted");
    // The same office key 50,000 times is an error, not a gigabyte.
    let offices = vec!["\"mot-cua-xa\""; 50_000].join(", ");
    let front = procedure_front("1.000001", "Đăng ký khai sinh").replace(
        "offices = [\"mot-cua-xa\"]",
        &format!("offices = [{offices}]"),
    );
    let errors = Fixture::new()
        .procedure("1.000001", &front, "")
        .build_errors();
    find(&errors, "is listed twice in offices");
    // A Markdown table of 300 KiB.
    let table = "| a | b |\n|---|---|\n".to_string() + &"| 1 | 2 |\n".repeat(30_000);
    let errors = Fixture::new()
        .procedure(
            "1.000001",
            &procedure_front("1.000001", "Đăng ký khai sinh"),
            &table,
        )
        .build_errors();
    find(&errors, "KiB of Markdown");
}

#[test]
fn item_09_numbers_must_be_finite_and_plausible() {
    let targets = "[[target]]\nindicator = \"truc-tuyen\"\nyear = 2025\nvalue = nan\n";
    let site = Fixture::new()
        .write("content/statistics/2025-q1.toml", PERIOD)
        .write("content/statistics/targets.toml", targets);
    let e = site.build_errors();
    assert_at(
        find(&e, "finite"),
        "content/statistics/targets.toml",
        targets,
        "nan",
    );
    let published = PERIOD.to_string() + "[scope.published]\ntruc-tuyen = inf\n";
    let site = Fixture::new().write("content/statistics/2025-q1.toml", &published);
    find(&site.build_errors(), "finite");
    let huge = PERIOD.replace(
        "received = 10",
        "received = 18446744073709551615\nreceived_in_person = 9223372036854775807",
    );
    let site = Fixture::new().write("content/statistics/2025-q1.toml", &huge);
    find(&site.build_errors(), "count too large");
    let offices = common::OFFICES.to_string() + "map = { lat = inf, lon = 105.1 }\n";
    let site = Fixture::new().write("content/catalog/offices.toml", &offices);
    find(&site.build_errors(), "finite");
    let indices = "[[index]]\nname = \"PAR INDEX\"\nyear = 2024\nvalue = 89.33\nrank = 70\nout_of = 63\nsource = \"Bộ Nội vụ\"\n";
    let site = Fixture::new()
        .write("content/statistics/2025-q1.toml", PERIOD)
        .write("content/statistics/indices.toml", indices);
    find(&site.build_errors(), "rank 70 out of 63 is impossible");
}

#[test]
fn item_10_downloads_run_no_formula_and_pages_load_nothing_from_elsewhere() {
    let levels = common::LEVELS.replace(
        "name = \"Cấp xã\"",
        "name = \"=HYPERLINK(\\\"https://evil.example\\\",\\\"Cấp xã\\\")\"",
    );
    let period = PERIOD.to_string() + "\n[[scope]]\nlevel = \"xa\"\n[scope.counts]\nreceived = 3\n";
    let site = Fixture::new()
        .write("content/catalog/levels.toml", &levels)
        .write("content/statistics/2025-q1.toml", &period);
    site.build_ok();
    let csv = site.page("thong-ke/2025-q1/so-lieu.csv");
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
    let body = "![bản đồ](https://maps.example.com/x.png)\n";
    let errors = Fixture::new()
        .procedure(
            "1.000001",
            &procedure_front("1.000001", "Đăng ký khai sinh"),
            body,
        )
        .build_errors();
    find(&errors, "is on another site");
}

#[test]
fn item_11_write_failures_exit_2_with_one_message_and_long_keys_fail_check() {
    let site = Fixture::new();
    // Files larger than 8 KiB cannot be written: the shell ignores SIGXFSZ, so writes fail
    // with EFBIG as on a full disk.
    let out = std::process::Command::new("sh")
        .env("CONGKHAI_LANG", "en")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 8; exec '{}' build",
            env!("CARGO_BIN_EXE_congkhai")
        ))
        .current_dir(site.root())
        .output()
        .unwrap();
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert_eq!(text.matches("error:").count(), 1, "{text}");
    let long = "a".repeat(329);
    let fields = common::FIELDS.replace("dat-dai", &long);
    let site = Fixture::new().write("content/catalog/fields.toml", &fields);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("at most 64 characters"));
}

#[test]
fn item_12_the_smaller_holes() {
    // A newline in a catalogue name does not inject a key into `new procedure`.
    let fields = common::FIELDS.replace(
        "name = \"Đất đai\"",
        "name = \"Đất đai\\nstatus = \\\"repealed\\\"\"",
    );
    let site = Fixture::new().write("content/catalog/fields.toml", &fields);
    let out = site.run(&["new", "procedure", "1.000003"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let made = std::fs::read_to_string(site.root().join("content/procedures/1.000003.md")).unwrap();
    assert!(!made.lines().any(|l| l.starts_with("status = ")), "{made}");
    // Control characters from content reach the terminal escaped.
    let front = procedure_front("1.000001", "Đăng ký khai sinh")
        .replace("levels = [\"xa\"]", "levels = [\"x\u{1b}[2Jx\u{7}\"]");
    let out = Fixture::new()
        .procedure("1.000001", &front, "")
        .run(&["build"]);
    assert!(
        !stderr(&out).contains('\u{1b}') && !stderr(&out).contains('\u{7}'),
        "{:?}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("\\u{1b}"));
    // A page with a front-matter error causes no broken-link error elsewhere.
    let site = Fixture::new()
        .write("content/pages/lien-he.md", "+++\ntitle = \n+++\nx\n")
        .procedure(
            "1.000001",
            &procedure_front("1.000001", "Đăng ký khai sinh"),
            "[Liên hệ](/lien-he/) · <tuphap@camau.gov.vn>\n",
        );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "only the page's own error: {errors:?}");
    // An e-mail autolink is fine.
    let site = Fixture::new().procedure(
        "1.000001",
        &procedure_front("1.000001", "Đăng ký khai sinh"),
        "Hỏi: <tuphap@camau.gov.vn>\n",
    );
    site.build_ok();
    assert!(
        site.page("tthc/1.000001/index.html")
            .contains("mailto:tuphap@camau.gov.vn")
    );
    // Overlapping periods: the error has a line.
    let site = Fixture::new()
        .write("content/statistics/a.toml", PERIOD)
        .write("content/statistics/b.toml", PERIOD)
        .write("content/statistics/notes.txt", "ghi chú");
    let errors = site.build_errors();
    let overlap = find(&errors, "overlaps");
    assert!(overlap.location.line.is_some(), "{overlap}");
    // A 1 MB line is not echoed whole.
    let front = procedure_front("1.000001", "Đăng ký khai sinh").replace(
        "kind = \"chung\"",
        &format!("kind = \"chung\"\n# {}\nfeild = 1", "y".repeat(1_000_000)),
    );
    let out = Fixture::new()
        .procedure("1.000001", &front, "")
        .run(&["build"]);
    assert!(
        out.stderr.len() < 10_000,
        "{} bytes of messages",
        out.stderr.len()
    );
    // replaced_by in a circle, or to a repealed procedure.
    let replaced = |code: &str, by: &str| {
        procedure_front(code, "Cũ").replace(
            "online = \"none\"",
            &format!("online = \"none\"\nstatus = \"replaced\"\nreplaced_by = \"{by}\"\nrepealed_on = 2025-01-01"),
        )
    };
    let site = Fixture::new()
        .procedure("1.000002", &replaced("1.000002", "1.000003"), "")
        .procedure("1.000003", &replaced("1.000003", "1.000002"), "");
    find(&site.build_errors(), "in a circle");
    let repealed = procedure_front("1.000003", "Bãi bỏ").replace(
        "online = \"none\"",
        "online = \"none\"\nstatus = \"repealed\"\nrepealed_on = 2025-01-01",
    );
    let site = Fixture::new()
        .procedure("1.000002", &replaced("1.000002", "1.000003"), "")
        .procedure("1.000003", &repealed, "");
    find(&site.build_errors(), "which is repealed");
    // Empty and invisible names.
    let front = procedure_front("1.000001", "x")
        .replace("name = \"Thủ tục x\"", "name = \"\u{200b} \u{feff}\"");
    find(
        &Fixture::new()
            .procedure("1.000001", &front, "")
            .build_errors(),
        "name is empty",
    );
    let fields = common::FIELDS.replace("name = \"Đất đai\"", "name = \"\u{200b}\"");
    find(
        &Fixture::new()
            .write("content/catalog/fields.toml", &fields)
            .build_errors(),
        "has an empty name",
    );
    // A stray file in the statistics is reported.
    let site = Fixture::new()
        .write("content/statistics/2025-q1.toml", PERIOD)
        .write("content/statistics/2025-q2.txt", "ghi chú");
    let report = site.build_ok();
    find(&report.warnings.sorted(), "not a .toml file");
}

#[test]
fn item_12_import_update_accepts_files_saved_with_windows_line_endings() {
    let list = "Mã số,Tên,Cơ quan ban hành,Cơ quan thực hiện,Lĩnh vực\n1.000001,Đăng ký khai sinh mới,Bộ Tư pháp,Ủy ban nhân dân xã,Hộ tịch\n";
    let site = Fixture::new().write("list.csv", list);
    let path = site.root().join("content/procedures/1.000001.md");
    let crlf = std::fs::read_to_string(&path)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&path, crlf).unwrap();
    let out = site.run(&["import", "list.csv", "--update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Đăng ký khai sinh mới")
    );
    site.build_ok();
}
