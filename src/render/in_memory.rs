//! Rendering without writing a folder: every file into memory for `serve`, and the links
//! of every page for `check`.

use super::*;

/// A site rendered into memory, for `serve`: every file's bytes, and each page's digest
/// (see [`context`]) so that the next in-memory build can reuse pages that did not change.
#[derive(Debug, Default)]
pub struct InMemory {
    pub files: HashMap<String, Vec<u8>>,
    pub digests: HashMap<String, u128>,
}

/// Every file of the site rendered into memory, for `serve`: no folder is written. A page
/// whose digest is the one it had in `previous` is taken from there, not rendered again.
pub fn collect(
    model: &Model,
    theme: &Theme,
    printed: &Printed,
    routes: &Routes,
    previous: &InMemory,
) -> Result<InMemory, Diagnostics> {
    let site = views::site(model);
    let forms: Vec<_> = model.forms.values().collect();
    let renderer = Renderer::new(model, theme, printed, routes, &site, &forms);
    type Made = (String, Vec<u8>, Option<u128>);
    let results: Vec<Result<Made, Problem>> = routes
        .files
        .par_iter()
        .map(|(file, job)| {
            if let (Some(&digest), Some(bytes)) =
                (previous.digests.get(file), previous.files.get(file))
                && renderer.unchanged(file, *job, digest)?
            {
                return Ok((file.clone(), bytes.clone(), Some(digest)));
            }
            let made = renderer.produce(file, *job, Some(theme.running))?;
            let bytes = match made.content {
                Produced::Page(html) => html.into_bytes(),
                Produced::Bytes(bytes) => bytes,
                Produced::Borrowed(bytes) => bytes.to_vec(),
                Produced::Parts(parts) => parts.concat(),
                Produced::Copy(from) => std::fs::read(from)
                    .map_err(|e| (Location::file(from.display().to_string()), e.to_string()))?,
            };
            Ok((file.clone(), bytes, made.digest))
        })
        .collect();
    let mut site = InMemory::default();
    for (file, bytes, digest) in gather(results)? {
        if let Some(digest) = digest {
            site.digests.insert(file.clone(), digest);
        }
        site.files.insert(file, bytes);
    }
    Ok(site)
}

/// The links and anchors of every HTML page, rendered in memory: what `check` needs to
/// verify links the templates and content produce, without writing anything.
pub fn inspect(
    model: &Model,
    theme: &Theme,
    printed: &Printed,
    routes: &Routes,
) -> Result<Vec<crate::linkcheck::PageLinks>, Diagnostics> {
    let site = views::site(model);
    let forms: Vec<_> = model.forms.values().collect();
    let renderer = Renderer::new(model, theme, printed, routes, &site, &forms);
    let results: Vec<Result<Option<crate::linkcheck::PageLinks>, Problem>> = routes
        .files
        .par_iter()
        .map(
            |(file, job)| match renderer.produce(file, *job, None)?.content {
                Produced::Page(html) => Ok(Some(crate::linkcheck::PageLinks::of(file, &html))),
                _ => Ok(None),
            },
        )
        .collect();
    gather(results).map(|pages| pages.into_iter().flatten().collect())
}
