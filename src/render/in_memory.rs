//! Rendering without writing a folder: the links of every page, for `check`.

use super::*;

/// The links and anchors of every HTML page, rendered in memory: what `check` needs to
/// verify links the templates and content produce, without writing anything.
pub fn inspect(
    model: &Model,
    theme: &Theme,
    printed: &Printed,
    routes: &Routes,
) -> Result<Vec<crate::linkcheck::PageLinks>, Diagnostics> {
    let renderer = Renderer::new(model, theme, printed, routes);
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
