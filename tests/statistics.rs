//! Published statistics: counts in, honest indicator pages out. Every computation shown on
//! the pages, every error and warning with its file:line, and the open-data downloads.

mod common;

use common::{Fixture, assert_at, find};

const FILE: &str = "content/statistics/2025-q1.toml";

const QUARTER: &str = r#"[period]
kind = "quarter"
start = 2025-01-01
end = 2025-03-31
source = "Báo cáo thử"

[[scope]]
[scope.counts]
received_online_full = 300
received_in_person = 500
resolved_early = 600
resolved_late = 4
late_apologized = 4
pending = 196
ratings_total = 0
ratings_satisfied = 0

[[scope]]
level = "xa"
[scope.counts]
received_online = 776
received = 804
[scope.published]
truc-tuyen = 96.52
"#;

const TARGETS: &str = r#"[[target]]
indicator = "truc-tuyen"
year = 2025
level = "xa"
value = 90
source = "Kế hoạch thử"

[[target]]
indicator = "truc-tuyen"
year = 2025
value = 40
"#;

fn site(quarter: &str) -> Fixture {
    Fixture::new()
        .write(FILE, quarter)
        .write("content/statistics/targets.toml", TARGETS)
}

#[test]
fn rates_show_their_counts_targets_and_nothing_made_up() {
    let site = site(QUARTER);
    let report = site.build_ok();
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.location.file.starts_with("content/statistics")),
        "{:?}",
        report.warnings.sorted()
    );
    let html = site.page("thong-ke/2025-q1/index.html");
    // Online 300 of 800 received, against a province-wide target of 40 %.
    assert!(html.contains("37,50\u{a0}%"), "{html}");
    assert!(html.contains("(300/800)"));
    assert!(html.contains("Chưa đạt (thiếu 2,50 điểm %)"));
    // On time: 600 of 604; apologies 4 of 4.
    assert!(html.contains("99,34\u{a0}%") && html.contains("(600/604)"));
    assert!(html.contains("100,00\u{a0}%") && html.contains("(4/4)"));
    // Ratings 0 of 0: nothing occurred, never 0 % or 100 %.
    assert!(html.contains("Không phát sinh"));
    // The commune level: the seed figure, and its own target.
    assert!(html.contains("96,52\u{a0}%") && html.contains("(776/804)"));
    assert!(html.contains("Đạt (vượt 6,52 điểm %)"));
    // Counts as published, totals derived from parts marked as such.
    assert!(html.contains("cộng từ các thành phần"));
    // Indicators without data are left out rather than shown as zero.
    assert!(!html.contains("Tỷ lệ thanh toán trực tuyến"));
}

#[test]
fn the_overview_trend_scope_and_downloads_are_built() {
    let site = site(QUARTER);
    site.build_ok();
    for page in [
        "thong-ke/index.html",
        "thong-ke/xu-huong/index.html",
        "thong-ke/toan-tinh/index.html",
        "thong-ke/cap/xa/index.html",
        "thong-ke/chi-so/index.html",
    ] {
        let html = site.page(page);
        assert!(html.contains("<h1>"), "{page}");
    }
    let trend = site.page("thong-ke/xu-huong/index.html");
    assert!(
        trend.contains("<svg class=\"chart\""),
        "charts are inline SVG"
    );
    assert!(trend.contains("<table>"), "each chart has its table");
    assert!(
        site.page("index.html")
            .contains("href=\"/thong-ke/\">Thống kê</a>")
    );
    let csv = site.page("thong-ke/2025-q1/so-lieu.csv");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let commune: Vec<&str> = lines
        .find(|l| l.contains(",level,xa,"))
        .unwrap()
        .split(',')
        .collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(commune[column("received")], "804");
    assert_eq!(commune[column("rate_truc-tuyen")], "96.52");
    assert_eq!(commune[column("published_truc-tuyen")], "96.52");
    let json: serde_json::Value =
        serde_json::from_str(&site.page("thong-ke/so-lieu.json")).unwrap();
    let scope = &json["periods"][0]["scopes"][0];
    assert_eq!(scope["rates"]["hai-long"]["status"], "not-occurred");
    assert_eq!(scope["rates"]["truc-tuyen"]["numerator"], 300);
    assert_eq!(json["targets"].as_array().unwrap().len(), 2);
}

#[test]
fn counts_must_not_be_negative() {
    let text = QUARTER.replace("received_in_person = 500", "received_in_person = -5");
    let problems = site(&text).build_errors();
    assert_at(
        find(&problems, "count `received_in_person` is negative"),
        FILE,
        &text,
        "-5",
    );
}

#[test]
fn counts_must_be_whole_numbers() {
    let text = QUARTER.replace("resolved_late = 4", "resolved_late = 4.5");
    let problems = site(&text).build_errors();
    let p = find(&problems, "expected a whole number");
    assert_at(p, FILE, &text, "4.5");
}

#[test]
fn unknown_count_keys_and_scopes_are_errors_with_hints() {
    let text = QUARTER
        .replace("resolved_early = 600", "resolvd_early = 600")
        .replace("level = \"xa\"", "level = \"phuong\"");
    let problems = site(&text).build_errors();
    let key = find(&problems, "unknown count `resolvd_early`");
    assert_at(key, FILE, &text, "resolvd_early");
    assert!(key.message.contains("did you mean `resolved_early`?"));
    assert_at(
        find(&problems, "unknown level `phuong`"),
        FILE,
        &text,
        "\"phuong\"",
    );
}

#[test]
fn an_indicator_must_refer_to_known_counts() {
    let indicators = "[[indicator]]\nkey = \"dung-han\"\nlabel = \"Đúng hạn\"\nnumerator = [\"resolved_ontime\"]\ndenominator = [\"resolved\"]\n";
    let problems = site(QUARTER)
        .write("content/statistics/indicators.toml", indicators)
        .write("content/statistics/targets.toml", "")
        .build_errors();
    let p = find(&problems, "unknown count `resolved_ontime`");
    assert_at(
        p,
        "content/statistics/indicators.toml",
        indicators,
        "\"resolved_ontime\"",
    );
}

#[test]
fn targets_and_published_rates_must_name_known_indicators() {
    let text = QUARTER.replace("truc-tuyen = 96.52", "truc-tuyn = 96.52");
    let problems = site(&text).build_errors();
    let p = find(&problems, "unknown indicator `truc-tuyn`");
    assert!(p.message.contains("did you mean `truc-tuyen`?"), "{p}");
}

#[test]
fn overlapping_periods_of_one_kind_are_errors() {
    let overlapping = QUARTER.replace(
        "start = 2025-01-01\nend = 2025-03-31",
        "start = 2025-03-01\nend = 2025-05-31",
    );
    let problems = site(QUARTER)
        .write("content/statistics/2025-q2.toml", &overlapping)
        .build_errors();
    let p = find(&problems, "overlaps period `2025-q1`");
    assert_eq!(
        p.location.file.to_str(),
        Some("content/statistics/2025-q2.toml")
    );
}

#[test]
fn a_part_larger_than_its_whole_is_an_error() {
    let text = QUARTER
        .replace("late_apologized = 4", "late_apologized = 9")
        .replace("received = 804", "received = 700");
    let problems = site(&text).build_errors();
    assert_at(
        find(&problems, "late_apologized = 9 is larger than its whole"),
        FILE,
        &text,
        "late_apologized",
    );
    assert_at(
        find(
            &problems,
            "parts of `received` add up to 776, more than its 700",
        ),
        FILE,
        &text,
        "received = 700",
    );
}

#[test]
fn stock_flow_and_published_rate_mismatches_are_warnings_with_their_place() {
    let text = QUARTER
        .replace("pending = 196", "pending = 150")
        .replace("truc-tuyen = 96.52", "truc-tuyen = 95.1");
    let site = site(&text);
    let report = site.build_ok();
    let warnings = report.warnings.sorted();
    assert_at(
        find(&warnings, "= 196, but pending is 150"),
        FILE,
        &text,
        "pending = 150",
    );
    assert_at(
        find(&warnings, "published truc-tuyen 95.1 % disagrees"),
        FILE,
        &text,
        "95.1",
    );
    let html = site.page("thong-ke/2025-q1/index.html");
    assert!(
        html.contains("Số liệu chưa nhất quán"),
        "the page says so too"
    );
}

#[test]
fn the_sample_site_shows_the_seed_figures() {
    let (_dir, out, _) = common::build_sample();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let phu_tan = read("thong-ke/2024-phu-tan/index.html");
    assert!(phu_tan.contains("96,52\u{a0}%") && phu_tan.contains("(776/804)"));
    assert!(
        phu_tan.contains("nhưng số đang giải quyết báo cáo là 68"),
        "the real inconsistency is shown"
    );
    let y2023 = read("thong-ke/2023/index.html");
    assert!(
        y2023.contains("99,99\u{a0}%") && y2023.contains("(70.515/70.516)"),
        "never rounded up to 100 %"
    );
    assert!(y2023.contains("(102.471/102.589)") && y2023.contains("(133.502/133.584)"));
    let y2022 = read("thong-ke/2022/index.html");
    assert!(y2022.contains("(42.839/82.015)"));
    let indices = read("thong-ke/chi-so/index.html");
    assert!(
        indices.contains("89,33\u{a0}%")
            && indices.contains("20/63")
            && indices.contains("tăng 14 bậc")
    );
    assert!(indices.contains("86,42\u{a0}%") && indices.contains("12/63"));
    let campaign = read("thong-ke/chien-dich-2023/index.html");
    assert!(campaign.contains("82,81\u{a0}%") && campaign.contains("Tỷ lệ do nguồn công bố"));
}
