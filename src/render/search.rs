//! The search index: one small JSON file, fetched only when a visitor starts typing in a
//! search box, and searched in the browser by `static/search.js`. Names are kept as
//! written (so a query typed with diacritics can rank exact matches first); the script
//! folds diacritics itself. Shared names (fields, levels, agencies) are stored once.

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
    /// `[code, short name, full name, field, [levels], time limit, keywords, [agencies],
    /// body words, in force (1/0)]`.
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a>(
    &'a str,
    &'a str,
    &'a str,
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

pub fn index(model: &Model) -> String {
    let c = &model.catalog;
    let u = &model.urls;
    let items = model
        .procedures
        .iter()
        .map(|p| {
            let r = &p.record;
            let position = |kind, key: &str| c.position(kind, key).unwrap_or(0);
            let time_limit = r
                .channels
                .iter()
                .find_map(|ch| ch.time_limit.as_ref())
                .map(|t| vi::shorten(&super::views::time_limit(model, t), TIME_LIMIT_CHARS))
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
                full_name_if_different(r.name.get_ref(), p.short_name()),
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
        })
        .collect();
    let index = Index {
        url: u.href(&u.procedures()),
        fields: c.fields.iter().map(|f| f.name.as_str()).collect(),
        levels: c.levels.iter().map(|l| l.name.as_str()).collect(),
        agencies: c.agencies.iter().map(|a| a.name.as_str()).collect(),
        items,
    };
    serde_json::to_string(&index).unwrap_or_default()
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

/// The full name, or "" when it only adds "Thủ tục" to the short name.
fn full_name_if_different<'a>(name: &'a str, short_name: &str) -> &'a str {
    let rest = vi::fold(name);
    let rest = rest.strip_prefix("thu tuc ").unwrap_or(&rest);
    if rest == vi::fold(short_name) {
        ""
    } else {
        name
    }
}

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
    fn full_names_that_add_nothing_are_left_out() {
        assert_eq!(
            full_name_if_different("Thủ tục đăng ký khai sinh", "Đăng ký khai sinh"),
            ""
        );
        assert_eq!(
            full_name_if_different("Thủ tục cấp phép (cấp xã)", "Cấp phép"),
            "Thủ tục cấp phép (cấp xã)"
        );
    }
}
