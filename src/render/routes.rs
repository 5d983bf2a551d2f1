//! The plan of a build: every file the site will contain, by output path, with the job
//! that makes it; two sources claiming one file is an error. Internal links are checked
//! against it.

use super::*;

/// Every file the site will contain, by output path.
pub struct Routes {
    pub(super) files: BTreeMap<String, Job>,
    /// The statistics scopes, in page order; [`Job::StatsScope`] indexes into it.
    pub(super) scopes: Vec<crate::statistics::Scope>,
    /// The A–Z index; [`Job::Letter`] indexes into it.
    pub(super) letters: Vec<pages::Letter>,
}

/// The files claimed, each with its job; a file claimed twice is an error at the later
/// claim, naming the one before it.
fn claimed_once(
    mut claims: Vec<(String, Job, Option<PathBuf>)>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Job> {
    // Stable: claims of one file stay in the order they were made.
    claims.sort_by(|a, b| a.0.cmp(&b.0));
    let shown = |from: &Option<PathBuf>| {
        from.as_ref().map_or_else(
            || "a generated page".to_string(),
            |p| p.display().to_string(),
        )
    };
    for pair in claims.windows(2) {
        let ((file, _, previous), (next, _, from)) = (&pair[0], &pair[1]);
        if file == next {
            let at = from
                .as_ref()
                .map_or_else(|| Location::file("(generated)"), Location::file);
            diags.error(
                at,
                format!(
                    "`{file}` would be written twice, also by {}; rename one of them",
                    shown(previous)
                ),
            );
        }
    }
    // The last claim of a file is the one kept (only a build with errors has two).
    claims
        .into_iter()
        .map(|(file, job, _)| (file, job))
        .collect()
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
        // Every file with its job and the source that claims it, in the order claimed.
        let mut claims: Vec<(String, Job, Option<PathBuf>)> = Vec::new();
        let mut add = |route: String, job: Job, from: Option<PathBuf>| {
            claims.push((output_file(&route), job, from));
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
            (opendata::PROCEDURES_JSON, OpenFile::Whole(Whole::Json)),
            (opendata::PROCEDURES_JSONL, OpenFile::Whole(Whole::Jsonl)),
            (opendata::PROCEDURES_CSV, OpenFile::Whole(Whole::Csv)),
            (opendata::CATALOG_JSON, OpenFile::Catalog),
            (opendata::SCHEMA_JSON, OpenFile::Schema),
            (opendata::CPSV_JSONLD, OpenFile::Whole(Whole::Cpsv)),
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
        let files = claimed_once(claims, diags);
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
