//! Folders of small indexes kept beside the output, one index per output file it describes
//! (the print packs' sheets, the pieces of the whole-catalogue files): named by a hash of
//! the file's name, written whole or not at all, and pruned of the files the site no
//! longer has. Best effort throughout: a lost index only costs work in the next build.

use std::path::{Path, PathBuf};

pub struct Indexes {
    dir: PathBuf,
}

impl Indexes {
    /// The folder `.<output>.<suffix>` beside `output`.
    pub fn beside(output: &Path, suffix: &str) -> Indexes {
        Indexes {
            dir: crate::output::beside(output, suffix),
        }
    }

    /// Where the index of the output file `file` (`/`-separated) is kept.
    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(format!(
            "{:032x}",
            xxhash_rust::xxh3::xxh3_128(file.as_bytes())
        ))
    }

    pub fn read(&self, file: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(file)).ok()
    }

    /// Keeps `bytes` as the index of `file`: written beside it, then renamed into place, so
    /// that a reader finds the old index or the new one; neither when writing fails.
    pub fn write(&self, file: &str, bytes: &[u8]) {
        let path = self.path(file);
        let temporary = path.with_extension("new");
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::write(&temporary, bytes))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
            let _ = std::fs::remove_file(&path);
        }
    }

    /// Deletes the indexes of every file but `files` (all of them when `files` is empty,
    /// and then the folder).
    pub fn prune<'f>(&self, files: impl IntoIterator<Item = &'f str>) {
        let keep: std::collections::HashSet<PathBuf> =
            files.into_iter().map(|f| self.path(f)).collect();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            if !keep.contains(&entry.path()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        if keep.is_empty() {
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}
