//! "Cách thức thực hiện": the portal's flattened table `Hình thức nộp | Thời gian | Phí, lệ phí
//! | Mô tả`, rows glued without separators (`Trực tiếp5 Ngày làm việcMiễn phí(…)Mô tả…`).
//! A row starts at a mode name followed by a time limit (digits or "Không có thông tin");
//! the time limit may lack a unit, and then its digits may be glued to a fee amount.

use super::text::{self, closing_paren, starts_with_no_information, unwrap_parens};

const HEADER: &str = "Hình thức nộpThời gianPhí, lệ phíMô tả";
const MODES: [&str; 3] = ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"];
/// Longest first, so "Ngày làm việc" wins over "Ngày".
const UNITS: [&str; 8] = [
    "Ngày làm việc",
    "Giờ làm việc",
    "Ngày",
    "Giờ",
    "Tháng",
    "Tuần",
    "Năm",
    "Phút",
];
const CURRENCIES: [(&str, bool); 6] = [
    ("Việt Nam Đồng", true),
    ("VNĐ", true),
    ("Đồng", true),
    ("đồng", true),
    ("VND", true),
    ("USD", false),
];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelRow {
    /// As the portal names it: "Trực tiếp".
    pub mode: String,
    pub condition: Option<String>,
    pub amount: Option<u32>,
    /// As the portal names it: "Ngày làm việc".
    pub unit: Option<String>,
    pub time_note: Option<String>,
    pub fee: FeeCell,
    /// Markdown.
    pub description: Option<String>,
}

impl ChannelRow {
    /// The row as one line of text, for a table that is kept as text: "Trực tiếp: 5 Ngày
    /// làm việc; Lệ phí 50.000 đồng; …".
    pub fn as_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.condition {
            parts.push(c.clone());
        }
        match (self.amount, &self.unit, &self.time_note) {
            (Some(a), Some(u), _) => parts.push(format!("{a} {u}")),
            (Some(a), None, _) => parts.push(a.to_string()),
            (None, _, Some(n)) => parts.push(n.clone()),
            _ => {}
        }
        match &self.fee {
            FeeCell::Unknown => {}
            FeeCell::Free { note } => parts.push(match note {
                Some(n) => format!("Miễn phí ({n})"),
                None => "Miễn phí".into(),
            }),
            FeeCell::Amount { amount, unit, note } => {
                let mut fee = format!("{} đồng", crate::vi::number(*amount));
                if let Some(u) = unit {
                    fee.push_str(&format!("/{u}"));
                }
                if let Some(n) = note {
                    fee.push_str(&format!(" ({n})"));
                }
                parts.push(fee);
            }
            FeeCell::Text(t) => parts.push(t.clone()),
        }
        if let Some(d) = &self.description {
            parts.push(d.replace('\n', " "));
        }
        let head = if self.mode.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.mode)
        };
        format!("{head}{}", parts.join("; "))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum FeeCell {
    /// "Không có thông tin".
    #[default]
    Unknown,
    /// "Miễn phí", with the note the portal put after it.
    Free { note: Option<String> },
    /// An amount in đồng.
    Amount {
        amount: u64,
        unit: Option<String>,
        note: Option<String>,
    },
    /// Anything else, kept as written ("10 USD/bản").
    Text(String),
}

/// The rows of the table, and the problems met (kept as text, never dropped).
pub fn parse(section: &str) -> (Vec<ChannelRow>, Vec<String>) {
    let mut problems = Vec::new();
    let Some(cleaned) = text::present(section) else {
        return (Vec::new(), problems);
    };
    let body = match cleaned.strip_prefix(HEADER) {
        Some(body) => body,
        None => {
            problems.push("the table has no `Hình thức nộp…` header; read as rows anyway".into());
            cleaned.as_str()
        }
    };
    let starts = row_starts(body);
    if starts.first().is_none_or(|&(at, _)| at > 0) {
        let until = starts.first().map_or(body.len(), |&(at, _)| at);
        problems.push(format!(
            "text before the first way of applying kept as a description: `{}`",
            crate::diagnostic::excerpt(&body[..until])
        ));
        if starts.is_empty() {
            return (
                vec![ChannelRow {
                    mode: String::new(),
                    description: text::markdown(body),
                    ..ChannelRow::default()
                }],
                problems,
            );
        }
    }
    let mut rows = Vec::new();
    for (n, &(at, mode)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(body.len(), |&(next, _)| next);
        let cell = &body[at + mode.len()..end];
        rows.push(row(mode, cell, &mut problems));
    }
    add_conditions(&mut rows);
    (rows, problems)
}

/// Where each row starts, and its mode.
fn row_starts(body: &str) -> Vec<(usize, &'static str)> {
    let mut starts = Vec::new();
    for (at, _) in body.char_indices() {
        let rest = &body[at..];
        for mode in MODES {
            if let Some(after) = rest.strip_prefix(mode) {
                let next_is_time = after.starts_with(|c: char| c.is_ascii_digit())
                    || starts_with_no_information(after).is_some();
                // A time limit written in words ("Trong ngày") is glued to the mode as
                // the mode is to what came before; in running text both have spaces.
                let glued = body[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_whitespace())
                    && after.starts_with(char::is_uppercase);
                if next_is_time || glued {
                    starts.push((at, mode));
                }
            }
        }
    }
    starts
}

fn row(mode: &str, cell: &str, problems: &mut Vec<String>) -> ChannelRow {
    let mut out = ChannelRow {
        mode: mode.to_string(),
        ..ChannelRow::default()
    };
    let rest = if let Some(rest) = starts_with_no_information(cell) {
        rest
    } else if !cell.starts_with(|c: char| c.is_ascii_digit()) {
        // A time limit in words runs up to the fee.
        let at = fee_start(cell).unwrap_or(cell.len());
        out.time_note = Some(text::one_line(&cell[..at])).filter(|t| !t.is_empty());
        &cell[at..]
    } else {
        let digits = cell.chars().take_while(char::is_ascii_digit).count();
        let after = &cell[digits..];
        match unit_at(after.trim_start()) {
            Some(unit) => {
                out.amount = cell[..digits].parse().ok();
                out.unit = Some(unit.to_string());
                &after.trim_start()[unit.len()..]
            }
            None => match glued_amount(cell) {
                Glued::Plain(time, rest) => {
                    out.amount = time.parse().ok();
                    rest
                }
                Glued::Split(time, rest) => {
                    out.amount = time.parse().ok();
                    rest
                }
                Glued::Ambiguous => {
                    problems.push(format!(
                        "{mode}: `{}` can be read as more than one time limit and fee; kept as text",
                        crate::diagnostic::excerpt(cell)
                    ));
                    out.time_note = Some(text::one_line(cell));
                    out.fee = FeeCell::Text(text::one_line(cell));
                    return out;
                }
            },
        }
    };
    let (fee, rest) = fee(rest);
    out.fee = fee;
    let rest = rest.trim_start();
    let (note, rest) = if rest.starts_with('(') {
        match closing_paren(rest, 0) {
            Some(end) => (Some(unwrap_parens(&rest[..end]).to_string()), &rest[end..]),
            None => (None, rest),
        }
    } else {
        (None, rest)
    };
    let note = note.filter(|n| !n.is_empty());
    match &mut out.fee {
        FeeCell::Free { note: slot } => *slot = note,
        FeeCell::Amount {
            unit, note: slot, ..
        } => {
            let (per, remainder) = per_unit(note.as_deref());
            *unit = per;
            *slot = remainder;
        }
        FeeCell::Unknown => {
            if let Some(note) = note {
                out.fee = FeeCell::Text(note);
            }
        }
        FeeCell::Text(text) => match note {
            Some(note) if note.starts_with('/') => text.push_str(&note),
            Some(note) => text.push_str(&format!(" ({note})")),
            None => {}
        },
    }
    out.description = text::markdown(rest);
    out
}

enum Glued<'a> {
    /// Digits then something that is not an amount ("7Miễn phí").
    Plain(&'a str, &'a str),
    /// "1200 VNĐ" read as 1 and "200 VNĐ": the only split whose amount is written the
    /// portal's way (groups of three after a comma, no leading zero).
    Split(&'a str, &'a str),
    Ambiguous,
}

/// The unit at the start of `text`, in any case ("Ngày làm việc", "ngày làm việc").
pub(crate) fn unit_at(text: &str) -> Option<&'static str> {
    UNITS.iter().copied().find(|unit| {
        text.get(..unit.len())
            .is_some_and(|head| head.to_lowercase() == unit.to_lowercase())
    })
}

/// Where the fee cell starts in `cell`: "Miễn phí", "Không có thông tin", or an amount.
fn fee_start(cell: &str) -> Option<usize> {
    cell.char_indices().map(|(i, _)| i).find(|&i| {
        let rest = &cell[i..];
        rest.starts_with("Miễn phí")
            || starts_with_no_information(rest).is_some()
            || (rest.starts_with(|c: char| c.is_ascii_digit())
                && (i == 0 || !cell[..i].ends_with(|c: char| c.is_ascii_digit() || c == ','))
                && {
                    let run = number_run(rest);
                    let after = rest[run..].trim_start();
                    CURRENCIES.iter().any(|(c, _)| after.starts_with(c))
                })
    })
}

/// The length of the digits, commas and dots at the start of `text` ("50,000").
fn number_run(text: &str) -> usize {
    text.bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
        .count()
}

fn glued_amount(cell: &str) -> Glued<'_> {
    let run = number_run(cell);
    let after = cell[run..].trim_start();
    if !CURRENCIES.iter().any(|(c, _)| after.starts_with(c)) {
        let digits = cell.chars().take_while(char::is_ascii_digit).count();
        return Glued::Plain(&cell[..digits], &cell[digits..]);
    }
    let numbers = &cell[..run];
    let splits: Vec<usize> = (1..numbers.len())
        .filter(|&at| numbers[..at].bytes().all(|b| b.is_ascii_digit()))
        .filter(|&at| well_formed_amount(&numbers[at..]))
        .collect();
    match splits.as_slice() {
        [at] => Glued::Split(&cell[..*at], &cell[*at..]),
        _ => Glued::Ambiguous,
    }
}

/// "50,000" or "200": no leading zero, not zero, thousands grouped by commas.
fn well_formed_amount(text: &str) -> bool {
    let groups: Vec<&str> = text.split(',').collect();
    let first = groups[0];
    !first.is_empty()
        && first.len() <= 3
        && !first.starts_with('0')
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// The fee at the start of `rest`, and what follows it.
fn fee(rest: &str) -> (FeeCell, &str) {
    if let Some(after) = rest.strip_prefix("Miễn phí") {
        return (FeeCell::Free { note: None }, after);
    }
    if let Some(after) = starts_with_no_information(rest) {
        return (FeeCell::Unknown, after);
    }
    let run = number_run(rest);
    if run > 0 {
        let after = rest[run..].trim_start();
        for (currency, dong) in CURRENCIES {
            if let Some(tail) = after.strip_prefix(currency) {
                let digits: String = rest[..run].chars().filter(char::is_ascii_digit).collect();
                return match (dong, digits.parse::<u64>()) {
                    (true, Ok(amount)) => (
                        FeeCell::Amount {
                            amount,
                            unit: None,
                            note: None,
                        },
                        tail,
                    ),
                    _ => (FeeCell::Text(format!("{} {currency}", &rest[..run])), tail),
                };
            }
        }
    }
    (FeeCell::Unknown, rest)
}

/// "/hồ sơ" or "/1 lần (Thông tư …)" → ("hồ sơ", None) or ("1 lần", Some("Thông tư …")).
fn per_unit(note: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(note) = note else {
        return (None, None);
    };
    let Some(rest) = note.strip_prefix('/') else {
        return (None, Some(note.to_string()));
    };
    let end = rest
        .find(['(', '\n', ';', '.'])
        .unwrap_or(rest.len())
        .min(rest.len());
    let unit = rest[..end].trim();
    let remainder = unwrap_parens(rest[end..].trim());
    if unit.is_empty() || unit.chars().count() > 40 {
        return (None, Some(note.to_string()));
    }
    (
        Some(unit.to_string()),
        (!remainder.is_empty()).then(|| remainder.to_string()),
    )
}

/// A mode listed more than once gets the words that tell its rows apart: the start of its
/// description ("Đối với …", "a) Trường hợp …:", "Tại cơ quan đại diện:").
fn add_conditions(rows: &mut [ChannelRow]) {
    for i in 0..rows.len() {
        let twins = rows.iter().filter(|r| r.mode == rows[i].mode).count();
        if twins < 2 {
            continue;
        }
        let condition = rows[i].description.as_deref().and_then(condition_of);
        // A description that says no more than its condition is not shown twice.
        let said = rows[i].description.as_deref().map(|d| {
            d.replace('\\', "")
                .trim_end_matches(['.', ':', ';', ' '])
                .to_string()
        });
        if said.is_some() && said == condition {
            rows[i].description = None;
        }
        rows[i].condition = condition;
    }
}

fn condition_of(description: &str) -> Option<String> {
    const MAX: usize = 160;
    let plain = description.replace('\\', "");
    let first = plain.lines().next()?.trim();
    let first = first.strip_prefix("- ").unwrap_or(first);
    let cut = [": ", ". ", " thì ", "; "]
        .iter()
        .filter_map(|sep| first.find(sep))
        .min()
        .unwrap_or(first.len());
    let clause = first[..cut].trim_end_matches(['.', ':', ';', ',']).trim();
    let clause = match clause.split_once(") ") {
        Some((marker, rest)) if marker.chars().count() <= 2 => rest,
        _ => clause,
    };
    if clause.is_empty() {
        return None;
    }
    if clause.chars().count() <= MAX {
        return Some(clause.to_string());
    }
    let cut = clause
        .char_indices()
        .take_while(|(i, _)| clause[..*i].chars().count() < MAX)
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .last()
        .unwrap_or(clause.len());
    Some(format!("{}…", &clause[..cut]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<ChannelRow> {
        let (rows, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        rows
    }

    #[test]
    fn a_plain_row() {
        let r = rows("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí");
        assert_eq!(r.len(), 1);
        assert_eq!(
            (r[0].amount, r[0].unit.as_deref()),
            (Some(5), Some("Ngày làm việc"))
        );
        assert_eq!(r[0].fee, FeeCell::Free { note: None });
    }

    #[test]
    fn a_time_limit_without_unit_and_fee_notes() {
        let r = rows(
            "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến7Miễn phí(Mức lệ phí do HĐND quyết định.)Dịch vụ bưu chính14 Ngày35,000,000 Việt Nam Đồng(/hồ sơ (Thông tư số 64/2025/TT-BTC))Nộp tại Sở.",
        );
        assert_eq!((r[0].amount, r[0].unit.as_deref()), (Some(7), None));
        assert_eq!(
            r[0].fee,
            FeeCell::Free {
                note: Some("Mức lệ phí do HĐND quyết định.".into())
            }
        );
        assert_eq!(
            r[1].fee,
            FeeCell::Amount {
                amount: 35_000_000,
                unit: Some("hồ sơ".into()),
                note: Some("Thông tư số 64/2025/TT-BTC".into())
            }
        );
        assert_eq!(r[1].description.as_deref(), Some("Nộp tại Sở."));
    }

    #[test]
    fn digits_glued_to_an_amount_split_only_when_one_reading_fits() {
        let r = rows("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1200 VNĐ");
        assert_eq!(r[0].amount, Some(1));
        assert!(matches!(r[0].fee, FeeCell::Amount { amount: 200, .. }));
        let (r, problems) = parse("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp1250 VNĐ");
        assert_eq!(problems.len(), 1, "1+250 and 12+50 both fit");
        assert_eq!(r[0].fee, FeeCell::Text("1250 VNĐ".into()));
    }

    #[test]
    fn a_mode_twice_gets_conditions_from_its_descriptions() {
        let r = rows(
            "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpKhông có thông tin2,000 Việt Nam Đồng(/trang)Tại Ủy ban nhân dân cấp xã: 2.000 đồng/trang.Trực tiếpKhông có thông tin10 USD(/bản)Tại cơ quan đại diện: 10 USD/bản.",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].condition.as_deref(),
            Some("Tại Ủy ban nhân dân cấp xã")
        );
        assert_eq!(r[1].condition.as_deref(), Some("Tại cơ quan đại diện"));
        assert_eq!(r[1].fee, FeeCell::Text("10 USD/bản".into()));
        assert_eq!(r[0].amount, None);
        let r = rows(
            "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc500,000 Việt Nam Đồng- Đối với trường hợp thay đổi tên thì được cấp lại giấy, mức phí: 500.000đ;Trực tuyến5 Ngày làm việc1 Việt Nam Đồng- Đối với trường hợp thay đổi nội dung khác thì ghi nhận thay đổi, mức phí: 0đ.",
        );
        assert_eq!(
            r[0].condition.as_deref(),
            Some("Đối với trường hợp thay đổi tên")
        );
        assert_eq!(
            r[1].condition.as_deref(),
            Some("Đối với trường hợp thay đổi nội dung khác")
        );
        let r = rows(
            "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 Ngày làm việcMiễn phíĐối với công ty luật hợp danhTrực tiếp5 Ngày làm việcMiễn phíĐối với văn phòng luật sư",
        );
        assert_eq!(r[1].condition.as_deref(), Some("Đối với văn phòng luật sư"));
        assert_eq!(r[1].description, None, "not shown twice");
    }

    #[test]
    fn time_limits_in_words_and_units_in_any_case() {
        let r = rows(
            "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpTrong ngày làm việcMiễn phíTrực tuyến3 ngày làm việc20,000 VNĐ(/bản)",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].time_note.as_deref(), Some("Trong ngày làm việc"));
        assert_eq!(r[0].fee, FeeCell::Free { note: None });
        assert_eq!(
            (r[1].amount, r[1].unit.as_deref()),
            (Some(3), Some("Ngày làm việc"))
        );
        assert!(matches!(r[1].fee, FeeCell::Amount { amount: 20_000, .. }));
        // "Trực tiếp" in running text does not start a row.
        let r = rows(
            "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 NgàyMiễn phíNộp hồ sơ Trực tiếp Tại Sở.",
        );
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn no_information_is_empty() {
        assert!(rows("Không có thông tin").is_empty());
    }
}
