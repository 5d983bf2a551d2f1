//! Bad input: every problem is reported with its file, line and column, all problems of a
//! run together, with a non-zero exit, and the previous site left exactly as it was.

mod common;

use common::{Fixture, assert_at, find, procedure_file, procedure_front, tree};

const FILE: &str = "content/procedures/1.000001.md";

/// The fixture's procedure with `front` changed, and its full text for locating needles.
fn with_front(front: &str) -> (Fixture, String) {
    let text = procedure_file(front, "");
    (Fixture::new().write(FILE, &text), text)
}

fn base() -> String {
    procedure_front("1.000001", "Đăng ký khai sinh")
}

#[test]
fn malformed_toml_points_at_the_bad_line() {
    let (site, text) = with_front(&base().replace("online = \"none\"", "online = none"));
    let problems = site.build_errors();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (line, _) = common::position(&text, "online = none");
    assert_eq!(problems[0].location.file.to_str(), Some(FILE));
    assert_eq!(problems[0].location.line, Some(line), "{}", problems[0]);
}

#[test]
fn unknown_key_is_an_error_not_a_silently_empty_page() {
    let (site, text) = with_front(&base().replace("field = ", "feild = "));
    let problems = site.build_errors();
    let p = find(&problems, "feild");
    assert_at(p, FILE, &text, "feild");
    assert!(p.message.contains("unknown field"), "{p}");
    assert!(p.message.contains("did you mean `field`?"), "{p}");
}

#[test]
fn one_broken_file_does_not_hide_other_problems_or_cause_false_ones() {
    // 1.000002 fails to parse; 1.000001 links to it and names it as related, and also has
    // a broken link of its own. Expect exactly the parse error and the real broken link.
    let broken =
        procedure_front("1.000002", "Khai tử").replace("online = \"none\"", "online = nope");
    let front = base().replace(
        "online = \"none\"",
        "online = \"none\"\nrelated = [\"1.000002\"]",
    );
    let body = "Xem [khai tử](/tthc/1.000002/) và [trang không có](/khong-co/).\n";
    let site = Fixture::new()
        .write(FILE, &procedure_file(&front, body))
        .procedure("1.000002", &broken, "");
    let problems = site.build_errors();
    assert!(
        problems
            .iter()
            .any(|p| p.location.file.ends_with("1.000002.md")),
        "{problems:#?}"
    );
    find(&problems, "/khong-co/");
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn missing_required_field_is_named() {
    let (site, _) = with_front(&base().replace("updated = 2025-07-15\n", ""));
    let problems = site.build_errors();
    let p = find(&problems, "missing field `updated`");
    assert_eq!(p.location.file.to_str(), Some(FILE));
    assert!(p.location.line.is_some(), "{p}");
}

#[test]
fn code_must_match_the_file_name() {
    let (site, text) = with_front(&base().replace("code = \"1.000001\"", "code = \"1.000009\""));
    let problems = site.build_errors();
    assert_at(
        find(&problems, "does not match the file name"),
        FILE,
        &text,
        "\"1.000009\"",
    );
}

#[test]
fn duplicate_codes_in_two_files_are_reported() {
    let text = procedure_file(&base(), "");
    let site = Fixture::new().write("content/procedures/ho-tich/1.000001.md", &text);
    let problems = site.build_errors();
    let p = find(&problems, "duplicate procedure code 1.000001");
    assert!(
        p.message.contains("content/procedures/"),
        "names the other file: {p}"
    );
    assert_eq!(p.location.line, Some(2), "{p}");
}

#[test]
fn unknown_references_are_reported_at_the_key_with_a_hint() {
    let front = base()
        .replace("field = \"ho-tich\"", "field = \"ho-tic\"")
        .replace("levels = [\"xa\"]", "levels = [\"xa\", \"quan\"]")
        .replace(
            "offices = [\"mot-cua-xa\"]",
            "offices = [\"mot-cua-phuong\"]",
        )
        .replace("competent = [\"ubnd-xa\"]", "competent = [\"ubnd-tinh\"]")
        .replace(
            "online = \"none\"",
            "online = \"none\"\nrelated = [\"1.000002\"]",
        );
    let (site, text) = with_front(&front);
    let problems = site.build_errors();
    let field = find(&problems, "unknown field `ho-tic`");
    assert_at(field, FILE, &text, "\"ho-tic\"");
    assert!(field.message.contains("did you mean `ho-tich`?"), "{field}");
    assert_at(
        find(&problems, "unknown level `quan`"),
        FILE,
        &text,
        "\"quan\"",
    );
    assert_at(
        find(&problems, "unknown office `mot-cua-phuong`"),
        FILE,
        &text,
        "\"mot-cua-phuong\"",
    );
    assert_at(
        find(&problems, "unknown agency `ubnd-tinh`"),
        FILE,
        &text,
        "\"ubnd-tinh\"",
    );
    assert_at(
        find(&problems, "related procedure 1.000002 does not exist"),
        FILE,
        &text,
        "\"1.000002\"",
    );
    assert_eq!(
        problems.len(),
        5,
        "all problems of the run together: {problems:#?}"
    );
}

#[test]
fn broken_internal_links_in_markdown_are_found_with_their_position() {
    let body = "Xem [thủ tục khác](/tthc/1.999999/) và [mẫu](/bieu-mau/khong-co.pdf).\n";
    let text = procedure_file(&base(), body);
    let site = Fixture::new().write(FILE, &text);
    let problems = site.build_errors();
    assert_at(
        find(&problems, "/tthc/1.999999/"),
        FILE,
        &text,
        "[thủ tục khác]",
    );
    assert_at(find(&problems, "khong-co.pdf"), FILE, &text, "[mẫu]");
}

#[test]
fn links_inside_toml_strings_are_located_too() {
    let front = base().replace(
        "steps = [\"Nộp hồ sơ.\", ",
        "steps = [\"Nộp theo [hướng dẫn](/huong-dan/).\", ",
    );
    let (site, text) = with_front(&front);
    let problems = site.build_errors();
    assert_at(find(&problems, "/huong-dan/"), FILE, &text, "[hướng dẫn]");
}

#[test]
fn dangerous_link_schemes_are_rejected() {
    let text = procedure_file(&base(), "[bấm vào đây](javascript:alert(1))\n");
    let site = Fixture::new().write(FILE, &text);
    let problems = site.build_errors();
    assert_at(
        find(&problems, "`javascript:` scheme"),
        FILE,
        &text,
        "[bấm vào đây]",
    );
}

#[test]
fn catalogue_problems_point_into_the_catalogue_file() {
    let offices = common::OFFICES.replace("opens = \"07:00\"", "opens = \"7h\"");
    let levels = common::LEVELS.replace("key = \"xa\"", "key = \"Cấp xã\"");
    let site = Fixture::new()
        .write("content/catalog/offices.toml", &offices)
        .write("content/catalog/levels.toml", &levels);
    let problems = site.build_errors();
    assert_at(
        find(&problems, "`7h` is not a time of day"),
        "content/catalog/offices.toml",
        &offices,
        "\"7h\"",
    );
    assert_at(
        find(&problems, "level key `Cấp xã`"),
        "content/catalog/levels.toml",
        &levels,
        "\"Cấp xã\"",
    );
}

#[test]
fn form_files_must_exist_and_keep_to_safe_names() {
    let front = base()
        + "\n[[documents]]\n[[documents.items]]\nname = \"Tờ khai\"\nforms = [\"../../etc/passwd\"]\n";
    let (site, text) = with_front(&front);
    let site = site.write("content/forms/tờ khai.pdf", "x");
    let problems = site.build_errors();
    assert_at(
        find(&problems, "form file `../../etc/passwd` not found"),
        FILE,
        &text,
        "\"../../etc/passwd\"",
    );
    let name = find(&problems, "file names that are published");
    assert_eq!(
        name.location.file.to_str(),
        Some("content/forms/tờ khai.pdf")
    );
}

#[test]
fn page_names_cannot_take_generated_paths() {
    let site = Fixture::new()
        .write("content/pages/tthc.md", "+++\ntitle = \"X\"\n+++\n")
        .write("content/pages/Liên Hệ.md", "+++\ntitle = \"Y\"\n+++\n");
    let problems = site.build_errors();
    find(&problems, "taken by generated pages");
    find(&problems, "page file names must be lower-case ASCII");
}

#[test]
fn repealed_status_needs_its_date_and_replacement() {
    let front = base().replace(
        "online = \"none\"",
        "online = \"none\"\nstatus = \"replaced\"",
    );
    let (site, _) = with_front(&front);
    let problems = site.build_errors();
    find(&problems, "needs replaced_by");
    find(&problems, "needs repealed_on");
}

#[test]
fn base_url_must_be_absolute() {
    let config = common::CONFIG.replace("https://tthc.example.gov.vn/", "tthc.example.gov.vn");
    let site = Fixture::new().write("congkhai.toml", &config);
    let problems = site.build_errors();
    assert_at(
        find(&problems, "not an absolute URL"),
        "congkhai.toml",
        &config,
        "\"tthc.example.gov.vn\"",
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_exactly_as_it_was() {
    let site = Fixture::new();
    site.build_ok();
    let before = tree(&site.output());
    let site = site.procedure("1.000001", &base().replace("field = ", "feild = "), "");
    site.build_errors();
    assert_eq!(tree(&site.output()), before, "the previous site changed");
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_template_error_fails_the_build_without_touching_the_site() {
    let site = Fixture::new();
    site.build_ok();
    let before = tree(&site.output());
    let site = site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ nothing.here }}{% endblock main %}",
    );
    let problems = site.build_errors();
    find(&problems, "404.html");
    assert_eq!(tree(&site.output()), before);
}

#[test]
fn the_command_line_prints_file_line_column_and_exits_1() {
    let (site, text) = with_front(&base().replace("field = ", "feild = "));
    let out = site.run(&["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (line, column) = common::position(&text, "feild");
    let expected = format!("error: {FILE}:{line}:{column}: unknown field `feild`");
    assert!(stderr.contains(&expected), "stderr was:\n{stderr}");
    assert!(stderr.contains("Build failed: 1 error"), "{stderr}");
}

#[test]
fn the_command_line_exits_0_on_success_and_2_when_it_cannot_write() {
    let site = Fixture::new();
    let ok = site.run(&["build"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("Built 1 procedures"));
    let refused = site.run(&["build", "--output", "."]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("refusing to write the site"));
    assert!(
        site.root().join("congkhai.toml").is_file(),
        "the site root survived"
    );
}

#[test]
fn a_folder_that_is_not_a_site_says_so() {
    let site = Fixture::empty();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("congkhai.toml"));
}

#[test]
fn a_static_file_cannot_replace_a_generated_page() {
    let site = Fixture::new().write("static/tthc/index.html", "<p>khác</p>");
    let problems = site.build_errors();
    let p = find(&problems, "would be written twice");
    assert_eq!(
        p.location.file.to_str(),
        Some("static/tthc/index.html"),
        "{p}"
    );
}

#[test]
fn warnings_are_reported_and_the_build_goes_on() {
    let front = base().replace("offices = [\"mot-cua-xa\"]\n", "");
    let site = Fixture::new().procedure("1.000001", &front, "");
    let report = site.build_ok();
    let warnings = report.warnings.sorted();
    let w = find(&warnings, "no offices");
    assert_eq!(w.severity, congkhai::diagnostic::Severity::Warning);
    assert_eq!(w.location.file.to_str(), Some(FILE));
    assert!(
        site.page("tthc/1.000001/index.html")
            .contains("Chưa công bố nơi tiếp nhận")
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: content/procedures/1.000001.md:2:8: no offices"),
        "{stderr}"
    );
}

#[test]
fn the_keys_real_records_need_are_checked_where_they_are_written() {
    let front = base().replace(
        "field = \"ho-tich\"\n",
        "field = \"ho-tich\"\nother_fields = [\"ho-tich\", \"khong-co\"]\n",
    ) + r#"
[source]
url = "javascript:alert(1)"

[[documents]]
[[documents.items]]
name = "Bản sao có chứng thực"
kind = "note"
copies = 1
[[documents.items]]
name = "Giấy tờ chứng minh"
sub = true
one_of = true
"#;
    let (site, text) = with_front(&front);
    let errors = site.build_errors();
    let file = "content/procedures/1.000001.md";
    assert_at(
        find(&errors, "other_fields repeats `field`"),
        file,
        &text,
        "\"ho-tich\", \"khong",
    );
    find(&errors, "unknown field `khong-co`");
    assert_at(find(&errors, "source.url:"), file, &text, "\"javascript:");
    assert_at(
        find(&errors, "has counts"),
        file,
        &text,
        "\"Bản sao có chứng thực\"",
    );
    assert_at(
        find(&errors, "marked `sub`"),
        file,
        &text,
        "\"Giấy tờ chứng minh\"",
    );
    find(&errors, "`one_of` belongs on a heading row");
    // A decision known by its number alone, an unknown online level, a fee without kind and
    // a time limit without unit are accepted: national records are like that.
    let front = base().replace("online = \"none\"", "online = \"unknown\"")
        + "\n[[decisions]]\nnumber = \"163/QĐ-BTP\"\n";
    assert!(front.contains("time_limit = { amount = 3"), "{front}");
    let front = front.replace(
        "time_limit = { amount = 3, unit = \"ngay-lam-viec\" }\nfees = [{ kind = \"le-phi\", amount = 50000 }]",
        "time_limit = { amount = 7 }\nfees = [{ amount = 8000, unit = \"bản\" }]",
    );
    let (site, _) = with_front(&front);
    site.build_ok();
    let page = site.page("tthc/1.000001/index.html");
    assert!(page.contains("163/QĐ-BTP"));
    assert!(page.contains("7 (nguồn không ghi đơn vị)"), "{page}");
    assert!(page.contains("8.000\u{a0}đồng/bản"));
    assert!(page.contains("Chưa công bố mức độ dịch vụ công trực tuyến"));
}
