//! `congkhai import RECORDS`: full national procedure records (a folder of JSON files, or
//! one JSON Lines file, shaped like the portal's detail pages) into procedure files and the
//! catalogue entries they name. Each section becomes structured data where its shape allows
//! and readable text where it does not, with a warning naming the record and the section;
//! nothing is dropped silently. Every file is computed first and written only when the
//! whole import is sound, so a failed import leaves the catalogue as it was.

mod apply;
mod channels;
mod documents;
mod legal;
mod place;
mod read;
mod steps;
pub(crate) mod text;
mod write;

use crate::catalog::{self, Catalog, Kind};
use crate::date::Date;
use crate::diagnostic::Diagnostics;
use crate::import::Names;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use read::RawRecord;

pub mod export;

pub struct Options {
    pub root: PathBuf,
    /// A folder of `.json` records or one `.jsonl` file; for [`export::import`], the
    /// database's Excel export.
    pub source: PathBuf,
    /// Refresh procedures that exist already (only what comes from the national record).
    pub update: bool,
    pub today: Date,
    /// Import only procedures carried out at one of these levels (keys); empty: all.
    pub levels: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum NationalError {
    #[error("the records cannot be imported:\n  {}", .0.join("\n  "))]
    Records(Vec<String>),
    #[error("the site's catalogues have errors; run `congkhai check` first")]
    Catalog(Diagnostics),
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    /// Reading or writing failed (a full disk, no permission): nothing was changed.
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    /// Files that would not build even with every table kept as text.
    #[error("the import would write files the build refuses; nothing was written:\n  {}", .0.join("\n  "))]
    Unbuildable(Vec<String>),
}

/// A problem in one section of one record; the import goes on.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// The record file (and row, for JSON Lines).
    pub origin: String,
    /// The record's key: `cach_thuc_thuc_hien`.
    pub section: &'static str,
    pub message: String,
}

impl Warning {
    /// The message with the record's own text (between backquotes) left out, so warnings
    /// of one kind about different records are counted together.
    pub fn kind(&self) -> String {
        let mut out = String::new();
        for (i, part) in self.message.split('`').enumerate() {
            out.push_str(if i % 2 == 1 { "…" } else { part });
        }
        // "`Trực tiếp`: fee of …": the kind starts at what is said.
        out.strip_prefix("…: ").map(str::to_string).unwrap_or(out)
    }
}

/// How much of each table became structure rather than text.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub channel_rows: usize,
    pub channel_rows_as_text: usize,
    pub document_rows: usize,
    pub document_groups_as_text: usize,
    pub legal_rows: usize,
    pub legal_rows_as_text: usize,
    pub results: usize,
    pub steps: usize,
    /// Procedures whose tables were kept as text so that their file builds.
    pub reduced: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub created: Vec<String>,
    /// Codes refreshed with `--update`, with the keys that changed.
    pub updated: Vec<(String, Vec<String>)>,
    /// Codes whose file exists and is unchanged (or was left alone without `--update`).
    pub unchanged: Vec<String>,
    /// Records not applied because their name disagrees with the procedure in the catalogue.
    pub conflicts: Vec<String>,
    /// Codes left out by `--levels`.
    pub not_at_levels: Vec<String>,
    /// New catalogue entries: (catalogue file, key, name).
    pub new_entries: Vec<(String, String, String)>,
    pub warnings: Vec<Warning>,
    pub counts: Counts,
}

/// One record's sections parsed, before catalogue keys are given.
#[derive(Debug, Default, Clone)]
pub struct Parsed {
    /// Where it came from, for messages: "records/1.000419.json", "export.xlsx:TTHC2-CAPXA:5".
    pub origin: String,
    pub code: String,
    pub name: String,
    pub url: Option<String>,
    pub issuer: Option<String>,
    pub decisions: Vec<legal::Decision>,
    pub levels: Vec<String>,
    pub kind: Option<String>,
    pub field: Option<String>,
    pub audience: Vec<String>,
    /// Competent, executing, delegated, cooperating.
    pub agencies: [Vec<String>; 4],
    pub addresses: Vec<String>,
    /// "Địa chỉ tiếp nhận" that is not an address: the procedure's own note.
    pub place_note: Option<String>,
    /// The procedure's description ("Mô tả"), plain text.
    pub description: Option<String>,
    pub keywords: Vec<String>,
    pub related: Vec<String>,
    pub steps: Vec<String>,
    pub channels: Vec<channels::ChannelRow>,
    pub documents: Vec<documents::Group>,
    pub legal: Vec<legal::Legal>,
    pub conditions: Option<String>,
    pub results: Vec<legal::Outcome>,
    /// Tables that would not build, as Markdown below the front matter.
    pub text_body: Option<String>,
    /// Text the source put where a name belongs (an agency "name" that is a paragraph):
    /// kept below the front matter, each with its label.
    pub notes: Vec<String>,
}

/// Parses every section of a record, adding what could not be structured to `warnings`.
pub fn parse(raw: &RawRecord, warnings: &mut Vec<Warning>, counts: &mut Counts) -> Parsed {
    let mut warn = |section: &'static str, message: String| {
        warnings.push(Warning {
            origin: raw.origin(),
            section,
            message,
        });
    };
    let name = text::one_line(raw.get("ten_thu_tuc"));
    let decisions = legal::decisions(raw.get("so_quyet_dinh"));
    let (channel_rows, problems) = channels::parse(raw.get("cach_thuc_thuc_hien"));
    for p in problems {
        warn("cach_thuc_thuc_hien", p);
    }
    for row in channel_rows.iter().filter(|r| r.condition.is_none()) {
        if channel_rows.iter().filter(|r| r.mode == row.mode).count() > 1 {
            warn(
                "cach_thuc_thuc_hien",
                format!(
                    "`{}` is listed more than once and its description does not say when each applies",
                    row.mode
                ),
            );
        }
    }
    counts.channel_rows += channel_rows.len();
    counts.channel_rows_as_text += channel_rows
        .iter()
        .filter(|r| {
            r.mode.is_empty()
                || matches!(r.fee, channels::FeeCell::Text(_)) && r.time_note.is_some()
        })
        .count();
    let (groups, problems) = documents::parse(raw.get("thanh_phan_ho_so"));
    if !problems.is_empty() {
        counts.document_groups_as_text += groups.iter().filter(|g| g.rows.is_empty()).count();
    }
    for p in problems {
        warn("thanh_phan_ho_so", p);
    }
    counts.document_rows += groups.iter().map(|g| g.rows.len()).sum::<usize>();
    let (legal_rows, problems) = legal::legal_basis(raw.get("can_cu_phap_ly"));
    counts.legal_rows += legal_rows.len();
    counts.legal_rows_as_text += legal_rows.iter().filter(|l| l.number.is_none()).count();
    for p in problems {
        warn("can_cu_phap_ly", p);
    }
    let legal::ResultsSection {
        results,
        description,
        keywords,
    } = legal::results(raw.get("ket_qua_xu_ly"));
    counts.results += results.len();
    plausibility(&channel_rows, &mut warn);
    for (section, found) in &raw.reshaped {
        warn(
            "ban_ghi",
            format!("section `{section}` is {found}, not text; read as the text it holds"),
        );
    }
    let place = place::read(raw.get("dia_chi_tiep_nhan"));
    if let Some(note) = &place.note {
        warn("dia_chi_tiep_nhan", place::note_message(note));
    }
    let url = text::present(raw.get("detail_url")).map(|u| text::one_line(&u));
    let url = url.filter(|u| {
        let plain = plain_url(u);
        if !plain {
            warn(
                "detail_url",
                format!(
                    "not a plain web address, left out: `{}`",
                    crate::diagnostic::excerpt(u)
                ),
            );
        }
        plain
    });
    let steps = steps::parse(raw.get("trinh_tu_thuc_hien"));
    counts.steps += steps.len();
    let related = text::present(raw.get("thu_tuc_lien_quan"))
        .map(|t| text::split_names(&t))
        .unwrap_or_default();
    if !related.is_empty() {
        warn(
            "thu_tuc_lien_quan",
            "related procedures are named, not coded; kept as text in the description".into(),
        );
    }
    let field = text::present(raw.get("linh_vuc")).map(|f| text::one_line(&f));
    let levels = text::split_names(raw.get("cap_thuc_hien"));
    let kind = text::present(raw.get("loai_thu_tuc")).map(|k| text::one_line(&k));
    for (section, missing, message) in [
        (
            "linh_vuc",
            field.is_none(),
            "no field; the procedure goes under `Khác`",
        ),
        (
            "cap_thuc_hien",
            levels.is_empty(),
            "no level; the site's first level is used",
        ),
        (
            "loai_thu_tuc",
            kind.is_none(),
            "no kind; the procedure is marked `Chưa phân loại`",
        ),
        (
            "cach_thuc_thuc_hien",
            channel_rows.is_empty(),
            "the section is empty in the record",
        ),
        (
            "thanh_phan_ho_so",
            groups.is_empty(),
            "the section is empty in the record",
        ),
        (
            "trinh_tu_thuc_hien",
            steps.is_empty(),
            "the section is empty in the record",
        ),
    ] {
        if missing {
            warn(section, message.into());
        }
    }
    Parsed {
        origin: raw.origin(),
        text_body: None,
        notes: Vec::new(),
        issuer: decisions.iter().find_map(|d| legal::issuer_of(&d.number)),
        code: raw.code.clone(),
        name,
        url,
        decisions,
        levels,
        kind,
        field,
        audience: text::split_names(raw.get("doi_tuong_thuc_hien")),
        agencies: [
            "co_quan_co_tham_quyen",
            "co_quan_thuc_hien",
            "co_quan_duoc_uy_quyen",
            "co_quan_phoi_hop",
        ]
        .map(|k| text::split_names(raw.get(k))),
        addresses: place.addresses,
        place_note: place.note,
        description,
        keywords,
        related,
        steps,
        channels: channel_rows,
        documents: groups,
        legal: legal_rows,
        conditions: text::present(raw.get("yeu_cau_dieu_kien"))
            .and_then(|c| text::present(text::without_screen_text(&c)))
            .and_then(|c| text::markdown(&c)),
        results,
    }
}

/// A web address a source gives that may be published as it is: http(s), no credentials,
/// nothing that could close an attribute or open a tag.
pub(crate) fn plain_url(url: &str) -> bool {
    crate::weburl::check(url).is_ok() && !url.contains(['"', '<', '>', '\\'])
}

/// Values that read as facts but are likely the source's slips: a time limit without a
/// unit, a fee under 1.000 đồng (its own text often says 20.000).
pub(crate) fn plausibility(
    rows: &[channels::ChannelRow],
    warn: &mut impl FnMut(&'static str, String),
) {
    for row in rows {
        if let (Some(amount), None) = (row.amount, &row.unit) {
            warn(
                "cach_thuc_thuc_hien",
                format!(
                    "`{}`: time limit `{amount}` has no unit; the page says the source gives none — check it against the announcing decision",
                    row.mode
                ),
            );
        }
        if let channels::FeeCell::Amount { amount, note, .. } = &row.fee
            && (1..1000).contains(amount)
        {
            let larger = note
                .iter()
                .chain(&row.description)
                .flat_map(|t| amounts_in(t))
                .find(|n| *n >= 1000);
            let hint = match larger {
                Some(n) => format!("; its text names {}", crate::vi::number(n)),
                None => String::new(),
            };
            warn(
                "cach_thuc_thuc_hien",
                format!(
                    "`{}`: fee of `{amount}` đồng is implausibly small{hint} — kept as the source says; check it",
                    row.mode
                ),
            );
        }
    }
}

/// Numbers written the Vietnamese way ("20.000", "1.500.000") or plainly in a text.
fn amounts_in(text: &str) -> Vec<u64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty())
        .filter_map(|t| {
            let groups: Vec<&str> = t.split('.').collect();
            let grouped = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
            if groups.len() == 1 || grouped {
                groups.concat().parse().ok()
            } else {
                None
            }
        })
        .collect()
}

/// The catalogue keys known and made during one import.
pub(crate) struct Keys {
    pub levels: Names,
    pub fields: Names,
    pub agencies: Names,
    pub offices: Names,
    pub kinds: Names,
    pub audiences: Names,
    pub channels: Names,
    pub units: Names,
    /// New entries per catalogue: (key, name).
    pub new: BTreeMap<Kind, Vec<(String, String)>>,
}

impl Keys {
    fn new(c: &Catalog) -> Keys {
        let terms =
            |t: &[catalog::Term]| Names::new(t.iter().map(|t| (t.key.as_str(), t.label.as_str())));
        let mut levels = Names::new(c.levels.iter().map(|l| (l.key.as_str(), l.name.as_str())));
        // "Cấp tỉnh" and "Tỉnh" name the same level.
        for l in &c.levels {
            levels.alias(&l.name.replace("Cấp ", ""), &l.key);
        }
        Keys {
            levels,
            fields: Names::new(c.fields.iter().map(|f| (f.key.as_str(), f.name.as_str()))),
            agencies: Names::new(c.agencies.iter().map(|a| (a.key.as_str(), a.name.as_str()))),
            offices: Names::new(
                c.offices
                    .iter()
                    .map(|o| (o.key.as_str(), o.address.as_str()))
                    .chain(c.offices.iter().map(|o| (o.key.as_str(), o.name.as_str()))),
            ),
            kinds: terms(&c.vocabulary.kinds),
            audiences: terms(&c.vocabulary.audiences),
            channels: terms(&c.vocabulary.channels),
            units: terms(&c.vocabulary.time_units),
            new: BTreeMap::new(),
        }
    }

    /// The key of the entry named `name`, made (and recorded as new) when there is none.
    pub fn key(&mut self, kind: Kind, name: &str) -> String {
        let names = match kind {
            Kind::Level => &mut self.levels,
            Kind::Field => &mut self.fields,
            Kind::Agency => &mut self.agencies,
            Kind::Office => &mut self.offices,
            Kind::ProcedureKind => &mut self.kinds,
            Kind::Audience => &mut self.audiences,
            Kind::Channel => &mut self.channels,
            Kind::TimeUnit | Kind::FeeKind => &mut self.units,
        };
        let new = self.new.entry(kind).or_default();
        let key_name = match kind {
            // "Cấp bộ" → `bo`, like the site's `tinh` and `xa`.
            Kind::Level => name.strip_prefix("Cấp ").unwrap_or(name),
            _ => name,
        };
        names.key_named(name, key_name, new)
    }
}

/// Same name after folding case, diacritics, spacing and punctuation, or one name's words
/// all in the other (the list says "Đăng ký khai tử", the record "Thủ tục đăng ký khai tử").
pub fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        crate::vi::fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "thu" && *w != "tuc")
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_subset(&b) || b.is_subset(&a) {
        return true;
    }
    let shared = a.intersection(&b).count();
    shared * 10 >= a.union(&b).count() * 8
}

pub fn import(options: &Options) -> Result<Report, NationalError> {
    apply::run(options, |report| {
        let records = read::read(&options.source).map_err(NationalError::Records)?;
        Ok(records
            .iter()
            .map(|raw| parse(raw, &mut report.warnings, &mut report.counts))
            .collect())
    })
}
