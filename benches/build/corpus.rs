//! A synthetic but realistic province for benchmarks: N procedures with every field of the
//! national record filled, Vietnamese text with diacritics, 20 fields, 3 levels, 50
//! agencies, 20 offices, four statistics periods. Deterministic for a seed. The same
//! procedures are also written as a Hugo site that makes the same kinds of files (see
//! [`write_hugo`]), so both generators do comparable work.

use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIELDS: &[&str] = &[
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Hoạt động xây dựng",
    "Thành lập và hoạt động doanh nghiệp",
    "Đường bộ",
    "Bảo trợ xã hội",
    "Thủy sản",
    "Lý lịch tư pháp",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Môi trường",
    "Lao động",
    "Người có công",
    "Văn hóa",
    "Du lịch",
    "Công thương",
    "Nông nghiệp",
    "Tài nguyên nước",
    "Thông tin và Truyền thông",
];
const VERBS: &[&str] = &[
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Phê duyệt",
    "Chấp thuận",
    "Hỗ trợ",
    "Giải quyết",
];
const OBJECTS: &[&str] = &[
    "giấy phép hoạt động",
    "giấy chứng nhận đủ điều kiện",
    "giấy xác nhận",
    "chứng chỉ hành nghề",
    "hồ sơ đề nghị",
    "quyết định công nhận",
    "giấy phép kinh doanh",
    "trợ cấp hằng tháng",
    "thông báo thay đổi",
    "bản sao trích lục",
    "giấy chứng nhận đăng ký",
    "phương án sản xuất",
];
const QUALIFIERS: &[&str] = &[
    "đối với cá nhân",
    "đối với tổ chức",
    "cho hộ gia đình",
    "có yếu tố nước ngoài",
    "tại cấp xã",
    "trường hợp bị mất, hư hỏng",
    "trong khu công nghiệp",
    "cho người khuyết tật",
    "lần đầu",
    "khi thay đổi nội dung",
    "cho doanh nghiệp nhỏ và vừa",
    "ở vùng sâu, vùng xa",
];
const SENTENCES: &[&str] = &[
    "Thủ tục này dành cho người dân, tổ chức có nhu cầu và đáp ứng đủ điều kiện theo quy định.",
    "Hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia.",
    "Kết quả được trả trực tiếp, qua dịch vụ bưu chính hoặc bản điện tử trong tài khoản của người nộp.",
    "Trường hợp hồ sơ chưa đầy đủ, công chức hướng dẫn bổ sung một lần bằng văn bản.",
    "Người nộp có thể theo dõi tình trạng hồ sơ bằng mã số ghi trên phiếu hẹn.",
    "Thời hạn giải quyết tính theo ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Phí, lệ phí được nộp trực tiếp hoặc thanh toán trực tuyến.",
    "Cơ quan giải quyết có trách nhiệm xin lỗi bằng văn bản nếu trả kết quả quá hạn.",
];
const DOCUMENTS: &[&str] = &[
    "Tờ khai (Mẫu số 01)",
    "Bản sao giấy tờ tùy thân",
    "Giấy tờ chứng minh nơi cư trú",
    "Bản vẽ hoặc sơ đồ vị trí",
    "Giấy ủy quyền (nếu nộp thay)",
    "Văn bản đề nghị của tổ chức",
    "Giấy chứng nhận đã được cấp",
    "Biên bản kiểm tra thực tế",
    "Ảnh chân dung 4x6 cm",
];

/// Procedure code number `i` (1-based) as `N.NNNNNN`.
pub fn code(i: usize) -> String {
    format!("{}.{:06}", 1 + i / 1_000_000, i % 1_000_000)
}

fn key(prefix: &str, i: usize) -> String {
    format!("{prefix}-{}", i + 1)
}

fn q(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

struct Procedure {
    code: String,
    name: String,
    field: usize,
    levels: Vec<&'static str>,
    agency: usize,
    offices: [usize; 2],
    days: usize,
    fee: usize,
    description: String,
    documents: Vec<&'static str>,
}

fn procedures(n: usize, seed: u64) -> Vec<Procedure> {
    let mut rng = Rng::new(seed);
    (1..=n)
        .map(|i| {
            let name = format!(
                "{} {} {}",
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(QUALIFIERS)
            );
            let levels = match rng.below(3) {
                0 => vec!["tinh"],
                1 => vec!["xa"],
                _ => vec!["tinh", "xa"],
            };
            let sentences: Vec<&str> = (0..3).map(|_| rng.pick(SENTENCES)).collect();
            let documents = (0..3 + rng.below(4)).map(|_| rng.pick(DOCUMENTS)).collect();
            Procedure {
                code: code(i),
                name,
                field: rng.below(FIELDS.len()),
                levels,
                agency: rng.below(50),
                // Two different offices (a list naming one twice is an error).
                offices: {
                    let first = rng.below(20);
                    [first, (first + 1 + rng.below(19)) % 20]
                },
                days: 1 + rng.below(30),
                fee: rng.below(5) * 25_000,
                description: sentences.join(" "),
                documents,
            }
        })
        .collect()
}

/// Writes a congkhai site of `n` procedures into `dir`, with or without print packs.
pub fn write_congkhai(dir: &Path, n: usize, seed: u64, packs: bool) -> std::io::Result<()> {
    let w = |rel: &str, text: &str| -> std::io::Result<()> {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(path, text)
    };
    w(
        "congkhai.toml",
        &format!(
            "title = \"Thủ tục hành chính tỉnh Mẫu\"\nauthority = \"Ủy ban nhân dân tỉnh Mẫu\"\nbase_url = \"https://tthc.mau.gov.vn/\"\n\n[[hotlines]]\nlabel = \"Đường dây nóng\"\nnumber = \"0290 3 555 010\"\n{}",
            if packs {
                ""
            } else {
                "\n[print]\npdf = false\n"
            }
        ),
    )?;
    w(
        "content/catalog/levels.toml",
        "[[level]]\nkey = \"tinh\"\nname = \"Cấp tỉnh\"\n\n[[level]]\nkey = \"huyen\"\nname = \"Cấp huyện\"\nuntil = 2025-07-01\n\n[[level]]\nkey = \"xa\"\nname = \"Cấp xã\"\n",
    )?;
    let mut fields = String::new();
    for (i, name) in FIELDS.iter().enumerate() {
        let _ = write!(
            fields,
            "[[field]]\nkey = \"{}\"\nname = {}\n\n",
            key("linh-vuc", i),
            q(name)
        );
    }
    w("content/catalog/fields.toml", &fields)?;
    let mut agencies = String::new();
    for i in 0..50 {
        let _ = write!(
            agencies,
            "[[agency]]\nkey = \"{}\"\nname = \"Cơ quan giải quyết số {}\"\nlevel = \"{}\"\n\n",
            key("co-quan", i),
            i + 1,
            if i < 20 { "tinh" } else { "xa" }
        );
    }
    w("content/catalog/agencies.toml", &agencies)?;
    let mut offices = String::new();
    for i in 0..20 {
        let _ = write!(
            offices,
            "[[office]]\nkey = \"{}\"\nname = \"Trung tâm Phục vụ hành chính công số {}\"\naddress = \"Số {} đường Hùng Vương, phường {}, tỉnh Mẫu\"\nhotline = \"0290 3 555 {:03}\"\nhours = [{{ days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], opens = \"07:00\", closes = \"11:30\" }}]\n\n",
            key("ttpvhcc", i),
            i + 1,
            i + 1,
            i + 1,
            i
        );
    }
    w("content/catalog/offices.toml", &offices)?;
    w(
        "content/catalog/vocabulary.toml",
        "[[kind]]\nkey = \"chung\"\nlabel = \"Thủ tục hành chính chung\"\n\n[[audience]]\nkey = \"cong-dan\"\nlabel = \"Công dân Việt Nam\"\n\n[[audience]]\nkey = \"to-chuc\"\nlabel = \"Tổ chức\"\n\n[[channel]]\nkey = \"truc-tiep\"\nlabel = \"Trực tiếp\"\n\n[[channel]]\nkey = \"truc-tuyen\"\nlabel = \"Trực tuyến\"\n\n[[time_unit]]\nkey = \"ngay-lam-viec\"\nlabel = \"Ngày làm việc\"\n\n[[fee_kind]]\nkey = \"le-phi\"\nlabel = \"Lệ phí\"\n",
    )?;
    for p in procedures(n, seed) {
        let mut t = String::with_capacity(3000);
        let levels: Vec<String> = p.levels.iter().map(|l| q(l)).collect();
        let _ = write!(
            t,
            "+++\ncode = \"{code}\"\nlocal_code = \"{code}.000.00.00.H99\"\nname = {name}\nshort_name = {short}\nfield = \"{field}\"\nlevels = [{levels}]\nkind = \"chung\"\naudience = [\"cong-dan\", \"to-chuc\"]\noffices = [\"{o1}\", \"{o2}\"]\nonline = \"partial\"\nonline_url = \"https://dichvucong.gov.vn/tthc/{code}\"\nupdated = 2025-07-15\nkeywords = [\"từ khóa {code}\", \"thủ tục\"]\nconditions = \"Người đề nghị phải có đủ năng lực hành vi dân sự.\"\nsteps = [\"Chuẩn bị và nộp hồ sơ.\", \"Cơ quan tiếp nhận kiểm tra, giải quyết.\", \"Nhận kết quả.\"]\n\n[agencies]\ncompetent = [\"{agency}\"]\nexecuting = [\"{agency}\"]\n\n[[channels]]\nmode = \"truc-tiep\"\ntime_limit = {{ amount = {days}, unit = \"ngay-lam-viec\" }}\nfees = [{{ kind = \"le-phi\", amount = {fee} }}]\n\n[[channels]]\nmode = \"truc-tuyen\"\ntime_limit = {{ amount = {days}, unit = \"ngay-lam-viec\" }}\nfees = [{{ kind = \"le-phi\", amount = {fee}, text = \"giảm 50 % khi nộp trực tuyến\" }}]\n\n[[documents]]\ntitle = \"Giấy tờ phải nộp\"\n",
            code = p.code,
            name = q(&format!("Thủ tục {}", p.name.to_lowercase())),
            short = q(&p.name),
            field = key("linh-vuc", p.field),
            levels = levels.join(", "),
            o1 = key("ttpvhcc", p.offices[0]),
            o2 = key("ttpvhcc", p.offices[1]),
            agency = key("co-quan", p.agency),
            days = p.days,
            fee = p.fee,
        );
        for d in &p.documents {
            let _ = write!(
                t,
                "[[documents.items]]\nname = {}\noriginals = 1\ncopies = 1\n",
                q(d)
            );
        }
        let _ = write!(
            t,
            "\n[[results]]\nname = \"Giấy chứng nhận\"\nelectronic = true\n\n[[legal_basis]]\nnumber = \"12/2025/NĐ-CP\"\ntitle = \"Nghị định quy định chi tiết\"\ndate = 2025-01-15\n\n[[decisions]]\nnumber = \"1520/QĐ-UBND\"\ndate = 2025-07-15\nissuer = \"Chủ tịch Ủy ban nhân dân tỉnh\"\n+++\n{}\n",
            p.description
        );
        w(
            &format!(
                "content/procedures/{}/{}.md",
                key("linh-vuc", p.field),
                p.code
            ),
            &t,
        )?;
    }
    for (quarter, start, end) in [
        (1, "2025-01-01", "2025-03-31"),
        (2, "2025-04-01", "2025-06-30"),
        (3, "2025-07-01", "2025-09-30"),
        (4, "2025-10-01", "2025-12-31"),
    ] {
        let mut s = format!(
            "[period]\nkind = \"quarter\"\nstart = {start}\nend = {end}\nsource = \"Số liệu tổng hợp\"\n"
        );
        for level in ["tinh", "xa"] {
            let _ = write!(
                s,
                "\n[[scope]]\nlevel = \"{level}\"\n[scope.counts]\ncarried_over = 100\nreceived_online_full = {}\nreceived_in_person = 2000\nresolved_early = 1500\nresolved_on_time = 1400\nresolved_late = 3\npending_within = {}\nlate_apologized = 3\n",
                1000 + quarter * 100,
                100 + 1000 + quarter * 100 + 2000 - 2903
            );
        }
        w(&format!("content/statistics/2025-q{quarter}.toml"), &s)?;
    }
    Ok(())
}

/// How many procedures a commune centre receives in the two-level province: a real
/// commune's catalogue.
pub const COMMUNE_PROCEDURES: usize = 400;

/// The province as it is since 1 July 2025: a provincial centre with three branches and 64
/// commune centres, who receives what said by rules (`receives`), not by lists in each
/// procedure file. The first [`COMMUNE_PROCEDURES`] procedures are commune-level (received
/// at all 64 commune centres), the rest provincial (received at the centre and its
/// branches). Written over `write_congkhai`'s site.
pub fn write_two_level(dir: &Path, n: usize, seed: u64, packs: bool) -> std::io::Result<()> {
    write_congkhai(dir, n, seed, packs)?;
    let mut offices = String::new();
    for i in 0..4 {
        let _ = write!(
            offices,
            "[[office]]\nkey = \"ttpvhcc-tinh-{i}\"\nname = \"Trung tâm Phục vụ hành chính công tỉnh{}\"\naddress = \"Số {} đường Hùng Vương, phường Một, tỉnh Mẫu\"\nhotline = \"0290 3 555 {i:03}\"\nlevel = \"tinh\"\nreceives = [{{ levels = [\"tinh\"] }}]\nhours = [{{ days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], opens = \"07:00\", closes = \"11:30\" }}]\n\n",
            if i == 0 {
                String::new()
            } else {
                format!(" – chi nhánh {i}")
            },
            i + 1
        );
    }
    for i in 0..64 {
        let _ = write!(
            offices,
            "[[office]]\nkey = \"ttpvhcc-xa-{i}\"\nname = \"Trung tâm Phục vụ hành chính công xã Số {}\"\naddress = \"Ấp {}, xã Số {}, tỉnh Mẫu\"\nhotline = \"0290 3 600 {i:03}\"\nlevel = \"xa\"\nreceives = [{{ levels = [\"xa\"] }}]\nhours = [{{ days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], opens = \"07:00\", closes = \"11:30\" }}]\n\n",
            i + 1,
            i + 1,
            i + 1
        );
    }
    std::fs::write(dir.join("content/catalog/offices.toml"), offices)?;
    let mut files: Vec<std::path::PathBuf> = walk(&dir.join("content/procedures"));
    files.sort();
    for (i, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file)?;
        let level = if i < COMMUNE_PROCEDURES { "xa" } else { "tinh" };
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("offices = "))
            .map(|l| {
                if l.starts_with("levels = ") {
                    format!("levels = [\"{level}\"]\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        std::fs::write(file, text)?;
    }
    Ok(())
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Writes the same procedures as a Hugo site that makes the same set of files, as far as
/// Hugo can without plug-ins: a page per procedure printing the same sections (with its
/// JSON-LD, navigation, audience, online block, results), a poster page per procedure,
/// listings by field, level, office and agency (paged by 50, as congkhai's), label sheets
/// per field and office, the A–Z listing, the search index and the sitemap. What Hugo
/// cannot make is left out and the report says so: QR codes, PDF packs, statistics, open
/// data, feeds.
pub fn write_hugo(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let w = |rel: &str, text: &str| -> std::io::Result<()> {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(path, text)
    };
    // Taxonomies map the singular to the plural, and pages name the plural.
    w(
        "hugo.toml",
        r##"baseURL = "https://tthc.mau.gov.vn/"
languageCode = "vi"
title = "Thủ tục hành chính tỉnh Mẫu"
disableKinds = ["RSS", "robotsTXT"]
paginate = 50
[taxonomies]
linhvuc = "linh-vuc"
cap = "cap"
noitiepnhan = "noi-tiep-nhan"
coquan = "co-quan"
[outputFormats.poster]
mediaType = "text/html"
baseName = "ap-phich"
isHTML = true
permalinkable = false
[outputFormats.labels]
mediaType = "text/html"
baseName = "nhan"
isHTML = true
permalinkable = false
[outputFormats.SearchIndex]
mediaType = "application/json"
baseName = "chi-muc"
isPlainText = true
[outputs]
home = ["HTML", "SearchIndex"]
page = ["HTML", "poster"]
term = ["HTML", "labels"]
"##,
    )?;
    w(
        "layouts/_default/baseof.html",
        r##"<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} – {{ site.Title }}</title><meta name="description" content="{{ .Params.short_name }}"><link rel="stylesheet" href="/style.css"><link rel="canonical" href="{{ .Permalink }}"></head><body><a class="skip" href="#noi-dung">Bỏ qua điều hướng</a><header><a href="/">{{ site.Title }}</a><nav aria-label="Chính"><ul><li><a href="/tthc/">Thủ tục A–Z</a></li><li><a href="/linh-vuc/">Lĩnh vực</a></li><li><a href="/cap/">Cấp thực hiện</a></li><li><a href="/co-quan/">Cơ quan</a></li><li><a href="/noi-tiep-nhan/">Nơi tiếp nhận</a></li><li><a href="/tim-kiem/">Tìm kiếm</a></li></ul></nav><form action="/tim-kiem/"><input name="q" aria-label="Tìm thủ tục"></form></header><main id="noi-dung">{{ block "main" . }}{{ end }}</main><footer><p>Ủy ban nhân dân tỉnh Mẫu · Đường dây nóng 0290 3 555 010</p></footer></body></html>"##,
    )?;
    w(
        "layouts/_default/single.html",
        r##"{{ define "main" }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "GovernmentService" "name" .Title "identifier" .Params.code "serviceType" .Params.short_name "provider" (dict "@type" "GovernmentOrganization" "name" .Params.agency) "areaServed" "tỉnh Mẫu" "url" .Permalink | jsonify | safeJS }}</script><nav aria-label="Vị trí"><a href="/">Trang chủ</a> › {{ range .GetTerms "linh-vuc" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</nav><h1>{{ .Params.short_name }}</h1><p>{{ .Title }}</p><p>Mã {{ .Params.code }} · {{ .Params.local_code }}</p><section><h2>Ai được làm</h2><ul>{{ range .Params.audience }}<li>{{ . }}</li>{{ end }}</ul></section><section><h2>Nộp trực tuyến</h2><p>Nộp một phần trực tuyến tại <a href="{{ .Params.online_url }}">Cổng Dịch vụ công quốc gia</a>.</p></section>{{ .Content }}<dl><dt>Nơi nộp</dt><dd>{{ range .Params.offices }}<p>{{ .name }}<br>{{ .address }}<br><a href="tel:{{ .hotline }}">{{ .hotline }}</a><br>Thứ Hai–Thứ Sáu, 07:00–11:30</p>{{ end }}</dd><dt>Thời hạn và lệ phí</dt><dd>{{ range .Params.channels }}<p>{{ .mode }}: {{ .days }} ngày làm việc; lệ phí {{ lang.FormatNumber 0 .fee }} đồng</p>{{ end }}</dd><dt>Cấp</dt><dd>{{ range .GetTerms "cap" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd><dt>Lĩnh vực</dt><dd>{{ range .GetTerms "linh-vuc" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd><dt>Cơ quan</dt><dd>{{ range .GetTerms "co-quan" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd></dl><h2>Hồ sơ</h2><ol>{{ range .Params.documents }}<li>{{ . }} (bản chính 1, bản sao 1)</li>{{ end }}</ol><h2>Các bước</h2><ol>{{ range .Params.steps }}<li>{{ . | markdownify }}</li>{{ end }}</ol><h2>Điều kiện</h2><p>{{ .Params.conditions }}</p><h2>Kết quả</h2><p>Giấy chứng nhận (có bản điện tử)</p><h2>Căn cứ pháp lý</h2><p>{{ .Params.agency }} · 12/2025/NĐ-CP Nghị định quy định chi tiết, 15/01/2025 · 1520/QĐ-UBND ngày 15/07/2025</p><p>Cập nhật {{ .Params.updated }}</p><p><a href="{{ .RelPermalink }}ap-phich.html">In áp phích</a></p>{{ end }}"##,
    )?;
    w(
        "layouts/_default/single.poster.html",
        r##"<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Áp phích: {{ .Params.short_name }}</title><link rel="stylesheet" href="/poster.css"></head><body><article class="sheet"><header><p>Ủy ban nhân dân tỉnh Mẫu</p><h1>{{ upper .Params.short_name }}</h1><p>Mã {{ .Params.code }}</p></header><h2>Giấy tờ cần nộp</h2><ol>{{ range first 6 .Params.documents }}<li>{{ . }}</li>{{ end }}</ol><h2>Thời hạn, lệ phí</h2>{{ range .Params.channels }}<p>{{ .mode }}: {{ .days }} ngày làm việc; {{ lang.FormatNumber 0 .fee }} đồng</p>{{ end }}<h2>Nơi nộp</h2>{{ range .Params.offices }}<p>{{ .name }}, {{ .address }}</p>{{ end }}<footer><p>{{ .Permalink }}</p><p>Cập nhật {{ .Params.updated }}</p></footer></article></body></html>"##,
    )?;
    w(
        "layouts/_default/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pager := .Paginate .Pages.ByTitle }}<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.short_name }}</a><br><small>{{ .Params.code }} · {{ range .GetTerms "cap" }}{{ .LinkTitle }} {{ end }}· {{ .Params.days }} ngày làm việc</small></li>{{ end }}</ul>{{ if $pager.HasNext }}<a rel="next" href="{{ $pager.Next.URL }}">Trang sau</a>{{ end }}{{ if $pager.HasPrev }}<a rel="prev" href="{{ $pager.Prev.URL }}">Trang trước</a>{{ end }}{{ end }}"##,
    )?;
    w(
        "layouts/_default/term.labels.html",
        r##"<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Nhãn: {{ .Title }}</title><link rel="stylesheet" href="/poster.css"></head><body><div class="labels">{{ range .Pages.ByTitle }}<div class="label"><p>{{ .Params.short_name }}</p><p>{{ .Params.code }}</p><p>{{ .Permalink }}</p></div>{{ end }}</div></body></html>"##,
    )?;
    w(
        "layouts/_default/terms.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ len .Pages }} thủ tục</li>{{ end }}</ul>{{ end }}"##,
    )?;
    w(
        "layouts/index.html",
        r##"{{ define "main" }}<h1>{{ site.Title }}</h1><p>{{ len (where site.RegularPages "Section" "tthc") }} thủ tục</p><ul>{{ range (index site.Taxonomies "linh-vuc") }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}"##,
    )?;
    w(
        "layouts/index.searchindex.json",
        r##"[{{ range $i, $p := where site.RegularPages "Section" "tthc" }}{{ if $i }},{{ end }}[{{ $p.Params.code | jsonify }},{{ $p.Params.short_name | jsonify }},{{ $p.Title | jsonify }},{{ $p.Params.days }}]{{ end }}]"##,
    )?;
    w(
        "static/style.css",
        "body{font-family:\"Noto Sans\",sans-serif}",
    )?;
    w("static/poster.css", "@page{size:A4}")?;
    for p in procedures(n, seed) {
        let levels: Vec<String> = p
            .levels
            .iter()
            .map(|l| {
                q(if *l == "tinh" {
                    "Cấp tỉnh"
                } else {
                    "Cấp xã"
                })
            })
            .collect();
        let documents: Vec<String> = p.documents.iter().map(|d| q(d)).collect();
        let mut t = format!(
            "+++\ntitle = {name}\nshort_name = {short}\ncode = \"{code}\"\nlocal_code = \"{code}.000.00.00.H99\"\nlinh-vuc = [{field}]\ncap = [{levels}]\nnoi-tiep-nhan = [\"Trung tâm Phục vụ hành chính công số {o1}\", \"Trung tâm Phục vụ hành chính công số {o2}\"]\nco-quan = [\"Cơ quan giải quyết số {agency}\"]\nagency = \"Cơ quan giải quyết số {agency}\"\naudience = [\"Công dân Việt Nam\", \"Tổ chức\"]\nonline_url = \"https://dichvucong.gov.vn/tthc/{code}\"\ndays = {days}\nconditions = \"Người đề nghị phải có đủ năng lực hành vi dân sự.\"\nsteps = [\"Chuẩn bị và nộp hồ sơ.\", \"Cơ quan tiếp nhận kiểm tra, giải quyết.\", \"Nhận kết quả.\"]\ndocuments = [{documents}]\nupdated = \"15/07/2025\"\nurl = \"/tthc/{code}/\"\n",
            name = q(&format!("Thủ tục {}", p.name.to_lowercase())),
            short = q(&p.name),
            code = p.code,
            field = q(FIELDS[p.field]),
            levels = levels.join(", "),
            o1 = p.offices[0] + 1,
            o2 = p.offices[1] + 1,
            agency = p.agency + 1,
            days = p.days,
            documents = documents.join(", "),
        );
        for o in p.offices {
            let _ = write!(
                t,
                "[[offices]]\nname = \"Trung tâm Phục vụ hành chính công số {}\"\naddress = \"Số {} đường Hùng Vương, tỉnh Mẫu\"\nhotline = \"0290 3 555 {:03}\"\n",
                o + 1,
                o + 1,
                o
            );
        }
        for mode in ["Trực tiếp", "Trực tuyến"] {
            let _ = write!(
                t,
                "[[channels]]\nmode = \"{mode}\"\ndays = {}\nfee = {}\n",
                p.days, p.fee
            );
        }
        let _ = write!(t, "+++\n{}\n", p.description);
        w(&format!("content/tthc/{}.md", p.code), &t)?;
    }
    Ok(())
}
