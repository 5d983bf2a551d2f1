//! `congkhai import RECORDS`: the shared national records import into a site that builds,
//! every fee, time limit, legal number and result code reaches its page, a second import
//! changes nothing, `--update` keeps what the province added, and bad input is refused with
//! the file named and nothing written.

mod common;

use common::{Fixture, nfc, page_text};
use congkhai::national::{self, NationalError, Options};
use std::path::{Path, PathBuf};

fn shared_records() -> Option<PathBuf> {
    common::shared_data("dvcqg-records")
}

fn options(root: &Path, records: &Path, update: bool) -> Options {
    Options {
        root: root.to_path_buf(),
        source: records.to_path_buf(),
        update,
        today: congkhai::date::Date {
            year: 2026,
            month: 12,
            day: 2,
        },
        levels: Vec::new(),
    }
}

/// Runs of digits and commas directly before a currency word: "50,000 Việt Nam Đồng".
fn amounts(section: &str) -> Vec<String> {
    let mut out = Vec::new();
    for currency in ["Việt Nam Đồng", "VNĐ"] {
        for (at, _) in section.match_indices(currency) {
            let before = section[..at].trim_end();
            let digits: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !digits.is_empty() {
                out.push(digits.replace(',', ""));
            }
        }
    }
    out
}

/// "12 Ngày làm việc" → (12, "ngày làm việc").
fn time_limits(section: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for unit in ["Ngày làm việc", "Ngày"] {
        for (at, _) in section.match_indices(&format!(" {unit}")) {
            let digits: String = section[..at]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !digits.is_empty() && !section[at + unit.len() + 1..].starts_with(" làm việc") {
                out.push((digits, unit.to_lowercase()));
            }
        }
    }
    out
}

/// `NN/YYYY/SIGN` with the sign's letters only: a prefix of every legal number as written.
fn legal_numbers(section: &str) -> Vec<String> {
    let chars: Vec<char> = section.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let year: String = chars[j..].iter().take(6).collect();
        if !(year.starts_with('/')
            && year[1..5].chars().all(|c| c.is_ascii_digit())
            && year.ends_with('/'))
        {
            continue;
        }
        let mut k = j + 6;
        while k < chars.len() && (chars[k].is_uppercase() || chars[k] == '-') {
            k += 1;
        }
        let number: String = chars[i..k].iter().collect();
        let number = number.trim_end_matches('-');
        if number.len() > j - i + 6 + 1 {
            // A capital glued after the sign starts the next title.
            let trimmed: String = if chars.get(k).is_some_and(|c| c.is_lowercase()) {
                let mut n = number.to_string();
                n.pop();
                n
            } else {
                number.to_string()
            };
            out.push(trimmed);
        }
    }
    out
}

/// Result codes after "Mã:", up to a space or the next name's first word.
fn result_codes(section: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in section.match_indices("Mã:") {
        let rest = section[at + "Mã:".len()..].trim_start();
        let chars: Vec<char> = rest.chars().collect();
        let mut code = String::new();
        for (n, c) in chars.iter().enumerate() {
            let word_start = c.is_uppercase() && chars.get(n + 1).is_some_and(|d| d.is_lowercase());
            if !(c.is_alphanumeric() || ".-_/".contains(*c)) || (n > 0 && word_start) {
                break;
            }
            code.push(*c);
        }
        if !code.is_empty() {
            out.push(code);
        }
    }
    out
}

#[test]
fn every_shared_record_imports_and_its_figures_reach_its_page() {
    let Some(records) = shared_records() else {
        return;
    };
    let site = Fixture::new();
    let report = national::import(&options(site.root(), &records, false)).expect("import");
    assert_eq!(report.created.len() + report.unchanged.len(), 274);
    let build = site.build_ok();
    assert_eq!(
        build.procedures, 275,
        "the 274 records and the fixture's own 1.000001"
    );
    let qr: Vec<String> = build
        .warnings
        .sorted()
        .iter()
        .filter(|d| d.message.contains("QR code"))
        .map(ToString::to_string)
        .collect();
    assert!(qr.is_empty(), "invented keys keep QR codes small: {qr:?}");
    let (mut fees, mut limits, mut numbers, mut codes) = (0, 0, 0, 0);
    for entry in walkdir::WalkDir::new(&records) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "json") {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        let section = |key: &str| nfc(json[key].as_str().unwrap_or_default());
        let code = json["ma_thu_tuc"].as_str().unwrap();
        if code == "1.000001" {
            continue;
        }
        let page = page_text(&site.page(&format!("tthc/{code}/index.html")));
        let channels = section("cach_thuc_thuc_hien");
        for amount in amounts(&channels) {
            // Digits glued to a time limit without unit ("1200 VNĐ": 1 and 200 đồng) are
            // shown split, or kept as written when more than one split fits.
            let shown = (0..amount.len()).any(|at| {
                let n: u64 = amount[at..].parse().unwrap_or(0);
                n > 0 && page.contains(&congkhai::vi::money(n).replace('\u{a0}', " "))
            }) || page.contains(&format!("{amount} VNĐ"));
            assert!(shown, "{code}: fee {amount} is not on the page");
            fees += 1;
        }
        for (n, unit) in time_limits(&channels) {
            let n: u64 = n.parse().unwrap();
            let shown = format!("{} {unit}", congkhai::vi::number(n));
            assert!(
                page.contains(&shown),
                "{code}: time limit `{shown}` is not on the page"
            );
            limits += 1;
        }
        for number in legal_numbers(&section("can_cu_phap_ly")) {
            // "QH13110/2015/QH13": the digits glued to the sign before start this number.
            let shown = (0..number.find('/').unwrap_or(0)).any(|at| page.contains(&number[at..]));
            assert!(shown, "{code}: legal document {number} is not on the page");
            numbers += 1;
        }
        let results = section("ket_qua_xu_ly");
        for result in result_codes(&results) {
            assert!(
                page.contains(&result),
                "{code}: result code {result} is not on the page"
            );
            codes += 1;
        }
        assert!(
            !page.contains("Chọn cơ quan thực hiện"),
            "{code}: portal screen text on the page"
        );
    }
    println!(
        "checked on pages: {fees} fees, {limits} time limits, {numbers} legal numbers, {codes} result codes"
    );
    reads_whole(&site, &records);
    assert!(
        fees >= 266 && limits >= 553 && numbers >= 3000 && codes >= 320,
        "the checks ran over every record"
    );
}

/// The text between `start` (and the end of its tag) and the next `end`, for each.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.match_indices(start)
        .filter_map(|(at, _)| {
            let rest = &html[at..];
            let open = rest.find('>')? + 1;
            let close = rest[open..].find(end)?;
            Some(&rest[open..open + close])
        })
        .collect()
}

fn unescape(text: &str) -> String {
    nfc(&text
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&"))
}

/// On every imported record's page: the heading is the whole name (less a leading "Thủ
/// tục"); no time limit or fee of the summary is cut ("…", an open bracket); a time limit the
/// source gives without its unit and a fee both free and charged read "chưa rõ" with the
/// hotline; a long page lists its sections; every document of the record is on the page
/// (reordering loses none).
fn reads_whole(site: &Fixture, records: &Path) {
    let (mut pages, mut shortened, mut unclear, mut contents, mut documents) = (0, 0, 0, 0, 0);
    for entry in walkdir::WalkDir::new(records) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "json") {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        let code = json["ma_thu_tuc"].as_str().unwrap();
        let html = site.page(&format!("tthc/{code}/index.html"));
        let h1 = unescape(between(&html, "<h1", "</h1>")[0]);
        let name = nfc(json["ten_thu_tuc"].as_str().unwrap());
        assert!(!h1.ends_with('…'), "{code}: heading cut: {h1}");
        if h1 != congkhai::vi::plain_name(&name) {
            // The record holding another procedure keeps the catalogue's name.
            assert!(
                html.contains("Tên đầy đủ") || code == "2.001035",
                "{code}: heading `{h1}` is not the name `{name}`"
            );
        }
        if h1 != name {
            shortened += 1;
        }
        let glance = between(&html, "<section aria-labelledby=\"tom-tat\"", "</section>")[0];
        for fact in between(glance, "data-fact=\"time\"", "</span>")
            .into_iter()
            .chain(between(glance, "data-fact=\"fee\"", "</span>"))
        {
            let fact = unescape(fact);
            assert!(!fact.ends_with('…'), "{code}: `{fact}` is cut");
            assert_eq!(
                fact.matches('(').count(),
                fact.matches(')').count(),
                "{code}: `{fact}` is cut inside its brackets"
            );
            assert!(
                !fact.contains("không ghi đơn vị") || fact.contains("chưa rõ"),
                "{code}: `{fact}` shows a number without its unit as a fact"
            );
        }
        if glance.contains("chưa rõ (") {
            assert!(
                glance.contains("data-fact=\"unclear\""),
                "{code}: unclear without the hotline"
            );
            unclear += 1;
        }
        let words = page_text(&html).split_whitespace().count();
        if words > 1_500 {
            assert!(
                html.contains("class=\"contents\""),
                "{code}: {words} words and no contents list"
            );
            contents += 1;
        }
        // Every row of the file but its notes is on the page, whatever the order.
        let file = walkdir::WalkDir::new(site.root().join("content/procedures"))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n == format!("{code}.md").as_str())
            })
            .unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let rows =
            text.matches("[[documents.items]]").count() - text.matches("kind = \"note\"").count();
        let listed = html.matches("class=\"doc-name\"").count();
        assert_eq!(listed, rows, "{code}: documents on the page");
        documents += listed;
        pages += 1;
    }
    println!(
        "read whole: {pages} pages, {shortened} headings without a leading `Thủ tục`, {unclear} with an unclear fact and the hotline, {contents} long pages with contents, {documents} documents"
    );
    assert!(pages >= 274 && unclear > 0 && contents > 0 && shortened > 0);
}

#[test]
fn importing_the_same_records_twice_changes_nothing() {
    let Some(records) = shared_records() else {
        return;
    };
    let site = Fixture::new();
    national::import(&options(site.root(), &records, false)).unwrap();
    let before = common::tree(site.root());
    let again = national::import(&options(site.root(), &records, false)).unwrap();
    assert!(again.created.is_empty() && again.new_entries.is_empty());
    let update = national::import(&options(site.root(), &records, true)).unwrap();
    assert!(update.updated.is_empty(), "{:?}", update.updated);
    assert_eq!(common::tree(site.root()), before, "no file changed");
}

const RECORD: &str = r#"{
  "ma_thu_tuc": "2.000200",
  "ten_thu_tuc": "Thủ tục cấp bản sao trích lục hộ tịch",
  "so_quyet_dinh": "163/QĐ-BTP",
  "cap_thuc_hien": "Cấp xã",
  "loai_thu_tuc": "",
  "linh_vuc": "Hộ tịch",
  "doi_tuong_thuc_hien": "Công dân Việt Nam, Cán bộ, công chức, viên chức",
  "co_quan_thuc_hien": "Ủy ban nhân dân cấp xã",
  "dia_chi_tiep_nhan": "",
  "thu_tuc_lien_quan": "Không có thông tin",
  "trinh_tu_thuc_hien": "1. Bước 1: Người yêu cầu nộp tờ khai\ntheo mẫu.\n2. Bước 2: Nhận kết quả.",
  "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7Miễn phí",
  "thanh_phan_ho_so": "Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai theo mẫu1 bản chính",
  "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
  "yeu_cau_dieu_kien": "Không có thông tin",
  "ket_qua_xu_ly": "Bản sao trích lụcMã: KQ.G15.000100Từ khóaKhông có thông tin",
  "detail_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x"
}"#;

fn records_dir(site: &Fixture, files: &[(&str, &str)]) -> PathBuf {
    let dir = site.root().join("records");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_record_becomes_a_procedure_that_builds_with_its_quirks_repaired() {
    let site = Fixture::new();
    let dir = records_dir(&site, &[("2.000200.json", RECORD)]);
    let report = national::import(&options(site.root(), &dir, false)).unwrap();
    assert_eq!(report.created, ["2.000200"]);
    let warned = |section: &str| report.warnings.iter().any(|w| w.section == section);
    assert!(
        warned("loai_thu_tuc"),
        "an empty kind is reported: {:?}",
        report.warnings
    );
    site.build_ok();
    let page = page_text(&site.page("tthc/2.000200/index.html"));
    assert!(
        page.contains("Người yêu cầu nộp tờ khai theo mẫu."),
        "line break joined: {page}"
    );
    assert!(!page.contains("Bước 1"), "numbering not doubled");
    assert!(
        page.contains("7 (nguồn không ghi đơn vị)"),
        "a time limit without unit says so"
    );
    assert!(page.contains("Cán bộ, công chức, viên chức"));
    assert!(page.contains("Chưa công bố mức độ dịch vụ công trực tuyến"));
    assert!(page.contains("163/QĐ-BTP") && page.contains("KQ.G15.000100"));
    assert!(!page.contains("Từ khóa"), "portal screen text dropped");
    assert!(
        page.contains("60/2014/QH13 Luật Hộ tịch (Quốc hội)"),
        "{page}"
    );
}

#[test]
fn update_refreshes_the_record_and_keeps_what_the_province_added() {
    let site = Fixture::new();
    let dir = records_dir(&site, &[("2.000200.json", RECORD)]);
    national::import(&options(site.root(), &dir, false)).unwrap();
    let path = site.root().join("content/procedures/2.000200.md");
    let province = std::fs::read_to_string(&path)
        .unwrap()
        .replace("online = \"unknown\"", "online = \"partial\"\nonline_url = \"https://dichvucong.camau.gov.vn/\"\nshort_name = \"Cấp bản sao trích lục\"\nkeywords = [\"trích lục\"]\noffices = [\"mot-cua-xa\"]")
        + "Ghi chú của tỉnh.\n";
    std::fs::write(&path, &province).unwrap();
    let newer = RECORD.replace(
        "Trực tiếp7Miễn phí",
        "Trực tiếp5 Ngày làm việc8,000 Việt Nam Đồng",
    );
    std::fs::write(dir.join("2.000200.json"), newer).unwrap();
    let report = national::import(&options(site.root(), &dir, true)).unwrap();
    assert_eq!(report.updated.len(), 1);
    assert_eq!(
        report.updated[0].1,
        ["channels"],
        "only what changed is reported"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    for kept in [
        "online = \"partial\"",
        "short_name = \"Cấp bản sao trích lục\"",
        "keywords = [\"trích lục\"]",
        "offices = [\"mot-cua-xa\"]",
    ] {
        assert!(text.contains(kept), "`{kept}` kept: {text}");
    }
    assert!(text.ends_with("Ghi chú của tỉnh.\n"));
    assert!(text.contains("amount = 8000"), "{text}");
    site.build_ok();
}

#[test]
fn a_record_whose_name_disagrees_with_the_catalogue_is_reported_not_applied() {
    let site = Fixture::new();
    let other = RECORD.replace("2.000200", "1.000001").replace(
        "Thủ tục cấp bản sao trích lục hộ tịch",
        "Thủ tục đăng ký hoạt động của Trung tâm trọng tài",
    );
    let dir = records_dir(&site, &[("1.000001.json", &other)]);
    let path = site.root().join("content/procedures/1.000001.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let report = national::import(&options(site.root(), &dir, true)).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    assert!(
        report.conflicts[0].contains("Đăng ký khai sinh"),
        "{}",
        report.conflicts[0]
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn the_shared_record_holding_another_procedure_is_caught_against_the_list() {
    let Some(records) = shared_records() else {
        return;
    };
    let list = records.join("../dvcqg-lists/danh-sach-tthc-BoTuPhap.xlsx");
    let site = Fixture::new();
    congkhai::import::import(&congkhai::import::Options {
        root: site.root().to_path_buf(),
        list,
        level: None,
        kind: None,
        update: false,
        today: congkhai::date::Date::today(),
    })
    .unwrap();
    let report = national::import(&options(site.root(), &records, true)).unwrap();
    let codes: Vec<&str> = report
        .conflicts
        .iter()
        .filter_map(|c| c.split(" names ").nth(1)?.split(' ').next())
        .collect();
    assert!(codes.contains(&"1.002544"), "{:#?}", report.conflicts);
    println!("not applied: {:#?}", report.conflicts);
}

/// Runs `congkhai import` on `files` and returns (exit code, stderr); the catalogue must be
/// as it was.
fn refused(files: &[(&str, &str)]) -> String {
    let site = Fixture::new();
    records_dir(&site, files);
    let before = common::tree(&site.root().join("content"));
    let out = site.run(&["import", "records"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Nothing was written."), "{stderr}");
    assert_eq!(
        common::tree(&site.root().join("content")),
        before,
        "nothing written"
    );
    stderr
}

#[test]
fn bad_records_are_refused_with_the_file_named_and_nothing_written() {
    let good = ("2.000200.json", RECORD);
    let stderr = refused(&[
        good,
        (
            "broken.json",
            "{\n  \"ma_thu_tuc\": \"1.000002\",\n  oops\n}",
        ),
    ]);
    assert!(
        stderr.contains("records/broken.json:3:"),
        "line and column: {stderr}"
    );
    let stderr = refused(&[(
        "a.json",
        &RECORD.replace("\"ma_thu_tuc\": \"2.000200\",", ""),
    )]);
    assert!(stderr.contains("a.json: no `ma_thu_tuc`"), "{stderr}");
    let stderr = refused(&[("a.json", &RECORD.replace("2.000200", "TTHC-12"))]);
    assert!(
        stderr.contains("`TTHC-12` is not a national procedure code"),
        "{stderr}"
    );
    let stderr = refused(&[good, ("copy.json", RECORD)]);
    assert!(stderr.contains("code 2.000200 is also in"), "{stderr}");
    let stderr = refused(&[("a.json", "[1, 2]")]);
    assert!(stderr.contains("expected a JSON object"), "{stderr}");
    // Every problem of a run is listed, not only the first.
    let stderr = refused(&[("a.json", "{"), ("b.json", "{\"ten_thu_tuc\": \"x\"}")]);
    assert!(
        stderr.contains("a.json:") && stderr.contains("b.json: no `ma_thu_tuc`"),
        "{stderr}"
    );
}

#[test]
fn json_lines_rows_are_named_and_odd_text_is_accepted() {
    let one_line = |r: &str| r.replace('\n', " ");
    let long_name = "Thủ tục ".to_string() + &"đăng ký hoạt động ".repeat(60);
    let decomposed = "Thu\u{309} tu\u{323}c ca\u{302}\u{301}p ba\u{309}n sao";
    let lines = [
        one_line(RECORD),
        one_line(&RECORD.replace("2.000200", "2.000201").replace("Thủ tục cấp bản sao trích lục hộ tịch", &long_name)),
        one_line(&RECORD.replace("2.000200", "2.000202").replace("Thủ tục cấp bản sao trích lục hộ tịch", decomposed)),
        one_line(&RECORD.replace("2.000200", "2.000203").replace("\"thanh_phan_ho_so\": \"Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai theo mẫu1 bản chính\"", "\"thanh_phan_ho_so\": \"\"")),
    ];
    let site = Fixture::new();
    let text = format!(
        "\u{feff}{}\n\n{}\n",
        lines[..2].join("\n"),
        lines[2..].join("\n")
    );
    std::fs::write(site.root().join("records.jsonl"), text).unwrap();
    let report = national::import(&options(
        site.root(),
        &site.root().join("records.jsonl"),
        false,
    ))
    .unwrap();
    assert_eq!(report.created.len(), 4);
    let empty: Vec<&national::Warning> = report
        .warnings
        .iter()
        .filter(|w| w.section == "thanh_phan_ho_so")
        .collect();
    assert_eq!(empty.len(), 1);
    assert!(
        empty[0].origin.ends_with("records.jsonl:5"),
        "row named: {}",
        empty[0].origin
    );
    let nfc = std::fs::read_to_string(site.root().join("content/procedures/2.000202.md")).unwrap();
    assert!(
        nfc.contains("name = \"Thủ tục cấp bản sao\""),
        "stored as NFC: {nfc}"
    );
    site.build_ok();
    // A broken row names its row.
    std::fs::write(site.root().join("bad.jsonl"), format!("{}\n{{\n", lines[0])).unwrap();
    match national::import(&options(site.root(), &site.root().join("bad.jsonl"), false)) {
        Err(NationalError::Records(problems)) => {
            assert!(problems[0].contains("bad.jsonl:2:"), "{problems:?}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
