//! The site as `serve` holds it: checked and planned, with each file rendered when it is
//! first asked for (by a browser, or by the pass over every file that follows each build),
//! then kept. A file kept from an earlier build is handed out again only when what it is
//! made of is unchanged (its digest, see [`context`] and [`inputs`]), so what is served is
//! always what a fresh build would write.

use super::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// What a build checked and planned: everything the renderer borrows.
pub struct Parts {
    pub model: Model,
    pub theme: Theme,
    pub printed: Printed,
    pub routes: Routes,
}

self_cell::self_cell!(
    /// The parts, and the renderer that borrows them.
    struct Held {
        owner: Parts,
        #[not_covariant]
        dependent: Renderer,
    }
);

/// A file made, and what it was made from when that is known.
struct Kept {
    digest: Option<u128>,
    bytes: Arc<[u8]>,
    /// Made (or found unchanged) for this build; otherwise carried over from an earlier one
    /// and to be checked against its digest first.
    current: bool,
}

/// One build of the site, served.
pub struct Live {
    held: Held,
    kept: Mutex<HashMap<String, Kept>>,
    /// What the files made so far said of themselves (a print pack that ran over).
    warnings: Mutex<Vec<Problem>>,
    /// Set when a newer build replaces this one: the pass over every file stops.
    retired: AtomicBool,
    reused: std::sync::atomic::AtomicUsize,
}

impl Live {
    /// This build, taking over the files `previous` made: each is checked against its
    /// digest before it is handed out again.
    pub fn new(parts: Parts, previous: Option<&Live>) -> Live {
        let kept = previous
            .map(|p| {
                let mut taken = std::mem::take(&mut *p.lock());
                taken.retain(|_, k| k.digest.is_some());
                taken.values_mut().for_each(|k| k.current = false);
                taken
            })
            .unwrap_or_default();
        Live {
            held: Held::new(parts, |p| {
                Renderer::new(&p.model, &p.theme, &p.printed, &p.routes)
            }),
            kept: Mutex::new(kept),
            warnings: Mutex::new(Vec::new()),
            retired: AtomicBool::new(false),
            reused: Default::default(),
        }
    }

    pub fn parts(&self) -> &Parts {
        self.held.borrow_owner()
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.parts().routes.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts().routes.files.is_empty()
    }

    /// The names of the site's output files, in order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.parts().routes.files.keys().map(String::as_str)
    }

    /// How many files of this build were taken over from the previous one, unchanged.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// The QR codes of this build, for the next one to reuse.
    pub fn qr_cache(&self) -> crate::qr::QrCache {
        let parts = self.parts();
        parts.printed.to_cache(&parts.model)
    }

    /// Stops the pass over every file: a newer build replaces this one.
    pub fn retire(&self) {
        self.retired.store(true, Ordering::Relaxed);
    }

    /// The bytes of output file `name` (as `urls::output_file` names it), made now if this
    /// build has not made it yet; `None` when the site has no such file.
    pub fn file(&self, name: &str) -> Option<Result<Arc<[u8]>, Diagnostics>> {
        let job = *self.parts().routes.files.get(name)?;
        Some(self.make(name, job).map_err(|(at, message)| {
            let mut diags = Diagnostics::new();
            diags.error(at, message);
            diags
        }))
    }

    /// Makes every file not made yet (print packs one at a time, beside the rest), unless
    /// a newer build comes first. Returns the problems of every file and the warnings.
    pub fn make_all(&self) -> Diagnostics {
        let made = each_file(&self.parts().routes, |(file, job)| {
            if self.retired.load(Ordering::Relaxed) {
                return Ok(());
            }
            self.make(file, *job).map(drop)
        });
        let mut diags = gather(made.into_iter().flatten()).err().unwrap_or_default();
        for (at, message) in self
            .warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            diags.warning(at.clone(), message.clone());
        }
        diags
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Kept>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn make(&self, name: &str, job: Job) -> Result<Arc<[u8]>, Problem> {
        let earlier = match self.lock().get(name) {
            Some(kept) if kept.current => return Ok(kept.bytes.clone()),
            Some(kept) => kept.digest.map(|d| (d, kept.bytes.clone())),
            None => None,
        };
        let (digest, bytes) = self
            .held
            .with_dependent(|_, renderer| self.made(renderer, name, job, earlier))?;
        self.lock().insert(
            name.to_string(),
            Kept {
                digest,
                bytes: bytes.clone(),
                current: true,
            },
        );
        Ok(bytes)
    }

    /// `name`'s digest and bytes: those `earlier` if its inputs are unchanged, else made.
    fn made(
        &self,
        renderer: &Renderer,
        name: &str,
        job: Job,
        earlier: Option<(u128, Arc<[u8]>)>,
    ) -> Result<(Option<u128>, Arc<[u8]>), Problem> {
        Ok(match earlier {
            Some((digest, bytes)) if renderer.unchanged(name, job, digest)? => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                (Some(digest), bytes)
            }
            _ => {
                let made = renderer.produce(name, job, Some(self.parts().theme.running))?;
                if let Some(warning) = made.warning {
                    self.warnings
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(warning);
                }
                let bytes: Arc<[u8]> = match made.content {
                    Produced::Page(html) => html.into_bytes().into(),
                    Produced::Bytes(bytes) => bytes.into(),
                    Produced::Borrowed(bytes) => bytes.into(),
                    Produced::Stream(write) => {
                        let mut bytes = Vec::new();
                        write(&mut bytes)
                            .map_err(|e| (Location::file(name.to_string()), e.to_string()))?;
                        bytes.into()
                    }
                    Produced::Copy(from) => std::fs::read(from)
                        .map_err(|e| (Location::file(from.display().to_string()), e.to_string()))?
                        .into(),
                };
                (made.digest, bytes)
            }
        })
    }
}
