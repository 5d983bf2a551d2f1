//! An import's files written all or nothing, and checked before they count. The site's
//! `content/` is copied beside it (hard links, so unchanged files cost nothing), the import
//! writes into the copy, the copy is checked with the build's own loader and validation,
//! and only then does it take `content/`'s place in one step (an exchange of the two
//! folders where the system has it, two renames elsewhere). An import killed at any moment
//! leaves `content/` as before or as after; a full disk leaves it as before. One import at
//! a time: a second waits for the first, then reads what it wrote.

use crate::diagnostic::Diagnostics;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The folder that an import replaces as a whole.
pub const CONTENT: &str = "content";
const STAGE_PREFIX: &str = ".congkhai-import-";
const LOCK_FILE: &str = ".congkhai-import.lock";

/// Held while one import runs; a second import into the same site waits for it.
pub struct ImportLock {
    _file: std::fs::File,
}

/// Takes the site's import lock, then removes what killed imports left behind (no other
/// import can be running now).
pub fn lock(root: &Path) -> Result<ImportLock, (PathBuf, io::Error)> {
    let path = root.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| (path.clone(), e))?;
    file.lock().map_err(|e| (path.clone(), e))?;
    if let Ok(entries) = std::fs::read_dir(root) {
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with(STAGE_PREFIX)
            {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    Ok(ImportLock { _file: file })
}

/// The folders an import writes into must be real folders: the build does not read a
/// linked `content/procedures`, so an import must not fill one.
pub fn refuse_links(root: &Path) -> Result<(), String> {
    for relative in [
        CONTENT,
        crate::load::PROCEDURES_DIR,
        crate::catalog::CATALOG_DIR,
    ] {
        let path = root.join(relative);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!(
                "{}: is a link to a folder; the build does not follow it, so the import does not write through it (move the folder here instead)",
                path.display()
            ));
        }
    }
    Ok(())
}

/// A copy of the site's `content/` (and its configuration) that an import writes into.
pub struct Stage {
    site: PathBuf,
    dir: PathBuf,
    published: bool,
}

impl Stage {
    /// Copies `content/` beside the site's: hard links for files, links as links.
    pub fn new(site: &Path) -> Result<Stage, (PathBuf, io::Error)> {
        let dir = site.join(format!("{STAGE_PREFIX}{}", std::process::id()));
        let stage = Stage {
            site: site.to_path_buf(),
            dir,
            published: false,
        };
        let at = |p: &Path| {
            let p = p.to_path_buf();
            move |e| (p, e)
        };
        std::fs::create_dir_all(&stage.dir).map_err(at(&stage.dir))?;
        let config = site.join(crate::config::CONFIG_FILE);
        if config.is_file() {
            link_or_copy(&config, &stage.dir.join(crate::config::CONFIG_FILE))
                .map_err(at(&config))?;
        }
        let content = site.join(CONTENT);
        let target = stage.dir.join(CONTENT);
        std::fs::create_dir_all(&target).map_err(at(&target))?;
        if content.is_dir() {
            for entry in walkdir::WalkDir::new(&content).min_depth(1) {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(&content).to_path_buf();
                    (path, io::Error::other(e.to_string()))
                })?;
                let relative = entry.path().strip_prefix(&content).unwrap_or(entry.path());
                let to = target.join(relative);
                let kind = entry.file_type();
                if kind.is_dir() {
                    std::fs::create_dir_all(&to).map_err(at(&to))?;
                } else if kind.is_symlink() {
                    copy_link(entry.path(), &to).map_err(at(&to))?;
                } else {
                    link_or_copy(entry.path(), &to).map_err(at(entry.path()))?;
                }
            }
        }
        Ok(stage)
    }

    /// The staged site's root: check it as a site.
    pub fn root(&self) -> &Path {
        &self.dir
    }

    /// Writes `text` to `relative` (a path below the site root, inside `content/`) in the
    /// copy; a file linked from the site is replaced, never written through.
    pub fn write(&self, relative: &Path, text: &str) -> Result<(), (PathBuf, io::Error)> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| (parent.to_path_buf(), e))?;
        }
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err((path, e)),
        }
        std::fs::write(&path, text).map_err(|e| (self.site.join(relative), e))
    }

    /// Checks the staged site as `congkhai check` reads it: configuration, catalogues,
    /// procedure and page files, and the validation of each.
    pub fn check(&self) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let root = self.root();
        let Some(config) = crate::config::load(root, &mut diags) else {
            return diags;
        };
        let catalog = crate::catalog::load(root, &mut diags);
        let content = crate::load::load(
            root,
            &mut crate::source::Preread::default(),
            None,
            &mut diags,
        );
        if let Some(catalog) = catalog {
            let urls = crate::urls::Urls::new(config.urls.clone(), config.base_url.clone());
            crate::validate::validate(&catalog, &content, &urls, &mut diags);
        }
        diags
    }

    /// The errors [`Stage::check`] finds in the files `wrote` says the import wrote, by
    /// file (below the site root), each `line:column: message`. Other files are as they
    /// were before the import: not its to answer for.
    pub fn errors_in(&self, wrote: impl Fn(&Path) -> bool) -> BTreeMap<PathBuf, Vec<String>> {
        let mut out: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
        let diags = self.check();
        for d in diags
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            let relative = d
                .location
                .file
                .strip_prefix(&self.dir)
                .unwrap_or(&d.location.file);
            if !wrote(relative) {
                continue;
            }
            let at = match (d.location.line, d.location.column) {
                (Some(line), Some(column)) => format!("{line}:{column}: "),
                (Some(line), None) => format!("{line}: "),
                _ => String::new(),
            };
            out.entry(relative.to_path_buf())
                .or_default()
                .push(format!("{at}{}", d.message));
        }
        out
    }

    /// The staged `content/` takes the site's place; the old one is deleted.
    pub fn publish(mut self) -> Result<(), (PathBuf, io::Error)> {
        let ours = self.dir.join(CONTENT);
        let theirs = self.site.join(CONTENT);
        let at = |p: &Path| {
            let p = p.to_path_buf();
            move |e| (p, e)
        };
        if std::fs::symlink_metadata(&theirs).is_err() {
            std::fs::rename(&ours, &theirs).map_err(at(&theirs))?;
        } else if crate::output::exchange_folders(&ours, &theirs).is_err() {
            let old = self.dir.join("content.old");
            std::fs::rename(&theirs, &old).map_err(at(&theirs))?;
            if let Err(e) = std::fs::rename(&ours, &theirs) {
                let _ = std::fs::rename(&old, &theirs);
                return Err((theirs, e));
            }
        }
        self.published = true;
        // The old content (now in the stage) goes; a failure here loses nothing.
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to)?;
    }
    Ok(())
}

/// A link inside `content/` copied as the same link (its target relative as written).
#[cfg(unix)]
fn copy_link(from: &Path, to: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(std::fs::read_link(from)?, to)
}

/// Where links cannot be made as they were, the file they lead to is copied.
#[cfg(not(unix))]
fn copy_link(from: &Path, to: &Path) -> io::Result<()> {
    if from.is_file() {
        std::fs::copy(from, to).map(|_| ())
    } else {
        Ok(())
    }
}
