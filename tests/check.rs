//! `congkhai check`: what `build` finds plus links, anchors and offices without hours,
//! reported without writing anything, with exit codes and JSON for editors and CI.

mod common;

use common::{Fixture, procedure_file, procedure_front};

const FILE: &str = "content/procedures/1.000001.md";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_clean_site_passes_and_nothing_is_written() {
    // The province's own domain: the starter's example host is a warning.
    let site = Fixture::new()
        .edit("congkhai.toml", "tthc.example.gov.vn", "tthc.thu.gov.vn")
        .write(
            "content/catalog/fields.toml",
            "[[field]]\nkey = \"ho-tich\"\nname = \"Hộ tịch\"\n",
        );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("no problems"), "{}", stderr(&out));
    assert!(!site.output().exists(), "check wrote the site");
}

#[test]
fn a_missing_anchor_in_content_is_an_error_where_it_was_written() {
    let text = procedure_file(
        &procedure_front("1.000001", "Đăng ký khai sinh"),
        "Xem [hồ sơ](/tthc/1.000001/#khong-co).\n\nXem [các bước](#cac-buoc).\n",
    );
    let site = Fixture::new().write(FILE, &text);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let (line, column) = common::position(&text, "[hồ sơ]");
    let expected = format!(
        "error: {FILE}:{line}:{column}: link `/tthc/1.000001/#khong-co`: the page /tthc/1.000001/ has no anchor `#khong-co`"
    );
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("#cac-buoc`"),
        "an existing anchor is fine"
    );
    assert!(stderr(&out).contains(": 1 error"), "{}", stderr(&out));
    // `build` does not render to check anchors; `check` does.
    assert!(site.build().is_ok());
}

#[test]
fn a_broken_link_in_a_template_is_found() {
    let site = Fixture::new().write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<a href=\"{{ site.base_path }}khong-co/\">x</a>{% endblock main %}",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`/khong-co/` leads to no page or file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_office_without_hours_is_a_warning_and_strict_makes_it_fail() {
    let offices = common::OFFICES.replace(
        "hours = [{ days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], opens = \"07:00\", closes = \"11:30\" }]\n",
        "",
    );
    let site = Fixture::new().write("content/catalog/offices.toml", &offices);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("office `mot-cua-xa` has no opening hours"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.run(&["check", "--strict"]).status.code(), Some(1));
}

#[test]
fn json_output_lists_every_problem_with_its_position() {
    let text = procedure_file(
        &procedure_front("1.000001", "X").replace("field = ", "feild = "),
        "",
    );
    let site = Fixture::new().write(FILE, &text);
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(report["errors"], 1);
    let problem = &report["problems"][0];
    let (line, column) = common::position(&text, "feild");
    assert_eq!(problem["file"], FILE);
    assert_eq!(problem["line"], line);
    assert_eq!(problem["column"], column);
    assert_eq!(problem["severity"], "error");
}

#[test]
fn the_offending_line_is_shown_with_a_caret() {
    let text = procedure_file(
        &procedure_front("1.000001", "X").replace("levels = [\"xa\"]", "levels = [\"quan\"]"),
        "",
    );
    let site = Fixture::new().write(FILE, &text);
    let err = stderr(&site.run(&["check"]));
    assert!(err.contains("levels = [\"quan\"]\n"), "{err}");
    assert!(err.contains("^^^^^^"), "caret under the key: {err}");
    assert!(!err.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn a_folder_that_does_not_exist_cannot_be_checked() {
    let site = Fixture::new();
    assert_eq!(
        site.run(&["check", "--root", "khong-co"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_warning_repeated_many_times_is_summarised_in_the_terminal_and_kept_in_json() {
    let mut site = Fixture::new();
    for i in 2..=7 {
        let code = format!("1.00000{i}");
        let front = procedure_front(&code, &format!("Thủ tục {i}"))
            .replace("offices = [\"mot-cua-xa\"]\n", "");
        site = site.procedure(&code, &front, "");
    }
    let out = site.run(&["check"]);
    let text = stderr(&out);
    assert_eq!(
        text.matches("no offices: the page cannot say").count(),
        3,
        "{text}"
    );
    assert!(
        text.contains("… and 3 more warnings like this one"),
        "{text}"
    );
    let json = site.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let all = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["message"].as_str().unwrap().starts_with("no offices"))
        .count();
    assert_eq!(all, 6, "JSON keeps every one");
}

#[test]
fn check_takes_the_day_build_publishes_for() {
    let front = procedure_front("1.000001", "Đăng ký khai sinh").replacen(
        "updated = 2025-07-15\n",
        "updated = 2025-07-15\neffective = 2026-03-01\n",
        1,
    );
    let site = Fixture::new()
        .edit("congkhai.toml", "tthc.example.gov.vn", "tthc.thu.gov.vn")
        .write(
            "content/catalog/fields.toml",
            "[[field]]\nkey = \"ho-tich\"\nname = \"Hộ tịch\"\n",
        )
        .write(FILE, &procedure_file(&front, "Khai sinh.\n"));
    // Before the day, the field's only procedure is announced, not in force: nothing to post.
    let before = site.run(&["check", "--date", "2026-02-28"]);
    assert!(
        stderr(&before).contains("field `ho-tich` has no procedure in force"),
        "{}",
        stderr(&before)
    );
    let on = site.run(&["check", "--date", "2026-03-01"]);
    assert_eq!(on.status.code(), Some(0), "{}", stderr(&on));
    assert!(stderr(&on).contains("no problems"), "{}", stderr(&on));
    let wrong = site.run(&["check", "--date", "2026-02-30"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("is not a day written YYYY-MM-DD"));
}

/// Issue 29: `[deploy] host` names where the site is published; a small site is within
/// every host's limits, and a host congkhai does not know is an error where it is written.
#[test]
fn the_deploy_host_is_read_and_checked() {
    let site = Fixture::new().edit(
        "congkhai.toml",
        "[[hotlines]]",
        "[deploy]\nhost = \"cloudflare\"\n\n[[hotlines]]",
    );
    let report = site.build_ok();
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.message.contains("Cloudflare")),
        "{:?}",
        report.warnings
    );
    let site = Fixture::new().edit(
        "congkhai.toml",
        "[[hotlines]]",
        "[deploy]\nhost = \"geocities\"\n\n[[hotlines]]",
    );
    let errors = site.build_errors();
    let wrong = common::find(&errors, "geocities");
    assert_eq!(wrong.location.line, Some(6), "{wrong}");
}

/// Issue 29: a procedure file copied to a new name, not yet edited, gives the two errors
/// that say what to do, both at the copy — not also every page it would write twice.
#[test]
fn a_copied_procedure_file_gives_only_the_errors_that_matter() {
    let text =
        std::fs::read_to_string(Fixture::new().root().join("content/procedures/1.000001.md"))
            .unwrap();
    let site = Fixture::new().write("content/procedures/1.000099.md", &text);
    let out = site.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| format!("{} {}", p["file"], p["message"]))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().all(|e| e.contains("1.000099.md")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("does not match the file name"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("duplicate procedure code"))
    );
}

/// Issue 29: a date written the Vietnamese way says the form TOML reads, where it is.
#[test]
fn a_date_written_wrong_shows_the_form_expected() {
    let front = common::procedure_front("1.000001", "Đăng ký khai sinh")
        .replace("updated = 2025-07-15", "updated = \"15/07/2025\"");
    let site = Fixture::new().procedure("1.000001", &front, "Khai sinh.\n");
    let errors = site.build_errors();
    let date = common::find(&errors, "write a date as year-month-day without quotes");
    assert!(date.message.contains("`updated = 2025-07-15`"), "{date}");
    assert_eq!(date.location.line, Some(11), "{date}");
}
