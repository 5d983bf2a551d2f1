//! The sections that name documents and codes: "Căn cứ pháp lý" (a flattened table, each
//! row a title glued to its number: `…Luật hộ tịch60/2014/QH13`), "Kết quả thực hiện"
//! (`Trích lục khai tửMã: KQ.G15.000034`, then portal screen text that is not part of the
//! record) and "Số quyết định".

use super::text;

const LEGAL_HEADER: &str = "Tên văn bản pháp lýMã văn bản";
/// Headings of other sections of the portal page that can follow the legal basis table.
const NEXT_SECTIONS: [&str; 3] = [
    "Cơ quan thực hiện",
    "Yêu cầu, điều kiện",
    "Thủ tục hành chính liên quan",
];
/// Portal navigation text that can trail the legal basis.
const LEGAL_SCREEN_TEXT: [&str; 1] = ["Trang chủ"];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Legal {
    pub number: Option<String>,
    pub title: String,
    /// ISO date written in the title ("ngày 15/11/2015").
    pub date: Option<String>,
    pub issuer: Option<String>,
    /// ISO date it takes effect (the export gives it).
    pub effective: Option<String>,
    /// Where its text is published.
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub name: String,
    pub code: Option<String>,
    /// What the result is (the export's "Mô tả" of a result), plain text.
    pub description: Option<String>,
}

/// Legal documents, and the problems met.
pub fn legal_basis(section: &str) -> (Vec<Legal>, Vec<String>) {
    let mut problems = Vec::new();
    let Some(cleaned) = text::present(section) else {
        return (Vec::new(), problems);
    };
    let mut cleaned = text::one_line(&cleaned);
    for screen in LEGAL_SCREEN_TEXT {
        if let Some(kept) = cleaned.strip_suffix(screen) {
            cleaned = kept.to_string();
        }
    }
    // The next section of the portal page glued to this one ("…Cơ quan thực hiệnTòa án…").
    let glued_next = NEXT_SECTIONS
        .iter()
        .filter_map(|next| {
            cleaned
                .match_indices(next)
                .map(|(at, _)| at)
                .find(|&at| {
                    cleaned[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_whitespace())
                })
                .map(|at| (at, *next))
        })
        .min();
    if let Some((at, next)) = glued_next {
        problems.push(format!(
            "text of the portal's `{next}` section after the table dropped: `{}`",
            crate::diagnostic::excerpt(&cleaned[at..])
        ));
        cleaned.truncate(at);
    }
    if text::present(&cleaned).is_none() {
        return (Vec::new(), problems);
    }
    let body = match cleaned.strip_prefix(LEGAL_HEADER) {
        Some(body) => body,
        None => {
            problems.push("the legal basis has no `Tên văn bản pháp lý…` header".into());
            cleaned.as_str()
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (at, end) in row_numbers(body) {
        let title = body[start..at].trim();
        let number = &body[at..end];
        let title = if title.is_empty() { number } else { title };
        out.push(Legal {
            number: Some(number.to_string()),
            title: title.to_string(),
            date: date_in(title, Some(number)),
            issuer: issuer_of(number),
            ..Legal::default()
        });
        start = end;
    }
    let rest = body[start..].trim();
    if !rest.is_empty() {
        problems.push(format!(
            "legal basis kept as a title without a number: `{}`",
            crate::diagnostic::excerpt(rest)
        ));
        out.push(Legal {
            number: None,
            title: rest.to_string(),
            date: date_in(rest, None),
            ..Legal::default()
        });
    }
    (out, problems)
}

/// Numbers that end a row: `04/2020/TT-BTP` glued to the next title or at the end.
fn row_numbers(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((at, end)) = next_number(body, from) {
        // Inside a title a number is followed by a space or punctuation; at a row's end by
        // the next title, glued (in capitals or, "…NĐ-CPsửa đổi…", in small letters).
        let row_end = body[end..].chars().next().is_none_or(char::is_alphanumeric);
        // "Luật 60/2014/QH1360/2014/QH13": the first is the title's, the second the row's.
        let repeated = body[end..].starts_with(&body[at..end]);
        if row_end && !repeated {
            out.push((at, end));
        }
        from = end;
    }
    out
}

/// The next document number at or after `from`: digits, `/`, optional year and `/`, then
/// the sign (`NĐ-CP`, `QH13`, `QĐ-TTg`, `TT-BTP`).
fn next_number(body: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = body.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            && (i == from || !bytes[i - 1].is_ascii_digit())
            && let Some(end) = number_at(body, i)
        {
            return Some((i, end));
        }
        i += 1;
    }
    None
}

fn number_at(body: &str, at: usize) -> Option<usize> {
    let rest = &body[at..];
    let digits = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    let mut pos = digits;
    if !rest[pos..].starts_with('/') {
        return None;
    }
    pos += 1;
    // An optional year.
    let year: String = rest[pos..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if year.len() == 4 && rest[pos + 4..].starts_with('/') {
        pos += 5;
    }
    let sign_start = pos;
    loop {
        let segment = sign_segment(&rest[pos..]);
        if segment == 0 {
            break;
        }
        pos += segment;
        if rest[pos..].starts_with('-') && sign_segment(&rest[pos + 1..]) > 0 {
            pos += 1;
        } else {
            break;
        }
    }
    if pos == sign_start {
        return None;
    }
    // "TT-BTC216/2016/TT-BTC", "QH1360/2014/QH13": the next number's digits are glued to
    // this one's sign. They are this number repeated, or a Quốc hội sign keeps two digits.
    if rest[pos..].starts_with('/') {
        let sign = &rest[sign_start..pos];
        let letters = sign.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let own_digits = &rest[..digits];
        let repeat = (letters..sign.len()).find(|&k| {
            rest[sign_start + k..].starts_with(own_digits)
                && rest[sign_start + k + own_digits.len()..].starts_with('/')
        });
        let keep = match repeat {
            Some(k) => k,
            None if sign.starts_with("QH") => (letters + 2).min(sign.len()),
            None => letters,
        };
        pos = sign_start + keep;
    }
    let end = glued_title_start(&rest[sign_start..pos], &rest[pos..]);
    (end > 0).then_some(at + sign_start + end)
}

/// The codes that end a document's sign: its issuer (`CP`, `TTg`, `BTP`, `UBND`…) or, for
/// a law, the Quốc hội and its term (`QH13`). The set is closed, so where the next title is
/// glued to a sign ("NĐ-CPsửa đổi…", "TT-BTPNghị định…") the sign ends where a code ends.
const ISSUER_CODES: [&str; 52] = [
    "CP", "TTg", "CTN", "QH", "UBTVQH", "VPCP", "BTP", "BTC", "BCA", "BNG", "BQP", "BNV", "BYT",
    "BXD", "BCT", "BGDĐT", "BGTVT", "BTNMT", "BNNPTNT", "BNNMT", "BKHĐT", "BLĐTBXH", "BTTTT",
    "BKHCN", "BVHTTDL", "BDTTG", "UBDT", "NHNN", "TANDTC", "HĐTP", "VKSNDTC", "KTNN", "TLĐ",
    "UBND", "HĐND", "MTTQ", "BCĐ", "TW", "TCHQ", "TCT", "BHXH", "ĐCSVN", "BCT-BTC", "BTC-BTP",
    "BCA-BTP", "BTP-BCA", "BNG-BTP", "BTP-BNG", "BYT-BTP", "BQP-BTP", "BTP-BQP", "NHNN-BTP",
];

/// Where a sign ends when text follows it without a space: the longest reading whose last
/// segment is a known code ("CPsửa" → "CP", "BTPNghị" → "BTP"); otherwise a capital
/// followed by a small letter starts the next title.
fn glued_title_start(sign: &str, after: &str) -> usize {
    if !after.starts_with(char::is_lowercase) {
        return sign.len();
    }
    let segment_start = sign.rfind('-').map_or(0, |i| i + 1);
    let segment = &sign[segment_start..];
    let known = |code: &str| {
        ISSUER_CODES.contains(&code)
            || code
                .strip_prefix("QH")
                .or_else(|| code.strip_prefix("UBTVQH"))
                .is_some_and(|term| term.len() <= 2 && term.chars().all(|c| c.is_ascii_digit()))
    };
    // "TTg" is read whole by the segment rule and never followed by its own small letter.
    if segment.ends_with("TTg") {
        return sign.len();
    }
    let cuts: Vec<usize> = segment.char_indices().map(|(i, _)| i).skip(1).collect();
    if known(segment) {
        return sign.len();
    }
    if let Some(&cut) = cuts.iter().rev().find(|&&cut| known(&segment[..cut])) {
        return segment_start + cut;
    }
    let last = segment.chars().last().map_or(0, char::len_utf8);
    if segment.chars().last().is_some_and(char::is_uppercase) && segment.len() > last {
        sign.len() - last
    } else {
        sign.len()
    }
}

/// One segment of a sign: capitals and digits, or "TTg".
fn sign_segment(text: &str) -> usize {
    if text.starts_with("TTg") {
        return 3;
    }
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_uppercase() => {}
        _ => return 0,
    }
    text.char_indices()
        .take_while(|(_, c)| c.is_uppercase() || c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0)
}

/// The date a title gives its own document ("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015")
/// → "2015-11-15"; a date that follows another document's number is not this one's.
fn date_in(title: &str, number: Option<&str>) -> Option<String> {
    let rest = match number {
        Some(number) => {
            let at = title.find(&format!("{number} ngày "))?;
            &title[at + number.len() + " ngày ".len()..]
        }
        None => {
            let at = title.find("ngày ")?;
            &title[at + "ngày ".len()..]
        }
    };
    let date: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let parts: Vec<u32> = date.split('/').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [d, m, y] if (1900..=2100).contains(y) => {
            crate::date::Date::from_ymd(*y as u16, u8::try_from(*m).ok()?, u8::try_from(*d).ok()?)
                .map(|d| d.to_iso())
        }
        _ => None,
    }
}

/// The issuer a sign names, for the common ones: `NĐ-CP` Chính phủ, `QH13` Quốc hội,
/// `QĐ-TTg` Thủ tướng Chính phủ, `TT-BTP` Bộ Tư pháp…
pub fn issuer_of(number: &str) -> Option<String> {
    let sign = number.rsplit('/').next()?;
    if sign.starts_with("QH") {
        return Some("Quốc hội".into());
    }
    if sign.starts_with("UBTVQH") {
        return Some("Ủy ban Thường vụ Quốc hội".into());
    }
    let issuer = sign.rsplit('-').next()?;
    let name = match issuer {
        "CP" => "Chính phủ",
        "TTg" => "Thủ tướng Chính phủ",
        "CTN" => "Chủ tịch nước",
        "BTP" => "Bộ Tư pháp",
        "BTC" => "Bộ Tài chính",
        "BCA" => "Bộ Công an",
        "BNG" => "Bộ Ngoại giao",
        "BQP" => "Bộ Quốc phòng",
        "BNV" => "Bộ Nội vụ",
        "BYT" => "Bộ Y tế",
        "BXD" => "Bộ Xây dựng",
        "BCT" => "Bộ Công Thương",
        "BGDĐT" => "Bộ Giáo dục và Đào tạo",
        "BGTVT" => "Bộ Giao thông vận tải",
        "BTNMT" => "Bộ Tài nguyên và Môi trường",
        "BNNPTNT" => "Bộ Nông nghiệp và Phát triển nông thôn",
        "BNNMT" => "Bộ Nông nghiệp và Môi trường",
        "BKHĐT" => "Bộ Kế hoạch và Đầu tư",
        "BLĐTBXH" => "Bộ Lao động - Thương binh và Xã hội",
        "BTTTT" => "Bộ Thông tin và Truyền thông",
        "BKHCN" => "Bộ Khoa học và Công nghệ",
        "BVHTTDL" => "Bộ Văn hóa, Thể thao và Du lịch",
        "NHNN" => "Ngân hàng Nhà nước Việt Nam",
        "VPCP" => "Văn phòng Chính phủ",
        "TANDTC" => "Tòa án nhân dân tối cao",
        "HĐTP" => "Hội đồng Thẩm phán Tòa án nhân dân tối cao",
        "VKSNDTC" => "Viện kiểm sát nhân dân tối cao",
        _ => return None,
    };
    Some(name.to_string())
}

/// The "Kết quả thực hiện" section: the results, and the procedure's own "Từ khóa" and
/// "Mô tả" that the portal prints after them (then its screen text, which is dropped).
#[derive(Debug, Default)]
pub struct ResultsSection {
    pub results: Vec<Outcome>,
    /// The procedure's description ("Mô tả"), as plain text.
    pub description: Option<String>,
    pub keywords: Vec<String>,
}

/// Results with their codes; the keywords and description after them are kept, the portal
/// screen text after those dropped.
pub fn results(section: &str) -> ResultsSection {
    let Some(cleaned) = text::present(section) else {
        return ResultsSection::default();
    };
    let mut body = text::one_line(&cleaned);
    let mut out = ResultsSection::default();
    if let Some(cut) = body.find("Chọn cơ quan thực hiện") {
        body.truncate(cut);
    }
    if let Some(at) = body.find("Mô tả") {
        out.description = text::present(&body[at + "Mô tả".len()..]);
        body.truncate(at);
    }
    if let Some(at) = body.find("Từ khóa") {
        out.keywords = text::present(&body[at + "Từ khóa".len()..])
            .map(|k| {
                k.split([',', ';'])
                    .map(|w| w.trim().to_string())
                    .filter(|w| !w.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        body.truncate(at);
    }
    let mut rest = body.as_str();
    while let Some(at) = rest.find("Mã:") {
        let name = rest[..at].trim();
        let after = rest[at + "Mã:".len()..].trim_start();
        let len = code_len(after);
        let code = &after[..len];
        if !name.is_empty() || !code.is_empty() {
            out.results.push(Outcome {
                name: if name.is_empty() {
                    code.to_string()
                } else {
                    name.to_string()
                },
                code: (!code.is_empty()).then(|| code.to_string()),
                description: None,
            });
        }
        rest = &after[len..];
    }
    let rest = rest.trim();
    if text::present(rest).is_some() {
        out.results.push(Outcome {
            name: rest.to_string(),
            code: None,
            description: None,
        });
    }
    out
}

/// A result code runs until a capital followed by a small letter (the next name).
fn code_len(text: &str) -> usize {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let word_start =
            c.is_uppercase() && chars.get(n + 1).is_some_and(|&(_, d)| d.is_lowercase());
        if c.is_whitespace()
            || (word_start && n > 0)
            || !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'))
        {
            return i;
        }
    }
    text.len()
}

/// An announcing decision: its number, and its date (ISO) where the source gives it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    pub number: String,
    pub date: Option<String>,
}

/// "163/QĐ-BTP" (or several, separated by commas or semicolons).
pub fn decisions(section: &str) -> Vec<Decision> {
    let Some(cleaned) = text::present(section) else {
        return Vec::new();
    };
    text::one_line(&cleaned)
        .split([',', ';'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(|number| Decision { number, date: None })
        .collect()
}

/// "09/01/2018" (or "9/1/2018") → "2018-01-09".
pub fn iso_date(text: &str) -> Option<String> {
    let parts: Vec<u32> = text
        .trim()
        .split('/')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [d, m, y] if (1900..=2100).contains(y) => crate::date::Date::from_ymd(
            u16::try_from(*y).ok()?,
            u8::try_from(*m).ok()?,
            u8::try_from(*d).ok()?,
        )
        .map(|d| d.to_iso()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_rows_split_at_glued_numbers() {
        let (rows, problems) = legal_basis(
            "Tên văn bản pháp lýMã văn bảnHướng dẫn Luật hộ tịch04/2020/TT-BTPLuật 60/2014/QH1360/2014/QH13Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ123/2015/NĐ-CPQuyết định về thủ tục01/2023/QĐ-TTgNghị quyết66.7/2025/NQ-CPThông tư 216/2016/TT-BTC216/2016/TT-BTCQuyết định1898/QĐ-BTPTrang chủ",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let numbers: Vec<&str> = rows.iter().map(|r| r.number.as_deref().unwrap()).collect();
        assert_eq!(
            numbers,
            [
                "04/2020/TT-BTP",
                "60/2014/QH13",
                "123/2015/NĐ-CP",
                "01/2023/QĐ-TTg",
                "66.7/2025/NQ-CP",
                "216/2016/TT-BTC",
                "1898/QĐ-BTP"
            ]
        );
        assert_eq!(rows[0].title, "Hướng dẫn Luật hộ tịch");
        assert_eq!(rows[1].title, "Luật 60/2014/QH13");
        assert_eq!(rows[2].date.as_deref(), Some("2015-11-15"));
        assert_eq!(rows[2].issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(rows[1].issuer.as_deref(), Some("Quốc hội"));
        assert_eq!(rows[5].title, "Thông tư 216/2016/TT-BTC");
        let (rows, problems) =
            legal_basis("Không có thông tinCơ quan thực hiệnTòa án nhân dân tỉnh");
        assert!(rows.is_empty());
        assert_eq!(
            problems.len(),
            1,
            "the glued section is dropped with a warning"
        );
    }

    #[test]
    fn a_title_glued_in_small_letters_keeps_the_whole_sign() {
        let (rows, _) = legal_basis(
            "Tên văn bản pháp lýMã văn bảnNghị định về lĩnh vực hàng hải34/2025/NĐ-CPsửa đổi, bổ sung một số điều18/2024/TT-BGTVTNghị định của Chính phủ15/2020/NĐ-CPquy định xử phạt05/2025/TT-BTPNghị quyết01/2024/NQ-HĐND",
        );
        let numbers: Vec<&str> = rows.iter().filter_map(|r| r.number.as_deref()).collect();
        assert_eq!(
            numbers,
            [
                "34/2025/NĐ-CP",
                "18/2024/TT-BGTVT",
                "15/2020/NĐ-CP",
                "05/2025/TT-BTP",
                "01/2024/NQ-HĐND"
            ]
        );
        assert_eq!(rows[1].title, "sửa đổi, bổ sung một số điều");
        assert_eq!(rows[3].title, "quy định xử phạt");
    }

    #[test]
    fn results_drop_the_portal_screen_text() {
        let section = results(
            "Giấy đăng ký hoạt độngMã: KQ.G15.000168Giấy đăng ký hoạt động cho Công tyMã: KQ.G15.000329Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phố",
        );
        assert_eq!(section.description, None);
        let r = section.results;
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].code.as_deref(), Some("KQ.G15.000168"));
        assert_eq!(r[1].name, "Giấy đăng ký hoạt động cho Công ty");
        let r = results("Quyết định.Mã: hgvg6Quyết định xóa.Mã: vgvjTừ khóa").results;
        assert_eq!(r[0].code.as_deref(), Some("hgvg6"));
        assert_eq!(r[1].code.as_deref(), Some("vgvj"));
        let section = results(
            "Giấy phépMã: KQ.G15.000001Từ khóacấp phép, giấy phépMô tảThủ tục dành cho tổ chức đã được cấp phép.Chọn cơ quan thực hiệnTỉnh/ Thành phốNộp",
        );
        assert_eq!(section.results.len(), 1);
        assert_eq!(section.keywords, ["cấp phép", "giấy phép"]);
        assert_eq!(
            section.description.as_deref(),
            Some("Thủ tục dành cho tổ chức đã được cấp phép.")
        );
    }
}
