//! Typed, borrowed views of the model handed to templates. Templates read exactly these
//! fields (documented in docs/themes.md); formatting for Vietnamese readers happens here, so
//! every theme shows `50.000 đồng` and `01/07/2025` the same way.

use crate::catalog::{Kind, Office};
use crate::model::{Model, Procedure};
use crate::procedure::{ChangeKind, Channel, Fee, TimeLimit};
use crate::vi;
use serde::Serialize;

mod procedure;
pub mod reading;

pub use procedure::*;

/// What every page gets as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub authority: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub base_path: &'a str,
    pub base_url: String,
    pub hotlines: &'a [crate::config::Hotline],
    /// Main navigation: the listings.
    pub menu: Vec<LinkView>,
    /// Free pages with a `menu_order`, in that order (linked from the footer).
    pub pages: Vec<LinkView>,
    pub stylesheet: String,
    pub search_url: String,
    /// All procedures A–Z.
    pub procedures_url: String,
    /// The offices listing.
    pub offices_url: String,
    pub search_index: String,
    pub search_script: String,
    /// Marks today's opening hours (`static/today.js`).
    pub today_script: String,
    /// The "Dữ liệu mở" page.
    pub open_data_url: String,
    /// Recent and announced changes.
    pub changes_url: String,
    pub counts: Counts,
}

#[derive(Serialize, Clone, Copy)]
pub struct Counts {
    pub procedures: usize,
    pub active: usize,
    /// Announced, in effect from a later day.
    pub upcoming: usize,
    pub online_full: usize,
    pub online_partial: usize,
    pub fields: usize,
    pub offices: usize,
    pub agencies: usize,
}

/// What every page gets as `meta`.
#[derive(Serialize)]
pub struct Meta {
    pub title: String,
    pub description: String,
    /// Absolute permanent address of the page.
    pub canonical: String,
    pub route: String,
    /// The way from this page up to the site's root, `../../` (empty at the root): links
    /// that keep working when the folder is opened from disk, as printed posters are.
    pub up: String,
    /// Which menu entry is current.
    pub section: &'static str,
    /// The Atom feed of what the page lists, if any.
    pub feed: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct LinkView {
    pub name: String,
    pub url: String,
    /// Extra words after the name, e.g. "đến 01/07/2025" for an ended level.
    pub note: Option<String>,
}

/// A procedure in a list.
#[derive(Serialize)]
pub struct ProcedureSummary<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub url: String,
    pub field: &'a str,
    pub levels: Vec<&'a str>,
    pub online: &'static str,
    pub online_label: &'static str,
    pub time_limit: Option<String>,
    pub active: bool,
    pub status_label: &'static str,
}

/// A procedure's summary, made and hashed once per build for every list it is in.
pub type Summary<'a> = super::digest::Digested<ProcedureSummary<'a>>;

/// A group of procedures under a heading (A–Z by field, an office's fields).
#[derive(Serialize)]
pub struct Group<'a> {
    pub name: String,
    pub url: String,
    pub procedures: Vec<&'a Summary<'a>>,
}

#[derive(Serialize)]
pub struct OfficeView<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub url: String,
    pub permanent_url: String,
    pub address: &'a str,
    pub phone: Option<&'a str>,
    pub hotline: Option<&'a str>,
    pub email: Option<&'a str>,
    pub hours: Vec<HoursView>,
    /// The week in a few lines: "Thứ Hai – Thứ Sáu: 07:00 – 11:30, 13:30 – 17:00".
    pub week: Vec<WeekLine>,
    pub note: Option<&'a str>,
    pub agency: Option<LinkView>,
    pub until: Option<String>,
    pub map: Option<MapView>,
}

/// Days with the same opening hours.
#[derive(Serialize)]
pub struct WeekLine {
    pub text: String,
    /// The days as JavaScript numbers them (Sunday 0 … Saturday 6), space-separated: lets
    /// a script mark today's line.
    pub days: String,
}

#[derive(Serialize)]
pub struct HoursView {
    pub days: String,
    pub opens: String,
    pub closes: String,
}

#[derive(Serialize)]
pub struct MapView {
    pub lat: String,
    pub lon: String,
}

// ---- builders --------------------------------------------------------------------------

pub fn site<'a>(model: &'a Model) -> SiteView<'a> {
    let u = &model.urls;
    let c = &model.config;
    let mut menu = vec![
        link("Tìm thủ tục", u.href(&u.search())),
        link("Thủ tục A–Z", u.href(&u.procedures())),
        link("Lĩnh vực", u.href(&u.fields())),
        link("Nơi tiếp nhận", u.href(&u.offices())),
        link("Cấp thực hiện", u.href(&u.levels())),
        link("Cơ quan", u.href(&u.agencies())),
    ];
    if !model.statistics.is_empty() {
        menu.push(link("Thống kê", u.href(&u.statistics())));
    }
    let pages = model
        .pages
        .iter()
        .filter(|p| p.front.menu_order.is_some())
        .map(|p| link(&p.front.title, u.href(&u.page(&p.slug))))
        .collect();
    let active = model.procedures.iter().filter(|p| p.is_active());
    let online = |level| active.clone().filter(|p| p.record.online == level).count();
    SiteView {
        title: &c.title,
        authority: &c.authority,
        description: c.description.as_deref(),
        language: &c.language,
        base_path: u.base_path(),
        base_url: u.absolute(""),
        hotlines: &c.hotlines,
        menu,
        pages,
        stylesheet: u.href(&u.theme_static("style.css")),
        search_url: u.href(&u.search()),
        procedures_url: u.href(&u.procedures()),
        offices_url: u.href(&u.offices()),
        search_index: u.href(&u.search_index()),
        search_script: u.href(&u.theme_static("search.js")),
        today_script: u.href(&u.theme_static("today.js")),
        open_data_url: u.href(&u.open_data()),
        changes_url: u.href(&u.changes()),
        counts: Counts {
            procedures: model.procedures.len(),
            active: active.clone().count(),
            upcoming: model.procedures.iter().filter(|p| p.is_upcoming()).count(),
            online_full: online(crate::procedure::Online::Full),
            online_partial: online(crate::procedure::Online::Partial),
            fields: model.catalog.fields.len(),
            offices: model.catalog.offices.len(),
            agencies: model.catalog.agencies.len(),
        },
    }
}

pub fn link(name: &str, url: String) -> LinkView {
    LinkView {
        name: name.to_string(),
        url,
        note: None,
    }
}

fn until_note(until: Option<crate::date::Date>) -> Option<String> {
    until.map(|d| format!("đến {}", d.to_vietnamese()))
}

pub fn field_link(model: &Model, key: &str) -> LinkView {
    let u = &model.urls;
    let field = model.catalog.field(key);
    LinkView {
        name: field.map_or(key, |f| f.name.as_str()).to_string(),
        url: u.href(&u.field(key)),
        note: until_note(field.and_then(|f| f.until)),
    }
}

pub fn level_link(model: &Model, key: &str) -> LinkView {
    let u = &model.urls;
    let level = model.catalog.level(key);
    LinkView {
        name: level.map_or(key, |l| l.name.as_str()).to_string(),
        url: u.href(&u.level(key)),
        note: until_note(level.and_then(|l| l.until)),
    }
}

pub fn agency_link(model: &Model, key: &str) -> LinkView {
    let u = &model.urls;
    let agency = model.catalog.agency(key);
    LinkView {
        name: agency.map_or(key, |a| a.name.as_str()).to_string(),
        url: u.href(&u.agency(key)),
        note: until_note(agency.and_then(|a| a.until)),
    }
}

pub fn summary<'a>(model: &'a Model, p: &'a Procedure) -> ProcedureSummary<'a> {
    let r = &p.record;
    let catalog = &model.catalog;
    ProcedureSummary {
        code: p.code(),
        name: r.name.get_ref(),
        short_name: p.short_name(),
        url: model.urls.href(&model.urls.procedure(p.code())),
        field: catalog
            .field(r.field.get_ref())
            .map_or(r.field.get_ref().as_str(), |f| f.name.as_str()),
        levels: r
            .levels
            .get_ref()
            .iter()
            .map(|l| {
                catalog
                    .level(l.get_ref())
                    .map_or(l.get_ref().as_str(), |l| l.name.as_str())
            })
            .collect(),
        online: r.online.key(),
        online_label: r.online.label(),
        time_limit: r
            .channels
            .iter()
            .find_map(|c| c.time_limit.as_ref())
            .map(|t| time_limit(model, t)),
        active: p.is_active(),
        status_label: p.status().label(),
    }
}

/// Every procedure's summary, by position, made when first asked for (a rebuild in `serve`
/// shows one page, which needs none of them; a build's listings need them all).
pub struct Summaries<'a> {
    model: &'a Model,
    made: Vec<std::sync::OnceLock<Summary<'a>>>,
}

impl<'a> Summaries<'a> {
    pub fn new(model: &'a Model) -> Summaries<'a> {
        Summaries {
            model,
            made: (0..model.procedures.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }
}

impl<'a> std::ops::Index<usize> for Summaries<'a> {
    type Output = Summary<'a>;

    fn index(&self, position: usize) -> &Summary<'a> {
        self.made[position]
            .get_or_init(|| Summary::new(summary(self.model, &self.model.procedures[position])))
    }
}

pub fn summaries<'a>(model: &'a Model, positions: &[usize]) -> Vec<ProcedureSummary<'a>> {
    positions
        .iter()
        .map(|&i| summary(model, &model.procedures[i]))
        .collect()
}

/// "15 ngày làm việc", "15 ngày làm việc (kể từ ngày nhận đủ hồ sơ)", or the note alone;
/// an amount whose source gives no unit says so rather than guessing one.
pub fn time_limit(model: &Model, t: &TimeLimit) -> String {
    let amount = match (t.amount, &t.unit) {
        (Some(n), Some(unit)) => Some(format!(
            "{} {}",
            vi::number(u64::from(n)),
            model
                .catalog
                .label(Kind::TimeUnit, unit.get_ref())
                .to_lowercase()
        )),
        (Some(n), None) => Some(format!(
            "{} (nguồn không ghi đơn vị)",
            vi::number(u64::from(n))
        )),
        _ => None,
    };
    let note = t
        .note
        .as_deref()
        .filter(|n| !n.trim().is_empty() && !crate::placeholder::is_placeholder(n));
    match (amount, note) {
        (Some(a), Some(note)) => format!("{a} ({note})"),
        (Some(a), None) => a,
        (None, Some(note)) => note.to_string(),
        // The starter's "…" left in: not a fact to show.
        (None, None)
            if t.note
                .as_deref()
                .is_some_and(crate::placeholder::is_placeholder) =>
        {
            "Chưa có thông tin".into()
        }
        (None, None) => String::new(),
    }
}

/// The time limit where a line is all there is (the summary, a poster, a search result):
/// whole when it fits in `max` characters, else its first complete statement, else `None`;
/// an amount without a unit is "chưa rõ", not a number that reads as a fact. With it, whether
/// the line is shorter than the whole text and whether the source is unclear.
pub fn time_limit_glance(model: &Model, t: &TimeLimit, max: usize) -> (Option<String>, bool, bool) {
    if time_limit_unclear(t) {
        return (Some(UNCLEAR_TIME.to_string()), true, true);
    }
    let whole = time_limit(model, t);
    let short = vi::glance(&whole, max);
    let cut = short.as_ref() != Some(&whole);
    (short, cut, false)
}

/// An amount whose source gives no unit (the portal's "1", "30"): days or months?
pub fn time_limit_unclear(t: &TimeLimit) -> bool {
    t.amount.is_some() && t.unit.is_none()
}

/// What a line of the page says when its source is unclear or too long for it.
pub const UNCLEAR_TIME: &str = "chưa rõ (nguồn ghi số mà không ghi đơn vị)";
pub const UNCLEAR_FEE: &str = "Phí, lệ phí: chưa rõ (nguồn ghi vừa miễn phí vừa nêu mức thu)";
pub const SEE_DETAILS: &str = "xem chi tiết bên dưới";

/// A fee that says it is free and, in the same breath, names a rate to pay ("Miễn phí (Mức
/// lệ phí cụ thể do Hội đồng nhân dân tỉnh … quyết định …)", "Miễn phí (áp dụng mức phí
/// 500.000 đồng/hồ sơ …)"): the record contradicts itself.
pub fn fee_unclear(f: &Fee) -> bool {
    let text = f.text.as_deref().unwrap_or("").trim().to_lowercase();
    let free = text.starts_with("miễn phí") || f.amount == Some(0);
    let rest = text.strip_prefix("miễn phí").unwrap_or(&text);
    let names_a_rate = ["mức lệ phí", "mức thu", "mức phí", "áp dụng mức", " đồng/"]
        .iter()
        .any(|w| rest.contains(w))
        || rest
            .find(" đồng")
            .is_some_and(|at| rest[..at].ends_with(|c: char| c.is_ascii_digit()));
    free && names_a_rate && !rest.starts_with(" đối với")
}

/// "Lệ phí: 8.000 đồng", "Phí: theo quy định của HĐND tỉnh", "Lệ phí: 8.000 đồng (bản sao)",
/// "50.000 đồng/hồ sơ" when the source does not say whether it is a phí or a lệ phí.
pub fn fee(model: &Model, f: &Fee) -> String {
    // A fee left as the starter's "…" is unknown, whatever amount stands beside it.
    if f.text
        .as_deref()
        .is_some_and(crate::placeholder::is_placeholder)
    {
        let kind = f
            .kind
            .as_ref()
            .map(|k| model.catalog.label(Kind::FeeKind, k.get_ref()));
        return match kind {
            Some(kind) => format!("{kind}: chưa có thông tin"),
            None => "Chưa có thông tin".into(),
        };
    }
    let text = f.text.as_deref().filter(|t| !t.trim().is_empty());
    let amount = f.amount.map(|a| match f.unit.as_deref() {
        Some(unit) => format!("{}/{unit}", vi::money(a)),
        None => vi::money(a),
    });
    let body = match (amount, text) {
        (Some(a), Some(t)) => format!("{a} ({t})"),
        (Some(a), None) => a,
        (None, Some(t)) => t.to_string(),
        (None, None) => String::new(),
    };
    match &f.kind {
        Some(kind) => {
            let kind = model.catalog.label(Kind::FeeKind, kind.get_ref());
            if body.is_empty() {
                kind.to_string()
            } else {
                format!("{kind}: {body}")
            }
        }
        None => body,
    }
}

pub fn office<'a>(model: &'a Model, o: &'a Office) -> OfficeView<'a> {
    let u = &model.urls;
    OfficeView {
        key: &o.key,
        name: &o.name,
        url: u.href(&u.office(&o.key)),
        permanent_url: u.absolute(&u.office(&o.key)),
        address: &o.address,
        phone: o.phone.as_deref(),
        hotline: o.hotline.as_deref(),
        email: o.email.as_deref(),
        hours: o
            .hours
            .iter()
            .map(|h| HoursView {
                days: day_range(&h.days),
                opens: h.opens.clone(),
                closes: h.closes.clone(),
            })
            .collect(),
        week: week(&o.hours),
        note: o.note.as_deref(),
        agency: o.agency.as_deref().map(|a| agency_link(model, a)),
        until: o.until.map(|d| d.to_vietnamese()),
        map: o.map.map(|m| MapView {
            lat: format!("{:.5}", m.lat),
            lon: format!("{:.5}", m.lon),
        }),
    }
}

/// Opening hours with the same days on one line, sessions in order.
pub fn week(hours: &[crate::catalog::OpeningHours]) -> Vec<WeekLine> {
    let mut lines: Vec<(&[crate::catalog::Weekday], Vec<String>)> = Vec::new();
    for h in hours {
        let session = format!("{} – {}", h.opens, h.closes);
        match lines.iter_mut().find(|(d, _)| *d == h.days.as_slice()) {
            Some((_, sessions)) => sessions.push(session),
            None => lines.push((&h.days, vec![session])),
        }
    }
    lines
        .into_iter()
        .map(|(days, sessions)| WeekLine {
            text: format!("{}: {}", day_range(days), sessions.join(", ")),
            days: days
                .iter()
                .map(|d| ((*d as u8 + 1) % 7).to_string())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect()
}

/// "Thứ Hai – Thứ Sáu" for consecutive days, "Thứ Hai, Thứ Tư" otherwise.
fn day_range(days: &[crate::catalog::Weekday]) -> String {
    let consecutive = days.windows(2).all(|w| w[1] as u8 == w[0] as u8 + 1);
    match days {
        [] => String::new(),
        [one] => one.label().to_string(),
        [first, .., last] if consecutive && days.len() > 2 => {
            format!("{} – {}", first.label(), last.label())
        }
        _ => days
            .iter()
            .map(|d| d.label())
            .collect::<Vec<_>>()
            .join(", "),
    }
}
