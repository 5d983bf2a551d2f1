//! Tests of `import`.

use super::*;

fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn reads_rows_below_the_title_block_and_header() {
    let t = table(&[
        &[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nDANH SÁCH THỦ TỤC HÀNH CHÍNH",
            "",
            "",
            "",
            "",
        ],
        &[
            "Mã số",
            "Tên",
            "Cơ quan ban hành",
            "Cơ quan thực hiện",
            "Lĩnh vực",
        ],
        &[
            "1.001193 ",
            "Đăng ký  khai sinh ",
            "Bộ Tư pháp",
            "UBND cấp xã\nSở Tư pháp\n",
            "Hộ tịch",
        ],
        &["", "", "", "", ""],
        &["abc", "x", "", "", ""],
        &["1.001193", "again", "", "", ""],
    ]);
    let (rows, problems) = rows_of(&t).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].code, "1.001193");
    assert_eq!(rows[0].name, "Đăng ký khai sinh");
    assert_eq!(rows[0].agencies, ["UBND cấp xã", "Sở Tư pháp"]);
    assert_eq!(rows[0].line, 3);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("row 5:"));
}

#[test]
fn keys_are_short_ascii_words_from_the_name() {
    assert_eq!(key_of("Hộ tịch"), "ho-tich");
    assert_eq!(key_of("Đăng ký, quản lý cư trú"), "dang-ky-quan-ly-cu");
    assert!(
        key_of("Tòa án nhân dân cấp huyện, quận, thị xã, thành phố thuộc tỉnh và tương đương")
            .len()
            <= KEY_MAX
    );
    assert!(key_of(&"Chuyểnnhượngquyềnsửdụngđất".repeat(3)).len() <= KEY_MAX);
    assert!(catalog::is_valid_key(&key_of("Sở Tư pháp (cũ)")));
}

#[test]
fn a_new_name_gets_a_short_key_that_is_not_taken() {
    let mut names = Names::new([("ho-tich", "Hộ tịch")].into_iter());
    let mut new = Vec::new();
    assert_eq!(
        names.key("Hộ Tịch", &mut new),
        "ho-tich",
        "same name, any case"
    );
    assert_eq!(
        names.key("Hộ-tịch.", &mut new),
        "ho-tich",
        "same name, any punctuation"
    );
    assert!(new.is_empty());
    assert_eq!(
        names.key("Đăng ký, quản lý cư trú", &mut new),
        "dang-ky-quan-ly-cu"
    );
    assert_eq!(
        names.key("Đăng ký, quản lý cư dân", &mut new),
        "dang-ky-quan-ly-2"
    );
    assert_eq!(new.len(), 2);
    assert_eq!(
        key_of("Ủy ban Nhân dân xã, phường, thị trấn"),
        "ubnd-xa-phuong-thi"
    );
    assert_eq!(key_of("Tòa án nhân dân cấp cao"), "tand-cap-cao");
}
