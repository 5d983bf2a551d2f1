//! Every QR code of the sample site decodes, with a real decoder, to exactly the permanent
//! address of its page, and stays small enough to scan from a printed poster.

mod common;

use common::{Fixture, decode_svg, tree};

#[test]
fn every_code_of_the_sample_site_decodes_to_its_page() {
    let (_dir, out, report) = common::build_sample();
    // The only warnings of the sample are the real inconsistencies in published statistics.
    let others: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| !w.location.file.starts_with("content/statistics"))
        .collect();
    assert!(others.is_empty(), "{others:?}");
    let files = tree(&out);
    let mut versions = std::collections::BTreeMap::<usize, usize>::new();
    let mut largest = 0;
    let mut checked = 0;
    for (name, bytes) in &files {
        let Some(dir) = name.strip_suffix("qr.svg") else {
            continue;
        };
        let svg = std::str::from_utf8(bytes).unwrap();
        let (text, side) = decode_svg(svg);
        assert_eq!(text, format!("https://tthc.camau.gov.vn/{dir}"), "{name}");
        assert!(text.is_ascii());
        assert!(
            files.contains_key(&format!("{dir}index.html")),
            "{name} points to a missing page"
        );
        let version = (side - 8 - 17) / 4;
        assert!(version <= 4, "{name}: version {version}");
        *versions.entry(version).or_default() += 1;
        largest = largest.max(bytes.len());
        checked += 1;
    }
    // One code per procedure (44), field with procedures (10), open office (5).
    assert_eq!(checked, 44 + 10 + 5, "codes found");
    println!(
        "QR codes decoded: {checked}; versions (version: count): {versions:?}; largest SVG {largest} bytes"
    );
}

#[test]
fn procedure_pages_show_their_code_and_link_the_poster() {
    let site = Fixture::new();
    site.build_ok();
    let html = site.page("tthc/1.000001/index.html");
    // The code is drawn once, in its SVG file, which the page (and the poster) show.
    assert!(!html.contains("<svg"), "no code drawn into the page");
    assert!(html.contains(
        "<img src=\"/tthc/1.000001/qr.svg\" alt=\"Mã QR dẫn đến https://tthc.example.gov.vn/tthc/1.000001/\""
    ));
    assert_eq!(
        decode_svg(&site.page("tthc/1.000001/qr.svg")).0,
        "https://tthc.example.gov.vn/tthc/1.000001/"
    );
    assert!(html.contains("href=\"/ap-phich/tthc/1.000001/\">In áp phích</a>"));
    let poster = site.page("ap-phich/tthc/1.000001/index.html");
    assert!(poster.contains("<img src=\"/tthc/1.000001/qr.svg\""));
    assert!(
        poster.contains("tthc.example.gov.vn/tthc/1.000001/"),
        "address printed as text"
    );
    assert!(poster.contains("Mã thủ tục: 1.000001"));
    assert!(poster.contains("Lệ phí: 50.000\u{a0}đồng"));
    assert!(poster.contains("0290 3 555 111"), "the office hotline");
}

#[test]
fn an_offices_poster_list_sends_the_clerk_to_the_pack_that_names_the_office() {
    let site = Fixture::new();
    site.build_ok();
    let list = site.page("ap-phich/danh-sach/noi-tiep-nhan/mot-cua-xa/index.html");
    let name = "Trung tâm Phục vụ hành chính công xã Thử";
    assert!(
        list.contains(&format!("ghi “Nộp hồ sơ tại đây: {name}”")),
        "{list}"
    );
    // Its printables are named after the office, once.
    assert!(list.contains(&format!(">Áp phích: {name}</a>")));
    assert!(list.contains(&format!(">Tờ nhãn mã QR: {name}</a>")));
    assert!(!list.contains("Áp phích: Áp phích"));
    // A field's list has no such line: its posters are the general ones.
    let field = site.page("ap-phich/danh-sach/linh-vuc/ho-tich/index.html");
    assert!(!field.contains("Nộp hồ sơ tại đây"));
    assert!(field.contains(">Áp phích: Hộ tịch</a>"));
}

#[test]
fn repealed_procedures_keep_a_code_but_get_no_poster() {
    let old = common::procedure_front("1.000003", "Cũ").replace(
        "online = \"none\"",
        "online = \"none\"\nstatus = \"repealed\"\nrepealed_on = 2025-07-01",
    );
    let site = Fixture::new().procedure("1.000003", &old, "");
    site.build_ok();
    assert!(
        site.output().join("tthc/1.000003/qr.svg").is_file(),
        "old printed codes still resolve"
    );
    assert!(!site.output().join("ap-phich/tthc/1.000003").exists());
    assert!(
        !site
            .page("tthc/1.000003/index.html")
            .contains("In áp phích")
    );
}

#[test]
fn label_sheets_hold_fifteen_labels_each() {
    let mut site = Fixture::new();
    for i in 2..=17 {
        let code = format!("1.0000{i:02}");
        site = site.procedure(
            &code,
            &common::procedure_front(&code, &format!("Thủ tục số {i}")),
            "",
        );
    }
    site.build_ok();
    let html = site.page("ap-phich/nhan/linh-vuc/ho-tich/index.html");
    assert_eq!(
        html.matches("class=\"sheet labels\"").count(),
        2,
        "17 labels on two sheets"
    );
    assert_eq!(html.matches("class=\"label\"").count(), 17);
    let index = site.page("ap-phich/index.html");
    assert!(index.contains("/ap-phich/nhan/noi-tiep-nhan/mot-cua-xa/"));
    assert!(index.contains("/ap-phich/linh-vuc/ho-tich/"));
}

#[test]
fn printed_material_problems_are_warned_about() {
    // The default fixture's field `dat-dai` has no procedure; an office without hotline.
    let offices = common::OFFICES.replace("hotline = \"0290 3 555 111\"\n", "");
    let site = Fixture::new().write("content/catalog/offices.toml", &offices);
    let report = site.build_ok();
    let warnings = report.warnings.sorted();
    let field = common::find(&warnings, "field `dat-dai` has no procedure in force");
    common::assert_at(
        field,
        "content/catalog/fields.toml",
        common::FIELDS,
        "\"dat-dai\"",
    );
    let office = common::find(&warnings, "office `mot-cua-xa` has no hotline");
    common::assert_at(
        office,
        "content/catalog/offices.toml",
        &offices,
        "\"mot-cua-xa\"",
    );
    assert!(
        !site.output().join("ap-phich/linh-vuc/dat-dai").exists(),
        "no poster for an empty field"
    );
    let poster = site.page("ap-phich/tthc/1.000001/index.html");
    assert!(
        poster.contains("0290 3 555 010"),
        "falls back to the site hotline"
    );
}

#[test]
fn long_addresses_are_warned_about() {
    let config = common::CONFIG.replace(
        "https://tthc.example.gov.vn/",
        "https://dich-vu-cong-truc-tuyen.tinh-thu.example.gov.vn/cong-khai-thu-tuc/",
    );
    let site = Fixture::new().write("congkhai.toml", &config);
    let report = site.build_ok();
    common::find(&report.warnings.sorted(), "above max_version 4");
}

#[test]
fn a_long_office_key_is_warned_about_at_its_catalogue_entry() {
    let long = "noi-tiep-nhan-ho-so-cua-trung-tam-phuc-vu";
    let offices = common::OFFICES.replace("key = \"mot-cua-xa\"", &format!("key = \"{long}\""));
    let site = Fixture::new()
        .write("content/catalog/offices.toml", &offices)
        .write(
            "content/procedures/1.000001.md",
            &common::procedure_file(
                &common::procedure_front("1.000001", "Đăng ký khai sinh")
                    .replace("mot-cua-xa", long),
                "",
            ),
        );
    let report = site.build_ok();
    let warnings = report.warnings.sorted();
    let warning = common::find(&warnings, "above max_version 4");
    common::assert_at(
        warning,
        "content/catalog/offices.toml",
        &offices,
        &format!("\"{long}\""),
    );
    assert!(
        warning
            .message
            .contains(&format!("shorten the key `{long}`")),
        "{}",
        warning.message
    );
}

#[test]
fn error_correction_is_configurable() {
    let config = format!(
        "{}\n[qr]\nerror_correction = \"H\"\nmax_version = 10\n",
        common::CONFIG
    );
    let site = Fixture::new().write("congkhai.toml", &config);
    site.build_ok();
    let svg = std::fs::read_to_string(site.output().join("tthc/1.000001/qr.svg")).unwrap();
    let (text, side) = decode_svg(&svg);
    assert_eq!(text, "https://tthc.example.gov.vn/tthc/1.000001/");
    assert!(
        side - 8 > 29,
        "level H needs a bigger code than M for the same address"
    );
}
