//! "Thành phần hồ sơ": one flattened table per group. A group's title ("* Giấy tờ phải
//! nộp:", "Đối với Sở Tư pháp nơi chuyển đến:") stands before its header `Tên giấy tờMẫu
//! đơn, tờ khaiSố lượng`; each row is a name, the form files glued to it (`…theo mẫu;Mẫu
//! TP-LS-28.docx`) and a count (`1 bản chính`, `0 bản chính,1 bản sao`). Rows without a
//! count are sub-headings ("… gồm một trong các giấy tờ sau:") or notes ("Trường hợp …").

use super::text;

const HEADER: &str = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
const FORM_EXTENSIONS: [&str; 9] = [
    ".docx", ".doc", ".xlsx", ".xls", ".pdf", ".odt", ".ods", ".rtf", ".zip",
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    pub title: Option<String>,
    /// Markdown: text after the last row.
    pub notes: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub name: String,
    /// The national database's code of the document (the export gives it).
    pub code: Option<String>,
    pub originals: u32,
    pub copies: u32,
    pub form_names: Vec<String>,
    pub kind: RowKind,
    pub one_of: bool,
    pub sub: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowKind {
    #[default]
    Document,
    Heading,
    Note,
}

pub fn parse(section: &str) -> (Vec<Group>, Vec<String>) {
    let mut problems = Vec::new();
    let Some(cleaned) = text::present(section) else {
        return (Vec::new(), problems);
    };
    let cleaned = text::one_line(&cleaned);
    let pieces: Vec<&str> = cleaned.split(HEADER).collect();
    if pieces.len() == 1 {
        problems.push("no `Tên giấy tờ…` table; the section is kept as one note".into());
        return (
            vec![Group {
                notes: text::markdown(&cleaned),
                ..Group::default()
            }],
            problems,
        );
    }
    let mut groups = Vec::new();
    let mut title = title_of(pieces[0]);
    for (n, piece) in pieces[1..].iter().enumerate() {
        let last = n + 2 == pieces.len();
        let (rows, rest) = rows_of(piece);
        // What follows the last count is the next group's title, or notes after the last.
        let (notes, next_title) = if last {
            (text::markdown(rest), None)
        } else {
            (None, title_of(rest))
        };
        if rows.is_empty() {
            problems.push(format!(
                "a document table without rows: `{}`",
                crate::diagnostic::excerpt(piece)
            ));
        }
        groups.push(Group {
            title: title.take(),
            notes,
            rows,
        });
        title = next_title;
    }
    (groups, problems)
}

/// "* Giấy tờ phải nộp:" → "Giấy tờ phải nộp"; "--" → none.
fn title_of(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_start_matches(['*', '-', '+', ' '])
        .trim_end_matches([':', ' ', '-']);
    let t = text::unwrap_parens(t);
    (!t.is_empty() && t.chars().any(char::is_alphabetic)).then(|| t.to_string())
}

/// The rows of one table, and the text after its last count.
fn rows_of(body: &str) -> (Vec<Row>, &str) {
    let mut rows = Vec::new();
    let mut start = 0;
    let mut heading_open = false;
    while let Some((at, end, originals, copies)) = next_count(body, start) {
        let raw = body[start..at].trim();
        start = end;
        // A count glued after a count ("01 bản chính1 bản chính", "1 bản chính1 bản sao"):
        // the cell repeated, or the copies beside the originals. Never a row of its own.
        if !raw.chars().any(char::is_alphanumeric) {
            if let Some(last) = rows
                .last_mut()
                .filter(|r: &&mut Row| r.kind == RowKind::Document)
                && last.copies == 0
                && originals == 0
            {
                last.copies = copies;
            }
            continue;
        }
        let mut row = row(raw, originals, copies);
        // `sub` means "under the heading above": a `+` row before any heading is a row.
        row.sub = row.sub && heading_open;
        if row.kind == RowKind::Heading {
            heading_open = true;
        }
        rows.push(row);
    }
    // "One of the following" only where rows follow under the heading: real records
    // sometimes list the alternatives before it, and the badge would then point at nothing.
    for i in 0..rows.len() {
        if rows[i].one_of && !rows.get(i + 1).is_some_and(|next| next.sub) {
            rows[i].one_of = false;
        }
    }
    (rows, &body[start..])
}

/// The next count after `from`: (start, end, originals, copies).
fn next_count(body: &str, from: usize) -> Option<(usize, usize, u32, u32)> {
    let mut search = from;
    loop {
        let rel = body[search..].find(" bản ")?;
        let space = search + rel;
        let digits_start = body[..space]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit())
            .last()
            .map(|(i, _)| i);
        let after = &body[space + " bản ".len()..];
        let kind = if after.starts_with("chính") {
            Some(("chính", true))
        } else if after.starts_with("sao") {
            Some(("sao", false))
        } else {
            None
        };
        // "(01 bản chính)" inside a name is not the count column.
        let in_parens = digits_start.is_some_and(|d| body[..d].ends_with('('));
        let (Some(d), Some((word, original)), false) = (digits_start, kind, in_parens) else {
            search = space + 1;
            continue;
        };
        let n: u32 = body[d..space].parse().ok()?;
        let mut end = space + " bản ".len() + word.len();
        let (mut originals, mut copies) = if original { (n, 0) } else { (0, n) };
        // ",1 bản sao" after the originals.
        if original {
            let rest = &body[end..];
            let trimmed = rest.trim_start_matches([',', ' ']);
            let skipped = rest.len() - trimmed.len();
            let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
            if skipped > 0 && !digits.is_empty() && trimmed[digits.len()..].starts_with(" bản sao")
            {
                copies = digits.parse().unwrap_or(0);
                end += skipped + digits.len() + " bản sao".len();
            }
        } else {
            originals = 0;
        }
        // The count column is glued to the next row; a count followed by a space or a
        // closing parenthesis is part of a name ("01 bản sao có chứng thực hoặc …").
        if body[end..].starts_with([' ', ')']) {
            search = space + 1;
            continue;
        }
        return Some((d, end, originals, copies));
    }
}

fn row(raw: &str, originals: u32, copies: u32) -> Row {
    let sub = raw.starts_with('+');
    let (_, body) = text::split_marker(raw);
    let (name, form_names) = split_forms(body);
    let name = name.trim().trim_end_matches(';').trim().to_string();
    let counted = originals > 0 || copies > 0;
    let folded = crate::vi::fold(&name);
    let heading = !counted
        && (name.ends_with(':')
            || folded.ends_with(" gom")
            || folded.contains("mot trong cac giay to")
            || folded.contains("mot trong nhung giay to"));
    // "Lưu ý: …", "Ghi chú: …": a note even when the portal's table gives it counts.
    let remark = ["luu y", "ghi chu", "chu y"]
        .iter()
        .any(|m| folded.starts_with(m) && folded[m.len()..].trim_start().starts_with(':'));
    let kind = if remark {
        RowKind::Note
    } else if counted || !form_names.is_empty() {
        RowKind::Document
    } else if heading {
        RowKind::Heading
    } else {
        RowKind::Note
    };
    Row {
        code: None,
        one_of: kind == RowKind::Heading && folded.contains("mot trong"),
        name,
        originals,
        copies,
        form_names,
        kind,
        sub,
    }
}

/// Form file names glued to the end of a document's name.
fn split_forms(text: &str) -> (&str, Vec<String>) {
    let lower = text.to_lowercase();
    if !FORM_EXTENSIONS.iter().any(|e| lower.ends_with(e)) || lower.len() != text.len() {
        return (text, Vec::new());
    }
    let Some(start) = form_start(text) else {
        return (text, Vec::new());
    };
    let mut names = Vec::new();
    let mut rest = &text[start..];
    while !rest.is_empty() {
        let lower = rest.to_lowercase();
        let end = FORM_EXTENSIONS
            .iter()
            .filter_map(|e| lower.find(e).map(|i| i + e.len()))
            // ".doc" inside ".docx" is not an end: extensions go on in lower case.
            .filter(|&end| !rest[end..].starts_with(|c: char| c.is_ascii_lowercase()))
            .min();
        let Some(end) = end else {
            return (text, Vec::new());
        };
        names.push(rest[..end].trim().to_string());
        rest = &rest[end..];
    }
    (&text[..start], names)
}

/// Where the first glued file name starts: the earliest place where a word runs into the
/// next without a space (`luậtMẫu`, `BTP.Mẫu`, `);6.nx`, `02Mẫu`) that leaves a file name of
/// a plausible length.
fn form_start(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    (1..chars.len())
        .filter(|&n| {
            let (prev, cur) = (chars[n - 1].1, chars[n].1);
            let glued_prev =
                prev.is_lowercase() || matches!(prev, '.' | ';' | ':' | ')' | '"' | '”');
            let form_word = ["Mẫu", "Mau", "Biểu mẫu", "Phụ lục"]
                .iter()
                .any(|w| text[chars[n].0..].starts_with(w));
            (glued_prev && (cur.is_uppercase() || cur.is_ascii_digit()))
                || (prev.is_ascii_digit() && cur.is_uppercase())
                || (!prev.is_whitespace() && !"([{\"'“‘-/".contains(prev) && form_word)
        })
        .map(|n| chars[n].0)
        .find(|&at| text[at..].chars().count() <= 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remark_with_counts_is_a_note() {
        let r = row(
            "- Lưu ý: Trong trường hợp cần sử dụng thông tin về nơi cư trú thì khai thác.",
            1,
            0,
        );
        assert_eq!(r.kind, RowKind::Note);
        let r = row("- Lưu trữ hồ sơ gốc", 1, 0);
        assert_eq!(r.kind, RowKind::Document);
    }

    #[test]
    fn groups_rows_counts_and_notes() {
        let (groups, problems) = parse(
            "* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Tờ khai đăng ký khai tử theo mẫu;1 bản chính- Bản sao giấy báo tử0 bản chính,1 bản sao* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượngTrường hợp giấy tờ tùy thân đã có trong cơ sở dữ liệu thì không phải xuất trình.0 bản chính- Hộ chiếu1 bản chínhLưu ý: mang theo bản chính.",
        );
        assert!(problems.is_empty());
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].title.as_deref(), Some("Giấy tờ phải nộp"));
        assert_eq!(groups[0].rows[0].name, "Tờ khai đăng ký khai tử theo mẫu");
        assert_eq!(
            (groups[0].rows[1].originals, groups[0].rows[1].copies),
            (0, 1)
        );
        assert_eq!(groups[1].title.as_deref(), Some("Giấy tờ phải xuất trình"));
        assert_eq!(groups[1].rows[0].kind, RowKind::Note);
        assert_eq!(groups[1].rows[1].kind, RowKind::Document);
        assert_eq!(
            groups[1].notes.as_deref(),
            Some("Lưu ý: mang theo bản chính.")
        );
    }

    #[test]
    fn headings_alternatives_and_sub_rows() {
        let (groups, _) = parse(
            "Tên giấy tờMẫu đơn, tờ khaiSố lượng- Chứng cứ chứng minh quan hệ cha, con gồm một trong các giấy tờ, tài liệu sau đây:0 bản chính+ Văn bản của cơ quan y tế xác nhận quan hệ cha con.1 bản chính+ Văn bản cam đoan có hai người làm chứng.0 bản chính",
        );
        let rows = &groups[0].rows;
        assert_eq!(rows[0].kind, RowKind::Heading);
        assert!(rows[0].one_of);
        assert!(rows[1].sub && rows[1].kind == RowKind::Document);
        assert!(rows[2].sub && rows[2].kind == RowKind::Note);
        let (groups, _) = parse(
            "Tên giấy tờMẫu đơn, tờ khaiSố lượng+ Văn bản xác nhận quan hệ cha con.1 bản chính- Chứng cứ gồm một trong các giấy tờ sau đây:0 bản chính- Bản sao hộ chiếu.0 bản chính,1 bản sao",
        );
        assert_eq!(groups[0].rows[1].kind, RowKind::Heading);
        assert!(!groups[0].rows[1].one_of, "no rows under it: no badge");
    }

    #[test]
    fn glued_counts_and_stray_marks_never_make_rows_that_do_not_build() {
        let (groups, _) = parse(
            "Tên giấy tờMẫu đơn, tờ khaiSố lượng+ Giấy phép nhập khẩu: 01 bản chính1 bản chính+ Bản sao hợp đồng1 bản chính1 bản sao- Giấy tờ chứng minh gồm:0 bản chính+ Hộ chiếu1 bản chính",
        );
        let rows = &groups[0].rows;
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert!(rows.iter().all(|r| !r.name.is_empty()));
        assert!(!rows[0].sub && !rows[1].sub, "no heading above them");
        assert_eq!((rows[0].originals, rows[0].copies), (1, 0));
        assert_eq!((rows[1].originals, rows[1].copies), (1, 1));
        assert_eq!(rows[2].kind, RowKind::Heading);
        assert!(rows[3].sub);
        let (groups, _) = parse(
            "Tên giấy tờMẫu đơn, tờ khaiSố lượng+ Các giấy tờ sau:0 bản chính+ Hộ chiếu1 bản chính",
        );
        assert!(
            !groups[0].rows[0].sub,
            "a heading before any heading is not `sub`"
        );
        assert!(groups[0].rows[1].sub);
    }

    #[test]
    fn form_files_glued_to_names() {
        let (groups, _) = parse(
            "--Tên giấy tờMẫu đơn, tờ khaiSố lượngGiấy đề nghị theo Mẫu TP-TSCC-01a hoặc Mẫu TP-TSCC-01b ban hành kèm theo Thông tư số 06/2025/TT-BTP.Mẫu TP-TSCC-01a.docxMẫu TP-TSCC-01b.docx1 bản chínhGiấy  đề nghị sáp nhập công ty luậtMẫu TP-LS-28-sđ.docx1 bản chínhĐơn xin cấp giấy phép (song ngữ Việt-Anh);6.nxincpgianhnsaiGPcatchcCNNNg.doc2 bản chínhGiấy đề nghị của tổ chức hành nghề luật sư.6. TP-LS-06. De nghi thay doi.doc1 bản chínhĐơn theo Mẫu TP-QTV-02Mẫu TP-QTV-02.docx1 bản chínhĐơn theo Thông tư số 05/2025/TT-BTPMẫu TP-CC-08.docx1 bản chínhBản sao có chứng thực hoặc 01 bản sao kèm bản chính để đối chiếu0 bản chính,1 bản sao",
        );
        let rows = &groups[0].rows;
        assert_eq!(groups[0].title, None);
        assert_eq!(
            rows[0].form_names,
            ["Mẫu TP-TSCC-01a.docx", "Mẫu TP-TSCC-01b.docx"]
        );
        assert!(
            rows[0].name.ends_with("06/2025/TT-BTP."),
            "{}",
            rows[0].name
        );
        assert_eq!(rows[1].name, "Giấy đề nghị sáp nhập công ty luật");
        assert_eq!(rows[1].form_names, ["Mẫu TP-LS-28-sđ.docx"]);
        assert_eq!(rows[2].form_names, ["6.nxincpgianhnsaiGPcatchcCNNNg.doc"]);
        assert_eq!(rows[2].originals, 2);
        assert_eq!(rows[3].form_names, ["6. TP-LS-06. De nghi thay doi.doc"]);
        assert_eq!(rows[4].name, "Đơn theo Mẫu TP-QTV-02");
        assert_eq!(rows[5].form_names, ["Mẫu TP-CC-08.docx"]);
        let (name, forms) = split_forms(
            "Giấy đề nghị thay đổi nơi tập sự (Mẫu TP-TSCC-03 ban hành kèm theo Thông tư số 06/2025/TT-BTP).Mẫu TP-TSCC-03.docx",
        );
        assert_eq!(forms, ["Mẫu TP-TSCC-03.docx"]);
        assert!(name.ends_with("06/2025/TT-BTP)."), "{name}");
        assert_eq!(
            rows[6].name,
            "Bản sao có chứng thực hoặc 01 bản sao kèm bản chính để đối chiếu"
        );
        assert_eq!(rows.len(), 7);
    }
}
