//! Records in the national portal's shapes, made up, for the importer: each section as the
//! crawl writes it (flattened tables, glued cells), with the quirks real ministries' records
//! show — counts glued to counts, empty tables, stray list marks, step text in the document
//! section, lower-case titles glued to legal numbers, sentences where an address belongs,
//! screen text after sections, control characters, sections that are not text. A seeded
//! generator: the same seed gives the same records.

use serde_json::{Value, json};

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const NAMES: [&str; 12] = [
    "Cấp giấy phép nhập khẩu thuốc bảo vệ thực vật",
    "Thủ tục đăng ký tàu biển tạm thời",
    "Cấp chứng chỉ hành nghề kiến trúc",
    "Thủ tục đăng ký biện pháp bảo đảm bằng tàu bay",
    "Công nhận danh hiệu nghệ nhân nhân dân",
    "Cấp giấy chứng nhận đủ điều kiện kinh doanh dịch vụ lữ hành",
    "Thủ tục thẩm định hồ sơ đề nghị xét tặng danh hiệu Nhà giáo nhân dân",
    "Đăng ký thay đổi nội dung giấy chứng nhận đăng ký doanh nghiệp",
    "Cấp lại giấy phép lái xe quốc tế",
    "Hỗ trợ kinh phí đào tạo nghề cho người khuyết tật",
    "Cấp phép khai thác nước mặt",
    "Thủ tục xác nhận hồ sơ cho trẻ em dưới 6 tuổi",
];

const MINISTRIES: [&str; 5] = [
    "Bộ Giao thông vận tải",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Xây dựng",
    "Bộ Y tế",
];

const LEVELS: [&str; 5] = [
    "Cấp tỉnh",
    "Cấp xã",
    "Cấp bộ",
    "Cấp tỉnh, Cấp xã",
    "Cơ quan khác",
];

const STEP_TEXT: &str = "Bước 1: Tổ chức, cá nhân nộp hồ sơ tại bộ phận một cửa.\nBước 2: Cơ quan tiếp nhận kiểm tra hồ\nsơ và trả kết quả.";

/// One channel table: header and rows, glued as the portal's page text is.
fn channels(rng: &mut Rng) -> String {
    let mut out = String::from("Hình thức nộpThời gianPhí, lệ phíMô tả");
    let rows = 1 + rng.below(3);
    for _ in 0..rows {
        let mode = *rng.pick(&["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]);
        let time = match rng.below(5) {
            0 => "5 Ngày làm việc".to_string(),
            1 => format!("{}", 1 + rng.below(30)),
            2 => "Trong ngày".to_string(),
            3 => "Không có thông tin".to_string(),
            _ => "20 Ngày".to_string(),
        };
        let fee = match rng.below(6) {
            0 => "Miễn phí".to_string(),
            1 => "Lệ phí : 50,000 Đồng".to_string(),
            2 => "Phí : 800 Đồng (Phí thẩm định 800.000 đồng/hồ sơ)".to_string(),
            3 => "Không có thông tin".to_string(),
            4 => "Phí : 1250 VNĐ".to_string(),
            _ => "Theo quy định của Hội đồng nhân dân tỉnh".to_string(),
        };
        let note = if rng.chance(30) {
            "Trường hợp hồ sơ đầy đủ, hợp lệ."
        } else {
            ""
        };
        out.push_str(&format!("{mode}{time}{fee}{note}"));
    }
    if rng.chance(10) {
        out = format!("Nộp hồ sơ trực tiếp hoặc qua bưu điện.{out}");
    }
    if rng.chance(5) {
        out = "Hình thức nộpThời gianPhí, lệ phíMô tả".into();
    }
    out
}

/// One documents section: groups of flattened rows with the quirks seen in real records.
fn documents(rng: &mut Rng) -> String {
    const HEADER: &str = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
    match rng.below(10) {
        // No table: the portal put step text there.
        0 => return STEP_TEXT.replace('\n', " "),
        // The header alone.
        1 => return HEADER.into(),
        _ => {}
    }
    let mut out = String::new();
    for group in 0..1 + rng.below(2) {
        if group > 0 || rng.chance(50) {
            let heading: &&str =
                rng.pick(&["* Giấy tờ phải nộp:", "* Giấy tờ phải xuất trình:", "--"]);
            out.push_str(heading);
        }
        out.push_str(HEADER);
        for _ in 0..1 + rng.below(5) {
            let row = match rng.below(9) {
                0 => "+ Giấy phép nhập khẩu: 01 bản chính1 bản chính".to_string(),
                1 => "- Bản sao hợp đồng1 bản chính1 bản sao".to_string(),
                2 => "+ Văn bản xác nhận của cơ quan y tế1 bản chính".to_string(),
                3 => "- Giấy tờ chứng minh gồm một trong các giấy tờ sau:0 bản chính+ Hộ chiếu1 bản chính+ Căn cước0 bản chính,1 bản sao".to_string(),
                4 => "Tờ khai theo mẫuMẫu 01-TK.docx1 bản chính".to_string(),
                5 => "Trường hợp đã có dữ liệu thì không phải nộp.0 bản chính".to_string(),
                6 => "1 bản chính".to_string(),
                7 => "+ Các giấy tờ sau:0 bản chính".to_string(),
                _ => "Đơn đề nghị (01 bản chính) kèm theo danh sách0 bản chính,2 bản sao".to_string(),
            };
            out.push_str(&row);
        }
    }
    if rng.chance(20) {
        out.push_str("Lưu ý: mang theo bản chính để đối chiếu.");
    }
    out
}

fn legal(rng: &mut Rng) -> String {
    let mut out = String::from("Tên văn bản pháp lýMã văn bản");
    let rows: [&str; 9] = [
        "Nghị định quy định chi tiết một số điều của Bộ luật Hàng hải về tàu biển34/2025/NĐ-CP",
        "sửa đổi, bổ sung một số điều của Thông tư hướng dẫn18/2024/TT-BGTVT",
        "Luật Xây dựng 50/2014/QH1350/2014/QH13",
        "quy định xử phạt vi phạm hành chính15/2020/NĐ-CP",
        "Quyết định về việc công bố thủ tục1023/QĐ-BTP",
        "Nghị quyết về mức thu lệ phí01/2024/NQ-HĐND",
        "Thông tư 216/2016/TT-BTC216/2016/TT-BTC",
        "hướng dẫn thi hành Luật05/2025/TT-BNNMT",
        "Văn bản không có số hiệu",
    ];
    for _ in 0..1 + rng.below(4) {
        let row: &&str = rng.pick(&rows);
        out.push_str(row);
    }
    if rng.chance(10) {
        out.push_str("Cơ quan thực hiệnSở Xây dựng");
    }
    out
}

fn results(rng: &mut Rng) -> String {
    let mut out = String::new();
    for n in 0..1 + rng.below(2) {
        out.push_str(&format!(
            "Giấy phép số {n}Mã: KQ.G{:02}.{:06}",
            rng.below(30),
            rng.below(999_999)
        ));
    }
    out.push_str("Từ khóa");
    out.push_str(if rng.chance(30) {
        "cấp phép, giấy phép"
    } else {
        "Không có thông tin"
    });
    out.push_str("Mô tả");
    out.push_str(if rng.chance(30) {
        "Thủ tục áp dụng cho tổ chức, cá nhân đã được cấp phép trước đây; hồ sơ nộp một lần."
    } else {
        "Không có thông tin"
    });
    out.push_str("Chọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành phố --Phường/ XãNộp hồ sơ");
    out
}

fn address(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => "Hồ sơ được nộp trực tiếp hoặc qua dịch vụ bưu chính đến Trung tâm phục vụ hành chính công tỉnh".into(),
        1 => "+ Số 333-335 đường Lê Duẩn".into(),
        2 => "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html".into(),
        3 => "Trung tâm Phục vụ hành chính công tỉnh, số 1 đường Hùng Vương, phường 7\nBưu điện tỉnh, số 3 đường Lý Bôn, phường 2".into(),
        4 => "Uỷ ban nhân dân cấp xã nơi cư trú của người yêu cầu".into(),
        5 => "Bộ phận Một cửa Sở Xây dựng, số 58 đường Trần Phú, phường 5, tỉnh Cà Mau".into(),
        _ => String::new(),
    }
}

fn conditions(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => "Không có thông tinTừ khóaKhông có thông tinMô tả".into(),
        1 => "Tổ chức có đủ năng lực theo quy định.Chọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ"
            .into(),
        2 => "- Điều kiện 1;\n- Điều kiện\n2.".into(),
        _ => "Không có thông tin".into(),
    }
}

/// Text with characters no feed may hold, as a hostile or broken crawl writes them.
fn dirty(rng: &mut Rng, text: &str) -> String {
    if rng.chance(15) {
        format!("{text}\u{0}\u{7}\u{1b}[0m\u{fffe}")
    } else {
        text.to_string()
    }
}

/// Record number `n` (its code is made from it).
pub fn record(rng: &mut Rng, n: usize) -> Value {
    let code = format!("{}.{:06}", 1 + n % 3, 100_000 + n);
    let name = rng.pick(&NAMES).to_string();
    let document_text = documents(rng);
    let documents_section = dirty(rng, &document_text);
    let steps = if rng.chance(10) {
        String::new()
    } else {
        dirty(rng, STEP_TEXT)
    };
    let channel_text = channels(rng);
    let legal_text = legal(rng);
    let conditions_text = conditions(rng);
    let results_text = results(rng);
    let address_text = address(rng);
    let mut record = json!({
        "ma_thu_tuc": code,
        "ten_thu_tuc": dirty(rng, &name),
        "so_quyet_dinh": rng.pick(&["163/QĐ-BTP", "1023/QĐ-BGTVT", "", "Không có thông tin"]),
        "cap_thuc_hien": rng.pick(&LEVELS),
        "loai_thu_tuc": rng.pick(&["TTHC được luật giao quy định chi tiết", "", "Loại khác"]),
        "linh_vuc": rng.pick(&["Hàng hải", "Xây dựng", "", "Văn hóa"]),
        "doi_tuong_thuc_hien": "Công dân Việt Nam, Doanh nghiệp, Tổ chức (trong nước, nước ngoài)",
        "co_quan_co_tham_quyen": rng.pick(&MINISTRIES),
        "co_quan_thuc_hien": rng.pick(&[
            "Sở Xây dựng",
            "Cục Hàng hải Việt Nam",
            "Không có thông tin",
            "Cơ quan giải quyết bồi thường là cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại, hoặc cơ quan có thẩm quyền khác theo quy định tại Luật Trách nhiệm bồi thường của Nhà nước và các văn bản hướng dẫn thi hành có liên quan",
        ]),
        "co_quan_duoc_uy_quyen": "",
        "co_quan_phoi_hop": "Không có thông tin",
        "dia_chi_tiep_nhan": address_text,
        "thu_tuc_lien_quan": rng.pick(&["Không có thông tin", "Cấp lại giấy phép; Gia hạn giấy phép"]),
        "trinh_tu_thuc_hien": steps,
        "cach_thuc_thuc_hien": channel_text,
        "thanh_phan_ho_so": documents_section,
        "can_cu_phap_ly": legal_text,
        "yeu_cau_dieu_kien": conditions_text,
        "ket_qua_xu_ly": results_text,
        "detail_url": rng.pick(&[
            "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1",
            "https://user:secret@example.gov.vn/x",
            "https://example.gov.vn/\"><script>alert(1)</script>",
            "javascript:alert(1)",
        ]),
    });
    if rng.chance(5) {
        record["thanh_phan_ho_so"] = json!({"nhom": ["Đơn đề nghị1 bản chính"], "ghi_chu": "x"});
    }
    if rng.chance(5) {
        record["can_cu_phap_ly"] = json!(["Luật Xây dựng50/2014/QH13", 7, null]);
    }
    record
}

/// `count` records from `seed`.
pub fn records(seed: u64, count: usize) -> Vec<Value> {
    let mut rng = Rng::new(seed);
    (0..count).map(|n| record(&mut rng, n)).collect()
}
