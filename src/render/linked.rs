//! The catalogue as linked open data, in JSON-LD with its context inline (it validates offline):
//! every procedure in force as a CPSV-AP 3.2 public service (`du-lieu/cpsv-ap.jsonld`); the
//! JSON-LD graph both it and the DCAT-AP catalogue ([`super::dcat`]) are written with.
//!
//! Every node carries the class the SHACL shapes ask for (`sh:class` does not infer), code-list
//! values are `skos:Concept`s with a label, and text is tagged Vietnamese. Code lists of our
//! own (channels, audiences, kinds, statuses, life events) are anchors of the "Dữ liệu mở"
//! page; fields, agencies and offices are their own pages.

use crate::catalog::Kind;
use crate::model::{Model, Procedure};
use crate::procedure::ItemKind;
use crate::vi;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

pub(super) const LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/VIE";
const CURRENCY: &str = "http://publications.europa.eu/resource/authority/currency/VND";

fn context() -> Value {
    json!({
        "adms": "http://www.w3.org/ns/adms#",
        "cpsv": "http://purl.org/vocab/cpsv#",
        "cv": "http://data.europa.eu/m8g/",
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "eli": "http://data.europa.eu/eli/ontology#",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "locn": "http://www.w3.org/ns/locn#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "time": "http://www.w3.org/2006/time#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    })
}

pub(super) fn vi_text(text: &str) -> Value {
    json!({"@value": text, "@language": "vi"})
}

pub(super) fn typed(value: &str, datatype: &str) -> Value {
    json!({"@value": value, "@type": datatype})
}

pub(super) fn id(iri: &str) -> Value {
    json!({"@id": iri})
}

/// Lower-case ASCII words joined by hyphens, for anchors.
pub fn slug(text: &str) -> String {
    vi::fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The nodes of one graph. Nodes shared between procedures (agencies, offices, code-list
/// values) are kept once, by `@id`, and written last in a stable order; a procedure's own
/// nodes are written as soon as they are made, so the graph is never held in memory whole.
#[derive(Default)]
pub(super) struct Graph {
    shared: BTreeMap<String, Value>,
    /// The nodes written so far, each followed by a comma.
    written: Vec<u8>,
}

impl Graph {
    /// Adds a shared node unless one with its `@id` is there; returns a reference to it.
    pub(super) fn add(&mut self, node: Value) -> Value {
        let iri = node["@id"].as_str().expect("nodes have an @id").to_string();
        if !self.shared.contains_key(&iri) {
            self.shared.insert(iri.clone(), node);
        }
        id(&iri)
    }

    /// Writes a node no other procedure has; returns a reference to it.
    fn emit(&mut self, node: Value) -> Value {
        let reference = id(node["@id"].as_str().expect("nodes have an @id"));
        serde_json::to_writer(&mut self.written, &node).expect("JSON values serialize");
        self.written.push(b',');
        reference
    }

    /// A code-list value: a `skos:Concept` with its label.
    fn concept(&mut self, iri: String, label: &str) -> Value {
        self.add(json!({"@id": iri, "@type": "skos:Concept", "skos:prefLabel": vi_text(label)}))
    }

    /// The opening of the document, up to the first node.
    fn head() -> Vec<u8> {
        let mut head = b"{\"@context\":".to_vec();
        serde_json::to_writer(&mut head, &context()).expect("JSON values serialize");
        head.extend_from_slice(b",\"@graph\":[");
        head
    }

    /// The shared nodes and the end of the document, after the nodes written (each of
    /// which ends with a comma).
    fn tail(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        for (n, node) in self.shared.values().enumerate() {
            if n > 0 {
                bytes.push(b',');
            }
            serde_json::to_writer(&mut bytes, node).expect("JSON values serialize");
        }
        bytes.extend_from_slice(b"]}\n");
        bytes
    }

    /// The whole document, in one piece.
    pub(super) fn document(self) -> String {
        let mut bytes = Graph::head();
        bytes.extend_from_slice(&self.written);
        bytes.extend_from_slice(&self.tail());
        String::from_utf8(bytes).expect("serde_json writes UTF-8")
    }
}

/// The area the catalogue covers: the configured one, else the authority's name without
/// "Ủy ban nhân dân".
pub fn area_name(model: &Model) -> String {
    let authority = &model.config.authority;
    authority
        .strip_prefix("Ủy ban nhân dân ")
        .or_else(|| authority.strip_prefix("UBND "))
        .unwrap_or(authority)
        .to_string()
}

/// The address of a code-list value on the "Dữ liệu mở" page.
pub fn code_anchor(list: &str, key: &str) -> String {
    format!("{list}-{key}")
}

struct Shared {
    data_page: String,
    area: Value,
    language: Value,
}

impl Shared {
    fn new(model: &Model, graph: &mut Graph) -> Shared {
        let u = &model.urls;
        let data_page = u.absolute(&u.open_data());
        let area = graph.add(json!({
            "@id": format!("{data_page}#dia-ban"),
            "@type": "dct:Location",
            "locn:geographicName": vi_text(&area_name(model)),
        }));
        let language = graph.add(json!({"@id": LANGUAGE, "@type": "dct:LinguisticSystem"}));
        Shared {
            data_page,
            area,
            language,
        }
    }

    fn code(&self, graph: &mut Graph, list: &str, key: &str, label: &str) -> Value {
        graph.concept(
            format!("{}#{}", self.data_page, code_anchor(list, key)),
            label,
        )
    }
}

/// The CPSV-AP document (every procedure in force as a public service), as pieces: its head,
/// the shared nodes it names first (the area, the language), a piece per procedure (its
/// service and the nodes only it has, each followed by a comma, and the shared nodes it
/// names), then every shared node in the order of their `@id`s, and [`CPSV_END`].
pub struct Cpsv {
    shared: Shared,
    first: Vec<(String, Vec<u8>)>,
}

/// What the CPSV-AP document ends with, after its shared nodes.
pub const CPSV_END: &[u8] = b"]}\n";

impl Cpsv {
    pub fn new(model: &Model) -> Cpsv {
        let mut graph = Graph::default();
        let shared = Shared::new(model, &mut graph);
        Cpsv {
            shared,
            first: serialized(graph.shared),
        }
    }

    /// The opening of the document, up to the first node.
    pub fn head(&self) -> Vec<u8> {
        Graph::head()
    }

    /// The shared nodes every document names, before any procedure.
    pub fn first(&self) -> Vec<(String, Vec<u8>)> {
        self.first.clone()
    }

    /// Whether the procedure is in the document: in force on the build's date.
    pub fn has(p: &Procedure) -> bool {
        p.is_active()
    }

    /// A procedure's piece of the document.
    pub fn piece(&self, model: &Model, p: &Procedure) -> super::pieces::Piece {
        let mut graph = Graph::default();
        let node = service(model, p, &self.shared, &mut graph);
        graph.emit(node);
        super::pieces::Piece {
            bytes: graph.written,
            shared: serialized(graph.shared),
        }
    }
}

fn serialized(nodes: BTreeMap<String, Value>) -> Vec<(String, Vec<u8>)> {
    nodes
        .into_iter()
        .map(|(iri, node)| {
            let bytes = serde_json::to_vec(&node).expect("JSON values serialize");
            (iri, bytes)
        })
        .collect()
}

fn service(model: &Model, p: &Procedure, s: &Shared, g: &mut Graph) -> Value {
    let u = &model.urls;
    let c = &model.catalog;
    let r = &p.record;
    let url = u.absolute(&u.procedure(p.code()));
    let mut node = Map::new();
    let mut put = |key: &str, value: Value| {
        let empty = matches!(&value, Value::Array(a) if a.is_empty());
        if !empty && !value.is_null() {
            node.insert(key.to_string(), value);
        }
    };
    put("@id", Value::String(url.clone()));
    put("@type", json!("cpsv:PublicService"));
    put("dct:identifier", json!(p.code()));
    put("dct:title", vi_text(r.name.get_ref()));
    let description = p.text.description.text.trim();
    put(
        "dct:description",
        vi_text(if description.is_empty() {
            r.name.get_ref()
        } else {
            description
        }),
    );
    put("dct:language", s.language.clone());
    put("dct:spatial", s.area.clone());
    put(
        "dct:modified",
        typed(&r.updated.to_iso(), "http://www.w3.org/2001/XMLSchema#date"),
    );

    // Who decides: the competent agencies, else the authority publishing the catalogue.
    let mut authorities: Vec<Value> = r
        .agencies
        .competent
        .iter()
        .filter_map(|k| c.agency(k.get_ref()))
        .map(|a| {
            g.add(json!({
                "@id": u.absolute(&u.agency(&a.key)),
                "@type": "cv:PublicOrganisation",
                "dct:identifier": a.key,
                "skos:prefLabel": vi_text(&a.name),
                "dct:spatial": s.area,
            }))
        })
        .collect();
    if authorities.is_empty() {
        authorities.push(g.add(json!({
            "@id": format!("{}#co-quan-cong-bo", s.data_page),
            "@type": "cv:PublicOrganisation",
            "skos:prefLabel": vi_text(&model.config.authority),
            "dct:spatial": s.area,
        })));
    }
    put("cv:hasCompetentAuthority", Value::Array(authorities));

    let fields: Vec<Value> = std::iter::once(&r.field)
        .chain(&r.other_fields)
        .filter_map(|k| c.field(k.get_ref()))
        .map(|f| g.concept(u.absolute(&u.field(&f.key)), &f.name))
        .collect();
    put("cv:thematicArea", Value::Array(fields));
    let kind = r.kind.get_ref();
    put(
        "dct:type",
        s.code(g, "loai", kind, c.label(Kind::ProcedureKind, kind)),
    );
    let audience: Vec<Value> = r
        .audience
        .iter()
        .map(|a| {
            let a = a.get_ref();
            s.code(g, "doi-tuong", a, c.label(Kind::Audience, a))
        })
        .collect();
    put("dct:audience", Value::Array(audience));
    put(
        "adms:status",
        s.code(g, "trang-thai", "active", p.status().label()),
    );

    // Where: each office's contact point with its opening hours.
    let offices: Vec<&crate::catalog::Office> = p.offices.iter().map(|&i| &c.offices[i]).collect();
    let mut hours = Vec::new();
    let contacts: Vec<Value> = offices
        .iter()
        .map(|o| {
            let page = u.absolute(&u.office(&o.key));
            g.add(json!({"@id": page, "@type": "foaf:Document"}));
            let week: Vec<String> = super::views::week(&o.hours)
                .into_iter()
                .map(|w| w.text)
                .collect();
            let opening = (!week.is_empty()).then(|| {
                g.add(json!({
                    "@id": format!("{page}#gio-lam-viec"),
                    "@type": "time:TemporalEntity",
                    "dct:description": vi_text(&format!("{}: {}", o.name, week.join("; "))),
                }))
            });
            hours.extend(opening.clone());
            let mut contact = json!({
                "@id": format!("{page}#lien-he"),
                "@type": "cv:ContactPoint",
                "cv:contactPage": id(&page),
            });
            if let Some(opening) = opening {
                contact["cv:openingHours"] = opening;
            }
            if let Some(phone) = o.hotline.as_ref().or(o.phone.as_ref()) {
                contact["cv:telephone"] = json!(phone);
            }
            if let Some(email) = &o.email {
                contact["cv:email"] = json!(email);
            }
            g.add(contact)
        })
        .collect();
    put("cv:contactPoint", Value::Array(contacts));

    // How: channels, each with its processing time and, in person, the offices' hours;
    // the costs of each channel, tied to it.
    let mut channels = Vec::new();
    let mut costs = Vec::new();
    for (n, ch) in r.channels.iter().enumerate() {
        let mode = ch.mode.get_ref();
        let label = c.label(Kind::Channel, mode);
        let channel_id = format!("{url}#kenh-{}", n + 1);
        let mut node = json!({
            "@id": channel_id,
            "@type": "cv:Channel",
            "dct:identifier": format!("{}-kenh-{}", p.code(), n + 1),
            "dct:type": s.code(g, "kenh", mode, label),
        });
        let mut said = Vec::new();
        if let Some(condition) = &ch.condition {
            said.push(condition.clone());
        }
        if let Some(t) = &ch.time_limit {
            said.push(format!(
                "Thời hạn giải quyết: {}",
                super::views::time_limit(model, t)
            ));
            if let Some(duration) = duration(model, t) {
                node["cv:processingTime"] = typed(&duration, "xsd:duration");
            }
        }
        if !said.is_empty() {
            node["dct:description"] = vi_text(&said.join(". "));
        }
        if vi::fold(label).contains("truc tiep") && !hours.is_empty() {
            node["cv:openingHours"] = Value::Array(hours.clone());
        }
        let channel = g.emit(node);
        channels.push(channel.clone());
        for (m, fee) in ch.fees.iter().enumerate() {
            let mut cost = json!({
                "@id": format!("{url}#phi-{}-{}", n + 1, m + 1),
                "@type": "cv:Cost",
                "dct:identifier": format!("{}-phi-{}-{}", p.code(), n + 1, m + 1),
                "dct:description": vi_text(&super::views::fee(model, fee)),
                "cv:ifAccessedThrough": channel,
            });
            // A value only when it is a plain amount in đồng, not per page or per copy.
            if let (Some(amount), None) = (fee.amount, &fee.unit) {
                cost["cv:hasValue"] = typed(&amount.to_string(), "xsd:double");
                cost["cv:currency"] =
                    g.add(json!({"@id": CURRENCY, "@type": "skos:Concept", "skos:prefLabel": vi_text("Đồng Việt Nam")}));
            }
            costs.push(g.emit(cost));
        }
    }
    put("cv:hasChannel", Value::Array(channels));
    put("cv:hasCost", Value::Array(costs));

    // What to bring (evidences) and what one gets (outputs).
    let mut inputs = Vec::new();
    for (gi, group) in r.documents.iter().enumerate() {
        for (ii, item) in group.items.iter().enumerate() {
            if item.kind != ItemKind::Document {
                continue;
            }
            let anchor = format!("giay-to-{}-{}", gi + 1, ii + 1);
            let mut copies = Vec::new();
            if item.originals > 0 {
                copies.push(format!("{} bản chính", item.originals));
            }
            if item.copies > 0 {
                copies.push(format!("{} bản sao", item.copies));
            }
            if !item.required {
                copies.push("nộp khi thuộc trường hợp nêu trong tên giấy tờ".to_string());
            }
            let mut node = json!({
                "@id": format!("{url}#{anchor}"),
                "@type": "cv:Evidence",
                "dct:identifier": format!("{}-{anchor}", p.code()),
                "dct:title": vi_text(item.name.get_ref()),
            });
            if !copies.is_empty() {
                node["dct:description"] = vi_text(&copies.join(", "));
            }
            inputs.push(g.emit(node));
        }
    }
    put("cpsv:hasInput", Value::Array(inputs));
    let outputs: Vec<Value> = r
        .results
        .iter()
        .enumerate()
        .map(|(n, o)| {
            g.emit(json!({
                "@id": format!("{url}#ket-qua-{}", n + 1),
                "@type": "cv:Output",
                "dct:identifier": o.code.clone().unwrap_or_else(|| format!("{}-ket-qua-{}", p.code(), n + 1)),
                "dct:title": vi_text(&o.name),
            }))
        })
        .collect();
    put("cpsv:produces", Value::Array(outputs));

    // Why: the legal basis, and the decisions announcing the procedure as the rules it
    // follows, implementing that basis.
    let legal: Vec<Value> = r
        .legal_basis
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let mut node = json!({
                "@id": format!("{url}#can-cu-{}", n + 1),
                "@type": "eli:LegalResource",
                "eli:title": vi_text(&l.title),
            });
            if let Some(number) = &l.number {
                node["eli:id_local"] = json!(number);
            }
            if let Some(date) = l.date {
                node["eli:date_document"] = typed(&date.to_iso(), "xsd:date");
            }
            g.emit(node)
        })
        .collect();
    let rules: Vec<Value> = r
        .decisions
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let mut about = format!("Quyết định số {}", d.number);
            if let Some(date) = d.date {
                about.push_str(&format!(" ngày {}", date.to_vietnamese()));
            }
            if let Some(issuer) = &d.issuer {
                about.push_str(&format!(" của {issuer}"));
            }
            about.push_str(" công bố thủ tục hành chính");
            let mut node = json!({
                "@id": format!("{url}#quyet-dinh-{}", n + 1),
                "@type": "cpsv:Rule",
                "dct:identifier": d.number,
                "dct:title": vi_text(&format!("Quyết định số {}", d.number)),
                "dct:description": vi_text(&about),
            });
            if !legal.is_empty() {
                node["cpsv:implements"] = Value::Array(legal.clone());
            }
            g.emit(node)
        })
        .collect();
    put("cpsv:follows", Value::Array(rules));
    put("cv:hasLegalResource", Value::Array(legal));

    let keywords: Vec<Value> = r.keywords.iter().map(|k| vi_text(k)).collect();
    put("dcat:keyword", Value::Array(keywords));
    let events: Vec<Value> = r
        .life_events
        .iter()
        .map(|e| {
            let key = slug(e);
            g.add(json!({
                "@id": format!("{}#{}", s.data_page, code_anchor("su-kien", &key)),
                "@type": ["cv:Event", "cv:LifeEvent"],
                "dct:identifier": key,
                "dct:title": vi_text(e),
            }))
        })
        .collect();
    put("cv:isGroupedBy", Value::Array(events));
    let related: Vec<Value> = r
        .related
        .iter()
        .filter_map(|c| model.procedure(c.get_ref()))
        .filter(|rp| rp.is_active())
        .map(|rp| id(&u.absolute(&u.procedure(rp.code()))))
        .collect();
    put("cv:relatedService", Value::Array(related));
    Value::Object(node)
}

/// A time limit as an `xsd:duration`, when its unit is a calendar one. Working days have no
/// `xsd:duration`: those limits are said in the channel's description only.
fn duration(model: &Model, t: &crate::procedure::TimeLimit) -> Option<String> {
    let amount = t.amount?;
    let unit = t.unit.as_ref()?.get_ref();
    let label = vi::fold(model.catalog.label(Kind::TimeUnit, unit));
    match label.trim() {
        "ngay" => Some(format!("P{amount}D")),
        "gio" => Some(format!("PT{amount}H")),
        "phut" => Some(format!("PT{amount}M")),
        "tuan" => Some(format!("P{}D", amount * 7)),
        "thang" => Some(format!("P{amount}M")),
        "nam" => Some(format!("P{amount}Y")),
        _ => None,
    }
}
