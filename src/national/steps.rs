//! "Trình tự thực hiện" into ordered steps. Steps start at "Bước n" when the text has them,
//! otherwise at its top-level list markers (`-`, `a)`, `1.`); the marker is dropped because
//! the page numbers the steps itself ("1. Bước 1:" is not shown twice). Lines under a step
//! stay with it, as paragraphs or list items.

use super::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Step,
    Dash,
    Plus,
    Star,
    Letter,
    Number,
}

fn marker(line: &str) -> Option<Marker> {
    let line = strip_number(line);
    if text::step_number(line).is_some() {
        return Some(Marker::Step);
    }
    let original = line.trim_start();
    match original.chars().next()? {
        '-' | '–' | '•' => return Some(Marker::Dash),
        '+' => return Some(Marker::Plus),
        '*' => return Some(Marker::Star),
        _ => {}
    }
    if !text::starts_item(original) {
        return None;
    }
    if original.starts_with(|c: char| c.is_ascii_digit()) {
        Some(Marker::Number)
    } else {
        Some(Marker::Letter)
    }
}

/// "1. Bước 1: …" → "Bước 1: …" (only before "Bước").
fn strip_number(line: &str) -> &str {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = t[digits..].trim_start_matches(['.', ')']).trim_start();
        if text::step_number(rest).is_some() {
            return rest;
        }
    }
    t
}

/// The step's own words without its marker: "Bước 2: Nộp hồ sơ" → "Nộp hồ sơ".
fn strip_marker(line: &str, kind: Marker) -> &str {
    let line = strip_number(line);
    match kind {
        Marker::Step => {
            let rest = line.trim_start();
            let after_word = rest
                .char_indices()
                .nth("Bước".chars().count())
                .map_or("", |(i, _)| &rest[i..])
                .trim_start();
            let after_digits = after_word.trim_start_matches(|c: char| c.is_ascii_digit());
            let cleaned = after_digits.trim_start_matches([':', '.', ')', '-', '–', ' ']);
            if cleaned.is_empty() { line } else { cleaned }
        }
        Marker::Dash | Marker::Plus | Marker::Star => text::split_marker(line).1,
        Marker::Letter | Marker::Number => {
            let at = line.find([')', '.']).map_or(0, |i| i + 1);
            line[at..].trim_start()
        }
    }
}

/// Steps as Markdown strings.
pub fn parse(section: &str) -> Vec<String> {
    let Some(cleaned) = text::present(section) else {
        return Vec::new();
    };
    let lines = text::join_broken_lines(&cleaned);
    let kinds: Vec<Option<Marker>> = lines.iter().map(|l| marker(l)).collect();
    let count = |m: Marker| kinds.iter().filter(|k| **k == Some(m)).count();
    let top = if count(Marker::Step) >= 2 {
        Some(Marker::Step)
    } else {
        kinds
            .iter()
            .flatten()
            .copied()
            .find(|&m| count(m) >= 2 && m != Marker::Plus)
    };
    let Some(top) = top else {
        return text::markdown(&lines.join("\n")).into_iter().collect();
    };
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut intro: Vec<String> = Vec::new();
    for (line, kind) in lines.iter().zip(&kinds) {
        if *kind == Some(top) {
            blocks.push(vec![strip_marker(line, top).to_string()]);
        } else if let Some(block) = blocks.last_mut() {
            block.push(line.clone());
        } else {
            intro.push(line.clone());
        }
    }
    let mut steps: Vec<String> = Vec::new();
    if !intro.is_empty() {
        steps.extend(text::markdown(&intro.join("\n")));
    }
    for block in blocks {
        let first = text::escape_markdown(&block[0]);
        let rest = text::markdown(&block[1..].join("\n"));
        steps.push(match rest {
            Some(rest) => format!("{first}\n\n{rest}"),
            None => first,
        });
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_steps_are_not_doubled() {
        let steps = parse(
            "1. Bước 1: Chuẩn bị hồ sơ\ntheo quy định.\n2. Bước 2: Nộp hồ sơ.\n- Nộp trực tiếp;\n- Nộp qua bưu chính.\nBước 3: Nhận kết quả.",
        );
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[0], "Chuẩn bị hồ sơ theo quy định.");
        assert_eq!(
            steps[1],
            "Nộp hồ sơ.\n\n- Nộp trực tiếp;\n- Nộp qua bưu chính."
        );
        assert_eq!(steps[2], "Nhận kết quả.");
    }

    #[test]
    fn dashes_and_letters_start_steps_when_there_is_no_bước() {
        let steps = parse(
            "a) Người yêu cầu nộp hồ sơ;\nb) Công chức kiểm tra:\n+ Hồ sơ đủ thì nhận;\n+ Chưa đủ thì hướng dẫn.",
        );
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0], "Người yêu cầu nộp hồ sơ;");
        assert!(steps[1].contains("- Hồ sơ đủ thì nhận;"), "{}", steps[1]);
    }

    #[test]
    fn plain_text_is_one_step() {
        assert_eq!(
            parse("Nộp hồ sơ tại Sở Tư pháp."),
            ["Nộp hồ sơ tại Sở Tư pháp."]
        );
        assert!(parse("Không có thông tin").is_empty());
    }
}
