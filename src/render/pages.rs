//! Views for the listing pages: catalogue cards, procedures split into those in force and
//! those retired, procedures grouped by field in Vietnamese alphabetical order.

use super::views::{self, LinkView};
use crate::date::Date;
use crate::model::Model;
use serde::Serialize;
use std::collections::BTreeMap;
use views::{Group, OfficeView, Summary};

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

fn active_count(m: &Model, positions: &[usize]) -> usize {
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

/// Offices still receiving applications (no `until`).
pub fn office_views(m: &Model) -> Vec<OfficeView<'_>> {
    offices_where(m, true)
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

/// Puts `procedures` (in force) and `retired` (repealed or replaced) in the context;
/// `summaries` are every procedure's, by position.
pub fn insert_split(ctx: &mut super::PageContext, summaries: &[Summary], positions: &[usize]) {
    let (active, retired): (Vec<&Summary>, Vec<&Summary>) = positions
        .iter()
        .map(|&i| &summaries[i])
        .partition(|s| s.active);
    ctx.insert("procedures", &active);
    ctx.insert("retired", &retired);
}

/// Procedures in force grouped by field, fields in alphabetical order.
pub fn grouped_by_field<'a>(
    m: &'a Model,
    summaries: &'a [Summary<'a>],
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

pub fn az_by_field<'a>(m: &'a Model, summaries: &'a [Summary<'a>]) -> Vec<Group<'a>> {
    let all: Vec<usize> = (0..m.procedures.len()).collect();
    grouped_by_field(m, summaries, &all)
}

pub fn recently_updated<'a>(
    m: &Model,
    summaries: &'a [Summary<'a>],
    n: usize,
) -> Vec<&'a Summary<'a>> {
    let mut positions: Vec<usize> = (0..m.procedures.len())
        .filter(|&i| m.procedures[i].is_active())
        .collect();
    positions.sort_by_key(|&i| std::cmp::Reverse(m.procedures[i].record.updated));
    positions.truncate(n);
    positions.iter().map(|&i| &summaries[i]).collect()
}
