"""Topic, place and organisation pages: links to paragraphs that exist, a page for every
vocabulary entry, bounded pages however large the corpus, escaped excerpts."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from build_site.config import Config  # noqa: E402
from build_site.link.index import Index  # noqa: E402
from build_site.model import Corpus, Event, Mention, Organisation, Paragraph, Place, Speech, Topic  # noqa: E402
from build_site.render.pages.organisations import organisation_pages  # noqa: E402
from build_site.render.pages.places import place_pages, resolve_place  # noqa: E402
from build_site.render.pages.topics import PARAGRAPHS_PER_EVENT, snippet, topic_pages  # noqa: E402
from build_site.render.paths import pager
from build_site.render.renderer import Renderer  # noqa: E402

LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_LINK = re.compile(r'<a href="([^"]+)"')


def _hrefs(page: str, md: str, pages) -> list[str]:
    """Every link as written: Markdown links and the HTML lists' links alike are .md paths
    relative to the page (the hook or Zensical make them final URLs)."""
    return LINK.findall(md) + HTML_LINK.findall(md)


def _target(page: str, href: str) -> tuple[str, str | None]:
    """Docs-relative path and anchor of a relative Markdown link on `page`."""
    path, _, anchor = href.partition("#")
    import posixpath

    return posixpath.normpath(
        posixpath.join(posixpath.dirname(page), path)
    ) if path else page, anchor or None


def _section_pages(site, section: str) -> dict[str, str]:
    return {
        p: md for p, md in site.pages.items() if p.startswith(section + "/") and p.endswith(".md")
    }


@pytest.mark.parametrize("section", ["topics", "places", "organisations"])
def test_links_reach_existing_pages_and_paragraphs(site, section):
    pages = _section_pages(site, section)
    assert pages
    checked = 0
    for page, md in pages.items():
        for href in _hrefs(page, md, site.pages):
            if href.startswith(("http:", "https:", "#")):
                continue
            path, anchor = _target(page, href)
            assert path in site.pages or path.startswith("indicators/"), (
                f"{page}: broken link {href}"
            )
            if path.startswith("events/") and anchor:
                event_id = path[len("events/") : -3]
                assert (event_id, anchor) in site.index.refs, f"{page}: no paragraph {href}"
                checked += 1
    if section == "topics":
        assert checked > 100  # the real seeds give hundreds of topic excerpts


def test_every_vocabulary_entry_has_a_page(site):
    c = site.corpus
    for kind, table, section in (
        ("topic", c.topics, "topics"),
        ("place", c.places, "places"),
        ("organisation", c.organisations, "organisations"),
    ):
        for id in table:
            assert f"{section}/{id}.md" in site.pages, (kind, id)
        assert f"{section}/index.md" in site.pages


def test_event_tag_links_all_resolve(site):
    for page, md in site.pages.items():
        if not page.startswith("events/") or "event-tags" not in md:
            continue
        tags = re.split(r'<div class="event-tags"[^>]*>', md, maxsplit=1)[1].split("</div>", 1)[0]
        for href in LINK.findall(tags):
            assert _target(page, href)[0] in site.pages, f"{page}: tag link {href}"


def test_every_place_page_has_coordinates_and_a_map(site):
    for pid, place in site.corpus.places.items():
        md = site.pages[f"places/{pid}.md"]
        assert place.lat is not None and place.lon is not None, pid
        assert "**Coordinates:**" in md and "not known" not in md, pid
        assert '<figure class="place-map-figure"><svg' in md, pid


def test_topic_page_shows_terms_and_indicators(site):
    md = site.pages["topics/interregional-cooperation.md"]
    assert "| Keyword as found | Paragraphs |" in md
    assert "<mark>" in md and "## Related topics" in md
    owned = [i for i in site.corpus.indicators.values() if i.topic == "interregional-cooperation"]
    for i in owned:
        assert f"../indicators/{i.id}.md" in md


def test_places_index_and_events_held(site):
    index = site.pages["places/index.md"]
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg"' in index and "| Place | Kind | Country |" in index
    )
    moscow = site.pages["places/moscow.md"]
    assert "Russian Federation (RU)" in moscow
    held = moscow.split("## Events held here", 1)[1].split("##", 1)[0]
    assert "events/" in held  # 'The Kremlin, Moscow' resolves to Moscow


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Kremlin, Moscow", ("kremlin", "moscow")),
        ("Moscow", ("moscow",)),
        ("moscow kremlin", ("kremlin",)),
        ("Akorda Palace, Astana", ("astana",)),
        ("Conference hall in Astana", ("astana",)),
        ("Nowhere in particular", ()),
        (None, ()),
    ],
)
def test_resolve_place(text, expected):
    places = {
        "moscow": Place("moscow", "Moscow", "city"),
        "kremlin": Place("kremlin", "Kremlin", "site", aliases=("Moscow Kremlin",)),
        "astana": Place("astana", "Astana", "city", aliases=("Nur-Sultan",)),
    }
    assert resolve_place(text, places) == expected


def test_snippet_escapes_source_text():
    text = "Intro <script>alert(1)</script> *bold* [x](y) then trade rose {#id} and more."
    at = text.index("trade")
    out = snippet(text, [(at, at + 5)], width=40)
    assert "<mark>trade</mark>" in out
    assert (
        "<script>" not in out and "*bold*" not in out and "[x](y)" not in out and "{#id}" not in out
    )


def test_pager_stays_small():
    paths = [f"topics/t-{i}.md" for i in range(1000)]
    text = pager(paths[500], paths, 500)
    assert text.count("](") <= 7 and "Page 501 of 1000" in text


# --- pagination bound on a synthetic corpus ----------------------------------------------------

N_EVENTS, PARAS, PAGE_SIZE = 120, 3, 5


def _corpus() -> Corpus:
    events = []
    for n in range(N_EVENTS):
        paras = []
        for k in range(PARAS):
            text = (
                f"Talks number {n}: trade with Omsk and the Widget Union grew, paragraph {k}. "
                + "Filler words. " * 40
            )
            mentions = tuple(
                Mention(kind, id, term, text.index(term), text.index(term) + len(term))
                for kind, id, term in (
                    ("topic", "trade", "trade"),
                    ("place", "omsk", "Omsk"),
                    ("organisation", "widget", "Widget Union"),
                )
            )
            paras.append(Paragraph(anchor=f"x-1-p{k + 1}", text=text, mentions=mentions))
        speech = Speech(anchor="x-1", speaker=None, label=None, paragraphs=tuple(paras))
        day = dt.date(2000, 1, 1) + dt.timedelta(days=n)
        events.append(
            Event(
                id=f"{day}-talks-{n}",
                url=f"events/{day}-talks-{n}/",
                seed="s.txt",
                index=n,
                title=f"Talks {n}",
                date=day,
                time=None,
                place="Omsk",
                doc_type="transcript",
                speeches=(speech,),
            )
        )
    return Corpus(
        events=tuple(events),
        persons={},
        indicators={},
        places={"omsk": Place("omsk", "Omsk", "city", "RU", 54.98, 73.37)},
        topics={"trade": Topic("trade", "Trade", aliases=("trade",))},
        organisations={"widget": Organisation("widget", "Widget Union")},
    )


@pytest.mark.parametrize(
    "section, base",
    [
        (topic_pages, "topics/trade"),
        (place_pages, "places/omsk"),
        (organisation_pages, "organisations/widget"),
    ],
)
def test_pages_stay_bounded_as_the_corpus_grows(tmp_path, section, base):
    corpus = _corpus()
    r = Renderer(
        corpus,
        Index.build(corpus.events),
        Config(root=tmp_path, page_size=PAGE_SIZE, excerpts_per_page=PAGE_SIZE, progress=False),
    )
    pages = section(r)
    own = {
        p: md
        for p, md in pages.items()
        if p == f"{base}.md" or re.fullmatch(rf"{base}/page-\d+\.md", p)
    }
    total = N_EVENTS * PARAS
    assert len(own) >= N_EVENTS // PAGE_SIZE  # long lists really are cut
    linked: list[tuple[str, str]] = []
    for page, md in own.items():
        listed = md.split('<ul class="excerpts">', 1)[1].split("</ul>", 1)[0] if "<ul" in md else ""
        links = re.findall(r'href="[^"]*events/([^/"]+)\.md#(x-1-p\d+)"', listed)
        events = re.findall(r"^<li><a [^>]*>Talks \d+</a>", listed, re.M)
        assert len(events) <= PAGE_SIZE and len(links) <= PARAGRAPHS_PER_EVENT * PAGE_SIZE, page
        assert len(md.encode()) < 12_000, (page, len(md.encode()))
        linked += links
    # nothing lost by cutting: every paragraph naming the entry linked once, down to its anchor
    assert len(linked) == len(set(linked)) == total
    first = own[f"{base}.md"]
    assert f"Page 1 of {len(own)}" in first
    assert f"{total} paragraphs in {N_EVENTS} events" in first


def test_an_event_naming_the_entry_everywhere_fills_a_page_alone():
    from build_site.render.pages.topics import chunk_events

    named = [("a", [1]), ("long", list(range(40))), ("b", [1, 2]), ("c", [1])]
    assert [[e for e, _ in c] for c in chunk_events(named, 5)] == [["a"], ["long"], ["b", "c"]]
    assert chunk_events([], 5) == [[]]
