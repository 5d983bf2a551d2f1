//! `congkhai import EXPORT.xlsx`: the national database's Excel export (the shared commune
//! workbook, read by the test itself) imports into a site where every procedure has a page
//! and every fee, time limit, document, result code and legal number of the workbook is on
//! it; a second import changes nothing; a missing sheet, a renamed column, a row without
//! a code and a workbook that unpacks to gigabytes are each reported, never a crash.

mod common;

use calamine::Reader;
use common::{Fixture, nfc, page_text};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn shared_export() -> Option<PathBuf> {
    common::shared_data("dvcqg-export").map(|d| d.join("xa-danh-muc-tthc-36.xlsx"))
}

/// Every sheet's rows as text, by sheet name.
fn sheets(path: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut workbook = calamine::open_workbook_auto(path).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let rows = workbook
                .worksheet_range(&name)
                .unwrap()
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

fn import(site: &Fixture, export: &Path) -> std::process::Output {
    site.run(&["import", export.to_str().unwrap()])
}

#[test]
fn the_shared_export_imports_and_every_figure_reaches_its_page() {
    let Some(export) = shared_export() else {
        return;
    };
    let site = Fixture::new();
    let out = import(&site, &export);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(common::check_errors(&site), Vec::<String>::new());
    let before = common::tree(&site.root().join("content"));
    let again = import(&site, &export);
    assert!(again.status.success());
    assert_eq!(
        before,
        common::tree(&site.root().join("content")),
        "a second import changes nothing"
    );
    site.build_ok();

    let book = sheets(&export);
    let list = &book["TTHC2-CAPXA"];
    let codes: Vec<&str> = list[3..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(codes.len(), 36);
    let mut pages = BTreeMap::new();
    for code in &codes {
        pages.insert(
            code.to_string(),
            page_text(&site.page(&format!("tthc/{code}/index.html"))),
        );
    }
    let mut checked = BTreeMap::<&str, usize>::new();
    let mut on_page = |what: &'static str, code: &str, text: &str| {
        let page = &pages[code];
        assert!(
            page.contains(&nfc(text)),
            "{code}: {what} `{text}` is not on the page"
        );
        *checked.entry(what).or_default() += 1;
    };
    for row in &book["Cách thức thực hiện"][1..] {
        let (code, time, fee) = (&row[1], &row[4], &row[5]);
        // "10 ngày làm việc" → "10 ngày làm việc" on the page, in the site's words.
        if let Some((amount, _unit)) = time.split_once(' ')
            && amount.chars().all(|c| c.is_ascii_digit())
        {
            on_page("time limit", code, amount);
        }
        let digits: String = fee
            .split_once(':')
            .map_or("", |(_, r)| r)
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let amount: u64 = digits.replace('.', "").parse().unwrap_or(0);
        if amount > 0 {
            on_page(
                "fee",
                code,
                &congkhai::vi::money(amount).replace('\u{a0}', " "),
            );
        }
    }
    for row in &book["TPHS"][1..] {
        on_page("document", &row[1], &row[4]);
        if !row[3].is_empty() {
            on_page("document code", &row[1], &row[3]);
        }
    }
    for row in &book["KQTH"][1..] {
        on_page("result code", &row[1], &row[3]);
    }
    for row in &book["CCPL"][1..] {
        on_page("legal number", &row[1], &row[3]);
    }
    for row in &list[3..] {
        if !row[4].is_empty() {
            on_page("decision", &row[1], &row[4]);
        }
    }
    eprintln!("checked on the pages: {checked:?}");
    for what in [
        "fee",
        "document",
        "result code",
        "legal number",
        "decision",
        "time limit",
    ] {
        assert!(
            checked.get(what).is_some_and(|n| *n > 0),
            "no {what} checked"
        );
    }
}

/// The shared workbook with each of its parts passed through `change` (by part name).
fn changed_export(export: &Path, dir: &Path, change: impl Fn(&str, String) -> String) -> PathBuf {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(export).unwrap()).unwrap();
    let path = dir.join("export.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        writer.start_file(&name, options).unwrap();
        writer.write_all(change(&name, text).as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    path
}

#[test]
fn a_missing_sheet_a_renamed_column_and_rows_without_a_code_are_reported() {
    let Some(export) = shared_export() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let changed = changed_export(&export, dir.path(), |name, text| match name {
        "xl/workbook.xml" => text.replace("name=\"KQTH\"", "name=\"Kết quả cũ\""),
        _ if name.contains("sharedStrings") || name.contains("worksheets") => text
            .replace(">Mã kết quả<", ">Mã số KQ<")
            .replace(">Trích yếu<", ">Nội dung văn bản<")
            .replace(">1.001639<", "><"),
        _ => text,
    });
    let site = Fixture::new();
    let out = import(&site, &changed);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no sheet `KQTH`"), "{stderr}");
    assert!(
        stderr.contains("no column headed `trich yeu`; read from column E"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a row without a procedure code; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("which the list sheet does not have"),
        "rows of other sheets for the code-less procedure are reported: {stderr}"
    );
    assert_eq!(common::check_errors(&site), Vec::<String>::new());
    // The legal titles were still read, from where the export places them.
    let text = std::fs::read_to_string(site.root().join("content/procedures/1.000288.md")).unwrap();
    assert!(
        text.contains("title = \"ban hành Quy định về kiểm định"),
        "{text}"
    );
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for part in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        writer.start_file(part, options).unwrap();
        let zeros = vec![b'0'; 1 << 20];
        for _ in 0..160 {
            writer.write_all(&zeros).unwrap();
        }
    }
    writer.finish().unwrap();
    let packed = std::fs::metadata(&path).unwrap().len();
    assert!(packed < 2 << 20, "the bomb is small: {packed} bytes");
    let site = Fixture::new();
    let before = common::tree(&site.root().join("content"));
    let out = import(&site, &path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("refused"), "{stderr}");
    assert_eq!(before, common::tree(&site.root().join("content")));
}
