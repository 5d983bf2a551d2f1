//! `congkhai new`: a minimal working site, and a procedure file with every field of the
//! record, commented in Vietnamese, listing the keys this site's catalogues declare.

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostics;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} exists and is not empty; choose a new folder")]
    NotEmpty(PathBuf),
    #[error("{0} exists already; it is never overwritten")]
    Exists(PathBuf),
    #[error("`{0}` is not a national procedure code like 1.001193")]
    BadCode(String),
    #[error("the site's catalogues have errors; run `congkhai check` first")]
    Catalog(Diagnostics),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn write(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

const SITE_FILES: &[(&str, &str)] = &[
    (
        ".gitignore",
        "# The built site and what the last build keeps beside it; an import's lock and staging.\nsite/\n.site.congkhai-*\n.congkhai-import*\n",
    ),
    (
        "congkhai.toml",
        r#"# Cấu hình trang công khai thủ tục hành chính (xem docs/content-format.md của congkhai).
title = "Công khai thủ tục hành chính"
authority = "Ủy ban nhân dân tỉnh"
# Địa chỉ trang web, in trong mã QR: tên miền do tỉnh quản lý, https, càng ngắn càng tốt.
base_url = "https://tthc.example.gov.vn/"

[[hotlines]]
label = "Đường dây nóng"
number = "0290 3 …"                    # số đường dây nóng của tỉnh

# Tên gọi thường ngày của thủ tục, để ô tìm kiếm hiểu (thêm vào bộ có sẵn: sổ đỏ, bằng lái…).
# [search]
# synonyms = [
#   { words = ["sổ đỏ", "sổ hồng"], means = "giấy chứng nhận quyền sử dụng đất" },
# ]

# Dữ liệu mở (/du-lieu/): giấy phép và ngày cập nhật (mặc định: ngày thay đổi gần nhất).
# [open_data]
# license = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
# license_url = "https://creativecommons.org/licenses/by/4.0/"

# Bộ áp phích PDF (/ap-phich/pdf/…): mỗi nơi tiếp nhận, mỗi lĩnh vực một tệp để in.
# [print]
# pdf = true
"#,
    ),
    (
        "content/catalog/levels.toml",
        "[[level]]\nkey = \"tinh\"\nname = \"Cấp tỉnh\"\n\n[[level]]\nkey = \"xa\"\nname = \"Cấp xã\"\n",
    ),
    (
        "content/catalog/fields.toml",
        "[[field]]\nkey = \"ho-tich\"\nname = \"Hộ tịch\"\n",
    ),
    (
        "content/catalog/agencies.toml",
        "[[agency]]\nkey = \"ubnd-xa\"\nname = \"Ủy ban nhân dân xã, phường\"\nlevel = \"xa\"\n",
    ),
    (
        "content/catalog/offices.toml",
        r#"[[office]]
key = "ttpvhcc-xa"
name = "Trung tâm Phục vụ hành chính công xã"
address = "Số …, xã …, tỉnh …"
hotline = "0290 3 …"
hours = [{ days = ["mon", "tue", "wed", "thu", "fri"], opens = "07:00", closes = "11:30" }]
"#,
    ),
    (
        "content/catalog/vocabulary.toml",
        r#"[[kind]]
key = "tthc-chung"
label = "Thủ tục hành chính không được luật giao cho địa phương quy định"

[[audience]]
key = "cong-dan"
label = "Công dân Việt Nam"

[[audience]]
key = "to-chuc"
label = "Tổ chức"

[[channel]]
key = "truc-tiep"
label = "Trực tiếp"

[[channel]]
key = "truc-tuyen"
label = "Trực tuyến"

[[channel]]
key = "buu-chinh"
label = "Dịch vụ bưu chính"

[[time_unit]]
key = "ngay-lam-viec"
label = "Ngày làm việc"

[[fee_kind]]
key = "le-phi"
label = "Lệ phí"

[[fee_kind]]
key = "phi"
label = "Phí"
"#,
    ),
    (
        "content/procedures/1.001193.md",
        r#"+++
code = "1.001193"
name = "Thủ tục đăng ký khai sinh"
short_name = "Đăng ký khai sinh"
field = "ho-tich"
levels = ["xa"]
kind = "tthc-chung"
audience = ["cong-dan"]
offices = ["ttpvhcc-xa"]
online = "none"
updated = 2025-07-01
steps = ["Nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã.", "Nhận Giấy khai sinh."]

[agencies]
competent = ["ubnd-xa"]

[[channels]]
mode = "truc-tiep"
time_limit = { note = "Ngay trong ngày tiếp nhận hồ sơ" }
fees = [{ kind = "le-phi", text = "Miễn lệ phí đăng ký khai sinh đúng hạn" }]
+++
Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam.
"#,
    ),
    (
        "content/pages/gioi-thieu.md",
        "+++\ntitle = \"Giới thiệu\"\nmenu_order = 1\n+++\nTrang công khai thủ tục hành chính.\n",
    ),
];

/// Writes a minimal site that builds, into `dir` (absent or empty).
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let mut written = Vec::new();
    for (name, text) in SITE_FILES {
        let path = dir.join(name);
        write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `content/procedures/<code>.md` with every field, ready to fill in.
pub fn new_procedure(
    root: &Path,
    code: &str,
    today: crate::date::Date,
) -> Result<PathBuf, ScaffoldError> {
    if !crate::procedure::is_valid_code(code) {
        return Err(ScaffoldError::BadCode(code.to_string()));
    }
    let path = root
        .join(crate::load::PROCEDURES_DIR)
        .join(format!("{code}.md"));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let mut diags = Diagnostics::new();
    let catalog = crate::catalog::load(root, &mut diags);
    let catalog = match catalog {
        Some(c) if !diags.has_errors() => c,
        _ => return Err(ScaffoldError::Catalog(diags)),
    };
    write(&path, &procedure_template(&catalog, code, today))?;
    Ok(path)
}

/// "ho-tich (Hộ tịch), dat-dai (Đất đai)", for a `#` comment: a name with a line break or
/// another control character cannot end the comment and inject a line of TOML.
fn choices<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let one_line = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    items
        .map(|(k, l)| format!("{k} ({})", one_line(l)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first<'a>(mut keys: impl Iterator<Item = &'a str>) -> &'a str {
    keys.next().unwrap_or("")
}

fn procedure_template(c: &Catalog, code: &str, today: crate::date::Date) -> String {
    let v = &c.vocabulary;
    let fields = || c.fields.iter().map(|f| (f.key.as_str(), f.name.as_str()));
    let levels = || c.levels.iter().map(|l| (l.key.as_str(), l.name.as_str()));
    let agencies = || c.agencies.iter().map(|a| (a.key.as_str(), a.name.as_str()));
    let offices = || c.offices.iter().map(|o| (o.key.as_str(), o.name.as_str()));
    fn terms(t: &[crate::catalog::Term]) -> Vec<(&str, &str)> {
        t.iter()
            .map(|t| (t.key.as_str(), t.label.as_str()))
            .collect()
    }
    let mut s = String::new();
    let _ = write!(
        s,
        r#"+++
# Thủ tục {code}. Điền các trường dưới đây, rồi chạy `congkhai check`.
# Các trường có dấu (*) là bắt buộc. Cú pháp: TOML; ngày viết 2025-07-01.

code = "{code}"                      # (*) mã thủ tục quốc gia, trùng tên tệp, không đổi
# local_code = "{code}.000.00.00.H12"  # mã thủ tục tại địa phương (nếu có)
name = ""                             # (*) tên đầy đủ của thủ tục
# short_name = ""                     # tên ngắn, dùng trong danh sách và áp phích

# (*) lĩnh vực, một trong: {field_choices}
field = "{field}"
# other_fields = []                   # các lĩnh vực khác thủ tục cũng thuộc về
# (*) cấp thực hiện, một hoặc nhiều trong: {level_choices}
levels = ["{level}"]
# (*) loại thủ tục: {kind_choices}
kind = "{kind}"
# đối tượng thực hiện: {audience_choices}
audience = ["{audience}"]
# nơi tiếp nhận hồ sơ: {office_choices}
offices = ["{office}"]

# (*) dịch vụ công trực tuyến: "full" (toàn trình), "partial" (một phần), "none",
# "unknown" (nguồn chưa công bố)
online = "none"
# online_url = "https://dichvucong.gov.vn/…"   # nơi nộp trực tuyến (không in vào mã QR)

updated = {today}                     # (*) ngày cập nhật
# status = "active"                   # "active", "repealed" (bãi bỏ), "replaced" (thay thế)
# replaced_by = "1.000000"            # mã thủ tục thay thế (khi status = "replaced")
# repealed_on = 2025-07-01            # ngày hết hiệu lực (khi bãi bỏ hoặc thay thế)
# effective = 2025-07-01              # ngày có hiệu lực; trước ngày này chỉ thông báo, chưa liệt kê

keywords = []                         # từ người dân hay dùng để tìm, ví dụ ["lấy vợ"]
# life_events = []
related = []                          # mã các thủ tục liên quan

# Yêu cầu, điều kiện (Markdown); để trống nghĩa là "Không".
conditions = ""

# Trình tự thực hiện, mỗi bước một chuỗi (Markdown).
steps = [
  "Bước 1: …",
]

# Cơ quan: {agency_choices}
[agencies]
competent = ["{agency}"]              # cơ quan có thẩm quyền
executing = ["{agency}"]              # cơ quan thực hiện
# delegated = []                      # cơ quan được ủy quyền
# cooperating = []                    # cơ quan phối hợp

# Cách thức thực hiện, mỗi cách một khối [[channels]].
# mode: {channel_choices}; đơn vị thời hạn: {unit_choices}; loại phí: {fee_choices}
[[channels]]
mode = "{channel}"
# condition = ""                      # áp dụng khi nào, nếu một cách thức có nhiều dòng
time_limit = {{ note = "…" }}          # số và đơn vị: {{ amount = 5, unit = "{unit}" }}
fees = [{{ kind = "{fee}", text = "…" }}]   # số tiền: amount = 50000; unit = "hồ sơ": tính cho mỗi hồ sơ
# fees_unknown = true                 # nguồn không công bố phí (thay cho fees)
# description = ""

# Thành phần hồ sơ: nhóm [[documents]], mỗi giấy tờ một [[documents.items]].
[[documents]]
title = "Giấy tờ phải nộp"
[[documents.items]]
name = "Tờ khai theo mẫu"
originals = 1
copies = 0
# required = false                    # giấy tờ "nếu có"
# forms = ["ten-mau.docx"]            # tệp trong content/forms/
# form_names = ["Mẫu TP-01.docx"]     # tên mẫu đơn quốc gia chưa có tệp trên trang
# kind = "heading"                    # dòng tiêu đề ("… gồm:"), hoặc "note" cho dòng ghi chú
# one_of = true                       # (tiêu đề) các giấy tờ bên dưới là lựa chọn thay thế
# sub = true                          # giấy tờ thuộc dòng tiêu đề phía trên

# Kết quả thực hiện.
[[results]]
name = ""
# code = "KQ.G15.000000"
# electronic = true

# Căn cứ pháp lý.
[[legal_basis]]
number = ""
title = ""
# date = 2014-11-20
# issuer = ""                         # cơ quan ban hành

# Quyết định công bố thủ tục (ngày và cơ quan có thể để trống).
# [[decisions]]
# number = ""
# date = 2025-07-01
# issuer = ""
# effective = 2025-07-01              # ngày có hiệu lực, nếu khác ngày ký
# kind = "announced"                  # "announced" (công bố), "amended", "replaced", "repealed"

# Thay đổi lớn (sửa lỗi nhỏ thì không ghi), hiện trong lịch sử thay đổi và nguồn tin Atom.
# [[changes]]
# date = 2025-07-01                   # ngày có hiệu lực
# note = ""                           # thay đổi gì, viết cho người dân hiểu
# decision = ""                       # số quyết định, nếu có

# Nguồn: bản ghi trên Cơ sở dữ liệu quốc gia về thủ tục hành chính.
# [source]
# issuer = "Bộ Tư pháp"
# url = "https://dichvucong.gov.vn/…"
+++
Thủ tục này dùng để làm gì, ai cần làm (Markdown).
"#,
        today = today.to_iso(),
        field_choices = choices(fields()),
        field = first(fields().map(|f| f.0)),
        level_choices = choices(levels()),
        level = first(levels().map(|l| l.0)),
        kind_choices = choices(terms(&v.kinds).into_iter()),
        kind = first(v.kinds.iter().map(|t| t.key.as_str())),
        audience_choices = choices(terms(&v.audiences).into_iter()),
        audience = first(v.audiences.iter().map(|t| t.key.as_str())),
        office_choices = choices(offices()),
        office = first(offices().map(|o| o.0)),
        agency_choices = choices(agencies()),
        agency = first(agencies().map(|a| a.0)),
        channel_choices = choices(terms(&v.channels).into_iter()),
        channel = first(v.channels.iter().map(|t| t.key.as_str())),
        unit_choices = choices(terms(&v.time_units).into_iter()),
        unit = first(v.time_units.iter().map(|t| t.key.as_str())),
        fee_choices = choices(terms(&v.fee_kinds).into_iter()),
        fee = first(v.fee_kinds.iter().map(|t| t.key.as_str())),
    );
    s
}
