//! Views for printed material: A4 posters of a procedure, a field and an office, sheets of
//! QR labels, and the index a clerk prints from. Addresses are printed as text under every
//! code, without `https://`, so they can be typed.

use super::views::{self, OfficeView, ProcedureView, Summary};
use crate::model::Model;
use crate::printed::Printed;
use serde::Serialize;

/// Labels per A4 sheet: 3 columns × 5 rows.
pub const LABELS_PER_SHEET: usize = 15;

/// A code ready to print: the SVG and the address as text.
#[derive(Serialize)]
pub struct Code<'a> {
    /// Drawn when the page is rendered; identified by the code when only checked.
    pub svg: super::digest::Drawing<&'a crate::qr::Qr>,
    /// What the code holds, for people to type: `tthc.camau.gov.vn/tthc/1.001193/`.
    pub text: String,
    pub version: u8,
    pub svg_url: String,
}

pub fn code<'p>(model: &Model, printed: &'p Printed, route: &str) -> Option<Code<'p>> {
    let drawn = printed.code(route)?;
    let qr = &drawn.qr;
    Some(Code {
        svg: super::digest::Drawing {
            source: qr,
            draw: |qr| crate::printed::drawing(qr),
        },
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
    pub procedures: Vec<&'a Summary<'a>>,
}

#[derive(Serialize)]
pub struct OfficePoster<'a> {
    pub office: OfficeView<'a>,
    pub code: Option<Code<'a>>,
    pub fields: Vec<FieldCount>,
}

#[derive(Serialize)]
pub struct FieldCount {
    pub name: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct Label<'a> {
    pub short_name: &'a str,
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
    /// The first documents to bring (headings and notes left out), for the sheet.
    pub bring: Vec<Bring<'a>>,
    /// How many more documents the page lists.
    pub bring_more: usize,
}

/// A document on a poster.
#[derive(Serialize)]
pub struct Bring<'a> {
    pub name: &'a str,
    pub required: bool,
}

/// Documents a poster has room for; the rest are counted ("Và 3 giấy tờ khác").
const POSTER_DOCUMENTS: usize = 5;

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
    let hotline = office_hotline.or_else(|| {
        model.config.hotlines.first().map(|h| Hotline {
            number: h.number.clone(),
            label: h.label.clone(),
        })
    });
    // Counted and cut here, in one pass: a template building the list item by item is
    // quadratic in the number of documents.
    let documents = model.procedures[i]
        .record
        .documents
        .iter()
        .flat_map(|g| &g.items)
        .filter(|d| d.kind == crate::procedure::ItemKind::Document);
    let total = documents.clone().count();
    let bring = documents
        .take(POSTER_DOCUMENTS)
        .map(|d| Bring {
            name: d.name.get_ref(),
            required: d.required,
        })
        .collect();
    ProcedurePoster {
        code: code(model, printed, &route),
        procedure,
        hotline,
        bring,
        bring_more: total.saturating_sub(POSTER_DOCUMENTS),
    }
}

pub fn field_poster<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a [Summary<'a>],
    i: usize,
) -> FieldPoster<'a> {
    let field = &model.catalog.fields[i];
    FieldPoster {
        name: &field.name,
        code: code(model, printed, &model.urls.field(&field.key)),
        procedures: model.by_field[i]
            .iter()
            .map(|&i| &summaries[i])
            .filter(|s| s.active)
            .collect(),
    }
}

pub fn office_poster<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a [Summary<'a>],
    i: usize,
) -> OfficePoster<'a> {
    let office = &model.catalog.offices[i];
    let fields = super::pages::grouped_by_field(model, summaries, &model.by_office[i])
        .into_iter()
        .map(|g| FieldCount {
            name: g.name,
            count: g.procedures.len(),
        })
        .collect();
    OfficePoster {
        office: views::office(model, office),
        code: code(model, printed, &model.urls.office(&office.key)),
        fields,
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
            short_name: p.short_name(),
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
    /// How many procedures in force (and so procedure posters) the group has.
    pub count: usize,
    /// The procedure posters, filled only on the group's own list page.
    pub procedures: Vec<Printable>,
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
        count,
        procedures: Vec::new(),
        name,
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
