//! A synthetic but realistic province for benchmarks: N procedures with every field of the
//! national record filled, Vietnamese text with diacritics, 20 fields, 3 levels, 50
//! agencies, 20 offices, four statistics periods. Deterministic for a seed. The same
//! procedures are also written as a Hugo site whose templates print the same fields and
//! the same listings, so both generators do comparable work.

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

/// Writes a congkhai site of `n` procedures into `dir`.
pub fn write_congkhai(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let w = |rel: &str, text: &str| -> std::io::Result<()> {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(path, text)
    };
    w(
        "congkhai.toml",
        "title = \"Thủ tục hành chính tỉnh Mẫu\"\nauthority = \"Ủy ban nhân dân tỉnh Mẫu\"\nbase_url = \"https://tthc.mau.gov.vn/\"\n\n[[hotlines]]\nlabel = \"Đường dây nóng\"\nnumber = \"0290 3 555 010\"\n",
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

/// Writes the same procedures as a Hugo site printing the same fields and listings: a page
/// per procedure, a listing per field, the home page.
pub fn write_hugo(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let w = |rel: &str, text: &str| -> std::io::Result<()> {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(path, text)
    };
    w(
        "hugo.toml",
        "baseURL = \"https://tthc.mau.gov.vn/\"\nlanguageCode = \"vi\"\ntitle = \"Thủ tục hành chính tỉnh Mẫu\"\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\"]\n[taxonomies]\nlinhvuc = \"linh-vuc\"\n",
    )?;
    w(
        "layouts/_default/baseof.html",
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><header><a href=\"/\">{{ site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>",
    )?;
    w(
        "layouts/_default/single.html",
        "{{ define \"main\" }}<h1>{{ .Params.short_name }}</h1><p>{{ .Title }}</p><p>Mã {{ .Params.code }} · {{ .Params.local_code }}</p>{{ .Content }}<dl><dt>Nơi nộp</dt><dd>{{ range .Params.offices }}<p>{{ .name }}<br>{{ .address }}<br>{{ .hotline }}</p>{{ end }}</dd><dt>Thời hạn</dt><dd>{{ range .Params.channels }}<p>{{ .mode }}: {{ .days }} ngày làm việc; lệ phí {{ lang.FormatNumber 0 .fee }} đồng</p>{{ end }}</dd><dt>Cấp</dt><dd>{{ delimit .Params.levels \", \" }}</dd><dt>Lĩnh vực</dt><dd>{{ range .GetTerms \"linhvuc\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>{{ end }}</dd></dl><h2>Hồ sơ</h2><ol>{{ range .Params.documents }}<li>{{ . }} (bản chính 1, bản sao 1)</li>{{ end }}</ol><h2>Các bước</h2><ol>{{ range .Params.steps }}<li>{{ . | markdownify }}</li>{{ end }}</ol><h2>Điều kiện</h2><p>{{ .Params.conditions }}</p><h2>Pháp lý</h2><p>{{ .Params.agency }} · 12/2025/NĐ-CP · 1520/QĐ-UBND ngày 15/07/2025</p><p>Cập nhật {{ .Params.updated }}</p>{{ end }}",
    )?;
    w(
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Params.short_name }}</a> {{ .Params.code }}</li>{{ end }}</ul>{{ end }}",
    )?;
    w(
        "layouts/_default/terms.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a> {{ len .Pages }}</li>{{ end }}</ul>{{ end }}",
    )?;
    w(
        "layouts/index.html",
        "{{ define \"main\" }}<h1>{{ site.Title }}</h1><p>{{ len (where site.RegularPages \"Section\" \"tthc\") }} thủ tục</p><ul>{{ range site.Taxonomies.linhvuc }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}",
    )?;
    w(
        "static/style.css",
        "body{font-family:\"Noto Sans\",sans-serif}",
    )?;
    for p in procedures(n, seed) {
        let levels: Vec<String> = p.levels.iter().map(|l| q(l)).collect();
        let documents: Vec<String> = p.documents.iter().map(|d| q(d)).collect();
        let mut t = format!(
            "+++\ntitle = {name}\nshort_name = {short}\ncode = \"{code}\"\nlocal_code = \"{code}.000.00.00.H99\"\nlinhvuc = [{field}]\nlevels = [{levels}]\nagency = \"Cơ quan giải quyết số {agency}\"\nconditions = \"Người đề nghị phải có đủ năng lực hành vi dân sự.\"\nsteps = [\"Chuẩn bị và nộp hồ sơ.\", \"Cơ quan tiếp nhận kiểm tra, giải quyết.\", \"Nhận kết quả.\"]\ndocuments = [{documents}]\nupdated = \"15/07/2025\"\nurl = \"/tthc/{code}/\"\n",
            name = q(&format!("Thủ tục {}", p.name.to_lowercase())),
            short = q(&p.name),
            code = p.code,
            field = q(FIELDS[p.field]),
            levels = levels.join(", "),
            agency = p.agency + 1,
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
