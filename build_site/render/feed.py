"""An Atom feed (RFC 4287) of the newest events: `feed.xml` at the site's root, linked from every
page's head (build_site/theme/main.html).

Times: sources give local times without a zone, so entries are dated by day (midnight UTC); the
feed's `updated` is its newest entry's, so the file changes only when the archive does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from build_site.config import Config
from build_site.model import Corpus, Event
from build_site.render.citations import ARCHIVE_NAME, LICENCE_NOTE, authors, event_url
from build_site.render.paths import DOC_TYPES
from build_site.render.tei import tei_path

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
NEWEST = 50


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        el.text = text
    return el


def _stamp(event: Event) -> str:
    assert event.date is not None  # the feed lists dated events only
    return f"{event.date.isoformat()}T00:00:00Z"


def newest(corpus: Corpus, n: int = NEWEST) -> list[Event]:
    """The n newest dated events (an undated one has no place in a feed of the newest)."""
    dated = [e for e in corpus.events if e.date]
    return sorted(dated, key=lambda e: (e.sort_date, e.time or "", e.id), reverse=True)[:n]


def atom_feed(corpus: Corpus, config: Config, summaries: dict[str, str] | None = None) -> str:
    """`summaries`: event id → a short text (the page's description); the title otherwise."""
    base = config.public_url
    events = newest(corpus)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    _el(feed, "id", base)
    _el(feed, "title", ARCHIVE_NAME)
    _el(feed, "subtitle", f"The newest {len(events)} events: transcripts, reports and articles.")
    _el(feed, "updated", _stamp(events[0]) if events else "1970-01-01T00:00:00Z")
    _el(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    _el(feed, "link", rel="alternate", type="text/html", href=base)
    _el(_el(feed, "author"), "name", ARCHIVE_NAME)
    _el(feed, "rights", LICENCE_NOTE)
    for e in events:
        entry = _el(feed, "entry")
        url = event_url(config, e)
        _el(entry, "id", url)
        _el(entry, "title", e.title)
        _el(entry, "updated", _stamp(e))
        _el(entry, "published", _stamp(e))
        _el(entry, "link", rel="alternate", type="text/html", href=url)
        _el(entry, "link", rel="related", type="application/tei+xml", href=base + tei_path(e))
        for pid in authors(e):
            person = _el(entry, "author")
            _el(person, "name", corpus.persons[pid].name if pid in corpus.persons else pid)
            _el(person, "uri", base + f"persons/{pid}/")
        if not authors(e):
            _el(_el(entry, "author"), "name", e.publisher or ARCHIVE_NAME)
        _el(entry, "category", term=e.doc_type, label=DOC_TYPES.get(e.doc_type, e.doc_type))
        _el(entry, "summary", (summaries or {}).get(e.id) or e.title)
    ET.indent(feed, space=" ")
    ET.register_namespace("", ATOM_NS)  # just before: TEI takes the default prefix too
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
