//! Checks over the whole built sample site: every internal link and anchor resolves,
//! nothing is loaded from another host, and every procedure page fits the first round trip
//! of a weak mobile connection (14 KB gzipped with its stylesheet).

mod common;

use common::tree;
use congkhai::linkcheck::{PageLinks, is_external, resolve};
use flate2::{Compression, write::GzEncoder};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

fn sample() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let (dir, out, _) = common::build_sample();
    (dir, tree(&out))
}

#[test]
fn every_internal_link_and_anchor_resolves_and_nothing_comes_from_elsewhere() {
    let (_dir, files) = sample();
    let pages: BTreeMap<&str, PageLinks> = files
        .iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| {
            (
                name.as_str(),
                PageLinks::of(name, std::str::from_utf8(bytes).unwrap()),
            )
        })
        .collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (name, page) in &pages {
        let html = std::str::from_utf8(&files[*name]).unwrap();
        for link in &page.links {
            if link.starts_with("https://") || link.starts_with("http://") {
                // Only plain links may leave the site; nothing is loaded from elsewhere.
                let loaded = html.contains(&format!("src=\"{link}\""))
                    || html.contains(&format!("<link rel=\"stylesheet\" href=\"{link}\""));
                assert!(!loaded, "{name} loads {link} from another host");
                continue;
            }
            if is_external(link) {
                continue;
            }
            checked += 1;
            let Some((file, fragment)) = resolve(name, link, "/") else {
                broken.push(format!("{name}: {link} (outside the site)"));
                continue;
            };
            if !files.contains_key(&file) {
                broken.push(format!("{name}: {link} (no {file})"));
            } else if let Some(id) = fragment
                && !pages
                    .get(file.as_str())
                    .is_some_and(|p| p.ids.contains(&id))
            {
                broken.push(format!("{name}: {link} (no id `{id}` in {file})"));
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    println!("internal links and anchors checked: {checked}");
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// The page-weight budget: what a phone needs before the first paint of a procedure page.
const BUDGET: usize = 14 * 1024;

#[test]
fn every_procedure_page_fits_the_first_round_trip() {
    let (_dir, files) = sample();
    let css = gzipped(&files["static/style.css"]);
    let mut weights: Vec<(usize, &str)> = Vec::new();
    for (name, bytes) in &files {
        // `tthc/<code>/index.html`; not the index nor the A–Z letter pages (`tthc/chu-a/`).
        let is_procedure = name.starts_with("tthc/")
            && name.ends_with("/index.html")
            && name != "tthc/index.html"
            && !name.starts_with("tthc/chu-");
        if !is_procedure {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        assert!(
            !html.contains("<script src") || html.contains(" defer"),
            "{name}: render-blocking script"
        );
        weights.push((gzipped(bytes) + css, name));
    }
    weights.sort();
    let median = weights[weights.len() / 2].0;
    let (max, heaviest) = *weights.last().unwrap();
    println!(
        "procedure pages: {} pages, HTML + CSS gzipped: median {median} B, max {max} B ({heaviest}); stylesheet {css} B; budget {BUDGET} B",
        weights.len()
    );
    for page in [
        "index.html",
        "tthc/index.html",
        "linh-vuc/ho-tich/index.html",
        "tim-kiem/chi-muc.json",
        "static/search.js",
    ] {
        println!("  {page}: {} B gzipped", gzipped(&files[page]));
    }
    let over: Vec<_> = weights.iter().filter(|(w, _)| *w > BUDGET).collect();
    assert!(over.is_empty(), "over the {BUDGET} B budget: {over:?}");
}

/// Copies the sample site and grows it to `n` procedures: variants of the sample's own
/// procedures with new codes and qualified names, the way real catalogues repeat a
/// procedure across agencies and special cases.
fn grown_sample(n: usize) -> tempfile::TempDir {
    let root = common::sample_root();
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &Path, to: &Path| {
        for entry in walkdir::WalkDir::new(from)
            .into_iter()
            .filter_map(Result::ok)
        {
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    };
    std::fs::copy(root.join("congkhai.toml"), dir.path().join("congkhai.toml")).unwrap();
    copy(&root.join("content"), &dir.path().join("content"));
    let originals: Vec<(String, String)> = tree(&root.join("content/procedures"))
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .filter(|(_, text)| !text.contains("status = "))
        .collect();
    let qualifiers = [
        "đối với cá nhân",
        "đối với tổ chức",
        "trường hợp đặc biệt",
        "cấp lại",
        "cấp đổi",
        "điều chỉnh",
        "gia hạn",
        "có yếu tố nước ngoài",
        "tại khu kinh tế",
        "cho hộ gia đình",
    ];
    let extra = n - 44;
    for i in 0..extra {
        let (name, text) = &originals[i % originals.len()];
        let old_code = &name[name.rfind('/').map_or(0, |p| p + 1)..name.len() - 3];
        let new_code = format!("3.{:06}", 100_000 + i);
        let qualifier = qualifiers[(i / originals.len()) % qualifiers.len()];
        let text = text
            .replacen(
                &format!("code = \"{old_code}\""),
                &format!("code = \"{new_code}\""),
                1,
            )
            // Variants relate to nothing, so no reference dangles.
            .replace("\nrelated = [", "\n# related = [");
        let text = match text.find("short_name = \"") {
            Some(at) => {
                let end = at + 14 + text[at + 14..].find('"').unwrap();
                format!(
                    "{} ({qualifier}, {}){}",
                    &text[..end],
                    i / (originals.len() * qualifiers.len()) + 1,
                    &text[end..]
                )
            }
            None => text,
        };
        std::fs::write(
            dir.path().join(format!("content/procedures/{new_code}.md")),
            text,
        )
        .unwrap();
    }
    dir
}

#[test]
fn the_search_index_stays_small_at_province_scale() {
    let dir = grown_sample(2000);
    let out = dir.path().join("site");
    let report = congkhai::build(&congkhai::BuildOptions {
        root: dir.path().to_path_buf(),
        output: out.clone(),
        force: false,
        date: None,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.procedures, 2000);
    let index = std::fs::read(out.join("tim-kiem/chi-muc.json")).unwrap();
    let size = gzipped(&index);
    println!(
        "search index for 2,000 procedures: {} B raw, {size} B gzipped",
        index.len()
    );
    let (_sample_dir, files) = sample();
    println!(
        "search index for the sample ({} procedures): {} B gzipped",
        44,
        gzipped(&files["tim-kiem/chi-muc.json"])
    );
    assert!(
        size < 200 * 1024,
        "index of {size} B gzipped is too heavy for a weak network"
    );
}
