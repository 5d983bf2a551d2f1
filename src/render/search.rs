//! The search index: one small JSON file, fetched only when a visitor starts typing in a
//! search box, and searched in the browser by `static/search.js`. Short names are kept as
//! written (so a query typed with diacritics can rank exact matches first); the script
//! folds diacritics itself. Full names keep only the folded words the short name lacks,
//! shared names (fields, levels, agencies) are stored once, and the synonyms (built in and
//! the site's own) travel with the index, folded.

use crate::catalog::Kind;
use crate::model::Model;
use crate::vi;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Serialize)]
struct Index<'a> {
    /// Prefix of procedure URLs: `/tthc/`; an item's URL is this + code + `/`.
    url: String,
    fields: Vec<&'a str>,
    levels: Vec<&'a str>,
    agencies: Vec<&'a str>,
    /// `[colloquial words, the catalogue's words]`, both folded: a query holding the first
    /// is also searched with the second.
    synonyms: Vec<(String, String)>,
    /// `[code, short name, full name's other words (folded), field, [levels], time limit,
    /// keywords, [agencies], body words, in force (1/0)]`.
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a>(
    &'a str,
    &'a str,
    String,
    usize,
    Vec<usize>,
    String,
    String,
    Vec<usize>,
    String,
    u8,
);

/// Longest time-limit text kept in the index: results show a glance, the page the rest.
const TIME_LIMIT_CHARS: usize = 70;

/// Words kept from a description: its opening says what the procedure is for; the whole
/// text would triple the index that a phone downloads.
const BODY_WORDS: usize = 24;

/// The start of the index: everything but the items, up to the opening of their list. The
/// items follow ([`item`]), joined by `,`, then [`END`].
pub fn head(model: &Model) -> Vec<u8> {
    let c = &model.catalog;
    let u = &model.urls;
    let index = Index {
        url: u.href(&u.procedures()),
        fields: c.fields.iter().map(|f| f.name.as_str()).collect(),
        levels: c.levels.iter().map(|l| l.name.as_str()).collect(),
        agencies: c.agencies.iter().map(|a| a.name.as_str()).collect(),
        synonyms: synonyms(&model.config.search),
        items: Vec::new(),
    };
    let mut bytes = serde_json::to_vec(&index).unwrap_or_default();
    // The items are the last member: `…,"items":[]}` loses its `]}`.
    bytes.truncate(bytes.len().saturating_sub(END.len()));
    bytes
}

/// What the index ends with, after the items.
pub const END: &[u8] = b"]}";

/// Whether the procedure is in the index: not findable before the day it takes effect (the
/// upcoming page lists it).
pub fn has(p: &crate::model::Procedure) -> bool {
    !p.is_upcoming()
}

/// A procedure's item of the index.
pub fn item(model: &Model, p: &crate::model::Procedure) -> Vec<u8> {
    let c = &model.catalog;
    let item = {
        let r = &p.record;
        let position = |kind, key: &str| c.position(kind, key).unwrap_or(0);
        let time_limit = r
            .channels
            .iter()
            .find_map(|ch| ch.time_limit.as_ref())
            // A time limit with no short statement is left to the page.
            .and_then(|t| super::views::time_limit_glance(model, t, TIME_LIMIT_CHARS).0)
            .unwrap_or_default();
        let mut words: Vec<&str> = r.keywords.iter().map(String::as_str).collect();
        words.extend(r.life_events.iter().map(String::as_str));
        let a = &r.agencies;
        let agencies: BTreeSet<usize> = a
            .competent
            .iter()
            .chain(&a.executing)
            .map(|k| position(Kind::Agency, k.get_ref()))
            .collect();
        Item(
            p.code(),
            p.short_name(),
            other_words(r.name.get_ref(), p.short_name()),
            position(Kind::Field, r.field.get_ref()),
            r.levels
                .get_ref()
                .iter()
                .map(|l| position(Kind::Level, l.get_ref()))
                .collect(),
            time_limit,
            words.join("|"),
            agencies.into_iter().collect(),
            body_words(&p.text.description.text, r.name.get_ref()),
            u8::from(p.is_active()),
        )
    };
    serde_json::to_vec(&item).unwrap_or_default()
}

/// The distinct folded words of the description that are not already in the name: enough
/// to find a procedure by what it is about, at a fraction of the text's size.
/// Words are folded one by one, as far as needed: the rest of a long text is never read.
fn body_words(text: &str, name: &str) -> String {
    let in_name: BTreeSet<String> = words(name).map(vi::fold).collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for word in words(text).map(vi::fold) {
        if word.chars().count() >= 2 && !in_name.contains(&word) && seen.insert(word.clone()) {
            out.push(word);
            if out.len() == BODY_WORDS {
                break;
            }
        }
    }
    out.join(" ")
}

/// The words of `text`: runs of letters and digits, with the marks that combine with them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && !vi::is_combining_mark(c))
        .filter(|w| !w.is_empty())
}

/// The folded words of the full name that the short name lacks ("thu tuc" aside): what
/// finds a procedure by its official name, without storing the name twice.
fn other_words(name: &str, short_name: &str) -> String {
    let known: BTreeSet<String> = words(short_name)
        .map(vi::fold)
        .chain(["thu".to_string(), "tuc".to_string()])
        .collect();
    let mut seen = BTreeSet::new();
    words(name)
        .map(vi::fold)
        .filter(|w| !known.contains(w) && seen.insert(w.clone()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What people say, and what the catalogue says: one pair for each word, folded. A site's
/// own come first.
fn synonyms(config: &crate::config::SearchConfig) -> Vec<(String, String)> {
    let fold = |t: &str| words(t).map(vi::fold).collect::<Vec<_>>().join(" ");
    let mut pairs: Vec<(String, String)> = config
        .synonyms
        .iter()
        .flat_map(|s| {
            let means = fold(s.means.get_ref());
            s.words
                .iter()
                .map(move |w| (fold(w.get_ref()), means.clone()))
        })
        .collect();
    if config.default_synonyms {
        for (colloquial, official) in DEFAULT_SYNONYMS {
            for word in *colloquial {
                pairs.push((fold(word), fold(official)));
            }
        }
    }
    let mut seen = BTreeSet::new();
    pairs.retain(|(from, to)| !from.is_empty() && from != to && seen.insert(from.clone()));
    pairs
}

/// Everyday names of common procedures, and the words the catalogue uses for them.
const DEFAULT_SYNONYMS: &[(&[&str], &str)] = &[
    (
        &["sổ đỏ", "sổ hồng", "bìa đỏ", "sổ nhà đất"],
        "giấy chứng nhận quyền sử dụng đất",
    ),
    (&["sang tên"], "chuyển nhượng"),
    (&["con nuôi"], "nuôi con nuôi"),
    (&["độc thân"], "tình trạng hôn nhân"),
    (&["giấy chứng tử", "giấy khai tử", "báo tử"], "khai tử"),
    (&["cưới", "giấy đăng ký kết hôn"], "kết hôn"),
    (&["làm giấy khai sinh", "làm khai sinh"], "khai sinh"),
    (&["bằng lái", "bằng lái xe"], "giấy phép lái xe"),
    (
        &["căn cước công dân", "cccd", "chứng minh nhân dân", "cmnd"],
        "căn cước",
    ),
    (&["hộ khẩu", "nhập hộ khẩu"], "thường trú"),
    (
        &["mở công ty", "thành lập công ty"],
        "thành lập doanh nghiệp",
    ),
    (&["mở quán", "mở cửa hàng"], "hộ kinh doanh"),
    (&["xây nhà", "xin phép xây nhà"], "giấy phép xây dựng"),
    (
        &["sao y", "sao y bản chính", "công chứng bản sao"],
        "chứng thực bản sao",
    ),
    (&["mai táng phí", "tiền mai táng"], "chi phí mai táng"),
    (&["tiền trợ cấp", "trợ cấp xã hội"], "trợ giúp xã hội"),
    (&["thế chấp"], "biện pháp bảo đảm"),
    (&["phiếu lý lịch", "lý lịch"], "lý lịch tư pháp"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_words_are_folded_distinct_and_not_in_the_name() {
        assert_eq!(
            body_words("Đăng ký cho trẻ em, trẻ em mồ côi.", "Đăng ký khai sinh"),
            "cho tre em mo coi"
        );
    }

    #[test]
    fn body_words_read_decomposed_text_as_whole_words() {
        // "Đăng ký cho trẻ em" with its tone marks as separate code points (NFD).
        let decomposed = "Đa\u{306}ng ky\u{301} cho tre\u{309} em";
        assert_eq!(body_words(decomposed, "Khai sinh"), "dang ky cho tre em");
    }

    #[test]
    fn full_names_keep_only_the_words_the_short_name_lacks() {
        assert_eq!(
            other_words("Thủ tục đăng ký khai sinh", "Đăng ký khai sinh"),
            ""
        );
        assert_eq!(other_words("Thủ tục cấp phép (cấp xã)", "Cấp phép"), "xa");
    }

    #[test]
    fn synonyms_are_folded_the_sites_first_and_each_word_once() {
        let config: crate::config::SearchConfig =
            toml::from_str("synonyms = [{ words = [\"Sổ đỏ\"], means = \"Giấy chứng nhận\" }]")
                .unwrap();
        let pairs = synonyms(&config);
        assert_eq!(
            pairs[0],
            ("so do".to_string(), "giay chung nhan".to_string())
        );
        assert_eq!(pairs.iter().filter(|(from, _)| from == "so do").count(), 1);
        assert!(pairs.iter().any(|(from, _)| from == "so hong"));
        let off: crate::config::SearchConfig = toml::from_str("default_synonyms = false").unwrap();
        assert!(synonyms(&off).is_empty());
    }
}
