"""Index pages every site has: home, events by year, timeline, and person pages.

Lists that grow with the corpus are paginated (config.page_size), so no page grows without bound.

    >>> year_pages([2025, 2025, 2024], 1)
    {2025: ['events/2025.md', 'events/2025/page-2.md'], 2024: ['events/2024.md']}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING

from build_site.model import Event
from build_site.render.markup import escape
from build_site.render.pages.topics import chunk_events, event_rows, paragraph_count
from build_site.render.paths import (
    MONTHS,
    long_date,
    page_of,
    page_paths,
    pager,
    paginate,
    rel,
    rel_dir,
)

if TYPE_CHECKING:
    from build_site.render.renderer import Renderer

NEWEST = 10
FIGURES_PER_EVENT = 2
"""A person page lists figures and mentions of at most config.excerpts_per_page events each, and
this many times as many figures and paragraph links (three lists side by side: a page of them
stays under 300 KB)."""


def year_pages(years: list[int], per_page: int) -> dict[int, list[str]]:
    counts = Counter(years)
    return {y: page_paths(f"events/{y}", -(-counts[y] // per_page)) for y in counts}


#: What the year pages, the events index, the timeline and the home page read (see
#: Renderer.contributions): the events' lines; the home page's counts.
CORE_READS = frozenset({("line",), ("counts",), ("persons",)})


def core_pages(r: Renderer) -> dict[str, str]:
    pages = dict(r.unit_pages(("core",), CORE_READS, lambda: lists_by_date(r)))
    stated = cache(lambda: statements_by_speaker(r))  # once, if some person must be keyed
    for pid in sorted(r.corpus.persons):
        unit = ("person", pid)

        def make(pid: str = pid) -> dict[str, str]:
            return person_pages(r, pid, stated())

        pages.update(r.unit_pages(unit, {unit}, make))
    kept = r.kept(("persons",))
    if kept is not None:
        pages.update(kept)
        return pages
    speeches = {k: len(v) for k, v in r.index.speeches_by_person.items()}
    mentions = r.mention_counts("person")
    pages["persons/index.md"] = r.cached(
        "persons/index.md",
        (sorted(speeches.items()), sorted(mentions.items())),
        lambda: r.template(
            "persons_index.md.j2",
            page="persons/index.md",
            persons=sorted(r.corpus.persons.values(), key=lambda p: p.name),
            speeches=speeches,
            mentions=mentions,
        ),
    )
    r.made(("persons",), {("persons",)}, ("persons/index.md",))
    return pages


def lists_by_date(r: Renderer) -> dict[str, str]:
    """The year pages, the events index, the timeline and the home page."""
    pages: dict[str, str] = {}
    per_page = r.config.page_size * 4
    by_year: dict[int, list] = defaultdict(list)
    dated = [e for e in r.events if e.date]
    undated = sorted((e for e in r.events if not e.date), key=lambda e: e.title)
    for e in dated:
        by_year[e.sort_date.year].append(e)
    paths = year_pages([e.sort_date.year for e in dated], per_page)
    for year, events in by_year.items():
        chunks = paginate(events, per_page)
        for i, chunk in enumerate(chunks):
            page = paths[year][i]
            months = defaultdict(list)
            for e in chunk:
                months[MONTHS[e.date.month - 1]].append(e)
            pages[page] = r.cached(
                page,
                r.cache and (len(paths[year]), len(events), tuple(r.line_sig(e) for e in chunk)),
                lambda page=page, year=year, months=months, i=i, events=events: r.template(
                    "year.md.j2",
                    page=page,
                    year=year,
                    months=months,
                    part=i + 1,
                    parts=paths[year],
                    pager=pager(page, paths[year], i),
                    total=len(events),
                ),
            )
    years = sorted(by_year, reverse=True)
    newest = dated[:NEWEST]
    newest_key = r.cache and tuple(r.line_sig(e) for e in newest)
    pages["events/index.md"] = r.cached(
        "events/index.md",
        (
            newest_key,
            tuple((y, len(by_year[y])) for y in years),
            tuple(r.line_sig(e) for e in undated),
        ),
        lambda: r.template(
            "events_index.md.j2",
            page="events/index.md",
            years=years,
            counts={y: len(by_year[y]) for y in years},
            year_links={y: rel("events/index.md", paths[y][0]) for y in years},
            newest=newest,
            undated=undated,
        ),
    )
    per_month = Counter((e.sort_date.year, e.sort_date.month) for e in dated)
    month_page: dict[tuple[int, int], str] = {}
    for year, events in by_year.items():
        for i, chunk in enumerate(paginate(events, per_page)):
            for e in chunk:
                month_page.setdefault((year, e.date.month), paths[year][i])
    pages["timeline.md"] = r.cached(
        "timeline.md",
        (sorted(per_month.items()), sorted(month_page.items()), len(undated)),
        lambda: r.template(
            "timeline.md.j2",
            page="timeline.md",
            years=years,
            per_month=per_month,
            months=MONTHS,
            month_page=month_page,
            undated=len(undated),
            undated_link=rel("timeline.md", "events/index.md", "undated"),
        ),
    )
    counts = _counts(r)
    pages["index.md"] = r.cached(
        "index.md",
        (newest_key, years, sorted(counts.items())),
        lambda: r.template(
            "home.md.j2", page="index.md", newest=newest, years=years, counts=counts
        ),
    )
    return pages


def _counts(r: Renderer) -> dict[str, int]:
    events = r.corpus.events
    return {
        "events": len(events),
        "speeches": sum(1 for e in events for s in e.speeches if s.speaker),
        "paragraphs": sum(len(e.paragraphs) for e in events),
        "figures": sum(len(e.figures) for e in events),
        "persons": len(r.index.speeches_by_person),
    }


BY_PLACE = attrgetter("ref.event.date", "figure.paragraph", "figure.start")  # a C key


def statements_by_speaker(r: Renderer) -> dict[str | None, list]:
    """Figures stated per person, in index order: one pass over the statements for every page
    (each person's are put newest first by person_pages, for the persons whose pages are made)."""
    out: dict[str | None, list] = defaultdict(list)
    for sts in r.index.statements.values():
        for st in sts:
            out[st.ref.speaker].append(st)
    return out


def person_pages(r: Renderer, pid: str, stated: dict | None = None) -> dict[str, str]:
    """persons/<id>.md: roles, every speech (linked), figures stated, mentions; long lists paginated."""
    person = r.corpus.persons[pid]
    speeches = sorted(
        r.index.speeches_by_person.get(pid, ()),
        key=lambda t: (t[0].sort_date, t[0].id),
        reverse=True,
    )
    by_event: dict[str, list] = defaultdict(list)
    order = []
    for event, speech in speeches:
        if event.id not in by_event:
            order.append(event)
        by_event[event.id].append(speech)
    figures = sorted(
        (stated if stated is not None else statements_by_speaker(r)).get(pid, ()),
        key=BY_PLACE,
        reverse=True,
    )
    by_source: dict[str, tuple[Event, list]] = {}
    for st in figures:
        by_source.setdefault(st.ref.event.id, (st.ref.event, []))[1].append(st)
    named = r.named("person", pid)
    size = r.config.excerpts_per_page
    event_chunks = paginate(order, size)
    figure_chunks = chunk_events(list(by_source.values()), size, links=FIGURES_PER_EVENT * size)
    mention_chunks = chunk_events(named, size, links=FIGURES_PER_EVENT * size)
    n = max(len(event_chunks), len(figure_chunks), len(mention_chunks))
    paths = page_paths(f"persons/{pid}", n)
    totals = {
        "events": len(order),
        "speeches": len(speeches),
        "figures": len(figures),
        "figure_events": len(by_source),
        "mentions": paragraph_count(named),
        "mentioned_events": len(named),
    }
    pages = {}
    for i, page in enumerate(paths):
        events = event_chunks[i] if i < len(event_chunks) else []
        stated_here = figure_chunks[i] if i < len(figure_chunks) else []
        mentioned = mention_chunks[i] if i < len(mention_chunks) else []
        key = r.cache and (
            repr(person),
            len(paths),
            tuple(totals.values()),
            tuple(r.line_sig(e) + tuple(s.anchor for s in by_event[e.id]) for e in events),
            tuple(r.st_sigs(st for _, sts in stated_here for st in sts)),
            tuple(sig for _, _, sig in mentioned),
            r.speakers_sig(),
        )
        pages[page] = r.cached(
            page,
            key,
            lambda i=i, page=page, events=events, stated_here=stated_here, named=mentioned: (
                r.template(
                    "person.md.j2",
                    page=page,
                    person=person,
                    part=i + 1,
                    parts=paths,
                    pager=pager(page, paths, i),
                    events=events,
                    by_event=by_event,
                    events_dir=rel_dir(page, "events"),
                    figures=figure_rows(r, page, stated_here),
                    mentions=event_rows(r, page, "person", pid, named, quote=False),
                    totals=totals,
                    r=r,
                )
            ),
        )
    return pages


def figure_rows(r: Renderer, page: str, groups: list[tuple[Event, list]]) -> list[dict]:
    """One row per event (its title linked), ready to print as HTML like the mention lists: the
    figures stated there, each linked to its paragraph and filed under its indicator (linked):
    an indicator named once per event, however many of its figures were stated."""
    events_dir = rel_dir(page, "events")
    indicators: dict[str, str] = {}
    rows = []
    for e, sts in groups:
        url = f"{events_dir}{e.id}.md"
        by_indicator: dict[str, list[str]] = {}
        for st in sts:
            f = st.figure
            period = f" ({escape(f.period)})" if f.period else ""
            by_indicator.setdefault(f.indicator, []).append(
                f'<a href="{url}#{st.ref.paragraph.anchor}">{escape(f.quote)}</a>{period}'
            )
        parts = []
        for iid, links in by_indicator.items():
            href = indicators.get(iid) or indicators.setdefault(
                iid, rel(page, page_of("indicator", iid))
            )
            name = escape(r.name_of("indicator", iid))
            parts.append(f'<a href="{href}">{name}</a>: {", ".join(links)}')
        rows.append({"href": url, "title": escape(e.title), "date": long_date(e), "parts": parts})
    return rows
