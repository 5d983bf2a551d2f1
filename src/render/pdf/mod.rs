//! Print packs: one A4 PDF per office and per field, what a one-stop shop sends to its
//! printer. An office's pack holds a cover listing what is inside, the office poster, a
//! poster for every procedure received there (by field, then name), the posters of those
//! fields and the office's QR label sheets; a field's pack, its poster, its procedures'
//! posters and its label sheets. Every sheet holds what its HTML poster holds (the same
//! views, laid out by the same rules) and the same QR matrices, drawn as vectors. The bytes
//! depend only on the pack's content: no dates, no random ids.

mod canvas;
mod document;
mod sheets;
pub mod store;
pub mod text;
pub mod writer;

use super::posters::{self, Code, FieldPoster, Label, OfficePoster, ProcedurePoster};
use super::views::Summaries;
use crate::model::Model;
use crate::printed::Printed;
use std::collections::BTreeMap;

/// Whose pack.
#[derive(Debug, Clone, Copy)]
pub enum PackOf {
    Office(usize),
    Field(usize),
}

/// The procedure posters of one field, in a pack.
pub struct Section<'a> {
    pub field: String,
    pub posters: Vec<ProcedurePoster<'a>>,
}

/// Everything one pack prints, in order.
pub struct Pack<'a> {
    /// `Bộ áp phích: …`, the document's title.
    pub title: String,
    /// The office's or field's name.
    pub name: String,
    /// `Nơi tiếp nhận hồ sơ` or `Lĩnh vực`.
    pub kind: &'static str,
    /// The code of the office's or field's page, on the cover.
    pub code: Option<Code<'a>>,
    /// The latest `updated` of the procedures inside (`dd/mm/yyyy`).
    pub updated: Option<String>,
    pub office: Option<OfficePoster<'a>>,
    pub sections: Vec<Section<'a>>,
    pub fields: Vec<FieldPoster<'a>>,
    /// The label sheets, 15 labels each.
    pub labels: Vec<Vec<Label<'a>>>,
}

/// Lays out what `of`'s pack holds.
pub fn pack<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a Summaries<'_>,
    of: PackOf,
) -> Pack<'a> {
    let u = &model.urls;
    let c = &model.catalog;
    let (kind, name, route, positions) = match of {
        PackOf::Office(i) => {
            let o = &c.offices[i];
            (
                "Nơi tiếp nhận hồ sơ",
                &o.name,
                u.office(&o.key),
                &model.by_office[i],
            )
        }
        PackOf::Field(i) => {
            let f = &c.fields[i];
            ("Lĩnh vực", &f.name, u.field(&f.key), &model.by_field[i])
        }
    };
    let groups = by_field(model, positions);
    let sections = groups
        .iter()
        .map(|(field, _, ps)| Section {
            field: field.clone(),
            posters: ps
                .iter()
                .map(|&p| match of {
                    PackOf::Office(at) => posters::procedure_poster_at(model, printed, p, at),
                    PackOf::Field(_) => posters::procedure_poster(model, printed, p),
                })
                .collect(),
        })
        .collect();
    let fields = field_posters(model, printed, of, &groups)
        .into_iter()
        .map(|i| pack_field_poster(model, printed, summaries, of, i))
        .collect();
    let in_force = groups.iter().flat_map(|(_, _, ps)| ps);
    let office = match of {
        PackOf::Office(i) => Some(posters::office_poster(model, printed, summaries, i)),
        PackOf::Field(_) => None,
    };
    let mut labels = Vec::new();
    for part in 0..posters::label_parts(model, positions) {
        labels.extend(posters::labels(model, printed, String::new(), positions, part).sheets);
    }
    let updated = in_force
        .map(|&p| model.procedures[p].record.updated)
        .max()
        .map(|d| d.to_string());
    Pack {
        title: format!("Bộ áp phích: {name}"),
        name: name.clone(),
        kind,
        code: posters::code(model, printed, &route),
        updated,
        office,
        sections,
        fields,
        labels,
    }
}

/// The procedures in force among `positions` by field: the field's name and key, and its
/// procedures in the listing's order; fields by Vietnamese name.
fn by_field<'a>(model: &'a Model, positions: &[usize]) -> Vec<(String, &'a str, Vec<usize>)> {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &p in positions {
        let procedure = &model.procedures[p];
        if procedure.is_active() {
            by_key
                .entry(procedure.record.field.get_ref())
                .or_default()
                .push(p);
        }
    }
    let mut groups: Vec<(String, &str, Vec<usize>)> = by_key
        .into_iter()
        .map(|(key, ps)| {
            let name = model.catalog.field(key).map_or(key, |f| &f.name);
            (name.to_string(), key, ps)
        })
        .collect();
    groups.sort_by_cached_key(|(name, key, _)| (crate::vi::sort_key(name), key.to_string()));
    groups
}

/// The fields whose posters a pack holds: a field's own; an office's, those of the
/// procedures it receives (that have a poster).
fn field_posters(
    model: &Model,
    printed: &Printed,
    of: PackOf,
    groups: &[(String, &str, Vec<usize>)],
) -> Vec<usize> {
    match of {
        PackOf::Field(i) => vec![i],
        PackOf::Office(_) => groups
            .iter()
            .filter_map(|(_, key, _)| model.catalog.position(crate::catalog::Kind::Field, key))
            .filter(|i| printed.fields.contains(i))
            .collect(),
    }
}

/// Field `f`'s poster in `of`'s pack: in an office's pack it lists and counts only the
/// procedures that office receives, as its cover does.
fn pack_field_poster<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a Summaries<'_>,
    of: PackOf,
    f: usize,
) -> FieldPoster<'a> {
    match of {
        PackOf::Office(i) => FieldPoster {
            hotline: posters::office_hotline(model, i),
            ..posters::field_poster_within(model, printed, summaries, f, Some(&model.by_office[i]))
        },
        PackOf::Field(_) => posters::field_poster(model, printed, summaries, f),
    }
}

/// What identifies a pack besides the catalogue: its name, the procedures whose posters
/// and labels it prints, in order, and what its field posters show (their views, hashed:
/// a field poster lists only what fits). `None` when a view cannot be hashed.
pub fn sources<'a>(
    model: &'a Model,
    printed: &'a Printed,
    summaries: &'a Summaries<'_>,
    of: PackOf,
) -> Option<(Vec<u8>, &'a [usize])> {
    let (name, positions) = match of {
        PackOf::Field(i) => (format!("field {i}"), &model.by_field[i]),
        PackOf::Office(i) => (format!("office {i}"), &model.by_office[i]),
    };
    let fields = field_posters(model, printed, of, &by_field(model, positions));
    let mut name = name.into_bytes();
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    for f in fields {
        super::digest::hash_into(
            &mut hash,
            &pack_field_poster(model, printed, summaries, of, f),
        )
        .ok()?;
    }
    name.extend(hash.digest128().to_le_bytes());
    Some((name, positions))
}

/// What a drawn pack says about itself, besides its bytes.
pub struct Drawn {
    pub pdf: Vec<u8>,
    /// Pages whose content ran into the foot (1-based), which the layout rules should
    /// never let happen.
    pub overflowing: Vec<usize>,
    /// Its keyed sheets: key, whether it fitted, where its content stream is in `pdf`, its
    /// glyphs; for the next build to take them from ([`store`]).
    pub sheets: Vec<(u128, bool, (usize, usize), writer::Glyphs)>,
    /// How many sheets it has, and how many were taken as kept rather than drawn.
    pub pages: usize,
    pub taken: usize,
}

/// Draws the pack as a PDF, taking the sheets in `kept` that are as they would be drawn.
pub fn draw(
    model: &Model,
    pack: &Pack,
    fonts: &text::Fonts,
    kept: std::collections::HashMap<u128, store::Kept>,
) -> Drawn {
    document::document(model, pack, fonts, kept)
}

/// Warns of letters the print fonts lack in what the packs print (a procedure's names and
/// documents, an office's name and address, a field's name): they would print as empty
/// boxes. Each warning names the file and the line of the first such letter, and the
/// script, so the province can give the theme a font that has it (Khmer: Noto Sans Khmer).
pub fn check_glyphs(
    model: &Model,
    theme: &crate::theme::Theme,
    root: &std::path::Path,
    diags: &mut crate::diagnostic::Diagnostics,
) {
    if !model.config.print.pdf {
        return;
    }
    let Some(regular) = theme.fonts.get(crate::theme::PRINT_FONTS[0]) else {
        return;
    };
    let Ok(face) = rustybuzz::ttf_parser::Face::parse(regular, 0) else {
        return;
    };
    let khmer = crate::theme::KHMER_FONTS[0];
    let khmer = theme
        .fonts
        .get(khmer)
        .and_then(|data| rustybuzz::ttf_parser::Face::parse(data, 0).ok());
    let lacks_uncached = |c: char| {
        !c.is_whitespace()
            && !c.is_control()
            && face.glyph_index(c).is_none()
            && (!text::is_khmer(c) || khmer.as_ref().is_none_or(|k| k.glyph_index(c).is_none()))
    };
    // The answers for the letters of Latin and Vietnamese text (below U+2000), looked up
    // once each: a catalogue is millions of them. 0: not asked yet, 1: has it, 2: lacks it.
    let known = std::cell::RefCell::new(vec![0u8; 0x2000]);
    let lacks = |c: char| {
        let at = c as usize;
        if at >= 0x2000 {
            return lacks_uncached(c);
        }
        let mut known = known.borrow_mut();
        if known[at] == 0 {
            known[at] = if lacks_uncached(c) { 2 } else { 1 };
        }
        known[at] == 2
    };
    let missing = |text: &str| -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars().filter(|&c| lacks(c)) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    };
    let say = |chars: &[char], what: &str| {
        let shown: String = chars.iter().take(8).collect();
        format!(
            "{what} has letters the print font lacks ({shown}, U+{:04X}…): they print as empty boxes in the PDF packs — add a font that has them to the theme's fonts/",
            u32::from(chars[0])
        )
    };
    for p in &model.procedures {
        let r = &p.record;
        let printed = std::iter::once(r.name.get_ref().as_str())
            .chain(r.short_name.as_deref())
            .chain(
                r.documents
                    .iter()
                    .flat_map(|g| &g.items)
                    .map(|i| i.name.get_ref().as_str()),
            );
        let mut chars: Vec<char> = Vec::new();
        for text in printed {
            for c in missing(text) {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
        if chars.is_empty() {
            continue;
        }
        // The line of the first such letter in the file.
        let location = std::fs::read_to_string(root.join(&p.source))
            .ok()
            .and_then(|text| {
                let at = text.find(chars[0])?;
                Some(crate::diagnostic::SourceFile::new(p.source.clone(), text).location(at))
            })
            .unwrap_or_else(|| crate::diagnostic::Location::file(p.source.display().to_string()));
        diags.warning(location, say(&chars, &format!("procedure {}", p.code())));
    }
    let c = &model.catalog;
    for o in &c.offices {
        let chars = missing(&format!("{} {}", o.name, o.address));
        if !chars.is_empty() {
            diags.warning(
                c.declared_at(crate::catalog::Kind::Office, &o.key),
                say(&chars, &format!("office `{}`", o.key)),
            );
        }
    }
    for f in &c.fields {
        let chars = missing(&f.name);
        if !chars.is_empty() {
            diags.warning(
                c.declared_at(crate::catalog::Kind::Field, &f.key),
                say(&chars, &format!("field `{}`", f.key)),
            );
        }
    }
}
