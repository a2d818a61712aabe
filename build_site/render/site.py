"""The render stage's entry: every generated page, one section at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from build_site.config import Config
from build_site.link.index import Index
from build_site.model import Corpus
from build_site.render.pages.core import core_pages
from build_site.render.pages.indicators import indicators_section
from build_site.render.pages.organisations import organisation_pages
from build_site.render.pages.places import place_pages
from build_site.render.pages.series import series_pages
from build_site.render.pages.topics import topic_pages
from build_site.render.paths import event_page
from build_site.render.renderer import Renderer

Section = Callable[[Renderer], dict[str, str]]

#: Every section after the event pages, in order: each a function Renderer → {path: Markdown}.
SECTIONS: tuple[Section, ...] = (
    core_pages,
    indicators_section,
    topic_pages,
    place_pages,
    organisation_pages,
    series_pages,
)


def iter_pages(
    r: Renderer, sections: tuple[Section, ...] = (core_pages,)
) -> Iterator[tuple[str, str]]:
    """Every generated page as (path, Markdown), one section at a time, so a large corpus never
    holds all of its pages in memory. With a page cache, a page whose inputs are unchanged comes
    out as the UNCHANGED marker instead of being rendered again."""
    for e in r.corpus.events:
        page = event_page(e)
        unit = ("event", e.id)
        kept = r.kept(unit)
        if kept is not None:
            yield page, kept[page]
            continue
        yield page, r.cached(page, r.event_inputs(e), lambda e=e: r.event(e))
        r.made(unit, r.event_reads(e), (page,))
    for section in sections:
        yield from section(r).items()


def render_site(
    corpus: Corpus, index: Index, config: Config, sections: tuple[Section, ...] = SECTIONS
) -> dict[str, str]:
    """Every generated page, as a dict."""
    return dict(iter_pages(Renderer(corpus, index, config), sections))
