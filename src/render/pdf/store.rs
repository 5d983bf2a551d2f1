//! Sheets kept from the last build: a pack made again takes every sheet whose view is
//! unchanged from the pack it replaces, as drawn, and draws only the others. Beside the
//! output (`.site.congkhai-sheets/`, one small file per pack) an index says, for each sheet
//! of the pack in place, the digest of what it shows, where its content stream is in the
//! pack and the glyphs it uses; the content itself is read from the pack, so nothing is
//! written twice. The index names the congkhai and the fonts that drew the pack and its
//! length and checksum, and ends with a checksum of its own: anything that does not match
//! is drawn again, so a damaged or stale index costs time, never a wrong sheet.

use super::super::indexes::Indexes;
use super::writer::{Drawing, FontId, Glyphs};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"congkhai-sheets 2\n";
const FOLDER: &str = "congkhai-sheets";

/// A sheet as kept: whether it fitted above its foot, and the drawing.
pub type Kept = (bool, Drawing);

/// A sheet of a pack as written: its key, whether it fitted, where its content stream is
/// in the pack (offset, length), its glyphs.
pub struct Placed<'d> {
    pub key: u128,
    pub fits: bool,
    pub at: (usize, usize),
    pub glyphs: &'d Glyphs,
}

/// Where the sheets are kept, for the congkhai and fonts drawing now.
pub struct Store {
    indexes: Indexes,
    output: PathBuf,
    /// The running congkhai and the fonts.
    stamp: [u8; 32],
}

impl Store {
    /// The store of the site published at `output`.
    pub fn new(output: &Path, running: u128, fonts: u128) -> Store {
        let mut stamp = [0u8; 32];
        stamp[..16].copy_from_slice(&running.to_le_bytes());
        stamp[16..].copy_from_slice(&fonts.to_le_bytes());
        Store {
            indexes: Indexes::beside(output, FOLDER),
            output: output.to_path_buf(),
            stamp,
        }
    }

    /// The sheets of the pack in place at `pack` (its output file, `/`-separated); none
    /// when it or its index is missing or not to be trusted.
    pub fn read(&self, pack: &str) -> HashMap<u128, Kept> {
        let Some(index) = self.indexes.read(pack) else {
            return HashMap::new();
        };
        let path = pack
            .split('/')
            .fold(self.output.clone(), |path, part| path.join(part));
        let Ok(pdf) = std::fs::read(path) else {
            return HashMap::new();
        };
        decode(&index, &self.stamp, &pdf).unwrap_or_default()
    }

    /// Keeps the index of `pdf`, written at `pack`, whose sheets are `sheets`. Best effort:
    /// an index that cannot be written only means drawing again next time.
    pub fn write(&self, pack: &str, pdf: &[u8], sheets: &[Placed]) {
        self.indexes.write(pack, &encode(sheets, &self.stamp, pdf));
    }
}

/// Deletes the indexes of packs the site published at `output` no longer has (all of them
/// when `packs` is empty, and then the folder).
pub fn prune<'p>(output: &Path, packs: impl IntoIterator<Item = &'p str>) {
    Indexes::beside(output, FOLDER).prune(packs);
}

fn encode(sheets: &[Placed], stamp: &[u8; 32], pdf: &[u8]) -> Vec<u8> {
    let size: usize = sheets.iter().map(|s| 36 + s.glyphs.len() * 6).sum();
    let mut out = Vec::with_capacity(MAGIC.len() + 52 + size);
    out.extend(MAGIC);
    out.extend(stamp);
    out.extend((pdf.len() as u64).to_le_bytes());
    out.extend(xxhash_rust::xxh3::xxh3_64(pdf).to_le_bytes());
    out.extend((sheets.len() as u32).to_le_bytes());
    for sheet in sheets {
        out.extend(sheet.key.to_le_bytes());
        out.push(u8::from(sheet.fits));
        out.extend((sheet.at.0 as u64).to_le_bytes());
        out.extend((sheet.at.1 as u32).to_le_bytes());
        out.extend((sheet.glyphs.len() as u32).to_le_bytes());
        for (font, glyph, text) in sheet.glyphs {
            out.push(*font as u8);
            out.extend(glyph.to_le_bytes());
            out.extend((text.len() as u16).to_le_bytes());
            out.extend(text.as_bytes());
        }
    }
    let sum = xxhash_rust::xxh3::xxh3_64(&out);
    out.extend(sum.to_le_bytes());
    out
}

/// Reads bytes in order; `None` past the end.
struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u32(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.array()?) as usize)
    }

    fn u64(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.array()?)).ok()
    }
}

fn decode(index: &[u8], stamp: &[u8; 32], pdf: &[u8]) -> Option<HashMap<u128, Kept>> {
    let (body, sum) = index.split_at_checked(index.len().checked_sub(8)?)?;
    if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
        return None;
    }
    let mut r = Reader(body);
    if r.take(MAGIC.len())? != MAGIC || r.take(32)? != stamp {
        return None;
    }
    if r.u64()? != pdf.len() || r.array()? != xxhash_rust::xxh3::xxh3_64(pdf).to_le_bytes() {
        return None;
    }
    let count = r.u32()?;
    let mut sheets = HashMap::with_capacity(count.min(100_000));
    for _ in 0..count {
        let key = u128::from_le_bytes(r.array()?);
        let fits = r.array::<1>()?[0] == 1;
        let at = r.u64()?;
        let len = r.u32()?;
        let content = pdf.get(at..at.checked_add(len)?)?.to_vec();
        let glyph_count = r.u32()?;
        let mut glyphs = Vec::with_capacity(glyph_count.min(65_536));
        for _ in 0..glyph_count {
            let font = FontId::from_byte(r.array::<1>()?[0])?;
            let glyph = u16::from_le_bytes(r.array()?);
            let len = usize::from(u16::from_le_bytes(r.array()?));
            let text = std::str::from_utf8(r.take(len)?).ok()?;
            glyphs.push((font, glyph, Box::from(text)));
        }
        sheets.insert(key, (fits, Drawing { content, glyphs }));
    }
    r.0.is_empty().then_some(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_sheets_read_back_from_their_pack_and_nothing_else_is_trusted() {
        let stamp = [5u8; 32];
        let pdf = b"%PDF ... stream\nABC\nendstream ... stream\n\nendstream".to_vec();
        let glyphs: Glyphs = vec![
            (FontId::Bold, 300, Box::from("ệ")),
            (FontId::Regular, 3, Box::from("")),
        ];
        let none = Glyphs::new();
        let sheets = [
            Placed {
                key: 7,
                fits: true,
                at: (16, 3),
                glyphs: &glyphs,
            },
            Placed {
                key: 9,
                fits: false,
                at: (44, 0),
                glyphs: &none,
            },
        ];
        let index = encode(&sheets, &stamp, &pdf);
        let back = decode(&index, &stamp, &pdf).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(
            back[&7],
            (
                true,
                Drawing {
                    content: b"ABC".to_vec(),
                    glyphs: glyphs.clone()
                }
            )
        );
        assert_eq!(
            back[&9],
            (
                false,
                Drawing {
                    content: vec![],
                    glyphs: vec![]
                }
            )
        );
        // Another congkhai or other fonts, another pack, a flipped byte, a cut file.
        assert!(decode(&index, &[6u8; 32], &pdf).is_none());
        let mut other = pdf.clone();
        other[17] = b'X';
        assert!(decode(&index, &stamp, &other).is_none());
        assert!(decode(&index, &stamp, &pdf[1..]).is_none());
        for at in [0, MAGIC.len() + 40, index.len() - 9, index.len() - 1] {
            let mut damaged = index.clone();
            damaged[at] ^= 1;
            assert!(
                decode(&damaged, &stamp, &pdf).is_none(),
                "byte {at} flipped"
            );
        }
        assert!(decode(&index[..index.len() - 3], &stamp, &pdf).is_none());
        assert!(decode(&[], &stamp, &pdf).is_none());
    }
}
