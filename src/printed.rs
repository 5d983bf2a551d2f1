//! What gets printed for the counters: a QR code for every permanent page that a poster
//! points to (procedures, fields, offices), and the checks printed material needs — a code
//! small enough to scan from a wall, a hotline to call, a field that has procedures.
//! Nothing is printed with a dead code: only pages that exist get one.

use crate::catalog::Kind;
use crate::diagnostic::{Diagnostics, Location};
use crate::model::Model;
use crate::qr::{Qr, QrCache};
use rayon::prelude::*;

/// A code, encoded once and drawn where it is used: on the page, in `qr.svg`, on posters
/// and on label sheets. Drawings are not kept: at national scale they would take more
/// memory than the whole catalogue's codes, and drawing is cheap next to encoding.
pub struct Code {
    pub qr: Qr,
}

impl Code {
    /// The SVG, labelled with the address it holds.
    pub fn svg(&self) -> String {
        drawing(&self.qr)
    }
}

/// A code's SVG, labelled with the address it holds.
pub fn drawing(qr: &Qr) -> String {
    qr.svg(&format!("Mã QR dẫn đến {}", qr.text))
}

/// QR codes by the route of the page they point to.
pub struct Printed {
    /// Sorted by route.
    codes: Vec<(String, Code)>,
    /// Procedures (positions) that get a poster: those in force.
    pub procedures: Vec<usize>,
    /// Fields (positions) that get a poster and a label sheet: in use, with procedures.
    pub fields: Vec<usize>,
    /// Offices (positions) that get a poster and a label sheet: still receiving applications.
    pub offices: Vec<usize>,
    /// Whether these codes differ from those of the cache they were planned with: one was
    /// encoded, or the cache holds one no longer used. Only then is the cache written.
    cache_differs: bool,
}

impl Printed {
    /// Plans what gets printed; codes found in `cache` are taken from it, not encoded
    /// again (what it has left is not used).
    pub fn plan(model: &Model, mut cache: QrCache, diags: &mut Diagnostics) -> Printed {
        let u = &model.urls;
        let catalog = &model.catalog;
        let procedures: Vec<usize> = (0..model.procedures.len())
            .filter(|&i| model.procedures[i].is_active())
            .collect();
        let fields: Vec<usize> = (0..catalog.fields.len())
            .filter(|&i| {
                let field = &catalog.fields[i];
                let in_force = model.by_field[i]
                    .iter()
                    .any(|&p| model.procedures[p].is_active());
                if field.until.is_none() && !in_force {
                    diags.warning(
                        catalog.declared_at(Kind::Field, &field.key),
                        format!(
                            "field `{}` has no procedure in force: no poster or label sheet is made for it",
                            field.key
                        ),
                    );
                }
                field.until.is_none() && in_force
            })
            .collect();
        let offices: Vec<usize> = (0..catalog.offices.len())
            .filter(|&i| catalog.offices[i].until.is_none())
            .collect();
        for &i in &offices {
            let office = &catalog.offices[i];
            if office.hotline.is_none() && office.phone.is_none() {
                diags.warning(
                    catalog.declared_at(Kind::Office, &office.key),
                    format!(
                        "office `{}` has no hotline or phone: its posters show the site's hotlines instead",
                        office.key
                    ),
                );
            }
        }

        // Every procedure page gets a code (old printed codes of repealed procedures
        // still lead somewhere); posters only for what is in force.
        // Each route with the catalogue entry whose key is in it (a procedure's code is
        // fixed: only the configuration makes its address long).
        let mut routes: Vec<(String, Option<(Kind, &str)>)> = model
            .procedures
            .iter()
            .map(|p| (u.procedure(p.code()), None))
            .collect();
        routes.extend(fields.iter().map(|&i| {
            let key = catalog.fields[i].key.as_str();
            (u.field(key), Some((Kind::Field, key)))
        }));
        routes.extend(offices.iter().map(|&i| {
            let key = catalog.offices[i].key.as_str();
            (u.office(key), Some((Kind::Office, key)))
        }));
        let ec = model.config.qr.error_correction;
        let texts: Vec<String> = routes.par_iter().map(|(r, _)| u.absolute(r)).collect();
        let cached_before = cache.len();
        let taken: Vec<(String, Option<Qr>)> =
            texts.into_iter().map(|text| cache.take(ec, text)).collect();
        drop(cache);
        type Encoded<'k> = (String, Option<(Kind, &'k str)>, Result<Code, String>, bool);
        let encoded: Vec<Encoded> = routes
            .into_par_iter()
            .zip(taken)
            .map(|((route, entry), (text, cached))| {
                let (qr, cached) = match cached {
                    Some(qr) => (Ok(qr), true),
                    None => (Qr::encode(&text, ec), false),
                };
                let code = qr.map(|qr| Code { qr });
                (route, entry, code, cached)
            })
            .collect();
        let reused = encoded.iter().filter(|e| e.3).count();
        let cache_differs = reused != encoded.len() || reused != cached_before;
        let mut codes = Vec::new();
        for (route, entry, qr, _) in encoded {
            match qr {
                Ok(code) => {
                    let qr = &code.qr;
                    if qr.version > model.config.qr.max_version {
                        let (at, what) = match entry {
                            Some((kind, key)) => (
                                catalog.declared_at(kind, key),
                                format!(
                                    "shorten the key `{key}` (before it is printed: a printed key never changes), the URL prefix or base_url"
                                ),
                            ),
                            None => (
                                Location::file(crate::config::CONFIG_FILE),
                                "shorten the URL prefix or base_url".to_string(),
                            ),
                        };
                        diags.warning(
                            at,
                            format!(
                                "the QR code of {} needs version {} ({} modules), above max_version {}: {what} so printed codes stay easy to scan",
                                qr.text, qr.version, qr.width, model.config.qr.max_version
                            ),
                        );
                    }
                    codes.push((route, code));
                }
                Err(message) => diags.error(Location::file(crate::config::CONFIG_FILE), message),
            }
        }
        codes.sort_by(|a, b| a.0.cmp(&b.0));
        Printed {
            codes,
            procedures,
            fields,
            offices,
            cache_differs,
        }
    }

    /// The code pointing to `route`, if that page gets one.
    pub fn code(&self, route: &str) -> Option<&Code> {
        self.codes
            .binary_search_by(|(r, _)| r.as_str().cmp(route))
            .ok()
            .map(|i| &self.codes[i].1)
    }

    /// This build's codes, for the next build to reuse.
    pub fn to_cache(&self, model: &Model) -> QrCache {
        let mut cache = QrCache::default();
        for (_, code) in &self.codes {
            cache.insert(model.config.qr.error_correction, code.qr.clone());
        }
        cache
    }

    /// Writes this build's codes to `path`, for the next build to reuse, unless they are
    /// the codes it was planned with.
    pub fn save(&self, model: &Model, path: &std::path::Path) {
        if !self.cache_differs && path.is_file() {
            return;
        }
        QrCache::write(
            path,
            model.config.qr.error_correction,
            self.codes.iter().map(|(_, code)| &code.qr),
        );
    }

    /// Every code with the route it points to, sorted by route.
    pub fn codes(&self) -> &[(String, Code)] {
        &self.codes
    }
}
