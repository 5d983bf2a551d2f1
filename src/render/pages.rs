//! Views for the listing pages: catalogue cards, procedures split into those in force and
//! those retired, procedures grouped by field in Vietnamese alphabetical order.

use super::views::{self, LinkView};
use crate::date::Date;
use crate::model::Model;
use serde::Serialize;
use std::collections::BTreeMap;
use views::{Group, OfficeView, Summaries, Summary};

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub body: &'a str,
}

/// A catalogue entry (field, level, agency) with how many procedures it has.
#[derive(Serialize)]
pub struct Card {
    pub name: String,
    pub url: String,
    pub note: Option<String>,
    pub count: usize,
}

#[derive(Serialize)]
pub struct Entry<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub until: Option<String>,
    pub url: String,
    pub permanent_url: String,
}

pub fn entry<'a>(
    name: &'a str,
    description: Option<&'a str>,
    until: Option<Date>,
    route: String,
    m: &Model,
) -> Entry<'a> {
    Entry {
        name,
        description,
        until: until.map(Date::to_vietnamese),
        url: m.urls.href(&route),
        permanent_url: m.urls.absolute(&route),
    }
}

pub fn active_count(m: &Model, positions: &[usize]) -> usize {
    positions
        .iter()
        .filter(|&&i| m.procedures[i].is_active())
        .count()
}

fn card(link: LinkView, m: &Model, positions: &[usize]) -> Card {
    Card {
        name: link.name,
        url: link.url,
        note: link.note,
        count: active_count(m, positions),
    }
}

pub fn field_cards(m: &Model) -> Vec<Card> {
    let mut cards: Vec<(usize, Card)> = m
        .catalog
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| (i, card(views::field_link(m, &f.key), m, &m.by_field[i])))
        .collect();
    cards.sort_by_cached_key(|(i, c)| (crate::vi::sort_key(&c.name), *i));
    cards.into_iter().map(|(_, c)| c).collect()
}

pub fn level_cards(m: &Model) -> Vec<Card> {
    m.catalog
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| card(views::level_link(m, &l.key), m, &m.by_level[i]))
        .collect()
}

pub fn agency_cards(m: &Model) -> Vec<Card> {
    m.catalog
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| card(views::agency_link(m, &a.key), m, &m.by_agency[i]))
        .collect()
}

/// Offices still receiving applications of one level of government.
#[derive(Serialize)]
pub struct OfficeLevel<'a> {
    /// The anchor on the offices listing: `cap-xa`; `noi-khac` for offices without a level.
    pub id: String,
    /// The level's name; empty for offices without a level.
    pub name: &'a str,
    /// So many that pages show the level as one line and the listing an index of names.
    pub many: bool,
    pub offices: Vec<OfficeView<'a>>,
}

/// Offices still receiving applications (no `until`), by level in the levels' order, those
/// without a level last.
pub fn office_levels(m: &Model) -> Vec<OfficeLevel<'_>> {
    let c = &m.catalog;
    let open: Vec<&crate::catalog::Office> =
        c.offices.iter().filter(|o| o.until.is_none()).collect();
    let mut out: Vec<OfficeLevel> = Vec::new();
    let keys = c
        .levels
        .iter()
        .map(|l| Some(l.key.as_str()))
        .chain(std::iter::once(None));
    for key in keys {
        let mut offices: Vec<&crate::catalog::Office> = open
            .iter()
            .copied()
            .filter(|o| match key {
                Some(k) => o.level.as_deref() == Some(k),
                None => o.level.as_deref().is_none_or(|l| c.level(l).is_none()),
            })
            .collect();
        if offices.is_empty() {
            continue;
        }
        let many = offices.len() > views::GROUP_OFFICES_OVER;
        if many {
            offices.sort_by_cached_key(|o| crate::vi::sort_key(&o.name));
        }
        out.push(OfficeLevel {
            id: key.map_or_else(|| "noi-khac".to_string(), |k| format!("cap-{k}")),
            name: key.map_or("", |k| c.name(crate::catalog::Kind::Level, k)),
            many,
            offices: offices.into_iter().map(|o| views::office(m, o)).collect(),
        });
    }
    out
}

/// Offices that stopped receiving applications.
pub fn closed_office_views(m: &Model) -> Vec<OfficeView<'_>> {
    offices_where(m, false)
}

fn offices_where(m: &Model, open: bool) -> Vec<OfficeView<'_>> {
    m.catalog
        .offices
        .iter()
        .filter(|o| o.until.is_none() == open)
        .map(|o| views::office(m, o))
        .collect()
}

/// Puts one page of `procedures` (in force), their `total`, and `retired` (repealed or
/// replaced, on the last page) in the context; `summaries` are every procedure's, by
/// position.
pub fn insert_split(
    ctx: &mut super::PageContext,
    summaries: &Summaries,
    positions: &[usize],
    page: usize,
) {
    let (active, retired): (Vec<&Summary>, Vec<&Summary>) = positions
        .iter()
        .map(|&i| &summaries[i])
        .partition(|s| s.active);
    let pages = active.len().div_ceil(PAGE).max(1);
    let on_page = active.chunks(PAGE).nth(page).unwrap_or_default();
    ctx.insert("procedures", &on_page);
    ctx.insert("total", &active.len());
    let last = page + 1 == pages;
    ctx.insert("retired", if last { &retired[..] } else { &[] });
}

/// One page of the procedures in force among `positions`, grouped by field: pages cut the
/// field-by-field order, so a field may continue on the next page.
pub fn grouped_page<'a>(
    m: &'a Model,
    summaries: &'a Summaries<'_>,
    positions: &[usize],
    page: usize,
) -> Vec<Group<'a>> {
    let mut order: Vec<usize> = positions
        .iter()
        .copied()
        .filter(|&i| m.procedures[i].is_active())
        .collect();
    order.sort_by_cached_key(|&i| {
        let key = m.procedures[i].record.field.get_ref();
        let name = m
            .catalog
            .field(key)
            .map_or(key.as_str(), |f| f.name.as_str());
        (crate::vi::sort_key(name), key.clone())
    });
    let chunk = order.chunks(PAGE).nth(page).unwrap_or_default();
    grouped_by_field(m, summaries, chunk)
}

/// Procedures in force grouped by field, fields in alphabetical order.
pub fn grouped_by_field<'a>(
    m: &'a Model,
    summaries: &'a Summaries<'_>,
    positions: &[usize],
) -> Vec<Group<'a>> {
    let mut by_key: BTreeMap<&str, Vec<&Summary>> = BTreeMap::new();
    for &i in positions {
        let p = &m.procedures[i];
        if p.is_active() {
            by_key
                .entry(p.record.field.get_ref())
                .or_default()
                .push(&summaries[i]);
        }
    }
    let mut groups: Vec<(&str, Group)> = by_key
        .into_iter()
        .map(|(key, procedures)| {
            let link = views::field_link(m, key);
            let group = Group {
                name: link.name,
                url: link.url,
                procedures,
            };
            (key, group)
        })
        .collect();
    groups.sort_by_cached_key(|(key, g)| (crate::vi::sort_key(&g.name), *key));
    groups.into_iter().map(|(_, g)| g).collect()
}

pub fn recently_updated<'a>(
    m: &Model,
    summaries: &'a Summaries<'_>,
    n: usize,
) -> Vec<&'a Summary<'a>> {
    let mut positions: Vec<usize> = (0..m.procedures.len())
        .filter(|&i| m.procedures[i].is_active())
        .collect();
    positions.sort_by_key(|&i| std::cmp::Reverse(m.procedures[i].record.updated));
    positions.truncate(n);
    positions.iter().map(|&i| &summaries[i]).collect()
}

/// Procedures in force whose name starts with one letter of the alphabet.
pub struct Letter {
    /// In addresses: `a`, `dd` (for Đ), `so` (names starting with a digit), `khac`.
    pub key: String,
    /// As shown: "A", "Đ", "0–9", "Khác".
    pub label: String,
    /// In alphabetical order of short name.
    pub positions: Vec<usize>,
}

/// Procedures on one page of a listing (a letter, a field, a level, an agency, an office):
/// enough to scan, light on a weak connection even when one listing holds thousands.
pub const PAGE: usize = 400;

/// How many pages the listing of `positions` takes: its procedures in force, [`PAGE`] a page.
pub fn list_pages(m: &Model, positions: &[usize]) -> usize {
    active_count(m, positions).div_ceil(PAGE).max(1)
}

/// The pager of a listing whose page `n` (from 1) is at `route(n)`.
pub fn pager(current: usize, pages: usize, route: impl Fn(usize) -> String, m: &Model) -> Pager {
    Pager {
        current: current + 1,
        pages: (1..=pages).map(|n| m.urls.href(&route(n))).collect(),
    }
}

impl Letter {
    pub fn pages(&self) -> usize {
        self.positions.len().div_ceil(PAGE).max(1)
    }
}

/// The letter a name is listed under: its first letter without tone marks, Đ apart.
fn letter_of(name: &str) -> (String, String) {
    let Some(first) = name.chars().find(|c| c.is_alphanumeric()) else {
        return ("khac".into(), "Khác".into());
    };
    if matches!(first, 'đ' | 'Đ') {
        return ("dd".into(), "Đ".into());
    }
    if first.is_numeric() {
        return ("so".into(), "0–9".into());
    }
    match crate::vi::fold(&first.to_string()).chars().next() {
        Some(c) if c.is_ascii_alphabetic() => {
            let c = c.to_ascii_lowercase();
            (c.to_string(), c.to_ascii_uppercase().to_string())
        }
        _ => ("khac".into(), "Khác".into()),
    }
}

/// The A–Z index: procedures in force by first letter, letters in Vietnamese order
/// (Đ after D), digits and other characters last.
pub fn letters(m: &Model) -> Vec<Letter> {
    let mut by_key: BTreeMap<(u8, String), Letter> = BTreeMap::new();
    for (i, p) in m.procedures.iter().enumerate() {
        if !p.is_active() {
            continue;
        }
        let (key, label) = letter_of(p.short_name());
        let rank = match key.as_str() {
            "so" => 1,
            "khac" => 2,
            _ => 0,
        };
        // "dd" sorts after "d" and before "e" as it is.
        by_key
            .entry((rank, key.clone()))
            .or_insert_with(|| Letter {
                key,
                label,
                positions: Vec::new(),
            })
            .positions
            .push(i);
    }
    // Each letter's positions are in the model's order: by short name, then code.
    by_key.into_values().collect()
}

/// A letter as a link in the A–Z navigation.
#[derive(Serialize)]
pub struct LetterLink {
    pub label: String,
    pub url: String,
    pub count: usize,
    pub current: bool,
}

pub fn letter_links(m: &Model, letters: &[Letter], current: Option<usize>) -> Vec<LetterLink> {
    letters
        .iter()
        .enumerate()
        .map(|(i, l)| LetterLink {
            label: l.label.clone(),
            url: m.urls.href(&m.urls.letter(&l.key, 1)),
            count: l.positions.len(),
            current: current == Some(i),
        })
        .collect()
}

/// Links to the pages of a paged listing, for its pager.
#[derive(Serialize)]
pub struct Pager {
    pub current: usize,
    pub pages: Vec<String>,
}
