//! The datasets of the site — procedures, catalogues, changes, statistics — as the "Dữ liệu
//! mở" page lists them and as a DCAT-AP 3 catalogue (`du-lieu/dcat-ap.jsonld`, JSON-LD with
//! its context inline), each with its downloads.

use super::linked::{Graph, LANGUAGE, area_name, id, typed, vi_text};
use super::opendata;
use crate::model::Model;
use serde_json::json;

/// A dataset's section on the "Dữ liệu mở" page, and its address in the DCAT catalogue.
pub fn dataset_anchor(key: &str) -> String {
    format!("bo-du-lieu-{key}")
}

/// One download of a dataset.
pub struct Download<'a> {
    pub route: String,
    pub title: &'a str,
    pub media_type: &'a str,
    pub format: &'a str,
}

/// A dataset of the catalogue: what it is and its downloads.
pub struct Dataset<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub description: String,
    pub downloads: Vec<Download<'a>>,
}

/// The site's datasets, as the "Dữ liệu mở" page and the DCAT catalogue list them.
pub fn datasets(model: &Model) -> Vec<Dataset<'static>> {
    let u = &model.urls;
    let file = |name: &str| u.open_data_file(name);
    let mut sets = vec![
        Dataset {
            key: "thu-tuc",
            title: "Danh mục thủ tục hành chính",
            description: format!(
                "Toàn bộ {} thủ tục hành chính của {} với mọi thông tin có cấu trúc: cách thực hiện, thời hạn, phí, lệ phí, thành phần hồ sơ, kết quả, căn cứ pháp lý, quyết định công bố và lịch sử thay đổi.",
                model.procedures.len(),
                area_name(model)
            ),
            downloads: vec![
                Download { route: file(opendata::PROCEDURES_JSON), title: "JSON", media_type: "application/json", format: "JSON" },
                Download { route: file(opendata::PROCEDURES_JSONL), title: "JSON Lines (một thủ tục một dòng)", media_type: "application/jsonl", format: "JSON_LINES" },
                Download { route: file(opendata::PROCEDURES_CSV), title: "CSV (một thủ tục một dòng, các thông tin chính)", media_type: "text/csv", format: "CSV" },
                Download { route: file(opendata::CPSV_JSONLD), title: "JSON-LD theo CPSV-AP 3.2 (thủ tục đang áp dụng)", media_type: "application/ld+json", format: "JSON_LD" },
                Download { route: file(opendata::SCHEMA_JSON), title: "Lược đồ JSON (JSON Schema) của một thủ tục", media_type: "application/schema+json", format: "JSON" },
            ],
        },
        Dataset {
            key: "danh-muc",
            title: "Danh mục lĩnh vực, cấp, cơ quan và nơi tiếp nhận hồ sơ",
            description: "Lĩnh vực, cấp thực hiện, cơ quan, nơi tiếp nhận hồ sơ (địa chỉ, điện thoại, giờ làm việc) và các bảng mã dùng trong danh mục thủ tục.".to_string(),
            downloads: vec![Download { route: file(opendata::CATALOG_JSON), title: "JSON", media_type: "application/json", format: "JSON" }],
        },
        Dataset {
            key: "thay-doi",
            title: "Thay đổi thủ tục hành chính",
            description: "Thủ tục được công bố, sửa đổi, thay thế, bãi bỏ, theo ngày có hiệu lực (nguồn tin Atom).".to_string(),
            downloads: vec![Download { route: u.feed(""), title: "Atom", media_type: "application/atom+xml", format: "ATOM" }],
        },
    ];
    if !model.statistics.is_empty() {
        sets.push(Dataset {
            key: "thong-ke",
            title: "Số liệu giải quyết hồ sơ",
            description: "Số hồ sơ tiếp nhận, giải quyết đúng hạn, quá hạn theo kỳ báo cáo, cấp, cơ quan, lĩnh vực.".to_string(),
            downloads: vec![
                Download { route: u.statistics_data(None, "csv"), title: "CSV", media_type: "text/csv", format: "CSV" },
                Download { route: u.statistics_data(None, "json"), title: "JSON", media_type: "application/json", format: "JSON" },
            ],
        });
    }
    sets
}

/// The DCAT-AP catalogue of the datasets.
pub fn dcat_ap(model: &Model) -> String {
    let u = &model.urls;
    let mut g = Graph::default();
    let page = u.absolute(&u.open_data());
    let modified = typed(&opendata::modified(model).to_iso(), "xsd:date");
    let publisher = g.add(json!({
        "@id": format!("{page}#co-quan-cong-bo"),
        "@type": "foaf:Agent",
        "foaf:name": vi_text(&model.config.authority),
    }));
    let license = g.add(json!({
        "@id": model.config.open_data.license_url,
        "@type": "dct:LicenseDocument",
        "dct:title": vi_text(&model.config.open_data.license),
    }));
    let language = g.add(json!({"@id": LANGUAGE, "@type": "dct:LinguisticSystem"}));
    let area = g.add(json!({
        "@id": format!("{page}#dia-ban"),
        "@type": "dct:Location",
        "locn:geographicName": vi_text(&area_name(model)),
    }));
    let landing = g.add(json!({"@id": page, "@type": "foaf:Document"}));
    let mut sets = Vec::new();
    for d in datasets(model) {
        let mut distributions = Vec::new();
        for (n, dl) in d.downloads.iter().enumerate() {
            let url = u.absolute(&dl.route);
            let media = g.add(json!({
                "@id": format!("https://www.iana.org/assignments/media-types/{}", dl.media_type),
                "@type": "dct:MediaType",
            }));
            let format = g.add(json!({
                "@id": format!("http://publications.europa.eu/resource/authority/file-type/{}", dl.format),
                "@type": "dct:MediaTypeOrExtent",
            }));
            distributions.push(g.add(json!({
                "@id": format!("{page}#{}-{}", dataset_anchor(d.key), n + 1),
                "@type": "dcat:Distribution",
                "dct:title": vi_text(dl.title),
                "dcat:accessURL": id(&url),
                "dcat:downloadURL": id(&url),
                "dcat:mediaType": media,
                "dct:format": format,
                "dct:license": license,
                "dct:modified": modified,
            })));
        }
        sets.push(g.add(json!({
            "@id": format!("{page}#{}", dataset_anchor(d.key)),
            "@type": "dcat:Dataset",
            "dct:identifier": d.key,
            "dct:title": vi_text(d.title),
            "dct:description": vi_text(&d.description),
            "dct:publisher": publisher,
            "dct:language": language,
            "dct:spatial": area,
            "dct:modified": modified,
            "dcat:landingPage": landing,
            "dcat:distribution": distributions,
        })));
    }
    g.add(json!({
        "@id": format!("{page}#danh-muc-du-lieu"),
        "@type": "dcat:Catalog",
        "dct:title": vi_text(&format!("Dữ liệu mở: {}", model.config.title)),
        "dct:description": vi_text(&format!(
            "Dữ liệu mở về thủ tục hành chính của {}: miễn phí, không cần đăng ký, ở định dạng mở.",
            area_name(model)
        )),
        "dct:publisher": publisher,
        "dct:license": license,
        "dct:language": language,
        "dct:spatial": area,
        "dct:modified": modified,
        "foaf:homepage": id(&u.absolute("")),
        "dcat:dataset": sets,
    }));
    g.add(json!({"@id": u.absolute(""), "@type": "foaf:Document"}));
    g.document()
}
