# mypy: disable-error-code="arg-type"
# (Place.lat/lon are optional in the model; every place drawn here is located: see `located`.)
"""Place pages: facts, a small static map, the events held there and the paragraphs naming it;
and the places index with a map of every place.

An event is held at a place when its `place` string names it: the string is split at commas and
each part compared, case-insensitively and without a leading 'the', with the names and aliases of
the places vocabulary; when no part matches whole, names are looked for as whole words inside it.

    >>> from build_site.model import Place
    >>> places = {"moscow": Place("moscow", "Moscow"), "kremlin": Place("kremlin", "Kremlin", aliases=("Moscow Kremlin",))}
    >>> resolve_place("The Kremlin, Moscow", places)
    ('kremlin', 'moscow')
    >>> resolve_place("Conference hall in Moscow", places)
    ('moscow',)
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import pycountry

from build_site.model import Event, Place
from build_site.read.vocab import term_key
from build_site.render import basemap, maps
from build_site.render.basemap import SOURCE as LAND_SOURCE
from build_site.render.pages.topics import mention_pages, paragraph_count
from build_site.render.paths import page_of, rel

if TYPE_CHECKING:
    from build_site.render.renderer import Renderer

#: Kinds drawn as a hollow ring: the coordinates are a representative point of an area.
AREA_KINDS = ("region", "country", "river", "sea")
KIND_NAMES = {
    "city": "City",
    "region": "Region",
    "country": "Country",
    "river": "River",
    "sea": "Sea",
    "site": "Site",
}


def _key(text: str) -> str:
    key = term_key(text)
    return key[4:] if key.startswith("the ") else key


def _names(places: dict[str, Place]) -> dict[str, str]:
    """Matching key of every name and alias → place id (made once per places table: every
    event's place is resolved against it)."""
    if _NAMES and _NAMES[0] is places:
        return _NAMES[1]
    out: dict[str, str] = {}
    for p in places.values():
        for name in (p.name, *p.aliases):
            out.setdefault(_key(name), p.id)
    _NAMES[:] = [places, out]
    return out


_NAMES: list = []


def resolve_place(text: str | None, places: dict[str, Place]) -> tuple[str, ...]:
    """Ids of the places an event's `place` string names, in the order written."""
    if not text:
        return ()
    names = _names(places)
    found = [names[_key(part)] for part in text.split(",") if _key(part) in names]
    if not found:
        folded = term_key(text)
        hits: list[tuple[int, int, str]] = []
        for key in sorted(names, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
                if not any(s < m.end() and m.start() < e for s, e, _ in hits):  # longest name wins
                    hits.append((m.start(), m.end(), names[key]))
        found = [pid for _, _, pid in sorted(hits)]
    return tuple(dict.fromkeys(found))


def events_by_place(events: list[Event], places: dict[str, Place]) -> dict[str, list[Event]]:
    """Place id → events held there, in the given order (a 'Kremlin, Moscow' event is at both)."""
    out: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        for pid in resolve_place(e.place, places):
            out[pid].append(e)
    return out


@functools.cache
def country_name(code: str | None) -> str | None:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(country, "common_name", None) or (country.name if country else None)


def _dot(r: Renderer, page: str, p: Place, weight: float = 0, highlight: bool = False) -> maps.Dot:
    href = None if highlight else rel(page, page_of("place", p.id))  # no link to the page itself
    return maps.Dot(p.id, p.name, p.lat, p.lon, href, weight, p.kind in AREA_KINDS, highlight)


def place_map(r: Renderer, page: str, place: Place, weights: dict[str, int]) -> str:
    """The place and its neighbours in a box around it, as a <figure>."""
    box = maps.around(place.lat, place.lon)
    others = [
        q
        for q in r.corpus.places.values()
        if q.id != place.id and q.lat is not None and q.lon is not None
    ]
    dots = [_dot(r, page, q, weights.get(q.id, 0)) for q in others] + [
        _dot(r, page, place, highlight=True)
    ]
    near = sorted(q.name for q in others if maps.Projection(box, 1).inside(q.lat, q.lon))
    desc = (
        f"{place.name} at {maps.degrees(place.lat, place.lon)}, among coastlines and country borders"
        + (f", with nearby places: {', '.join(near)}." if near else ".")
    )
    svg = maps.svg_map(
        dots,
        f"Map: {place.name}",
        desc,
        box=box,
        width=360,
        labels=8,
        id=maps.dom_id(place.id),
        land=basemap.land,
    )
    grid = maps.graticule_step(box)
    note = (
        " The ring marks a representative point of an area, not its outline."
        if place.kind in AREA_KINDS
        else ""
    )
    return maps.figure(
        svg,
        maps.attr(
            f"{place.name} (highlighted) and other places of the archive nearby; grid lines every {grid}°."
            f"{note} Coastlines and borders: {LAND_SOURCE}."
        ),
    )


#: Kinds that frame the overview map; the others (seas, rivers, regions such as continents) are
#: drawn when they fall inside, so one ocean far away does not shrink every city to a dot.
FRAME_KINDS = ("city", "site", "country")


def overview_map(r: Renderer, page: str, weights: dict[str, int]) -> str:
    located = [p for p in r.corpus.places.values() if p.lat is not None and p.lon is not None]
    dots = [_dot(r, page, p, weights.get(p.id, 0)) for p in located]
    framing = [d for d, p in zip(dots, located) if p.kind in FRAME_KINDS] or dots
    box = maps.bounding_box(framing)
    proj = maps.Projection(box, 1)
    outside = sorted(p.name for p in located if not proj.inside(p.lat, p.lon))
    desc = (
        f"{len(dots) - len(outside)} places of the archive between {maps.degrees(box.south, box.west)} and "
        f"{maps.degrees(box.north, box.east)}; the more often a place is named, the larger its dot"
        + (f"; beyond the frame: {', '.join(outside)}" if outside else "")
        + ". Each dot links to the place's page; the table below lists every place."
    )
    svg = maps.svg_map(
        dots,
        "Map of the places named in the archive",
        desc,
        box=box,
        labels=60,
        id="map-all-places",
        land=basemap.land,
    )
    beyond = f" Not shown (beyond the frame): {', '.join(outside)}." if outside else ""
    return maps.figure(
        svg,
        maps.attr(
            f"Places named in the speeches, plotted by latitude and longitude (grid every {maps.graticule_step(box)}°) "
            f"over coastlines and country borders; rings are areas (countries, regions, rivers, seas) shown at a "
            f"representative point.{beyond} Coastlines and borders: {LAND_SOURCE}."
        ),
    )


PLACE_READS = frozenset({("line",), ("place", "*")})
"""Beyond its own rows, what a place's pages read (Renderer.contributions): the lines of the
events held there, and how often every place is named (the map's dots)."""


def place_pages(r: Renderer) -> dict[str, str]:
    made: dict[str, Any] = {}

    def held() -> dict[str, list[Event]]:  # made once, if some page must be keyed
        if "held" not in made:
            made["held"] = events_by_place(r.events, r.corpus.places)
        return made["held"]

    def weights() -> dict[str, int]:
        if "weights" not in made:
            made["weights"] = {
                pid: paragraph_count(r.named("place", pid)) for pid in r.corpus.places
            }
            made["key"] = tuple(sorted(made["weights"].items()))
        return made["weights"]

    pages: dict[str, str] = {}
    for pid, place in r.corpus.places.items():
        page = page_of("place", pid)
        located = place.lat is not None and place.lon is not None
        kept = r.kept(("place", pid))
        if kept is not None:
            pages.update(kept)
            continue

        def facts(named, page=page, place=place, located=located) -> dict:
            return {"map": place_map(r, page, place, weights()) if located else None}

        weights()
        pages.update(
            mention_pages(
                r,
                "place",
                pid,
                "place.md.j2",
                extra=held().get(pid, []),
                first_inputs=made["key"],  # every place map sizes its dots by the weights
                first_context=facts,
                # the events held there and every place's weight (their lines, their mentions)
                reads=PLACE_READS,
                place=place,
                kind_name=KIND_NAMES.get(
                    place.kind, place.kind.capitalize() if place.kind else None
                ),
                country=country_name(place.country),
                coordinates=maps.degrees(place.lat, place.lon) if located else None,
            )
        )
    kept = r.kept(("place", "*"))  # the index: the weights and the events held at each place
    if kept is not None:
        pages.update(kept)
        return pages
    rows = sorted(r.corpus.places.values(), key=lambda p: p.name.casefold())
    weights()
    pages["places/index.md"] = r.cached(
        "places/index.md",
        (made["key"], tuple((pid, len(v)) for pid, v in held().items())),
        lambda: r.template(
            "places_index.md.j2",
            page="places/index.md",
            rows=rows,
            kinds=KIND_NAMES,
            weights=weights(),
            held={pid: len(v) for pid, v in held().items()},
            countries={p.id: country_name(p.country) for p in rows},
            map=overview_map(r, "places/index.md", weights()),
        ),
    )
    r.made(("place", "*"), PLACE_READS, ("places/index.md",))
    return pages
