"""Downloads that explain themselves: per-indicator CSV and metadata, the Atom feed, and the
Downloads page listing every file with its size."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

from build_site.render.downloads import human
from build_site.render.indicator_data import INDICATOR_COLUMNS

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_indicator_csv_has_every_statement(site):
    base = site.config.public_url
    for ind in site.corpus.indicators:
        rows = list(csv.DictReader(io.StringIO(site.pages[f"downloads/indicators/{ind}.csv"])))
        statements = site.index.statements.get(ind, ())
        assert len(rows) == len(statements)
        for row, st in zip(rows, statements):
            assert list(row) == list(INDICATOR_COLUMNS)
            assert float(row["value"]) == st.figure.value
            assert row["unit"] == st.figure.unit and row["period"] == (st.figure.period or "")
            assert row["event"] == st.ref.event.id and row["date"] == st.ref.event.date.isoformat()
            assert row["url"] == f"{base}{st.ref.event.url}#{st.figure.paragraph}"
            assert row["speaker"] == (st.ref.speaker or "")


def test_indicator_metadata(site):
    for ind in site.corpus.indicators.values():
        meta = json.loads(site.pages[f"downloads/indicators/{ind.id}.json"])
        for key in ("definition", "unit", "scope", "method", "how_to_cite", "licence", "columns"):
            assert meta[key], (ind.id, key)
        assert meta["statements"] == len(site.index.statements.get(ind.id, ()))
        assert meta["licence"]["url"].startswith("https://creativecommons.org/licenses/by/")
        assert set(meta["columns"]) == set(INDICATOR_COLUMNS)


def test_feed_is_atom(site, events):
    root = ET.fromstring(site.pages["feed.xml"].encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for key in ("id", "title", "updated", "author/a:name"):
        assert root.findtext(f"a:{key}", namespaces=ATOM)
    assert root.find("a:link[@rel='self']", ATOM).get("href").endswith("/feed.xml")
    entries = root.findall("a:entry", ATOM)
    assert len(entries) == min(50, len(events))
    newest = sorted(events, key=lambda e: (e.date, e.time or "", e.id), reverse=True)
    urls = [site.config.public_url + e.url for e in newest]
    for entry, url in zip(entries, urls):
        assert entry.findtext("a:id", namespaces=ATOM) == url
        assert entry.find("a:link[@rel='alternate']", ATOM).get("href") == url
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext("a:updated", namespaces=ATOM)
        )
        assert entry.findtext("a:title", namespaces=ATOM)
        assert entry.findtext("a:author/a:name", namespaces=ATOM)


def test_feed_linked_from_every_page_head(root):
    theme = (root / "build_site/theme/main.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*feed\.xml', theme)


def test_downloads_page_lists_every_download_with_its_size(site):
    page = site.pages["downloads/index.md"]
    files = [p for p in site.pages if p.startswith("downloads/") and p != "downloads/index.md"]
    files.append("feed.xml")
    for path in files:
        href = path.removeprefix("downloads/") if path.startswith("downloads/") else f"../{path}"
        assert f"]({href})" in page, path
    sizes = {"downloads/corpus.json", "downloads/figures.csv", "downloads/citations.bib"}
    for path in sizes:
        size = len(site.pages[path].encode("utf-8"))
        assert f"]({path.removeprefix('downloads/')}) | " in page
        assert human(size) in page, path
    assert "CC BY 4.0" in page and "©" in page


def test_downloads_page_in_the_nav(root):
    assert "downloads/index.md" in (root / "mkdocs.yml").read_text(encoding="utf-8")


def test_downloads_page_links_the_schema_when_published(site):
    from build_site.render.downloads import downloads

    outputs = dict(
        downloads(
            site.corpus, site.index, site.config, extra=[("downloads/corpus.schema.json", "{}")]
        )
    )
    assert "](corpus.schema.json)" in outputs["downloads/index.md"]
