"""Static SVG maps drawn at build time: no tiles, no scripts, nothing fetched from another host.

An equirectangular projection of a latitude/longitude box (x stretched by the cosine of the
middle latitude, so shapes near 50° N are not twice too wide), coastlines and country borders
(`land=basemap.land`: Natural Earth's, see basemap.py), a graticule, and one dot per place. Labels are
placed greedily, most important place first, and skipped where they would overlap.

Accessibility: the SVG is a named group (role="group", labelled by its <title>, described by its
<desc>), not role="img", because its dots are links, and an image's content is presentational
(no interactive element may sit inside it). Each dot's link is named after its place; the
drawing (land, grid, frame) is aria-hidden. The pages that show a map also list the same places
as text.

The SVG is returned as one line, to be put inline in a raw HTML block of the Markdown: there
Python-Markdown leaves it alone. A dot's href is a .md path relative to the page, like every link
in the site's raw HTML: Zensical rewrites it to the final URL, and so does the hook under MkDocs
(which leaves raw HTML alone).

    >>> svg = svg_map([Dot("ufa", "Ufa", 54.7, 55.9), Dot("omsk", "Omsk", 55.0, 73.4)], "Two cities", "Ufa and Omsk.")
    >>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<title" in svg and 'role="group"' in svg
    True
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from build_site.render.markup import attr

WIDTH = 720
FONT = 11
HIGHLIGHT = "#d81b60"
"""Pink: visible on the light and the dark (slate) palette alike."""


@dataclass(frozen=True)
class Dot:
    id: str
    name: str
    lat: float
    lon: float
    href: str | None = None
    weight: float = 0
    """Importance: heavier places are labelled first."""
    area: bool = False
    """A region, sea or continent: the dot is a representative point, drawn hollow."""
    highlight: bool = False


@dataclass(frozen=True)
class Box:
    south: float
    north: float
    west: float
    east: float


def bounding_box(dots: list[Dot], pad: float = 0.08, min_span: float = 4.0) -> Box:
    """The box around all dots, widened by `pad` (a share of the span) and to at least `min_span` degrees."""
    lats, lons = [d.lat for d in dots] or [0.0], [d.lon for d in dots] or [0.0]
    lat_pad = max((max(lats) - min(lats)) * pad, (min_span - (max(lats) - min(lats))) / 2, 0.5)
    lon_pad = max((max(lons) - min(lons)) * pad, (min_span - (max(lons) - min(lons))) / 2, 0.5)
    return Box(
        max(-89.0, min(lats) - lat_pad),
        min(89.0, max(lats) + lat_pad),
        max(-180.0, min(lons) - lon_pad),
        min(180.0, max(lons) + lon_pad),
    )


def around(lat: float, lon: float, half_lat: float = 7.0, aspect: float = 1.6) -> Box:
    """A box centred on a point, `aspect` times wider than high once projected."""
    half_lon = half_lat * aspect / max(0.2, math.cos(math.radians(lat)))
    south, north = max(-89.0, lat - half_lat), min(89.0, lat + half_lat)
    return Box(south, north, max(-180.0, lon - half_lon), min(180.0, lon + half_lon))


class Projection:
    def __init__(self, box: Box, width: float):
        self.box = box
        self.k = math.cos(math.radians((box.south + box.north) / 2))
        self.scale = width / ((box.east - box.west) * self.k)
        self.width, self.height = width, (box.north - box.south) * self.scale

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.box.west) * self.k * self.scale, (self.box.north - lat) * self.scale

    def inside(self, lat: float, lon: float) -> bool:
        return self.box.south <= lat <= self.box.north and self.box.west <= lon <= self.box.east


def graticule_step(box: Box) -> int:
    span = max(box.north - box.south, box.east - box.west)
    return next(s for s in (1, 2, 5, 10, 20, 30) if span / s <= 12) if span <= 360 else 30


def _graticule(p: Projection) -> str:
    step = graticule_step(p.box)
    parts = []
    for lat in range(
        math.ceil(p.box.south / step) * step, math.floor(p.box.north / step) * step + 1, step
    ):
        y = p(lat, p.box.west)[1]
        parts.append(f"M0 {y:.1f}H{p.width:.1f}")
    for lon in range(
        math.ceil(p.box.west / step) * step, math.floor(p.box.east / step) * step + 1, step
    ):
        x = p(p.box.north, lon)[0]
        parts.append(f"M{x:.1f} 0V{p.height:.1f}")
    return f'<path d="{"".join(parts)}" fill="none" stroke="currentColor" stroke-opacity=".15" stroke-width=".6"/>'


def _labels(
    p: Projection, dots: list[tuple[Dot, float, float]], limit: int
) -> dict[str, tuple[float, float, str]]:
    """Label positions (x, y, text-anchor), heaviest dot first, none overlapping a label or another dot."""
    marks = [(d.id, x - 3, y - 3, x + 3, y + 3) for d, x, y in dots]
    placed: list[tuple[float, float, float, float]] = []
    spots: list[tuple[float, float]] = []
    out: dict[str, tuple[float, float, str]] = {}
    # Highlighted first, then points before areas (a country sits on its capital), heaviest first.
    for d, x, y in sorted(
        dots, key=lambda t: (not t[0].highlight, t[0].area, -t[0].weight, t[0].name)
    ):
        if len(out) >= limit:
            break
        if any(abs(x - lx) < 4 and abs(y - ly) < 4 for lx, ly in spots):
            continue  # same spot as a labelled dot (a site in its city): its label would mislead
        w, h = len(d.name) * FONT * 0.55, FONT
        # right, left, above, below the dot: (text x, baseline y, anchor, box left, box top)
        for tx, ty, anchor, left, top in (
            (x + 6, y + h * 0.35, "start", x + 6, y - h * 0.6),
            (x - 6, y + h * 0.35, "end", x - 6 - w, y - h * 0.6),
            (x, y - 6, "middle", x - w / 2, y - 6 - h * 0.8),
            (x, y + 6 + h * 0.8, "middle", x - w / 2, y + 6),
        ):
            rect = (left, top, left + w, top + h)
            if rect[0] < 1 or rect[2] > p.width - 1 or rect[1] < 1 or rect[3] > p.height - 1:
                continue
            if any(_overlap(rect, b) for b in placed) or any(
                _overlap(rect, m[1:]) for m in marks if m[0] != d.id
            ):
                continue
            placed.append(rect)
            spots.append((x, y))
            out[d.id] = (tx, ty, anchor)
            break
    return out


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def svg_map(
    dots: list[Dot],
    title: str,
    desc: str,
    box: Box | None = None,
    width: float = WIDTH,
    labels: int = 40,
    id: str = "map",
    land: Callable[[Projection], str] | None = None,
) -> str:
    """One-line SVG of `dots` (those outside `box` are left out) with a graticule and a frame, and
    with coastlines and borders drawn by `land` (basemap.land) when given."""
    p = Projection(box or bounding_box(dots), width)
    shown = [(d, *p(d.lat, d.lon)) for d in dots if p.inside(d.lat, d.lon)]
    placed = _labels(p, shown, labels)
    tid, did = f"{id}-title", f"{id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {p.width:.0f} {p.height:.0f}" width="100%" role="group"'
        f' aria-labelledby="{tid}" aria-describedby="{did}" class="place-map" style="max-width:{p.width:.0f}px;height:auto"'
        f' font-family="sans-serif" font-size="{FONT}">',
        f'<title id="{tid}">{attr(title)}</title><desc id="{did}">{attr(desc)}</desc>',
        '<g aria-hidden="true">',
        land(p) if land else "",
        f'<rect width="{p.width:.0f}" height="{p.height:.0f}" fill="none" stroke="currentColor" stroke-opacity=".35"/>',
        _graticule(p),
        "</g>",
    ]
    # Light dots first, so highlighted and heavier ones are drawn on top.
    for d, x, y in sorted(shown, key=lambda t: (t[0].highlight, t[0].weight)):
        r = 5 if d.highlight else 2.5 + min(2.5, math.log1p(d.weight) / 2)
        colour = HIGHLIGHT if d.highlight else "currentColor"
        fill = (
            f'fill="none" stroke="{colour}" stroke-width="1.5"'
            if d.area
            else f'fill="{colour}" fill-opacity=".8"'
        )
        mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {fill}><title>{attr(d.name)}</title></circle>'
        label = ""
        if d.id in placed:
            tx, ty, anchor = placed[d.id]
            weight = ' font-weight="bold"' if d.highlight else ""
            label = f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" fill="currentColor"{weight}>{attr(d.name)}</text>'
        out.append(
            f'<a href="{attr(d.href)}" aria-label="{attr(d.name)}">{mark}{label}</a>'
            if d.href
            else mark + label
        )
    out.append("</svg>")
    return "".join(out)


def figure(svg: str, caption: str) -> str:
    """A raw HTML <figure> block (no blank line inside, so Markdown leaves it whole)."""
    assert "\n" not in svg
    return f'<figure class="place-map-figure">{svg}<figcaption>{caption}</figcaption></figure>'


def degrees(lat: float, lon: float) -> str:
    """'51.23° N, 51.37° E'."""
    return f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"


_ID = re.compile(r"[^a-z0-9-]+")


def dom_id(text: str) -> str:
    """An element id safe in HTML and SVG, made from a place id."""
    return "map-" + _ID.sub("-", text.lower())
