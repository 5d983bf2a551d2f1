//! What a successful build produces: permanent procedure pages in the citizen's order,
//! tombstones for repealed procedures, listings, forms, Vietnamese formatting, and
//! byte-identical rebuilds.

mod common;

use common::{Fixture, procedure_front, tree};

#[test]
fn procedure_page_is_at_its_permanent_url_with_key_facts_first() {
    let site = Fixture::new();
    site.build_ok();
    let html = site.page("tthc/1.000001/index.html");
    assert!(html.contains("<h1>Đăng ký khai sinh</h1>"), "{html}");
    assert!(html.contains("Khai sinh cho trẻ em."));
    assert!(
        html.contains("Lệ phí: 50.000\u{a0}đồng"),
        "fee formatted the Vietnamese way"
    );
    assert!(
        html.contains("<strong class=\"way\">Trực tiếp</strong> · <span data-fact=\"time\">Thời hạn: 3 ngày làm việc</span>"),
        "each way of applying with its time limit"
    );
    assert!(
        html.contains("Số 1 Đường Một, xã Thử"),
        "office address shown"
    );
    assert!(html.contains("<time datetime=\"2025-07-15\">15/07/2025</time>"));
    assert!(
        html.contains("https://tthc.example.gov.vn/tthc/1.000001/"),
        "permanent URL printed"
    );
    // The citizen's order: key facts, then documents, steps, results, channels, offices,
    // legal details.
    let order = [
        "tom-tat",
        "ho-so",
        "cac-buoc",
        "ket-qua",
        "cach-thuc",
        "noi-nop",
        "phap-ly",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|id| {
            html.find(&format!("id=\"{id}\""))
                .unwrap_or_else(|| panic!("no section {id}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {positions:?}"
    );
}

#[test]
fn every_field_of_the_record_reaches_the_page() {
    let front = procedure_front("1.000002", "Đăng ký kết hôn").replace(
        "online = \"none\"",
        "online = \"full\"\nonline_url = \"https://dichvucong.gov.vn/tthc/1.000002\"\nlocal_code = \"1.000002.000.00.00.H12\"\nconditions = \"Nam từ đủ 20 tuổi.\"\nkeywords = [\"lấy vợ\"]",
    ) + r#"
[[documents]]
title = "Giấy tờ phải nộp"
notes = "Nộp **một** bộ."
[[documents.items]]
name = "Tờ khai đăng ký kết hôn"
originals = 1
copies = 2
forms = ["ho-tich/to-khai.pdf"]

[[results]]
name = "Giấy chứng nhận kết hôn"
code = "KQ.G15.000041"
electronic = true

[[legal_basis]]
number = "60/2014/QH13"
title = "Luật Hộ tịch"
date = 2014-11-20

[[decisions]]
number = "1520/QĐ-UBND"
date = 2025-07-15
issuer = "Chủ tịch UBND tỉnh"
"#;
    let site = Fixture::new()
        .procedure("1.000002", &front, "")
        .write("content/forms/ho-tich/to-khai.pdf", "%PDF-1.4 sample");
    site.build_ok();
    let html = site.page("tthc/1.000002/index.html");
    for expected in [
        "1.000002.000.00.00.H12",
        "Dịch vụ công trực tuyến toàn trình",
        "href=\"https://dichvucong.gov.vn/tthc/1.000002\"",
        "Nam từ đủ 20 tuổi.",
        "Nộp <strong>một</strong> bộ.",
        "Bản chính: 1 · Bản sao: 2",
        "href=\"/bieu-mau/ho-tich/to-khai.pdf\"",
        "KQ.G15.000041",
        "Có bản điện tử",
        "60/2014/QH13",
        "Luật Hộ tịch (20/11/2014)",
        "1520/QĐ-UBND ngày 15/07/2025",
        "Ủy ban nhân dân xã",
        "\"@type\":\"GovernmentService\"",
        "\"dayOfWeek\":[\"Monday\",\"Tuesday\",\"Wednesday\",\"Thursday\",\"Friday\"]",
    ] {
        assert!(html.contains(expected), "missing `{expected}`");
    }
    assert_eq!(
        std::fs::read(site.output().join("bieu-mau/ho-tich/to-khai.pdf")).unwrap(),
        b"%PDF-1.4 sample",
        "form copied unchanged"
    );
}

#[test]
fn replaced_procedure_keeps_its_page_and_links_the_replacement() {
    let old = procedure_front("1.000003", "Cấp phép cũ").replace(
        "online = \"none\"",
        "online = \"none\"\nstatus = \"replaced\"\nreplaced_by = \"1.000001\"\nrepealed_on = 2025-07-01",
    );
    let site = Fixture::new().procedure("1.000003", &old, "");
    site.build_ok();
    let html = site.page("tthc/1.000003/index.html");
    assert!(
        html.contains("Đã được thay thế từ ngày 01/07/2025"),
        "{html}"
    );
    assert!(html.contains("Thủ tục thay thế: <a href=\"/tthc/1.000001/\">Đăng ký khai sinh</a>"));
    let new = site.page("tthc/1.000001/index.html");
    assert!(
        new.contains("Thủ tục này thay thế"),
        "the replacement names what it replaced"
    );
    // Listings keep it apart from procedures in force.
    let field = site.page("linh-vuc/ho-tich/index.html");
    let retired = field
        .find("Thủ tục đã bãi bỏ hoặc thay thế")
        .expect("retired section");
    assert!(field[retired..].contains("Cấp phép cũ"));
    assert!(field[..retired].contains("Đăng ký khai sinh"));
}

#[test]
fn listings_by_field_level_agency_and_office() {
    let site = Fixture::new();
    site.build_ok();
    for (file, expected) in [
        ("index.html", "Đăng ký khai sinh"),
        ("tthc/index.html", "tthc/chu-dd/"),
        ("tthc/chu-dd/index.html", "Đăng ký khai sinh"),
        ("linh-vuc/index.html", "Hộ tịch"),
        ("linh-vuc/ho-tich/index.html", "Đăng ký khai sinh"),
        ("linh-vuc/dat-dai/index.html", "0 thủ tục"),
        ("cap/xa/index.html", "Đăng ký khai sinh"),
        (
            "cap/huyen/index.html",
            "không còn tiếp nhận hồ sơ từ ngày 01/07/2025",
        ),
        ("co-quan/ubnd-xa/index.html", "Đăng ký khai sinh"),
        (
            "noi-tiep-nhan/mot-cua-xa/index.html",
            "Thứ Hai – Thứ Sáu: 07:00 – 11:30",
        ),
        ("noi-tiep-nhan/mot-cua-xa/index.html", "tel:02903555111"),
        ("404.html", "Không tìm thấy trang"),
    ] {
        let html = site.page(file);
        assert!(html.contains(expected), "{file} lacks `{expected}`");
    }
    assert!(site.output().join("static/style.css").is_file());
}

#[test]
fn free_standing_pages_render_markdown_and_are_linked_from_every_page() {
    let site = Fixture::new().write(
        "content/pages/lien-he.md",
        "+++\ntitle = \"Liên hệ\"\nmenu_order = 1\n+++\n# Đường dây nóng\n\nXem [khai sinh](/tthc/1.000001/).\n",
    );
    site.build_ok();
    let html = site.page("lien-he/index.html");
    assert!(
        html.contains("<h2>Đường dây nóng</h2>"),
        "headings sit below the page title"
    );
    assert!(html.contains("<a href=\"/tthc/1.000001/\">khai sinh</a>"));
    assert!(
        site.page("index.html")
            .contains("<a href=\"/lien-he/\">Liên hệ</a>")
    );
}

#[test]
fn raw_html_in_content_is_shown_as_text() {
    let site = Fixture::new().procedure(
        "1.000001",
        &procedure_front("1.000001", "Đăng ký khai sinh"),
        "Xin chào <script>alert('x')</script> <img src=x onerror=alert(1)>\n",
    );
    site.build_ok();
    let html = site.page("tthc/1.000001/index.html");
    assert!(!html.contains("<script>alert"), "script reached the page");
    assert!(!html.contains("<img src=x"), "raw img reached the page");
    assert!(html.contains("&lt;script&gt;alert("));
}

#[test]
fn a_site_under_a_sub_path_links_within_it() {
    let config = common::CONFIG.replace(
        "https://tthc.example.gov.vn/",
        "https://example.gov.vn/cong-khai",
    );
    let site = Fixture::new().write("congkhai.toml", &config);
    site.build_ok();
    let html = site.page("index.html");
    assert!(
        html.contains("href=\"/cong-khai/tthc/1.000001/\""),
        "{html}"
    );
    assert!(html.contains("href=\"/cong-khai/static/style.css\""));
    assert!(
        site.page("tthc/1.000001/index.html")
            .contains("https://example.gov.vn/cong-khai/tthc/1.000001/")
    );
}

#[test]
fn a_site_template_overrides_the_theme() {
    let site = Fixture::new().write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Trang riêng của tỉnh</p>{% endblock main %}",
    );
    site.build_ok();
    assert!(site.page("404.html").contains("Trang riêng của tỉnh"));
    assert!(
        site.page("tthc/1.000001/index.html")
            .contains("Đăng ký khai sinh")
    );
    // Editing a template re-renders its pages, though their data did not change.
    let site = site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Trang đã sửa</p>{% endblock main %}",
    );
    let report = site.build_ok();
    assert!(site.page("404.html").contains("Trang đã sửa"));
    assert_eq!(report.written, 1, "only the 404 page changed");
}

#[test]
fn two_builds_are_byte_identical() {
    let mut site = Fixture::new();
    for (i, name) in ["Ăn uống", "Đất đai", "An ninh", "Xây dựng", "Âm nhạc"]
        .iter()
        .enumerate()
    {
        let code = format!("1.00010{i}");
        site = site.procedure(&code, &procedure_front(&code, name), "Nội dung.\n");
    }
    let first = site.root().join("out-1");
    let second = site.root().join("out-2");
    site.build_into(&first).unwrap();
    site.build_into(&second).unwrap();
    let (a, b) = (tree(&first), tree(&second));
    assert!(a.len() > 15, "only {} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs between builds");
    }
    // And lists follow the Vietnamese alphabet: An, Ăn, Âm under A; then Đ after D, then X.
    let page = |name: &str| String::from_utf8(a[name].clone()).unwrap();
    let in_order = |html: &str, items: &[&str]| {
        let at: Vec<usize> = items.iter().map(|n| html.find(n).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{items:?} at {at:?}");
    };
    let a_page = page("tthc/chu-a/index.html");
    in_order(&a_page, &[">An ninh</a>", ">Ăn uống</a>", ">Âm nhạc</a>"]);
    let letters = ["tthc/chu-a/", "tthc/chu-dd/", "tthc/chu-x/"];
    in_order(&page("tthc/index.html"), &letters);
}

#[test]
fn the_built_in_theme_serves_a_site_without_a_themes_folder() {
    let site = Fixture::new();
    assert!(!site.root().join("themes").exists());
    site.build_ok();
    assert!(site.page("static/style.css").contains("Noto Sans"));
}

#[test]
fn output_is_the_same_with_one_thread_or_many() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::sample_root();
    let build = |threads: &str, out: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_congkhai"))
            .env("CONGKHAI_LANG", "en")
            .args(["build", "--quiet", "--root"])
            .arg(&root)
            .arg("--output")
            .arg(dir.path().join(out))
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
        tree(&dir.path().join(out))
    };
    let one = build("1", "one");
    let many = build("4", "many");
    assert!(one.len() > 200);
    assert!(one == many, "outputs differ between 1 and 4 threads");
}

#[test]
fn a_build_with_nothing_changed_rewrites_nothing_and_repeats_its_warnings() {
    let site = Fixture::new();
    let first = site.run(&["build"]);
    assert_eq!(first.status.code(), Some(0));
    let page = site.output().join("tthc/1.000001/index.html");
    let written = std::fs::metadata(&page).unwrap().modified().unwrap();
    let again = site.run(&["build"]);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("Nothing changed since the last build"),
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("field `dat-dai` has no procedure"),
        "the last build's warnings are printed again"
    );
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        written,
        "nothing rewritten"
    );
    // --force, an edit, or a missing output all build again.
    assert!(String::from_utf8_lossy(&site.run(&["build", "--force"]).stdout).starts_with("Built"));
    let site = site.procedure(
        "1.000001",
        &procedure_front("1.000001", "Khai sinh"),
        "Sửa.\n",
    );
    assert!(String::from_utf8_lossy(&site.run(&["build"]).stdout).starts_with("Built"));
    assert!(
        site.page("tthc/1.000001/index.html")
            .contains("<h1>Khai sinh</h1>")
    );
    std::fs::remove_dir_all(site.output()).unwrap();
    assert!(String::from_utf8_lossy(&site.run(&["build"]).stdout).starts_with("Built"));
    // A page deleted or edited by hand is a damaged output, not "nothing changed": the
    // next build puts it back.
    let page = site.output().join("tthc/1.000001/index.html");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    assert!(String::from_utf8_lossy(&site.run(&["build"]).stdout).starts_with("Built"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), good);
    std::fs::write(&page, "<p>sửa tay</p>").unwrap();
    assert!(String::from_utf8_lossy(&site.run(&["build"]).stdout).starts_with("Built"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), good);
    assert!(String::from_utf8_lossy(&site.run(&["build"]).stdout).starts_with("Nothing changed"));
}

/// A rebuild into the previous output writes only the files that changed, and the result
/// is exactly what a build into an empty folder gives: same files, same bytes, nothing
/// left over from the removed procedure.
#[test]
fn a_rebuild_writes_only_changed_files_and_matches_a_fresh_build() {
    let site = Fixture::new()
        .procedure(
            "1.000002",
            &procedure_front("1.000002", "Đăng ký kết hôn"),
            "Kết hôn.\n",
        )
        .procedure(
            "1.000003",
            &procedure_front("1.000003", "Đăng ký khai tử"),
            "Khai tử.\n",
        );
    let first = site.build_ok();
    assert_eq!(
        first.written, first.files,
        "a first build writes everything"
    );
    let untouched = site.output().join("tthc/1.000002/index.html");
    let inode = |path: &std::path::Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    };
    let before = inode(&untouched);
    // One body edited: its page, the search index and the open data that carry the
    // description (JSON, JSON Lines, CPSV-AP) change, nothing else.
    let site = site.procedure(
        "1.000001",
        &procedure_front("1.000001", "Đăng ký khai sinh"),
        "Khai sinh cho trẻ em, sửa lại.\n",
    );
    let second = site.build_ok();
    assert_eq!(
        second.written, 5,
        "{} of {} written",
        second.written, second.files
    );
    assert_eq!(inode(&untouched), before, "an unchanged page was rewritten");
    assert!(site.page("tthc/1.000001/index.html").contains("sửa lại"));
    // One procedure removed: its page, code and poster go.
    let site = site.remove("content/procedures/1.000003.md");
    let third = site.build_ok();
    assert!(third.deleted >= 3, "{} deleted", third.deleted);
    assert!(!site.output().join("tthc/1.000003").exists());
    let fresh = site.root().join("fresh");
    site.build_into(&fresh).unwrap();
    let (updated, fresh) = (tree(&site.output()), tree(&fresh));
    assert_eq!(
        updated.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &fresh {
        assert!(updated[name] == *bytes, "{name} differs from a fresh build");
    }
}

/// After every kind of edit, a rebuild into the previous output equals a fresh build. Pages
/// of procedures are skipped by what they are made of (see `render/inputs.rs`), so each
/// edit below changes one such input from another file than the procedure's own.
#[test]
fn after_each_kind_of_edit_a_rebuild_in_place_equals_a_fresh_build() {
    type Edit = fn(Fixture) -> Fixture;
    let edits: [(&str, Edit); 9] = [
        (
            "the name of a procedure another one lists as related",
            |s| {
                s.edit(
                    "content/procedures/ho-tich/1.000894.md",
                    "short_name = \"Đăng ký kết hôn\"",
                    "short_name = \"Đăng ký kết hôn (sửa)\"",
                )
            },
        ),
        ("which procedure replaces a retired one", |s| {
            s.edit(
                "content/procedures/ho-tich/1.001695.md",
                "replaced_by = \"1.013921\"",
                "replaced_by = \"1.000894\"",
            )
        }),
        ("an agency's name", |s| {
            s.edit(
                "content/catalog/agencies.toml",
                "name = \"Sở Tư pháp tỉnh Cà Mau\"",
                "name = \"Sở Tư pháp\"",
            )
        }),
        ("an office's opening hours", |s| {
            s.edit(
                "content/catalog/offices.toml",
                "closes = \"17:00\"",
                "closes = \"16:30\"",
            )
        }),
        ("a vocabulary label", |s| {
            s.edit(
                "content/catalog/vocabulary.toml",
                "label = \"Thủ tục",
                "label = \"TTHC",
            )
        }),
        ("the site's title", |s| {
            s.edit("congkhai.toml", "title = \"Công khai", "title = \"Công bố")
        }),
        ("a page in the menu", |s| {
            s.edit(
                "content/pages/gioi-thieu.md",
                "title = \"Giới thiệu\"",
                "title = \"Về trang\"",
            )
        }),
        ("the size of a form", |s| {
            let form = s
                .root()
                .join("content/forms/ho-tich/to-khai-dang-ky-khai-sinh.pdf");
            let mut bytes = std::fs::read(&form).unwrap();
            bytes.extend(std::iter::repeat_n(b'\n', 4096));
            std::fs::write(form, bytes).unwrap();
            s
        }),
        ("the template of procedure posters", |s| {
            let theme = s
                .root()
                .join("themes/default/templates/poster_procedure.html");
            let text = std::fs::read_to_string(theme).unwrap();
            assert!(text.contains("Trang của thủ tục"));
            let text = text.replace("Trang của thủ tục", "Xem trang thủ tục");
            s.write("templates/poster_procedure.html", &text)
        }),
    ];
    let mut site = Fixture::sample();
    site.build_ok();
    for (what, edit) in edits {
        site = edit(site);
        let report = site.build_ok();
        assert!(report.written > 0, "editing {what} changed nothing");
        let elsewhere = tempfile::tempdir().unwrap();
        let fresh = elsewhere.path().join("site");
        site.build_into(&fresh).unwrap();
        let (updated, fresh_tree) = (tree(&site.output()), tree(&fresh));
        assert_eq!(
            updated.keys().collect::<Vec<_>>(),
            fresh_tree.keys().collect::<Vec<_>>(),
            "after editing {what}"
        );
        for (name, bytes) in &fresh_tree {
            assert!(
                updated[name] == *bytes,
                "after editing {what}, {name} differs from a fresh build"
            );
        }
    }
}

/// A template edit renders again only the pages drawn by that template or by one drawing on
/// it: a change to the procedure poster leaves every other page alone, a change to the base
/// layout renders every page drawn on it.
#[test]
fn a_template_edit_renders_again_only_the_pages_that_draw_on_it() {
    let site = Fixture::sample();
    let first = site.build_ok();
    assert_eq!(first.rendered, first.pages);
    let posters = tree(&site.output())
        .keys()
        .filter(|f| f.starts_with("ap-phich/tthc/"))
        .count();
    assert!(posters > 10, "{posters} procedure posters");
    let theme = |name: &str| {
        let path = common::sample_root()
            .join("themes/default/templates")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    };
    let poster = theme("poster_procedure.html").replace("Trang của thủ tục", "Xem trang thủ tục");
    let site = site.write("templates/poster_procedure.html", &poster);
    let second = site.build_ok();
    assert_eq!(
        second.rendered, posters,
        "{} of {} rendered",
        second.rendered, second.pages
    );
    assert_eq!(second.written, posters);
    // The base layout is drawn on by every page but the printables: those pages, and
    // only they, are rendered again.
    let base = theme("base.html").replace("</footer>", "<!-- sửa --></footer>");
    assert_ne!(base, theme("base.html"));
    let site = site.write("templates/base.html", &base);
    let third = site.build_ok();
    let drawn_on_base = tree(&site.output())
        .values()
        .filter(|bytes| String::from_utf8_lossy(bytes).contains("<!-- sửa -->"))
        .count();
    assert!(
        drawn_on_base > third.pages / 2,
        "{drawn_on_base} of {} pages",
        third.pages
    );
    assert_eq!(third.rendered, drawn_on_base);
    assert_eq!(third.written, drawn_on_base);
}

/// A build on a later day, when one of a procedure's changes moves from announced to past
/// and nothing else changes, equals a fresh build on that day, page and open data alike.
#[test]
fn a_rebuild_on_a_later_day_equals_a_fresh_build_on_that_day() {
    let site = Fixture::sample();
    let day = |iso: &str| congkhai::BuildOptions {
        root: site.root().to_path_buf(),
        output: site.output(),
        force: false,
        date: congkhai::date::Date::parse_iso(iso),
    };
    // 1.001193's change of 15/07/2025 is announced on the 10th, past on the 20th; what is in
    // force is the same on both days.
    congkhai::build(&day("2025-07-10")).unwrap();
    let before = tree(&site.output());
    let report = congkhai::build(&day("2025-07-20")).unwrap();
    assert!(report.written > 0);
    let elsewhere = tempfile::tempdir().unwrap();
    congkhai::build(&congkhai::BuildOptions {
        output: elsewhere.path().join("site"),
        ..day("2025-07-20")
    })
    .unwrap();
    let (updated, fresh) = (tree(&site.output()), tree(&elsewhere.path().join("site")));
    assert_eq!(
        updated.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    let page = "tthc/1.001193/index.html";
    assert!(before[page] != fresh[page], "the change moves on the page");
    for (name, bytes) in &fresh {
        assert!(updated[name] == *bytes, "{name} differs from a fresh build");
    }
}
