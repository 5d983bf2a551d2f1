//! "Nothing changed, nothing to do": a fingerprint of everything a build reads (the
//! configuration, `content/`, `themes/`, `templates/`, `static/`, and the congkhai
//! executable itself), kept beside the output folder after a successful build. When the
//! next build finds the same fingerprint and the output in place, it rewrites nothing.

use crate::diagnostic::Diagnostic;
use crate::source::Preread;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a previous successful build left beside its output.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    pub fingerprint: String,
    pub procedures: usize,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
}

/// `site/` → `.site.congkhai-build`, next to it (never published with the site).
pub fn record_path(output: &Path) -> PathBuf {
    crate::output::beside(output, "congkhai-build")
}

pub fn read(output: &Path) -> Option<Record> {
    let text = std::fs::read_to_string(record_path(output)).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn write(output: &Path, record: &Record) {
    if let Ok(text) = serde_json::to_string(record) {
        // A lost record only costs a full build next time.
        let _ = std::fs::write(record_path(output), text);
    }
}

pub fn forget(output: &Path) {
    let _ = std::fs::remove_file(record_path(output));
}

/// A streaming 128-bit xxh3 over length-prefixed fields: stable across versions and
/// machines, and more than enough to notice a change.
struct Hasher(xxhash_rust::xxh3::Xxh3);

impl Hasher {
    fn new() -> Self {
        Hasher(xxhash_rust::xxh3::Xxh3::new())
    }

    fn update(&mut self, bytes: &[u8]) {
        // The length first separates one field from the next.
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn hex(&self) -> String {
        format!("{:032x}", self.0.digest128())
    }
}

/// The fingerprint of every input of a build of `root`; `None` if something cannot be read
/// (then the build simply runs). The procedure files it read are handed on, so the build
/// does not read them again.
pub fn of_inputs(root: &Path) -> (Option<String>, Preread) {
    let mut preread = Preread::default();
    let fingerprint = hash_inputs(root, &mut preread);
    (fingerprint, preread)
}

fn hash_inputs(root: &Path, preread: &mut Preread) -> Option<String> {
    let mut files: Vec<PathBuf> = vec![root.join(crate::config::CONFIG_FILE)];
    for dir in [
        "content",
        "themes",
        crate::theme::SITE_TEMPLATES_DIR,
        crate::load::SITE_STATIC_DIR,
    ] {
        // The build's own rule for links, so a linked file counts with its content; any
        // problem leaves no fingerprint, and the build reports it.
        let mut problems = crate::diagnostic::Diagnostics::new();
        files.extend(crate::source::files_below(
            root,
            &root.join(dir),
            &mut problems,
        ));
        if problems.has_errors() {
            return None;
        }
    }
    // Files are read and hashed in parallel (a cold disk answers many reads at once better
    // than one after another), then combined in their sorted order.
    use rayon::prelude::*;
    let procedures = root.join(crate::load::PROCEDURES_DIR);
    let each: Option<Vec<(u128, Option<Vec<u8>>)>> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
            let keep = path.starts_with(&procedures) && path.extension().is_some_and(|e| e == "md");
            Some((hash, keep.then_some(bytes)))
        })
        .collect();
    let mut hasher = Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(crate::running::executable()?.as_bytes());
    for (path, (hash, bytes)) in files.into_iter().zip(each?) {
        let relative = path.strip_prefix(root).unwrap_or(&path);
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update(&hash.to_le_bytes());
        if let Some(bytes) = bytes {
            preread.insert(path, bytes);
        }
    }
    Some(hasher.hex())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procedure_files_read_for_the_fingerprint_are_handed_on() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("congkhai.toml"), "a").unwrap();
        let procedures = dir.path().join(crate::load::PROCEDURES_DIR).join("ho-tich");
        std::fs::create_dir_all(&procedures).unwrap();
        std::fs::write(procedures.join("1.000001.md"), "khai sinh").unwrap();
        std::fs::write(dir.path().join("content/trang.md"), "trang").unwrap();
        let (fingerprint, mut preread) = of_inputs(dir.path());
        assert!(fingerprint.is_some());
        let procedure = procedures.join("1.000001.md");
        assert_eq!(preread.take(&procedure).as_deref(), Some(&b"khai sinh"[..]));
        assert_eq!(preread.take(&procedure), None, "handed out once");
        assert_eq!(preread.take(&dir.path().join("content/trang.md")), None);
    }

    #[test]
    fn any_change_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("congkhai.toml"), "a").unwrap();
        std::fs::create_dir_all(dir.path().join("content/x")).unwrap();
        std::fs::write(dir.path().join("content/x/1.md"), "b").unwrap();
        let first = of_inputs(dir.path()).0.unwrap();
        assert_eq!(of_inputs(dir.path()).0.unwrap(), first);
        std::fs::write(dir.path().join("content/x/1.md"), "c").unwrap();
        let second = of_inputs(dir.path()).0.unwrap();
        assert_ne!(second, first);
        std::fs::rename(
            dir.path().join("content/x/1.md"),
            dir.path().join("content/x/2.md"),
        )
        .unwrap();
        assert_ne!(
            of_inputs(dir.path()).0.unwrap(),
            second,
            "a rename is a change"
        );
    }
}
