//! "Địa chỉ tiếp nhận hồ sơ": where to submit, as the source writes it. Only an address
//! becomes an office (with a page, a poster and a print pack); a sentence ("Hồ sơ được nộp
//! trực tiếp hoặc qua dịch vụ bưu chính đến…", "Ủy ban nhân dân cấp xã nơi cư trú…"), a
//! list mark's fragment or a web address stays the procedure's own note.

use super::text;
use crate::vi;

/// Where to submit: offices made from addresses, or a note kept as text.
#[derive(Debug, Default, PartialEq)]
pub struct Place {
    pub addresses: Vec<String>,
    pub note: Option<String>,
}

/// Reads the section: the whole text when it is one address, its parts when each is one,
/// else the text as a note.
pub fn read(section: &str) -> Place {
    let Some(cleaned) = text::present(section) else {
        return Place::default();
    };
    let whole = text::one_line(&cleaned);
    // Several addresses, one a line (or after `;`), each whole on its own line.
    let parts: Vec<String> = cleaned
        .split(['\n', ';'])
        .map(text::one_line)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| is_address(p)) {
        let mut addresses: Vec<String> = Vec::new();
        for p in parts {
            if !addresses.contains(&p) {
                addresses.push(p);
            }
        }
        return Place {
            addresses,
            note: None,
        };
    }
    // One address, its lines broken where the source's page ended.
    if is_address(&whole) {
        return Place {
            addresses: vec![whole],
            note: None,
        };
    }
    Place {
        addresses: Vec::new(),
        note: Some(whole),
    }
}

/// The warning for a place that is kept as a note.
pub fn note_message(note: &str) -> String {
    format!(
        "not an address, so no office is made; kept as the procedure's note: `{}`",
        crate::diagnostic::excerpt(note)
    )
}

/// Words of a postal address (folded).
/// "Số" (number) folds like "Sở" (department), so it is looked for before folding.
const PLACE_WORDS: [&str; 19] = [
    "duong",
    "pho",
    "phuong",
    "xa",
    "quan",
    "huyen",
    "tinh",
    "thanh pho",
    "tp",
    "ngo",
    "ngach",
    "tang",
    "toa nha",
    "km",
    "khu",
    "thon",
    "ap",
    "lo",
    "thi tran",
];

/// How a sentence about submitting starts (folded): it describes, it does not locate.
const SENTENCE_STARTS: [&str; 9] = [
    "ho so",
    "nop ",
    "to chuc",
    "ca nhan",
    "truong hop",
    "nguoi ",
    "doi voi",
    "tai ",
    "qua ",
];

/// Is `text` a postal address: short, not a sentence, a fragment or a web address, and
/// naming places (a house number with a street or an administrative unit, or several
/// comma-separated units)?
pub fn is_address(text: &str) -> bool {
    let length = text.chars().count();
    if !(8..=200).contains(&length)
        || text.starts_with(['+', '-', '*', '•', '–', '(', ','])
        || text.ends_with(['…', ',', ':'])
        || text.ends_with("...")
        || text.contains("://")
        || text.starts_with("www.")
        || !text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let folded = vi::fold(text);
    if SENTENCE_STARTS.iter().any(|s| folded.starts_with(s))
        || folded.contains(" noi ")
        || folded.contains("duoc nop")
        || folded.contains(" hoac ")
    {
        return false;
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has_place = |raw: &str| {
        if raw.to_lowercase().split_whitespace().any(|w| w == "số") {
            return true;
        }
        let part = vi::fold(raw);
        let part_words: Vec<&str> = part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        PLACE_WORDS.iter().any(|p| {
            let p_words: Vec<&str> = p.split(' ').collect();
            part_words
                .windows(p_words.len())
                .any(|w| w == p_words.as_slice())
        })
    };
    let numbered = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    let places = text.split(',').filter(|p| has_place(p)).count();
    (numbered && places >= 1) || places >= 2
}

/// The name of an office made from an address: the part before the first comma when it
/// names a place rather than a street ("Bộ phận Một cửa Sở Tư pháp, 58 Trần Phú, …"), else
/// the address cut at a word.
pub fn office_name(address: &str) -> String {
    if let Some((first, _)) = address.split_once(',') {
        let first = first.trim();
        let folded = vi::fold(first);
        if first.chars().count() >= 6
            && !first.chars().any(|c| c.is_ascii_digit())
            && !folded.starts_with("so ")
        {
            return first.to_string();
        }
    }
    crate::vi::shorten(address, 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_offices_and_sentences_stay_notes() {
        let p = read("Bộ phận Một cửa Sở Tư pháp, số 58 đường Trần Phú, phường 5, tỉnh Cà Mau");
        assert_eq!(p.addresses.len(), 1);
        assert_eq!(office_name(&p.addresses[0]), "Bộ phận Một cửa Sở Tư pháp");
        for sentence in [
            "Hồ sơ được nộp trực tiếp hoặc qua dịch vụ bưu chính đến Trung tâm phục vụ hành chính công tỉnh",
            "Uỷ ban nhân dân cấp xã nơi cư trú của người được giám hộ",
            "+ Số 333-335 đường Lê Duẩn",
            "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
            "Trung tâm phục vụ hành chính công tỉnh, thành phố nơi đã đăng ký hoạt động",
            "Sở Tư pháp",
        ] {
            let p = read(sentence);
            assert!(p.addresses.is_empty(), "{sentence}");
            assert!(p.note.is_some());
        }
        let p = read(
            "Trung tâm Phục vụ hành chính công tỉnh, số 1 đường Hùng Vương, phường 7\nBưu điện tỉnh, số 3 đường Lý Bôn, phường 2",
        );
        assert_eq!(p.addresses.len(), 2);
        let p = read("Số 58 Trần Phú, Ba Đình,\nHà Nội");
        assert_eq!(
            p.addresses,
            ["Số 58 Trần Phú, Ba Đình, Hà Nội"],
            "one address over lines"
        );
    }
}
