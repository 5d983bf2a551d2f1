//! Vietnamese conventions: number, money and percentage formatting, diacritic folding, and
//! an alphabetical sort key that follows the Vietnamese alphabet (a ă â b c d đ e ê …).

use unicode_normalization::UnicodeNormalization;

/// `70515` → `70.515`.
pub fn number(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A decimal with `decimals` places, `.` for thousands and `,` for decimals: `82,81`.
/// Rounds half away from zero on the decimal value, not on its binary approximation.
pub fn decimal(value: f64, decimals: usize) -> String {
    let rounded = format!("{:.*}", decimals, round_half_up(value, decimals));
    let (sign, unsigned) = match rounded.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", rounded.as_str()),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    // Grouped as digits, so a value beyond u64 is shown as it is, never as 0.
    let mut grouped = String::with_capacity(int_part.len() * 4 / 3 + 1);
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    let mut out = format!("{sign}{grouped}");
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

fn round_half_up(value: f64, decimals: usize) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    // Nudge by a few units in the last place so 96.525 (stored as 96.52499…) rounds up as
    // written, without moving a large value (1e11 stays 100.000.000.000,00).
    let scaled = value * factor;
    if scaled.abs() >= 2f64.powi(52) {
        // No fraction left to round at this size.
        return value;
    }
    (scaled + scaled.signum() * scaled.abs() * 4.0 * f64::EPSILON).round() / factor
}

/// `0.8281` → `82,81 %` (a non-breaking space keeps the sign with its number).
pub fn percent(ratio: f64, decimals: usize) -> String {
    format!("{}\u{a0}%", decimal(ratio * 100.0, decimals))
}

/// `50000` → `50.000 đồng`.
pub fn money(amount: u64) -> String {
    format!("{}\u{a0}đồng", number(amount))
}

/// Lower-case ASCII-ish text without diacritics, `đ` folded to `d`: what a person types on a
/// phone keyboard without Vietnamese input ("dang ky khai sinh").
/// Each letter is decomposed on its own (ASCII needs no decomposition), which for text
/// whose marks all fold away is the same as normalising the whole text first.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                for lower in part.to_lowercase() {
                    folded.push(if lower == 'đ' { 'd' } else { lower });
                }
            }
        });
    }
    folded
}

pub fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// A key that sorts text in Vietnamese alphabetical order: letters first (with ă, â after a,
/// đ after d, ê after e, ô, ơ after o, ư after u), then tones only to break ties.
///
/// The key is bytes compared as they are, so that sorting compares flat keys: each letter's
/// weight in a variable-length code that keeps its order, then a 0 byte, then the tones.
pub fn sort_key(text: &str) -> Box<[u8]> {
    let (letters, tones) = letters_and_tones(text);
    let mut key = Vec::with_capacity(letters.len() + tones.len() + 1);
    for weight in letters {
        // Shifted by one, so that no letter's first byte is the 0 that ends the letters.
        let v = weight + 1;
        match v {
            0..0x80 => key.push(v as u8),
            0x80..0x4000 => key.extend_from_slice(&[0x80 | (v >> 8) as u8, v as u8]),
            0x4000..0x30_0000 => {
                key.extend_from_slice(&[0xc0 + (v >> 16) as u8, (v >> 8) as u8, v as u8]);
            }
            _ => key.extend_from_slice(&[0xf0, (v >> 16) as u8, (v >> 8) as u8, v as u8]),
        }
    }
    key.push(0);
    key.extend_from_slice(&tones);
    key.into_boxed_slice()
}

/// What [`sort_key`] compares: each letter's weight (its modifiers added), then the tones.
fn letters_and_tones(text: &str) -> (Vec<u32>, Vec<u8>) {
    let mut letters = Vec::with_capacity(text.len());
    let mut tones = Vec::new();
    for c in text.nfd().flat_map(char::to_lowercase) {
        match c {
            // Letter modifiers are part of the letter.
            '\u{0306}' | '\u{0302}' | '\u{031b}' => {
                if let Some(last) = letters.last_mut() {
                    *last += match c {
                        '\u{0306}' => 1, // breve: ă
                        '\u{0302}' => 2, // circumflex: â ê ô
                        _ => 3,          // horn: ơ ư
                    };
                }
            }
            // Tone marks only break ties: ngang, huyền, sắc, hỏi, ngã, nặng.
            '\u{0300}' => tones.push(1),
            '\u{0301}' => tones.push(2),
            '\u{0309}' => tones.push(3),
            '\u{0303}' => tones.push(4),
            '\u{0323}' => tones.push(5),
            c if is_combining_mark(c) => {}
            'đ' => letters.push(u32::from('d') * 4 + 1),
            c => letters.push(u32::from(c) * 4),
        }
    }
    (letters, tones)
}

/// Empty, or only spaces and invisible characters (zero-width spaces, joiners, marks): a
/// name that would show as nothing.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}')
    })
}

/// An official name as a heading reads it: without a leading "Thủ tục" (a word every
/// procedure's name could start with, which would also file half of them under T), its
/// first letter a capital. Never cut: a long name stays whole.
pub fn plain_name(name: &str) -> String {
    let name = name.trim();
    let rest = ["Thủ tục", "THỦ TỤC", "thủ tục", "Thủ Tục"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .filter(|rest| rest.starts_with([' ', ':']))
        .map(|rest| rest.trim_start_matches([' ', ':', '-']))
        .filter(|rest| rest.chars().count() >= 8)
        .unwrap_or(name);
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a fact reads where there is room for `max` characters, never cut inside a sentence:
/// whole when it fits; else what it states before its note in brackets ("Lệ phí: 50.000
/// đồng (…)" → "Lệ phí: 50.000 đồng"); else its first clause or sentence. `None` when no complete
/// statement fits: the caller points to where the whole text is.
pub fn glance(text: &str, max: usize) -> Option<String> {
    let text = text.trim();
    let fits = |t: &str| !t.is_empty() && t.chars().count() <= max;
    if fits(text) {
        return Some(text.to_string());
    }
    // The statement before the first bracket, when that bracket runs to the end.
    if let Some((head, _)) = text.split_once(" (")
        && text.ends_with(')')
    {
        let head = head.trim_end_matches([',', ';', ':', ' ']);
        if fits(head) && head.chars().count() >= 4 {
            return Some(head.to_string());
        }
    }
    // The first clause, when a semicolon closes it ("Ngay trong ngày tiếp nhận hồ sơ; trường
    // hợp …").
    if let Some((clause, _)) = text.split_once("; ")
        && fits(clause)
        && clause.split_whitespace().count() >= 3
        && clause.matches('(').count() == clause.matches(')').count()
    {
        return Some(clause.to_string());
    }
    // The first sentence: up to a full stop followed by a space and a capital.
    for (at, c) in text.char_indices() {
        if c == '.'
            && text[at + 1..].starts_with(' ')
            && text[at + 1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            let sentence = &text[..=at];
            // Not an abbreviation's dot ("TP. Cà Mau", "Tp.") nor a number's.
            let word = sentence.rsplit(' ').next().unwrap_or("");
            if word.chars().count() > 3 && fits(sentence) && !sentence.contains('(') {
                return Some(sentence.to_string());
            }
            if sentence.chars().count() > max {
                break;
            }
        }
    }
    None
}

/// `text` cut at a word to at most `max` characters plus "…" (trailing commas and
/// semicolons dropped); unchanged when short enough.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '(']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_lose_a_leading_thu_tuc_and_nothing_else() {
        assert_eq!(plain_name("Thủ tục đăng ký khai sinh"), "Đăng ký khai sinh");
        assert_eq!(
            plain_name("THỦ TỤC: cấp phiếu lý lịch tư pháp"),
            "Cấp phiếu lý lịch tư pháp"
        );
        // Not the word alone, nor a name that is only a few letters after it.
        assert_eq!(plain_name("Thủ tục"), "Thủ tục");
        assert_eq!(plain_name("Thủ tục tục"), "Thủ tục tục");
        assert_eq!(
            plain_name("Thủ tụcxyz dài hơn tám"),
            "Thủ tụcxyz dài hơn tám"
        );
        let long = "Đăng ký thông báo xử lý tài sản bảo đảm, đăng ký thay đổi, xóa đăng ký thông báo xử lý tài sản bảo đảm là tàu bay";
        assert_eq!(plain_name(long), long);
    }

    #[test]
    fn a_glance_keeps_whole_statements_or_nothing() {
        assert_eq!(
            glance("Lệ phí: 50.000 đồng", 80).as_deref(),
            Some("Lệ phí: 50.000 đồng")
        );
        assert_eq!(
            glance("Miễn phí (Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định.)", 40).as_deref(),
            Some("Miễn phí")
        );
        assert_eq!(
            glance("10 ngày làm việc. Trường hợp phải xác minh thì kéo dài thêm không quá 5 ngày làm việc, kể từ ngày nhận hồ sơ", 40).as_deref(),
            Some("10 ngày làm việc.")
        );
        // No statement fits whole: nothing rather than half a sentence.
        assert_eq!(
            glance(
                "Miễn phí đối với: người di cư từ Lào được phép cư trú xin xác nhận có quốc tịch Việt Nam",
                40
            ),
            None
        );
        // A bracket that does not end the text is not a note to drop.
        assert_eq!(
            glance(
                "Trong ngày (nếu nộp trước 15 giờ) hoặc ngày làm việc tiếp theo",
                30
            ),
            None
        );
        // An abbreviation's dot ends no sentence.
        assert_eq!(
            glance(
                "Nộp tại TP. Cà Mau theo quy định của Ủy ban nhân dân tỉnh về việc này",
                30
            ),
            None
        );
    }

    #[test]
    fn numbers_use_dots_for_thousands() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(70515), "70.515");
        assert_eq!(number(1_234_567), "1.234.567");
        assert_eq!(money(50000), "50.000\u{a0}đồng");
    }

    #[test]
    fn decimals_use_commas_and_round_as_written() {
        assert_eq!(decimal(82.81, 2), "82,81");
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(96.525, 2), "96,53");
        assert_eq!(percent(776.0 / 804.0, 2), "96,52\u{a0}%");
        assert_eq!(decimal(-0.5, 0), "-1");
        assert_eq!(decimal(100_000_000_000.0, 2), "100.000.000.000,00");
        assert_eq!(decimal(1e20, 0), "100.000.000.000.000.000.000");
    }

    #[test]
    fn folding_letter_by_letter_equals_folding_the_normalised_text() {
        let whole = |text: &str| -> String {
            text.nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'đ' { 'd' } else { c })
                .collect()
        };
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        let text = format!(
            "{letters} {} Thủ tục đăng ký khai sinh — 15 ngày; ĐƯỜNG Ngô Quyền, Cà Mau. ½ № ﬁ",
            letters.to_uppercase()
        );
        let decomposed: String = text.nfd().collect();
        for t in [text.as_str(), decomposed.as_str()] {
            assert_eq!(fold(t), whole(t));
        }
    }

    #[test]
    fn folding_strips_tones_and_d_stroke() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("ĐƯỜNG"), "duong");
    }

    #[test]
    fn the_byte_key_orders_as_letters_then_tones() {
        // Words from every range of the letter code: ASCII, Vietnamese letters and tones,
        // other scripts, the highest planes, a NUL, prefixes of one another.
        let pieces = [
            "",
            "a",
            "A",
            "ă",
            "â",
            "ạ",
            "ấ",
            "d",
            "đ",
            "Đ",
            "z",
            "0",
            " ",
            "\0",
            "\u{1f}",
            "ư",
            "ữ",
            "ß",
            "ʼ",
            "\u{fff}",
            "\u{1000}",
            "中",
            "\u{3fff}",
            "\u{4000}",
            "\u{bffff}",
            "\u{c0000}",
            "\u{10fffd}",
            "a\u{0302}\u{0323}",
            "a\u{0323}\u{0302}",
            "\u{0301}",
        ];
        let mut words = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in ["", "a", "ạ", "\u{10fffd}"] {
                    words.push(format!("{a}{b}{c}"));
                }
            }
        }
        let keys: Vec<_> = words
            .iter()
            .map(|w| (w, sort_key(w), letters_and_tones(w)))
            .collect();
        for (x, key_x, order_x) in &keys {
            for (y, key_y, order_y) in &keys {
                assert_eq!(
                    key_x.cmp(key_y),
                    order_x.cmp(order_y),
                    "{x:?} against {y:?}"
                );
            }
        }
    }

    #[test]
    fn sort_key_follows_the_vietnamese_alphabet() {
        let mut words = vec![
            "Đất đai",
            "Dân tộc",
            "Ăn uống",
            "Xây dựng",
            "An ninh",
            "Âm nhạc",
        ];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(
            words,
            [
                "An ninh",
                "Ăn uống",
                "Âm nhạc",
                "Dân tộc",
                "Đất đai",
                "Xây dựng"
            ]
        );
    }
    #[test]
    fn long_time_limits_are_cut_at_a_word() {
        assert_eq!(
            shorten("Ngay trong ngày tiếp nhận hồ sơ", 14),
            "Ngay trong…"
        );
        assert_eq!(shorten("3 ngày", 14), "3 ngày");
    }
}
