//! schema.org `GovernmentService` metadata for procedure pages, so search engines and other
//! tools can read the key facts without scraping the HTML.

use super::views::ProcedureView;
use crate::model::Model;
use serde_json::{Value, json};

pub fn government_service(model: &Model, p: &ProcedureView) -> String {
    let c = &model.config;
    let channels: Vec<Value> = p
        .offices
        .iter()
        .map(|o| {
            let hours: Vec<Value> = model
                .catalog
                .office(o.key)
                .map(|office| office.hours.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|h| {
                    json!({
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": h.days.iter().map(|d| d.schema_name()).collect::<Vec<_>>(),
                        "opens": h.opens,
                        "closes": h.closes,
                    })
                })
                .collect();
            json!({
                "@type": "ServiceChannel",
                "name": o.name,
                "serviceLocation": {
                    "@type": "GovernmentOffice",
                    "name": o.name,
                    "address": o.address,
                    "telephone": o.phone.or(o.hotline),
                    "url": o.permanent_url,
                    "openingHoursSpecification": hours,
                },
            })
        })
        .chain(p.online.url.map(|url| {
            json!({
                "@type": "ServiceChannel",
                "name": p.online.label,
                "serviceUrl": url,
            })
        }))
        .collect();
    let provider: Vec<Value> = p
        .agencies
        .competent
        .iter()
        .map(|a| json!({"@type": "GovernmentOrganization", "name": a.name}))
        .collect();
    let value = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "identifier": p.code,
        "name": p.name,
        "alternateName": p.short_name,
        "url": p.permanent_url,
        "serviceType": p.field.name,
        "audience": p.audience.iter().map(|a| json!({"@type": "Audience", "audienceType": a})).collect::<Vec<_>>(),
        "provider": provider,
        "serviceOperator": {"@type": "GovernmentOrganization", "name": c.authority},
        "availableChannel": channels,
        "dateModified": p.updated_iso,
    });
    // `<` is escaped so the JSON can never close the surrounding <script> element.
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}
