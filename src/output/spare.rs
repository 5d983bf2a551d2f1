//! The site before the one in place, kept beside the output (`.site.congkhai-spare`, with
//! its file list `.site.congkhai-spare-files`) so that the next build starts from it instead
//! of from an empty folder: a build then writes the files that differ from that site and
//! links the ones that differ from the site in place, and publishing costs what changed
//! over two builds rather than one link and one deletion per file of the site.
//!
//! The spare is only ever a staging folder in waiting. A build claims it by deleting its
//! list and renaming it to its own staging folder, so a build killed at any moment leaves
//! either an intact spare or a staging folder the next build removes; a spare without its
//! list is deleted. What the claimed folder holds is checked against the list, file by file
//! (a regular file at the listed size, under real folders); everything else in it is
//! removed, so it ends up holding exactly what the list says.

use super::{Listed, beside, read_manifest_at, remove_tree};
use std::collections::HashMap;
use std::path::{Component, Path};

fn folder(output: &Path) -> std::path::PathBuf {
    beside(output, "congkhai-spare")
}

fn list(output: &Path) -> std::path::PathBuf {
    beside(output, "congkhai-spare-files")
}

/// Moves the spare of `output` to `staging` (which must not exist) and returns what it holds
/// there; `None`, with nothing at `staging`, when there is no usable spare.
pub(super) fn claim(output: &Path, staging: &Path) -> Option<HashMap<String, Listed>> {
    let dir = folder(output);
    let listed = read_manifest_at(&list(output));
    // Without its list, or should the list not go, the folder is of no use.
    if listed.is_none() || std::fs::remove_file(list(output)).is_err() {
        discard(output);
        return None;
    }
    if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
        || std::fs::rename(&dir, staging).is_err()
    {
        discard(output);
        return None;
    }
    Some(prune(staging, listed?))
}

/// Removes from `dir` everything `listed` does not name at its size, and returns the files
/// that stay. The folders two levels down are walked on every core (a site's files sit in
/// thousands of small folders: `tthc/<code>/`).
fn prune(dir: &Path, mut listed: HashMap<String, Listed>) -> HashMap<String, Listed> {
    use rayon::prelude::*;
    let children = |folder: &Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(folder)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let is_dir = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
    let mut roots = Vec::new();
    for path in children(dir) {
        if is_dir(&path) {
            roots.extend(children(&path));
        } else {
            roots.push(path);
        }
    }
    let checked: Vec<Walked> = roots
        .par_iter()
        .map(|root| {
            let mut walked = Walked::default();
            for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
                if entry.file_type().is_dir() {
                    walked.folders.push(entry.into_path());
                    continue;
                }
                let name = relative_name(dir, entry.path()).filter(|name| {
                    entry.file_type().is_file()
                        && listed
                            .get(name)
                            .is_some_and(|l| entry.metadata().is_ok_and(|m| m.len() == l.len))
                });
                match name {
                    Some(name) => walked.kept.push(name),
                    None => {
                        let _ = std::fs::remove_file(entry.path());
                        walked.removed = true;
                    }
                }
            }
            walked
        })
        .collect();
    let removed = checked.iter().any(|w| w.removed);
    let mut kept = HashMap::with_capacity(listed.len());
    let mut folders = Vec::new();
    for walked in checked {
        for name in walked.kept {
            if let Some(entry) = listed.remove(&name) {
                kept.insert(name, entry);
            }
        }
        folders.extend(walked.folders);
    }
    if removed {
        // Deepest first: a folder emptied above goes too.
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        for folder in folders {
            let _ = std::fs::remove_dir(folder);
        }
    }
    kept
}

/// What one walk found: the files that stay, the folders, and whether it removed any file.
#[derive(Default)]
struct Walked {
    kept: Vec<String>,
    folders: Vec<std::path::PathBuf>,
    removed: bool,
}

/// `dir/a/b.html` → `a/b.html`, as the file lists name it.
fn relative_name(dir: &Path, path: &Path) -> Option<String> {
    let mut name = String::new();
    for part in path.strip_prefix(dir).ok()?.components() {
        let Component::Normal(part) = part else {
            return None;
        };
        if !name.is_empty() {
            name.push('/');
        }
        name.push_str(part.to_str()?);
    }
    Some(name)
}

/// Keeps `old`, the site just replaced, whose files `listed` names, as the spare of `output`.
/// When it cannot be kept it is deleted.
pub(super) fn keep(output: &Path, old: &Path, listed: &HashMap<String, Listed>) {
    discard(output);
    if std::fs::rename(old, folder(output)).is_err() {
        let _ = remove_tree(old);
        return;
    }
    let mut text = String::with_capacity(listed.len() * 100);
    for (name, l) in listed {
        super::manifest_line(&mut text, name, l.hash, l.len, l.digest);
    }
    if std::fs::write(list(output), text).is_err() {
        discard(output);
    }
}

/// Deletes the spare of `output` and its list, when there are.
pub(super) fn discard(output: &Path) {
    let _ = std::fs::remove_file(list(output));
    let dir = folder(output);
    match std::fs::symlink_metadata(&dir) {
        // Never through a link: only what is inside our own folder goes.
        Ok(m) if m.is_dir() => {
            let _ = remove_tree(&dir).or_else(|_| std::fs::remove_dir_all(&dir));
        }
        Ok(_) => {
            let _ = std::fs::remove_file(&dir);
        }
        Err(_) => {}
    }
}
