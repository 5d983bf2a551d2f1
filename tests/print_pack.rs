//! The print packs (one PDF per office and per field), read back as a print shop and a
//! citizen's phone would: poppler checks every page is A4, every font embedded and subset
//! with a Unicode map, and that each sheet's text layer reads as its HTML poster (NFC, no
//! replacement character); zbar reads every sheet's code at 50 dpi (labels at 150 dpi) and
//! it must be exactly the sheet's permanent address. Two builds give the same bytes.
//!
//! Needs Debian's poppler-utils and zbar-tools; `bash .ci/run` installs them.

mod common;

use common::{Fixture, pdf};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Every pack of a built site, sorted.
fn packs(site: &Path) -> Vec<PathBuf> {
    let mut packs: Vec<PathBuf> = walkdir::WalkDir::new(site.join("ap-phich/pdf"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| e.path().to_path_buf())
        .collect();
    packs.sort();
    packs
}

/// The text a sheet shows, as its HTML reads: tags dropped, list numbers written as the
/// browser draws them, entities decoded; lower case (the head is upper case on paper) and
/// without whitespace (a line breaks where the page is narrower, an address breaks
/// mid-word).
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut number: Option<usize> = None;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>').expect("a closed tag") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with("svg") {
            rest = &rest[rest.find("</svg>").expect("a closed svg") + 6..];
        } else if tag.starts_with("ol") {
            number = Some(0);
        } else if tag == "/ol" {
            number = None;
        } else if tag.starts_with("li")
            && let Some(n) = number.as_mut()
        {
            *n += 1;
            out.push_str(&format!(" {n}. "));
        }
        out.push(' ');
    }
    out.push_str(rest);
    fold(
        &out.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#x2F;", "/"),
    )
}

fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The name of the office whose page is at `route`, and the number its posters give for
/// questions: its hotline, else its phone.
fn office_of(site: &Path, route: &str) -> (String, String) {
    let html = std::fs::read_to_string(site.join(route).join("index.html")).unwrap();
    let h1 = &html[html.find("<h1>").unwrap() + 4..];
    let h1 = &h1[..h1.find("</h1>").unwrap()];
    let number = ["<dt>Đường dây nóng</dt>", "<dt>Điện thoại</dt>"]
        .iter()
        .find_map(|label| {
            let rest = &html[html.find(label)? + label.len()..];
            let start = rest.find("\">")? + 2;
            let end = rest.find("</a>")?;
            Some(rest[start..end].to_string())
        })
        .unwrap_or_default();
    (html_text(h1).trim().to_string(), number)
}

/// A poster's folded text without what an office's pack changes: where to submit, and the
/// number for questions.
fn without_where(folded: &str) -> String {
    let mut out = folded.to_string();
    for (from, to) in [
        ("nộphồsơtại", "nộptrựctuyến"),
        ("hỏiđáp,phảnánh:", "cậpnhật"),
    ] {
        if let Some(a) = out.find(from)
            && let Some(b) = out[a..].find(to)
        {
            out.replace_range(a..a + b, "");
        }
    }
    out
}

/// A poster's folded text before its list of documents, and the list (to the end).
fn split_documents(folded: &str) -> (&str, &str) {
    match folded.find("giấytờcầnchuẩnbị") {
        Some(at) => (&folded[..at], &folded[at..]),
        None => (folded, ""),
    }
}

/// The sheets of an HTML poster page (one `.sheet` each), as text.
fn html_sheets(file: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap()];
    main.split("<section class=\"sheet labels\"")
        .skip(usize::from(
            main.contains("<section class=\"sheet labels\""),
        ))
        .map(|s| html_text(&format!("<x{s}")))
        .collect()
}

/// Every label sheet of the page at `route`, in order across the parts.
fn label_sheets(site: &Path, route: &str) -> Vec<String> {
    let mut sheets = Vec::new();
    let mut part = 1;
    loop {
        let dir = if part == 1 {
            site.join("ap-phich/nhan").join(route)
        } else {
            site.join("ap-phich/nhan")
                .join(route)
                .join(format!("trang-{part}"))
        };
        let file = dir.join("index.html");
        if !file.is_file() {
            return sheets;
        }
        sheets.extend(html_sheets(&file));
        part += 1;
    }
}

/// What one pack held.
#[derive(Default)]
struct Checked {
    pages: usize,
    /// The procedure addresses of its posters, and of its labels.
    posters: BTreeSet<String>,
    labels: BTreeSet<String>,
}

/// Checks one pack against the HTML posters of `site`, whose addresses start with `base`.
fn check_pack(site: &Path, base: &str, pack: &Path) -> Checked {
    let name = pack.display().to_string();
    let rel = pack.strip_prefix(site.join("ap-phich/pdf")).unwrap();
    let route = format!("{}/", rel.with_extension("").display());
    let sizes = pdf::page_sizes(pack);
    assert!(!sizes.is_empty(), "{name}: no page");
    for (n, size) in sizes.iter().enumerate() {
        assert!(size.contains("(A4)"), "{name} page {}: {size}", n + 1);
    }
    let fonts = pdf::fonts(pack);
    assert!(!fonts.is_empty(), "{name}: no font");
    for (font, embedded, subset, unicode) in &fonts {
        assert!(
            *embedded && *subset && *unicode && font.contains("NotoSans"),
            "{name}: font {font} embedded {embedded} subset {subset} unicode {unicode}"
        );
    }
    let labels = label_sheets(site, &route);
    let office = route
        .starts_with("noi-tiep-nhan/")
        .then(|| office_of(site, &route));
    let pages = sizes.len();
    let mut checked = Checked {
        pages,
        ..Checked::default()
    };
    for page in 1..=pages {
        let text = pdf::page_text(pack, page);
        let at = format!("{name} page {page}");
        assert!(!text.contains('\u{FFFD}'), "{at}: a replacement character");
        assert_eq!(text, text.nfc().collect::<String>(), "{at}: not NFC");
        let label_sheet = (page + labels.len()).checked_sub(pages + 1);
        if let Some(sheet) = label_sheet.filter(|_| page > 1) {
            assert_eq!(
                fold(&text),
                labels[sheet],
                "{at}: the text of label sheet {sheet}"
            );
            // Each label on its own, as a phone held up to it sees it: its cell of the
            // 3 × 5 grid (10 mm margins) holds exactly one code, the address under it.
            let count = labels[sheet]
                .matches(&fold(base.trim_start_matches("https://")))
                .count();
            let (w, h) = (190.0 / 3.0, 277.0 / 5.0);
            for n in 0..count {
                let cell = (10.0 + (n % 3) as f32 * w, 10.0 + (n / 3) as f32 * h, w, h);
                let codes = pdf::scan_region(pack, page, 150, Some(cell));
                assert_eq!(codes.len(), 1, "{at}: label {n} at 150 dpi read {codes:?}");
                let shown = fold(codes[0].trim_start_matches("https://"));
                assert!(
                    labels[sheet].contains(&shown),
                    "{at}: label {n} reads {codes:?}"
                );
                checked.labels.insert(codes[0].clone());
            }
            continue;
        }
        let codes = pdf::scan_page(pack, page, 50);
        assert_eq!(codes.len(), 1, "{at}: one code at 50 dpi, read {codes:?}");
        let address = &codes[0];
        let target = address
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{at}: {address} is not on the site"));
        assert!(
            site.join(target).join("index.html").is_file(),
            "{at}: {address} is not a page"
        );
        if page == 1 {
            assert_eq!(
                target, route,
                "{at}: the cover's code is the pack's own page"
            );
            assert!(
                text.contains("Trong tệp này"),
                "{at}: a cover lists the contents"
            );
            continue;
        }
        let poster = site.join("ap-phich").join(target).join("index.html");
        let html = html_sheets(&poster);
        match &office {
            // An office's pack: its posters say they hang here, with the office's hours and
            // hotline; the rest is the general poster's text. Its field posters list what
            // the office receives (checked against the cover by the caller).
            Some((office_name, hotline)) if target.starts_with("tthc/") => {
                let folded = fold(&text);
                assert!(
                    folded.contains(&fold(&format!("Nộp hồ sơ tại đây {office_name}"))),
                    "{at}: the poster says it hangs at {office_name}: {text}"
                );
                assert!(
                    folded.contains(&fold(&format!("Hỏi đáp, phản ánh: {hotline}"))),
                    "{at}: the office's own number {hotline}: {text}"
                );
                // The rest is the general poster's, except that one office line leaves
                // room for more documents: the general poster's list starts the pack's.
                let (pdf_rest, html_rest) = (without_where(&folded), without_where(&html[0]));
                let (pdf_head, pdf_docs) = split_documents(&pdf_rest);
                let (html_head, html_docs) = split_documents(&html_rest);
                assert_eq!(
                    pdf_head,
                    html_head,
                    "{at}: the text of {}",
                    poster.display()
                );
                let shown = html_docs.split("và").next().unwrap_or_default();
                assert!(
                    pdf_docs.starts_with(shown.trim_end_matches("cậpnhật")),
                    "{at}: the documents of {}: {pdf_docs} / {html_docs}",
                    poster.display()
                );
            }
            Some(_) if target.starts_with("linh-vuc/") => {
                assert!(fold(&text).contains(&fold("Quét mã để xem các thủ tục lĩnh vực")));
            }
            _ => assert_eq!(
                fold(&text),
                html[0],
                "{at}: the text of {}",
                poster.display()
            ),
        }
        if target.starts_with("tthc/") {
            checked.posters.insert(address.clone());
        }
    }
    checked
}

/// Checks every pack of `site`; returns the pages checked.
fn check_site(site: &Path, base: &str) -> usize {
    let packs = packs(site);
    assert!(!packs.is_empty(), "no print pack under {}", site.display());
    let mut pages = 0;
    for pack in &packs {
        let checked = check_pack(site, base, pack);
        assert_eq!(
            checked.posters,
            checked.labels,
            "{}: a poster and a label for every procedure in force",
            pack.display()
        );
        pages += checked.pages;
    }
    pages
}

/// No sheet of any pack held more than fits above its foot.
#[track_caller]
fn assert_no_overflow(report: &congkhai::BuildReport) {
    let over: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("print pack"))
        .collect();
    assert!(over.is_empty(), "{over:?}");
}

#[test]
fn every_pack_of_the_sample_prints_on_a4_with_its_posters_text_and_codes_that_scan() {
    pdf::require_tools(&[]);
    let (_guard, site, report) = common::build_sample();
    assert_no_overflow(&report);
    let pages = check_site(&site, "https://tthc.camau.gov.vn/");
    println!("{pages} pages checked");
    // An office's pack: cover, office poster, one poster per procedure, field posters,
    // labels; the sample's provincial centre receives 15 procedures in 8 fields.
    let pack = site.join("ap-phich/pdf/noi-tiep-nhan/ttpvhcc-tinh.pdf");
    assert_eq!(pdf::page_sizes(&pack).len(), 1 + 1 + 15 + 8 + 1);
    let info = pdf::run("pdfinfo", &[pack.to_str().unwrap()]);
    let bytes = std::fs::read(&pack).unwrap();
    // `/Lang (vi)`, with or without the space a writer may put between key and value.
    let lang = |w: &[u8]| w.starts_with(b"/Lang") && w[5..].trim_ascii_start().starts_with(b"(vi)");
    assert!(
        bytes.windows(10).any(lang),
        "the document's language is set"
    );
    assert!(
        info.contains(
            "Title:           Bộ áp phích: Trung tâm Phục vụ hành chính công tỉnh Cà Mau"
        )
    );
}

#[test]
fn two_builds_give_the_same_bytes_and_an_edit_remakes_only_the_packs_that_show_it() {
    let site = Fixture::sample();
    let first = site.output();
    site.build_ok();
    let again = site.root().join("again");
    site.build_into(&again).unwrap();
    for pack in packs(&first) {
        let rel = pack.strip_prefix(&first).unwrap();
        assert!(
            std::fs::read(&pack).unwrap() == std::fs::read(again.join(rel)).unwrap(),
            "{} differs between two builds",
            rel.display()
        );
    }
    pdf::require_tools(&[]);
    let modified = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = packs(&first)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let times: Vec<_> = before.iter().map(|(p, _)| modified(p)).collect();
    // The packs that print 1.001193 (Đăng ký khai sinh): its field's and its offices'.
    let holding: Vec<String> = before
        .iter()
        .filter(|(p, _)| pdf::run("pdftotext", &[p.to_str().unwrap(), "-"]).contains("1.001193"))
        .map(|(p, _)| p.strip_prefix(&first).unwrap().display().to_string())
        .collect();
    assert!(holding.contains(&"ap-phich/pdf/linh-vuc/ho-tich.pdf".to_string()));
    assert!(holding.len() < before.len(), "{holding:?}");
    let site = site.edit(
        "content/procedures/ho-tich/1.001193.md",
        "short_name = \"Đăng ký khai sinh\"",
        "short_name = \"Đăng ký khai sinh cho trẻ em\"",
    );
    let report = site.build_ok();
    let changed: Vec<String> = before
        .iter()
        .filter(|(p, bytes)| std::fs::read(p).unwrap() != *bytes)
        .map(|(p, _)| p.strip_prefix(&first).unwrap().display().to_string())
        .collect();
    assert_eq!(changed, holding, "the packs printing the procedure change");
    // The others are kept as they were, not drawn again.
    let rewritten: Vec<&Path> = before
        .iter()
        .zip(&times)
        .filter(|((p, _), t)| modified(p) != **t)
        .map(|((p, _), _)| p.strip_prefix(&first).unwrap())
        .collect();
    assert_eq!(rewritten.len(), holding.len(), "{rewritten:?}");
    // A pack made again draws only the sheets showing the procedure (its poster, the
    // labels and field poster listing it) and the cover; the rest are taken from the pack in
    // place, and the pack is what a fresh build makes.
    assert!(
        report.sheets.drawn <= 4 * holding.len() && report.sheets.taken > 4 * holding.len(),
        "{:?}",
        report.sheets
    );
    let fresh = site.root().join("fresh");
    site.build_into(&fresh).unwrap();
    for pack in &holding {
        assert!(
            std::fs::read(first.join(pack)).unwrap() == std::fs::read(fresh.join(pack)).unwrap(),
            "{pack} made again differs from a fresh build's"
        );
    }
    println!(
        "{} of {} packs made again; {report:?}",
        changed.len(),
        before.len()
    );
}

#[test]
fn the_sheet_indexes_beside_the_output_follow_the_packs() {
    let site = Fixture::new();
    site.build_ok();
    let output = site.output();
    let dir = output.with_file_name(format!(
        ".{}.congkhai-sheets",
        output.file_name().unwrap().to_string_lossy()
    ));
    let indexes = || std::fs::read_dir(&dir).map_or(0, |d| d.count());
    assert_eq!(indexes(), packs(&output).len(), "one index a pack");
    // A stale index (a pack the site no longer has) is deleted by the next build.
    std::fs::write(dir.join("0".repeat(32)), "stale").unwrap();
    let site = site.procedure(
        "1.000001",
        &common::procedure_front("1.000001", "Đăng ký khai sinh lần đầu"),
        "",
    );
    site.build_ok();
    assert_eq!(indexes(), packs(&output).len());
    let site = site.edit(
        "congkhai.toml",
        "[[hotlines]]",
        "[print]\npdf = false\n\n[[hotlines]]",
    );
    site.build_ok();
    assert!(!dir.exists(), "no packs, no indexes");
}

#[test]
fn packs_can_be_switched_off() {
    let site = Fixture::new().edit(
        "congkhai.toml",
        "[[hotlines]]",
        "[print]\npdf = false\n\n[[hotlines]]",
    );
    site.build_ok();
    assert!(!site.output().join("ap-phich/pdf").exists());
    let site = Fixture::new();
    site.build_ok();
    assert!(!packs(&site.output()).is_empty());
}

#[test]
fn the_imported_national_records_print_too() {
    let Some(site) = common::national_site() else {
        return;
    };
    pdf::require_tools(&[]);
    assert_no_overflow(&site.build_ok());
    let pages = check_site(&site.output(), "https://tthc.example.gov.vn/");
    println!("{pages} pages checked");
}

#[test]
fn the_longest_office_texts_the_catalogue_allows_fit_their_sheet() {
    // An office with the longest name, address and note the catalogue allows and a week
    // of opening hours written line by line: its poster still fits one sheet, so no pack
    // runs over (the build would say which pack and page). Longer texts are refused at
    // load (tests/hostile_round3.rs, item 6).
    let hours: Vec<String> = (0..60)
        .map(|n| {
            format!(
                "{{ days = [\"{}\"], opens = \"{:02}:00\", closes = \"{:02}:30\" }}",
                ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][n % 7],
                6 + n % 10,
                7 + n % 10
            )
        })
        .collect();
    let site = Fixture::new()
        .edit(
            "content/catalog/offices.toml",
            "address = \"Số 1 Đường Một, xã Thử\"",
            &format!(
                "address = \"{}\"\nnote = \"{}\"",
                "Số 1 Đường Một, xã Thử, ".repeat(12),
                "Có chỗ để xe và quầy hướng dẫn. ".repeat(31)
            ),
        )
        .edit(
            "content/catalog/offices.toml",
            "name = \"Trung tâm Phục vụ hành chính công xã Thử\"",
            &format!("name = \"{}\"", "Trung tâm Phục vụ hành chính công ".repeat(5)),
        )
        .edit(
            "content/catalog/offices.toml",
            "hours = [{ days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], opens = \"07:00\", closes = \"11:30\" }]",
            &format!("hours = [{}]", hours.join(", ")),
        );
    let report = site.build_ok();
    let over: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("print pack"))
        .collect();
    assert!(over.is_empty(), "{over:?}");
    let pack = site
        .output()
        .join("ap-phich/pdf/noi-tiep-nhan/mot-cua-xa.pdf");
    pdf::require_tools(&[]);
    let office_page: String = pdf::page_text(&pack, 2).split_whitespace().collect();
    let address: String = "Số 1 Đường Một, xã Thử, "
        .repeat(12)
        .split_whitespace()
        .collect();
    assert!(
        office_page.contains(address.trim_end_matches(',')),
        "the whole address is on the office's sheet: {office_page}"
    );
}
