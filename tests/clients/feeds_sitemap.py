#!/usr/bin/env python3
"""Checks the feeds and the sitemap of built portals with the tools other people use.

Usage: feeds_sitemap.py DIR [DIR...]

For each folder: every `feed.xml` below it must parse with `feedparser` without `bozo` (not
well-formed XML, wrong encoding…) as Atom 1.0 with at least one entry, each entry with a title,
an id, a link and an updated date. A feed that names an XSLT stylesheet (`<?xml-stylesheet?>`,
relative to the feed) must be turned by it, with libxslt through `lxml` (the engine browsers
use), into a page whose h1 is the feed's title, listing every entry, whose links to the theme's
files (stylesheet, icon) and to the page about following the portal (`ikuti/`) exist. `sitemap.xml` must validate against the sitemaps.org schema
(`sitemap.xsd` beside this script) with `lxml`.

Prints one JSON object: {"checked": {"feeds": N, "styled": N, "sitemaps": N}, "problems":
{path: [text]}}.
Exit status 0 when there are no problems, 1 otherwise, 2 when a module is missing.
"""

import json
import pathlib
import sys

try:
    import feedparser
    from lxml import etree
except ImportError as e:  # the Rust test turns this into a skip (or a failure in CI)
    print(f"missing Python module: {e.name} (pip install feedparser lxml)", file=sys.stderr)
    sys.exit(2)

SCHEMA = etree.XMLSchema(etree.parse(str(pathlib.Path(__file__).with_name("sitemap.xsd"))))


def feed_problems(path):
    """What is wrong with one Atom feed, as a list of messages."""
    feed = feedparser.parse(path.read_bytes())
    problems = []
    if feed.bozo:
        problems.append(f"bozo: {feed.bozo_exception}")
    if feed.version != "atom10":
        problems.append(f"not Atom 1.0 (feedparser says {feed.version!r})")
    if not feed.entries:
        problems.append("no entries")
    for i, entry in enumerate(feed.entries):
        for key in ("title", "id", "link", "updated"):
            if not entry.get(key):
                problems.append(f"entry {i + 1} has no {key}")
    return problems


def stylesheet_problems(path):
    """What is wrong with the page a feed's XSLT stylesheet makes of it; None when unstyled."""
    try:
        doc = etree.parse(str(path))
    except etree.XMLSyntaxError:
        return None  # feed_problems says so
    pis = [p for p in doc.xpath("/processing-instruction('xml-stylesheet')")]
    if not pis:
        return None
    href = pis[0].get("href")
    xsl = (path.parent / href).resolve()
    if not xsl.is_file():
        return [f"stylesheet {href} missing"]
    try:
        page = etree.XSLT(etree.parse(str(xsl)))(doc)
    except (etree.XMLSyntaxError, etree.XSLTError) as e:
        return [f"stylesheet {href}: {e}"]
    html = page.getroot()
    problems = []
    atom = {"a": "http://www.w3.org/2005/Atom"}
    title = doc.xpath("string(/a:feed/a:title)", namespaces=atom)
    h1 = html.xpath("string(//h1)") if html is not None else ""
    if h1 != title:
        problems.append(f"the page's h1 is {h1!r}, not the feed's title {title!r}")
    entries = doc.xpath("/a:feed/a:entry/a:title/text()", namespaces=atom)
    listed = html.xpath("//ul[contains(@class,'feed-entries')]/li//h3//a/text()") if html is not None else []
    if listed != entries:
        problems.append(f"the page lists {listed!r}, the feed has {entries!r}")
    for link in html.xpath("//link/@href") if html is not None else []:
        if not (path.parent / link).resolve().is_file():
            problems.append(f"the page links {link}, which is missing")
    # The page for people about following the portal (/ikuti/), linked relative to the feed.
    follow = [a for a in (html.xpath("//a/@href") if html is not None else []) if a.endswith("ikuti/")]
    if not follow:
        problems.append("the page does not link the follow page (ikuti/)")
    for link in follow:
        if not (path.parent / link / "index.html").resolve().is_file():
            problems.append(f"the page links {link}, which is missing")
    return problems


def sitemap_problems(path):
    """What is wrong with one sitemap, as a list of messages."""
    try:
        doc = etree.parse(str(path))
    except etree.XMLSyntaxError as e:
        return [f"not well-formed: {e}"]
    if SCHEMA.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in SCHEMA.error_log]


def main(dirs):
    checked = {"feeds": 0, "styled": 0, "sitemaps": 0}
    problems = {}
    for d in map(pathlib.Path, dirs):
        for feed in sorted(d.rglob("feed.xml")):
            checked["feeds"] += 1
            p = feed_problems(feed)
            styled = stylesheet_problems(feed)
            if styled is not None:
                checked["styled"] += 1
                p += styled
            if p:
                problems[str(feed)] = p
        sitemap = d / "sitemap.xml"
        if sitemap.exists():
            checked["sitemaps"] += 1
            if p := sitemap_problems(sitemap):
                problems[str(sitemap)] = p
        else:
            problems[str(sitemap)] = ["missing"]
    print(json.dumps({"checked": checked, "problems": problems}, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
