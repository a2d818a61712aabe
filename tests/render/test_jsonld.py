"""Claims as data: each event page's schema.org JSON-LD parses, from the Markdown and from the
HTML Python-Markdown makes of it, and holds the required properties: the document with its
speakers as Person, date, place, publisher and source; one Claim per figure with text, author,
date, appearance (the paragraph's address) and the indicator it states."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


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


def _graph(markdown: str) -> dict:
    [block] = SCRIPT.findall(markdown)
    return json.loads(block)


def _check(data: dict, event, site) -> None:
    base = site.config.public_url
    assert data["@context"] == "https://schema.org"
    graph = data["@graph"]
    nodes = {n["@id"]: n for n in graph if "@id" in n}
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
        assert nodes[ref["@id"]]["@type"] == "Person" and nodes[ref["@id"]]["name"]
    if event.doc_type == "transcript":
        assert doc["about"]["@type"] == "Event"
    claims = [n for n in graph if n["@type"] == "Claim"]
    assert len(claims) == len(event.figures)
    paragraphs = {p.anchor: p.text for p in event.paragraphs}
    for c, f in zip(claims, event.figures):
        assert f.quote in c["text"] and c["text"] in paragraphs[f.paragraph]
        assert c["appearance"]["url"] == f"{base}{event.url}#{f.paragraph}"
        assert c["datePublished"] == event.date.isoformat()
        author = c["author"]
        assert author.get("name") or nodes[author["@id"]]["@type"] == "Person"
        assert c["mentions"]["value"] == f.value and c["mentions"]["unitText"] == f.unit
        if f.indicator:
            assert c["about"]["url"] == f"{base}indicators/{f.indicator}/"
            assert c["about"]["name"] == site.corpus.indicators[f.indicator].name


def test_every_event_page_has_valid_jsonld(site, events, event_page):
    assert sum(len(e.figures) for e in events) > 50
    for e in events:
        _check(_graph(site.pages[event_page(e)]), e, site)


def test_jsonld_survives_markdown(site, events, event_page, render_markdown):
    """The block reaches the HTML untouched (a raw HTML block: no Markdown inside it)."""
    for e in events[:3]:
        parser = _Scripts()
        parser.feed(render_markdown(site.pages[event_page(e)].split("---\n", 2)[2]))
        [block] = parser.blocks
        _check(json.loads(block), e, site)


def test_script_json_cannot_end_the_element():
    from build_site.render.jsonld import script_json

    text = script_json({"text": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"text": "</script><b>&"}
