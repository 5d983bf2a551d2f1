//! What each page's template sees: the context of every kind of page, filled from the
//! model and the views, with the page's title, description and address ([`Meta`]).

use super::*;

impl Renderer<'_> {
    /// Fills `ctx` with what the page's template sees and renders it, unless `ctx` only
    /// checks. Returns the template and the page.
    pub(super) fn page(
        &self,
        file: &str,
        job: Job,
        ctx: &mut PageContext,
    ) -> Result<(&'static str, Option<String>), Problem> {
        let m = self.model;
        let u = &m.urls;
        let c = &m.catalog;
        ctx.insert("site", &self.site);
        let (template, meta) = match job {
            Job::Home => {
                ctx.insert("fields", &pages::field_cards(m));
                ctx.insert("levels", &pages::level_cards(m));
                ctx.insert("office_levels", &pages::office_levels(m));
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
                ctx.insert("office_levels", &pages::office_levels(m));
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
                let group = posters::group(m, f.name.clone(), &u.field(&f.key), &m.by_field[i]);
                self.poster_list(ctx, title, &u.field(&f.key), group)
            }
            Job::OfficePosterList(i) => {
                let o = &c.offices[i];
                let title = format!("Áp phích từng thủ tục: {}", o.name);
                let group = posters::PrintGroup {
                    office: true,
                    ..posters::group(m, o.name.clone(), &u.office(&o.key), &m.by_office[i])
                };
                self.poster_list(ctx, title, &u.office(&o.key), group)
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
        group: posters::PrintGroup,
    ) -> (&'static str, Meta) {
        let m = self.model;
        ctx.insert("group", &group);
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

/// The head of a page: its title, description, canonical address and menu section.
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
