#!/usr/bin/env python3
"""Checks a built portal's open data with the tools data portals use.

Usage: open_data.py SITE_DIR BASE_URL SHAPES_TTL

- data/catalog.jsonld is parsed as RDF (rdflib's JSON-LD parser), every promised property is
  looked up in the graph, and the graph is validated with pyshacl against SHACL shapes;
- data/rekomendasi.csv is validated against data/rekomendasi.csv-metadata.json with the
  `csvw` package (W3C CSV on the Web);
- the schema.org JSON-LD of the pages is read back with `extruct`, as search engines read it:
  a Report on every report page, a WebSite with a SearchAction on the home page, a
  BreadcrumbList on list pages.

Prints a JSON report {"problems": [...], "checked": {...}} and exits 0 (clean), 1 (problems)
or 2 (a tool is missing).
"""
import json
import os
import sys
import warnings

try:
    import pyshacl
    import rdflib
    import extruct
    from csvw import CSVW
except ImportError as e:  # pragma: no cover - reported to the Rust test as a skip
    print(f"missing Python package: {e.name} (pip install rdflib pyshacl csvw extruct)", file=sys.stderr)
    sys.exit(2)

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
RDF = rdflib.RDF


def check_catalog(site, base, shapes, problems, checked):
    path = os.path.join(site, "data", "catalog.jsonld")
    try:
        g = rdflib.Graph().parse(path, format="json-ld")
    except Exception as e:  # noqa: BLE001 - any parse failure is a problem to report
        problems.append(f"catalog.jsonld does not parse as JSON-LD: {e}")
        return
    checked["triples"] = len(g)
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    if len(catalogs) != 1:
        problems.append(f"{len(catalogs)} dcat:Catalog (expected 1)")
        return
    cat = catalogs[0]
    for prop in [DCT.title, DCT.description, DCT.publisher, DCT.language, DCT.modified, DCT.license]:
        if g.value(cat, prop) is None:
            problems.append(f"catalog has no {prop}")
    publisher = g.value(cat, DCT.publisher)
    if publisher is not None and g.value(publisher, FOAF.name) is None:
        problems.append("publisher has no foaf:name")
    datasets = list(g.objects(cat, DCAT.dataset))
    checked["datasets"] = len(datasets)
    if len(datasets) < 2:
        problems.append(f"{len(datasets)} datasets (expected reports and recommendations)")
    media = set()
    for ds in datasets:
        name = str(ds)
        if not list(g.objects(ds, DCAT.keyword)):
            problems.append(f"{name}: no dcat:keyword")
        temporal = g.value(ds, DCT.temporal)
        if temporal is None or g.value(temporal, DCAT.startDate) is None or g.value(temporal, DCAT.endDate) is None:
            problems.append(f"{name}: no temporal coverage with start and end")
        if not list(g.objects(ds, DCT.spatial)):
            problems.append(f"{name}: no spatial coverage")
        contact = g.value(ds, DCAT.contactPoint)
        if contact is None or g.value(contact, VCARD.fn) is None:
            problems.append(f"{name}: no contact point")
        dists = list(g.objects(ds, DCAT.distribution))
        if not dists:
            problems.append(f"{name}: no distribution")
        for d in dists:
            url = g.value(d, DCAT.downloadURL)
            if url is None or not str(url).startswith(base):
                problems.append(f"{name}: downloadURL {url} is not under {base}")
                continue
            local = os.path.join(site, *str(url)[len(base):].split("/"))
            size = g.value(d, DCAT.byteSize)
            if not os.path.isfile(local):
                problems.append(f"{url}: no such file in the site")
            elif size is None or int(size) != os.path.getsize(local):
                problems.append(f"{url}: byteSize {size} but the file has {os.path.getsize(local)} bytes")
            mt = g.value(d, DCAT.mediaType)
            if mt is None:
                problems.append(f"{url}: no mediaType")
            else:
                media.add(str(mt).rsplit("/", 2)[-2] + "/" + str(mt).rsplit("/", 1)[-1])
            checked["distributions"] = checked.get("distributions", 0) + 1
    checked["media_types"] = sorted(media)
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes, shacl_graph_format="turtle")
    checked["shacl_conforms"] = bool(conforms)
    if not conforms:
        problems.append("SHACL: " + text)


def check_csvw(site, problems, checked):
    meta = os.path.join(site, "data", "rekomendasi.csv-metadata.json")
    if not os.path.isfile(meta):
        problems.append("no data/rekomendasi.csv-metadata.json")
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            data = CSVW(meta, validate=True)
            valid = data.is_valid
            rows = sum(1 for t in data.tables for _ in t)
        except Exception as e:  # noqa: BLE001
            problems.append(f"CSVW: {e}")
            return
    checked["csv_rows"] = rows
    if not valid:
        problems.append("CSVW: rekomendasi.csv does not match its metadata: " + "; ".join(str(w.message) for w in caught[:5]))


def json_ld(site, rel, base):
    path = os.path.join(site, *rel.split("/"))
    with open(path, encoding="utf-8") as f:
        html = f.read()
    data = extruct.extract(html, base_url=base + rel, syntaxes=["json-ld"], uniform=True)
    return data["json-ld"]


REPORT_FIELDS = ["name", "description", "url", "datePublished", "dateModified", "inLanguage", "author", "spatialCoverage", "about"]


def check_structured(site, base, problems, checked):
    home = [d for d in json_ld(site, "index.html", base) if d.get("@type") == "WebSite"]
    if len(home) != 1:
        problems.append(f"home page: {len(home)} WebSite items")
    else:
        action = home[0].get("potentialAction") or {}
        target = (action.get("target") or {}).get("urlTemplate", "")
        if action.get("@type") != "SearchAction" or not target.startswith(base + "cari/?q="):
            problems.append(f"home page: no SearchAction to {base}cari/?q= ({action})")
    reports = 0
    laporan = os.path.join(site, "laporan")
    for name in sorted(os.listdir(laporan)):
        rel = f"laporan/{name}/index.html"
        if not os.path.isfile(os.path.join(site, *rel.split("/"))):
            continue
        items = [d for d in json_ld(site, rel, base) if d.get("@type") == "Report"]
        if len(items) != 1:
            problems.append(f"{rel}: {len(items)} Report items")
            continue
        r = items[0]
        reports += 1
        for field in REPORT_FIELDS:
            if not r.get(field):
                problems.append(f"{rel}: Report has no {field}")
        if r.get("url") != f"{base}laporan/{name}/":
            problems.append(f"{rel}: Report url {r.get('url')}")
        if (r.get("author") or {}).get("@type") != "GovernmentOrganization":
            problems.append(f"{rel}: author is not a GovernmentOrganization")
        place = r.get("spatialCoverage") or {}
        if place.get("@type") != "Place" or not (place.get("address") or {}).get("addressCountry"):
            problems.append(f"{rel}: spatialCoverage is not a Place with a country")
    checked["report_pages"] = reports
    crumbs = [d for d in json_ld(site, "topik/index.html", base) if d.get("@type") == "BreadcrumbList"]
    if len(crumbs) != 1 or len(crumbs[0].get("itemListElement", [])) < 2:
        problems.append("topik/: no BreadcrumbList with the home page and the list")


def main():
    site, base, shapes = sys.argv[1], sys.argv[2], sys.argv[3]
    problems, checked = [], {}
    check_catalog(site, base, shapes, problems, checked)
    check_csvw(site, problems, checked)
    check_structured(site, base, problems, checked)
    print(json.dumps({"problems": problems, "checked": checked}, indent=1))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
