"""Index pages every site has: home, events by year, timeline, and person pages.

Lists that grow with the corpus are paginated (config.page_size), so no page grows without bound.

    >>> year_pages([2025, 2025, 2024], 1)
    {2025: ['events/2025.md', 'events/2025/page-2.md'], 2024: ['events/2024.md']}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from build_site.render.paths import MONTHS, page_paths, pager, paginate, rel

if TYPE_CHECKING:
    from build_site.render.renderer import Renderer

NEWEST = 10


def year_pages(years: list[int], per_page: int) -> dict[int, list[str]]:
    counts = Counter(years)
    return {y: page_paths(f"events/{y}", -(-counts[y] // per_page)) for y in counts}


def core_pages(r: Renderer) -> dict[str, str]:
    pages: dict[str, str] = {}
    per_page = r.config.page_size * 4
    by_year: dict[int, list] = defaultdict(list)
    dated = [e for e in r.events if e.date]
    undated = sorted((e for e in r.events if not e.date), key=lambda e: e.title)
    for e in dated:
        by_year[e.date.year].append(e)
    paths = year_pages([e.date.year for e in dated], per_page)
    for year, events in by_year.items():
        chunks = paginate(events, per_page)
        for i, chunk in enumerate(chunks):
            page = paths[year][i]
            months = defaultdict(list)
            for e in chunk:
                months[MONTHS[e.date.month - 1]].append(e)
            pages[page] = r.template(
                "year.md.j2",
                page=page,
                year=year,
                months=months,
                part=i + 1,
                parts=paths[year],
                pager=pager(page, paths[year], i),
                total=len(events),
            )
    years = sorted(by_year, reverse=True)
    pages["events/index.md"] = r.template(
        "events_index.md.j2",
        page="events/index.md",
        years=years,
        counts={y: len(by_year[y]) for y in years},
        year_links={y: rel("events/index.md", paths[y][0]) for y in years},
        newest=dated[:NEWEST],
        undated=undated,
    )
    per_month = Counter((e.date.year, e.date.month) for e in dated)
    month_page: dict[tuple[int, int], str] = {}
    for year, events in by_year.items():
        for i, chunk in enumerate(paginate(events, per_page)):
            for e in chunk:
                month_page.setdefault((year, e.date.month), paths[year][i])
    pages["timeline.md"] = r.template(
        "timeline.md.j2",
        page="timeline.md",
        years=years,
        per_month=per_month,
        months=MONTHS,
        month_page=month_page,
        undated=len(undated),
        undated_link=rel("timeline.md", "events/index.md", "undated"),
    )
    pages["index.md"] = r.template(
        "home.md.j2", page="index.md", newest=dated[:NEWEST], years=years, counts=_counts(r)
    )
    for pid in sorted(r.corpus.persons):
        pages.update(person_pages(r, pid))
    pages["persons/index.md"] = r.template(
        "persons_index.md.j2",
        page="persons/index.md",
        persons=sorted(r.corpus.persons.values(), key=lambda p: p.name),
        speeches={k: len(v) for k, v in r.index.speeches_by_person.items()},
        mentions={k[1]: len(v) for k, v in r.index.mentions.items() if k[0] == "person"},
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


def person_pages(r: Renderer, pid: str) -> dict[str, str]:
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
    figures = [st for sts in r.index.statements.values() for st in sts if st.ref.speaker == pid]
    figures.sort(
        key=lambda st: (st.ref.event.sort_date, st.figure.paragraph, st.figure.start), reverse=True
    )
    mentions = [ref for ref, _ in r.index.mentions.get(("person", pid), ())]
    size = r.config.page_size
    event_chunks = paginate(order, size)
    figure_chunks, mention_chunks = paginate(figures, size), paginate(mentions, size)
    n = max(len(event_chunks), len(figure_chunks), len(mention_chunks))
    paths = page_paths(f"persons/{pid}", n)
    pages = {}
    for i, page in enumerate(paths):
        pages[page] = r.template(
            "person.md.j2",
            page=page,
            person=person,
            part=i + 1,
            parts=paths,
            pager=pager(page, paths, i),
            events=event_chunks[i] if i < len(event_chunks) else [],
            by_event=by_event,
            figures=figure_chunks[i] if i < len(figure_chunks) else [],
            mentions=mention_chunks[i] if i < len(mention_chunks) else [],
            totals={
                "events": len(order),
                "speeches": len(speeches),
                "figures": len(figures),
                "mentions": len(mentions),
            },
            r=r,
        )
    return pages
