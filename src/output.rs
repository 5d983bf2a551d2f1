//! The write stage: a complete build replaces the previous site, and a failed build leaves
//! it exactly as it was. Paths are checked here, once, so nothing built from content can be
//! written outside the output folder.
//!
//! Every file is first written into a staging folder beside the output folder (same file
//! system, so moves are renames). The first build, or one into a folder congkhai did not
//! write, renames the whole staging folder into place. Later builds use the list of files
//! and hashes the previous build left beside the output (`.site.congkhai-files`): a file
//! whose bytes did not change is not written at all, changed and new files are staged and
//! then moved in one by one, and files the site no longer has are deleted. So a rebuild
//! writes only what changed, and the old site is never deleted as a whole.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// One file of a build: its output path, hash and size, and whether this build wrote it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    hash: u128,
    len: u64,
    /// For a page: the digest of its template's context (see `render::context`).
    digest: Option<u128>,
    pub written: bool,
}

/// What the previous build listed for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Listed {
    hash: u128,
    len: u64,
    digest: Option<u128>,
}

/// A build being written. Dropped without [`Staging::publish`], it removes itself.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    published: bool,
    /// The files of the site in place, as the previous build listed them: set when this
    /// build updates that site in place.
    previous: Option<HashMap<String, Listed>>,
}

/// What publishing did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// Files written (new or changed).
    pub written: usize,
    /// Files of the previous build that the site no longer has, deleted.
    pub deleted: usize,
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

/// `site/` → `.site.<suffix>`, next to it (never published with the site).
pub fn beside(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// The list of files the last build wrote into `output`, with their hashes.
fn manifest_path(output: &Path) -> PathBuf {
    beside(output, "congkhai-files")
}

/// One line per file: `hash size digest-or-dash path`.
fn read_manifest(output: &Path) -> Option<HashMap<String, Listed>> {
    let text = std::fs::read_to_string(manifest_path(output)).ok()?;
    let mut files = HashMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(4, ' ');
        let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
        let len = parts.next()?.parse().ok()?;
        let digest = match parts.next()? {
            "-" => None,
            hex => Some(u128::from_str_radix(hex, 16).ok()?),
        };
        files.insert(parts.next()?.to_string(), Listed { hash, len, digest });
    }
    Some(files)
}

fn write_manifest(output: &Path, entries: &[Entry]) {
    let mut text = String::with_capacity(entries.len() * 100);
    for e in entries {
        let digest = e.digest.map_or_else(|| "-".into(), |d| format!("{d:032x}"));
        text.push_str(&format!("{:032x} {} {digest} {}\n", e.hash, e.len, e.name));
    }
    // A lost list only costs a full write next time.
    let _ = std::fs::write(manifest_path(output), text);
}

/// Forgets what the output holds: after this, the next build writes it whole.
fn forget_manifest(output: &Path) {
    let _ = std::fs::remove_file(manifest_path(output));
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
        let dir = beside(&target, &format!("staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_at(&dir))?;
        }
        std::fs::create_dir(&dir).map_err(io_at(&dir))?;
        let previous = if target.is_dir() {
            read_manifest(&target)
        } else {
            None
        };
        Ok(Staging {
            dir,
            target,
            published: false,
            previous,
        })
    }

    /// The digest of the context of the page `name` as the site in place has it.
    pub fn previous_digest(&self, name: &str) -> Option<u128> {
        self.previous.as_ref()?.get(name)?.digest
    }

    /// Keeps the file `name` of the site in place as it is, when it is still there.
    pub fn keep(&self, name: &str) -> Result<Option<Entry>, OutputError> {
        let relative = checked_name(name)?;
        let Some(listed) = self.previous.as_ref().and_then(|files| files.get(name)) else {
            return Ok(None);
        };
        Ok(self.in_place(relative, listed.len).then(|| Entry {
            name: name.to_string(),
            hash: listed.hash,
            len: listed.len,
            digest: listed.digest,
            written: false,
        }))
    }

    fn in_place(&self, relative: &Path, len: u64) -> bool {
        std::fs::symlink_metadata(self.target.join(relative))
            .is_ok_and(|m| m.is_file() && m.len() == len)
    }

    /// Stages one file; `name` is a `/`-separated path relative to the output root. A file
    /// the site in place already has, byte for byte, is not written again.
    pub fn write(
        &self,
        name: &str,
        bytes: &[u8],
        digest: Option<u128>,
    ) -> Result<Entry, OutputError> {
        let relative = checked_name(name)?;
        let hash = xxhash_rust::xxh3::xxh3_128(bytes);
        let len = bytes.len() as u64;
        let unchanged = self.previous.as_ref().is_some_and(|files| {
            files
                .get(name)
                .is_some_and(|l| l.hash == hash && l.len == len)
                && self.in_place(relative, len)
        });
        if !unchanged {
            let path = self.dir.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io_at(parent))?;
            }
            std::fs::write(&path, bytes).map_err(io_at(&path))?;
        }
        Ok(Entry {
            name: name.to_string(),
            hash,
            len,
            digest,
            written: !unchanged,
        })
    }

    /// Stages a copy of a file.
    pub fn copy(&self, name: &str, from: &Path) -> Result<Entry, OutputError> {
        let bytes = std::fs::read(from).map_err(io_at(from))?;
        self.write(name, &bytes, None)
    }

    /// Makes the staged build the site. `entries` are every file of the build, as
    /// [`Staging::write`] returned them.
    pub fn publish(mut self, entries: &[Entry]) -> Result<Published, OutputError> {
        let target = self.target.clone();
        let published = match self.previous.take() {
            Some(previous) => self.update_in_place(&previous, entries)?,
            None => self.swap()?,
        };
        write_manifest(&target, entries);
        Ok(Published {
            written: entries.iter().filter(|e| e.written).count(),
            ..published
        })
    }

    /// The whole staging folder becomes the output: the old folder is renamed aside, the
    /// new one renamed into place, then the old one deleted.
    fn swap(&mut self) -> Result<Published, OutputError> {
        let target = self.target.clone();
        let old = beside(&target, &format!("old-{}", std::process::id()));
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
        Ok(Published::default())
    }

    /// Moves the staged (new or changed) files into the site in place and deletes the
    /// files it no longer has. Should this stop halfway, the file list is already gone,
    /// so the next build writes the site whole.
    fn update_in_place(
        &mut self,
        previous: &HashMap<String, Listed>,
        entries: &[Entry],
    ) -> Result<Published, OutputError> {
        forget_manifest(&self.target);
        for entry in entries.iter().filter(|e| e.written) {
            let relative = checked_name(&entry.name)?;
            let from = self.dir.join(relative);
            let to = self.target.join(relative);
            if std::fs::rename(&from, &to).is_err() {
                // A missing folder, or a folder where the file goes: make way, then retry.
                if to.is_dir() {
                    std::fs::remove_dir_all(&to).map_err(io_at(&to))?;
                }
                if let Some(parent) = to.parent() {
                    make_folder(parent, &self.target)?;
                }
                std::fs::rename(&from, &to).map_err(io_at(&to))?;
            }
        }
        let kept: std::collections::HashSet<&str> =
            entries.iter().map(|e| e.name.as_str()).collect();
        let mut deleted = 0;
        let mut gone: Vec<&String> = previous
            .keys()
            .filter(|name| !kept.contains(name.as_str()))
            .collect();
        gone.sort();
        for name in gone {
            let relative = checked_name(name)?;
            let path = self.target.join(relative);
            if std::fs::remove_file(&path).is_ok() {
                deleted += 1;
            }
            // Remove folders left empty, up to the output root.
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|d| *d != self.target) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
        }
        self.published = true;
        std::fs::remove_dir_all(&self.dir).map_err(io_at(&self.dir))?;
        Ok(Published {
            written: 0,
            deleted,
        })
    }
}

/// Creates `dir` and its parents inside `root`, replacing any file that stands where a
/// folder must go (a page that became a section).
fn make_folder(dir: &Path, root: &Path) -> Result<(), OutputError> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| *p != root) {
        make_folder(parent, root)?;
    }
    if dir.symlink_metadata().is_ok() {
        std::fs::remove_file(dir).map_err(io_at(dir))?;
    }
    std::fs::create_dir(dir).map_err(io_at(dir))
}

/// `name` as a relative path, refused when it could leave the output folder.
fn checked_name(name: &str) -> Result<&Path, OutputError> {
    let relative = Path::new(name);
    let safe = !name.is_empty()
        && !name.contains('\\')
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(relative)
    } else {
        Err(OutputError::UnsafePath(name.to_string()))
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
            assert!(
                staging.write(bad, b"x", None).is_err(),
                "{bad} was accepted"
            );
        }
        staging.write("a/b/index.html", b"ok", None).unwrap();
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
        let entries = vec![s.write("index.html", b"one", None).unwrap()];
        s.publish(&entries).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        let s = Staging::create(&out, &root).unwrap();
        s.write("index.html", b"two", None).unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        let mut leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        leftovers.sort();
        assert_eq!(leftovers, [".out.congkhai-files", "out", "root"]);
    }

    /// Builds `files` into `out` and returns what publishing did.
    fn build(out: &Path, root: &Path, files: &[(&str, &str)]) -> Published {
        let s = Staging::create(out, root).unwrap();
        let entries: Vec<Entry> = files
            .iter()
            .map(|(name, text)| s.write(name, text.as_bytes(), None).unwrap())
            .collect();
        s.publish(&entries).unwrap()
    }

    fn tree(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                let name = e.path().strip_prefix(dir).unwrap().display().to_string();
                if e.file_type().is_dir() {
                    format!("{name}/")
                } else {
                    format!("{name}={}", std::fs::read_to_string(e.path()).unwrap())
                }
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_rebuild_writes_only_what_changed_and_deletes_what_is_gone() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        std::fs::create_dir(&root).unwrap();
        let out = tmp.path().join("out");
        let first = build(
            &out,
            &root,
            &[
                ("index.html", "home"),
                ("a/b/index.html", "ab"),
                ("c/index.html", "c"),
            ],
        );
        assert_eq!(first.written, 3);
        let inode = |name: &str| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(out.join(name)).unwrap().ino()
        };
        let home = inode("index.html");
        // `c/index.html` changes, `a/b/` is gone, `d` is new, `x` goes from file to folder.
        std::fs::write(out.join("x"), "was a file").unwrap();
        let second = build(
            &out,
            &root,
            &[
                ("index.html", "home"),
                ("c/index.html", "c2"),
                ("d.txt", "d"),
                ("x/index.html", "x"),
            ],
        );
        assert_eq!(
            second,
            Published {
                written: 3,
                deleted: 1
            }
        );
        assert_eq!(inode("index.html"), home, "an unchanged file was rewritten");
        assert_eq!(
            tree(&out),
            [
                "c/",
                "c/index.html=c2",
                "d.txt=d",
                "index.html=home",
                "x/",
                "x/index.html=x"
            ]
        );
        // A file removed from the output by hand is written again.
        std::fs::remove_file(out.join("d.txt")).unwrap();
        let third = build(&out, &root, &[("index.html", "home"), ("d.txt", "d")]);
        assert_eq!(
            third,
            Published {
                written: 1,
                deleted: 2
            }
        );
        assert_eq!(tree(&out), ["d.txt=d", "index.html=home"]);
        assert!(
            std::fs::read_dir(tmp.path()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("staging")),
            "staging folder left behind"
        );
    }

    #[test]
    fn without_its_file_list_the_output_is_written_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        std::fs::create_dir(&root).unwrap();
        let out = tmp.path().join("out");
        build(&out, &root, &[("index.html", "home")]);
        std::fs::write(out.join("stray.txt"), "not ours").unwrap();
        forget_manifest(&out);
        let again = build(&out, &root, &[("index.html", "home")]);
        assert_eq!(again.written, 1);
        assert_eq!(tree(&out), ["index.html=home"]);
    }
}
