//! The view of one procedure, as its page and its poster show it: every fact of the record
//! formatted for Vietnamese readers, its ways of applying (channels with their time limits
//! and fees), documents with their forms, legal basis, status and history.

use super::*;

#[derive(Serialize)]
pub struct ProcedureView<'a> {
    pub code: &'a str,
    pub local_code: Option<&'a str>,
    pub name: &'a str,
    pub short_name: &'a str,
    /// The page heading: the short name, whole.
    pub title: &'a str,
    /// The heading is long enough to be set smaller (past [`TITLE_CHARS`]).
    pub long_title: bool,
    /// The official name differs from the heading by more than a leading "Thủ tục": shown in
    /// full right below it.
    pub show_name: bool,
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
    /// The offices that receive it, each shown, less those in `office_groups`.
    pub offices: Vec<OfficeView<'a>>,
    /// Offices of one level received at so many that they read as one line ("Nơi tiếp nhận
    /// cấp xã của địa phương bạn (64 nơi)"), with a link to their listing.
    pub office_groups: Vec<OfficeGroupView>,
    /// Received regardless of administrative boundary ("phi địa giới").
    pub anywhere: bool,
    pub online: OnlineView<'a>,
    pub time_limits: Vec<String>,
    pub fees: Vec<String>,
    /// The channels with the same time limit and fees merged: what each way of applying
    /// takes and costs, at a glance.
    pub ways: Vec<WayView>,
    /// What the source leaves unclear ("thời hạn", "phí, lệ phí" or both): the summary says
    /// so and gives the hotline.
    pub unclear: Option<&'static str>,
    pub channels: Vec<ChannelView<'a>>,
    pub steps: Vec<&'a str>,
    pub documents: Vec<DocumentGroupView<'a>>,
    /// The document groups are cases to choose from, each folded under its title.
    pub cases: bool,
    /// The sections listed after the summary (id, heading).
    pub contents: Vec<(&'static str, &'static str)>,
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
    /// What the level means for the person applying; when the record lists an online way of
    /// applying but publishes no level, it says that plainly.
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
    /// The description is word for word an earlier channel's: that channel's heading, and
    /// the page says "as above" instead of repeating it.
    pub same_as: Option<String>,
    #[serde(skip)]
    source: &'a Channel,
}

/// One or more ways of applying that take the same time and cost the same.
#[derive(Serialize, Clone)]
pub struct WayView {
    /// "Trực tiếp, Dịch vụ bưu chính".
    pub modes: String,
    /// When these ways apply (a mode listed more than once), whole.
    pub condition: Option<String>,
    /// Shortened to [`GLANCE_CHARS`] at a word; `cut` says whether it was.
    pub time_limit: Option<String>,
    /// "Lệ phí: 8.000 đồng", "Phí, lệ phí: 50.000 đồng/hồ sơ" (the kind named once),
    /// "Không mất phí", "Phí, lệ phí: không có thông tin".
    pub fee: String,
    /// Some text was shortened: the channel section has it in full.
    pub cut: bool,
    /// The source gives the time limit without its unit, or a fee both free and not: the
    /// line says "chưa rõ", and the page points to the hotline.
    pub time_unclear: bool,
    pub fee_unclear: bool,
}

/// The online line of a record that lists "Trực tuyến" among its ways of applying but says
/// nothing of the online service.
const ONLINE_UNCLEAR: &str = "Nguồn có ghi cách nộp trực tuyến nhưng chưa công bố mức độ và nơi nộp trên mạng: hỏi đường dây nóng hoặc nơi tiếp nhận trước khi nộp.";

/// The sections of a procedure page, as the contents list names them.
const SECTIONS: [(&str, &str); 7] = [
    ("ho-so", "Hồ sơ cần chuẩn bị"),
    ("cac-buoc", "Các bước thực hiện"),
    ("ket-qua", "Kết quả nhận được"),
    ("cach-thuc", "Cách thức thực hiện"),
    ("noi-nop", "Nơi nộp hồ sơ và giờ làm việc"),
    ("dieu-kien", "Yêu cầu, điều kiện"),
    ("phap-ly", "Thông tin pháp lý"),
];

/// Longest page heading set at the full heading size; a longer one is set smaller, never cut.
pub const TITLE_CHARS: usize = 110;

/// Longest time limit or fee text at a glance; the channel section has the whole text.
pub const GLANCE_CHARS: usize = 80;

/// A procedure received at more than this many offices of one level lists them as one line.
pub const GROUP_OFFICES_OVER: usize = 4;

/// Offices of one level that receive a procedure, as one line.
#[derive(Serialize)]
pub struct OfficeGroupView {
    /// "Nơi tiếp nhận cấp xã của địa phương bạn (64 nơi)".
    pub text: String,
    pub count: usize,
    /// The offices listing, at the level's group.
    pub url: String,
    /// The hours every office of the group keeps, when they all keep the same (so the page
    /// can say whether they are open today); empty when they differ.
    pub week: Vec<WeekLine>,
    /// The offices of the group keep different hours.
    pub mixed_hours: bool,
}

/// `offices` split into those shown one by one and the levels received at more than
/// [`GROUP_OFFICES_OVER`] offices, shown as one line each.
pub fn grouped_offices(model: &Model, offices: &[usize]) -> (Vec<usize>, Vec<OfficeGroupView>) {
    let c = &model.catalog;
    let mut per_level: Vec<(&str, usize)> = Vec::new();
    for &o in offices {
        if let Some(level) = c.offices[o].level.as_deref() {
            match per_level.iter_mut().find(|(l, _)| *l == level) {
                Some((_, n)) => *n += 1,
                None => per_level.push((level, 1)),
            }
        }
    }
    per_level.retain(|(_, n)| *n > GROUP_OFFICES_OVER);
    let single = offices
        .iter()
        .copied()
        .filter(|&o| {
            c.offices[o]
                .level
                .as_deref()
                .is_none_or(|l| !per_level.iter().any(|(g, _)| *g == l))
        })
        .collect();
    let u = &model.urls;
    let groups = per_level
        .into_iter()
        .map(|(level, count)| {
            let mut hours = offices
                .iter()
                .map(|&o| &c.offices[o])
                .filter(|o| o.level.as_deref() == Some(level))
                .map(|o| &o.hours);
            let first = hours.next().filter(|h| !h.is_empty());
            let same = first.filter(|f| hours.all(|h| h == *f));
            OfficeGroupView {
                text: format!(
                    "Nơi tiếp nhận {} của địa phương bạn ({count} nơi)",
                    c.name(Kind::Level, level).to_lowercase()
                ),
                count,
                url: format!("{}#cap-{level}", u.href(&u.offices())),
                week: same.map_or_else(Vec::new, |h| week(h)),
                mixed_hours: same.is_none(),
            }
        })
        .collect();
    (single, groups)
}

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
    /// The national database's code of the document.
    pub code: Option<&'a str>,
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
    pub description: Option<&'a str>,
    pub electronic: bool,
}

#[derive(Serialize)]
pub struct LegalView<'a> {
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub date: Option<String>,
    pub issuer: Option<&'a str>,
    pub effective: Option<String>,
    pub url: Option<&'a str>,
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

fn channel<'a>(model: &'a Model, c: &'a Channel, description: Option<&'a str>) -> ChannelView<'a> {
    ChannelView {
        mode: model.catalog.label(Kind::Channel, c.mode.get_ref()),
        condition: c.condition.as_deref().filter(|c| !c.trim().is_empty()),
        time_limit: c.time_limit.as_ref().map(|t| time_limit(model, t)),
        fees: c.fees.iter().map(|f| fee(model, f)).collect(),
        fees_unknown: c.fees_unknown,
        description,
        same_as: None,
        source: c,
    }
}

/// What the summary's ways leave unclear, named for the line that says so.
fn unclear_facts(ways: &[WayView]) -> Option<&'static str> {
    let time = ways.iter().any(|w| w.time_unclear);
    let fee = ways.iter().any(|w| w.fee_unclear);
    match (time, fee) {
        (true, true) => Some("thời hạn và phí, lệ phí"),
        (true, false) => Some("thời hạn"),
        (false, true) => Some("phí, lệ phí"),
        (false, false) => None,
    }
}

/// A channel description the page has already shown word for word (the portal repeats a
/// long text under each way of applying) is shown once; later ones point to it.
fn fold_repeated_descriptions(channels: &mut [ChannelView]) {
    for at in 1..channels.len() {
        let Some(text) = channels[at].description else {
            continue;
        };
        if let Some(first) = channels[..at]
            .iter()
            .find(|c| c.description == Some(text) && c.same_as.is_none())
        {
            let heading = match first.condition {
                Some(condition) => format!("{}: {condition}", first.mode),
                None => first.mode.to_string(),
            };
            channels[at].same_as = Some(heading);
        }
    }
}

/// Document groups from this many, each a case with its own title, are folded: the reader
/// opens their own case.
const FOLDED_CASES: usize = 3;

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
    let mut channels: Vec<ChannelView> = r
        .channels
        .iter()
        .zip(&t.channel_descriptions)
        .map(|(c, d)| channel(model, c, d.as_ref().map(|m| m.html.as_str())))
        .collect();
    fold_repeated_descriptions(&mut channels);
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
    let ways = ways(model, &channels, Some(GLANCE_CHARS), SEE_DETAILS);
    let (single, office_groups) = grouped_offices(model, &p.offices);
    let offices: Vec<OfficeView> = single
        .iter()
        .map(|&o| office(model, &catalog.offices[o]))
        .collect();
    let route = u.procedure(p.code());
    ProcedureView {
        code: p.code(),
        local_code: r.local_code.as_deref(),
        name: r.name.get_ref(),
        short_name: p.short_name(),
        title: p.short_name(),
        long_title: p.short_name().chars().count() > TITLE_CHARS,
        show_name: vi::plain_name(r.name.get_ref()) != p.short_name(),
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
        office_groups,
        anywhere: r.anywhere,
        online: OnlineView {
            level: r.online.key(),
            label: r.online.label(),
            explanation: if r.online == crate::procedure::Online::Unknown
                && channels
                    .iter()
                    .any(|c| vi::fold(c.mode).contains("truc tuyen"))
            {
                ONLINE_UNCLEAR
            } else {
                r.online.explanation()
            },
            needs_vneid: t.mentions_vneid,
            url: r.online_url.as_ref().map(|s| s.get_ref().as_str()),
        },
        time_limits,
        fees,
        unclear: unclear_facts(&ways),
        ways,
        // Every procedure page runs past four phone screens (its seven sections, the offices
        // and the footer): each lists its sections after the summary.
        contents: SECTIONS.to_vec(),
        cases: r.documents.len() >= FOLDED_CASES && r.documents.iter().all(|g| g.title.is_some()),
        channels,
        steps: t.steps.iter().map(|m| m.html.as_str()).collect(),
        documents: r
            .documents
            .iter()
            .zip(&t.document_notes)
            .map(|(g, notes)| DocumentGroupView {
                title: g.title.as_deref(),
                notes: notes.as_ref().map(|m| m.html.as_str()),
                items: reading::order(&g.items)
                    .into_iter()
                    .map(|at| &g.items[at])
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
                        code: i.code.as_deref(),
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
                description: o.description.as_deref(),
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
                effective: l.effective.map(|d| d.to_vietnamese()),
                url: l.url.as_ref().map(|u| u.get_ref().as_str()),
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

/// Channels merged where their time limit and fees are the same, in channel order.
/// The ways of applying of procedure `index`, without the rest of its view; texts cut at
/// a word past `max` characters.
/// (On a poster a text too long for its line points to the code.)
pub fn ways_of(model: &Model, index: usize, max: Option<usize>) -> Vec<WayView> {
    let channels: Vec<ChannelView> = model.procedures[index]
        .record
        .channels
        .iter()
        .map(|c| channel(model, c, None))
        .collect();
    ways(model, &channels, max, SCAN_FOR_DETAILS)
}

/// What a poster's line says instead of a text too long for it.
const SCAN_FOR_DETAILS: &str = "quét mã để xem đủ";

/// `see`: what a line says when no complete statement of its text fits.
fn ways(model: &Model, channels: &[ChannelView], max: Option<usize>, see: &str) -> Vec<WayView> {
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
            let glance = max.unwrap_or(usize::MAX);
            let mut cut = false;
            let mut time_unclear = false;
            let time_limit = c.source.time_limit.as_ref().map(|t| {
                let (text, shortened, vague) = time_limit_glance(model, t, glance);
                cut |= shortened;
                time_unclear |= vague;
                text.unwrap_or_else(|| see.to_string())
            });
            let fee_texts: Option<Vec<String>> =
                c.fees.iter().map(|f| vi::glance(f, glance)).collect();
            let named = |f: &String| kinds.iter().any(|k| f.starts_with(k.as_str()));
            let contradicts = !c.fees_unknown && c.source.fees.iter().any(fee_unclear);
            let fee = if c.fees_unknown {
                "Phí, lệ phí: không có thông tin".to_string()
            } else if contradicts {
                cut = true;
                UNCLEAR_FEE.to_string()
            } else if c.fees.is_empty() {
                "Không mất phí, lệ phí".to_string()
            } else if let Some(fees) = fee_texts {
                cut |= fees != c.fees;
                if fees.iter().all(named) {
                    fees.join("; ")
                } else {
                    format!("Phí, lệ phí: {}", fees.join("; "))
                }
            } else {
                cut = true;
                format!("Phí, lệ phí: {see}")
            };
            WayView {
                modes,
                // Whole: a case's name is what tells two ways apart.
                condition: c.condition.map(str::to_string),
                time_limit,
                fee,
                cut,
                time_unclear,
                fee_unclear: contradicts,
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
