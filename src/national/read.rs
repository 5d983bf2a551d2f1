//! Reading national records: a folder of JSON files (one object each, named by code) or one
//! JSON Lines file. Every problem names its file (and row for JSON Lines) and all of them
//! are reported together; a record without a valid code, or a code seen twice, stops the
//! import before anything is written.

use super::text;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One record's sections as text, and where it came from.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub file: PathBuf,
    /// The row in a JSON Lines file (1-based).
    pub row: Option<usize>,
    pub code: String,
    pub sections: BTreeMap<String, String>,
    /// Sections that were not text (an object, a list, a number) and were read as the text
    /// they hold: (section, what was found).
    pub reshaped: Vec<(String, &'static str)>,
}

impl RawRecord {
    /// "records/1.000419.json" or "records.jsonl:12".
    pub fn origin(&self) -> String {
        match self.row {
            Some(row) => format!("{}:{row}", self.file.display()),
            None => self.file.display().to_string(),
        }
    }

    pub fn get(&self, key: &str) -> &str {
        self.sections.get(key).map_or("", String::as_str)
    }
}

/// The records below `path`, sorted by code, or every problem found.
pub fn read(path: &Path) -> Result<Vec<RawRecord>, Vec<String>> {
    let mut problems = Vec::new();
    let mut records = Vec::new();
    if path.is_dir() {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
            // A records folder is the user's input, not the site: ministry folders that are
            // links to where the crawl was saved are read like folders.
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "jsonl"))
            .collect();
        files.sort();
        if files.is_empty() {
            problems.push(format!("{}: no .json or .jsonl files", path.display()));
        }
        for file in files {
            read_file(&file, &mut records, &mut problems);
        }
    } else {
        read_file(path, &mut records, &mut problems);
    }
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for r in &records {
        if let Some(other) = first.get(&r.code) {
            problems.push(format!(
                "{}: code {} is also in {other}; each procedure once",
                r.origin(),
                r.code
            ));
        } else {
            first.insert(r.code.clone(), r.origin());
        }
    }
    if problems.is_empty() {
        records.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(records)
    } else {
        Err(problems)
    }
}

fn read_file(file: &Path, records: &mut Vec<RawRecord>, problems: &mut Vec<String>) {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return problems.push(format!("{}: {e}", file.display())),
    };
    let Ok(content) = String::from_utf8(bytes) else {
        return problems.push(format!("{}: not UTF-8 text", file.display()));
    };
    let content = content.trim_start_matches('\u{feff}');
    let lines = file.extension().is_some_and(|e| e == "jsonl");
    if lines {
        for (n, line) in content.lines().enumerate() {
            if !line.trim().is_empty() {
                record(file, Some(n + 1), line, records, problems);
            }
        }
    } else {
        record(file, None, content, records, problems);
    }
}

fn record(
    file: &Path,
    row: Option<usize>,
    json: &str,
    records: &mut Vec<RawRecord>,
    problems: &mut Vec<String>,
) {
    let origin = match row {
        Some(row) => format!("{}:{row}", file.display()),
        None => file.display().to_string(),
    };
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            let at = match row {
                Some(_) => format!("{origin}:{}", e.column()),
                None => format!("{origin}:{}:{}", e.line(), e.column()),
            };
            return problems.push(format!("{at}: not valid JSON: {e}"));
        }
    };
    let serde_json::Value::Object(map) = value else {
        return problems.push(format!("{origin}: expected a JSON object (one record)"));
    };
    let mut reshaped = Vec::new();
    let sections: BTreeMap<String, String> = map
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(_) => {
                    reshaped.push((k.clone(), "a true/false value"));
                    String::new()
                }
                other => {
                    reshaped.push((
                        k.clone(),
                        if other.is_object() {
                            "an object"
                        } else {
                            "a list"
                        },
                    ));
                    let mut texts = Vec::new();
                    strings_in(&other, &mut texts);
                    texts.join("\n")
                }
            };
            (k, text)
        })
        .collect();
    let code = sections
        .get("ma_thu_tuc")
        .map(|c| text::one_line(c))
        .unwrap_or_default();
    if code.is_empty() {
        return problems.push(format!("{origin}: no `ma_thu_tuc` (procedure code)"));
    }
    if !crate::procedure::is_valid_code(&code) {
        return problems.push(format!(
            "{origin}: `{}` is not a national procedure code like 1.001193",
            crate::diagnostic::excerpt(&code)
        ));
    }
    if sections
        .get("ten_thu_tuc")
        .and_then(|n| text::present(n))
        .is_none()
    {
        return problems.push(format!(
            "{origin}: record {code} has no name (`ten_thu_tuc`)"
        ));
    }
    records.push(RawRecord {
        file: file.to_path_buf(),
        row,
        code,
        sections,
        reshaped,
    });
}

/// The strings inside a JSON value, in order: a section that came as an object or a list is
/// read as the text it holds, never as JSON syntax on a page.
fn strings_in(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        serde_json::Value::Null | serde_json::Value::Bool(_) => {}
    }
}
