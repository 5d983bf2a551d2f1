//! Messages in the editors' language: the binary speaks Vietnamese by default (problems,
//! summaries, help), English with `LANG=en…`, `CONGKHAI_LANG=en` or `--lang en`; a date
//! written the Vietnamese way says the form to write it in, in both; `--format json` keeps
//! the code's English for tools.

mod common;

use common::Fixture;
use std::process::{Command, Output};

/// Runs the binary in `site` with no language set but what `env` says.
fn run(site: &Fixture, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_congkhai"));
    for name in ["LANG", "LC_ALL", "LC_MESSAGES", "CONGKHAI_LANG"] {
        command.env_remove(name);
    }
    command
        .envs(env.iter().copied())
        .args(args)
        .current_dir(site.root())
        .output()
        .expect("run congkhai")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A site whose procedure has its date written the Vietnamese way and a misspelt key.
fn broken() -> Fixture {
    Fixture::new()
        .edit(
            "content/procedures/1.000001.md",
            "updated = 2025-07-15",
            "updated = \"15/07/2025\"",
        )
        .edit("content/catalog/offices.toml", "address = ", "adress = ")
}

#[test]
fn problems_and_summaries_are_in_vietnamese_by_default() {
    let site = broken();
    let out = run(&site, &[], &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(
        said.contains("lỗi: content/procedures/1.000001.md:")
            && said.contains(
                "ngày \"15/07/2025\" đang viết như một chuỗi chữ: viết ngày theo dạng năm-tháng-ngày, không có dấu ngoặc kép, ví dụ `updated = 2025-07-15`"
            ),
        "{said}"
    );
    assert!(
        said.contains("không có khóa `adress` (có phải bạn muốn viết `address`?)"),
        "{said}"
    );
    assert!(said.contains("Dựng không thành công: 2 lỗi"), "{said}");
    assert!(!said.contains("error:"), "{said}");
    // A locale that is not English (C, Vietnamese) is Vietnamese too.
    let c = run(&site, &[("LANG", "C.UTF-8")], &["check"]);
    assert!(stderr(&c).contains("Đã kiểm tra ."), "{}", stderr(&c));
    // Fixed, the summary says what was built.
    let fixed = Fixture::new();
    let ok = run(&fixed, &[], &["build"]);
    assert!(
        stdout(&ok).starts_with("Đã dựng 1 thủ tục"),
        "{}",
        stdout(&ok)
    );
}

#[test]
fn english_on_request_from_the_locale_the_variable_or_the_flag() {
    let site = broken();
    for (env, args) in [
        (vec![("LANG", "en_US.UTF-8")], vec!["build"]),
        (vec![("CONGKHAI_LANG", "en")], vec!["build"]),
        (vec![("LANG", "vi_VN.UTF-8")], vec!["build", "--lang", "en"]),
    ] {
        let out = run(&site, &env, &args);
        let said = stderr(&out);
        assert!(
            said.contains(
                "error: content/procedures/1.000001.md:"
            ) && said.contains(
                "invalid type: string \"15/07/2025\", expected a TOML datetime: write a date as year-month-day without quotes, e.g. `updated = 2025-07-15`"
            ),
            "{env:?} {args:?}: {said}"
        );
        assert!(said.contains("Build failed: 2 errors"), "{said}");
    }
    // `--lang vi` wins over an English locale.
    let out = run(
        &site,
        &[("LANG", "en_US.UTF-8")],
        &["check", "--lang", "vi"],
    );
    assert!(stderr(&out).contains("lỗi: "), "{}", stderr(&out));
}

#[test]
fn help_is_in_vietnamese_by_default() {
    let site = Fixture::new();
    let out = run(&site, &[], &["build", "--help"]);
    let help = stdout(&out);
    assert!(
        help.contains("Dựng trang thành một thư mục tệp tĩnh."),
        "{help}"
    );
    assert!(help.contains("Cách dùng: congkhai build"), "{help}");
    assert!(
        help.contains("Thư mục gốc của trang (nơi có congkhai.toml). [mặc định: .]"),
        "{help}"
    );
    assert!(
        !help.contains("Usage") && !help.contains("[default"),
        "{help}"
    );
    let en = run(&site, &[("LANG", "en_GB.UTF-8")], &["build", "--help"]);
    assert!(stdout(&en).contains("Build the site into a folder of static files"));
}

#[test]
fn a_mistyped_command_or_date_is_answered_in_vietnamese() {
    let site = Fixture::new();
    let out = run(&site, &[], &["biuld"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("lỗi: không có lệnh `biuld`"),
        "{}",
        stderr(&out)
    );
    let out = run(&site, &[], &["build", "--date", "15/07/2025"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`15/07/2025` không phải là ngày viết theo dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2025-07-15"),
        "{}",
        stderr(&out)
    );
    let en = run(
        &site,
        &[("LANG", "en_US.UTF-8")],
        &["build", "--date", "15/07/2025"],
    );
    assert!(
        stderr(&en).contains("`15/07/2025` is not a day written YYYY-MM-DD"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn json_keeps_the_code_s_english_for_tools() {
    let site = broken();
    let out = run(&site, &[], &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("invalid type: string \"15/07/2025\"")),
        "{messages:?}"
    );
}
