//! The "Dữ liệu mở" page: each dataset of the DCAT-AP catalogue with its downloads, the
//! terms of use and last change, and the code lists whose values the linked data points to.

use super::linked::code_anchor;
use super::opendata::{DCAT_JSONLD, modified};
use crate::model::Model;
use crate::procedure::Status;

/// What the "Dữ liệu mở" page shows: each dataset and its downloads, the terms of use, and
/// the code lists whose values the linked data points to (`#kenh-truc-tiep`, …).
#[derive(serde::Serialize)]
pub struct OpenDataView {
    pub datasets: Vec<DatasetView>,
    pub license: String,
    pub license_url: String,
    pub modified: String,
    pub modified_iso: String,
    pub as_of: String,
    pub dcat_url: String,
    pub codes: Vec<CodeList>,
}

#[derive(serde::Serialize)]
pub struct DatasetView {
    /// The section's anchor, also the dataset's address in the DCAT catalogue.
    pub anchor: String,
    pub title: &'static str,
    pub description: String,
    pub downloads: Vec<DownloadView>,
}

#[derive(serde::Serialize)]
pub struct DownloadView {
    pub title: &'static str,
    pub url: String,
    pub media_type: &'static str,
}

#[derive(serde::Serialize)]
pub struct CodeList {
    pub title: &'static str,
    pub entries: Vec<CodeEntry>,
}

#[derive(serde::Serialize)]
pub struct CodeEntry {
    pub anchor: String,
    pub key: String,
    pub label: String,
}

pub fn view(model: &Model) -> OpenDataView {
    let u = &model.urls;
    let v = &model.catalog.vocabulary;
    let list = |title, id: &str, terms: &[crate::catalog::Term]| CodeList {
        title,
        entries: terms
            .iter()
            .map(|t| CodeEntry {
                anchor: code_anchor(id, &t.key),
                key: t.key.clone(),
                label: t.label.clone(),
            })
            .collect(),
    };
    let mut events: Vec<(String, String)> = model
        .procedures
        .iter()
        .filter(|p| p.is_active())
        .flat_map(|p| &p.record.life_events)
        .map(|e| (super::linked::slug(e), e.clone()))
        .collect();
    events.sort();
    events.dedup_by(|a, b| a.0 == b.0);
    let statuses = [
        ("active", Status::Active.label()),
        ("upcoming", "Sắp có hiệu lực"),
        ("repealed", Status::Repealed.label()),
        ("replaced", Status::Replaced.label()),
    ];
    let modified = modified(model);
    OpenDataView {
        datasets: super::dcat::datasets(model)
            .into_iter()
            .map(|d| DatasetView {
                anchor: super::dcat::dataset_anchor(d.key),
                title: d.title,
                description: d.description,
                downloads: d
                    .downloads
                    .into_iter()
                    .map(|dl| DownloadView {
                        title: dl.title,
                        url: u.href(&dl.route),
                        media_type: dl.media_type,
                    })
                    .collect(),
            })
            .collect(),
        license: model.config.open_data.license.clone(),
        license_url: model.config.open_data.license_url.clone(),
        modified: modified.to_vietnamese(),
        modified_iso: modified.to_iso(),
        as_of: model.as_of.to_vietnamese(),
        dcat_url: u.href(&u.open_data_file(DCAT_JSONLD)),
        codes: vec![
            list("Loại thủ tục", "loai", &v.kinds),
            list("Đối tượng thực hiện", "doi-tuong", &v.audiences),
            list("Cách thức thực hiện", "kenh", &v.channels),
            list("Đơn vị thời hạn", "don-vi-thoi-han", &v.time_units),
            list("Loại phí", "loai-phi", &v.fee_kinds),
            CodeList {
                title: "Tình trạng",
                entries: statuses
                    .iter()
                    .map(|(key, label)| CodeEntry {
                        anchor: code_anchor("trang-thai", key),
                        key: key.to_string(),
                        label: label.to_string(),
                    })
                    .collect(),
            },
            CodeList {
                title: "Sự kiện cuộc sống",
                entries: events
                    .into_iter()
                    .map(|(key, label)| CodeEntry {
                        anchor: code_anchor("su-kien", &key),
                        key,
                        label,
                    })
                    .collect(),
            },
        ],
    }
}
