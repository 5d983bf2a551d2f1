//! The catalogue as open data (Decree 47/2020/NĐ-CP: complete, latest, free, in open formats):
//! every procedure with all its structured fields as JSON and JSON Lines, a flat CSV with the
//! main facts, the catalogues (fields, levels, agencies, offices with hours, vocabularies), and
//! the JSON Schema of a procedure record. Keys are the content format's own
//! (`docs/content-format.md`); dates are ISO 8601; the schema is `docs/open-data.md`'s.

use crate::date::Date;
use crate::history::Phase;
use crate::model::{Model, Procedure};
use crate::procedure::{Channel, DocumentGroup, ItemKind, Status};
use serde_json::{Value, json};

/// The JSON Schema of one procedure record, as published beside the data.
pub const SCHEMA: &str = include_str!("../../docs/thu-tuc.schema.json");

/// The published files, by name under `du-lieu/`.
pub const PROCEDURES_JSON: &str = "thu-tuc.json";
pub const PROCEDURES_JSONL: &str = "thu-tuc.jsonl";
pub const PROCEDURES_CSV: &str = "thu-tuc.csv";
pub const CATALOG_JSON: &str = "danh-muc.json";
pub const SCHEMA_JSON: &str = "thu-tuc.schema.json";
pub const CPSV_JSONLD: &str = "cpsv-ap.jsonld";
pub const DCAT_JSONLD: &str = "dcat-ap.jsonld";

/// Where a procedure stands on the build's date, as the data says it.
pub fn status_key(p: &Procedure) -> &'static str {
    match p.timeline.phase {
        Phase::Upcoming(_) => "upcoming",
        Phase::Current => "active",
        Phase::Retired => match p.record.status {
            Status::Replaced => "replaced",
            _ => "repealed",
        },
    }
}

fn iso(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_iso()))
}

/// The day the data last changed: the configured one, else the latest `updated` or change of
/// a procedure up to the build's date.
pub fn modified(model: &Model) -> Date {
    model.config.open_data.modified.unwrap_or_else(|| {
        model
            .procedures
            .iter()
            .flat_map(|p| std::iter::once(p.record.updated).chain(p.timeline.last_changed()))
            .filter(|&d| d <= model.as_of)
            .max()
            .unwrap_or(model.as_of)
    })
}

/// One procedure with every structured field.
pub fn record(model: &Model, p: &Procedure) -> Value {
    let u = &model.urls;
    let r = &p.record;
    let keys = |v: &[toml::Spanned<String>]| -> Vec<String> {
        v.iter().map(|k| k.get_ref().clone()).collect()
    };
    let event = |e: &crate::history::Event| {
        json!({
            "date": e.date.to_iso(), "kind": e.kind.key(), "decision": e.decision,
            "issuer": e.issuer, "note": e.note,
        })
    };
    json!({
        "code": r.code.get_ref(),
        "local_code": r.local_code,
        "name": r.name.get_ref(),
        "short_name": r.short_name,
        "url": u.absolute(&u.procedure(p.code())),
        "status": status_key(p),
        "effective": iso(crate::history::start(r)),
        "repealed_on": iso(r.repealed_on),
        "replaced_by": r.replaced_by.as_ref().map(|c| c.get_ref()),
        "field": r.field.get_ref(),
        "other_fields": keys(&r.other_fields),
        "levels": keys(r.levels.get_ref()),
        "kind": r.kind.get_ref(),
        "audience": keys(&r.audience),
        "agencies": {
            "competent": keys(&r.agencies.competent),
            "executing": keys(&r.agencies.executing),
            "delegated": keys(&r.agencies.delegated),
            "cooperating": keys(&r.agencies.cooperating),
        },
        "offices": p
            .offices
            .iter()
            .map(|&i| model.catalog.offices[i].key.as_str())
            .collect::<Vec<_>>(),
        "online": r.online.key(),
        "online_url": r.online_url.as_ref().map(|x| x.get_ref()),
        "channels": r.channels.iter().map(channel).collect::<Vec<_>>(),
        "steps": r.steps.iter().map(|s| s.get_ref()).collect::<Vec<_>>(),
        "documents": r.documents.iter().map(|g| documents(model, g)).collect::<Vec<_>>(),
        "results": r.results.iter().map(|o| json!({
            "name": o.name, "code": o.code, "electronic": o.electronic,
        })).collect::<Vec<_>>(),
        "conditions": r.conditions.as_ref().map(|c| c.get_ref()),
        "legal_basis": r.legal_basis.iter().map(|l| json!({
            "number": l.number, "title": l.title, "date": iso(l.date), "issuer": l.issuer,
        })).collect::<Vec<_>>(),
        "decisions": r.decisions.iter().map(|d| json!({
            "number": d.number, "date": iso(d.date), "issuer": d.issuer,
            "effective": iso(d.effective), "kind": d.kind.map(|k| k.key()),
        })).collect::<Vec<_>>(),
        "related": keys(&r.related),
        "keywords": r.keywords,
        "life_events": r.life_events,
        "description": p.text.description_source,
        "updated": r.updated.to_iso(),
        "first_published": iso(p.timeline.first_published()),
        "last_changed": iso(p.timeline.last_changed()),
        "history": p.timeline.past.iter().map(event).collect::<Vec<_>>(),
        "announced": p.timeline.coming.iter().map(event).collect::<Vec<_>>(),
        "source": r.source.as_ref().map(|s| json!({
            "issuer": s.issuer, "url": s.url.as_ref().map(|x| x.get_ref()),
        })),
    })
}

fn channel(c: &Channel) -> Value {
    json!({
        "mode": c.mode.get_ref(),
        "condition": c.condition,
        "time_limit": c.time_limit.as_ref().map(|t| json!({
            "amount": t.amount, "unit": t.unit.as_ref().map(|x| x.get_ref()), "note": t.note,
        })),
        "fees": c.fees.iter().map(|f| json!({
            "kind": f.kind.as_ref().map(|x| x.get_ref()), "amount": f.amount,
            "unit": f.unit, "text": f.text,
        })).collect::<Vec<_>>(),
        "fees_unknown": c.fees_unknown,
        "description": c.description.as_ref().map(|x| x.get_ref()),
    })
}

fn documents(model: &Model, g: &DocumentGroup) -> Value {
    let u = &model.urls;
    json!({
        "title": g.title,
        "notes": g.notes.as_ref().map(|x| x.get_ref()),
        "items": g.items.iter().map(|i| json!({
            "name": i.name.get_ref(),
            "kind": match i.kind {
                ItemKind::Document => "document",
                ItemKind::Heading => "heading",
                ItemKind::Note => "note",
            },
            "originals": i.originals, "copies": i.copies, "required": i.required,
            "forms": i.forms.iter().map(|f| u.absolute(&u.form(f.get_ref()))).collect::<Vec<_>>(),
            "form_names": i.form_names, "one_of": i.one_of, "sub": i.sub,
        })).collect::<Vec<_>>(),
    })
}

/// A procedure's record as one line of JSON, without its line end: a piece of the JSON and
/// the JSON Lines files (see [`super::pieces`]).
pub fn record_line(model: &Model, p: &Procedure) -> String {
    serde_json::to_string(&record(model, p)).expect("JSON values serialize")
}

/// What the JSON document of every procedure ends with, after the records (joined by `,`).
pub const JSON_END: &[u8] = b"]}\n";

/// The start of the JSON document of every procedure: when the data was made, under
/// which licence, how many records; the records follow.
pub fn json_head(model: &Model, count: usize) -> Vec<u8> {
    let head = json!({
        "as_of": model.as_of.to_iso(),
        "modified": modified(model).to_iso(),
        "publisher": model.config.authority,
        "license": model.config.open_data.license,
        "license_url": model.config.open_data.license_url,
        "schema": model.urls.absolute(&model.urls.open_data_file(SCHEMA_JSON)),
        "count": count,
    })
    .to_string();
    let mut head = head.strip_suffix('}').expect("a JSON object").to_string();
    head.push_str(",\"procedures\":[");
    head.into_bytes()
}

/// The start of the CSV file: a byte-order mark first (Excel on Windows, what most offices
/// open a CSV with, reads a file without one in the machine's code page and garbles the
/// Vietnamese), then the header row. One row per procedure follows ([`csv_row`]).
pub fn csv_head() -> Vec<u8> {
    let mut out = csv::Writer::from_writer(crate::render::CSV_BOM.as_bytes().to_vec());
    let header = [
        "code",
        "name",
        "url",
        "status",
        "field",
        "field_name",
        "levels",
        "kind",
        "online",
        "competent_agencies",
        "offices",
        "time_limit",
        "fees",
        "documents",
        "effective",
        "repealed_on",
        "replaced_by",
        "first_published",
        "last_changed",
        "updated",
    ];
    out.write_record(header).expect("CSV into memory");
    out.into_inner().expect("CSV into memory")
}

/// A procedure's row of the CSV file, with the main facts, names spelled out; no cell
/// starts a formula.
pub fn csv_row(model: &Model, p: &Procedure) -> Vec<u8> {
    let c = &model.catalog;
    let u = &model.urls;
    let r = &p.record;
    let names = |kind, v: &[toml::Spanned<String>]| -> String {
        v.iter()
            .map(|k| c.name(kind, k.get_ref()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    use crate::catalog::Kind;
    let time_limit = r
        .channels
        .iter()
        .find_map(|ch| ch.time_limit.as_ref())
        .map(|t| super::views::time_limit(model, t))
        .unwrap_or_default();
    let fees = r
        .channels
        .iter()
        .flat_map(|ch| &ch.fees)
        .map(|f| super::views::fee(model, f))
        .collect::<Vec<_>>();
    let mut fees_unique: Vec<String> = Vec::new();
    for f in fees {
        if !fees_unique.contains(&f) {
            fees_unique.push(f);
        }
    }
    let documents = r
        .documents
        .iter()
        .flat_map(|g| &g.items)
        .filter(|i| i.kind == ItemKind::Document)
        .count();
    let date = |d: Option<Date>| d.map(Date::to_iso).unwrap_or_default();
    let row = [
        p.code().to_string(),
        r.name.get_ref().clone(),
        u.absolute(&u.procedure(p.code())),
        status_key(p).to_string(),
        r.field.get_ref().clone(),
        c.name(Kind::Field, r.field.get_ref()).to_string(),
        names(Kind::Level, r.levels.get_ref()),
        c.name(Kind::ProcedureKind, r.kind.get_ref()).to_string(),
        r.online.key().to_string(),
        names(Kind::Agency, &r.agencies.competent),
        p.offices
            .iter()
            .map(|&i| c.offices[i].name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        time_limit,
        fees_unique.join("; "),
        documents.to_string(),
        date(crate::history::start(r)),
        date(r.repealed_on),
        r.replaced_by
            .as_ref()
            .map(|c| c.get_ref().clone())
            .unwrap_or_default(),
        date(p.timeline.first_published()),
        date(p.timeline.last_changed()),
        r.updated.to_iso(),
    ];
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(row.iter().map(|cell| super::stats::formula_safe(cell)))
        .expect("CSV into memory");
    out.into_inner().expect("CSV into memory")
}

pub fn catalog_json(model: &Model) -> String {
    let c = &model.catalog;
    let u = &model.urls;
    let terms = |t: &[crate::catalog::Term]| -> Vec<Value> {
        t.iter()
            .map(|t| json!({"key": t.key, "label": t.label}))
            .collect()
    };
    let value = json!({
        "as_of": model.as_of.to_iso(),
        "levels": c.levels.iter().map(|l| json!({
            "key": l.key, "name": l.name, "description": l.description, "until": iso(l.until),
            "url": u.absolute(&u.level(&l.key)),
        })).collect::<Vec<_>>(),
        "fields": c.fields.iter().map(|f| json!({
            "key": f.key, "name": f.name, "description": f.description, "until": iso(f.until),
            "url": u.absolute(&u.field(&f.key)), "old_keys": f.old_keys,
        })).collect::<Vec<_>>(),
        "agencies": c.agencies.iter().map(|a| json!({
            "key": a.key, "name": a.name, "level": a.level, "website": a.website,
            "until": iso(a.until), "url": u.absolute(&u.agency(&a.key)), "old_keys": a.old_keys,
        })).collect::<Vec<_>>(),
        "offices": c.offices.iter().map(|o| json!({
            "key": o.key, "name": o.name, "address": o.address, "phone": o.phone,
            "hotline": o.hotline, "email": o.email,
            "hours": o.hours.iter().map(|h| json!({
                "days": h.days, "opens": h.opens, "closes": h.closes,
            })).collect::<Vec<_>>(),
            "map": o.map.map(|m| json!({"lat": m.lat, "lon": m.lon})),
            "agency": o.agency, "note": o.note, "until": iso(o.until),
            "url": u.absolute(&u.office(&o.key)), "old_keys": o.old_keys,
        })).collect::<Vec<_>>(),
        "vocabulary": {
            "kinds": terms(&c.vocabulary.kinds),
            "audiences": terms(&c.vocabulary.audiences),
            "channels": terms(&c.vocabulary.channels),
            "time_units": terms(&c.vocabulary.time_units),
            "fee_kinds": terms(&c.vocabulary.fee_kinds),
        },
    });
    let mut text = serde_json::to_string(&value).expect("JSON values serialize");
    text.push('\n');
    text
}
