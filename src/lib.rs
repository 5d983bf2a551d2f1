//! congkhai turns a catalogue of administrative procedures, kept as TOML and Markdown in a
//! git repository, into a static site with one permanent page per procedure.
//!
//! The build is a line of stages, each a function of the one before:
//! [`config`] → [`catalog`] + [`load`] → [`validate`] → [`model`] → [`render`] → [`output`].
//! Problems are collected as [`diagnostic::Diagnostics`] at every stage and reported
//! together; nothing is written unless the whole build succeeds.

pub mod catalog;
pub mod config;
pub mod date;
pub mod deploy;
pub mod diagnostic;
pub mod escape;
pub mod fingerprint;
pub mod history;
pub mod import;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod national;
pub mod number;
pub mod output;
pub mod placeholder;
pub mod printed;
pub mod procedure;
pub mod qr;
pub mod render;
pub mod running;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod statistics;
mod suggest;
pub mod theme;
pub mod timings;
pub mod urls;
pub mod validate;
pub mod vi;
pub mod weburl;

use diagnostic::Diagnostics;
use std::path::{Path, PathBuf};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: holds `congkhai.toml`, `content/`, optionally `themes/`, `templates/`,
    /// `static/`.
    pub root: PathBuf,
    /// The output folder; replaced as a whole when the build succeeds.
    pub output: PathBuf,
    /// Build even when nothing changed since the last successful build.
    pub force: bool,
    /// Publish the catalogue as it stands on this day (`None`: today in Vietnam).
    pub date: Option<date::Date>,
}

/// A finished build.
#[derive(Debug)]
pub struct BuildReport {
    pub procedures: usize,
    pub pages: usize,
    pub files: usize,
    /// Warnings found on the way (the build still succeeded).
    pub warnings: Diagnostics,
    /// Nothing changed since the last successful build into this output: nothing was
    /// rendered or written (the figures and warnings are that build's).
    pub up_to_date: bool,
    /// Files written: new or changed since the build in place (all of them on a first
    /// build); the others were left as they were.
    pub written: usize,
    /// Files of the previous build the site no longer has, deleted.
    pub deleted: usize,
    /// Pages rendered; the others were found unchanged by what they are made of, without
    /// rendering them.
    pub rendered: usize,
    /// Sheets of the print packs made: drawn, and taken as they were from the packs in
    /// place (a pack made again draws only the sheets that changed).
    pub sheets: render::Sheets,
    /// How long each stage took.
    pub timings: timings::Timings,
}

/// Why a build produced nothing.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has problems; all of them are listed. Exit code 1.
    #[error("{} error(s) in the site's files", .0.error_count())]
    Invalid(Diagnostics),
    /// The build could not run or write (permissions, disk full…). Exit code 2.
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

/// A site read, checked and modelled, ready to render.
pub struct CheckedSite {
    pub model: model::Model,
    pub theme: theme::Theme,
    pub printed: printed::Printed,
    pub routes: render::Routes,
}

/// Reads, checks and models a site without writing anything. Every problem found goes to
/// `diags`; the site is returned only when there are no errors. Even when files have
/// errors, the rest is modelled so that broken links are reported in the same run.
pub fn check_site(root: &Path, diags: &mut Diagnostics) -> Option<CheckedSite> {
    check_site_timed(
        root,
        date::Date::today(),
        diags,
        &mut timings::Timings::new(),
        qr::QrCache::default(),
        source::Preread::default(),
        None,
    )
}

/// [`check_site`], recording how long each stage took, taking QR codes already drawn from
/// `qr_cache`, files already read from `preread`, and files parsed and Markdown rendered
/// from `kept`.
pub fn check_site_timed(
    root: &Path,
    as_of: date::Date,
    diags: &mut Diagnostics,
    timings: &mut timings::Timings,
    qr_cache: qr::QrCache,
    mut preread: source::Preread,
    kept: Option<&Kept>,
) -> Option<CheckedSite> {
    let config = config::load(root, diags)?;
    let catalog = catalog::load(root, diags);
    let content = load::load(root, &mut preread, kept.map(|k| &k.parsed), diags);
    drop(preread);
    let catalog = catalog?;
    placeholder::check_site(&config, &catalog, diags);
    timings.lap("load");
    let urls = urls::Urls::new(config.urls.clone(), config.base_url.clone());
    // Three independent stages side by side; their problems are merged in a fixed order.
    let (mut statistics_diags, mut theme_diags) = (Diagnostics::new(), Diagnostics::new());
    let ((), (statistics, theme)) = rayon::join(
        || validate::validate(&catalog, &content, &urls, diags),
        || {
            rayon::join(
                || statistics::load(root, &catalog, &mut statistics_diags),
                || {
                    let compiled = kept.map(|k| &k.templates);
                    theme::load(root, &config.theme, compiled, &mut theme_diags)
                },
            )
        },
    );
    diags.extend(statistics_diags);
    diags.extend(theme_diags);
    let theme = theme?;
    timings.lap("validate");
    let unparsed: Vec<String> = content
        .unparsed_codes
        .iter()
        .map(|code| urls.procedure(code))
        .chain(content.unparsed_pages.iter().map(|slug| urls.page(slug)))
        .collect();
    let model = model::Model::build(
        config,
        urls,
        catalog,
        content,
        statistics,
        as_of,
        kept.map(|k| &k.texts),
        diags,
    );
    timings.lap("model");
    let printed = printed::Printed::plan(&model, qr_cache, diags);
    timings.lap("qr codes");
    render::check_posters(
        &model,
        &printed,
        &theme,
        root,
        kept.map(|k| &k.sheets),
        diags,
    );
    timings.lap("posters");
    let routes = render::Routes::plan(&model, &theme, &printed, diags);
    routes.check_links(&model, &unparsed, diags);
    timings.lap("routes");
    if diags.has_errors() {
        return None;
    }
    Some(CheckedSite {
        model,
        theme,
        printed,
        routes,
    })
}

/// What `congkhai check` reports: everything `build` validates, plus every link and anchor
/// of the rendered pages (rendered in memory) and offices without opening hours. Writes
/// nothing.
pub fn check(root: &Path) -> Diagnostics {
    check_on(root, date::Date::today())
}

/// [`check`] of the catalogue as it stands on `as_of` (as `build --date` publishes it).
pub fn check_on(root: &Path, as_of: date::Date) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Some(site) = check_site_timed(
        root,
        as_of,
        &mut diags,
        &mut timings::Timings::new(),
        qr::QrCache::default(),
        source::Preread::default(),
        None,
    ) else {
        return diags;
    };
    for office in site
        .model
        .catalog
        .offices
        .iter()
        .filter(|o| o.until.is_none())
    {
        if office.hours.is_empty() {
            diags.warning(
                diagnostic::Location::file(catalog::Kind::Office.declared_in()),
                format!(
                    "office `{}` has no opening hours: citizens cannot tell when to come",
                    office.key
                ),
            );
        }
    }
    match render::inspect(&site.model, &site.theme, &site.printed, &site.routes) {
        Ok(pages) => linkcheck::check(
            &pages,
            |file| site.routes.contains_file(file),
            site.model.links(),
            site.model.urls.base_path(),
            &mut diags,
        ),
        Err(problems) => diags.extend(problems),
    }
    diags
}

/// What `serve` keeps from one build to the next besides the files: the procedure files
/// parsed, and their Markdown rendered, so that an edit does this only for what it changed.
#[derive(Default)]
pub struct Kept {
    pub parsed: load::Parsed,
    pub texts: model::Texts,
    /// Whether each procedure's poster fits, by what it is laid out from.
    pub sheets: render::SheetChecks,
    /// The theme's templates, compiled.
    pub templates: theme::Compiled,
}

/// Checks and plans the site for `serve`, reusing the QR codes and files of `previous`;
/// files are rendered when asked for (see [`render::Live`]).
pub fn check_live(
    root: &Path,
    previous: Option<&render::Live>,
    kept: &Kept,
    timings: &mut timings::Timings,
) -> Result<(render::Live, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let qr = previous.map(render::Live::qr_cache).unwrap_or_default();
    let Some(site) = check_site_timed(
        root,
        date::Date::today(),
        &mut diags,
        timings,
        qr,
        source::Preread::default(),
        Some(kept),
    ) else {
        return Err(diags);
    };
    let parts = render::Parts {
        model: site.model,
        theme: site.theme,
        printed: site.printed,
        routes: site.routes,
    };
    let live = render::Live::new(parts, previous);
    timings.lap("renderer");
    Ok((live, diags))
}

/// The base path the site is published under (`/` or `/sub-path/`), from its config.
pub fn base_path(root: &Path) -> Option<String> {
    let mut diags = Diagnostics::new();
    config::load(root, &mut diags).map(|c| c.base_url.path)
}

/// Builds the site at `options.root` into `options.output`.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with_progress(options, &render::Silent)
}

/// [`build`], telling `progress` of each file written.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &dyn render::Progress,
) -> Result<BuildReport, BuildError> {
    let mut timings = timings::Timings::new();
    let output = output::checked_target(&options.output, &options.root)?;
    // One build at a time into an output, from reading its record to writing the next.
    let _lock = output::Lock::acquire(&output)?;
    let as_of = options.date.unwrap_or_else(date::Date::today);
    let (fingerprint, preread) = fingerprint::of_inputs(&options.root);
    // The same files publish another catalogue on another day.
    let fingerprint = fingerprint.map(|f| format!("{f} {}", as_of.to_iso()));
    timings.lap("fingerprint");
    if let (false, Some(now)) = (options.force, &fingerprint)
        && let Some(last) = fingerprint::read(&output)
        && last.fingerprint == *now
        && output.is_dir()
        && output::intact(&output)
    {
        return Ok(BuildReport {
            procedures: last.procedures,
            pages: last.pages,
            files: last.files,
            warnings: Diagnostics::from_list(last.warnings),
            up_to_date: true,
            written: 0,
            deleted: 0,
            rendered: 0,
            sheets: render::Sheets::default(),
            timings,
        });
    }
    let mut diags = Diagnostics::new();
    let qr_cache_path = output::beside(&output, "congkhai-qr");
    let qr_cache = qr::QrCache::read(&qr_cache_path);
    // The staging folder is readied (the spare checked against its list) while the site is
    // read and checked: neither touches what the other does. A build that fails its checks
    // gives the spare back untouched.
    let (site, staging) = std::thread::scope(|scope| {
        let staging = scope.spawn(|| output::Staging::create(&output, &options.root));
        let site = check_site_timed(
            &options.root,
            as_of,
            &mut diags,
            &mut timings,
            qr_cache,
            preread,
            None,
        );
        let staging = staging
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (site, staging)
    });
    let Some(site) = site else {
        return Err(BuildError::Invalid(diags));
    };
    let staging = staging?;
    timings.lap("staging");
    let written = match render::write(
        &site.model,
        &site.theme,
        &site.printed,
        &site.routes,
        &staging,
        progress,
    ) {
        Ok(written) => written,
        Err(render::WriteFailure::Problems(problems)) => {
            diags.extend(problems);
            return Err(BuildError::Invalid(diags));
        }
        Err(render::WriteFailure::Output(e)) => return Err(BuildError::Output(e)),
    };
    timings.lap("render");
    for (at, message) in written.warnings.iter().cloned() {
        diags.warning(at, message);
    }
    if let Some(host) = site.model.config.deploy.host {
        deploy::check(
            host,
            written.files.iter().map(|e| (e.name.as_str(), e.bytes())),
            render::redirect_count(&site.model),
            &mut diags,
        );
    }
    fingerprint::forget(&output);
    let published = staging.publish(&written.files)?;
    site.printed.save(&site.model, &qr_cache_path);
    timings.lap("publish");
    let report = BuildReport {
        procedures: site.model.procedures.len(),
        pages: written.pages,
        files: written.files.len(),
        warnings: diags,
        up_to_date: false,
        written: published.written,
        deleted: published.deleted,
        rendered: written.rendered,
        sheets: written.sheets,
        timings,
    };
    if let Some(fingerprint) = &fingerprint {
        fingerprint::write(
            &output,
            &fingerprint::Record {
                fingerprint: fingerprint.clone(),
                procedures: report.procedures,
                pages: report.pages,
                files: report.files,
                warnings: report.warnings.clone().sorted(),
            },
        );
    }
    drop_later((site, written));
    Ok(report)
}

/// Frees `value` on another thread: taking a national catalogue apart costs a good part of
/// a small rebuild, and nothing needs to wait for it (a command-line build exits first).
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    // If no thread can be started, the closure and the value are dropped here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
