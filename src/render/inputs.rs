//! Keys for the files made from one procedure — its page, its poster — and for standalone
//! QR codes, from what they are made of rather than from their data. A rebuild after one
//! procedure changed must not build and hash the data of every other procedure's page to
//! find that it is unchanged; with these keys it compares a few precomputed digests.
//!
//! A procedure's page and poster read exactly:
//! - the procedure itself (its source file: record and Markdown);
//! - the procedures it names (`related`, `replaced_by`) and those naming it as their
//!   replacement (their summaries are shown);
//! - what every page reads: the site view (menu, counts, hotlines), the configuration,
//!   the URL scheme and base, the catalogue (names, labels, offices and their hours), the
//!   forms' names and sizes, and the running congkhai (the seed);
//! - their template, with what it draws on (its digest).
//!
//! Whether a procedure has a QR code and what it holds follows from the procedure (in force
//! or not) and the configuration. Anything else a view of a procedure starts reading must
//! be added here; `tests/output.rs` rebuilds after each kind of edit and compares with a
//! fresh build to catch a missing input.

use super::digest::hash_into;
use super::views::SiteView;
use crate::model::Model;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// The digest every key starts from.
pub struct Inputs {
    shared: u128,
}

/// A form as the views see it: its name and size, not its bytes.
#[derive(Serialize)]
struct FormInput<'a> {
    name: &'a str,
    size: u64,
}

impl Inputs {
    /// `seed` tells which congkhai runs. `None` if something cannot be hashed: then these
    /// files are checked by their data, like other pages.
    pub fn new(model: &Model, site: &SiteView, seed: u128) -> Option<Inputs> {
        let mut hash = Xxh3::new();
        hash.update(&seed.to_le_bytes());
        let forms: Vec<FormInput> = model
            .forms
            .iter()
            .map(|(name, f)| FormInput { name, size: f.size })
            .collect();
        hash_into(&mut hash, site).ok()?;
        hash_into(&mut hash, &model.config).ok()?;
        hash_into(&mut hash, &model.urls).ok()?;
        hash_into(&mut hash, &model.catalog).ok()?;
        hash_into(&mut hash, &forms).ok()?;
        Some(Inputs {
            shared: hash.digest128(),
        })
    }

    fn start(&self, kind: &[u8], template: u128) -> Xxh3 {
        let mut hash = Xxh3::new();
        hash.update(&self.shared.to_le_bytes());
        hash.update(kind);
        hash.update(&template.to_le_bytes());
        hash
    }

    /// The key of a file made from procedure `i` by the template whose digest is `template`.
    pub fn procedure(&self, model: &Model, i: usize, template: u128) -> u128 {
        let mut hash = self.start(b"procedure", template);
        let p = &model.procedures[i];
        hash.update(&p.digest.to_le_bytes());
        let r = &p.record;
        for code in r.related.iter().chain(&r.replaced_by) {
            // A named procedure that does not exist hashes as a marker: if it appears
            // later, the site view's counts change anyway.
            let named = model.procedure(code.get_ref()).map_or(0, |n| n.digest);
            hash.update(&named.to_le_bytes());
        }
        hash.update(b"replaces");
        for &j in &model.replaces[i] {
            hash.update(&model.procedures[j].digest.to_le_bytes());
        }
        hash.digest128()
    }

    /// The key of a print pack: which pack (`of`), the fonts it is set in, and every
    /// procedure whose data it prints, in order (its posters, its labels, the lists of its
    /// field posters). Office and field names, hours and hotlines are in the catalogue and
    /// configuration, which every key starts from.
    pub fn pack(
        &self,
        model: &Model,
        of: &[u8],
        fonts: u128,
        procedures: impl IntoIterator<Item = usize>,
    ) -> u128 {
        let mut hash = self.start(b"pack", fonts);
        hash.update(of);
        for i in procedures {
            hash.update(&model.procedures[i].digest.to_le_bytes());
        }
        hash.digest128()
    }

    /// The key of a standalone QR code's SVG: the code itself.
    pub fn qr(&self, qr: &crate::qr::Qr) -> Option<u128> {
        let mut hash = self.start(b"qr.svg", 0);
        hash_into(&mut hash, qr).ok()?;
        Some(hash.digest128())
    }
}
