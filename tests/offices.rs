//! Who receives what, by rule: a province of a provincial centre and 64 commune centres
//! whose offices say what they receive (levels, fields, exceptions, phi địa giới), with
//! procedures that add to or override the rules. The rules expand as documented; no page
//! lists 64 offices; every poster of a commune's pack names that commune's centre and its
//! own number (read back from the PDF); mistakes in rules are reported where they are.

mod common;

use common::{Fixture, find, pdf, procedure_front};
use std::collections::BTreeMap;

const COMMUNES: usize = 64;

/// The provincial centre, a land registry office for one field, and 64 commune centres; the
/// fixture's own `mot-cua-xa` stays, receiving only what names it.
fn offices() -> String {
    let mut out = common::OFFICES.to_string();
    out.push_str(
        r#"
[[office]]
key = "ttpvhcc-tinh"
name = "Trung tâm Phục vụ hành chính công tỉnh Thử"
address = "Số 2 Đường Hai, phường Một"
hotline = "0290 3 555 000"
level = "tinh"
receives = [{ levels = ["tinh"] }, { anywhere = true }]
hours = [{ days = ["mon", "tue", "wed", "thu", "fri"], opens = "07:00", closes = "17:00" }]

[[office]]
key = "van-phong-dat-dai"
name = "Văn phòng đăng ký đất đai tỉnh Thử"
address = "Số 3 Đường Ba, phường Một"
phone = "0290 3 555 300"
receives = [{ fields = ["dat-dai"], levels = ["tinh"] }]
"#,
    );
    for n in 1..=COMMUNES {
        let except = if n == 7 {
            "except = [\"1.000002\"]\n"
        } else {
            ""
        };
        out.push_str(&format!(
            r#"
[[office]]
key = "ttpvhcc-xa-{n}"
name = "Trung tâm Phục vụ hành chính công xã Số {n}"
address = "Ấp {n}, xã Số {n}"
hotline = "0290 3 600 {n:03}"
level = "xa"
receives = [{{ levels = ["xa"] }}]
{except}hours = [{{ days = ["mon", "tue", "wed", "thu", "fri"], opens = "07:30", closes = "11:30" }}]
"#
        ));
    }
    out
}

/// The procedures: commune-level (1.000002, excepted at commune 7), provincial-level,
/// commune-level received anywhere, provincial land, and one that overrides the rules.
fn site() -> Fixture {
    let rules_only = |code: &str, name: &str| {
        procedure_front(code, name).replace("offices = [\"mot-cua-xa\"]\n", "")
    };
    Fixture::new()
        .write("content/catalog/offices.toml", &offices())
        .procedure("1.000002", &rules_only("1.000002", "Đăng ký kết hôn"), "")
        .procedure(
            "1.000003",
            &rules_only("1.000003", "Cấp phiếu lý lịch tư pháp")
                .replace("levels = [\"xa\"]", "levels = [\"tinh\"]"),
            "",
        )
        .procedure(
            "1.000004",
            &rules_only("1.000004", "Cấp bản sao trích lục")
                .replace("online = \"none\"", "anywhere = true\nonline = \"none\""),
            "",
        )
        .procedure(
            "1.000005",
            &rules_only("1.000005", "Đăng ký đất đai lần đầu")
                .replace("levels = [\"xa\"]", "levels = [\"tinh\"]")
                .replace("field = \"ho-tich\"", "field = \"dat-dai\""),
            "",
        )
        .procedure(
            "1.000006",
            &procedure_front("1.000006", "Chứng thực chữ ký").replace(
                "online = \"none\"",
                "office_rules = false\nonline = \"none\"",
            ),
            "",
        )
}

/// Each procedure's offices, as the open data publishes them.
fn offices_of(site: &Fixture) -> BTreeMap<String, Vec<String>> {
    let json: serde_json::Value = serde_json::from_str(&site.page("du-lieu/thu-tuc.json")).unwrap();
    json["procedures"]
        .as_array()
        .or_else(|| json.as_array())
        .unwrap()
        .iter()
        .map(|p| {
            let offices = p["offices"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap().to_string())
                .collect();
            (p["code"].as_str().unwrap().to_string(), offices)
        })
        .collect()
}

#[test]
fn rules_expand_as_documented_and_no_page_lists_64_offices() {
    let site = site();
    let report = site.build_ok();
    let offices = offices_of(&site);
    let communes = |except: Option<usize>| -> Vec<String> {
        (1..=COMMUNES)
            .filter(|&n| Some(n) != except)
            .map(|n| format!("ttpvhcc-xa-{n}"))
            .collect()
    };
    // Its own office first, then every office whose rule matches, less exceptions.
    let mut expected = vec!["mot-cua-xa".to_string()];
    expected.extend(communes(None));
    assert_eq!(
        offices["1.000001"], expected,
        "the fixture's own procedure adds its office"
    );
    assert_eq!(
        offices["1.000002"],
        communes(Some(7)),
        "commune 7 excepts it"
    );
    assert_eq!(offices["1.000003"], ["ttpvhcc-tinh"]);
    let mut anywhere = vec!["ttpvhcc-tinh".to_string()];
    anywhere.extend(communes(None));
    assert_eq!(
        offices["1.000004"], anywhere,
        "phi địa giới: the provincial centre too"
    );
    assert_eq!(offices["1.000005"], ["ttpvhcc-tinh", "van-phong-dat-dai"]);
    assert_eq!(
        offices["1.000006"],
        ["mot-cua-xa"],
        "office_rules = false: its own only"
    );
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.message.contains("no offices")),
        "{:?}",
        report.warnings
    );

    // The page of a commune-level procedure: one line for the 63 centres, linking to the
    // listing, not 63 offices.
    let page = site.page("tthc/1.000002/index.html");
    assert!(
        page.matches("class=\"office\"").count() < 5,
        "offices listed one by one on the page"
    );
    let text = common::page_text(&page);
    assert!(
        text.contains("Nơi tiếp nhận cấp xã của địa phương bạn (63 nơi) — tìm nơi của bạn"),
        "{text}"
    );
    assert!(
        page.contains("href=\"/noi-tiep-nhan/#cap-xa\""),
        "a way to find yours"
    );
    // The 63 centres keep the same hours: the group's line gives them, for the page's
    // script to say whether they are open today.
    assert!(
        page.contains("<p data-week><a href=\"/noi-tiep-nhan/#cap-xa\">")
            && page.contains("data-days=\"1 2 3 4 5\">Thứ Hai – Thứ Sáu: 07:30 – 11:30</span>"),
        "{page}"
    );
    let anywhere_page = common::page_text(&site.page("tthc/1.000004/index.html"));
    assert!(
        anywhere_page.contains("không phụ thuộc nơi cư trú"),
        "{anywhere_page}"
    );
    assert!(anywhere_page.contains("Trung tâm Phục vụ hành chính công tỉnh Thử"));
    // The listing: the commune centres under their level, with an index of names.
    let listing = site.page("noi-tiep-nhan/index.html");
    assert!(listing.contains("<h2 id=\"cap-xa\">Cấp xã (64 nơi)</h2>"));
    assert!(listing.contains("href=\"#noi-ttpvhcc-xa-64\""));
    // An office's page lists what it receives.
    let office = common::page_text(&site.page("noi-tiep-nhan/ttpvhcc-xa-7/index.html"));
    assert!(!office.contains("Đăng ký kết hôn"), "excepted: {office}");
    assert!(office.contains("Cấp bản sao trích lục"));
    // The home page does not list 64 cards either.
    let home = site.page("index.html");
    assert!(home.matches("class=\"office\"").count() < 5);
}

#[test]
fn every_poster_of_a_commune_pack_names_that_centre_and_its_own_number() {
    pdf::require_tools(&[]);
    let site = site();
    site.build_ok();
    for n in [1, 7, 64] {
        let pack = site
            .output()
            .join(format!("ap-phich/pdf/noi-tiep-nhan/ttpvhcc-xa-{n}.pdf"));
        let pages = pdf::page_sizes(&pack).len();
        let mut posters = 0;
        for page in 1..=pages {
            let text = pdf::page_text(&pack, page);
            let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if folded.contains("Quét mã để xem các thủ tục lĩnh vực") {
                // A field poster of the pack: the centre's own number too.
                assert!(
                    folded.contains(&format!("0290 3 600 {n:03}")),
                    "pack {n} page {page}: {folded}"
                );
            }
            if !text.contains("Mã thủ tục:") {
                continue;
            }
            posters += 1;
            assert!(
                folded.contains(&format!(
                    "Nộp hồ sơ tại đây Trung tâm Phục vụ hành chính công xã Số {n}"
                )),
                "pack {n} page {page}: {folded}"
            );
            assert!(
                folded.contains(&format!("Hỏi đáp, phản ánh: 0290 3 600 {n:03}")),
                "pack {n} page {page}: {folded}"
            );
            assert!(
                !folded.contains("0290 3 555 000"),
                "another office's number"
            );
        }
        // 1.000001, 1.000002 (not at commune 7) and 1.000004.
        assert_eq!(posters, if n == 7 { 2 } else { 3 }, "pack {n}");
    }
}

#[test]
fn mistakes_in_rules_are_reported_where_they_are() {
    let offices = common::OFFICES.replace(
        "hours =",
        "receives = [{ level = [\"xa\"] }, { levels = [\"quan\"] }]\nhours =",
    );
    let site = Fixture::new().write("content/catalog/offices.toml", &offices);
    let errors = site.build_errors();
    let typo = find(&errors, "level");
    assert!(typo.location.line.is_some(), "{typo}");
    let offices = common::OFFICES.replace(
        "hours =",
        "receives = [{ levels = [\"quan\"] }, {}]\nhours =",
    );
    let errors = Fixture::new()
        .write("content/catalog/offices.toml", &offices)
        .build_errors();
    find(&errors, "quan");
    find(&errors, "a `receives` rule names nothing");
    // A rule that matches nothing, and an office that receives nothing: warnings.
    let offices = common::OFFICES.replace(
        "hours =",
        "receives = [{ fields = [\"dat-dai\"] }]\nhours =",
    ) + "\n[[office]]\nkey = \"bo-phan-khac\"\nname = \"Bộ phận khác\"\naddress = \"Số 9 Đường Chín\"\n";
    let report = Fixture::new()
        .write("content/catalog/offices.toml", &offices)
        .build_ok();
    let said: Vec<&str> = report.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        said.iter()
            .any(|m| m.contains("rule 1 of `receives` matches no procedure")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|m| m.contains("office `bo-phan-khac` receives no procedure")),
        "{said:?}"
    );
}
