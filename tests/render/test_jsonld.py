"""Claims as data: each event page's schema.org JSON-LD parses, from the Markdown and from the
HTML Python-Markdown makes of it, and holds the required properties: the document with its
speakers as Person, date, place, publisher and source; one Claim per figure with text, author,
date, appearance (the paragraph's address) and the indicator it states. Addresses in the graph
are relative to its `@base`, the page's canonical address: they are checked as resolved."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
import yaml


def _graph(markdown: str) -> dict:
    """The page's JSON-LD, from its front matter (the theme writes it into the head)."""
    front = yaml.safe_load(markdown.split("---\n", 2)[1])
    return json.loads(front["jsonld"])


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def _check(data: dict, event, site) -> None:
    base = site.config.public_url
    page = base + event.url
    assert data["@context"] == ["https://schema.org", {"@base": page}]

    def iri(ref: str) -> str:  # as a JSON-LD processor resolves it against @base
        return urljoin(page, ref)

    graph = data["@graph"]
    nodes = {iri(n["@id"]): n for n in graph if "@id" in n}
    doc = graph[0]
    assert doc["@type"] in ("CreativeWork", "NewsArticle", "Article")
    assert doc["name"] == event.title
    assert doc["url"] == base + event.url
    assert doc["datePublished"] == event.date.isoformat()
    assert doc["publisher"]["name"]
    if event.source_url:
        assert doc["isBasedOn"] == event.source_url
    if event.place:
        assert doc["contentLocation"] == {"@type": "Place", "name": event.place}
    for ref in doc["author"]:
        person = nodes[iri(ref["@id"])]
        assert person["@type"] == "Person" and person["name"]
        assert iri(person["url"]) == iri(ref["@id"]) and iri(ref["@id"]).startswith(
            base + "persons/"
        )
    if event.doc_type == "transcript":
        assert doc["about"]["@type"] == "Event"
    claims = [n for n in graph if n["@type"] == "Claim"]
    assert len(claims) == len(event.figures)
    paragraphs = {p.anchor: p.text for p in event.paragraphs}
    for c, f in zip(claims, event.figures):
        assert f.quote in c["text"] and c["text"] in paragraphs[f.paragraph]
        assert iri(c["@id"]) == f"{page}#{f.id}"
        assert iri(c["appearance"]["url"]) == f"{page}#{f.paragraph}"
        assert c["datePublished"] == event.date.isoformat()
        author = c["author"]
        assert author.get("name") or nodes[iri(author["@id"])]["@type"] == "Person"
        assert c["mentions"]["value"] == f.value and c["mentions"]["unitText"] == f.unit
        if f.indicator:
            indicator = nodes[iri(c["about"]["@id"])]
            assert indicator["@type"] == "StatisticalVariable"
            assert iri(indicator["url"]) == f"{base}indicators/{f.indicator}/"
            assert indicator["name"] == site.corpus.indicators[f.indicator].name


def test_every_event_page_has_valid_jsonld(site, events, event_page):
    assert sum(len(e.figures) for e in events) > 50
    for e in events:
        _check(_graph(site.pages[event_page(e)]), e, site)


@pytest.mark.slow
def test_built_pages_carry_it_in_the_head(site, events, tmp_path_factory):
    """MkDocs + the theme override: the head of every event page holds the same graph."""
    from tests.browser.sitebuild import built_site

    site_dir = built_site(tmp_path_factory)
    for e in events:
        html = (site_dir / e.url / "index.html").read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        parser = _Scripts()
        parser.feed(head)
        [block] = parser.blocks
        _check(json.loads(block), e, site)
        assert "application/ld+json" not in html[html.index("</head>") :]


def test_front_matter_json_is_yaml_and_json():
    from build_site.render.jsonld import front_matter_json

    data = {"text": "</script><b>& \u2028 \x85 “q” 'a' \\u003c", "n": [1.5, None, True]}
    text = front_matter_json(data)
    script = yaml.safe_load(f"k: {text}")["k"]
    assert "\n" not in text and "\u2028" not in text
    assert "<" not in script and ">" not in script and "&" not in script and ": " not in script
    assert json.loads(script) == data
