//! Typed, borrowed views of the model handed to templates. Templates read exactly these
//! fields (documented in docs/themes.md); formatting for Vietnamese readers happens here, so
//! every theme shows `50.000 đồng` and `01/07/2025` the same way.

use crate::catalog::{Kind, Office};
use crate::model::{Model, Procedure};
use crate::procedure::{ChangeKind, Channel, Fee, TimeLimit};
use crate::vi;
use serde::Serialize;

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

#[derive(Serialize)]
pub struct ProcedureView<'a> {
    pub code: &'a str,
    pub local_code: Option<&'a str>,
    pub name: &'a str,
    pub short_name: &'a str,
    /// The short name, cut at a word with "…" past [`TITLE_CHARS`]: the page heading.
    pub title: String,
    pub url: String,
    pub permanent_url: String,
    pub description: &'a str,
    pub field: LinkView,
    /// Further fields the procedure is listed under.
    pub other_fields: Vec<LinkView>,
    pub levels: Vec<LinkView>,
    pub kind: &'a str,
    pub audience: Vec<&'a str>,
    pub agencies: AgencyRoles,
    pub offices: Vec<OfficeView<'a>>,
    pub online: OnlineView<'a>,
    pub time_limits: Vec<String>,
    pub fees: Vec<String>,
    /// The channels with the same time limit and fees merged: what each way of applying
    /// takes and costs, at a glance.
    pub ways: Vec<WayView>,
    pub channels: Vec<ChannelView<'a>>,
    pub steps: Vec<&'a str>,
    pub documents: Vec<DocumentGroupView<'a>>,
    pub results: Vec<OutcomeView<'a>>,
    pub conditions: Option<&'a str>,
    pub legal_basis: Vec<LegalView<'a>>,
    pub decisions: Vec<DecisionView<'a>>,
    pub related: Vec<ProcedureSummary<'a>>,
    pub status: StatusView<'a>,
    pub history: HistoryView,
    pub replaces: Vec<ProcedureSummary<'a>>,
    pub keywords: &'a [String],
    pub life_events: &'a [String],
    pub updated: String,
    pub updated_iso: String,
    pub source: Option<SourceView<'a>>,
    /// schema.org GovernmentService as JSON-LD, ready to put in a `<script>` element; made
    /// from this view for the procedure's page only (`render::json_ld`), empty elsewhere.
    pub json_ld: String,
}

#[derive(Serialize)]
pub struct AgencyRoles {
    pub competent: Vec<LinkView>,
    pub executing: Vec<LinkView>,
    pub delegated: Vec<LinkView>,
    pub cooperating: Vec<LinkView>,
}

#[derive(Serialize)]
pub struct OnlineView<'a> {
    pub level: &'static str,
    pub label: &'static str,
    /// What the level means for the person applying.
    pub explanation: &'static str,
    /// The procedure's own text (a channel's description or the conditions) says an
    /// electronic identity account (VNeID) is needed to apply online.
    pub needs_vneid: bool,
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ChannelView<'a> {
    pub mode: &'a str,
    /// When this way applies (a mode listed more than once).
    pub condition: Option<&'a str>,
    pub time_limit: Option<String>,
    pub fees: Vec<String>,
    /// The fees are not published: "Không có thông tin" rather than "Không".
    pub fees_unknown: bool,
    pub description: Option<&'a str>,
}

/// One or more ways of applying that take the same time and cost the same.
#[derive(Serialize, Clone)]
pub struct WayView {
    /// "Trực tiếp, Dịch vụ bưu chính".
    pub modes: String,
    /// When these ways apply (a mode listed more than once), shortened.
    pub condition: Option<String>,
    /// Shortened to [`GLANCE_CHARS`] at a word; `cut` says whether it was.
    pub time_limit: Option<String>,
    /// "Lệ phí: 8.000 đồng", "Phí, lệ phí: 50.000 đồng/hồ sơ" (the kind named once),
    /// "Không mất phí", "Phí, lệ phí: không có thông tin".
    pub fee: String,
    /// Some text was shortened: the channel section has it in full.
    pub cut: bool,
}

/// Longest page heading before it is cut (the full name stays on the page).
pub const TITLE_CHARS: usize = 110;

/// Longest time limit or fee text at a glance; the channel section has the whole text.
pub const GLANCE_CHARS: usize = 80;

/// Longest condition of a way at a glance ("Trường hợp …").
const CONDITION_CHARS: usize = 70;

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub issuer: Option<&'a str>,
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct DocumentGroupView<'a> {
    pub title: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub items: Vec<DocumentItemView<'a>>,
}

#[derive(Serialize)]
pub struct DocumentItemView<'a> {
    pub name: &'a str,
    pub originals: u32,
    pub copies: u32,
    pub required: bool,
    pub forms: Vec<FormView>,
    /// National form files the site does not host.
    pub form_names: &'a [String],
    /// `document`, `heading` or `note`.
    pub kind: &'static str,
    /// The document's number in its group, counting documents only (headings, notes and
    /// the rows under a heading are not numbered).
    pub number: Option<usize>,
    pub one_of: bool,
    pub sub: bool,
}

#[derive(Serialize)]
pub struct FormView {
    pub name: String,
    pub url: String,
    /// Upper-case file type, e.g. "DOCX".
    pub format: String,
    /// Download size for people on slow connections, e.g. "35 KB".
    pub size: String,
}

#[derive(Serialize)]
pub struct OutcomeView<'a> {
    pub name: &'a str,
    pub code: Option<&'a str>,
    pub electronic: bool,
}

#[derive(Serialize)]
pub struct LegalView<'a> {
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub date: Option<String>,
    pub issuer: Option<&'a str>,
}

#[derive(Serialize)]
pub struct DecisionView<'a> {
    pub number: &'a str,
    pub date: Option<String>,
    pub issuer: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StatusView<'a> {
    pub key: &'static str,
    pub label: &'static str,
    pub active: bool,
    /// When it was retired (repealed or replaced), on or before the build's date.
    pub since: Option<String>,
    /// Announced, in effect from this day (later than the build's date).
    pub upcoming: Option<String>,
    /// A repeal or replacement announced for this later day.
    pub retiring: Option<String>,
    /// What the announced retirement is: "Bãi bỏ" or "Được thay thế".
    pub retiring_label: Option<&'static str>,
    pub replaced_by: Option<ProcedureSummary<'a>>,
}

/// A procedure's dated history, as its page shows it.
#[derive(Serialize)]
pub struct HistoryView {
    pub first_published: Option<String>,
    pub first_published_iso: Option<String>,
    pub last_changed: Option<String>,
    pub last_changed_iso: Option<String>,
    /// Newest first.
    pub past: Vec<EventView>,
    /// Soonest first.
    pub coming: Vec<EventView>,
}

#[derive(Serialize)]
pub struct EventView {
    pub date: String,
    pub date_iso: String,
    pub kind: &'static str,
    pub label: &'static str,
    pub decision: Option<String>,
    pub issuer: Option<String>,
    pub note: Option<String>,
}

impl EventView {
    pub fn of(e: &crate::history::Event) -> EventView {
        EventView {
            date: e.date.to_vietnamese(),
            date_iso: e.date.to_iso(),
            kind: e.kind.key(),
            label: e.kind.label(),
            decision: e.decision.clone(),
            issuer: e.issuer.clone(),
            note: e.note.clone(),
        }
    }
}

pub fn history(p: &Procedure) -> HistoryView {
    let t = &p.timeline;
    HistoryView {
        first_published: t.first_published().map(|d| d.to_vietnamese()),
        first_published_iso: t.first_published().map(|d| d.to_iso()),
        last_changed: t.last_changed().map(|d| d.to_vietnamese()),
        last_changed_iso: t.last_changed().map(|d| d.to_iso()),
        past: t.past.iter().rev().map(EventView::of).collect(),
        coming: t.coming.iter().map(EventView::of).collect(),
    }
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

/// The summary of every procedure, by position.
pub fn all_summaries(model: &Model) -> Vec<Summary<'_>> {
    use rayon::prelude::*;
    model
        .procedures
        .par_iter()
        .map(|p| Summary::new(summary(model, p)))
        .collect()
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
    match (amount, t.note.as_deref().filter(|n| !n.trim().is_empty())) {
        (Some(a), Some(note)) => format!("{a} ({note})"),
        (Some(a), None) => a,
        (None, Some(note)) => note.to_string(),
        (None, None) => String::new(),
    }
}

/// "Lệ phí: 8.000 đồng", "Phí: theo quy định của HĐND tỉnh", "Lệ phí: 8.000 đồng (bản sao)",
/// "50.000 đồng/hồ sơ" when the source does not say whether it is a phí or a lệ phí.
pub fn fee(model: &Model, f: &Fee) -> String {
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

fn channel<'a>(model: &'a Model, c: &'a Channel, description: Option<&'a str>) -> ChannelView<'a> {
    ChannelView {
        mode: model.catalog.label(Kind::Channel, c.mode.get_ref()),
        condition: c.condition.as_deref().filter(|c| !c.trim().is_empty()),
        time_limit: c.time_limit.as_ref().map(|t| time_limit(model, t)),
        fees: c.fees.iter().map(|f| fee(model, f)).collect(),
        fees_unknown: c.fees_unknown,
        description,
    }
}

pub fn procedure<'a>(model: &'a Model, index: usize) -> ProcedureView<'a> {
    let p = &model.procedures[index];
    let r = &p.record;
    let t = &p.text;
    let u = &model.urls;
    let catalog = &model.catalog;
    let agencies = |keys: &'a [toml::Spanned<String>]| -> Vec<LinkView> {
        keys.iter()
            .map(|k| agency_link(model, k.get_ref()))
            .collect()
    };
    let channels: Vec<ChannelView> = r
        .channels
        .iter()
        .zip(&t.channel_descriptions)
        .map(|(c, d)| channel(model, c, d.as_ref().map(|m| m.html.as_str())))
        .collect();
    let mode = |c: &ChannelView| match c.condition {
        Some(condition) => format!("{} ({condition})", c.mode),
        None => c.mode.to_string(),
    };
    let time_limits = channels
        .iter()
        .filter_map(|c| c.time_limit.as_ref().map(|t| format!("{}: {t}", mode(c))))
        .collect();
    let mut fees: Vec<String> = channels
        .iter()
        .flat_map(|c| c.fees.iter().cloned())
        .collect();
    fees.dedup();
    let ways = ways(model, &channels, Some(GLANCE_CHARS));
    let offices: Vec<OfficeView> = r
        .offices
        .iter()
        .filter_map(|k| catalog.office(k.get_ref()))
        .map(|o| office(model, o))
        .collect();
    let route = u.procedure(p.code());
    ProcedureView {
        code: p.code(),
        local_code: r.local_code.as_deref(),
        name: r.name.get_ref(),
        short_name: p.short_name(),
        title: vi::shorten(p.short_name(), TITLE_CHARS),
        url: u.href(&route),
        permanent_url: u.absolute(&route),
        description: &t.description.html,
        field: field_link(model, r.field.get_ref()),
        other_fields: r
            .other_fields
            .iter()
            .map(|f| field_link(model, f.get_ref()))
            .collect(),
        levels: r
            .levels
            .get_ref()
            .iter()
            .map(|l| level_link(model, l.get_ref()))
            .collect(),
        kind: catalog.label(Kind::ProcedureKind, r.kind.get_ref()),
        audience: r
            .audience
            .iter()
            .map(|a| catalog.label(Kind::Audience, a.get_ref()))
            .collect(),
        agencies: AgencyRoles {
            competent: agencies(&r.agencies.competent),
            executing: agencies(&r.agencies.executing),
            delegated: agencies(&r.agencies.delegated),
            cooperating: agencies(&r.agencies.cooperating),
        },
        offices,
        online: OnlineView {
            level: r.online.key(),
            label: r.online.label(),
            explanation: r.online.explanation(),
            needs_vneid: t
                .channel_descriptions
                .iter()
                .flatten()
                .chain(&t.conditions)
                .any(|m| mentions_vneid(&m.text)),
            url: r.online_url.as_ref().map(|s| s.get_ref().as_str()),
        },
        time_limits,
        fees,
        ways,
        channels,
        steps: t.steps.iter().map(|m| m.html.as_str()).collect(),
        documents: r
            .documents
            .iter()
            .zip(&t.document_notes)
            .map(|(g, notes)| DocumentGroupView {
                title: g.title.as_deref(),
                notes: notes.as_ref().map(|m| m.html.as_str()),
                items: g
                    .items
                    .iter()
                    .scan(0, |documents, i| {
                        // Alternatives under a heading are not counted among the documents.
                        let counted = i.kind == crate::procedure::ItemKind::Document && !i.sub;
                        let number = counted.then(|| {
                            *documents += 1;
                            *documents
                        });
                        Some((i, number))
                    })
                    .map(|(i, number)| DocumentItemView {
                        number,
                        name: i.name.get_ref(),
                        originals: i.originals,
                        copies: i.copies,
                        required: i.required,
                        forms: i.forms.iter().map(|f| form(model, f.get_ref())).collect(),
                        form_names: &i.form_names,
                        kind: i.kind.key(),
                        one_of: i.one_of,
                        sub: i.sub,
                    })
                    .collect(),
            })
            .collect(),
        results: r
            .results
            .iter()
            .map(|o| OutcomeView {
                name: &o.name,
                code: o.code.as_deref(),
                electronic: o.electronic,
            })
            .collect(),
        conditions: t.conditions.as_ref().map(|m| m.html.as_str()),
        legal_basis: r
            .legal_basis
            .iter()
            .map(|l| LegalView {
                number: l.number.as_deref(),
                title: &l.title,
                date: l.date.map(|d| d.to_vietnamese()),
                issuer: l.issuer.as_deref(),
            })
            .collect(),
        decisions: r
            .decisions
            .iter()
            .map(|d| DecisionView {
                number: &d.number,
                date: d.date.map(|d| d.to_vietnamese()),
                issuer: d.issuer.as_deref(),
            })
            .collect(),
        related: r
            .related
            .iter()
            .filter_map(|c| model.procedure(c.get_ref()))
            .map(|rp| summary(model, rp))
            .collect(),
        status: StatusView {
            key: p.status().key(),
            label: p.status().label(),
            active: p.is_active(),
            since: (p.timeline.phase == crate::history::Phase::Retired)
                .then_some(r.repealed_on)
                .flatten()
                .map(|d| d.to_vietnamese()),
            upcoming: match p.timeline.phase {
                crate::history::Phase::Upcoming(from) => Some(from.to_vietnamese()),
                _ => None,
            },
            retiring: p.timeline.retiring.map(|d| d.to_vietnamese()),
            retiring_label: p.timeline.retiring.map(|_| match r.status {
                crate::procedure::Status::Replaced => ChangeKind::Replaced.label(),
                _ => ChangeKind::Repealed.label(),
            }),
            replaced_by: r
                .replaced_by
                .as_ref()
                .and_then(|c| model.procedure(c.get_ref()))
                .map(|rp| summary(model, rp)),
        },
        history: history(p),
        replaces: summaries(model, &model.replaces[index]),
        keywords: &r.keywords,
        life_events: &r.life_events,
        updated: r.updated.to_vietnamese(),
        updated_iso: r.updated.to_iso(),
        source: r.source.as_ref().map(|s| SourceView {
            issuer: s.issuer.as_deref(),
            url: s.url.as_ref().map(|u| u.get_ref().as_str()),
        }),
        json_ld: String::new(),
    }
}

/// Whether a text names the electronic identity account citizens log in with.
fn mentions_vneid(text: &str) -> bool {
    let folded = vi::fold(text);
    folded.contains("vneid") || folded.contains("dinh danh dien tu")
}

/// Channels merged where their time limit and fees are the same, in channel order.
/// The ways of applying of procedure `index`, without the rest of its view; texts cut at
/// a word past `max` characters.
pub fn ways_of(model: &Model, index: usize, max: Option<usize>) -> Vec<WayView> {
    let channels: Vec<ChannelView> = model.procedures[index]
        .record
        .channels
        .iter()
        .map(|c| channel(model, c, None))
        .collect();
    ways(model, &channels, max)
}

fn ways(model: &Model, channels: &[ChannelView], max: Option<usize>) -> Vec<WayView> {
    let mut merged: Vec<(String, &ChannelView)> = Vec::new();
    for c in channels {
        let same = merged.iter_mut().find(|(_, w)| {
            w.condition == c.condition
                && w.time_limit == c.time_limit
                && w.fees == c.fees
                && w.fees_unknown == c.fees_unknown
        });
        match same {
            Some((modes, _)) => {
                modes.push_str(", ");
                modes.push_str(c.mode);
            }
            None => merged.push((c.mode.to_string(), c)),
        }
    }
    // A fee that names its kind ("Lệ phí: …") needs no "Phí, lệ phí" before it.
    let kinds: Vec<String> = model
        .catalog
        .vocabulary
        .fee_kinds
        .iter()
        .map(|t| format!("{}:", t.label))
        .collect();
    merged
        .into_iter()
        .map(|(modes, c)| {
            let mut cut = false;
            let mut short_to = |text: &str, max: usize| {
                let s = vi::shorten(text, max);
                cut |= s != text;
                s
            };
            let glance = max.unwrap_or(usize::MAX);
            let mut short = |text: &str| short_to(text, glance);
            let time_limit = c.time_limit.as_deref().map(&mut short);
            let fees: Vec<String> = c.fees.iter().map(|f| short(f)).collect();
            let named = |f: &String| kinds.iter().any(|k| f.starts_with(k.as_str()));
            let fee = if c.fees_unknown {
                "Phí, lệ phí: không có thông tin".to_string()
            } else if fees.is_empty() {
                "Không mất phí, lệ phí".to_string()
            } else if fees.iter().all(named) {
                fees.join("; ")
            } else {
                format!("Phí, lệ phí: {}", fees.join("; "))
            };
            let condition = c
                .condition
                .map(|t| short_to(t, max.map_or(usize::MAX, |_| CONDITION_CHARS)));
            WayView {
                modes,
                condition,
                time_limit,
                fee,
                cut,
            }
        })
        .collect()
}

fn form(model: &Model, name: &str) -> FormView {
    let file_name = name.rsplit('/').next().unwrap_or(name);
    let bytes = model.forms.get(name).map_or(0, |f| f.size);
    FormView {
        name: file_name.to_string(),
        url: model.urls.href(&model.urls.form(name)),
        format: file_name
            .rsplit_once('.')
            .map_or(String::new(), |(_, ext)| ext.to_ascii_uppercase()),
        size: file_size(bytes),
    }
}

/// `1_234` → "2 KB", `2_500_000` → "2,4 MB" (rounded up below 1 MB, so never "0 KB").
fn file_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        format!("{}\u{a0}KB", vi::number(bytes.div_ceil(1024).max(1)))
    } else {
        format!("{}\u{a0}MB", vi::decimal(bytes as f64 / MB as f64, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_like_a_person_writes_them() {
        assert_eq!(file_size(0), "1\u{a0}KB");
        assert_eq!(file_size(1_234), "2\u{a0}KB");
        assert_eq!(file_size(2_500_000), "2,4\u{a0}MB");
    }
}
