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
use std::path::Path;

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
/// thousands of small folders: `tthc/<code>/`); an entry's kind comes with its folder's
/// listing, so only files are looked at one by one (for their size).
fn prune(dir: &Path, mut listed: HashMap<String, Listed>) -> HashMap<String, Listed> {
    use rayon::prelude::*;
    let mut roots = Vec::new();
    let mut top = Walked::default();
    for found in entries(dir, "") {
        if found.kind.is_dir() {
            roots.extend(entries(&found.path, &format!("{}/", found.name)));
            top.folders.push(found.path);
        } else {
            roots.push(found);
        }
    }
    let mut walked: Vec<Walked> = roots
        .into_par_iter()
        .map(|found| {
            let mut walked = Walked::default();
            check(found, &listed, &mut walked);
            walked
        })
        .collect();
    walked.push(top);
    let removed = walked.iter().any(|w| w.removed);
    let mut kept = HashMap::with_capacity(listed.len());
    let mut folders = Vec::new();
    for w in walked {
        for name in w.kept {
            if let Some(entry) = listed.remove(&name) {
                kept.insert(name, entry);
            }
        }
        folders.extend(w.folders);
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

/// An entry of a folder: its path, its name as the file lists write it (`a/b.html`; empty
/// when the name is not UTF-8, which no list holds), its kind (never following a link).
struct Found {
    path: std::path::PathBuf,
    name: String,
    kind: std::fs::FileType,
}

/// The entries of `folder`, named below `prefix`.
fn entries(folder: &Path, prefix: &str) -> Vec<Found> {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    listing
        .flatten()
        .filter_map(|entry| {
            let kind = entry.file_type().ok()?;
            let name = entry
                .file_name()
                .into_string()
                .map_or_else(|_| String::new(), |n| format!("{prefix}{n}"));
            Some(Found {
                path: entry.path(),
                name,
                kind,
            })
        })
        .collect()
}

/// Keeps `found` when it is a file `listed` names at its size, walking into a folder;
/// removes anything else.
fn check(found: Found, listed: &HashMap<String, Listed>, walked: &mut Walked) {
    if found.kind.is_dir() {
        for inner in entries(&found.path, &format!("{}/", found.name)) {
            check(inner, listed, walked);
        }
        walked.folders.push(found.path);
        return;
    }
    let matches = found.kind.is_file()
        && listed.get(&found.name).is_some_and(|l| {
            std::fs::symlink_metadata(&found.path).is_ok_and(|m| m.len() == l.len)
        });
    if matches {
        walked.kept.push(found.name);
    } else {
        let _ = std::fs::remove_file(&found.path);
        walked.removed = true;
    }
}

/// What one walk found: the files that stay, the folders, and whether it removed any file.
#[derive(Default)]
struct Walked {
    kept: Vec<String>,
    folders: Vec<std::path::PathBuf>,
    removed: bool,
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
