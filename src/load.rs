//! The load stage: finds the content files of a site and parses each one on its own.
//! Cross-file checks belong to `validate`; nothing here knows about other files.

use crate::diagnostic::{Diagnostics, Location, SourceFile, TomlDoc, display_path};
use crate::procedure::ProcedureFile;
use crate::source;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const PROCEDURES_DIR: &str = "content/procedures";
pub const PAGES_DIR: &str = "content/pages";
pub const FORMS_DIR: &str = "content/forms";
/// Files copied as they are to the root of the output (favicon, robots.txt, images…).
pub const SITE_STATIC_DIR: &str = "static";

/// A parsed procedure file.
#[derive(Debug, Clone)]
pub struct LoadedProcedure {
    /// Shared, not copied, between the loads of `serve` (see [`Parsed`]).
    pub file: std::sync::Arc<SourceFile>,
    /// The file name without `.md`, which must equal the code.
    pub stem: String,
    pub record: std::sync::Arc<ProcedureFile>,
    pub toml_offset: usize,
    pub body_offset: usize,
}

impl LoadedProcedure {
    /// The front matter, for turning spans of the record into locations.
    pub fn doc(&self) -> TomlDoc<'_> {
        TomlDoc {
            file: &self.file,
            offset: self.toml_offset,
        }
    }

    pub fn body(&self) -> &str {
        &self.file.text[self.body_offset..]
    }
}

/// Front matter of a free-standing page (`content/pages/<slug>.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Position in the main menu; pages without it are not in the menu.
    #[serde(default)]
    pub menu_order: Option<u32>,
}

#[derive(Debug)]
pub struct LoadedPage {
    pub file: SourceFile,
    pub slug: String,
    pub front: PageFile,
    pub body_offset: usize,
}

impl LoadedPage {
    pub fn body(&self) -> &str {
        &self.file.text[self.body_offset..]
    }
}

/// A file copied into the output unchanged.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    /// Path below its folder, `/`-separated, e.g. `ho-tich/to-khai-khai-sinh.docx`.
    pub name: String,
    pub source: PathBuf,
    /// `source` as shown in messages, relative to the site root.
    pub shown: PathBuf,
    /// Size in bytes, shown next to download links.
    pub size: u64,
}

/// Everything read from `content/` and `static/`, file by file.
#[derive(Debug, Default)]
pub struct Content {
    pub procedures: Vec<LoadedProcedure>,
    /// Codes (file names) of procedure files that could not be parsed. Their problems are
    /// reported already; references to them are not reported again as unknown.
    pub unparsed_codes: Vec<String>,
    /// Names of page files that could not be parsed, likewise: links to them are not
    /// reported as broken on top of their own error.
    pub unparsed_pages: Vec<String>,
    pub pages: Vec<LoadedPage>,
    pub forms: BTreeMap<String, CopiedFile>,
    pub site_static: Vec<CopiedFile>,
}

/// Procedure files parsed by an earlier load, each with a hash of the bytes it was parsed
/// from, so that `serve` parses again only the files that changed. Files with problems are
/// not kept: they are parsed again, and report again.
///
/// A file whose metadata ([`Stamp`]) is as it was is not even read again, unless it had
/// changed less than a second before it was read: a second write within the file system's
/// clock tick could leave the same size and times (the "racy" case git knows), so such a
/// file is read and hashed until its stamp is old enough to trust.
#[derive(Debug, Default)]
pub struct Parsed(std::sync::Mutex<std::collections::HashMap<PathBuf, Kept>>);

#[derive(Debug)]
struct Kept {
    hash: u128,
    /// The file's metadata when it was read, if old enough to trust.
    stamp: Option<Stamp>,
    procedure: LoadedProcedure,
}

/// What a file's metadata tells of its bytes without reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
}

impl Stamp {
    /// The stamp of `path` (following a link, as reading does); `None` when it cannot be
    /// read or changed less than a second ago.
    #[cfg(unix)]
    fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs() as i64;
        (m.mtime() < now - 1 && m.ctime() < now - 1).then_some(Stamp {
            len: m.len(),
            modified: (m.mtime(), m.mtime_nsec()),
            changed: (m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
        })
    }

    #[cfg(not(unix))]
    fn of(_: &Path) -> Option<Stamp> {
        None
    }
}

impl Parsed {
    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<PathBuf, Kept>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The file parsed before, if its stamp is the one it had then.
    fn by_stamp(&self, path: &Path, stamp: Option<Stamp>) -> Option<LoadedProcedure> {
        let stamp = stamp?;
        let kept = self.lock();
        let k = kept.get(path).filter(|k| k.stamp == Some(stamp))?;
        Some(k.procedure.clone())
    }

    /// The file parsed before, if these are the bytes it had then.
    fn by_hash(&self, path: &Path, hash: u128, stamp: Option<Stamp>) -> Option<LoadedProcedure> {
        let mut kept = self.lock();
        let k = kept.get_mut(path).filter(|k| k.hash == hash)?;
        k.stamp = stamp;
        Some(k.procedure.clone())
    }

    fn keep(&self, path: &Path, hash: u128, stamp: Option<Stamp>, procedure: &LoadedProcedure) {
        self.lock().insert(
            path.to_path_buf(),
            Kept {
                hash,
                stamp,
                procedure: procedure.clone(),
            },
        );
    }

    /// Forgets the files that are gone.
    fn retain(&self, paths: &[PathBuf]) {
        let mut kept = self.lock();
        if kept.len() > paths.len() {
            let present: std::collections::HashSet<&PathBuf> = paths.iter().collect();
            kept.retain(|path, _| present.contains(path));
        }
    }
}

/// Loads the content below `root`; procedure files found in `preread` are not read again,
/// and those in `parsed` with the same bytes are not parsed again.
pub fn load(
    root: &Path,
    preread: &mut source::Preread,
    parsed: Option<&Parsed>,
    diags: &mut Diagnostics,
) -> Content {
    let mut content = Content::default();
    // Each file is read and parsed on its own, so thousands of them are parsed in parallel;
    // results come back in file order and problems are merged in that order.
    let paths = markdown_files(root, &root.join(PROCEDURES_DIR), diags);
    let files: Vec<(&PathBuf, Option<Vec<u8>>)> = paths
        .iter()
        .map(|path| (path, preread.take(path)))
        .collect();
    let loaded: Vec<(Option<LoadedProcedure>, Diagnostics)> = files
        .into_par_iter()
        .map(|(path, bytes)| {
            let mut problems = Diagnostics::new();
            let Some(parsed) = parsed else {
                let read = bytes.map_or_else(|| std::fs::read(path), Ok);
                return (load_procedure(root, path, read, &mut problems), problems);
            };
            let stamp = Stamp::of(path);
            if bytes.is_none()
                && let Some(procedure) = parsed.by_stamp(path, stamp)
            {
                return (Some(procedure), problems);
            }
            let read = bytes.map_or_else(|| std::fs::read(path), Ok);
            let hash = read.as_ref().ok().map(|b| xxhash_rust::xxh3::xxh3_128(b));
            if let Some(procedure) = hash.and_then(|hash| parsed.by_hash(path, hash, stamp)) {
                return (Some(procedure), problems);
            }
            let procedure = load_procedure(root, path, read, &mut problems);
            if let (Some(hash), Some(procedure)) = (hash, &procedure)
                && problems.is_empty()
            {
                parsed.keep(path, hash, stamp, procedure);
            }
            (procedure, problems)
        })
        .collect();
    if let Some(parsed) = parsed {
        parsed.retain(&paths);
    }
    for (path, (procedure, problems)) in paths.iter().zip(loaded) {
        diags.extend(problems);
        match procedure {
            Some(p) => content.procedures.push(p),
            None => content.unparsed_codes.push(file_stem(path)),
        }
    }
    for path in markdown_files(root, &root.join(PAGES_DIR), diags) {
        match load_page(root, &path, diags) {
            Some(p) => content.pages.push(p),
            None => content.unparsed_pages.push(file_stem(&path)),
        }
    }
    for file in copied_files(root, &root.join(FORMS_DIR), diags) {
        if is_form_document(&file.name) {
            content.forms.insert(file.name.clone(), file);
        } else {
            diags.error(
                Location::file(&file.shown),
                format!(
                    "a form must be a document ({}): other files, such as .svg or .html, could run scripts on the site's own address",
                    FORM_TYPES.join(", ")
                ),
            );
        }
    }
    content.site_static = copied_files(root, &root.join(SITE_STATIC_DIR), diags);
    content
}

fn load_procedure(
    root: &Path,
    path: &Path,
    read: std::io::Result<Vec<u8>>,
    diags: &mut Diagnostics,
) -> Option<LoadedProcedure> {
    let file = source::decode(root, path, read, diags)?;
    let front = source::split_front_matter(&file, diags)?;
    let record: ProcedureFile = source::parse_toml(&file, front.toml_offset, front.toml, diags)?;
    let (toml_offset, body_offset) = (front.toml_offset, front.body_offset);
    Some(LoadedProcedure {
        stem: file_stem(path),
        file: file.into(),
        record: record.into(),
        toml_offset,
        body_offset,
    })
}

fn load_page(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<LoadedPage> {
    let file = source::read(root, path, diags)?;
    let front = source::split_front_matter(&file, diags)?;
    let page: PageFile = source::parse_toml(&file, front.toml_offset, front.toml, diags)?;
    let body_offset = front.body_offset;
    Some(LoadedPage {
        slug: file_stem(path),
        file,
        front: page,
        body_offset,
    })
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `.md` files below `dir`, sorted; other files there are reported, since they would be
/// silently ignored otherwise.
fn markdown_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    walk(root, dir, diags)
        .into_iter()
        .filter(|path| {
            let is_md = path.extension().is_some_and(|e| e == "md");
            if !is_md {
                diags.warning(
                    Location::file(display_path(root, path)),
                    "not a .md file; ignored",
                );
            }
            is_md
        })
        .collect()
}

fn copied_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<CopiedFile> {
    walk(root, dir, diags)
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(dir).ok()?;
            let name = display_path(Path::new(""), relative)
                .to_string_lossy()
                .into_owned();
            if !is_safe_file_name(&name) {
                diags.error(
                    Location::file(display_path(root, &path)),
                    "file names that are published must use only ASCII letters, digits, `-`, `_` and `.` (no spaces or diacritics), so their URLs work everywhere",
                );
                return None;
            }
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            Some(CopiedFile {
                name,
                shown: display_path(root, &path),
                source: path,
                size,
            })
        })
        .collect()
}

/// Regular files below `dir` (which may be absent), sorted, by the one rule for links.
fn walk(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    source::files_below(root, dir, diags)
}

/// What a downloadable form may be: documents and scans, nothing a browser would run.
pub const FORM_TYPES: [&str; 11] = [
    "pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "png", "jpg", "jpeg",
];

fn is_form_document(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| FORM_TYPES.contains(&ext.to_ascii_lowercase().as_str()))
}

/// A `/`-separated relative path whose segments are non-empty, not `.`/`..`, and made of
/// ASCII letters, digits, `-`, `_` and `.`.
pub fn is_safe_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('/').all(|segment| {
            !segment.is_empty()
                && segment.len() <= 120
                && segment != "."
                && segment != ".."
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_file_names() {
        assert!(is_safe_file_name("ho-tich/to-khai_01.docx"));
        assert!(!is_safe_file_name("../etc/passwd"));
        assert!(!is_safe_file_name("tờ khai.docx"));
        assert!(!is_safe_file_name("a//b"));
        assert!(!is_safe_file_name(""));
    }
}
