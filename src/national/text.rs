//! Free text from national records, repaired without being mangled: NFC, spaces folded,
//! "Không có thông tin" read as absent, line breaks from PDF extraction joined where they
//! fall mid-sentence, and every character Markdown would read as markup escaped, so the
//! source's `*`, `_` or `1.` never turn into emphasis or a restarted list.

use unicode_normalization::UnicodeNormalization;

/// What the portal prints for an empty section.
const NO_INFORMATION: &str = "không có thông tin";

/// NFC, non-breaking and repeated spaces folded to one, trimmed; line breaks kept.
pub fn clean(text: &str) -> String {
    let text: String = text
        .trim_start_matches('\u{feff}')
        .nfc()
        .map(|c| match c {
            '\u{a0}' | '\t' | '\u{2002}'..='\u{200a}' | '\u{202f}' => ' ',
            '\r' => '\n',
            _ => c,
        })
        // Zero-width and bidirectional marks copied from the portal's pages, and control
        // characters and non-characters no output format may hold (XML refuses them).
        .filter(|c| {
            !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
                && (*c == '\n' || !c.is_control())
        })
        .collect();
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Text of the portal's page (not of the record) that a crawl glues after a section:
/// the keyword and description boxes and the office picker.
const SCREEN_TEXT: [&str; 4] = [
    "Từ khóa",
    "Chọn cơ quan thực hiện",
    "Hệ thống chỉ hiển thị những cơ quan",
    "-- Chọn Tỉnh/ Thành phố --",
];

/// `text` without the portal screen text glued after it ("…hợp lệ.Từ khóaKhông có thông
/// tin…Nộp hồ sơ"): cut where a marker starts glued to the text before it, or at the start.
pub fn without_screen_text(text: &str) -> &str {
    let cut = SCREEN_TEXT
        .iter()
        .flat_map(|marker| text.match_indices(marker).map(|(at, _)| at))
        .filter(|&at| {
            text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_whitespace())
        })
        .min();
    match cut {
        Some(at) => &text[..at],
        None => text,
    }
}

/// One line: [`clean`] with line breaks folded to spaces.
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text, or `None` when it is empty or says "Không có thông tin".
pub fn present(text: &str) -> Option<String> {
    let text = clean(text);
    let bare = text.trim_end_matches(['.', ' ']).to_lowercase();
    if bare.is_empty() || bare == NO_INFORMATION || bare == "không" {
        None
    } else {
        Some(text)
    }
}

/// Whether `text` starts with "Không có thông tin", in any case.
pub fn starts_with_no_information(text: &str) -> Option<&str> {
    let prefix = "Không có thông tin";
    let head = text.get(..prefix.len())?;
    (head.to_lowercase() == NO_INFORMATION).then(|| &text[prefix.len()..])
}

/// Does a line start a new item (a list marker, "Bước n", "a)", "1.")?
pub fn starts_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['-', '+', '•', '*', '–', '→']) {
        return true;
    }
    if step_number(line).is_some() {
        return true;
    }
    let mut chars = line.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), Some(')' | '.'), Some(' ')) if c.is_alphabetic() && c.is_lowercase() => true,
        (Some(c), Some(')'), _) if c.is_alphabetic() && c.is_lowercase() => true,
        _ => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            digits > 0
                && digits < 3
                && matches!(line[digits..].chars().next(), Some('.' | ')'))
                && line[digits + 1..].starts_with(' ')
        }
    }
}

/// "Bước 2: …" → 2.
pub fn step_number(line: &str) -> Option<u32> {
    let rest = line.trim_start();
    let rest = rest
        .strip_prefix("Bước")
        .or_else(|| rest.strip_prefix("bước"))
        .or_else(|| rest.strip_prefix("BƯỚC"))?;
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Joins lines broken mid-sentence: a line is glued to the one before unless it starts an
/// item, or the line before ends a sentence and this one starts with a capital.
pub fn join_broken_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let glue = match lines.last() {
            None => false,
            Some(previous) => {
                let ends_sentence = previous.ends_with(['.', ':', ';', '!', '?']);
                let capital = line.chars().next().is_some_and(char::is_uppercase);
                !(starts_item(line) || ends_sentence && capital)
            }
        };
        match lines.last_mut() {
            Some(previous) if glue => {
                previous.push(' ');
                previous.push_str(line);
            }
            _ => lines.push(line.to_string()),
        }
    }
    lines
}

/// Escapes what CommonMark would read as markup, so source text shows as written.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
        ) || (i == 0 && matches!(c, '-' | '+' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. text" or "1) text" at the start would start an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

/// Lines of free text as Markdown: items become list items, other lines paragraphs, all
/// text escaped. `None` when nothing is left.
pub fn markdown(text: &str) -> Option<String> {
    let lines = join_broken_lines(&clean(text));
    let mut out = String::new();
    let mut in_list = false;
    for line in lines {
        let (item, body) = split_marker(&line);
        if item {
            if !in_list && !out.is_empty() {
                out.push('\n');
            }
            out.push_str("- ");
            out.push_str(&escape_markdown(body));
            out.push('\n');
            in_list = true;
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&escape_markdown(body));
            out.push('\n');
            in_list = false;
        }
    }
    let out = out.trim_end().to_string();
    (!out.is_empty()).then_some(out)
}

/// A line's bullet marker ("- ", "+ ", "• ") removed; "a)" and "1." stay, they carry meaning.
pub fn split_marker(line: &str) -> (bool, &str) {
    let trimmed = line.trim_start();
    for marker in ['-', '+', '•', '–', '*', '→'] {
        if let Some(rest) = trimmed.strip_prefix(marker)
            && !rest.starts_with(marker)
        {
            return (true, rest.trim_start());
        }
    }
    (starts_item(trimmed), trimmed)
}

/// Splits "A, B (x, y), c d, E" at commas (and semicolons) that are outside parentheses
/// and followed by a capital letter: "Cán bộ, công chức, viên chức" stays one entry.
pub fn split_names(text: &str) -> Vec<String> {
    let text = one_line(text);
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                let next = chars[n + 1..].iter().map(|&(_, c)| c).find(|c| *c != ' ');
                if c == ';' || next.is_some_and(char::is_uppercase) {
                    parts.push(text[start..i].to_string());
                    start = i + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    parts.push(text[start..].to_string());
    parts
        .into_iter()
        .map(|p| {
            p.trim()
                .trim_end_matches(['.', ',', ';'])
                .trim()
                .to_string()
        })
        .filter(|p| present(p).is_some())
        .collect()
}

/// The index just past the parenthesis that closes the one at `open`, if any.
pub fn closing_paren(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// "((x))" → "x", "(x)" → "x".
pub fn unwrap_parens(text: &str) -> &str {
    let mut text = text.trim();
    while text.starts_with('(') && closing_paren(text, 0) == Some(text.len()) {
        text = text[1..text.len() - 1].trim();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_information_means_absent() {
        assert_eq!(present("Không có thông tin"), None);
        assert_eq!(present("  không có thông tin. "), None);
        assert_eq!(present("\u{feff}Có"), Some("Có".into()));
    }

    #[test]
    fn clean_folds_spaces_and_composes() {
        assert_eq!(clean("Ủy ban\u{a0}xã,\u{a0} phường"), "Ủy ban xã, phường");
        // "ệ" written as e + combining marks becomes one character.
        assert_eq!(clean("vie\u{0323}\u{0302}c"), "việc");
    }

    #[test]
    fn lines_broken_mid_sentence_are_joined_and_items_kept() {
        let text = "- Công chức tiếp nhận hồ sơ và\nkiểm tra.\n- Trả kết quả.\nLưu ý: đọc kỹ.\nTrường hợp khác";
        assert_eq!(
            join_broken_lines(text),
            [
                "- Công chức tiếp nhận hồ sơ và kiểm tra.",
                "- Trả kết quả.",
                "Lưu ý: đọc kỹ.",
                "Trường hợp khác"
            ]
        );
    }

    #[test]
    fn source_characters_never_become_markup() {
        let md = markdown("1. Nộp *bản sao* theo mẫu_01 [x]\n<b>đậm</b>").unwrap();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
        assert!(!html.contains("<em>") && !html.contains("<ol") && !html.contains("<b>"));
        assert!(
            html.contains("*bản sao*") && html.contains("mẫu_01"),
            "{html}"
        );
    }

    #[test]
    fn names_split_at_commas_before_capitals_only() {
        assert_eq!(
            split_names(
                "Công dân Việt Nam, Cán bộ, công chức, viên chức, Tổ chức (không bao gồm doanh nghiệp, HTX)"
            ),
            [
                "Công dân Việt Nam",
                "Cán bộ, công chức, viên chức",
                "Tổ chức (không bao gồm doanh nghiệp, HTX)"
            ]
        );
        assert_eq!(
            split_names("Ủy ban Nhân dân\u{a0}xã,\u{a0}phường,\u{a0}thị trấn."),
            ["Ủy ban Nhân dân xã, phường, thị trấn"]
        );
    }

    #[test]
    fn parens_unwrap() {
        assert_eq!(unwrap_parens("((a (b) c))"), "a (b) c");
        assert_eq!(unwrap_parens("(a) (b)"), "(a) (b)");
    }
}
