//! Procedure files and catalogue entries as TOML, made with `toml_edit` so that a refresh
//! (`--update`) replaces only the keys that come from the national record and keeps the
//! province's own (offices, hours, short name, keywords, online link, notes) and its layout.

use super::channels::FeeCell;
use super::documents::RowKind;
use super::{Keys, Parsed};
use crate::catalog::Kind;
use crate::date::Date;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

/// Keys whose content comes from the national record.
const FROM_RECORD: [&str; 14] = [
    "name",
    "field",
    "levels",
    "kind",
    "audience",
    "agencies",
    "steps",
    "conditions",
    "channels",
    "documents",
    "results",
    "legal_basis",
    "decisions",
    "source",
];

fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Array {
    items.into_iter().map(String::as_str).collect()
}

/// One string per line, for lists of long texts.
fn lines<'a>(items: impl IntoIterator<Item = &'a String>) -> Array {
    let mut array = strings(items);
    for v in array.iter_mut() {
        v.decor_mut().set_prefix("\n  ");
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
    array
}

/// The front matter of a procedure made from a record.
pub(crate) fn front_matter(
    p: &Parsed,
    keys: &mut Keys,
    first_level: Option<&str>,
    today: Date,
) -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc["code"] = value(p.code.as_str());
    doc["name"] = value(p.name.as_str());
    doc["field"] = value(keys.key(Kind::Field, p.field.as_deref().unwrap_or("Khác")));
    let mut levels: Vec<String> = Vec::new();
    for name in p
        .levels
        .iter()
        .map(String::as_str)
        .chain(first_level.filter(|_| p.levels.is_empty()))
    {
        let key = keys.key(Kind::Level, name);
        if !levels.contains(&key) {
            levels.push(key);
        }
    }
    doc["levels"] = value(strings(&levels));
    doc["kind"] = value(keys.key(
        Kind::ProcedureKind,
        p.kind.as_deref().unwrap_or("Chưa phân loại"),
    ));
    let audience: Vec<String> = dedup(p.audience.iter().map(|a| keys.key(Kind::Audience, a)));
    if !audience.is_empty() {
        doc["audience"] = value(strings(&audience));
    }
    let offices: Vec<String> = dedup(p.addresses.iter().map(|a| keys.key(Kind::Office, a)));
    if !offices.is_empty() {
        doc["offices"] = value(strings(&offices));
    }
    // National records do not state the online level; the province sets it.
    doc["online"] = value("unknown");
    doc["updated"] = value(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: today.year,
            month: today.month,
            day: today.day,
        }),
        time: None,
        offset: None,
    });
    if !p.steps.is_empty() {
        doc["steps"] = value(lines(&p.steps));
    }
    if let Some(c) = &p.conditions {
        doc["conditions"] = value(c.as_str());
    }
    if !p.keywords.is_empty() {
        doc["keywords"] = value(strings(&p.keywords));
    }
    let mut source = Table::new();
    if let Some(issuer) = &p.issuer {
        source["issuer"] = value(issuer.as_str());
    }
    if let Some(url) = &p.url {
        source["url"] = value(url.as_str());
    }
    if !source.is_empty() {
        doc["source"] = Item::Table(source);
    }
    let mut agencies = Table::new();
    for (role, names) in ["competent", "executing", "delegated", "cooperating"]
        .iter()
        .zip(&p.agencies)
    {
        let list = dedup(names.iter().map(|a| keys.key(Kind::Agency, a)));
        if !list.is_empty() {
            agencies[role] = value(strings(&list));
        }
    }
    if !agencies.is_empty() {
        doc["agencies"] = Item::Table(agencies);
    }
    let channels = channels(p, keys);
    set_tables(&mut doc, "channels", channels);
    let documents = documents(p);
    set_tables(&mut doc, "documents", documents);
    let mut results = ArrayOfTables::new();
    for r in &p.results {
        let mut t = Table::new();
        t["name"] = value(r.name.as_str());
        if let Some(code) = &r.code {
            t["code"] = value(code.as_str());
        }
        if let Some(d) = &r.description {
            t["description"] = value(d.as_str());
        }
        results.push(t);
    }
    set_tables(&mut doc, "results", results);
    let mut legal = ArrayOfTables::new();
    for l in &p.legal {
        let mut t = Table::new();
        if let Some(n) = &l.number {
            t["number"] = value(n.as_str());
        }
        t["title"] = value(l.title.as_str());
        if let Some(d) = l.date.as_deref().and_then(iso_date) {
            t["date"] = value(d);
        }
        if let Some(i) = &l.issuer {
            t["issuer"] = value(i.as_str());
        }
        if let Some(d) = l.effective.as_deref().and_then(iso_date) {
            t["effective"] = value(d);
        }
        if let Some(u) = &l.url {
            t["url"] = value(u.as_str());
        }
        legal.push(t);
    }
    set_tables(&mut doc, "legal_basis", legal);
    let mut decisions = ArrayOfTables::new();
    for d in &p.decisions {
        let mut t = Table::new();
        t["number"] = value(d.number.as_str());
        if let Some(date) = d.date.as_deref().and_then(iso_date) {
            t["date"] = value(date);
        }
        if let Some(issuer) = super::legal::issuer_of(&d.number) {
            t["issuer"] = value(issuer);
        }
        decisions.push(t);
    }
    set_tables(&mut doc, "decisions", decisions);
    doc
}

/// `[[key]]` tables, left out when there are none.
fn set_tables(doc: &mut DocumentMut, key: &str, tables: ArrayOfTables) {
    if !tables.is_empty() {
        doc[key] = Item::ArrayOfTables(tables);
    }
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn iso_date(iso: &str) -> Option<toml_edit::Datetime> {
    let parts: Vec<&str> = iso.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    Some(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        }),
        time: None,
        offset: None,
    })
}

fn channels(p: &Parsed, keys: &mut Keys) -> ArrayOfTables {
    let mut out = ArrayOfTables::new();
    for c in &p.channels {
        let mut t = Table::new();
        if c.mode.is_empty() {
            // A table that could not be read: its text stays, under the first way of applying.
            t["mode"] = value(keys.key(Kind::Channel, "Trực tiếp"));
        } else {
            t["mode"] = value(keys.key(Kind::Channel, &c.mode));
        }
        if let Some(condition) = &c.condition {
            t["condition"] = value(condition.as_str());
        }
        let mut limit = InlineTable::new();
        if let Some(a) = c.amount {
            limit.insert("amount", i64::from(a).into());
        }
        if let Some(u) = &c.unit {
            limit.insert("unit", keys.key(Kind::TimeUnit, u).into());
        }
        if let Some(n) = &c.time_note {
            limit.insert("note", n.as_str().into());
        }
        if !limit.is_empty() {
            t["time_limit"] = value(limit);
        }
        let mut fee = InlineTable::new();
        match &c.fee {
            FeeCell::Unknown => t["fees_unknown"] = value(true),
            FeeCell::Free { note } => {
                let text = match note {
                    Some(n) => format!("Miễn phí ({n})"),
                    None => "Miễn phí".to_string(),
                };
                fee.insert("text", text.into());
            }
            FeeCell::Amount { amount, unit, note } => {
                fee.insert("amount", i64::try_from(*amount).unwrap_or(i64::MAX).into());
                if let Some(u) = unit {
                    fee.insert("unit", u.as_str().into());
                }
                if let Some(n) = note {
                    fee.insert("text", n.as_str().into());
                }
            }
            FeeCell::Text(text) => {
                fee.insert("text", text.as_str().into());
            }
        }
        if !fee.is_empty() {
            let mut fees = Array::new();
            fees.push(fee);
            t["fees"] = value(fees);
        }
        if let Some(d) = &c.description {
            t["description"] = value(d.as_str());
        }
        out.push(t);
    }
    out
}

fn documents(p: &Parsed) -> ArrayOfTables {
    let mut out = ArrayOfTables::new();
    for g in &p.documents {
        let mut t = Table::new();
        if let Some(title) = &g.title {
            t["title"] = value(title.as_str());
        }
        if let Some(notes) = &g.notes {
            t["notes"] = value(notes.as_str());
        }
        let mut items = ArrayOfTables::new();
        for r in &g.rows {
            let mut i = Table::new();
            i["name"] = value(r.name.as_str());
            if let Some(code) = &r.code {
                i["code"] = value(code.as_str());
            }
            match r.kind {
                RowKind::Document => {
                    i["originals"] = value(i64::from(r.originals));
                    i["copies"] = value(i64::from(r.copies));
                }
                RowKind::Heading => i["kind"] = value("heading"),
                RowKind::Note => i["kind"] = value("note"),
            }
            if r.one_of {
                i["one_of"] = value(true);
            }
            if r.sub {
                i["sub"] = value(true);
            }
            if !r.form_names.is_empty() {
                i["form_names"] = value(strings(&r.form_names));
            }
            items.push(i);
        }
        if items.is_empty() {
            // A group of notes only (the source put text, not a table, there).
            t["items"] = value(Array::new());
        } else {
            t["items"] = Item::ArrayOfTables(items);
        }
        out.push(t);
    }
    out
}

/// A new procedure file: the front matter, then as Markdown what the source says in
/// prose: the procedure's description, where to submit when it is not an address, tables
/// kept as text, and the related procedures it names (by name, not code).
pub(crate) fn new_file(front: &DocumentMut, p: &Parsed) -> String {
    let escape = super::text::escape_markdown;
    let mut out = String::from(
        "+++\n# Nhập từ Cơ sở dữ liệu quốc gia về thủ tục hành chính. Tỉnh bổ sung: nơi tiếp nhận\n\
         # (offices), mức độ trực tuyến (online, online_url), tên ngắn (short_name), từ khóa.\n",
    );
    out.push_str(&front.to_string());
    out.push_str("+++\n");
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(d) = &p.description {
        paragraphs.push(escape(d));
    }
    if let Some(note) = &p.place_note {
        paragraphs.push(format!("Địa chỉ tiếp nhận hồ sơ: {}", escape(note)));
    }
    paragraphs.extend(p.notes.iter().cloned());
    if let Some(body) = &p.text_body
        && !body.is_empty()
    {
        paragraphs.push(body.clone());
    }
    if !p.related.is_empty() {
        paragraphs.push(format!(
            "Thủ tục hành chính liên quan: {}",
            escape(&p.related.join("; "))
        ));
    }
    for paragraph in paragraphs {
        out.push_str(&paragraph);
        out.push_str("\n\n");
    }
    if out.ends_with("\n\n") {
        out.pop();
    }
    out
}

pub(crate) struct Merged {
    pub old_name: String,
    /// The new file text, when anything from the record changed.
    pub text: Option<String>,
    pub changed: Vec<String>,
}

/// Replaces the record's keys in an existing file, keeping everything else.
pub(crate) fn merge(old: &str, front: &DocumentMut) -> Result<Merged, String> {
    let normalized = old.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let rest = normalized
        .strip_prefix("+++\n")
        .ok_or("the file has no `+++` front matter")?;
    let end = rest
        .find("\n+++")
        .ok_or("the front matter is not closed with `+++`")?;
    let (toml_text, body) = (&rest[..end + 1], &rest[end + 1..]);
    let mut doc: DocumentMut = toml_text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let old_values: toml::Table = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    let new_values: toml::Table = toml::from_str(&front.to_string()).map_err(|e| e.to_string())?;
    let old_name = old_values
        .get("name")
        .and_then(|n| n.as_str())
        .unwrap_or_default()
        .to_string();
    let mut changed = Vec::new();
    for key in FROM_RECORD {
        if old_values.get(key) == new_values.get(key) {
            continue;
        }
        changed.push(key.to_string());
        match front.get(key) {
            Some(item) => doc[key] = item.clone(),
            None => {
                doc.remove(key);
            }
        }
    }
    let has_offices = old_values
        .get("offices")
        .and_then(|o| o.as_array())
        .is_some_and(|a| !a.is_empty());
    if !has_offices && let Some(item) = front.get("offices") {
        doc["offices"] = item.clone();
        changed.push("offices".into());
    }
    // `other_fields` is the province's, but never the field the record now names.
    if let Some(field) = doc
        .get("field")
        .and_then(|f| f.as_str())
        .map(str::to_string)
        && let Some(others) = doc.get_mut("other_fields").and_then(|o| o.as_array_mut())
    {
        let before = others.len();
        others.retain(|v| v.as_str() != Some(field.as_str()));
        if others.len() != before {
            if others.is_empty() {
                doc.remove("other_fields");
            }
            changed.push("other_fields".into());
        }
    }
    if changed.is_empty() {
        return Ok(Merged {
            old_name,
            text: None,
            changed,
        });
    }
    doc["updated"] = front["updated"].clone();
    Ok(Merged {
        old_name,
        text: Some(format!("+++\n{doc}{body}")),
        changed,
    })
}

/// Catalogue entries appended to a catalogue file's text.
pub(crate) fn append_entries(old: &str, kind: Kind, entries: &[(String, String)]) -> String {
    let mut text = old.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let q = crate::import::quoted;
    for (key, name) in entries {
        let body = match kind {
            Kind::Level | Kind::Field | Kind::Agency => {
                format!("key = {}\nname = {}\n", q(key), q(name))
            }
            Kind::Office => format!(
                "key = {}\nname = {}\naddress = {}\n# Thêm giờ làm việc (hours) và số điện thoại (phone, hotline).\n",
                q(key),
                q(&super::place::office_name(name)),
                q(name)
            ),
            _ => format!("key = {}\nlabel = {}\n", q(key), q(name)),
        };
        text.push_str(&format!("\n[[{}]]\n{body}", kind.table()));
    }
    text
}
