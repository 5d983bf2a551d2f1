//! `congkhai import`: the portal's procedure lists become a site that builds; existing
//! files are never overwritten; `--update` refreshes only what the list says.

mod common;

use common::Fixture;
use std::path::PathBuf;

fn shared_lists() -> Option<PathBuf> {
    common::shared_data("dvcqg-lists")
}

#[test]
fn the_real_portal_lists_import_into_a_site_that_builds() {
    let Some(lists) = shared_lists() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("tinh");
    congkhai::scaffold::new_site(&site).unwrap();
    let mut created = 0;
    for (file, expected_new) in [
        ("danh-sach-tthc-BoTuPhap.xlsx", 270),
        ("toa-an-nhan-dan.xlsx", 3),
    ] {
        let report = congkhai::import::import(&congkhai::import::Options {
            root: site.clone(),
            list: lists.join(file),
            level: None,
            kind: None,
            update: false,
            today: congkhai::date::Date::today(),
        })
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(report.created.len(), expected_new, "{file}");
        assert!(report.skipped.is_empty(), "{file}: {:?}", report.skipped);
        // Two cells hold a paragraph where an agency's name belongs: said, not made an
        // agency (a name that long could not be printed).
        for w in &report.warnings {
            assert!(w.contains("where an agency's name belongs"), "{file}: {w}");
        }
        created += report.created.len();
        println!(
            "{file}: {} new procedures, {} kept, {} new fields, {} new agencies",
            report.created.len(),
            report.kept.len(),
            report.new_fields.len(),
            report.new_agencies.len()
        );
    }
    let report = congkhai::build(&congkhai::BuildOptions {
        root: site.clone(),
        output: site.join("site"),
        force: false,
        date: None,
    })
    .unwrap_or_else(|e| panic!("the imported site does not build: {e:?}"));
    assert_eq!(
        report.procedures,
        created + 1,
        "the new site's own procedure and every imported one"
    );
    // Multi-line agency cells became several agencies with ASCII keys.
    let court = std::fs::read_to_string(site.join("content/procedures/3.000164.md")).unwrap();
    assert!(
        court.contains("executing = [\"tand-cap-cao\", \"tand-tinh-tp-truc\""),
        "{court}"
    );
    let agencies = std::fs::read_to_string(site.join("content/catalog/agencies.toml")).unwrap();
    assert!(agencies.contains("name = \"Tòa án nhân dân cấp cao\""));
}

const LIST: &str = "\"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nDANH SÁCH THỦ TỤC HÀNH CHÍNH\",,,,\n\
Mã số,Tên,Cơ quan ban hành,Cơ quan thực hiện,Lĩnh vực\n\
1.000001 ,Đăng ký khai sinh  ,Bộ Tư pháp,\"Ủy ban nhân dân xã\n\",Hộ tịch \n\
2.000100,Cấp phiếu lý lịch tư pháp,Bộ Tư pháp,\"Sở Tư pháp\nTrung tâm Lý lịch tư pháp quốc gia\",Lý lịch tư pháp\n\
khong-phai-ma,Dòng hỏng,,,\n\
3.000300,Cấp giấy chứng nhận kiểm dịch,Bộ Nông nghiệp,Chi cục Trồng trọt,\"Trồng trọt và Bảo vệ thực vật\nTrồng trọt\"\n";

#[test]
fn a_csv_list_imports_with_keys_reuse_and_row_numbers() {
    let site = Fixture::new().write("list.csv", LIST);
    let out = site.run(&["import", "list.csv"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("row 5: `khong-phai-ma` is not a procedure code"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 procedure exists already and was left as it is"),
        "1.000001 is the fixture's own: {stderr}"
    );
    let text = std::fs::read_to_string(site.root().join("content/procedures/2.000100.md")).unwrap();
    assert!(text.contains("name = \"Cấp phiếu lý lịch tư pháp\""));
    assert!(text.contains("field = \"ly-lich-tu-phap\""));
    assert!(text.contains("executing = [\"so-tu-phap\", \"trung-tam-ly-lich\"]"));
    let fields = std::fs::read_to_string(site.root().join("content/catalog/fields.toml")).unwrap();
    assert_eq!(
        fields.matches("name = \"Hộ tịch\"").count(),
        1,
        "an existing field is reused"
    );
    // A multi-line field cell lists two fields, not one invented field.
    let two = std::fs::read_to_string(site.root().join("content/procedures/3.000300.md")).unwrap();
    assert!(
        two.contains("field = \"trong-trot-va-bao\"\nother_fields = [\"trong-trot\"]"),
        "{two}"
    );
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    assert!(
        site.page("linh-vuc/trong-trot/index.html")
            .contains("Cấp giấy chứng nhận kiểm dịch")
    );
}

#[test]
fn update_refreshes_only_what_the_list_says() {
    let site = Fixture::new().write("list.csv", LIST);
    assert_eq!(site.run(&["import", "list.csv"]).status.code(), Some(0));
    let path = site.root().join("content/procedures/2.000100.md");
    let edited = std::fs::read_to_string(&path).unwrap().replace(
        "online = \"unknown\"",
        "online = \"unknown\"\n# ghi chú của biên tập viên\nkeywords = [\"lý lịch\"]",
    ) + "Phần mô tả do biên tập viên viết.\n";
    std::fs::write(&path, &edited).unwrap();
    // Without --update, nothing changes.
    assert_eq!(site.run(&["import", "list.csv"]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // With --update, only the name, field and agencies follow the list.
    let renamed = LIST.replace(
        "Cấp phiếu lý lịch tư pháp",
        "Cấp Phiếu lý lịch tư pháp cho công dân",
    );
    let site = site.write("list.csv", &renamed);
    let out = site.run(&["import", "list.csv", "--update"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let updated = std::fs::read_to_string(&path).unwrap();
    assert!(updated.contains("name = \"Cấp Phiếu lý lịch tư pháp cho công dân\""));
    assert!(
        updated.contains("# ghi chú của biên tập viên\nkeywords = [\"lý lịch\"]"),
        "{updated}"
    );
    assert!(updated.ends_with("Phần mô tả do biên tập viên viết.\n"));
    assert_eq!(site.run(&["check"]).status.code(), Some(0));
}
