"""Series pages: each edition of a recurring event with its host city, theme and events."""

from __future__ import annotations

from pathlib import Path

from build_site.link.series import load_series, members, ordinal
from build_site.render.paths import event_page, rel
from build_site.render.renderer import Renderer


def series_pages(r: Renderer, path: Path | str | None = None) -> dict[str, str]:
    """series/index.md and series/<id>.md: each edition with its host city, theme and events.

    path: a series.yml to read instead of the series the build loaded (r.index.series)."""
    pages: dict[str, str] = {}
    listing = []
    for s in load_series(path) if path else r.index.series:
        page = f"series/{s.id}.md"
        found = members(r.events, s)
        known = {e.number for e in s.editions}
        editions = [
            (
                e,
                [m for m in found if m.edition == e.number and m.own],
                [m for m in found if m.edition == e.number and not m.own],
            )
            for e in sorted(s.editions, key=lambda e: e.number, reverse=True)
        ]
        others = [m for m in found if m.edition not in known]
        pages[page] = r.template(
            "series.md.j2",
            page=page,
            r=r,
            series=s,
            editions=editions,
            others=others,
            limit=r.config.page_size,  # summarised: the page must not grow with the corpus
            ordinal=ordinal,
            href=lambda m, page=page: rel(page, event_page(m.event), m.anchor),
        )
        listing.append((s, page, editions))
    pages["series/index.md"] = r.template(
        "series_index.md.j2", page="series/index.md", r=r, listing=listing, ordinal=ordinal
    )
    return pages
