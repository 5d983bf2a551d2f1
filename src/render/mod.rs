//! The render stage: lists every output file of the site (the route table), checks the
//! links written in content against it, then renders each page through the theme and hands
//! the bytes to the writer. This is the one place that runs in parallel: pages are rendered
//! with rayon over the immutable model.

mod charts;
mod context;
mod dcat;
mod digest;
mod feeds;
mod fit;
mod inputs;
mod json_ld;
mod linked;
mod open_data_page;
mod opendata;
mod pages;
pub mod pdf;
mod posters;
mod redirects;
mod search;
mod stats;
pub mod views;

use crate::diagnostic::{Diagnostics, Location};
use crate::model::Model;
use crate::output::{OutputError, Staging};
use crate::printed::Printed;
use crate::theme::Theme;
use crate::urls::output_file;
use context::PageContext;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use views::{Meta, SiteView};

/// The templates of the files made from one procedure (see [`inputs`]).
const PROCEDURE_TEMPLATE: &str = "procedure.html";
const POSTER_TEMPLATE: &str = "poster_procedure.html";

/// A problem met while making one file: where, and what.
type Problem = (Location, String);

/// One output file and how to make it.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Procedures,
    /// A page of one letter of the A–Z index: letter, page (from 0).
    Letter(usize, usize),
    Procedure(usize),
    Fields,
    /// A catalogue entry's listing: entry, page (from 0).
    Field(usize, usize),
    Levels,
    Level(usize, usize),
    Agencies,
    Agency(usize, usize),
    Offices,
    Office(usize, usize),
    Page(usize),
    NotFound,
    Asset(usize),
    Form(usize),
    SiteStatic(usize),
    /// A standalone QR code: index into [`Printed::codes`].
    QrSvg(usize),
    Posters,
    ProcedurePoster(usize),
    FieldPoster(usize),
    /// A part of a field's label sheets: field, part (from 0).
    FieldLabels(usize, usize),
    FieldPosterList(usize),
    OfficePoster(usize),
    OfficeLabels(usize, usize),
    OfficePosterList(usize),
    /// The PDF of an office's or a field's posters and labels.
    PrintPack(pdf::PackOf),
    Search,
    SearchIndex,
    Sitemap,
    Robots,
    StatsHome,
    StatsPeriod(usize),
    StatsTrend,
    StatsIndices,
    /// Index into [`stats::scopes`].
    StatsScope(usize),
    /// One period's data, or all periods' (`None`).
    StatsCsv(Option<usize>),
    StatsJson(Option<usize>),
    /// The "Dữ liệu mở" page.
    OpenData,
    OpenDataFile(OpenFile),
    /// Recent and announced changes to the catalogue.
    Changes,
    Feed(feeds::FeedOf),
    /// A catalogue entry's former address.
    Redirect(redirects::OldKey),
    /// Every redirect, for hosts that read `_redirects` (Netlify, Cloudflare Pages).
    HostRedirects,
    /// Every redirect, as an nginx `map`.
    NginxRedirects,
}

/// A file of the open data.
#[derive(Debug, Clone, Copy)]
enum OpenFile {
    Json,
    Jsonl,
    Csv,
    Catalog,
    Schema,
    Cpsv,
    Dcat,
}

/// The jobs that make a file without a template, as a pattern: listed once, used where
/// jobs are told apart, so a new kind of job must be placed on one side or the other.
macro_rules! not_a_page {
    () => {
        Job::Asset(_)
            | Job::Form(_)
            | Job::SiteStatic(_)
            | Job::QrSvg(_)
            | Job::SearchIndex
            | Job::Sitemap
            | Job::Robots
            | Job::StatsCsv(_)
            | Job::StatsJson(_)
            | Job::OpenDataFile(_)
            | Job::Feed(_)
            | Job::Redirect(_)
            | Job::HostRedirects
            | Job::NginxRedirects
            | Job::PrintPack(_)
    };
}

impl Job {
    /// Whether the file is a page rendered through a template.
    fn is_page(self) -> bool {
        !matches!(self, not_a_page!())
    }
}

/// Every file the site will contain, by output path.
pub struct Routes {
    files: BTreeMap<String, Job>,
    /// The statistics scopes, in page order; [`Job::StatsScope`] indexes into it.
    scopes: Vec<crate::statistics::Scope>,
    /// The A–Z index; [`Job::Letter`] indexes into it.
    letters: Vec<pages::Letter>,
}

impl Routes {
    /// Lists the output; two sources claiming the same file is an error.
    pub fn plan(
        model: &Model,
        theme: &Theme,
        printed: &Printed,
        diags: &mut Diagnostics,
    ) -> Routes {
        let u = &model.urls;
        let scopes = stats::scopes(model);
        let letters = pages::letters(model);
        let mut files = BTreeMap::new();
        // Who claimed each file first, for the message when a second source claims it.
        let mut claimed_by: BTreeMap<String, String> = BTreeMap::new();
        let mut add = |route: String, job: Job, from: Option<PathBuf>| {
            let file = output_file(&route);
            let source = from.as_ref().map_or_else(
                || "a generated page".to_string(),
                |p| p.display().to_string(),
            );
            if let Some(previous) = claimed_by.insert(file.clone(), source) {
                let at = from.map_or_else(|| Location::file("(generated)"), Location::file);
                diags.error(
                    at,
                    format!(
                        "`{file}` would be written twice, also by {previous}; rename one of them"
                    ),
                );
            }
            files.insert(file, job);
        };
        add(String::new(), Job::Home, None);
        add("404.html".into(), Job::NotFound, None);
        add(u.procedures(), Job::Procedures, None);
        for (i, l) in letters.iter().enumerate() {
            for page in 0..l.pages() {
                add(u.letter(&l.key, page + 1), Job::Letter(i, page), None);
            }
        }
        add(u.fields(), Job::Fields, None);
        add(u.levels(), Job::Levels, None);
        add(u.agencies(), Job::Agencies, None);
        add(u.offices(), Job::Offices, None);
        for (i, p) in model.procedures.iter().enumerate() {
            add(
                u.procedure(p.code()),
                Job::Procedure(i),
                Some(p.source.clone()),
            );
        }
        // Listings, paged: field, level, agency and office pages.
        let c = &model.catalog;
        type Listing<'m> = (String, &'m Vec<usize>, fn(usize, usize) -> Job);
        fn listing(
            route: String,
            positions: &Vec<usize>,
            job: fn(usize, usize) -> Job,
        ) -> Listing<'_> {
            (route, positions, job)
        }
        let listings = (c.fields.iter().zip(&model.by_field))
            .map(|(f, p)| listing(u.field(&f.key), p, Job::Field))
            .enumerate()
            .chain(
                (c.levels.iter().zip(&model.by_level))
                    .map(|(l, p)| listing(u.level(&l.key), p, Job::Level))
                    .enumerate(),
            )
            .chain(
                (c.agencies.iter().zip(&model.by_agency))
                    .map(|(a, p)| listing(u.agency(&a.key), p, Job::Agency))
                    .enumerate(),
            )
            .chain(
                (c.offices.iter().zip(&model.by_office))
                    .map(|(o, p)| listing(u.office(&o.key), p, Job::Office))
                    .enumerate(),
            );
        for (i, (route, positions, job)) in listings {
            for page in 0..pages::list_pages(model, positions) {
                add(u.paged(&route, page + 1), job(i, page), None);
            }
        }
        for (i, p) in model.pages.iter().enumerate() {
            add(u.page(&p.slug), Job::Page(i), Some(p.source.clone()));
        }
        for (i, a) in theme.assets.iter().enumerate() {
            add(u.theme_static(&a.name), Job::Asset(i), None);
        }
        for (i, f) in model.forms.values().enumerate() {
            add(u.form(&f.name), Job::Form(i), Some(f.shown.clone()));
        }
        for (i, f) in model.site_static.iter().enumerate() {
            add(f.name.clone(), Job::SiteStatic(i), Some(f.shown.clone()));
        }
        for (i, (route, _)) in printed.codes().iter().enumerate() {
            add(u.qr_file(route), Job::QrSvg(i), None);
        }
        add(u.posters(), Job::Posters, None);
        add(u.search(), Job::Search, None);
        add(u.search_index(), Job::SearchIndex, None);
        add("sitemap.xml".into(), Job::Sitemap, None);
        if !model.statistics.is_empty() {
            add(u.statistics(), Job::StatsHome, None);
            add(u.statistics_trend(), Job::StatsTrend, None);
            add(u.statistics_indices(), Job::StatsIndices, None);
            add(u.statistics_data(None, "csv"), Job::StatsCsv(None), None);
            add(u.statistics_data(None, "json"), Job::StatsJson(None), None);
            for (i, p) in model.statistics.periods.iter().enumerate() {
                let file = PathBuf::from(format!(
                    "{}/{}.toml",
                    crate::statistics::STATISTICS_DIR,
                    p.id
                ));
                add(
                    u.statistics_period(&p.id),
                    Job::StatsPeriod(i),
                    Some(file.clone()),
                );
                add(
                    u.statistics_data(Some(&p.id), "csv"),
                    Job::StatsCsv(Some(i)),
                    Some(file.clone()),
                );
                add(
                    u.statistics_data(Some(&p.id), "json"),
                    Job::StatsJson(Some(i)),
                    Some(file),
                );
            }
            for (i, scope) in scopes.iter().enumerate() {
                let (kind, key) = scope.kind_and_key();
                add(u.statistics_scope(kind, key), Job::StatsScope(i), None);
            }
        }
        add("robots.txt".into(), Job::Robots, None);
        add(u.open_data(), Job::OpenData, None);
        for (name, file) in [
            (opendata::PROCEDURES_JSON, OpenFile::Json),
            (opendata::PROCEDURES_JSONL, OpenFile::Jsonl),
            (opendata::PROCEDURES_CSV, OpenFile::Csv),
            (opendata::CATALOG_JSON, OpenFile::Catalog),
            (opendata::SCHEMA_JSON, OpenFile::Schema),
            (opendata::CPSV_JSONLD, OpenFile::Cpsv),
            (opendata::DCAT_JSONLD, OpenFile::Dcat),
        ] {
            add(u.open_data_file(name), Job::OpenDataFile(file), None);
        }
        add(u.changes(), Job::Changes, None);
        add(u.feed(""), Job::Feed(feeds::FeedOf::Site), None);
        for (i, f) in c.fields.iter().enumerate() {
            add(
                u.feed(&u.field(&f.key)),
                Job::Feed(feeds::FeedOf::Field(i)),
                None,
            );
        }
        for (i, o) in c.offices.iter().enumerate() {
            add(
                u.feed(&u.office(&o.key)),
                Job::Feed(feeds::FeedOf::Office(i)),
                None,
            );
        }
        let old_keys = redirects::old_keys(model);
        for &key in &old_keys {
            let (old, _) = redirects::redirect(model, key);
            add(
                old,
                Job::Redirect(key),
                Some(PathBuf::from(key.0.declared_in())),
            );
        }
        if !old_keys.is_empty() {
            add("_redirects".into(), Job::HostRedirects, None);
            add("_nginx-redirects.map".into(), Job::NginxRedirects, None);
        }
        for &i in &printed.procedures {
            add(
                u.poster(&u.procedure(model.procedures[i].code())),
                Job::ProcedurePoster(i),
                None,
            );
        }
        for &i in &printed.fields {
            let route = u.field(&model.catalog.fields[i].key);
            add(u.poster(&route), Job::FieldPoster(i), None);
            add(u.poster_list(&route), Job::FieldPosterList(i), None);
            if model.config.print.pdf {
                add(
                    u.print_pack(&route),
                    Job::PrintPack(pdf::PackOf::Field(i)),
                    None,
                );
            }
            for part in 0..posters::label_parts(model, &model.by_field[i]) {
                add(u.labels(&route, part + 1), Job::FieldLabels(i, part), None);
            }
        }
        for &i in &printed.offices {
            let route = u.office(&model.catalog.offices[i].key);
            add(u.poster(&route), Job::OfficePoster(i), None);
            add(u.poster_list(&route), Job::OfficePosterList(i), None);
            if model.config.print.pdf {
                add(
                    u.print_pack(&route),
                    Job::PrintPack(pdf::PackOf::Office(i)),
                    None,
                );
            }
            for part in 0..posters::label_parts(model, &model.by_office[i]) {
                add(u.labels(&route, part + 1), Job::OfficeLabels(i, part), None);
            }
        }
        for p in &model.statistics.periods {
            if u.is_reserved_period(&p.id) {
                diags.error(
                    Location::file(format!(
                        "{}/{}.toml",
                        crate::statistics::STATISTICS_DIR,
                        p.id
                    )),
                    format!(
                        "the period name `{}` is taken by a statistics page; rename the file",
                        p.id
                    ),
                );
            }
        }
        Routes {
            files,
            scopes,
            letters,
        }
    }

    pub fn contains_file(&self, file: &str) -> bool {
        self.files.contains_key(file)
    }

    /// Reports every internal link in content whose target is not part of the site.
    /// `unavailable` are routes of pages that exist but failed to load (already reported).
    pub fn check_links(&self, model: &Model, unavailable: &[String], diags: &mut Diagnostics) {
        for link in model.links() {
            if self.files.contains_key(&output_file(&link.route))
                || unavailable.contains(&link.route)
            {
                continue;
            }
            let hint = if !link.route.ends_with('/')
                && self
                    .files
                    .contains_key(&output_file(&format!("{}/", link.route)))
            {
                " (add a trailing slash: it is a page, not a file)".to_string()
            } else {
                String::new()
            };
            diags.error(
                link.location.clone(),
                format!(
                    "broken link `{}`: no page or file /{} in the site{hint}",
                    link.written, link.route
                ),
            );
        }
    }
}

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

/// The values of per-file results, or every problem among them.
fn gather<T>(results: Vec<Result<T, Problem>>) -> Result<Vec<T>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut values = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err((at, message)) => diags.error(at, message),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(values)
    }
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

/// What was rendered: every file of the build, how many are pages, and how many pages were
/// rendered (the others were found unchanged without rendering them).
#[derive(Debug, Default, Clone)]
pub struct Written {
    pub pages: usize,
    pub rendered: usize,
    pub files: Vec<crate::output::Entry>,
    /// What the files made say of themselves (a print pack's sheet that ran over).
    pub warnings: Vec<Problem>,
}

/// One file of [`write`]: its entry, whether it is a page, whether it was made.
struct Done {
    page: bool,
    made: bool,
    entry: crate::output::Entry,
    warning: Option<Problem>,
}

/// Renders and writes every file of `routes` into `staging`. Problems in templates are
/// collected for all pages, not only the first.
/// Told of each file written, so a long build can show progress.
pub trait Progress: Sync {
    fn start(&self, _total: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {}

/// Why writing a build failed: problems in templates (every one, for the editor), or the
/// output itself (disk full, permissions: one message, the first).
pub enum WriteFailure {
    Problems(Diagnostics),
    Output(OutputError),
}

/// A file that could not be made.
enum Failure {
    Template(Problem),
    Output(OutputError),
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Failure {
        Failure::Template(problem)
    }
}

pub fn write(
    model: &Model,
    theme: &Theme,
    printed: &Printed,
    routes: &Routes,
    staging: &Staging,
    progress: &dyn Progress,
) -> Result<Written, WriteFailure> {
    progress.start(routes.files.len());
    let site = views::site(model);
    let forms: Vec<_> = model.forms.values().collect();
    let renderer = Renderer::new(model, theme, printed, routes, &site, &forms);
    let seed = Some(theme.running);
    let make = |(file, job): (&String, &Job)| -> Result<Done, Failure> {
        let at = Failure::Output;
        // A page whose context is as it was for the page in place is as it was.
        if let Some(previous) = staging.previous_digest(file)
            && renderer.unchanged(file, *job, previous)?
            && let Some(entry) = staging.keep(file).map_err(at)?
        {
            progress.advance();
            return Ok(Done {
                page: job.is_page(),
                made: false,
                entry,
                warning: None,
            });
        }
        let Made {
            content,
            digest,
            warning,
        } = renderer.produce(file, *job, seed)?;
        let is_page = matches!(content, Produced::Page(_));
        let result = match &content {
            Produced::Page(html) => staging.write(file, html.as_bytes(), digest),
            Produced::Bytes(bytes) => staging.write(file, bytes.as_slice(), digest),
            Produced::Borrowed(bytes) => staging.write(file, bytes, digest),
            Produced::Parts(parts) => {
                let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_ref()).collect();
                staging.write_parts(file, &parts, digest)
            }
            Produced::Copy(from) => staging.copy(file, from),
        };
        progress.advance();
        result
            .map(|entry| Done {
                page: is_page,
                made: true,
                entry,
                warning,
            })
            .map_err(at)
    };
    // A print pack costs as much as a thousand pages: packs are handed out one at a time,
    // beside the pages, so they spread over every core instead of landing on one.
    let (packs, files): (Vec<_>, Vec<_>) = routes
        .files
        .iter()
        .partition(|(_, job)| matches!(job, Job::PrintPack(_)));
    let (packs, files) = rayon::join(
        || {
            packs
                .into_par_iter()
                .with_max_len(1)
                .map(make)
                .collect::<Vec<_>>()
        },
        || files.into_par_iter().map(make).collect::<Vec<_>>(),
    );
    let results = packs.into_iter().chain(files);
    progress.finish();
    let mut problems = Vec::with_capacity(routes.files.len());
    for result in results {
        match result {
            Ok(done) => problems.push(Ok(done)),
            Err(Failure::Template(p)) => problems.push(Err(p)),
            Err(Failure::Output(e)) => return Err(WriteFailure::Output(e)),
        }
    }
    let mut files = gather(problems).map_err(WriteFailure::Problems)?;
    let warnings = files.iter_mut().filter_map(|f| f.warning.take()).collect();
    Ok(Written {
        warnings,
        pages: files.iter().filter(|f| f.page).count(),
        rendered: files.iter().filter(|f| f.page && f.made).count(),
        files: files.into_iter().map(|f| f.entry).collect(),
    })
}

/// One output file, made.
struct Made<'a> {
    content: Produced<'a>,
    /// What the file was made from, hashed, when asked for and known (see [`context`] and
    /// [`inputs`]).
    digest: Option<u128>,
    warning: Option<Problem>,
}

/// The content of one output file.
enum Produced<'a> {
    Page(String),
    Bytes(Vec<u8>),
    Borrowed(&'a [u8]),
    /// Consecutive pieces of one file, written in turn (large downloads).
    Parts(Vec<std::borrow::Cow<'a, [u8]>>),
    Copy(&'a std::path::Path),
}

struct Renderer<'a> {
    model: &'a Model,
    theme: &'a Theme,
    printed: &'a Printed,
    /// Output files of the pages listed in the sitemap.
    pages: Vec<&'a str>,
    /// The statistics scopes, as planned.
    scopes: &'a [crate::statistics::Scope],
    letters: &'a [pages::Letter],
    site: &'a SiteView<'a>,
    forms: &'a [&'a crate::load::CopiedFile],
    /// Keys of the files made from one procedure, and of QR codes.
    inputs: Option<inputs::Inputs>,
    /// Every procedure's summary, by position, for the listings.
    summaries: Vec<views::Summary<'a>>,
    /// Every procedure's open-data record, made once for the JSON and JSON Lines files.
    open_records: std::sync::OnceLock<Vec<String>>,
    /// The print fonts and their digest, read when the first pack is made.
    print_fonts: std::sync::OnceLock<Option<(pdf::text::Fonts, u128)>>,
}

impl<'a> Renderer<'a> {
    fn new(
        model: &'a Model,
        theme: &'a Theme,
        printed: &'a Printed,
        routes: &'a Routes,
        site: &'a SiteView<'a>,
        forms: &'a [&'a crate::load::CopiedFile],
    ) -> Renderer<'a> {
        // Pages worth indexing by search engines: not the printables, not the 404 page.
        let pages = routes
            .files
            .iter()
            .filter(|(_, job)| !matches!(job, Job::Redirect(_)))
            .map(|(f, _)| f.as_str())
            .filter(|f| f.ends_with(".html") && *f != "404.html")
            .filter(|f| !f.starts_with(&model.urls.posters()))
            .collect();
        Renderer {
            model,
            theme,
            printed,
            site,
            forms,
            pages,
            scopes: &routes.scopes,
            letters: &routes.letters,
            inputs: inputs::Inputs::new(model, site, theme.running),
            summaries: views::all_summaries(model),
            open_records: std::sync::OnceLock::new(),
            print_fonts: std::sync::OnceLock::new(),
        }
    }
}

impl Renderer<'_> {
    /// One file of the open data; the large ones in pieces.
    fn open_data_file(&self, f: OpenFile) -> Produced<'_> {
        let m = self.model;
        let text = |t: String| Produced::Bytes(t.into_bytes());
        match f {
            OpenFile::Json => Produced::Parts(opendata::procedures_json(m, self.open_records())),
            OpenFile::Jsonl => Produced::Parts(opendata::procedures_jsonl(self.open_records())),
            OpenFile::Cpsv => Produced::Parts(linked::cpsv_ap(m)),
            OpenFile::Csv => text(opendata::procedures_csv(m)),
            OpenFile::Catalog => text(opendata::catalog_json(m)),
            OpenFile::Schema => Produced::Borrowed(opendata::SCHEMA.as_bytes()),
            OpenFile::Dcat => text(dcat::dcat_ap(m)),
        }
    }

    /// The theme's print fonts, and a digest of them.
    fn print_fonts(&self) -> Result<&(pdf::text::Fonts, u128), Problem> {
        self.print_fonts
            .get_or_init(|| {
                let [regular, bold] = crate::theme::PRINT_FONTS
                    .map(|name| self.theme.fonts.get(name).cloned());
                let (regular, bold) = (regular?, bold?);
                let mut hash = xxhash_rust::xxh3::Xxh3::new();
                hash.update(&regular);
                hash.update(&bold);
                let fonts = pdf::text::Fonts::new(regular, bold)?;
                Some((fonts, hash.digest128()))
            })
            .as_ref()
            .ok_or_else(|| {
                (
                    Location::file(format!("themes/{}/fonts", self.model.config.theme)),
                    format!(
                        "the print packs need the fonts {}: put them in the theme's fonts/ folder, or set `[print] pdf = false`",
                        crate::theme::PRINT_FONTS.join(" and ")
                    ),
                )
            })
    }

    /// The key of `of`'s pack, made from what it prints without laying it out.
    fn pack_key(&self, of: pdf::PackOf) -> Result<Option<u128>, Problem> {
        let (_, fonts) = self.print_fonts()?;
        let Some(inputs) = &self.inputs else {
            return Ok(None);
        };
        let sources = pdf::sources(self.model, self.printed, &self.summaries, of);
        Ok(sources.map(|(name, procedures)| {
            inputs.pack(self.model, &name, *fonts, procedures.iter().copied())
        }))
    }

    fn open_records(&self) -> &[String] {
        self.open_records
            .get_or_init(|| opendata::lines(self.model))
    }

    /// The key of a file made from what [`inputs`] lists, without making it.
    fn key(&self, job: Job) -> Option<u128> {
        let inputs = self.inputs.as_ref()?;
        match job {
            Job::Procedure(i) => Some(inputs.procedure(
                self.model,
                i,
                self.theme.template_digest(PROCEDURE_TEMPLATE),
            )),
            Job::ProcedurePoster(i) => {
                Some(inputs.procedure(self.model, i, self.theme.template_digest(POSTER_TEMPLATE)))
            }
            Job::QrSvg(i) => inputs.qr(&self.printed.codes()[i].1.qr),
            _ => None,
        }
    }

    /// Makes one file's content. With a `seed` (which congkhai runs), it comes with
    /// its digest: its key, or for other pages the digest of their context.
    fn produce<'b>(
        &'b self,
        file: &str,
        job: Job,
        seed: Option<u128>,
    ) -> Result<Made<'b>, Problem> {
        let key = seed.and_then(|_| self.key(job));
        let made = |content| {
            Ok(Made {
                content,
                digest: key,
                warning: None,
            })
        };
        let text = |t: String| made(Produced::Bytes(t.into_bytes()));
        match job {
            Job::Asset(i) => made(Produced::Borrowed(&self.theme.assets[i].bytes)),
            Job::Form(i) => made(Produced::Copy(&self.forms[i].source)),
            Job::SiteStatic(i) => made(Produced::Copy(&self.model.site_static[i].source)),
            Job::SearchIndex => text(search::index(self.model)),
            Job::StatsCsv(i) => {
                let period = i.map(|i| &self.model.statistics.periods[i]);
                text(stats::data_csv(self.model, period))
            }
            Job::StatsJson(i) => {
                let period = i.map(|i| &self.model.statistics.periods[i]);
                text(stats::data_json(self.model, period))
            }
            Job::Sitemap => text(sitemap(self.model, &self.pages)),
            Job::OpenDataFile(f) => made(self.open_data_file(f)),
            Job::Feed(of) => text(feeds::feed(self.model, of)),
            Job::Redirect(key) => {
                let (_, to) = redirects::redirect(self.model, key);
                text(redirects::redirect_page(self.model, &to))
            }
            Job::HostRedirects => text(redirects::host_redirects(self.model)),
            Job::NginxRedirects => text(redirects::nginx_redirects(self.model)),
            Job::Robots => {
                let u = &self.model.urls;
                text(format!(
                    "User-agent: *\nDisallow: {}\nSitemap: {}\n",
                    u.href(&u.posters()),
                    u.absolute("sitemap.xml")
                ))
            }
            Job::QrSvg(i) => {
                let (_, code) = &self.printed.codes()[i];
                made(Produced::Bytes(code.svg().into_bytes()))
            }
            Job::PrintPack(of) => {
                let digest = self.pack_key(of)?;
                let pack = pdf::pack(self.model, self.printed, &self.summaries, of);
                let (fonts, _) = self.print_fonts()?;
                let drawn = pdf::draw(self.model, &pack, fonts).map_err(|e| {
                    (
                        Location::file(file.to_string()),
                        format!("cannot write the PDF: {e:?}"),
                    )
                })?;
                let warning = (!drawn.overflowing.is_empty()).then(|| {
                    (
                        Location::file(file.to_string()),
                        format!(
                            "pages {:?} of this print pack hold more than fits above their foot, so text overlaps it: shorten the longest texts on them (and please report it: the layout should have left the rest out)",
                            drawn.overflowing
                        ),
                    )
                });
                Ok(Made {
                    content: Produced::Bytes(drawn.pdf),
                    digest: seed.and(digest),
                    warning,
                })
            }
            page => {
                // A keyed page needs no hash of its context.
                let mut ctx = PageContext::render(if key.is_some() { None } else { seed });
                let (template, html) = self.page(file, page, &mut ctx)?;
                Ok(Made {
                    content: Produced::Page(html.expect("a rendering context renders")),
                    digest: key.or_else(|| ctx.digest(self.theme.template_digest(template))),
                    warning: None,
                })
            }
        }
    }

    /// Fills `ctx` with what the page's template sees and renders it, unless `ctx` only
    /// checks. Returns the template and the page.
    fn page(
        &self,
        file: &str,
        job: Job,
        ctx: &mut PageContext,
    ) -> Result<(&'static str, Option<String>), Problem> {
        let m = self.model;
        let u = &m.urls;
        let c = &m.catalog;
        ctx.insert("site", self.site);
        let (template, meta) = match job {
            Job::Home => {
                ctx.insert("fields", &pages::field_cards(m));
                ctx.insert("levels", &pages::level_cards(m));
                ctx.insert("offices", &pages::office_views(m));
                ctx.insert("recent", &pages::recently_updated(m, &self.summaries, 8));
                let description = m.config.description.clone().unwrap_or_else(|| {
                    format!("Thủ tục hành chính công khai của {}", m.config.authority)
                });
                (
                    "index.html",
                    meta(m, "", m.config.title.clone(), description, "home"),
                )
            }
            Job::Procedures => {
                ctx.insert("letters", &pages::letter_links(m, self.letters, None));
                ctx.insert("fields", &pages::field_cards(m));
                let title = "Thủ tục hành chính từ A đến Z".to_string();
                let description = format!(
                    "{} thủ tục hành chính đang áp dụng, theo chữ cái đầu của tên và theo lĩnh vực",
                    self.site.counts.active
                );
                (
                    "procedures.html",
                    meta(m, &u.procedures(), title, description, "procedures"),
                )
            }
            Job::Letter(i, page) => {
                let letter = &self.letters[i];
                let on_page: Vec<&views::Summary> = letter
                    .positions
                    .chunks(pages::PAGE)
                    .nth(page)
                    .unwrap_or_default()
                    .iter()
                    .map(|&p| &self.summaries[p])
                    .collect();
                ctx.insert("procedures", &on_page);
                ctx.insert("letters", &pages::letter_links(m, self.letters, Some(i)));
                ctx.insert("letter", &letter.label);
                ctx.insert("total", &letter.positions.len());
                let pager = pages::pager(page, letter.pages(), |n| u.letter(&letter.key, n), m);
                ctx.insert("pager", &pager);
                let route = u.letter(&letter.key, page + 1);
                let mut title = format!("Thủ tục bắt đầu bằng {}", letter.label);
                if page > 0 {
                    title.push_str(&format!(" (trang {})", page + 1));
                }
                let d = format!(
                    "{} thủ tục hành chính có tên bắt đầu bằng {}",
                    letter.positions.len(),
                    letter.label
                );
                ("letter.html", meta(m, &route, title, d, "procedures"))
            }
            Job::Procedure(i) => {
                let mut view = views::procedure(m, i);
                view.json_ld = json_ld::government_service(m, &view);
                let route = u.procedure(view.code);
                // Posters are for procedures in force; a retired page shows no code to print.
                let code = m.procedures[i]
                    .is_active()
                    .then(|| posters::code(m, self.printed, &route))
                    .flatten();
                ctx.insert("qr", &code);
                ctx.insert("poster_url", &u.href(&u.poster(&route)));
                let p = &m.procedures[i];
                let mut description = format!(
                    "{}. Mã thủ tục {}, lĩnh vực {}.",
                    view.name, view.code, view.field.name
                );
                if let Some(t) = view.channels.iter().find_map(|c| c.time_limit.as_ref())
                    && t.chars().count() <= 60
                {
                    description.push_str(&format!(" Thời hạn giải quyết: {t}."));
                }
                let title = view.short_name.to_string();
                ctx.insert("procedure", &view);
                (
                    PROCEDURE_TEMPLATE,
                    meta(m, &u.procedure(p.code()), title, description, "procedures"),
                )
            }
            Job::Fields => {
                ctx.insert("fields", &pages::field_cards(m));
                let d = format!("{} lĩnh vực thủ tục hành chính", c.fields.len());
                (
                    "fields.html",
                    meta(m, &u.fields(), "Lĩnh vực".into(), d, "fields"),
                )
            }
            Job::Field(i, page) => {
                let f = &c.fields[i];
                let entry = pages::entry(
                    &f.name,
                    f.description.as_deref(),
                    f.until,
                    u.field(&f.key),
                    m,
                );
                ctx.insert("field", &entry);
                let (route, title) =
                    self.listing(ctx, &u.field(&f.key), &f.name, &m.by_field[i], page);
                pages::insert_split(ctx, &self.summaries, &m.by_field[i], page);
                self.insert_printables(ctx, &u.field(&f.key));
                let d = format!("Thủ tục hành chính lĩnh vực {}", f.name);
                ("field.html", meta(m, &route, title, d, "fields"))
            }
            Job::Levels => {
                ctx.insert("levels", &pages::level_cards(m));
                let d = "Thủ tục hành chính theo cấp thực hiện".to_string();
                (
                    "levels.html",
                    meta(m, &u.levels(), "Cấp thực hiện".into(), d, "levels"),
                )
            }
            Job::Level(i, page) => {
                let l = &c.levels[i];
                let entry = pages::entry(
                    &l.name,
                    l.description.as_deref(),
                    l.until,
                    u.level(&l.key),
                    m,
                );
                ctx.insert("level", &entry);
                let (route, title) =
                    self.listing(ctx, &u.level(&l.key), &l.name, &m.by_level[i], page);
                pages::insert_split(ctx, &self.summaries, &m.by_level[i], page);
                let d = format!("Thủ tục hành chính {}", l.name.to_lowercase());
                ("level.html", meta(m, &route, title, d, "levels"))
            }
            Job::Agencies => {
                ctx.insert("agencies", &pages::agency_cards(m));
                let d = "Cơ quan giải quyết thủ tục hành chính".to_string();
                (
                    "agencies.html",
                    meta(m, &u.agencies(), "Cơ quan".into(), d, "agencies"),
                )
            }
            Job::Agency(i, page) => {
                let a = &c.agencies[i];
                let entry = pages::entry(&a.name, None, a.until, u.agency(&a.key), m);
                ctx.insert("agency", &entry);
                ctx.insert(
                    "agency_level",
                    &a.level.as_deref().map(|l| views::level_link(m, l)),
                );
                ctx.insert("website", &a.website);
                let (route, title) =
                    self.listing(ctx, &u.agency(&a.key), &a.name, &m.by_agency[i], page);
                pages::insert_split(ctx, &self.summaries, &m.by_agency[i], page);
                let d = format!("Thủ tục hành chính do {} giải quyết", a.name);
                ("agency.html", meta(m, &route, title, d, "agencies"))
            }
            Job::Offices => {
                ctx.insert("offices", &pages::office_views(m));
                ctx.insert("closed_offices", &pages::closed_office_views(m));
                let d =
                    "Địa chỉ, giờ làm việc và đường dây nóng của nơi tiếp nhận hồ sơ".to_string();
                (
                    "offices.html",
                    meta(m, &u.offices(), "Nơi tiếp nhận hồ sơ".into(), d, "offices"),
                )
            }
            Job::Office(i, page) => {
                let o = &c.offices[i];
                ctx.insert("office", &views::office(m, o));
                self.insert_printables(ctx, &u.office(&o.key));
                let (route, title) =
                    self.listing(ctx, &u.office(&o.key), &o.name, &m.by_office[i], page);
                ctx.insert(
                    "groups",
                    &pages::grouped_page(m, &self.summaries, &m.by_office[i], page),
                );
                ctx.insert("total", &pages::active_count(m, &m.by_office[i]));
                let d = format!(
                    "{}. Giờ làm việc, đường dây nóng và thủ tục tiếp nhận",
                    o.address
                );
                ("office.html", meta(m, &route, title, d, "offices"))
            }
            Job::Page(i) => {
                let p = &m.pages[i];
                ctx.insert(
                    "page",
                    &pages::PageView {
                        title: &p.front.title,
                        body: &p.body.html,
                    },
                );
                let d = p
                    .front
                    .description
                    .clone()
                    .unwrap_or_else(|| p.front.title.clone());
                (
                    "page.html",
                    meta(m, &u.page(&p.slug), p.front.title.clone(), d, "page"),
                )
            }
            Job::NotFound => {
                let title = "Không tìm thấy trang".to_string();
                let d =
                    "Trang bạn tìm không có trên trang công khai thủ tục hành chính".to_string();
                ("404.html", meta(m, "404.html", title, d, "none"))
            }
            Job::Posters => {
                let (offices, fields) = posters::index(m, self.printed);
                ctx.insert("office_groups", &offices);
                ctx.insert("field_groups", &fields);
                let title = "Áp phích và mã QR để in".to_string();
                let d = "Áp phích A4 và tờ nhãn mã QR của từng thủ tục, lĩnh vực và nơi tiếp nhận hồ sơ".to_string();
                ("posters.html", meta(m, &u.posters(), title, d, "posters"))
            }
            Job::ProcedurePoster(i) => {
                let poster = posters::procedure_poster(m, self.printed, i);
                let route = u.poster(&u.procedure(poster.procedure.code));
                let title = format!("Áp phích: {}", poster.procedure.short_name);
                ctx.insert("procedure", &poster.procedure);
                ctx.insert("code", &poster.code);
                ctx.insert("hotline", &poster.hotline);
                ctx.insert("sheet", &poster.sheet);
                (
                    POSTER_TEMPLATE,
                    meta(m, &route, title.clone(), title, "posters"),
                )
            }
            Job::FieldPoster(i) => {
                let poster = posters::field_poster(m, self.printed, &self.summaries, i);
                let route = u.poster(&u.field(&c.fields[i].key));
                let title = format!("Áp phích lĩnh vực {}", poster.name);
                ctx.insert("poster", &poster);
                (
                    "poster_field.html",
                    meta(m, &route, title.clone(), title, "posters"),
                )
            }
            Job::OfficePoster(i) => {
                let poster = posters::office_poster(m, self.printed, &self.summaries, i);
                let route = u.poster(&u.office(&c.offices[i].key));
                let title = format!("Áp phích: {}", poster.office.name);
                ctx.insert("poster", &poster);
                (
                    "poster_office.html",
                    meta(m, &route, title.clone(), title, "posters"),
                )
            }
            Job::FieldLabels(i, part) => {
                let f = &c.fields[i];
                let title = format!("Nhãn mã QR lĩnh vực {}", f.name);
                self.labels(ctx, title, &u.field(&f.key), &m.by_field[i], part)
            }
            Job::OfficeLabels(i, part) => {
                let o = &c.offices[i];
                let title = format!("Nhãn mã QR: {}", o.name);
                self.labels(ctx, title, &u.office(&o.key), &m.by_office[i], part)
            }
            Job::FieldPosterList(i) => {
                let f = &c.fields[i];
                let title = format!("Áp phích từng thủ tục: lĩnh vực {}", f.name);
                self.poster_list(ctx, title, &u.field(&f.key), &m.by_field[i])
            }
            Job::OfficePosterList(i) => {
                let o = &c.offices[i];
                let title = format!("Áp phích từng thủ tục: {}", o.name);
                self.poster_list(ctx, title, &u.office(&o.key), &m.by_office[i])
            }
            Job::Search => {
                ctx.insert("letters", &pages::letter_links(m, self.letters, None));
                let title = "Tìm thủ tục".to_string();
                let d = "Tìm thủ tục hành chính theo tên, mã thủ tục hoặc từ khóa, có dấu hoặc không dấu".to_string();
                ("search.html", meta(m, &u.search(), title, d, "search"))
            }
            Job::StatsHome => {
                let st = &m.statistics;
                ctx.insert("latest", &stats::latest(m, self.scopes));
                let periods: Vec<_> = st
                    .periods
                    .iter()
                    .rev()
                    .map(|p| stats::summary(m, p))
                    .collect();
                ctx.insert("periods", &periods);
                ctx.insert("indices", &stats::indices(st));
                ctx.insert("scopes", &self.scope_links());
                ctx.insert("downloads", &self.downloads());
                let title = "Thống kê giải quyết thủ tục hành chính".to_string();
                let d = "Số hồ sơ tiếp nhận, giải quyết đúng hạn, trực tuyến, số hóa, thanh toán trực tuyến, mức độ hài lòng; chỉ tiêu và kết quả".to_string();
                (
                    "stats_home.html",
                    meta(m, &u.statistics(), title, d, "statistics"),
                )
            }
            Job::StatsPeriod(i) => {
                let p = &m.statistics.periods[i];
                ctx.insert("period", &stats::period_page(m, p));
                let title = format!("Thống kê {}", p.label);
                let d = format!(
                    "Số liệu giải quyết thủ tục hành chính {} ({} – {}), nguồn: {}",
                    p.label, p.start, p.end, p.source
                );
                (
                    "stats_period.html",
                    meta(m, &u.statistics_period(&p.id), title, d, "statistics"),
                )
            }
            Job::StatsTrend => {
                let series: Vec<_> = m
                    .statistics
                    .indicators
                    .iter()
                    .flat_map(|ind| {
                        self.scopes
                            .iter()
                            .filter(|s| {
                                matches!(
                                    s,
                                    crate::statistics::Scope::Province
                                        | crate::statistics::Scope::Level(_)
                                )
                            })
                            .filter_map(move |s| stats::series(m, s, ind))
                    })
                    .collect();
                ctx.insert("series", &series);
                let title = "Xu hướng qua các kỳ".to_string();
                let d = "Các chỉ số giải quyết thủ tục hành chính của toàn tỉnh và từng cấp qua các kỳ báo cáo".to_string();
                (
                    "stats_trend.html",
                    meta(m, &u.statistics_trend(), title, d, "statistics"),
                )
            }
            Job::StatsIndices => {
                ctx.insert("indices", &stats::indices(&m.statistics));
                let title = "Chỉ số PAR INDEX, SIPAS và các chỉ số đánh giá khác".to_string();
                let d = "Kết quả các chỉ số đánh giá cải cách hành chính do cơ quan khác công bố"
                    .to_string();
                (
                    "stats_indices.html",
                    meta(m, &u.statistics_indices(), title, d, "statistics"),
                )
            }
            Job::StatsScope(i) => {
                let scope = &self.scopes[i];
                let series: Vec<_> = m
                    .statistics
                    .indicators
                    .iter()
                    .filter_map(|ind| stats::series(m, scope, ind))
                    .collect();
                let name = scope.name(c).to_string();
                ctx.insert("scope_name", &name);
                ctx.insert("series", &series);
                let (kind, key) = scope.kind_and_key();
                let title = format!("Thống kê qua các kỳ: {name}");
                let d = format!(
                    "Các chỉ số giải quyết thủ tục hành chính của {name} qua các kỳ báo cáo"
                );
                (
                    "stats_scope.html",
                    meta(m, &u.statistics_scope(kind, key), title, d, "statistics"),
                )
            }
            Job::OpenData => {
                ctx.insert("data", &open_data_page::view(m));
                let title = "Dữ liệu mở".to_string();
                let d = format!(
                    "Tải về danh mục thủ tục hành chính của {} (JSON, CSV, CPSV-AP, DCAT-AP): miễn phí, không cần đăng ký",
                    linked::area_name(m)
                );
                (
                    "open_data.html",
                    meta(m, &u.open_data(), title, d, "open-data"),
                )
            }
            Job::Changes => {
                let recent: Vec<_> = feeds::recent(m, None, feeds::FEED_ENTRIES)
                    .iter()
                    .map(|c| feeds::view(m, c))
                    .collect();
                let coming: Vec<_> = feeds::coming(m).iter().map(|c| feeds::view(m, c)).collect();
                ctx.insert("recent", &recent);
                ctx.insert("coming", &coming);
                ctx.insert("feed_url", &u.href(&u.feed("")));
                let title = "Thủ tục mới, sửa đổi, bãi bỏ".to_string();
                let d = "Thủ tục hành chính được công bố, sửa đổi, thay thế hoặc bãi bỏ, và những thay đổi sắp có hiệu lực".to_string();
                ("changes.html", meta(m, &u.changes(), title, d, "changes"))
            }
            not_a_page!() => unreachable!("not a page"),
        };
        let mut meta = meta;
        meta.feed = match job {
            Job::Home | Job::Changes => Some(u.href(&u.feed(""))),
            Job::Field(i, _) => Some(u.href(&u.feed(&u.field(&c.fields[i].key)))),
            Job::Office(i, _) => Some(u.href(&u.feed(&u.office(&c.offices[i].key)))),
            _ => None,
        };
        ctx.insert("meta", &meta);
        let Some(tera) = ctx.tera() else {
            return Ok((template, None));
        };
        let html = self.theme.tera.render(template, tera).map_err(|e| {
            (
                Location::file(format!("templates/{template}")),
                format!("rendering {file}: {}", crate::theme::error_chain(&e)),
            )
        })?;
        Ok((template, Some(html)))
    }

    /// Whether the file's key, or else what the page's template would see, hashes to
    /// `previous` (so the file is as it was), found without making it. Never true for a file
    /// that is neither keyed nor a page.
    fn unchanged(&self, file: &str, job: Job, previous: u128) -> Result<bool, Problem> {
        if let Some(key) = self.key(job) {
            return Ok(key == previous);
        }
        if let Job::PrintPack(of) = job {
            return Ok(self.pack_key(of)? == Some(previous));
        }
        if !job.is_page() {
            return Ok(false);
        }
        let mut ctx = PageContext::check(self.theme.running);
        let (template, _) = self.page(file, job, &mut ctx)?;
        Ok(ctx.digest(self.theme.template_digest(template)) == Some(previous))
    }
}

impl Renderer<'_> {
    /// Links to every scope's page over time.
    fn scope_links(&self) -> Vec<views::LinkView> {
        self.scopes
            .iter()
            .map(|s| views::link(s.name(&self.model.catalog), stats::scope_url(self.model, s)))
            .collect()
    }

    /// The full series as CSV and JSON.
    fn downloads(&self) -> Vec<views::LinkView> {
        let u = &self.model.urls;
        vec![
            views::link(
                "Tất cả các kỳ (CSV)",
                u.href(&u.statistics_data(None, "csv")),
            ),
            views::link(
                "Tất cả các kỳ (JSON)",
                u.href(&u.statistics_data(None, "json")),
            ),
        ]
    }

    /// The label sheet of the page at `route` (a field or an office) with `positions`.
    fn labels(
        &self,
        ctx: &mut PageContext,
        title: String,
        route: &str,
        positions: &[usize],
        part: usize,
    ) -> (&'static str, Meta) {
        let m = self.model;
        let parts = posters::label_parts(m, positions);
        let title = if parts > 1 {
            format!("{title} (phần {} trên {parts})", part + 1)
        } else {
            title
        };
        let sheets = posters::labels(m, self.printed, title.clone(), positions, part);
        ctx.insert("labels", &sheets);
        let route = m.urls.labels(route, part + 1);
        (
            "poster_labels.html",
            meta(m, &route, title.clone(), title, "posters"),
        )
    }

    /// Every procedure poster of a field or office, with its label sheets, for a clerk to
    /// print from.
    fn poster_list(
        &self,
        ctx: &mut PageContext,
        title: String,
        route: &str,
        positions: &[usize],
    ) -> (&'static str, Meta) {
        let m = self.model;
        ctx.insert("group", &posters::group(m, title.clone(), route, positions));
        let route = m.urls.poster_list(route);
        let d = title.clone();
        ("posters_list.html", meta(m, &route, title, d, "posters"))
    }

    /// Puts the pager of a paged listing at `route` in the context; returns the route and
    /// title of its page `page` (from 0).
    fn listing(
        &self,
        ctx: &mut PageContext,
        route: &str,
        name: &str,
        positions: &[usize],
        page: usize,
    ) -> (String, String) {
        let m = self.model;
        let u = &m.urls;
        let pages = pages::list_pages(m, positions);
        ctx.insert(
            "pager",
            &pages::pager(page, pages, |n| u.paged(route, n), m),
        );
        let title = if page == 0 {
            name.to_string()
        } else {
            format!("{name} (trang {})", page + 1)
        };
        (u.paged(route, page + 1), title)
    }

    /// The QR code of a field or office page and links to its poster and label sheet, when
    /// it has them.
    fn insert_printables(&self, ctx: &mut PageContext, route: &str) {
        let u = &self.model.urls;
        let code = posters::code(self.model, self.printed, route);
        if code.is_some() {
            ctx.insert("poster_url", &u.href(&u.poster(route)));
            ctx.insert("labels_url", &u.href(&u.labels(route, 1)));
            let pack = self.model.config.print.pdf;
            ctx.insert(
                "pack_url",
                &(if pack {
                    u.href(&u.print_pack(route))
                } else {
                    String::new()
                }),
            );
        }
        ctx.insert("qr", &code);
    }
}

/// Warns of posters that cannot fit on their sheet.
pub fn check_posters(model: &Model, printed: &Printed, diags: &mut Diagnostics) {
    posters::check_sheets(model, printed, diags);
}

/// `sitemap.xml`: the permanent address of every page meant to be found.
fn sitemap(model: &Model, pages: &[&str]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in pages {
        let route = file.strip_suffix("index.html").unwrap_or(file);
        xml.push_str("<url><loc>");
        xml.push_str(&crate::escape::escape_html(&model.urls.absolute(route)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn meta(
    model: &Model,
    route: &str,
    title: String,
    description: String,
    section: &'static str,
) -> Meta {
    Meta {
        title,
        description,
        canonical: model.urls.absolute(route),
        up: "../".repeat(route.matches('/').count()),
        route: route.to_string(),
        section,
        feed: None,
    }
}
