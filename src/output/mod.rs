//! The write stage: a complete build replaces the previous site, and a failed build leaves
//! it exactly as it was. Paths are checked here, once, so nothing built from content can be
//! written outside the output folder.
//!
//! Every file is first written into a staging folder beside the output folder (same file
//! system, so moves are renames). A rebuild uses the list of files and hashes the previous
//! build left beside the output (`.site.congkhai-files`): a file whose bytes did not change
//! is not written again but hard-linked from the site in place (same inode, same mtime, so
//! rsync and CDNs see nothing new). The staging folder of a rebuild is the site before the
//! one in place, kept for it ([`spare`]), so that only what changed over two builds is
//! written, linked or deleted. The complete staging folder then takes the output's place in
//! one atomic exchange of the two folders, so a reader or a `kill -9` at any moment finds
//! either the old site or the new one, never a mix.
//!
//! What may be an output: an absent or empty folder, or one congkhai made (it leaves a
//! marker beside it, `.site.congkhai-output`) — never the site root, a folder holding it, a
//! folder inside the sources, or a file. One build at a time writes an output (a lock
//! beside it); staging folders left by a crashed build are removed by the next one.

mod spare;

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
    /// Folders of the site in place found to be real folders (not links), by relative path.
    real_dirs: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// What the staging folder held when it was made, when it was made from the site before
    /// the one in place (see [`spare`]); `None` when it started empty.
    spare: Option<HashMap<String, Listed>>,
    /// Whether anything in the staging folder was changed yet.
    touched: std::sync::atomic::AtomicBool,
    /// Files written over the spare's and then dropped, the site in place having the same
    /// bytes (see `write_stream`): the only files of the spare gone before publishing.
    dropped: std::sync::Mutex<std::collections::HashSet<String>>,
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
    #[error(
        "refusing to write the site into {0}: it is inside the site's sources ({1}/), where the next build would read it; choose an output folder such as site/"
    )]
    InsideSources(PathBuf, &'static str),
    #[error(
        "refusing to write the site into {0}: it is a file, not a folder; it was left unchanged"
    )]
    NotAFolder(PathBuf),
    #[error(
        "refusing to write the site into {0}: the folder is not empty and congkhai did not make it; it was left unchanged. Choose an absent or empty folder, or remove this one yourself"
    )]
    NotOurs(PathBuf),
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

impl Entry {
    fn new(name: &str, hash: u128, len: u64, digest: Option<u128>, written: bool) -> Entry {
        Entry {
            name: name.to_string(),
            hash,
            len,
            digest,
            written,
        }
    }

    /// The file's size in bytes.
    pub fn bytes(&self) -> u64 {
        self.len
    }
}

/// The list of files the last build wrote into `output`, with their hashes.
fn manifest_path(output: &Path) -> PathBuf {
    beside(output, "congkhai-files")
}

/// The marker of an output congkhai made: beside it, so it is never published.
fn marker_path(output: &Path) -> PathBuf {
    beside(output, "congkhai-output")
}

/// Folders of a site's sources: an output inside them would be read by the next build.
const SOURCE_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// One line per file: `hash size digest-or-dash path`.
fn read_manifest(output: &Path) -> Option<HashMap<String, Listed>> {
    read_manifest_at(&manifest_path(output))
}

fn read_manifest_at(path: &Path) -> Option<HashMap<String, Listed>> {
    let text = std::fs::read_to_string(path).ok()?;
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
        manifest_line(&mut text, &e.name, e.hash, e.len, e.digest);
    }
    // A lost list only costs a full write next time.
    let _ = std::fs::write(manifest_path(output), text);
}

fn manifest_line(text: &mut String, name: &str, hash: u128, len: u64, digest: Option<u128>) {
    use std::fmt::Write;
    let _ = match digest {
        Some(d) => writeln!(text, "{hash:032x} {len} {d:032x} {name}"),
        None => writeln!(text, "{hash:032x} {len} - {name}"),
    };
}

/// Whether every file the last build listed is still in the output, at its size: a file
/// deleted or edited by hand makes the output damaged, and an up-to-date check must not
/// skip the build that repairs it. (An edit that keeps the size is not seen.)
pub fn intact(output: &Path) -> bool {
    use rayon::prelude::*;
    let Some(files) = read_manifest(output) else {
        return false;
    };
    files.par_iter().all(|(name, listed)| {
        checked_name(name).is_ok_and(|relative| {
            std::fs::symlink_metadata(output.join(relative))
                .is_ok_and(|m| m.is_file() && m.len() == listed.len)
        })
    })
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
        let previous = if target.is_dir() {
            read_manifest(&target)
        } else {
            None
        };
        // The spare only helps a build that updates a site in place.
        let spare = match previous {
            Some(_) => spare::claim(&target, &dir),
            None => {
                spare::discard(&target);
                None
            }
        };
        if spare.is_none() {
            std::fs::create_dir(&dir).map_err(io_at(&dir))?;
        }
        Ok(Staging {
            dir,
            target,
            published: false,
            previous,
            real_dirs: std::sync::Mutex::new(std::collections::HashSet::new()),
            spare,
            touched: std::sync::atomic::AtomicBool::new(false),
            dropped: std::sync::Mutex::new(std::collections::HashSet::new()),
        })
    }

    /// The digest of the context of the page `name` as the site in place has it.
    /// Where the site is published.
    pub fn target(&self) -> &Path {
        &self.target
    }

    pub fn previous_digest(&self, name: &str) -> Option<u128> {
        self.previous.as_ref()?.get(name)?.digest
    }

    /// The checksum and length of the file `name` of the site in place, as the last build
    /// listed it, when it is still there at that length.
    pub fn listed(&self, name: &str) -> Option<(u128, u64)> {
        let listed = self.previous.as_ref()?.get(name)?;
        let relative = checked_name(name).ok()?;
        self.in_place(relative, listed.len)
            .then_some((listed.hash, listed.len))
    }

    /// Keeps the file `name` of the site in place as it is, when it is still there.
    pub fn keep(&self, name: &str) -> Result<Option<Entry>, OutputError> {
        let relative = checked_name(name)?;
        let Some(listed) = self.previous.as_ref().and_then(|files| files.get(name)) else {
            return Ok(None);
        };
        Ok(self
            .in_place(relative, listed.len)
            .then(|| Entry::new(name, listed.hash, listed.len, listed.digest, false)))
    }

    /// The file is in the site in place as listed: a regular file of that size, under real
    /// folders (a link inside the output is never followed, so nothing outside it is read
    /// into or written through the site).
    fn in_place(&self, relative: &Path, len: u64) -> bool {
        let mut folder = PathBuf::new();
        for part in relative.parent().into_iter().flat_map(Path::components) {
            folder.push(part);
            let known = self
                .real_dirs
                .lock()
                .is_ok_and(|dirs| dirs.contains(&folder));
            if !known {
                let real =
                    std::fs::symlink_metadata(self.target.join(&folder)).is_ok_and(|m| m.is_dir());
                if !real {
                    return false;
                }
                if let Ok(mut dirs) = self.real_dirs.lock() {
                    dirs.insert(folder.clone());
                }
            }
        }
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
        self.write_parts(name, &[bytes], digest)
    }

    /// Stages a file given as consecutive pieces (a large download made of many records),
    /// without joining them in memory first.
    pub fn write_parts(
        &self,
        name: &str,
        parts: &[&[u8]],
        digest: Option<u128>,
    ) -> Result<Entry, OutputError> {
        let relative = checked_name(name)?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in parts {
            hasher.update(part);
        }
        let hash = hasher.digest128();
        let len: u64 = parts.iter().map(|p| p.len() as u64).sum();
        let unchanged = self.as_in_place(name, relative, hash, len);
        if !unchanged && !self.in_spare(name, hash, len) {
            use std::io::Write;
            let path = self.dir.join(relative);
            self.make_room(relative)?;
            if let [bytes] = parts {
                std::fs::write(&path, bytes).map_err(io_at(&path))?;
            } else {
                let file = std::fs::File::create(&path).map_err(io_at(&path))?;
                let mut out = std::io::BufWriter::with_capacity(1 << 18, file);
                for part in parts {
                    out.write_all(part).map_err(io_at(&path))?;
                }
                out.into_inner()
                    .map_err(|e| e.into_error())
                    .map_err(io_at(&path))?;
            }
        }
        Ok(Entry::new(name, hash, len, digest, !unchanged))
    }

    /// Writes the file `write` makes as it makes it, hashing it on the way; when the site in
    /// place has the same bytes, the file written is dropped and the one in place kept.
    pub fn write_stream(
        &self,
        name: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
        digest: Option<u128>,
    ) -> Result<Entry, OutputError> {
        use std::io::Write;
        /// Hashes and counts what goes through to the file.
        struct Hashing<W> {
            out: W,
            hasher: xxhash_rust::xxh3::Xxh3,
            len: u64,
        }
        impl<W: Write> Write for Hashing<W> {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                let n = self.out.write(bytes)?;
                self.hasher.update(&bytes[..n]);
                self.len += n as u64;
                Ok(n)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                self.out.flush()
            }
        }
        let relative = checked_name(name)?;
        let path = self.dir.join(relative);
        self.make_room(relative)?;
        let file = std::fs::File::create(&path).map_err(io_at(&path))?;
        let mut out = Hashing {
            out: std::io::BufWriter::with_capacity(1 << 18, file),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        };
        write(&mut out).map_err(io_at(&path))?;
        out.out
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(io_at(&path))?;
        let (hash, len) = (out.hasher.digest128(), out.len);
        let unchanged = self.as_in_place(name, relative, hash, len);
        if unchanged {
            std::fs::remove_file(&path).map_err(io_at(&path))?;
            if self.spare.is_some()
                && let Ok(mut dropped) = self.dropped.lock()
            {
                dropped.insert(name.to_string());
            }
        }
        Ok(Entry::new(name, hash, len, digest, !unchanged))
    }

    /// Whether the file `name` with these bytes (`hash`, `len`) is the one the site in
    /// place has, as listed and still there.
    fn as_in_place(&self, name: &str, relative: &Path, hash: u128, len: u64) -> bool {
        self.previous
            .as_ref()
            .is_some_and(|files| lists(files, name, hash, len) && self.in_place(relative, len))
    }

    /// Whether the staging folder already holds these bytes (`hash`, `len`) as `name`,
    /// kept from the spare it was made from.
    fn in_spare(&self, name: &str, hash: u128, len: u64) -> bool {
        self.spare
            .as_ref()
            .is_some_and(|files| lists(files, name, hash, len))
    }

    /// Readies the staging folder for a new file at `relative`: its folders made, and, in a
    /// folder made from the spare, whatever the spare had there removed — a file is never
    /// written into, as the spare's files may be links to the site in place — as well as a
    /// file where this build needs a folder.
    fn make_room(&self, relative: &Path) -> Result<(), OutputError> {
        self.touched
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let path = self.dir.join(relative);
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        if std::fs::create_dir_all(parent).is_err() && self.spare.is_some() {
            let mut folder = self.dir.clone();
            for part in relative.parent().into_iter().flat_map(Path::components) {
                folder.push(part);
                if std::fs::symlink_metadata(&folder).is_ok_and(|m| !m.is_dir()) {
                    std::fs::remove_file(&folder).map_err(io_at(&folder))?;
                }
            }
        }
        std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        if self.spare.is_some() {
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => remove_tree(&path).map_err(io_at(&path))?,
                Ok(_) => std::fs::remove_file(&path).map_err(io_at(&path))?,
                Err(_) => {}
            }
        }
        Ok(())
    }

    /// Stages a copy of a file.
    pub fn copy(&self, name: &str, from: &Path) -> Result<Entry, OutputError> {
        let bytes = std::fs::read(from).map_err(io_at(from))?;
        self.write(name, &bytes, None)
    }

    /// Makes the staged build the site. `entries` are every file of the build, as
    /// [`Staging::write`] and [`Staging::keep`] returned them.
    pub fn publish(mut self, entries: &[Entry]) -> Result<Published, OutputError> {
        let target = self.target.clone();
        // Should this stop halfway, the next build finds no file list and writes whole.
        forget_manifest(&target);
        let previous = self.previous.take();
        if previous.is_some() {
            self.link_unchanged(entries)?;
        }
        self.remove_spare_leftovers(entries);
        self.exchange(previous.as_ref())?;
        std::fs::write(marker_path(&target), "congkhai\n").map_err(io_at(&target))?;
        write_manifest(&target, entries);
        let kept: std::collections::HashSet<&str> =
            entries.iter().map(|e| e.name.as_str()).collect();
        let deleted = previous.map_or(0, |p| {
            p.keys()
                .filter(|name| !kept.contains(name.as_str()))
                .count()
        });
        Ok(Published {
            written: entries.iter().filter(|e| e.written).count(),
            deleted,
        })
    }

    /// Hard-links every file this build did not write from the site in place into the
    /// staging folder (a copy where a link cannot be made).
    fn link_unchanged(&self, entries: &[Entry]) -> Result<(), OutputError> {
        use rayon::prelude::*;
        let dropped = std::mem::take(&mut *self.dropped.lock().unwrap_or_else(|e| e.into_inner()));
        entries
            .par_iter()
            .filter(|e| !e.written)
            .try_for_each(|entry| {
                let relative = checked_name(&entry.name)?;
                let from = self.target.join(relative);
                let to = self.dir.join(relative);
                // Kept from the spare, unless the build wrote over it and found the bytes
                // of the site in place (see `write_stream`).
                if self.in_spare(&entry.name, entry.hash, entry.len)
                    && !dropped.contains(&entry.name)
                {
                    return Ok(());
                }
                self.make_room(relative)?;
                if std::fs::hard_link(&from, &to).is_err() {
                    std::fs::copy(&from, &to).map_err(io_at(&from))?;
                }
                Ok(())
            })
    }

    /// Removes the files the spare had that this build does not, and the folders that
    /// leaves empty.
    fn remove_spare_leftovers(&self, entries: &[Entry]) {
        let Some(spare) = &self.spare else { return };
        let built: std::collections::HashSet<&str> =
            entries.iter().map(|e| e.name.as_str()).collect();
        let mut folders = std::collections::BTreeSet::new();
        for name in spare.keys().filter(|name| !built.contains(name.as_str())) {
            let Ok(relative) = checked_name(name) else {
                continue;
            };
            let path = self.dir.join(relative);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                let _ = std::fs::remove_file(&path);
            }
            let mut folder = relative.parent();
            while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
                folders.insert(f.to_path_buf());
                folder = f.parent();
            }
        }
        // Deepest first; a folder still holding files stays.
        let mut folders: Vec<PathBuf> = folders.into_iter().collect();
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        for folder in folders {
            let _ = std::fs::remove_dir(self.dir.join(folder));
        }
    }

    /// The staging folder takes the output's place: one atomic exchange of the two folders
    /// where the system has it (Linux), else two renames. The old site, when its file list
    /// (`listed`) is known, is kept as the spare the next build starts from; else deleted.
    fn exchange(&mut self, listed: Option<&HashMap<String, Listed>>) -> Result<(), OutputError> {
        let target = self.target.clone();
        if std::fs::symlink_metadata(&target).is_err() {
            std::fs::rename(&self.dir, &target).map_err(io_at(&target))?;
            self.published = true;
            return Ok(());
        }
        let old = if exchange_folders(&self.dir, &target).is_ok() {
            // The staging path now holds the old site.
            self.dir.clone()
        } else {
            let old = beside(&target, &format!("old-{}", std::process::id()));
            std::fs::rename(&target, &old).map_err(io_at(&target))?;
            if let Err(e) = std::fs::rename(&self.dir, &target) {
                // Put the previous site back before reporting.
                let _ = std::fs::rename(&old, &target);
                return Err(io_at(&target)(e));
            }
            old
        };
        self.published = true;
        match listed {
            Some(listed) => {
                spare::keep(&target, &old, listed);
                Ok(())
            }
            None => remove_tree(&old).map_err(io_at(&old)),
        }
    }
}

/// Deletes a folder and everything in it, the folders two levels down on every core (a
/// site's files sit in thousands of small folders: `tthc/<code>/`).
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut below = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            for inner in std::fs::read_dir(entry.path())? {
                below.push(inner?);
            }
        }
    }
    below.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir_all(dir)
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
pub(crate) fn exchange_folders(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn exchange_folders(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Holds the output for one build: a second build into the same output waits for it.
pub struct Lock {
    _file: std::fs::File,
}

impl Lock {
    /// Takes the lock beside `output` (waiting while another build holds it), then removes
    /// what crashed builds left beside it: no other build can be writing now.
    pub fn acquire(output: &Path) -> Result<Lock, OutputError> {
        let path = beside(output, "congkhai-lock");
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_at(parent))?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_at(&path))?;
        lock_file(&file).map_err(io_at(&path))?;
        remove_leftovers(output);
        Ok(Lock { _file: file })
    }
}

#[cfg(unix)]
fn lock_file(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::io::AsRawFd;
    loop {
        // SAFETY: the descriptor belongs to `file`, open for the duration of the call.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

#[cfg(not(unix))]
fn lock_file(_: &std::fs::File) -> io::Result<()> {
    Ok(())
}

/// Staging and old folders of builds that were killed (`.site.staging-123`, `.site.old-123`).
fn remove_leftovers(output: &Path) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return;
    };
    let prefixes = [
        format!(".{}.staging-", name.to_string_lossy()),
        format!(".{}.old-", name.to_string_lossy()),
    ];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str()))
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether `files` lists `name` with these bytes (`hash`, `len`).
fn lists(files: &HashMap<String, Listed>, name: &str, hash: u128, len: u64) -> bool {
    files
        .get(name)
        .is_some_and(|l| l.hash == hash && l.len == len)
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
    /// A build that fails before writing anything gives the spare back as it took it; any
    /// other unpublished staging folder is removed.
    fn drop(&mut self) {
        if self.published {
            return;
        }
        if let Some(spare) = self.spare.take()
            && !self.touched.load(std::sync::atomic::Ordering::Relaxed)
        {
            spare::keep(&self.target, &self.dir, &spare);
            return;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
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
    if let Some(source) = SOURCE_DIRS
        .iter()
        .find(|dir| target.starts_with(root.join(dir)))
    {
        return Err(OutputError::InsideSources(target, source));
    }
    match std::fs::symlink_metadata(&target) {
        Err(_) => {}
        Ok(m) if !m.is_dir() => return Err(OutputError::NotAFolder(target)),
        Ok(_) => {
            let ours = marker_path(&target).exists() || manifest_path(&target).exists();
            let empty = std::fs::read_dir(&target).is_ok_and(|mut d| d.next().is_none());
            if !ours && !empty {
                return Err(OutputError::NotOurs(target));
            }
        }
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
mod tests;
