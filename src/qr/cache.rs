//! QR codes kept from the last build (`.site.congkhai-qr`, beside the output; `serve` keeps
//! them in memory): a code depends only on its address and error-correction level, so a
//! rebuild draws only the codes of new addresses. Every line carries its own checksum and
//! the file names the congkhai that wrote it; anything that does not match is encoded
//! again, so a damaged cache can cost time but never print a wrong code.

use super::{ErrorCorrection, Qr};
use std::collections::HashMap;
use std::path::Path;

/// Codes by error-correction level and text.
#[derive(Debug, Default, Clone)]
pub struct QrCache {
    codes: HashMap<(ErrorCorrection, String), Qr>,
}

/// The first line: which congkhai (and so which encoder) wrote the codes.
fn header() -> String {
    format!("congkhai-qr 1 {}", env!("CARGO_PKG_VERSION"))
}

impl QrCache {
    /// The codes in `path`; empty when it is missing, from another version, or unreadable.
    pub fn read(path: &Path) -> QrCache {
        let mut cache = QrCache::default();
        let Ok(text) = std::fs::read_to_string(path) else {
            return cache;
        };
        let mut lines = text.lines();
        if lines.next() != Some(header().as_str()) {
            return cache;
        }
        for line in lines {
            if let Some((ec, qr)) = parse(line) {
                cache.codes.insert((ec, qr.text.clone()), qr);
            }
        }
        cache
    }

    /// Writes `codes` (all at level `ec`) to `path`. A lost cache only costs time.
    pub fn write<'a>(path: &Path, ec: ErrorCorrection, codes: impl Iterator<Item = &'a Qr>) {
        // Streamed line by line: a national catalogue's codes are tens of megabytes, and
        // they are written at the end of a build, when it holds the most. A file cut short
        // loses only its last line (each line carries its checksum).
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
            writeln!(file, "{}", header())?;
            for qr in codes {
                let body = format!(
                    "{ec:?} {} {} {} {}",
                    qr.version,
                    qr.width,
                    hex(&qr.modules),
                    qr.text
                );
                writeln!(file, "{:016x} {body}", checksum(&body))?;
            }
            file.flush()
        };
        let _ = write();
    }

    /// The code of `text`, left in the cache (builds take theirs out: [`QrCache::take`]).
    #[cfg(test)]
    pub fn get(&self, text: &str, ec: ErrorCorrection) -> Option<&Qr> {
        self.codes.get(&(ec, text.to_string()))
    }

    /// Takes out the code of `text`, if there is one; gives the text back.
    pub fn take(&mut self, ec: ErrorCorrection, text: String) -> (String, Option<Qr>) {
        let key = (ec, text);
        let qr = self.codes.remove(&key);
        (key.1, qr)
    }

    pub fn insert(&mut self, ec: ErrorCorrection, qr: Qr) {
        self.codes.insert((ec, qr.text.clone()), qr);
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

fn checksum(body: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(body.as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One line back into a code, or `None` if anything about it is off.
fn parse(line: &str) -> Option<(ErrorCorrection, Qr)> {
    let (sum, body) = line.split_once(' ')?;
    if u64::from_str_radix(sum, 16).ok()? != checksum(body) {
        return None;
    }
    let mut parts = body.splitn(5, ' ');
    let ec = match parts.next()? {
        "L" => ErrorCorrection::L,
        "M" => ErrorCorrection::M,
        "Q" => ErrorCorrection::Q,
        "H" => ErrorCorrection::H,
        _ => return None,
    };
    let version: u8 = parts.next()?.parse().ok()?;
    let width: usize = parts.next()?.parse().ok()?;
    let bits = parts.next()?;
    let text = parts.next()?;
    if !(1..=40).contains(&version)
        || width != 17 + 4 * version as usize
        || bits.len() != 2 * (width * width).div_ceil(8)
        || !text.is_ascii()
    {
        return None;
    }
    let modules = (0..bits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&bits[i..i + 2], 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some((
        ec,
        Qr {
            text: text.to_string(),
            version,
            width,
            modules,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_come_back_as_written_and_damage_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("qr");
        let a = Qr::encode(
            "https://tthc.camau.gov.vn/tthc/1.001193/",
            ErrorCorrection::M,
        )
        .unwrap();
        let b = Qr::encode(
            "https://tthc.camau.gov.vn/tthc/2.000001/",
            ErrorCorrection::M,
        )
        .unwrap();
        QrCache::write(&path, ErrorCorrection::M, [&a, &b].into_iter());
        let cache = QrCache::read(&path);
        assert_eq!(cache.len(), 2);
        let back = cache.get(&a.text, ErrorCorrection::M).unwrap();
        assert_eq!((back.version, back.width), (a.version, a.width));
        assert_eq!(back.modules, a.modules);
        assert!(cache.get(&a.text, ErrorCorrection::H).is_none());
        // Flip one module of the first code: that line is dropped, the other kept.
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().nth(1).unwrap();
        let bits_at = line.len() - a.text.len() - 3;
        let flipped = if &line[bits_at..=bits_at] == "0" {
            "1"
        } else {
            "0"
        };
        let damaged = text.replacen(
            line,
            &format!("{}{flipped}{}", &line[..bits_at], &line[bits_at + 1..]),
            1,
        );
        std::fs::write(&path, damaged).unwrap();
        let cache = QrCache::read(&path);
        assert_eq!(cache.len(), 1);
        assert!(cache.get(&a.text, ErrorCorrection::M).is_none());
        // Another version's file is ignored whole.
        std::fs::write(&path, text.replacen("congkhai-qr 1", "congkhai-qr 0", 1)).unwrap();
        assert!(QrCache::read(&path).is_empty());
    }
}
