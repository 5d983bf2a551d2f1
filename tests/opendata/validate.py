"""Validates a built site's open data with the standards' own tools (run by tests/open_data.rs).

    python validate.py SITE STANDARDS

- du-lieu/cpsv-ap.jsonld against the CPSV-AP 3.2.0 SHACL shapes, du-lieu/dcat-ap.jsonld against
  the DCAT-AP 3.0.1 shapes (pyshacl, no inference: every class must be stated);
- the same CPSV-AP graph with one code-list value untyped must fail (the check can fail);
- every record of du-lieu/thu-tuc.json against du-lieu/thu-tuc.schema.json (jsonschema);
- every atom.xml of the site parsed by feedparser without error.

Prints one line per check and a summary; exits 1 on any problem.
"""

import json
import pathlib
import sys

import feedparser
import jsonschema
import pyshacl
import rdflib


def shacl(data: str, shapes: pathlib.Path) -> tuple[int, int, str]:
    graph = rdflib.Graph()
    graph.parse(data=data, format="json-ld")
    shape_graph = rdflib.Graph()
    shape_graph.parse(shapes)
    conforms, report, text = pyshacl.validate(
        graph, shacl_graph=shape_graph, inference="none", allow_warnings=True
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = sum(
        1
        for result in report.subjects(rdflib.RDF.type, sh.ValidationResult)
        if (result, sh.resultSeverity, sh.Violation) in report
    )
    return len(graph), violations, text


def main() -> int:
    site, standards = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    data = site / "du-lieu"
    problems = 0

    for name, shapes in [
        ("cpsv-ap.jsonld", "cpsv-ap-3.2.0-SHACL.ttl"),
        ("dcat-ap.jsonld", "dcat-ap-3.0.1-SHACL.ttl"),
    ]:
        triples, violations, text = shacl((data / name).read_text("utf-8"), standards / shapes)
        print(f"{name}: {triples} triples, {violations} violations of {shapes}")
        if violations or triples == 0:
            print(text[:4000])
            problems += 1

    # The check can fail: one code-list value without its class is a violation.
    broken = json.loads((data / "cpsv-ap.jsonld").read_text("utf-8"))
    concept = next(n for n in broken["@graph"] if n.get("@type") == "skos:Concept")
    del concept["@type"]
    _, violations, _ = shacl(json.dumps(broken), standards / "cpsv-ap-3.2.0-SHACL.ttl")
    print(f"cpsv-ap.jsonld with {concept['@id']} untyped: {violations} violations")
    if violations == 0:
        print("the SHACL check accepted data it must refuse")
        problems += 1

    schema = json.loads((data / "thu-tuc.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    records = json.loads((data / "thu-tuc.json").read_text("utf-8"))["procedures"]
    errors = [(r["code"], e.message) for r in records for e in validator.iter_errors(r)]
    print(f"thu-tuc.json: {len(records)} records, {len(errors)} schema errors")
    for code, message in errors[:20]:
        print(f"  {code}: {message}")
    problems += bool(errors)
    wrong = dict(records[0], status="in-force")
    if not list(validator.iter_errors(wrong)):
        print("the JSON Schema accepted a record it must refuse")
        problems += 1

    feeds = sorted(site.rglob("atom.xml"))
    entries = 0
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo or parsed.version != "atom10":
            print(f"{feed.relative_to(site)}: {parsed.get('bozo_exception')} ({parsed.version})")
            problems += 1
        entries += len(parsed.entries)
    print(f"atom: {len(feeds)} feeds, {entries} entries parsed by feedparser")
    if not feeds:
        problems += 1

    print("ok" if problems == 0 else f"{problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
