//! Views for printed material: A4 posters of a procedure, a field and an office, sheets of
//! QR labels, and the index a clerk prints from. Addresses are printed as text under every
//! code, without `https://`, so they can be typed.

use super::fit::{self, Budget};
use super::views::{self, OfficeView, ProcedureView, Summaries, Summary, WayView};
use crate::model::Model;
use crate::printed::Printed;
use serde::Serialize;
use std::borrow::Cow;

/// Labels per A4 sheet: 3 columns × 5 rows.
pub const LABELS_PER_SHEET: usize = 15;

/// The longest name on a label: three lines of 9 pt bold in a label's 58 mm.
pub const LABEL_NAME_CHARS: usize = 75;

/// A code ready to print: its matrix (drawn into the PDF packs), the address of its SVG
/// file (which every page and poster showing it references, so it is drawn once) and the
/// address as text.
#[derive(Serialize)]
pub struct Code<'a> {
    #[serde(skip)]
    pub qr: &'a crate::qr::Qr,
    /// What the code holds, for people to type: `tthc.camau.gov.vn/tthc/1.001193/`.
    pub text: String,
    pub version: u8,
    pub svg_url: String,
}

pub fn code<'p>(model: &Model, printed: &'p Printed, route: &str) -> Option<Code<'p>> {
    let drawn = printed.code(route)?;
    let qr = &drawn.qr;
    Some(Code {
        qr,
        text: printable(&qr.text),
        version: qr.version,
        svg_url: model.urls.href(&model.urls.qr_file(route)),
    })
}

/// An address without its scheme, as printed under a code.
pub fn printable(url: &str) -> String {
    url.strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url)
        .to_string()
}

#[derive(Serialize)]
pub struct FieldPoster<'a> {
    pub name: &'a str,
    pub code: Option<Code<'a>>,
    /// The procedures in force that fit on the sheet.
    pub procedures: Vec<&'a Summary<'a>>,
    /// All the procedures in force.
    pub count: usize,
    /// How many did not fit ("Và 120 thủ tục khác").
    pub more: usize,
    /// The line beside the code (its length is part of the layout).
    pub scan: String,
    /// The heading's size: `""`, `long` or `very-long`.
    pub title_class: &'static str,
    /// `short`: one column in a larger size; `""`: two columns.
    pub list_class: &'static str,
    /// In an office's pack, the office's own number (its label the office's name); else
    /// the site's first hotline is printed.
    #[serde(skip)]
    pub hotline: Option<Hotline>,
}

#[derive(Serialize)]
pub struct OfficePoster<'a> {
    pub office: OfficeView<'a>,
    pub code: Option<Code<'a>>,
    pub fields: Vec<FieldCount>,
    /// Fields that did not fit.
    pub more: usize,
    pub title_class: &'static str,
    pub list_class: &'static str,
}

#[derive(Serialize)]
pub struct FieldCount {
    pub name: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct Label<'a> {
    /// Cut at a word to three lines of a label ([`LABEL_NAME_CHARS`]).
    pub short_name: String,
    pub code_text: &'a str,
    pub code: Option<Code<'a>>,
}

#[derive(Serialize)]
pub struct LabelSheets<'a> {
    pub title: String,
    pub sheets: Vec<Vec<Label<'a>>>,
}

/// The number printed on a procedure poster: the first office hotline, else the site's.
#[derive(Serialize)]
pub struct Hotline {
    pub number: String,
    pub label: String,
}

pub struct ProcedurePoster<'a> {
    pub procedure: ProcedureView<'a>,
    pub code: Option<Code<'a>>,
    pub hotline: Option<Hotline>,
    pub sheet: Sheet<'a>,
}

/// What a procedure's sheet holds: as much as fits, and how much more the page has.
#[derive(Serialize)]
pub struct Sheet<'a> {
    /// The short name, whole.
    pub title: String,
    /// `huge`, `large`, `""`, `long` or `very-long`: the heading's size.
    pub title_class: &'static str,
    pub ways: Vec<WayView>,
    pub ways_more: usize,
    /// "Nộp hồ sơ tại", or "Nộp hồ sơ tại đây" on a poster of an office's pack.
    pub where_label: &'static str,
    pub offices: Vec<Cow<'a, str>>,
    pub offices_more: usize,
    /// The first documents to bring (headings and notes left out).
    pub bring: Vec<Bring>,
    /// How many more documents the page lists.
    pub bring_more: usize,
    /// The line beside the code.
    pub scan: &'static str,
    /// False when even the least a sheet must hold (title, code, one way of applying, one
    /// office) overflows it.
    #[serde(skip)]
    pub fits: bool,
}

/// The line beside the code on a field poster, after the number of procedures.
pub const FIELD_SCAN_TEXT: &str = "thủ tục đang áp dụng. Mỗi thủ tục có trang riêng: giấy tờ cần chuẩn bị, thời hạn, lệ phí, nơi nộp và mẫu đơn.";

/// The line beside the code on a procedure poster.
pub const SCAN_TEXT: &str =
    "Quét mã để xem giấy tờ cần chuẩn bị, các bước, mẫu đơn và nộp trực tuyến.";

/// A document on a poster.
#[derive(Serialize)]
pub struct Bring {
    /// As printed: the name, "(nếu có)" after one brought only when the applicant has it,
    /// and, when only its first statement fits, that statement and where the rest is.
    pub text: String,
    pub required: bool,
}

/// The most first words of `name` (at least six, fewer than all) that, with "…" and where
/// the rest is, pass `fits`.
fn first_words(name: &str, fits: impl Fn(&str) -> bool) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let text = |n: usize| {
        let head = words[..n].join(" ");
        format!(
            "{}…: quét mã để xem đủ",
            head.trim_end_matches([',', ';', ':', '(', '.'])
        )
    };
    // More words never take fewer lines: the most that fit, found by halving.
    let (mut fit, mut over) = (5, words.len());
    while over > fit + 1 {
        let mid = (fit + over) / 2;
        if fits(&text(mid)) {
            fit = mid;
        } else {
            over = mid;
        }
    }
    (fit >= 6).then(|| text(fit))
}

/// What a document that does not fit whole prints, before where the rest is: its first
/// complete statement, or the lead-in of its list ("… gồm một trong các giấy tờ sau đây").
fn statement_of(name: &str) -> Option<String> {
    let lead = name
        .split_once(": ")
        .map(|(head, _)| head.trim())
        .filter(|head| head.chars().count() >= 12);
    let first = crate::vi::glance(name, 300).filter(|s| s != name);
    let short = match (first, lead) {
        (Some(a), Some(b)) => Some(if a.len() <= b.len() { a } else { b.to_string() }),
        (a, b) => a.or(b.map(str::to_string)),
    }?;
    Some(short.trim_end_matches(['.', ':', ';', ',']).to_string())
}

pub fn procedure_poster<'a>(
    model: &'a Model,
    printed: &'a Printed,
    i: usize,
) -> ProcedurePoster<'a> {
    let procedure = views::procedure(model, i);
    let route = model.urls.procedure(procedure.code);
    let office_hotline = procedure.offices.iter().find_map(|o| {
        o.hotline.map(|number| Hotline {
            number: number.to_string(),
            label: o.name.to_string(),
        })
    });
    let hotline = office_hotline.or_else(|| site_hotline(model));
    let offices: Vec<Cow<str>> = procedure
        .offices
        .iter()
        .map(|o| Cow::Borrowed(o.name))
        .chain(
            procedure
                .office_groups
                .iter()
                .map(|g| Cow::Owned(g.text.clone())),
        )
        .collect();
    let sheet = sheet(model, i, &offices, "Nộp hồ sơ tại", hotline.as_ref());
    ProcedurePoster {
        code: code(model, printed, &route),
        procedure,
        hotline,
        sheet,
    }
}

/// The poster of procedure `i` as it hangs at office `at`, in that office's pack: it says
/// that applications are received here, with the office's hours, and gives the office's
/// own number for questions and feedback ("phản ánh, kiến nghị").
pub fn procedure_poster_at<'a>(
    model: &'a Model,
    printed: &'a Printed,
    i: usize,
    at: usize,
) -> ProcedurePoster<'a> {
    let procedure = views::procedure(model, i);
    let route = model.urls.procedure(procedure.code);
    let office = &model.catalog.offices[at];
    let hours: Vec<String> = views::week(&office.hours)
        .into_iter()
        .map(|l| l.text)
        .collect();
    let here = if hours.is_empty() {
        office.name.clone()
    } else {
        format!("{} ({})", office.name, hours.join("; "))
    };
    let hotline = office_hotline(model, at);
    let sheet = sheet(
        model,
        i,
        &[Cow::Owned(here)],
        "Nộp hồ sơ tại đây",
        hotline.as_ref(),
    );
    ProcedurePoster {
        code: code(model, printed, &route),
        procedure,
        hotline,
        sheet,
    }
}

/// The number an office's posters give for questions and feedback: its hotline, else its
/// phone, else the site's.
pub fn office_hotline(model: &Model, at: usize) -> Option<Hotline> {
    let office = &model.catalog.offices[at];
    office
        .hotline
        .as_ref()
        .or(office.phone.as_ref())
        .map(|number| Hotline {
            number: number.clone(),
            label: office.name.clone(),
        })
        .or_else(|| site_hotline(model))
}

fn site_hotline(model: &Model) -> Option<Hotline> {
    model.config.hotlines.first().map(|h| Hotline {
        number: h.number.clone(),
        label: h.label.clone(),
    })
}

/// Lays out a procedure's sheet: the ways of applying with their whole texts, or cut
/// short as on the page when the whole ones leave no room.
pub fn sheet<'a>(
    model: &'a Model,
    i: usize,
    offices: &[Cow<'a, str>],
    where_label: &'static str,
    hotline: Option<&Hotline>,
) -> Sheet<'a> {
    let hotline_label = hotline.map(|h| h.label.as_str());
    let whole = layout(
        model,
        i,
        &views::ways_of(model, i, None),
        offices,
        where_label,
        hotline_label,
    );
    if whole.fits {
        return whole;
    }
    layout(
        model,
        i,
        &views::ways_of(model, i, Some(views::GLANCE_CHARS)),
        offices,
        where_label,
        hotline_label,
    )
}

/// The length of the address printed under procedure `i`'s code.
fn code_text_chars(model: &Model, i: usize) -> usize {
    printable(
        &model
            .urls
            .absolute(&model.urls.procedure(model.procedures[i].code())),
    )
    .chars()
    .count()
}

/// The facts first, each way of applying and office while they fit (the first always),
/// then the documents while they fit.
fn layout<'a>(
    model: &'a Model,
    i: usize,
    all_ways: &[WayView],
    all_offices: &[Cow<'a, str>],
    where_label: &'static str,
    hotline_label: Option<&str>,
) -> Sheet<'a> {
    // The name whole, as large as the column beside the code holds it (never cut).
    let title = model.procedures[i].short_name().to_string();
    let (title_style, title_class) = fit::title_beside_code(&title, SCAN_TEXT);
    let top = fit::procedure_top(title_style, &title, SCAN_TEXT, code_text_chars(model, i));
    let mut budget = Budget::of(fit::procedure_room(top, hotline_label));
    let width = fit::FULL_WIDTH_MM - 6.0;
    let mut fits = true;
    // Three headings: time limits and fees, where, online (one line).
    fits &= budget.force(fit::procedure_headings_mm());
    let way_mm = |w: &WayView| {
        let mut lines = fit::BODY_BOLD.lines(
            &format!("{}: {}", w.modes, w.time_limit.as_deref().unwrap_or("")),
            width,
        ) + fit::BODY.lines(&w.fee, width);
        if let Some(c) = &w.condition {
            lines += fit::BODY.lines(c, width);
        }
        fit::lines_item_mm(lines)
    };
    let more_mm = fit::more_mm();
    // What the sheet must hold: the first way of applying and the first office, with a
    // line saying how many more there are when there are more.
    let first_office = all_offices
        .first()
        .map_or("Xem trên trang thủ tục", |o| o.as_ref());
    let ways_total = all_ways.len();
    let offices_total = all_offices.len();
    let mut must = fit::lines_item_mm(fit::BODY.lines(first_office, width));
    if let Some(first) = all_ways.first() {
        must += way_mm(first);
    }
    for total in [ways_total, offices_total] {
        if total > 1 {
            must += more_mm;
        }
    }
    fits &= budget.force(must);
    // Then every other one while it fits; the last one in gives its "more" line back.
    let mut ways: Vec<&WayView> = all_ways.iter().take(1).collect();
    for w in &all_ways[ways.len()..] {
        let refund = if ways.len() + 1 == ways_total {
            more_mm
        } else {
            0.0
        };
        if !budget.take(way_mm(w) - refund) {
            break;
        }
        ways.push(w);
    }
    let mut offices: Vec<Cow<str>> = all_offices.iter().take(1).cloned().collect();
    for o in &all_offices[offices.len()..] {
        let refund = if offices.len() + 1 == offices_total {
            more_mm
        } else {
            0.0
        };
        if !budget.take(fit::lines_item_mm(fit::BODY.lines(o, width)) - refund) {
            break;
        }
        offices.push(o.clone());
    }
    let ways_more = ways_total - ways.len();
    let offices_more = offices_total - offices.len();
    let documents = model.procedures[i]
        .record
        .documents
        .iter()
        .flat_map(|g| {
            views::reading::order(&g.items)
                .into_iter()
                .map(|at| &g.items[at])
        })
        .filter(|d| d.kind == crate::procedure::ItemKind::Document);
    // A document the record lists twice (under two cases) is printed once.
    let mut seen = std::collections::HashSet::new();
    let mut documents: Vec<_> = documents
        .filter(|d| seen.insert(d.name.get_ref()))
        .collect();
    // One list across the groups: the form and identity papers first wherever they are.
    documents.sort_by_key(|d| views::reading::rank(d));
    let total = documents.len();
    let mut bring = Vec::new();
    // The heading and the "more" line first, given back when every document fits. Then each
    // document in reading order that fits: a long one that does not is left for the page,
    // and the shorter ones after it still fill the sheet.
    if total > 0 && budget.take(fit::bring_heading_mm() + more_mm) {
        let printed = |name: &str, required: bool| {
            if required {
                name.to_string()
            } else {
                format!("{name} (nếu có)")
            }
        };
        let mut left_out = Vec::new();
        for (n, d) in documents.iter().enumerate() {
            let text = printed(d.name.get_ref(), d.required);
            let all_in = n + 1 == total && bring.len() == n;
            let refund = if all_in { more_mm } else { 0.0 };
            if budget.take(fit::lines_item_mm(fit::BODY.lines(&text, width)) - refund) {
                bring.push((
                    n,
                    Bring {
                        text,
                        required: d.required,
                    },
                ));
            } else {
                left_out.push(n);
            }
        }
        // Room left: what does not fit whole prints its first statement in its place, else
        // as many of its first words as the room holds, saying where the rest is.
        for n in left_out {
            let d = documents[n];
            let statement = statement_of(d.name.get_ref())
                .map(|short| format!("{}: quét mã để xem đủ", printed(&short, d.required)))
                .filter(|text| {
                    fit::lines_item_mm(fit::BODY.lines(text, width)) <= budget.remaining()
                });
            let text = statement.or_else(|| {
                let lines = fit::lines_fitting(budget.remaining());
                first_words(d.name.get_ref(), |t| fit::BODY.lines(t, width) <= lines)
            });
            if let Some(text) = text
                && budget.take(fit::lines_item_mm(fit::BODY.lines(&text, width)))
            {
                bring.push((
                    n,
                    Bring {
                        text,
                        required: d.required,
                    },
                ));
            }
        }
    }
    bring.sort_by_key(|(n, _)| *n);
    // Printed whole or by its first statement: either way it is on the sheet.
    let bring: Vec<Bring> = bring.into_iter().map(|(_, b)| b).collect();
    Sheet {
        title,
        title_class,
        ways: ways.into_iter().cloned().collect(),
        ways_more,
        where_label,
        offices,
        offices_more,
        bring_more: total - bring.len(),
        bring,
        scan: SCAN_TEXT,
        fits,
    }
}

pub fn field_poster<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a Summaries<'_>,
    i: usize,
) -> FieldPoster<'a> {
    field_poster_within(model, printed, summaries, i, None)
}

/// Field `i`'s poster listing only the procedures among `within` (positions in procedure
/// order, as the model's indexes are), or all of the field's.
pub fn field_poster_within<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a Summaries<'_>,
    i: usize,
    within: Option<&[usize]>,
) -> FieldPoster<'a> {
    let field = &model.catalog.fields[i];
    let all: Vec<&Summary> = model.by_field[i]
        .iter()
        .filter(|p| within.is_none_or(|w| w.binary_search(p).is_ok()))
        .map(|&i| &summaries[i])
        .filter(|s| s.active)
        .collect();
    let title = format!("Quét mã để xem các thủ tục lĩnh vực {}", field.name);
    let scan = format!("{} {FIELD_SCAN_TEXT}", all.len());
    let budget = Budget::below_code(
        fit::title_style(title.chars().count())
            .0
            .height(&title, fit::LEFT_WIDTH_MM)
            + 4.0
            + fit::SCAN.height(&scan, fit::LEFT_WIDTH_MM),
    );
    let texts = all.iter().map(|s| format!("{} {}", s.short_name, s.code));
    let (shown, list_class) = fit_list(texts, budget);
    FieldPoster {
        title_class: fit::title_style(title.chars().count()).1,
        list_class,
        name: &field.name,
        code: code(model, printed, &model.urls.field(&field.key)),
        count: all.len(),
        more: all.len() - shown,
        procedures: all.into_iter().take(shown).collect(),
        scan,
        hotline: None,
    }
}

/// How many of `items` a list under the code holds: one column in a larger size for a
/// dozen or fewer, else two; the last line left free for "and N more".
fn fit_list(items: impl ExactSizeIterator<Item = String>, budget: Budget) -> (usize, &'static str) {
    let total = items.len();
    let (columns, style, class) = if total <= 12 {
        let large = fit::Style {
            size_pt: 14.0,
            ..fit::BODY
        };
        (1.0, large, "short")
    } else {
        (2.0, fit::BODY, "")
    };
    let width = (fit::FULL_WIDTH_MM - 6.0 - 8.0 * (columns - 1.0)) / columns;
    let more = fit::item_mm(
        "Và 999 thủ tục khác: quét mã để xem đủ.",
        fit::FULL_WIDTH_MM,
    );
    // Two columns hold about twice a column's height, less two long items for where the
    // column breaks.
    let mut room = Budget::of((budget.remaining() - more) * columns - 25.0 * (columns - 1.0));
    let mut shown = 0;
    for text in items {
        if !room.take(style.height(&text, width) + 1.2) {
            break;
        }
        shown += 1;
    }
    (shown, class)
}

pub fn office_poster<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a Summaries<'_>,
    i: usize,
) -> OfficePoster<'a> {
    let office = &model.catalog.offices[i];
    let fields: Vec<FieldCount> =
        super::pages::grouped_by_field(model, summaries, &model.by_office[i])
            .into_iter()
            .map(|g| FieldCount {
                name: g.name,
                count: g.procedures.len(),
            })
            .collect();
    let view = views::office(model, office);
    let (style, title_class) = fit::title_style(office.name.chars().count());
    let mut budget = Budget::below_code(style.height(&office.name, fit::LEFT_WIDTH_MM) + 20.0);
    let facts = 2.0 * fit::label_mm()
        + fit::item_mm(&office.address, fit::FULL_WIDTH_MM)
        + view
            .week
            .iter()
            .map(|l| fit::item_mm(&l.text, fit::FULL_WIDTH_MM))
            .sum::<f32>()
        + fit::label_mm()
        + 8.0;
    let _ = budget.force(facts);
    let texts = fields
        .iter()
        .map(|f: &FieldCount| format!("{}: {} thủ tục", f.name, f.count));
    let (shown, list_class) = fit_list(texts.collect::<Vec<_>>().into_iter(), budget);
    let more = fields.len() - shown;
    let mut fields = fields;
    fields.truncate(shown);
    OfficePoster {
        office: view,
        code: code(model, printed, &model.urls.office(&office.key)),
        fields,
        more,
        title_class,
        list_class,
    }
}

/// Label sheets in one printable file: a clerk prints a part at a time, and a part stays
/// light to open on the office computer.
pub const SHEETS_PER_PART: usize = 10;

const LABELS_PER_PART: usize = LABELS_PER_SHEET * SHEETS_PER_PART;

fn in_force<'a>(model: &'a Model, positions: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    positions
        .iter()
        .copied()
        .filter(|&i| model.procedures[i].is_active())
}

/// How many files the label sheets of `positions` take (at least one, maybe empty).
pub fn label_parts(model: &Model, positions: &[usize]) -> usize {
    in_force(model, positions)
        .count()
        .div_ceil(LABELS_PER_PART)
        .max(1)
}

/// One part of the label sheets of the procedures in force among `positions`.
pub fn labels<'a>(
    model: &'a Model,
    printed: &'a Printed,
    title: String,
    positions: &[usize],
    part: usize,
) -> LabelSheets<'a> {
    let labels: Vec<Label<'a>> = in_force(model, positions)
        .skip(part * LABELS_PER_PART)
        .take(LABELS_PER_PART)
        .map(|i| &model.procedures[i])
        .map(|p| Label {
            short_name: crate::vi::shorten(p.short_name(), LABEL_NAME_CHARS),
            code_text: p.code(),
            code: code(model, printed, &model.urls.procedure(p.code())),
        })
        .collect();
    let mut sheets = Vec::new();
    let mut labels = labels.into_iter().peekable();
    while labels.peek().is_some() {
        sheets.push(labels.by_ref().take(LABELS_PER_SHEET).collect());
    }
    LabelSheets { title, sheets }
}

/// One printable item in the index.
#[derive(Serialize)]
pub struct Printable {
    pub name: String,
    pub url: String,
}

/// Everything to print about one office or one field.
#[derive(Serialize)]
pub struct PrintGroup {
    pub name: String,
    pub poster: Printable,
    /// The label sheets, in parts of [`SHEETS_PER_PART`] sheets.
    pub labels: Vec<Printable>,
    /// The page listing every procedure poster of the group.
    pub list: Printable,
    /// Everything above in one PDF, when the site makes print packs.
    pub pack: Option<Printable>,
    /// How many procedures in force (and so procedure posters) the group has.
    pub count: usize,
    /// The procedure posters, filled only on the group's own list page.
    pub procedures: Vec<Printable>,
    /// An office's group: its pack's posters name it, its hours and its number, while the
    /// HTML posters are the general ones.
    pub office: bool,
}

/// A field's or office's printables; `route` is its page.
pub fn group(model: &Model, name: String, route: &str, positions: &[usize]) -> PrintGroup {
    let mut group = group_links(model, name, route, positions);
    let u = &model.urls;
    group.procedures = in_force(model, positions)
        .map(|i| &model.procedures[i])
        .map(|p| Printable {
            name: format!("{} ({})", p.short_name(), p.code()),
            url: u.href(&u.poster(&u.procedure(p.code()))),
        })
        .collect();
    group
}

fn group_links(model: &Model, name: String, route: &str, positions: &[usize]) -> PrintGroup {
    let u = &model.urls;
    let count = in_force(model, positions).count();
    let parts = label_parts(model, positions);
    PrintGroup {
        poster: Printable {
            name: format!("Áp phích: {name}"),
            url: u.href(&u.poster(route)),
        },
        labels: (1..=parts)
            .map(|part| {
                let first = (part - 1) * SHEETS_PER_PART + 1;
                let sheets = count.div_ceil(LABELS_PER_SHEET).max(1);
                let last = (part * SHEETS_PER_PART).min(sheets);
                let which = if parts == 1 {
                    String::new()
                } else if first == last {
                    format!(", tờ {first}")
                } else {
                    format!(", tờ {first}–{last}")
                };
                Printable {
                    name: format!("Tờ nhãn mã QR: {name}{which}"),
                    url: u.href(&u.labels(route, part)),
                }
            })
            .collect(),
        list: Printable {
            name: format!("Áp phích từng thủ tục ({count})"),
            url: u.href(&u.poster_list(route)),
        },
        pack: model.config.print.pdf.then(|| Printable {
            name: "Bộ áp phích để in: tất cả trong một tệp PDF khổ A4".to_string(),
            url: u.href(&u.print_pack(route)),
        }),
        count,
        procedures: Vec::new(),
        name,
        office: false,
    }
}

/// The printables of every office and field with posters, without their procedures (the
/// index stays small at any catalogue size; each group's page lists them).
pub fn index(model: &Model, printed: &Printed) -> (Vec<PrintGroup>, Vec<PrintGroup>) {
    let u = &model.urls;
    let c = &model.catalog;
    let offices = printed
        .offices
        .iter()
        .map(|&i| {
            let o = &c.offices[i];
            group_links(
                model,
                o.name.clone(),
                &u.office(&o.key),
                &model.by_office[i],
            )
        })
        .collect();
    let fields = printed
        .fields
        .iter()
        .map(|&i| {
            let f = &c.fields[i];
            group_links(model, f.name.clone(), &u.field(&f.key), &model.by_field[i])
        })
        .collect();
    (offices, fields)
}

/// Whether each procedure's poster fits, by what it is laid out from: kept by `serve` from
/// one check to the next, so an edit lays out only the posters it changed.
pub type SheetChecks = std::sync::Mutex<std::collections::HashMap<u128, bool>>;

/// Warns of every procedure poster that cannot hold even its title, code, first way of
/// applying and first office on one sheet. `fonts` is a digest of the print fonts the
/// posters are measured with; `kept` the answers of an earlier check.
pub fn check_sheets(
    model: &Model,
    printed: &Printed,
    fonts: u128,
    kept: Option<&SheetChecks>,
    diags: &mut crate::diagnostic::Diagnostics,
) {
    use rayon::prelude::*;
    // What every sheet is laid out from besides its procedure.
    let shared = {
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        hash.update(&fonts.to_le_bytes());
        let hashed = super::digest::hash_into(&mut hash, &model.config)
            .and_then(|()| super::digest::hash_into(&mut hash, &model.urls))
            .and_then(|()| super::digest::hash_into(&mut hash, &model.catalog));
        hashed.ok().map(|()| hash)
    };
    let key = |i: usize| {
        let mut hash = shared.clone()?;
        hash.update(&model.procedures[i].digest.to_le_bytes());
        Some(hash.digest128())
    };
    let fits = |i: usize| {
        let p = &model.procedures[i];
        let offices: Vec<Cow<str>> = p
            .offices
            .iter()
            .map(|&o| Cow::Borrowed(model.catalog.offices[o].name.as_str()))
            .collect();
        let hotline = site_hotline(model);
        sheet(model, i, &offices, "Nộp hồ sơ tại", hotline.as_ref()).fits
    };
    let known = kept.and_then(|k| k.lock().ok().map(|k| k.clone()));
    let answers: Vec<(usize, Option<u128>, bool)> = printed
        .procedures
        .par_iter()
        .map(|&i| {
            let key = key(i);
            let known = key.and_then(|k| known.as_ref()?.get(&k).copied());
            (i, key, known.unwrap_or_else(|| fits(i)))
        })
        .collect();
    if let Some(mut kept) = kept.and_then(|k| k.lock().ok()) {
        kept.clear();
        kept.extend(
            answers
                .iter()
                .filter_map(|&(_, key, fits)| Some((key?, fits))),
        );
    }
    let over = answers
        .iter()
        .filter(|(_, _, fits)| !fits)
        .map(|&(i, _, _)| i);
    for i in over {
        let p = &model.procedures[i];
        diags.warning(
            crate::diagnostic::Location::file(p.source.display().to_string()),
            format!(
                "the poster of {} cannot fit on one A4 sheet, even with its documents left out: shorten `short_name`, a channel's time limit or fees, or an office's name",
                p.code()
            ),
        );
    }
}
