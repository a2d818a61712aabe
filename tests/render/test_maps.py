"""Static SVG maps: well-formed XML with a text alternative, dots linking to pages that exist."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET

from build_site.render import basemap, maps

SVG = "{http://www.w3.org/2000/svg}"
SVG_IN_PAGE = re.compile(r"<svg .*?</svg>")


def _check(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything not well-formed
    assert root.tag == f"{SVG}svg"
    # A named group, not role="img": its dots are links, and nothing interactive may sit in an image.
    assert root.get("role") == "group" and "img" not in svg.replace('role="group"', "")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby") == title.get("id") and root.get(
        "aria-describedby"
    ) == desc.get("id")
    assert list(root)[:2] == [title, desc]  # first children: read before anything else
    for a in root.iter(f"{SVG}a"):  # every dot's link is named after its place
        assert a.get("aria-label") and a.find(f"{SVG}circle/{SVG}title").text == a.get("aria-label")
    assert "script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    return root


def test_doctests():
    import doctest

    from build_site.render import basemap

    assert doctest.testmod(maps).failed == 0 and doctest.testmod(basemap).failed == 0


def test_svg_map_is_well_formed_and_escaped():
    dots = [
        maps.Dot("a", 'A <&> "quoted"', 50, 60, "a/", 3),
        maps.Dot("b", "B", 10, 100, None, 0, area=True),
        maps.Dot("c", "C", 45, 70, highlight=True),
    ]
    root = _check(maps.svg_map(dots, "Title & <more>", "Desc"))
    assert root.find(f"{SVG}title").text == "Title & <more>"
    assert len(root.findall(f".//{SVG}circle")) == 3
    assert [a.get("href") for a in root.findall(f"{SVG}a")] == ["a/"]


def test_labels_never_overlap():
    dots = [
        maps.Dot(f"p{i}", f"Place number {i}", 50 + (i % 3) * 0.2, 60 + i * 0.3, weight=i)
        for i in range(40)
    ]
    root = ET.fromstring(maps.svg_map(dots, "t", "d", width=400))
    boxes = []
    for t in root.iter(f"{SVG}text"):
        x, y, w = float(t.get("x")), float(t.get("y")), len(t.text) * maps.FONT * 0.55
        left = {"start": x, "end": x - w, "middle": x - w / 2}[t.get("text-anchor")]
        boxes.append((left, y - maps.FONT, left + w, y))
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (
                a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
            ), (a, b)


def test_bounding_box_and_projection():
    box = maps.bounding_box([maps.Dot("a", "A", 50, 50), maps.Dot("b", "B", 60, 80)])
    assert box.south < 50 and box.north > 60 and box.west < 50 and box.east > 80
    p = maps.Projection(box, 500)
    assert p.width == 500 and 0 < p.height < 500
    x, y = p(50, 50)
    assert 0 < x < 500 and 0 < y < p.height


def test_site_maps(site):
    pages = ["places/index.md"] + [
        f"places/{pid}.md" for pid in site.corpus.places
    ]  # later pages: lists only
    for page in pages:
        md = site.pages[page]
        found = SVG_IN_PAGE.findall(md)
        assert len(found) == 1, page
        root = _check(found[0])
        for a in root.iter(f"{SVG}a"):
            href = a.get("href")  # a .md path relative to the page, as every raw-HTML link
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            assert target in site.pages, (page, href)
    overview = ET.fromstring(SVG_IN_PAGE.search(site.pages["places/index.md"])[0])
    labels = {t.text for t in overview.iter(f"{SVG}text")}
    assert {"Astana", "Moscow", "Uralsk", "Kostanay", "Ufa"} <= labels


def _land(svg: str) -> str:
    path = ET.fromstring(svg).find(f".//{SVG}path[@class='map-land']")
    return path.get("d") if path is not None else ""


def test_maps_draw_coastlines_and_borders_small(site):
    """Natural Earth's outlines under every map on land, clipped to its box, a few KB each."""
    sizes = {}
    for page in ["places/index.md"] + [f"places/{pid}.md" for pid in site.corpus.places]:
        found = SVG_IN_PAGE.findall(site.pages[page])
        if found:
            sizes[page] = len(_land(found[0]))
    assert sizes["places/index.md"] > 5_000 and sizes["places/uralsk.md"] > 1_000, sizes
    assert all(n > 0 for page, n in sizes.items() if "ocean" not in page), sizes
    over = {page: n for page, n in sizes.items() if page != "places/index.md" and n > 15_000}
    assert not over, f"a place page's map may add at most ~15 KB: {over}"
    assert sizes["places/index.md"] < 40_000


def test_land_is_clipped_to_the_box():
    p = maps.Projection(maps.around(51.2, 51.4), 360)  # Uralsk: Kazakhstan, Russia and the Caspian
    d = basemap.land(p)
    assert d.startswith('<path class="map-land"') and 'fill="currentColor"' in d and "#" not in d
    numbers = [
        float(n)
        for n in re.findall(
            r"-?\d*\.?\d+", _land(f'<svg xmlns="http://www.w3.org/2000/svg">{d}</svg>')
        )
    ]
    assert numbers
    # Absolute move-tos start every ring: all inside the frame (give or take the clipping margin).
    for m in re.finditer(r"M(-?[\d.]+) (-?[\d.]+)", d):
        x, y = float(m[1]), float(m[2])
        assert -3 <= x <= p.width + 3 and -3 <= y <= p.height + 3, (x, y)
    from build_site.render.basemap import countries_in

    assert {code for code, _ in countries_in(p.box)} >= {"KZ", "RU"}
