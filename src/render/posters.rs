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

/// Label sheets of the procedures in force among `positions`.
pub fn labels<'a>(
    model: &'a Model,
    printed: &'a Printed,
    title: String,
    positions: &[usize],
) -> LabelSheets<'a> {
    let labels: Vec<Label<'a>> = positions
        .iter()
        .map(|&i| &model.procedures[i])
        .filter(|p| p.is_active())
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
    pub labels: Printable,
    pub procedures: Vec<Printable>,
}

pub fn index(model: &Model, printed: &Printed) -> (Vec<PrintGroup>, Vec<PrintGroup>) {
    let u = &model.urls;
    let c = &model.catalog;
    let procedure_posters = |positions: &[usize]| -> Vec<Printable> {
        positions
            .iter()
            .map(|&i| &model.procedures[i])
            .filter(|p| p.is_active())
            .map(|p| Printable {
                name: format!("{} ({})", p.short_name(), p.code()),
                url: u.href(&u.poster(&u.procedure(p.code()))),
            })
            .collect()
    };
    let group = |name: &str, route: String, positions: &[usize]| PrintGroup {
        name: name.to_string(),
        poster: Printable {
            name: format!("Áp phích: {name}"),
            url: u.href(&u.poster(&route)),
        },
        labels: Printable {
            name: format!("Tờ nhãn mã QR: {name}"),
            url: u.href(&u.labels(&route)),
        },
        procedures: procedure_posters(positions),
    };
    let offices = printed
        .offices
        .iter()
        .map(|&i| {
            group(
                &c.offices[i].name,
                u.office(&c.offices[i].key),
                &model.by_office[i],
            )
        })
        .collect();
    let fields = printed
        .fields
        .iter()
        .map(|&i| {
            group(
                &c.fields[i].name,
                u.field(&c.fields[i].key),
                &model.by_field[i],
            )
        })
        .collect();
    (offices, fields)
}
