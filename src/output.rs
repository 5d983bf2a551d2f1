//! The write stage: every output file goes into a staging folder beside the output folder,
//! and only a complete build replaces the previous site, by renaming. A failed build leaves
//! the previous site exactly as it was. Paths are checked here, once, so nothing built from
//! content can be written outside the output folder.

use std::io;
use std::path::{Component, Path, PathBuf};

/// A build being written. Dropped without [`Staging::publish`], it removes itself.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    published: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "refusing to write the site into {0}: it would replace the site's own files; choose an output folder such as site/"
    )]
    UnsafeTarget(PathBuf),
    #[error("invalid output path `{0}`")]
    UnsafePath(String),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Staging {
    /// Prepares a staging folder next to `target` (same file system, so renames are cheap).
    /// `site_root` is protected: the target may not be it or contain it.
    pub fn create(target: &Path, site_root: &Path) -> Result<Staging, OutputError> {
        let target = checked_target(target, site_root)?;
        let parent = target
            .parent()
            .ok_or_else(|| OutputError::UnsafeTarget(target.clone()))?;
        std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_at(&dir))?;
        }
        std::fs::create_dir(&dir).map_err(io_at(&dir))?;
        Ok(Staging {
            dir,
            target,
            published: false,
        })
    }

    /// Writes one file; `name` is a `/`-separated path relative to the output root.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.path_of(name)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        }
        std::fs::write(&path, bytes).map_err(io_at(&path))
    }

    /// Copies a file in unchanged.
    pub fn copy(&self, name: &str, from: &Path) -> Result<(), OutputError> {
        let path = self.path_of(name)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        }
        std::fs::copy(from, &path).map(drop).map_err(io_at(from))
    }

    fn path_of(&self, name: &str) -> Result<PathBuf, OutputError> {
        let relative = Path::new(name);
        let safe = !name.is_empty()
            && !name.contains('\\')
            && relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(OutputError::UnsafePath(name.to_string()));
        }
        Ok(self.dir.join(relative))
    }

    /// Replaces the previous output with this build: the old folder is renamed aside, the
    /// new one renamed into place, then the old one deleted.
    pub fn publish(mut self) -> Result<(), OutputError> {
        let target = self.target.clone();
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            target.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        let had_previous = target.exists();
        if had_previous {
            std::fs::rename(&target, &old).map_err(io_at(&target))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &target) {
            if had_previous {
                // Put the previous site back before reporting.
                let _ = std::fs::rename(&old, &target);
            }
            return Err(io_at(&target)(e));
        }
        self.published = true;
        if had_previous {
            std::fs::remove_dir_all(&old).map_err(io_at(&old))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The output folder as an absolute path, refused when it is the site root or holds it
/// (writing there would replace the site's own files).
pub fn checked_target(target: &Path, site_root: &Path) -> Result<PathBuf, OutputError> {
    let target = absolute(target);
    let root = absolute(site_root);
    if root.starts_with(&target)
        || target.join(crate::config::CONFIG_FILE).exists()
        || target.parent().is_none()
    {
        return Err(OutputError::UnsafeTarget(target));
    }
    Ok(target)
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve symlinks where the path exists, so aliases of the site root are caught.
    joined.canonicalize().unwrap_or_else(|_| lexical(&joined))
}

fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_staging_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        std::fs::create_dir(&root).unwrap();
        let staging = Staging::create(&tmp.path().join("out"), &root).unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\\b", "./a"] {
            assert!(staging.write(bad, b"x").is_err(), "{bad} was accepted");
        }
        staging.write("a/b/index.html", b"ok").unwrap();
    }

    #[test]
    fn refuses_to_replace_the_site_root() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(matches!(
            Staging::create(tmp.path(), tmp.path()),
            Err(OutputError::UnsafeTarget(_))
        ));
        assert!(Staging::create(tmp.path().parent().unwrap(), tmp.path()).is_err());
    }

    #[test]
    fn publish_swaps_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        std::fs::create_dir(&root).unwrap();
        let out = tmp.path().join("out");
        let s = Staging::create(&out, &root).unwrap();
        s.write("index.html", b"one").unwrap();
        s.publish().unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        let s = Staging::create(&out, &root).unwrap();
        s.write("index.html", b"two").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 2, "staging folder was not removed");
    }
}
