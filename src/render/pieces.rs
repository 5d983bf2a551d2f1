//! Whole-catalogue files — the open-data records as JSON, JSON Lines and CSV, the CPSV-AP
//! graph, the search index — assembled from one piece per procedure, kept between builds.
//!
//! Beside the output (`.site.congkhai-pieces/`, one small file per whole-catalogue file) an
//! index says, for each piece of the file in place, its key (what the piece is made of: see
//! [`super::inputs`]) and where its bytes are in the file; for a graph, also the shared
//! nodes (agencies, code-list values) each piece names and where they are. A rebuild copies
//! every piece whose key is unchanged from the file in place and makes only the others, so
//! editing one procedure re-makes one record, not ten thousand. The index names the file it
//! describes by length and checksum, which must be what the output's file list says the
//! site in place holds, and ends with a checksum of its own: a changed file or a damaged
//! index costs a full make, never a wrong piece.

use super::indexes::Indexes;
use std::collections::HashMap;
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"congkhai-pieces 1\n";
const FOLDER: &str = "congkhai-pieces";

/// Procedures made at once, in parallel, before their pieces are written in order: enough
/// to keep every core busy, few enough that the files assembled side by side hold tens of
/// megabytes of pieces between them at national scale, not a hundred.
const BATCH: usize = 1024;

/// A piece made for one procedure: its bytes, and for a graph the shared nodes it names
/// (`@id`, then the node's bytes).
#[derive(Default)]
pub struct Piece {
    pub bytes: Vec<u8>,
    pub shared: Vec<(String, Vec<u8>)>,
}

impl From<Vec<u8>> for Piece {
    fn from(bytes: Vec<u8>) -> Piece {
        Piece {
            bytes,
            shared: Vec::new(),
        }
    }
}

/// A stretch of a file: offset, length.
type Range = (u64, u64);

/// The pieces of a file in place, as its index lists them.
pub struct Kept {
    file: PathBuf,
    /// By key: where the piece is, and the shared nodes it names (into `shared`).
    pieces: HashMap<u128, (Range, Vec<u32>)>,
    shared: Vec<(String, Range)>,
}

/// The index of a file as written: its pieces in order (key, where, shared nodes named),
/// and the shared nodes.
#[derive(Default)]
struct Index {
    pieces: Vec<(u128, Range, Vec<u32>)>,
    shared: Vec<(String, Range)>,
}

/// Where the indexes of the site published at an output are kept.
pub struct Store {
    indexes: Indexes,
    output: PathBuf,
}

impl Store {
    pub fn new(output: &Path) -> Store {
        Store {
            indexes: Indexes::beside(output, FOLDER),
            output: output.to_path_buf(),
        }
    }

    /// The pieces of `file` (`/`-separated, below the output) as the site in place has it,
    /// when that file is `listed` (checksum, length) and its index describes exactly it.
    pub fn read(&self, file: &str, listed: Option<(u128, u64)>) -> Option<Kept> {
        let (hash, len) = listed?;
        let bytes = self.indexes.read(file)?;
        let (index, described) = decode(&bytes)?;
        if described != (hash, len) {
            return None;
        }
        let path = file
            .split('/')
            .fold(self.output.clone(), |p, part| p.join(part));
        Some(Kept {
            file: path,
            pieces: index
                .pieces
                .into_iter()
                .map(|(key, at, shared)| (key, (at, shared)))
                .collect(),
            shared: index.shared,
        })
    }

    /// Writes the index of `file` as just assembled. Best effort: a lost index only costs
    /// a full make next time.
    fn write(&self, file: &str, index: &Index, described: (u128, u64)) {
        self.indexes.write(file, &encode(index, described));
    }
}

/// Deletes the indexes of whole-catalogue files the site published at `output` no longer
/// has (all of them when `files` is empty, and then the folder).
pub fn prune<'f>(output: &Path, files: impl IntoIterator<Item = &'f str>) {
    Indexes::beside(output, FOLDER).prune(files);
}

/// Where a shared node's bytes come from.
enum Source {
    Made(Vec<u8>),
    InPlace(Range),
}

/// Writes one whole-catalogue file: a head, the pieces of the procedures in order (each kept
/// from the file in place or made), the shared nodes they name, a tail; and its index.
pub struct Assembler<'o> {
    out: &'o mut dyn Write,
    written: u64,
    hash: xxhash_rust::xxh3::Xxh3,
    previous: Option<(BufReader<std::fs::File>, u64)>,
    kept: Option<Kept>,
    index: Index,
    /// The shared nodes named so far, first naming first (a node is the same whoever names
    /// it), with their ids in the new index.
    shared: Vec<(String, Source)>,
    ids: HashMap<String, u32>,
    /// The new id of each shared node of the file in place, once named.
    kept_ids: Vec<Option<u32>>,
}

impl<'o> Assembler<'o> {
    /// An assembler writing to `out`, taking unchanged pieces from `kept`.
    pub fn new(out: &'o mut dyn Write, kept: Option<Kept>) -> Assembler<'o> {
        let previous = kept
            .as_ref()
            .and_then(|k| std::fs::File::open(&k.file).ok())
            .map(|f| (BufReader::with_capacity(1 << 18, f), 0));
        let kept = kept.filter(|_| previous.is_some());
        Assembler {
            out,
            written: 0,
            hash: xxhash_rust::xxh3::Xxh3::new(),
            previous,
            kept_ids: kept
                .as_ref()
                .map_or(Vec::new(), |k| vec![None; k.shared.len()]),
            kept,
            index: Index::default(),
            shared: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// Writes bytes of the file's frame (head, separators, tail).
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.hash.update(bytes);
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Copies a stretch of the file in place.
    fn copy(&mut self, (offset, len): Range) -> io::Result<()> {
        let (reader, position) = self
            .previous
            .as_mut()
            .expect("pieces are kept only with their file");
        // Pieces follow one another, a separator apart: a short step forward keeps what
        // is buffered.
        match offset.checked_sub(*position) {
            Some(0) => {}
            Some(ahead) if ahead < 1 << 16 => reader.seek_relative(ahead as i64)?,
            _ => {
                reader.seek(SeekFrom::Start(offset))?;
            }
        }
        let mut left = len;
        let mut buffer = [0u8; 1 << 16];
        while left > 0 {
            let want = buffer.len().min(left as usize);
            reader.read_exact(&mut buffer[..want])?;
            self.out.write_all(&buffer[..want])?;
            self.hash.update(&buffer[..want]);
            left -= want as u64;
        }
        *position = offset + len;
        self.written += len;
        Ok(())
    }

    /// Names a shared node made now, unless one with its `@id` is named already.
    pub fn share(&mut self, iri: String, bytes: Vec<u8>) -> u32 {
        if let Some(&id) = self.ids.get(&iri) {
            return id;
        }
        let id = self.shared.len() as u32;
        self.ids.insert(iri.clone(), id);
        self.shared.push((iri, Source::Made(bytes)));
        id
    }

    /// Names the shared node `k` of the file in place.
    fn share_kept(&mut self, k: u32) -> u32 {
        if let Some(id) = self.kept_ids[k as usize] {
            return id;
        }
        let (iri, at) = &self.kept.as_ref().expect("kept pieces")[k];
        let id = match self.ids.get(iri) {
            Some(&id) => id,
            None => {
                let id = self.shared.len() as u32;
                self.ids.insert(iri.clone(), id);
                self.shared.push((iri.clone(), Source::InPlace(*at)));
                id
            }
        };
        self.kept_ids[k as usize] = Some(id);
        id
    }

    /// Writes the pieces of `items` (a procedure's position and its key), in order, joined
    /// by `separator`: each kept from the file in place when its key is there, else made by
    /// `make`, a batch at a time — on every core when `spread`. (A cheap file is made on the
    /// thread that asks for it: `serve` asks for the search index while every core is busy
    /// with the rest of the site, and would wait for them.)
    pub fn pieces(
        &mut self,
        items: &[(usize, u128)],
        separator: &[u8],
        spread: bool,
        make: &(dyn Fn(usize) -> Piece + Sync),
    ) -> io::Result<()> {
        use rayon::prelude::*;
        for batch in items.chunks(BATCH) {
            let kept = self.kept.as_ref();
            let one = |&(i, key): &(usize, u128)| {
                let in_place = kept.is_some_and(|k| k.pieces.contains_key(&key));
                (!in_place).then(|| make(i))
            };
            let made: Vec<Option<Piece>> = if spread {
                batch.par_iter().map(one).collect()
            } else {
                batch.iter().map(one).collect()
            };
            for (&(_, key), piece) in batch.iter().zip(made) {
                if !self.index.pieces.is_empty() {
                    self.write(separator)?;
                }
                let start = self.written;
                let names = match piece {
                    Some(piece) => {
                        self.write(&piece.bytes)?;
                        piece
                            .shared
                            .into_iter()
                            .map(|(iri, bytes)| self.share(iri, bytes))
                            .collect()
                    }
                    None => {
                        let (at, named) = self.kept.as_ref().expect("kept")[key].clone();
                        self.copy(at)?;
                        named.into_iter().map(|k| self.share_kept(k)).collect()
                    }
                };
                self.index
                    .pieces
                    .push((key, (start, self.written - start), names));
            }
        }
        Ok(())
    }

    /// Writes every shared node named, in the order of their `@id`s, joined by `separator`.
    pub fn shared_nodes(&mut self, separator: &[u8]) -> io::Result<()> {
        let mut order: Vec<usize> = (0..self.shared.len()).collect();
        order.sort_by(|&a, &b| self.shared[a].0.cmp(&self.shared[b].0));
        let mut at = vec![(0, 0); self.shared.len()];
        for (n, &i) in order.iter().enumerate() {
            if n > 0 {
                self.write(separator)?;
            }
            let start = self.written;
            match std::mem::replace(&mut self.shared[i].1, Source::Made(Vec::new())) {
                Source::Made(bytes) => self.write(&bytes)?,
                Source::InPlace(range) => self.copy(range)?,
            }
            at[i] = (start, self.written - start);
        }
        self.index.shared = std::mem::take(&mut self.shared)
            .into_iter()
            .zip(at)
            .map(|((iri, _), at)| (iri, at))
            .collect();
        Ok(())
    }

    /// Ends the file: its index is written to `store` as `file`'s, when there is one.
    pub fn finish(self, store: Option<(&Store, &str)>) {
        if let Some((store, file)) = store {
            store.write(file, &self.index, (self.hash.digest128(), self.written));
        }
    }
}

impl std::ops::Index<u128> for Kept {
    type Output = (Range, Vec<u32>);
    fn index(&self, key: u128) -> &Self::Output {
        &self.pieces[&key]
    }
}

impl std::ops::Index<u32> for Kept {
    type Output = (String, Range);
    fn index(&self, k: u32) -> &Self::Output {
        &self.shared[k as usize]
    }
}

fn encode(index: &Index, (hash, len): (u128, u64)) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + 64 + index.pieces.len() * 40);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&hash.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(index.shared.len() as u64).to_le_bytes());
    for (iri, (offset, len)) in &index.shared {
        out.extend_from_slice(&(iri.len() as u32).to_le_bytes());
        out.extend_from_slice(iri.as_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
    }
    out.extend_from_slice(&(index.pieces.len() as u64).to_le_bytes());
    for (key, (offset, len), named) in &index.pieces {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(named.len() as u32).to_le_bytes());
        for id in named {
            out.extend_from_slice(&id.to_le_bytes());
        }
    }
    let check = xxhash_rust::xxh3::xxh3_128(&out);
    out.extend_from_slice(&check.to_le_bytes());
    out
}

/// An index and the file it describes (checksum, length); `None` when it is not one
/// congkhai wrote whole.
fn decode(bytes: &[u8]) -> Option<(Index, (u128, u64))> {
    let (body, check) = bytes.split_at_checked(bytes.len().checked_sub(16)?)?;
    if xxhash_rust::xxh3::xxh3_128(body) != u128::from_le_bytes(check.try_into().ok()?) {
        return None;
    }
    let mut r = Reader(body.strip_prefix(MAGIC)?);
    let described = (r.u128()?, r.u64()?);
    let mut index = Index::default();
    for _ in 0..r.u64()? {
        let len = r.u32()? as usize;
        let iri = String::from_utf8(r.take(len)?.to_vec()).ok()?;
        index.shared.push((iri, (r.u64()?, r.u64()?)));
    }
    for _ in 0..r.u64()? {
        let (key, at) = (r.u128()?, (r.u64()?, r.u64()?));
        let named = (0..r.u32()?)
            .map(|_| r.u32().filter(|&k| (k as usize) < index.shared.len()))
            .collect::<Option<Vec<u32>>>()?;
        index.pieces.push((key, at, named));
    }
    r.0.is_empty().then_some((index, described))
}

struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Procedure `i`'s piece: its text, and the shared nodes it names.
    fn piece(text: &str, shared: &[&str]) -> Piece {
        Piece {
            bytes: text.as_bytes().to_vec(),
            shared: shared
                .iter()
                .map(|iri| (iri.to_string(), format!("{{{iri}}}").into_bytes()))
                .collect(),
        }
    }

    /// Assembles `texts` (key, text, shared nodes) as a graph-like file into `output/f`,
    /// taking pieces from the file in place; returns the bytes and the pieces made.
    fn assemble(output: &Path, items: &[(u128, &str, &[&str])]) -> (Vec<u8>, Vec<usize>) {
        let store = Store::new(output);
        let path = output.join("f");
        let kept = std::fs::read(&path).ok().and_then(|bytes| {
            let listed = (xxhash_rust::xxh3::xxh3_128(&bytes), bytes.len() as u64);
            store.read("f", Some(listed))
        });
        let made = std::sync::Mutex::new(Vec::new());
        let mut bytes = Vec::new();
        let mut a = Assembler::new(&mut bytes, kept);
        a.write(b"[").unwrap();
        a.share("first".into(), b"{first}".to_vec());
        let keyed: Vec<(usize, u128)> = items.iter().enumerate().map(|(i, t)| (i, t.0)).collect();
        a.pieces(&keyed, b",", true, &|i| {
            made.lock().unwrap().push(i);
            piece(items[i].1, items[i].2)
        })
        .unwrap();
        a.write(b"|").unwrap();
        a.shared_nodes(b";").unwrap();
        a.write(b"]").unwrap();
        a.finish(Some((&store, "f")));
        std::fs::create_dir_all(output).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let mut made = made.into_inner().unwrap();
        made.sort();
        (bytes, made)
    }

    #[test]
    fn unchanged_pieces_are_copied_and_the_file_is_what_a_fresh_make_gives() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, fresh) = (tmp.path().join("out"), tmp.path().join("fresh"));
        let first: &[(u128, &str, &[&str])] =
            &[(1, "a", &["x", "y"]), (2, "b", &["y"]), (3, "c", &[])];
        let (bytes, made) = assemble(&out, first);
        assert_eq!(bytes, b"[a,b,c|{first};{x};{y}]");
        assert_eq!(made, [0, 1, 2]);
        // `b` changes (new key), `a` goes, `d` comes: only `b` and `d` are made, and the
        // node only `a` named goes with it.
        let second: &[(u128, &str, &[&str])] =
            &[(4, "b2", &["z"]), (3, "c", &[]), (5, "d", &["y"])];
        let (bytes, made) = assemble(&out, second);
        assert_eq!(made, [0, 2]);
        assert_eq!(bytes, assemble(&fresh, second).0);
        assert_eq!(bytes, b"[b2,c,d|{first};{y};{z}]");
        // A piece kept names the shared nodes it named when it was made.
        let third: &[(u128, &str, &[&str])] = &[(1, "a", &["x", "y"]), (3, "c", &[])];
        let (_, made) = assemble(&out, third);
        assert_eq!(made, [0]);
        let (bytes, made) = assemble(&out, &[(3, "c", &[]), (1, "a", &["x", "y"])]);
        assert_eq!(made, Vec::<usize>::new(), "reordered pieces are still kept");
        assert_eq!(bytes, b"[c,a|{first};{x};{y}]");
    }

    #[test]
    fn an_index_that_does_not_describe_the_file_in_place_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let items: &[(u128, &str, &[&str])] = &[(1, "a", &["x"]), (2, "b", &[])];
        assemble(&out, items);
        // The file in place changed by hand: its checksum is not the index's.
        std::fs::write(out.join("f"), b"[A,B|{first};{x}]").unwrap();
        let (bytes, made) = assemble(&out, items);
        assert_eq!(
            (bytes.as_slice(), made.as_slice()),
            (&b"[a,b|{first};{x}]"[..], &[0, 1][..])
        );
        // A damaged index is refused whole.
        let index = Store::new(&out).indexes.path("f");
        let mut damaged = std::fs::read(&index).unwrap();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 1;
        std::fs::write(&index, damaged).unwrap();
        assert_eq!(assemble(&out, items).1, [0, 1]);
        // With no index at all, everything is made.
        std::fs::remove_file(&index).unwrap();
        assert_eq!(assemble(&out, items).1, [0, 1]);
        assert_eq!(assemble(&out, items).1, Vec::<usize>::new());
    }
}
