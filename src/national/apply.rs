//! Parsed procedures (from records or the database's Excel export) into the site: catalogue
//! keys given, new files made and existing ones merged, then everything written into a
//! staged copy of `content/` and checked with the build's own loader and validation. A
//! procedure whose file would not build is written again with the offending tables kept
//! as readable text (a warning says which); only a site that checks is published, in one
//! step. Nothing the import writes is a file the build refuses.

use super::{Keys, NationalError, Options, Parsed, Report, Warning, write};
use crate::catalog::Catalog;
use crate::import::stage::{self, Stage};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How far a procedure's tables are reduced to text before its file builds.
const LADDER: [&str; 3] = [
    "the document table is kept as text",
    "the document and channel tables are kept as text",
    "every table is kept as text below the front matter",
];

struct Planned {
    index: usize,
    relative: PathBuf,
    /// The existing file's text, when it is merged.
    old: Option<String>,
    text: String,
    /// The step of [`LADDER`] applied, 0 for none.
    reduced: usize,
}

/// One import: the site locked and its catalogue read, the source parsed by `parse`, then
/// applied.
pub fn run(
    settings: &Options,
    parse: impl FnOnce(&mut Report) -> Result<Vec<Parsed>, NationalError>,
) -> Result<Report, NationalError> {
    with_site(&settings.root, |catalog| {
        let mut report = Report::default();
        let parsed = parse(&mut report)?;
        apply(settings, &catalog, parsed, &mut report)?;
        Ok(report)
    })
}

/// Locks the site, reads its catalogue and hands both to `run`.
pub fn with_site<T>(
    root: &Path,
    run: impl FnOnce(Catalog) -> Result<T, NationalError>,
) -> Result<T, NationalError> {
    stage::refuse_links(root).map_err(|m| NationalError::Records(vec![m]))?;
    let _lock = stage::lock(root).map_err(io_error)?;
    let mut diags = crate::diagnostic::Diagnostics::new();
    match crate::catalog::load(root, &mut diags) {
        Some(c) if !diags.has_errors() => run(c),
        _ => Err(NationalError::Catalog(diags)),
    }
}

pub(crate) fn io_error((path, e): (PathBuf, std::io::Error)) -> NationalError {
    NationalError::Io {
        path,
        message: e.to_string(),
    }
}

/// Plans, checks, repairs and publishes `parsed` into the site.
pub fn apply(
    settings: &Options,
    catalog: &Catalog,
    mut parsed: Vec<Parsed>,
    report: &mut Report,
) -> Result<(), NationalError> {
    let root = settings.root.as_path();
    let mut keys = Keys::new(catalog);
    if !settings.levels.is_empty() {
        parsed.retain(|p| {
            let keep = at_levels(p, &keys, &settings.levels, catalog);
            if !keep {
                report.not_at_levels.push(p.code.clone());
            }
            keep
        });
    }
    same_names(&parsed, &mut report.warnings);
    for p in &mut parsed {
        prose_names(p, &mut report.warnings);
    }
    let dir = root.join(crate::load::PROCEDURES_DIR);
    let existing = crate::import::existing_files(&dir);
    let first_level = catalog.levels.first().map(|l| l.name.clone());
    let mut planned: Vec<Planned> = Vec::new();
    for (index, p) in parsed.iter().enumerate() {
        let front = write::front_matter(p, &mut keys, first_level.as_deref(), settings.today);
        match existing.get(&p.code) {
            None => {
                let relative =
                    Path::new(crate::load::PROCEDURES_DIR).join(format!("{}.md", p.code));
                planned.push(Planned {
                    index,
                    relative,
                    old: None,
                    text: write::new_file(&front, p),
                    reduced: 0,
                });
                report.created.push(p.code.clone());
            }
            Some(path) => {
                let old = std::fs::read_to_string(path).map_err(|e| NationalError::Io {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                let merged = write::merge(&old, &front).map_err(|message| NationalError::File {
                    path: path.clone(),
                    message,
                })?;
                if !super::same_name(&merged.old_name, &p.name) {
                    report.conflicts.push(format!(
                        "{}: the source names {} `{}`, the catalogue `{}`; not applied — check the source, then correct the name in {} to import it",
                        p.origin,
                        p.code,
                        crate::diagnostic::excerpt(&p.name),
                        crate::diagnostic::excerpt(&merged.old_name),
                        crate::diagnostic::display_path(root, path).display()
                    ));
                    continue;
                }
                match merged.text {
                    Some(text) if settings.update => {
                        let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                        planned.push(Planned {
                            index,
                            relative,
                            old: Some(old),
                            text,
                            reduced: 0,
                        });
                        report.updated.push((p.code.clone(), merged.changed));
                    }
                    _ => report.unchanged.push(p.code.clone()),
                }
            }
        }
    }
    let mut catalogues = catalogue_texts(root, &keys);
    if planned.is_empty() && catalogues.is_empty() {
        return Ok(());
    }
    let stage = Stage::new(root).map_err(io_error)?;
    for p in &planned {
        stage.write(&p.relative, &p.text).map_err(io_error)?;
    }
    for (file, text) in &catalogues {
        stage.write(Path::new(file), text).map_err(io_error)?;
    }
    // Check; reduce what does not build, step by step; check again.
    loop {
        let failing = stage.errors_in(|relative| {
            planned.iter().any(|p| p.relative == relative)
                || catalogues.keys().any(|file| Path::new(file) == relative)
        });
        if failing.is_empty() {
            break;
        }
        let mut unrepaired = Vec::new();
        for (relative, messages) in &failing {
            let Some(plan) = planned.iter_mut().find(|p| &p.relative == relative) else {
                unrepaired.push(format!("{}: {}", relative.display(), messages.join("; ")));
                continue;
            };
            if plan.reduced == LADDER.len() {
                unrepaired.push(format!("{}: {}", relative.display(), messages.join("; ")));
                continue;
            }
            plan.reduced += 1;
            let mut reduced = parsed[plan.index].clone();
            reduce(&mut reduced, plan.reduced);
            let front =
                write::front_matter(&reduced, &mut keys, first_level.as_deref(), settings.today);
            plan.text = match &plan.old {
                None => write::new_file(&front, &reduced),
                Some(old) => write::merge(old, &front)
                    .ok()
                    .and_then(|m| m.text)
                    .unwrap_or_else(|| old.clone()),
            };
            stage.write(&plan.relative, &plan.text).map_err(io_error)?;
            report.warnings.push(Warning {
                origin: parsed[plan.index].origin.clone(),
                section: "ban_ghi",
                message: format!(
                    "{} — as structure the file would not build (`{}`)",
                    LADDER[plan.reduced - 1],
                    crate::diagnostic::excerpt(&messages.join("; "))
                ),
            });
        }
        if !unrepaired.is_empty() {
            return Err(NationalError::Unbuildable(unrepaired));
        }
        // A table kept as text may name an entry no other procedure did (the channel of a
        // table that could not be read): the catalogues are staged again with it.
        let now = catalogue_texts(root, &keys);
        if now != catalogues {
            for (file, text) in &now {
                stage.write(Path::new(file), text).map_err(io_error)?;
            }
            catalogues = now;
        }
    }
    for p in &planned {
        report.counts.reduced += usize::from(p.reduced > 0);
    }
    for (&kind, entries) in &keys.new {
        for (key, name) in entries {
            report
                .new_entries
                .push((kind.declared_in().to_string(), key.clone(), name.clone()));
        }
    }
    stage.publish().map_err(io_error)
}

/// Each catalogue file that gains entries, with its text as the import leaves it.
fn catalogue_texts(root: &Path, keys: &Keys) -> BTreeMap<&'static str, String> {
    let mut out: BTreeMap<&'static str, String> = BTreeMap::new();
    for (&kind, entries) in keys.new.iter().filter(|(_, e)| !e.is_empty()) {
        let file = kind.declared_in();
        let text = out
            .entry(file)
            .or_insert_with(|| std::fs::read_to_string(root.join(file)).unwrap_or_default());
        *text = write::append_entries(text, kind, entries);
    }
    out
}

/// `p` with its tables reduced to text, as far as `step` of [`LADDER`].
fn reduce(p: &mut Parsed, step: usize) {
    use super::documents::{Group, RowKind};
    let escape = super::text::escape_markdown;
    if step >= 1 && !p.documents.is_empty() {
        let mut lines = Vec::new();
        for g in &p.documents {
            if let Some(t) = &g.title {
                lines.push(format!("**{}**", escape(t)));
            }
            for r in &g.rows {
                let count = match (r.kind, r.originals, r.copies) {
                    (RowKind::Document, o, c) if o > 0 || c > 0 => {
                        format!(" ({o} bản chính, {c} bản sao)")
                    }
                    _ => String::new(),
                };
                lines.push(format!("- {}{count}", escape(&r.name)));
            }
            if let Some(n) = &g.notes {
                lines.push(n.clone());
            }
        }
        p.documents = vec![Group {
            title: None,
            notes: Some(lines.join("\n\n")),
            rows: Vec::new(),
        }];
    }
    if step >= 2 && !p.channels.is_empty() {
        let text = p
            .channels
            .iter()
            .map(|c| format!("- {}", escape(&c.as_text())))
            .collect::<Vec<_>>()
            .join("\n");
        p.channels = vec![super::channels::ChannelRow {
            description: Some(text),
            ..Default::default()
        }];
    }
    if step >= 3 {
        let mut body = Vec::new();
        let mut section = |title: &str, lines: Vec<String>| {
            if !lines.is_empty() {
                body.push(format!("**{title}**\n\n{}", lines.join("\n")));
            }
        };
        section(
            "Trình tự thực hiện",
            p.steps.iter().map(|s| format!("- {s}")).collect(),
        );
        section(
            "Cách thức thực hiện",
            p.channels
                .iter()
                .filter_map(|c| c.description.clone())
                .collect(),
        );
        section(
            "Thành phần hồ sơ",
            p.documents.iter().filter_map(|g| g.notes.clone()).collect(),
        );
        section(
            "Kết quả thực hiện",
            p.results
                .iter()
                .map(|r| format!("- {}", escape(&r.name)))
                .collect(),
        );
        section(
            "Căn cứ pháp lý",
            p.legal
                .iter()
                .map(|l| {
                    format!(
                        "- {}{}",
                        escape(&l.title),
                        l.number
                            .as_deref()
                            .map(|n| format!(" ({})", escape(n)))
                            .unwrap_or_default()
                    )
                })
                .collect(),
        );
        if let Some(c) = p.conditions.take() {
            section("Yêu cầu, điều kiện", vec![c]);
        }
        p.steps.clear();
        p.channels.clear();
        p.documents.clear();
        p.results.clear();
        p.legal.clear();
        p.text_body = Some(body.join("\n\n"));
    }
}

/// Names longer than a catalogue name may be (agencies, audiences, a field or a kind that
/// the source wrote as a paragraph) do not become catalogue entries: they stay the
/// procedure's text, under their label, with a warning.
fn prose_names(p: &mut Parsed, warnings: &mut Vec<Warning>) {
    let max = crate::catalog::NAME_MAX;
    let long = |n: &String| n.chars().count() > max;
    let mut moved: Vec<(&'static str, &'static str, String)> = Vec::new();
    let [competent, executing, delegated, cooperating] = &mut p.agencies;
    for (list, section, label) in [
        (competent, "co_quan_co_tham_quyen", "Cơ quan có thẩm quyền"),
        (executing, "co_quan_thuc_hien", "Cơ quan thực hiện"),
        (delegated, "co_quan_duoc_uy_quyen", "Cơ quan được ủy quyền"),
        (cooperating, "co_quan_phoi_hop", "Cơ quan phối hợp"),
        (
            &mut p.audience,
            "doi_tuong_thuc_hien",
            "Đối tượng thực hiện",
        ),
    ] {
        for text in list.iter().filter(|n| long(n)) {
            moved.push((section, label, text.clone()));
        }
        list.retain(|n| !long(n));
    }
    for (value, section, label) in [
        (&mut p.field, "linh_vuc", "Lĩnh vực"),
        (&mut p.kind, "loai_thu_tuc", "Loại thủ tục"),
    ] {
        if let Some(text) = value.take_if(|v| long(v)) {
            moved.push((section, label, text));
        }
    }
    for (section, label, text) in moved {
        warnings.push(Warning {
            origin: p.origin.clone(),
            section,
            message: format!(
                "{} characters where a name belongs: not made a catalogue entry, kept as the procedure's text (`{}`)",
                text.chars().count(),
                crate::diagnostic::excerpt(&text)
            ),
        });
        p.notes
            .push(format!("{label}: {}", super::text::escape_markdown(&text)));
    }
}

/// Is `p` carried out at one of `levels` (keys)? A record without a level counts as the
/// site's first level, as its file would.
fn at_levels(p: &Parsed, keys: &Keys, levels: &[String], catalog: &Catalog) -> bool {
    let names: Vec<&str> = if p.levels.is_empty() {
        catalog
            .levels
            .first()
            .map(|l| l.name.as_str())
            .into_iter()
            .collect()
    } else {
        p.levels.iter().map(String::as_str).collect()
    };
    names.iter().any(|name| {
        let key = keys
            .levels
            .find(name)
            .map(str::to_string)
            .unwrap_or_else(|| crate::import::key_of(name.strip_prefix("Cấp ").unwrap_or(name)));
        levels.contains(&key)
    })
}

/// Codes that carry the same name: in the source, one may hold another's content (the
/// portal has codes whose record is a copy of a neighbour's).
fn same_names(parsed: &[Parsed], warnings: &mut Vec<Warning>) {
    let mut by_name: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for p in parsed {
        by_name
            .entry(crate::vi::fold(&p.name))
            .or_default()
            .insert(p.code.as_str());
    }
    for p in parsed {
        let codes = &by_name[&crate::vi::fold(&p.name)];
        if codes.len() > 1 {
            let others: Vec<&str> = codes.iter().copied().filter(|c| *c != p.code).collect();
            warnings.push(Warning {
                origin: p.origin.clone(),
                section: "ten_thu_tuc",
                message: format!(
                    "same name as `{}`: one record may hold another procedure's content — compare them with the national database",
                    others.join(", ")
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::national::channels::{ChannelRow, FeeCell};
    use crate::national::documents::{Group, Row};

    /// A procedure whose tables, as structure, the build refuses (a document row without a
    /// name, a fee without amount or text): written with those tables as text, and the
    /// site checks.
    #[test]
    fn what_would_not_build_is_kept_as_text_and_the_site_checks() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        crate::scaffold::new_site(&root).unwrap();
        let broken = Parsed {
            origin: "test".into(),
            code: "1.999999".into(),
            name: "Cấp giấy phép thử".into(),
            documents: vec![Group {
                title: Some("Giấy tờ phải nộp".into()),
                notes: None,
                rows: vec![Row {
                    name: String::new(),
                    originals: 1,
                    ..Row::default()
                }],
            }],
            channels: vec![ChannelRow {
                mode: "Trực tiếp".into(),
                fee: FeeCell::Text(String::new()),
                amount: Some(5),
                unit: Some("Ngày làm việc".into()),
                ..ChannelRow::default()
            }],
            ..Parsed::default()
        };
        let mut report = Report::default();
        let settings = Options {
            root: root.clone(),
            source: PathBuf::new(),
            update: false,
            today: crate::date::Date::from_ymd(2026, 12, 5).unwrap(),
            levels: Vec::new(),
        };
        with_site(&root, |catalog| {
            apply(&settings, &catalog, vec![broken], &mut report)
        })
        .unwrap();
        assert_eq!(report.counts.reduced, 1);
        let said: Vec<&str> = report.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            said.iter().any(|m| m.starts_with(LADDER[1])),
            "documents, then channels, kept as text: {said:?}"
        );
        let mut diags = crate::diagnostic::Diagnostics::new();
        let checked = crate::check_site(&root, &mut diags);
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(checked.is_some() && errors.is_empty(), "{errors:?}");
        let text = std::fs::read_to_string(root.join("content/procedures/1.999999.md")).unwrap();
        assert!(text.contains("Trực tiếp: 5 Ngày làm việc"), "{text}");
    }
}
