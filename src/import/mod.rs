//! `congkhai import`: starts or refreshes a catalogue from the list the National Public
//! Service Portal exports ("DANH SÁCH THỦ TỤC HÀNH CHÍNH": a title block, then the header
//! `Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực`, several agencies per
//! cell on separate lines). Writes one procedure file per row and adds the fields and
//! agencies they name, with ASCII keys made from the Vietnamese names. Never overwrites a
//! procedure file; `--update` changes only the imported fields of existing ones.

use crate::catalog::{self, Catalog};
use crate::date::Date;
use crate::diagnostic::Diagnostics;
use crate::vi;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {message}")]
    List { path: PathBuf, message: String },
    #[error("the site's catalogues have errors; run `congkhai check` first")]
    Catalog(Diagnostics),
    #[error("level `{0}` is not declared in content/catalog/levels.toml")]
    UnknownLevel(String),
    #[error("kind `{0}` is not declared in content/catalog/vocabulary.toml")]
    UnknownKind(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One procedure of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row number in the spreadsheet (1-based), for messages.
    pub line: usize,
    pub code: String,
    pub name: String,
    pub issuer: String,
    pub agencies: Vec<String>,
    /// The first is the procedure's field; a multi-line cell lists further ones.
    pub fields: Vec<String>,
}

pub struct Options {
    pub root: PathBuf,
    pub list: PathBuf,
    /// Level key for new procedures (the list does not say); default: the first level.
    pub level: Option<String>,
    /// Kind key for new procedures; default: the first kind.
    pub kind: Option<String>,
    pub update: bool,
    pub today: Date,
}

#[derive(Debug, Default)]
pub struct Report {
    pub created: Vec<String>,
    pub updated: Vec<String>,
    /// Codes whose file exists and was left as it was.
    pub kept: Vec<String>,
    pub new_fields: Vec<(String, String)>,
    pub new_agencies: Vec<(String, String)>,
    /// Rows that could not be imported, with the reason.
    pub skipped: Vec<String>,
    /// What was imported but not all of it (a paragraph where an agency's name belongs).
    pub warnings: Vec<String>,
}

/// Reads the rows of a list (`.xlsx` or `.csv`).
pub fn read_list(path: &Path) -> Result<(Vec<Row>, Vec<String>), ImportError> {
    let fail = |message: String| ImportError::List {
        path: path.to_path_buf(),
        message,
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let table: Vec<Vec<String>> = match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => {
            use calamine::Reader;
            if extension != "xls" {
                crate::national::export::check_size(path).map_err(fail)?;
            }
            let mut workbook =
                calamine::open_workbook_auto(path).map_err(|e| fail(e.to_string()))?;
            let range = workbook
                .worksheet_range_at(0)
                .ok_or_else(|| fail("the workbook has no sheet".into()))?
                .map_err(|e| fail(e.to_string()))?;
            range
                .rows()
                .map(|row| row.iter().map(|cell| cell.to_string()).collect())
                .collect()
        }
        "csv" => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(path)
                .map_err(|e| fail(e.to_string()))?;
            reader
                .records()
                .map(|r| r.map(|rec| rec.iter().map(str::to_string).collect()))
                .collect::<Result<_, _>>()
                .map_err(|e| fail(e.to_string()))?
        }
        _ => return Err(fail("expected a .xlsx or .csv file".into())),
    };
    rows_of(&table).map_err(fail)
}

/// One cell on one line: NFC, spaces folded (the record importer's rule for free text).
fn clean(text: &str) -> String {
    crate::national::text::one_line(text)
}

/// Finds the header row and reads the rows below it. Returns the rows and the problems
/// of rows that were skipped.
pub fn rows_of(table: &[Vec<String>]) -> Result<(Vec<Row>, Vec<String>), String> {
    let folded = |cell: &str| vi::fold(&clean(cell));
    let header_at = table
        .iter()
        .position(|row| row.iter().any(|c| folded(c) == "ma so"))
        .ok_or("no header row with `Mã số` found")?;
    let header: Vec<String> = table[header_at].iter().map(|c| folded(c)).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(code), Some(name)) = (column("ma so"), column("ten")) else {
        return Err("the header needs the columns `Mã số` and `Tên`".into());
    };
    let (issuer, agencies, field) = (
        column("co quan ban hanh"),
        column("co quan thuc hien"),
        column("linh vuc"),
    );
    let cell = |row: &[String], at: Option<usize>| {
        at.and_then(|i| row.get(i))
            .map_or(String::new(), |c| clean(c))
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, row) in table.iter().enumerate().skip(header_at + 1) {
        let line = i + 1;
        let code_text = cell(row, Some(code));
        if code_text.is_empty() && row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if !crate::procedure::is_valid_code(&code_text) {
            problems.push(format!(
                "row {line}: `{code_text}` is not a procedure code like 1.001193; skipped"
            ));
            continue;
        }
        if !seen.insert(code_text.clone()) {
            problems.push(format!(
                "row {line}: code {code_text} appears twice; the first row is kept"
            ));
            continue;
        }
        let lines_of = |at: Option<usize>| -> Vec<String> {
            at.and_then(|i| row.get(i))
                .map(|c| c.lines().map(clean).filter(|a| !a.is_empty()).collect())
                .unwrap_or_default()
        };
        rows.push(Row {
            line,
            code: code_text,
            name: cell(row, Some(name)),
            issuer: cell(row, issuer),
            agencies: lines_of(agencies),
            fields: lines_of(field),
        });
    }
    Ok((rows, problems))
}

/// The longest key an import invents. Keys become part of printed addresses
/// (`https://tthc.example.gov.vn/noi-tiep-nhan/<key>/`): at 18 characters such an address
/// stays within a version 4 QR code at error correction M (62 bytes).
pub const KEY_MAX: usize = 18;

/// A catalogue key from a Vietnamese name: folded, ASCII words joined by hyphens, at most
/// [`KEY_MAX`] characters, cut at a word.
/// Long names of the administration are shortened the way Vietnamese officials write them
/// ("Ủy ban nhân dân" → UBND), before the key is cut to length.
pub fn key_of(name: &str) -> String {
    const ABBREVIATIONS: [(&str, &str); 8] = [
        ("trung tam phuc vu hanh chinh cong", "ttpvhcc"),
        ("vien kiem sat nhan dan", "vksnd"),
        ("hoi dong nhan dan", "hdnd"),
        ("thi hanh an dan su", "thads"),
        ("uy ban nhan dan", "ubnd"),
        ("toa an nhan dan", "tand"),
        ("thanh pho", "tp"),
        ("trung uong", "tw"),
    ];
    let folded = vi::fold(name);
    let mut spaced: String = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    for (long, short) in ABBREVIATIONS {
        if spaced.len() > KEY_MAX {
            spaced = format!(" {spaced} ").replace(&format!(" {long} "), &format!(" {short} "));
            spaced = spaced.trim().to_string();
        }
    }
    let words: Vec<&str> = spaced.split(' ').filter(|w| !w.is_empty()).collect();
    let mut key = String::new();
    for word in words {
        if !key.is_empty() && key.len() + 1 + word.len() > KEY_MAX {
            break;
        }
        let word = &word[..word.len().min(KEY_MAX)];
        if !key.is_empty() {
            key.push('-');
        }
        key.push_str(word);
    }
    if key.is_empty() {
        "khac".to_string()
    } else {
        key
    }
}

/// Keys of one catalogue by folded name, and the keys taken.
pub(crate) struct Names {
    by_name: BTreeMap<String, String>,
    taken: BTreeSet<String>,
}

impl Names {
    pub(crate) fn new<'a>(entries: impl Iterator<Item = (&'a str, &'a str)>) -> Names {
        let mut names = Names {
            by_name: BTreeMap::new(),
            taken: BTreeSet::new(),
        };
        for (key, name) in entries {
            names.by_name.insert(fold_name(name), key.to_string());
            names.taken.insert(key.to_string());
        }
        names
    }

    /// The key declared for `name`, if any.
    pub(crate) fn find(&self, name: &str) -> Option<&str> {
        self.by_name.get(&fold_name(name)).map(String::as_str)
    }

    /// Another name for an existing key.
    pub(crate) fn alias(&mut self, name: &str, key: &str) {
        self.by_name
            .entry(vi::fold(name))
            .or_insert_with(|| key.to_string());
    }

    /// The key of `name`, making a new one (reported in `new`) when it is not declared.
    pub(crate) fn key(&mut self, name: &str, new: &mut Vec<(String, String)>) -> String {
        self.key_named(name, name, new)
    }

    /// As [`Names::key`], a new key made from `key_source` rather than the name.
    pub(crate) fn key_named(
        &mut self,
        name: &str,
        key_source: &str,
        new: &mut Vec<(String, String)>,
    ) -> String {
        let folded = fold_name(name);
        if let Some(key) = self.by_name.get(&folded) {
            return key.clone();
        }
        let base = key_of(key_source);
        let mut key = base.clone();
        let mut n = 2;
        while self.taken.contains(&key) {
            let suffix = format!("-{n}");
            let stem = base[..base.len().min(KEY_MAX - suffix.len())].trim_end_matches('-');
            key = format!("{stem}{suffix}");
            n += 1;
        }
        self.by_name.insert(folded, key.clone());
        self.taken.insert(key.clone());
        new.push((key.clone(), name.to_string()));
        key
    }
}

/// A name folded for comparison: case, diacritics, spacing and punctuation do not count.
fn fold_name(name: &str) -> String {
    vi::fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub fn import(options: &Options) -> Result<Report, ImportError> {
    let root = &options.root;
    stage::refuse_links(root).map_err(|message| ImportError::List {
        path: root.join(crate::load::PROCEDURES_DIR),
        message,
    })?;
    let _lock = stage::lock(root).map_err(|(path, source)| ImportError::Io { path, source })?;
    let mut diags = Diagnostics::new();
    let catalog = catalog::load(root, &mut diags);
    let catalog: Catalog = match catalog {
        Some(c) if !diags.has_errors() => c,
        _ => return Err(ImportError::Catalog(diags)),
    };
    let level = match &options.level {
        Some(l) if catalog.level(l).is_none() => return Err(ImportError::UnknownLevel(l.clone())),
        Some(l) => l.clone(),
        None => catalog
            .levels
            .first()
            .map(|l| l.key.clone())
            .ok_or_else(|| ImportError::UnknownLevel(String::new()))?,
    };
    let kind = match &options.kind {
        Some(k) if !catalog.contains(catalog::Kind::ProcedureKind, k) => {
            return Err(ImportError::UnknownKind(k.clone()));
        }
        Some(k) => k.clone(),
        None => catalog
            .vocabulary
            .kinds
            .first()
            .map(|k| k.key.clone())
            .ok_or_else(|| ImportError::UnknownKind(String::new()))?,
    };
    let (rows, skipped) = read_list(&options.list)?;
    let mut report = Report {
        skipped,
        ..Report::default()
    };
    let mut fields = Names::new(
        catalog
            .fields
            .iter()
            .map(|f| (f.key.as_str(), f.name.as_str())),
    );
    let mut agencies = Names::new(
        catalog
            .agencies
            .iter()
            .map(|a| (a.key.as_str(), a.name.as_str())),
    );
    let dir = root.join(crate::load::PROCEDURES_DIR);
    let existing = existing_files(&dir);
    // Every file is made first, then written into a staged copy of `content/` that takes
    // its place in one step (see `stage`).
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    for row in &rows {
        let mut field_keys: Vec<String> = Vec::new();
        for name in row
            .fields
            .iter()
            .filter(|n| n.chars().count() <= catalog::NAME_MAX)
        {
            let key = fields.key(name, &mut report.new_fields);
            if !field_keys.contains(&key) {
                field_keys.push(key);
            }
        }
        if field_keys.is_empty() {
            field_keys.push(fields.key("Khác", &mut report.new_fields));
        }
        let mut agency_keys: Vec<String> = Vec::new();
        for name in &row.agencies {
            // A paragraph in the agencies' cell is not an agency's name.
            let length = name.chars().count();
            if length > catalog::NAME_MAX {
                report.warnings.push(format!(
                    "row {}: {length} characters where an agency's name belongs (`{}`); not made an agency",
                    row.line,
                    crate::diagnostic::excerpt(name)
                ));
                continue;
            }
            let key = agencies.key(name, &mut report.new_agencies);
            if !agency_keys.contains(&key) {
                agency_keys.push(key);
            }
        }
        match existing.get(&row.code) {
            Some(path) if options.update => {
                let text = update_file(path, row, &field_keys, &agency_keys)?;
                let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                writes.push((relative, text));
                report.updated.push(row.code.clone());
            }
            Some(_) => report.kept.push(row.code.clone()),
            None => {
                let relative =
                    Path::new(crate::load::PROCEDURES_DIR).join(format!("{}.md", row.code));
                let text = new_file(row, &field_keys, &level, &kind, &agency_keys, options.today);
                writes.push((relative, text));
                report.created.push(row.code.clone());
            }
        }
    }
    for (file, table, entries) in [
        ("fields.toml", "field", &report.new_fields),
        ("agencies.toml", "agency", &report.new_agencies),
    ] {
        let relative = Path::new(catalog::CATALOG_DIR).join(file);
        if let Some(text) = append_entries(&root.join(&relative), table, entries) {
            writes.push((relative, text));
        }
    }
    if writes.is_empty() {
        return Ok(report);
    }
    let staged =
        stage::Stage::new(root).map_err(|(path, source)| ImportError::Io { path, source })?;
    for (relative, text) in &writes {
        staged
            .write(relative, text)
            .map_err(|(path, source)| ImportError::Io { path, source })?;
    }
    // Checked as the build checks it: a list never leaves a file the build refuses.
    let failing = staged.errors_in(|relative| writes.iter().any(|(w, _)| w == relative));
    if let Some((file, messages)) = failing.into_iter().next() {
        return Err(ImportError::List {
            path: file,
            message: format!(
                "the import would write a file the build refuses; nothing was written: {}",
                messages.join("; ")
            ),
        });
    }
    staged
        .publish()
        .map_err(|(path, source)| ImportError::Io { path, source })?;
    Ok(report)
}

/// Procedure files below `dir` by file name (the code), wherever they sit.
pub(crate) fn existing_files(dir: &Path) -> BTreeMap<String, PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| {
            let stem = e.path().file_stem()?.to_string_lossy().into_owned();
            Some((stem, e.into_path()))
        })
        .collect()
}

fn new_file(
    row: &Row,
    fields: &[String],
    level: &str,
    kind: &str,
    agencies: &[String],
    today: Date,
) -> String {
    let list = |keys: &[String]| {
        keys.iter()
            .map(|k| quoted(k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let issuer = if row.issuer.is_empty() {
        String::new()
    } else {
        format!(" Cơ quan ban hành: {}.", row.issuer)
    };
    format!(
        "+++\n# Nhập từ danh sách thủ tục của Cổng Dịch vụ công quốc gia (dòng {line}).{issuer}\n\
         # Cần bổ sung: cấp thực hiện, nơi tiếp nhận, cách thức thực hiện, thành phần hồ sơ, trình tự.\n\
         code = {code}\nname = {name}\nfield = {field}\n{other_fields}levels = [{level}]\nkind = {kind}\n\
         online = \"unknown\"\nupdated = {today}\n\n[agencies]\nexecuting = [{agencies}]\n+++\n",
        line = row.line,
        code = quoted(&row.code),
        name = quoted(&row.name),
        field = quoted(&fields[0]),
        other_fields = if fields.len() > 1 {
            format!("other_fields = [{}]\n", list(&fields[1..]))
        } else {
            String::new()
        },
        level = quoted(level),
        kind = quoted(kind),
        today = today.to_iso(),
        agencies = list(agencies),
    )
}

/// An existing file with its name, field and executing agencies set; the rest stays as
/// written.
fn update_file(
    path: &Path,
    row: &Row,
    fields: &[String],
    agencies: &[String],
) -> Result<String, ImportError> {
    // Files saved on Windows have CRLF line endings; `build` accepts them, so does this.
    let text = std::fs::read_to_string(path)
        .map_err(io(path))?
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n");
    let bad = |message: &str| ImportError::List {
        path: path.to_path_buf(),
        message: message.to_string(),
    };
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| bad("no front matter"))?;
    let end = rest
        .find("\n+++")
        .ok_or_else(|| bad("front matter is not closed"))?;
    let mut doc: toml_edit::DocumentMut = rest[..end + 1]
        .parse()
        .map_err(|e: toml_edit::TomlError| bad(&e.to_string()))?;
    doc["name"] = toml_edit::value(row.name.as_str());
    doc["field"] = toml_edit::value(fields[0].as_str());
    if fields.len() > 1 {
        doc["other_fields"] = toml_edit::value(fields[1..].iter().collect::<toml_edit::Array>());
    } else if let Some(others) = doc.get_mut("other_fields").and_then(|o| o.as_array_mut()) {
        // The province's other fields stay, but never the field itself.
        others.retain(|v| v.as_str() != Some(fields[0].as_str()));
        if others.is_empty() {
            doc.remove("other_fields");
        }
    }
    let mut array = toml_edit::Array::new();
    for a in agencies {
        array.push(a.as_str());
    }
    if doc.get("agencies").is_none() {
        doc["agencies"] = toml_edit::table();
    }
    doc["agencies"]["executing"] = toml_edit::value(array);
    Ok(format!("+++\n{}{}", doc, &rest[end + 1..]))
}

/// A catalogue file's text with `entries` appended, or `None` when there are none.
fn append_entries(path: &Path, table: &str, entries: &[(String, String)]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    let mut text = std::fs::read_to_string(path).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for (key, name) in entries {
        text.push_str(&format!(
            "\n[[{table}]]\nkey = {}\nname = {}\n",
            quoted(key),
            quoted(name)
        ));
    }
    Some(text)
}

pub(crate) mod stage;

#[cfg(test)]
mod tests;
