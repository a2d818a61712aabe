"""Citations: CSL-JSON and BibTeX for every event, the event page's Cite menu, and CITATION.cff
(validated against the Citation File Format 1.2.0 schema, data/cff-1.2.0.schema.json, as shipped
in cffconvert 2.0.0 from citation-file-format.github.io, CC BY 4.0)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from build_site.render.citations import bibtex_escape, csl_type

CFF_SCHEMA = Path(__file__).parent / "data" / "cff-1.2.0.schema.json"


@pytest.fixture(scope="module")
def csl(site) -> list[dict]:
    return json.loads(site.pages["downloads/citations.json"])


@pytest.fixture(scope="module")
def bib(site) -> str:
    return site.pages["downloads/citations.bib"]


def test_csl_json_has_every_event(csl, events, site):
    by_id = {item["id"]: item for item in csl}
    assert set(by_id) == {e.id for e in events}
    for e in events:
        item = by_id[e.id]
        assert item["type"] in ("speech", "article-newspaper", "interview")
        assert item["type"] == csl_type(e)
        assert item["title"] == e.title
        assert item["issued"] == {"date-parts": [[e.date.year, e.date.month, e.date.day]]}
        assert item["URL"] == site.config.public_url + e.url
        assert item["accessed"]["date-parts"][0][0] >= 2000
        assert item["publisher"]
        names = [a.get("literal") or f"{a['given']} {a['family']}" for a in item["author"]]
        assert names == [site.corpus.persons[p].name for p in (e.speakers or (e.author,))]


def test_doc_types_map_to_csl_types(events):
    types = {e.doc_type: csl_type(e) for e in events}
    assert types["transcript"] == "speech"
    assert types["news"] == types["article"] == "article-newspaper"


def _bib_entries(bib: str) -> dict[str, str]:
    return dict(re.findall(r"^@misc\{([^,]+),\n(.*?)\n\}$", bib, re.M | re.S))


def test_bibtex_has_every_event(bib, events, site):
    entries = _bib_entries(bib)
    assert set(entries) == {e.id for e in events}
    for e in events:
        body = entries[e.id]
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", body, re.M))
        assert {"author", "title", "url", "urldate", "note", "year", "date"} <= set(fields)
        assert fields["url"] == site.config.public_url + e.url
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", fields["urldate"])
        # braces balance in every field: nothing in a title can end the entry
        for value in fields.values():
            depth = 0
            for ch in re.sub(r"\\[{}]", "", value):
                depth += {"{": 1, "}": -1}.get(ch, 0)
                assert depth >= 0
            assert depth == 0


def test_bibtex_escapes_tex_specials():
    assert bibtex_escape("{x} 100% R&D #1 a_b $5 ~ ^ \\") == (
        r"\{x\} 100\% R\&D \#1 a\_b \$5 \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )


def test_event_page_cite_menu(site, events, event_page):
    for e in events:
        page = site.pages[event_page(e)]
        menu = page.split('??? quote "Cite this', 1)[1].split("\n## ", 1)[0]
        assert f"@misc{{{e.id}," in menu
        assert f'"id": "{e.id}"' in menu
        assert "downloads/citations.bib" in menu and "downloads/citations.json" in menu
        assert site.config.public_url + e.url in menu
        assert 'data-authors="' in page


def test_cite_menu_renders_code_blocks(site, events, event_page, render_markdown):
    e = events[0]
    html = render_markdown(site.pages[event_page(e)].split("---\n", 2)[2])
    assert re.search(r"<pre><code>@misc\{" + re.escape(e.id), html)
    assert re.search(r'<pre><code>\{\n  "id": "' + re.escape(e.id), html.replace("&quot;", '"'))


def test_citation_cff_is_valid(root):
    data = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    assert data["cff-version"] == "1.2.0"
    version = re.search(r'^version = "([^"]+)"', (root / "pyproject.toml").read_text(), re.M)
    assert str(data["version"]) == version.group(1)


def test_cff_schema_check_is_real():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    bad = {"cff-version": "1.2.0", "title": "x", "authors": [{"nickname": 3}]}
    assert list(Draft7Validator(schema).iter_errors(bad))
