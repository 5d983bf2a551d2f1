//! The catalogue as open data, its history, feeds, effective dates and redirects: datasets
//! round-trip, linked data validates against the standards' SHACL shapes, feeds parse as
//! Atom, a build on two days around an effective date differs as the law says, and a renamed
//! catalogue key keeps its old address working.

mod common;

use common::{Fixture, procedure_file, procedure_front};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every procedure code under `content/procedures`.
fn content_codes(root: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(root.join("content/procedures"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_sample_catalogue_round_trips_through_json_json_lines_and_csv() {
    let (_guard, site, _) = common::build_sample();
    let codes = content_codes(&common::sample_root());
    let data = site.join("du-lieu");

    let json = read_json(&data.join("thu-tuc.json"));
    let records = json["procedures"].as_array().unwrap();
    assert_eq!(json["count"], records.len());
    let json_codes: BTreeSet<String> = records
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(json_codes, codes, "every procedure, once");

    let lines: Vec<serde_json::Value> = std::fs::read_to_string(data.join("thu-tuc.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, records, "JSON Lines hold the same records");

    let mut csv = csv::Reader::from_path(data.join("thu-tuc.csv")).unwrap();
    let header = csv.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let csv_codes: BTreeSet<String> = rows.iter().map(|r| r[column("code")].to_string()).collect();
    assert_eq!(csv_codes, codes);
    // The flat row says what the record says.
    let birth = rows
        .iter()
        .find(|r| &r[column("code")] == "1.001193")
        .unwrap();
    let record = records.iter().find(|r| r["code"] == "1.001193").unwrap();
    assert_eq!(&birth[column("name")], record["name"].as_str().unwrap());
    assert_eq!(&birth[column("field_name")], "Hộ tịch");
    assert_eq!(&birth[column("status")], "active");
    assert_eq!(&birth[column("first_published")], "2023-04-12");
    assert_eq!(
        record["history"][1]["note"].as_str().unwrap(),
        "Ủy ban nhân dân cấp xã sau sắp xếp thực hiện; nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã."
    );
    // A replaced procedure says so, and by which.
    let replaced = records.iter().find(|r| r["code"] == "1.001695").unwrap();
    assert_eq!(replaced["status"], "replaced");
    assert_eq!(replaced["replaced_by"], "1.013921");

    // The catalogues: every entry of each file.
    let catalog = read_json(&data.join("danh-muc.json"));
    let root = common::sample_root();
    for (list, file, table) in [
        ("fields", "fields.toml", "field"),
        ("agencies", "agencies.toml", "agency"),
        ("offices", "offices.toml", "office"),
        ("levels", "levels.toml", "level"),
    ] {
        let text = std::fs::read_to_string(root.join("content/catalog").join(file)).unwrap();
        let toml: toml::Table = text.parse().unwrap();
        let declared = toml[table].as_array().unwrap().len();
        assert_eq!(catalog[list].as_array().unwrap().len(), declared, "{list}");
    }
    let office = &catalog["offices"][0];
    assert!(office["hours"].as_array().is_some_and(|h| !h.is_empty()));

    // The page links every download, and the footer links the page.
    let page = std::fs::read_to_string(data.join("index.html")).unwrap();
    for file in [
        "thu-tuc.json",
        "thu-tuc.jsonl",
        "thu-tuc.csv",
        "danh-muc.json",
        "cpsv-ap.jsonld",
        "dcat-ap.jsonld",
        "thu-tuc.schema.json",
    ] {
        assert!(page.contains(&format!("/du-lieu/{file}\"")), "{file}");
        assert!(data.join(file).is_file(), "{file}");
    }
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("href=\"/du-lieu/\">Dữ liệu mở</a>"));
}

/// The Python that has the validators: `CONGKHAI_PYTHON` (set by `.ci/run`), else `python3`
/// if it has them. `None` with the reason printed when neither has.
fn validating_python() -> Option<String> {
    if let Ok(python) = std::env::var("CONGKHAI_PYTHON") {
        return Some(python);
    }
    let has = Command::new("python3")
        .args(["-c", "import pyshacl, jsonschema, feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has {
        Some("python3".to_string())
    } else {
        println!(
            "skipped: no Python with pyshacl, jsonschema and feedparser (bash .ci/run installs them)"
        );
        None
    }
}

/// Runs `tests/opendata/validate.py` on a built site and returns its report.
fn validate(site: &Path) -> Option<String> {
    let standards = common::shared_data("standards")?;
    let python = validating_python()?;
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/opendata/validate.py");
    let out = Command::new(&python)
        .arg(script)
        .arg(site)
        .arg(standards)
        .output()
        .unwrap_or_else(|e| panic!("{python}: {e}"));
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(
        out.status.success(),
        "open data does not validate:\n{report}"
    );
    Some(report)
}

#[test]
fn the_sample_linked_data_has_no_shacl_violation_and_the_records_fit_their_schema() {
    let (_guard, site, _) = common::build_sample();
    if let Some(report) = validate(&site) {
        assert!(report.contains("cpsv-ap.jsonld: ") && report.contains(" 0 violations of cpsv"));
        assert!(report.contains(" 0 violations of dcat"));
        assert!(report.contains(" 0 schema errors"));
    }
}

#[test]
fn the_imported_national_records_validate_too() {
    let Some(site) = common::national_site() else {
        return;
    };
    site.build_ok();
    let data = site.output().join("du-lieu");
    let json = read_json(&data.join("thu-tuc.json"));
    assert_eq!(json["count"], 275, "the 274 records and the fixture's own");
    if let Some(report) = validate(&site.output()) {
        assert!(report.contains(" 0 violations of cpsv"));
        assert!(report.contains(" 0 schema errors"));
    }
}

#[test]
fn every_feed_is_atom_with_unique_entry_ids_linking_existing_pages_newest_first() {
    let (_guard, site, _) = common::build_sample();
    let feeds: Vec<PathBuf> = walkdir::WalkDir::new(&site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "atom.xml")
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(feeds.len() > 3, "the site's, and one per field and office");
    let mut entries = 0;
    for path in &feeds {
        let bytes = std::fs::read(path).unwrap();
        let feed = atom_syndication::Feed::read_from(&bytes[..])
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!feed.title().is_empty() && feed.id().starts_with("https://"));
        assert!(
            !feed.authors().is_empty(),
            "RFC 4287: a feed names its author"
        );
        assert!(feed.links().iter().any(|l| l.rel() == "self"));
        let mut ids = BTreeSet::new();
        let mut previous = None;
        for entry in feed.entries() {
            entries += 1;
            assert!(
                ids.insert(entry.id().to_string()),
                "{}: id twice",
                entry.id()
            );
            let link = entry
                .links()
                .iter()
                .find(|l| l.rel() == "alternate")
                .unwrap();
            let route = link
                .href()
                .strip_prefix("https://tthc.camau.gov.vn/")
                .unwrap();
            assert!(site.join(route).join("index.html").is_file(), "{route}");
            if let Some(newer) = previous {
                assert!(entry.updated() <= &newer, "newest first");
            }
            previous = Some(*entry.updated());
            assert!(entry.updated() <= feed.updated());
        }
    }
    assert!(entries > 0);
    let site_feed = std::fs::read(site.join("thay-doi/atom.xml")).unwrap();
    let feed = atom_syndication::Feed::read_from(&site_feed[..]).unwrap();
    let birth = feed
        .entries()
        .iter()
        .find(|e| e.id().contains("/tthc/1.001193/") && e.title().starts_with("Sửa đổi"))
        .expect("the amendment of 1.001193");
    assert!(birth.summary().unwrap().contains("Quyết định 1520/QĐ-UBND"));
}

/// A site with a procedure in effect from 2026-03-01, one repealed on that day and one that
/// the date does not touch.
/// A procedure's front matter with `keys` at its top level and `tables` at its end.
fn front_with(code: &str, name: &str, keys: &str, tables: &str) -> String {
    let front = procedure_front(code, name).replacen(
        "updated = 2025-07-15\n",
        &format!("updated = 2025-07-15\n{keys}"),
        1,
    );
    format!("{front}\n{tables}")
}

fn dated_site() -> Fixture {
    let upcoming = front_with(
        "1.000002",
        "Đăng ký giám hộ",
        "effective = 2026-03-01\n",
        "",
    );
    let repealed = front_with(
        "1.000003",
        "Đăng ký khai tử",
        "status = \"repealed\"\nrepealed_on = 2026-03-01\n",
        "[[changes]]\ndate = 2026-03-01\nkind = \"repealed\"\nnote = \"Bãi bỏ theo luật mới.\"\n",
    );
    Fixture::new()
        .procedure("1.000002", &upcoming, "Giám hộ.\n")
        .procedure("1.000003", &repealed, "Khai tử.\n")
}

fn build_on(site: &Fixture, day: &str, output: &Path) {
    congkhai::build(&congkhai::BuildOptions {
        root: site.root().to_path_buf(),
        output: output.to_path_buf(),
        force: false,
        date: congkhai::date::Date::parse_iso(day),
    })
    .unwrap_or_else(|e| panic!("{day}: {e:?}"));
}

#[test]
fn a_build_on_either_side_of_an_effective_date_publishes_the_catalogue_of_that_day() {
    let site = dated_site();
    let before = site.root().join("before");
    let after = site.root().join("after");
    build_on(&site, "2026-02-28", &before);
    build_on(&site, "2026-03-01", &after);
    let read = |dir: &Path, file: &str| std::fs::read_to_string(dir.join(file)).unwrap();

    // The procedure in effect from 1 March: announced before, listed from that day.
    let page = read(&before, "tthc/1.000002/index.html");
    assert!(page.contains("Sắp có hiệu lực: áp dụng từ ngày 01/03/2026"));
    for (dir, listed) in [(&before, false), (&after, true)] {
        assert_eq!(
            read(dir, "linh-vuc/ho-tich/index.html").contains("/tthc/1.000002/"),
            listed
        );
        assert_eq!(
            read(dir, "tim-kiem/chi-muc.json").contains("1.000002"),
            listed
        );
        assert_eq!(
            dir.join("ap-phich/tthc/1.000002/index.html").is_file(),
            listed
        );
    }
    assert!(
        read(&before, "thay-doi/index.html").contains("/tthc/1.000002/"),
        "announced"
    );
    assert!(read(&before, "index.html").contains("1 thủ tục sắp có hiệu lực"));
    assert!(!read(&after, "index.html").contains("sắp có hiệu lực"));
    assert!(!read(&after, "tthc/1.000002/index.html").contains("Sắp có hiệu lực"));

    // The repeal: announced before, the page is its tombstone from the day.
    let page = read(&before, "tthc/1.000003/index.html");
    assert!(page.contains("Bãi bỏ từ ngày 01/03/2026."));
    assert!(before.join("ap-phich/tthc/1.000003/index.html").is_file());
    let page = read(&after, "tthc/1.000003/index.html");
    assert!(page.contains("Đã bãi bỏ từ ngày 01/03/2026."));
    assert!(page.contains("Bãi bỏ theo luật mới."));
    assert!(
        !after.join("ap-phich/tthc/1.000003").exists(),
        "no poster once repealed"
    );

    // The data says the same; the day is recorded, so a build is reproducible.
    let status = |dir: &Path, code: &str| {
        let json = read_json(&dir.join("du-lieu/thu-tuc.json"));
        assert_eq!(
            json["as_of"],
            if dir == before {
                "2026-02-28"
            } else {
                "2026-03-01"
            }
        );
        let records = json["procedures"].as_array().unwrap().clone();
        let record = records.into_iter().find(|r| r["code"] == code).unwrap();
        record["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status(&before, "1.000002"), "upcoming");
    assert_eq!(status(&after, "1.000002"), "active");
    assert_eq!(status(&before, "1.000003"), "active");
    assert_eq!(status(&after, "1.000003"), "repealed");
    let feed = read(&after, "thay-doi/atom.xml");
    assert!(feed.contains("<title>Bãi bỏ: Đăng ký khai tử</title>"));
    assert!(!read(&before, "thay-doi/atom.xml").contains("Bãi bỏ: Đăng ký khai tử"));

    // What the date does not touch is byte for byte the same.
    assert_eq!(
        read(&before, "tthc/1.000001/index.html"),
        read(&after, "tthc/1.000001/index.html")
    );

    // The same day twice gives the same bytes; another day rebuilds what it moves, in place.
    let again = site.root().join("again");
    build_on(&site, "2026-02-28", &again);
    assert_eq!(common::tree(&before), common::tree(&again));
    build_on(&site, "2026-03-01", &again);
    assert_eq!(common::tree(&after), common::tree(&again));
}

#[test]
fn a_renamed_catalogue_key_keeps_its_old_address_working() {
    let site = Fixture::new().edit(
        "content/catalog/fields.toml",
        "key = \"ho-tich\"\n",
        "key = \"ho-tich\"\nold_keys = [\"tu-phap-ho-tich\"]\n",
    );
    site.build_ok();
    let page = site.page("linh-vuc/tu-phap-ho-tich/index.html");
    assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/linh-vuc/ho-tich/\">"));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://tthc.example.gov.vn/linh-vuc/ho-tich/\">"
    ));
    let host = site.page("_redirects");
    assert!(host.contains("/linh-vuc/tu-phap-ho-tich/ /linh-vuc/ho-tich/ 301\n"));
    assert!(host.contains("/linh-vuc/tu-phap-ho-tich/* /linh-vuc/ho-tich/:splat 301\n"));
    let nginx = site.page("_nginx-redirects.map");
    assert!(nginx.contains("~^/linh-vuc/tu-phap-ho-tich/(.*)$ /linh-vuc/ho-tich/$1;\n"));
    let sitemap = site.page("sitemap.xml");
    assert!(
        !sitemap.contains("tu-phap-ho-tich"),
        "a redirect is not a page to index"
    );

    // An old key that is some entry's key now cannot redirect.
    let clash = Fixture::new().edit(
        "content/catalog/fields.toml",
        "key = \"ho-tich\"\n",
        "key = \"ho-tich\"\nold_keys = [\"ho-tich\"]\n",
    );
    let errors = clash.build_errors();
    let problem = common::find(&errors, "old key `ho-tich` is the key of a field now");
    common::assert_at(
        problem,
        "content/catalog/fields.toml",
        &std::fs::read_to_string(clash.root().join("content/catalog/fields.toml")).unwrap(),
        "\"ho-tich\"]",
    );
}

#[test]
fn history_dates_are_checked_where_they_are_written() {
    let front = front_with(
        "1.000001",
        "Đăng ký khai sinh",
        "status = \"repealed\"\nrepealed_on = 2026-01-01\neffective = 2026-02-01\n",
        "[[changes]]\ndate = 2025-01-01\nnote = \"  \"\n",
    );
    let text = procedure_file(&front, "Khai sinh.\n");
    let site = Fixture::new().write("content/procedures/1.000001.md", &text);
    let errors = site.build_errors();
    let file = "content/procedures/1.000001.md";
    common::assert_at(
        common::find(&errors, "is not before repealed_on"),
        file,
        &text,
        "2026-02-01",
    );
    common::assert_at(
        common::find(&errors, "a change needs a note"),
        file,
        &text,
        "\"  \"",
    );
}

#[test]
fn no_csv_cell_starts_a_formula() {
    let front = procedure_front("1.000001", "Đăng ký khai sinh").replace(
        "name = \"Thủ tục Đăng ký khai sinh\"",
        "name = \"=HYPERLINK(\\\"https://x.example/\\\")\"",
    );
    let site = Fixture::new().write(
        "content/procedures/1.000001.md",
        &procedure_file(&front, "Khai sinh.\n"),
    );
    site.build_ok();
    let mut csv = csv::Reader::from_path(site.output().join("du-lieu/thu-tuc.csv")).unwrap();
    let row = csv.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "'=HYPERLINK(\"https://x.example/\")");
    // Every CSV starts with the UTF-8 byte-order mark, so Excel on Windows reads Vietnamese.
    for (name, bytes) in common::tree(&site.output()) {
        if name.ends_with(".csv") {
            assert!(
                bytes.starts_with(b"\xEF\xBB\xBF"),
                "{name} has no byte-order mark"
            );
        }
    }
}

#[test]
fn a_change_note_is_text_on_the_page_in_the_feed_and_in_the_data() {
    let note = "<script>alert(1)</script> & \"Ưu tiên\"";
    let front = front_with(
        "1.000001",
        "Đăng ký khai sinh",
        "",
        &format!("[[changes]]\ndate = 2025-01-02\nnote = '{note}'\n"),
    );
    let site = Fixture::new().write(
        "content/procedures/1.000001.md",
        &procedure_file(&front, "Khai sinh.\n"),
    );
    site.build_ok();
    let page = site.page("tthc/1.000001/index.html");
    assert!(!page.contains("<script>alert"));
    let history = &page[page.find("id=\"lich-su\"").unwrap()..];
    assert!(
        history.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ưu tiên&quot;"),
        "{}",
        &history[..600.min(history.len())]
    );
    let feed = std::fs::read(site.output().join("thay-doi/atom.xml")).unwrap();
    let feed = atom_syndication::Feed::read_from(&feed[..]).unwrap();
    let summary = feed.entries()[0].summary().unwrap().as_str().to_string();
    assert!(summary.ends_with(note), "{summary}");
    let json = read_json(&site.output().join("du-lieu/thu-tuc.json"));
    assert_eq!(json["procedures"][0]["history"][0]["note"], note);
    // An amendment alone does not say when the procedure was first published.
    assert!(history.contains("Thay đổi gần nhất: <time datetime=\"2025-01-02\">"));
    assert!(!history.contains("Công bố lần đầu"));
    assert_eq!(
        json["procedures"][0]["first_published"],
        serde_json::Value::Null
    );
}
