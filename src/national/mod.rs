//! `congkhai import RECORDS`: full national procedure records (a folder of JSON files, or
//! one JSON Lines file, shaped like the portal's detail pages) into procedure files and the
//! catalogue entries they name. Each section becomes structured data where its shape allows
//! and readable text where it does not, with a warning naming the record and the section;
//! nothing is dropped silently. Every file is computed first and written only when the
//! whole import is sound, so a failed import leaves the catalogue as it was.

mod channels;
mod documents;
mod legal;
mod read;
mod steps;
pub(crate) mod text;
mod write;

use crate::catalog::{self, Catalog, Kind};
use crate::date::Date;
use crate::diagnostic::Diagnostics;
use crate::import::Names;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use read::RawRecord;

pub struct Options {
    pub root: PathBuf,
    /// A folder of `.json` records or one `.jsonl` file.
    pub records: PathBuf,
    /// Refresh procedures that exist already (only what comes from the national record).
    pub update: bool,
    pub today: Date,
}

#[derive(Debug, thiserror::Error)]
pub enum NationalError {
    #[error("the records cannot be imported:\n  {}", .0.join("\n  "))]
    Records(Vec<String>),
    #[error("the site's catalogues have errors; run `congkhai check` first")]
    Catalog(Diagnostics),
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
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
    /// New catalogue entries: (catalogue file, key, name).
    pub new_entries: Vec<(String, String, String)>,
    pub warnings: Vec<Warning>,
    pub counts: Counts,
}

/// One record's sections parsed, before catalogue keys are given.
#[derive(Debug, Default)]
pub struct Parsed {
    pub code: String,
    pub name: String,
    pub url: Option<String>,
    pub issuer: Option<String>,
    pub decisions: Vec<String>,
    pub levels: Vec<String>,
    pub kind: Option<String>,
    pub field: Option<String>,
    pub audience: Vec<String>,
    /// Competent, executing, delegated, cooperating.
    pub agencies: [Vec<String>; 4],
    pub addresses: Vec<String>,
    pub related: Vec<String>,
    pub steps: Vec<String>,
    pub channels: Vec<channels::ChannelRow>,
    pub documents: Vec<documents::Group>,
    pub legal: Vec<legal::Legal>,
    pub conditions: Option<String>,
    pub results: Vec<legal::Outcome>,
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
    let results = legal::results(raw.get("ket_qua_xu_ly"));
    counts.results += results.len();
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
        issuer: decisions.iter().find_map(|d| legal::issuer_of(d)),
        code: raw.code.clone(),
        name,
        url: text::present(raw.get("detail_url"))
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(|u| text::one_line(&u)),
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
        addresses: text::present(raw.get("dia_chi_tiep_nhan"))
            .map(|a| {
                a.split(['\n', ';'])
                    .map(text::one_line)
                    .filter(|a| text::present(a).is_some())
                    .collect()
            })
            .unwrap_or_default(),
        related,
        steps,
        channels: channel_rows,
        documents: groups,
        legal: legal_rows,
        conditions: text::markdown(
            &text::present(raw.get("yeu_cau_dieu_kien")).unwrap_or_default(),
        ),
        results,
    }
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
    let root = &options.root;
    let mut diags = Diagnostics::new();
    let catalog = match catalog::load(root, &mut diags) {
        Some(c) if !diags.has_errors() => c,
        _ => return Err(NationalError::Catalog(diags)),
    };
    let records = read::read(&options.records).map_err(NationalError::Records)?;
    let mut report = Report::default();
    let mut keys = Keys::new(&catalog);
    let dir = root.join(crate::load::PROCEDURES_DIR);
    let existing = crate::import::existing_files(&dir);
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let first_level = catalog.levels.first().map(|l| l.name.clone());
    for raw in &records {
        let parsed = parse(raw, &mut report.warnings, &mut report.counts);
        let front = write::front_matter(&parsed, &mut keys, first_level.as_deref(), options.today);
        match existing.get(&raw.code) {
            None => {
                let path = dir.join(format!("{}.md", raw.code));
                writes.push((path, write::new_file(&front, &parsed)));
                report.created.push(raw.code.clone());
            }
            Some(path) => {
                let old = std::fs::read_to_string(path).map_err(|e| NationalError::File {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                let merged = write::merge(&old, &front).map_err(|message| NationalError::File {
                    path: path.clone(),
                    message,
                })?;
                if !same_name(&merged.old_name, &parsed.name) {
                    report.conflicts.push(format!(
                        "{}: the record names {} `{}`, the catalogue `{}`; not applied — check the record, then correct the name in {} to import it",
                        raw.origin(),
                        raw.code,
                        crate::diagnostic::excerpt(&parsed.name),
                        crate::diagnostic::excerpt(&merged.old_name),
                        crate::diagnostic::display_path(root, path).display()
                    ));
                    continue;
                }
                match merged.text {
                    Some(text) if options.update => {
                        writes.push((path.clone(), text));
                        report.updated.push((raw.code.clone(), merged.changed));
                    }
                    _ => report.unchanged.push(raw.code.clone()),
                }
            }
        }
    }
    let mut catalogues: BTreeMap<&str, String> = BTreeMap::new();
    for (&kind, entries) in &keys.new {
        if entries.is_empty() {
            continue;
        }
        let file = kind.declared_in();
        let path = root.join(file);
        let text = catalogues
            .entry(file)
            .or_insert_with(|| std::fs::read_to_string(&path).unwrap_or_default());
        *text = write::append_entries(text, kind, entries);
        for (key, name) in entries {
            report
                .new_entries
                .push((file.to_string(), key.clone(), name.clone()));
        }
    }
    for (file, text) in catalogues {
        writes.push((root.join(file), text));
    }
    write_all(&writes)?;
    Ok(report)
}

/// Writes every file through a temporary file renamed into place; the texts were all
/// made before, so a bad record never leaves half an import.
fn write_all(writes: &[(PathBuf, String)]) -> Result<(), NationalError> {
    let fail = |path: &Path, e: std::io::Error| NationalError::File {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    for (path, text) in writes {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        let temporary = path.with_extension("congkhai-import");
        std::fs::write(&temporary, text).map_err(|e| fail(&temporary, e))?;
        std::fs::rename(&temporary, path).map_err(|e| fail(path, e))?;
    }
    Ok(())
}
