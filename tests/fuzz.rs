//! Property tests over everything that reads untrusted text: the national-record parsers
//! and the site loaders, fed generated and mutated input. The property is that nothing
//! panics or hangs: every input ends in structured data or in reported problems. Bounded
//! (`PROPTEST_CASES`, default below) so CI stays fast.

mod common;

use common::{Fixture, procedure_file, procedure_front};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Text made of the pieces the portal's flattened tables are made of, in any order.
fn portal_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Hình thức nộpThời gianPhí, lệ phíMô tả",
        "Trực tiếp",
        "Trực tuyến",
        "Dịch vụ bưu chính",
        "Ngày làm việc",
        " Ngày",
        "Không có thông tin",
        "Miễn phí",
        "Việt Nam Đồng",
        " VNĐ",
        " USD",
        "50,000",
        "1200",
        "7",
        "(",
        ")",
        "((",
        "/hồ sơ",
        "Tên giấy tờMẫu đơn, tờ khaiSố lượng",
        "* Giấy tờ phải nộp:",
        " bản chính",
        " bản sao",
        ",1 bản sao",
        "0",
        "1",
        "Mẫu TP-LS-01.docx",
        ".doc",
        "Tên văn bản pháp lýMã văn bản",
        "60/2014/QH13",
        "/2015/NĐ-CP",
        "QĐ-TTg",
        "TT-BTP",
        "Luật ",
        "ngày 15/11/2015",
        "ngày 31/2/2020",
        "Mã: ",
        "KQ.G15.000034",
        "Từ khóa",
        "Bước 1:",
        "1. ",
        "a) ",
        "- ",
        "+ ",
        "\n",
        " ",
        ":",
        ";",
        ".",
        "ư",
        "Đ",
        "ệ",
        "\u{300}",
        "\u{feff}",
        "\u{200b}",
        "*",
        "_",
        "`",
        "<b>",
        "#",
        "|",
        "\\",
        "é",
        "😀",
        "\u{0}",
        "\u{7}",
        "\u{1b}[0m",
        "\u{fffe}",
        "\u{ffff}",
        "99999999999999999999",
        "18446744073709551615 VNĐ",
        "1e308",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

fn record(sections: Vec<(&'static str, String)>) -> congkhai::national::RawRecord {
    let mut map: BTreeMap<String, String> = sections
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    map.insert("ma_thu_tuc".into(), "1.000001".into());
    congkhai::national::RawRecord {
        reshaped: Vec::new(),
        file: "fuzz.json".into(),
        row: None,
        code: "1.000001".into(),
        sections: map,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn record_parsers_never_panic(
        name in portal_text(),
        channels in portal_text(),
        documents in portal_text(),
        legal in portal_text(),
        results in portal_text(),
        steps in portal_text(),
        audience in portal_text(),
        any in any::<String>(),
    ) {
        let raw = record(vec![
            ("ten_thu_tuc", name),
            ("cach_thuc_thuc_hien", channels),
            ("thanh_phan_ho_so", documents),
            ("can_cu_phap_ly", legal),
            ("ket_qua_xu_ly", results),
            ("trinh_tu_thuc_hien", steps),
            ("doi_tuong_thuc_hien", audience),
            ("yeu_cau_dieu_kien", any.clone()),
            ("co_quan_thuc_hien", any.clone()),
            ("so_quyet_dinh", any),
        ]);
        let mut warnings = Vec::new();
        let mut counts = congkhai::national::Counts::default();
        let parsed = congkhai::national::parse(&raw, &mut warnings, &mut counts);
        prop_assert_eq!(parsed.code, "1.000001");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(60)
    ))]

    /// A procedure file with bytes changed, removed or inserted: the build reports problems
    /// (or succeeds); it never panics.
    #[test]
    fn loaders_never_panic_on_mutated_files(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12),
        value in any::<String>(),
    ) {
        let text = procedure_file(&procedure_front("1.000001", "Đăng ký khai sinh"), "Khai sinh.\n");
        let mut bytes = text.into_bytes();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len().max(1));
            match op {
                0 if i < bytes.len() => bytes[i] = byte,
                1 if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.insert(i.min(bytes.len()), byte),
            }
        }
        let period = format!(
            "[period]\nkind = \"quarter\"\nstart = 2025-01-01\nend = 2025-03-31\nsource = {}\n[[scope]]\n[scope.counts]\nreceived = 1\n",
            toml_quoted(&value)
        );
        let site = Fixture::new()
            .write("content/statistics/2025-q1.toml", &period)
            .write("content/pages/gioi-thieu.md", &format!("+++\ntitle = {}\n+++\n{value}\n", toml_quoted(&value)));
        std::fs::write(site.root().join("content/procedures/1.000001.md"), &bytes).unwrap();
        let _ = congkhai::check(site.root());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24)
    ))]

    /// Names full of control characters and numbers of any size: the build refuses them
    /// with errors, or publishes files that hold no control character and no amount a
    /// JavaScript reader would round.
    #[test]
    fn outputs_hold_no_control_character_and_no_unbounded_number(
        name in "[a-zà-ỹ \\x00-\\x1f\\x7f\\u{fffe}\\u{ffff}]{1,30}",
        escaped in prop::bool::weighted(0.25),
        amount in prop_oneof![3 => 0..=congkhai::validate::FEE_MAX, 1 => any::<u64>()],
        index in prop_oneof![3 => 0.0..=100.0f64, 1 => any::<f64>()],
    ) {
        // The name raw in the Markdown (removed at load, with a warning), and in the front
        // matter either as TOML escapes (refused) or without its control characters.
        let in_toml = if escaped {
            toml_quoted(&name)
        } else {
            toml_quoted(&name.chars().filter(|c| !congkhai::source::is_forbidden(*c)).collect::<String>())
        };
        let front = procedure_front("1.000001", "Đăng ký khai sinh")
            .replace("short_name = \"Đăng ký khai sinh\"", &format!("short_name = {in_toml}"))
            .replace("amount = 50000", &format!("amount = {amount}"));
        let indices = format!(
            "[[index]]\nname = \"PAR INDEX\"\nyear = 2024\nvalue = {}\nsource = \"Bộ Nội vụ\"\n",
            if index.is_finite() { format!("{index:?}") } else { "1.0".into() }
        );
        let site = Fixture::new()
            .write("content/procedures/1.000001.md", &procedure_file(&front, &format!("{name}\n")))
            .write("content/statistics/indices.toml", &indices);
        if site.build().is_ok() {
            for (file, bytes) in common::tree(&site.output()) {
                let text_file = [".html", ".xml", ".json", ".jsonl", ".jsonld", ".csv", ".svg"]
                    .iter()
                    .any(|t| file.ends_with(t));
                if text_file {
                    let text = String::from_utf8_lossy(&bytes);
                    prop_assert!(!text.chars().any(congkhai::source::is_forbidden), "{}", file);
                }
            }
            prop_assert!(amount <= congkhai::validate::FEE_MAX);
            prop_assert!(!index.is_finite() || (0.0..=100.0).contains(&index));
        }
    }
}

fn toml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
