"""Indicator charts and place maps render in the browser, with a text alternative."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def first_page_with(site_dir: Path, section: str, needle: str) -> str:
    folder = site_dir / section
    if not folder.is_dir():
        pytest.skip(f"no {section}/ pages are built yet")
    for path in sorted(folder.glob("*/index.html")):
        if needle in path.read_text(encoding="utf-8"):
            return f"{section}/{path.parent.name}/"
    pytest.skip(f"no page in {section}/ holds {needle!r} yet")


def check_svg(page, selector: str) -> dict:
    svg = page.locator(selector).first
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 50, f"{selector} has no size: {box}"
    assert svg.is_visible()
    label = svg.evaluate("""s => s.getAttribute('aria-label') || (document.getElementById(s.getAttribute('aria-labelledby'))
        || s.querySelector(':scope > title') || {}).textContent || ''""")
    # A chart is an image; a map whose dots are links is a named group (no link may sit in an image).
    assert svg.get_attribute("role") in ("img", "group") and label.strip(), (
        "the SVG has no text alternative"
    )
    if svg.locator("a").count():
        assert svg.get_attribute("role") == "group", "links inside an SVG with role=img"
    drawn = svg.evaluate(
        "s => s.querySelectorAll('path, circle, rect, line, polyline, polygon').length"
    )
    assert drawn > 0, "the SVG draws nothing"
    return box


@pytest.mark.parametrize(
    "section,selector", [("indicators", "svg.indicator-chart"), ("places", "svg.place-map")]
)
def test_chart_and_map_render(page, site_dir, screenshots, section, selector):
    url = first_page_with(site_dir, section, selector.split(".", 1)[1])
    page.goto(url)
    page.wait_for_load_state("networkidle")
    check_svg(page, selector)
    assert not page.errors, page.errors
    name = {"indicators": "indicator", "places": "place"}[section]
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("context", ["dark"], indirect=True)
def test_chart_is_readable_in_the_dark_scheme(page, site_dir, screenshots):
    url = first_page_with(site_dir, "indicators", "indicator-chart")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    check_svg(page, "svg.indicator-chart")
    page.locator("svg.indicator-chart").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "indicator-dark.png"), full_page=False)


def test_instant_navigation_to_a_page_with_a_map(page, site_dir):
    """Material's instant navigation rewrites links; links inside an SVG map must not break it."""
    first_page_with(site_dir, "places", "place-map")
    page.goto("events/")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-tabs a", has_text="Places").first.click()
    page.wait_for_url("**/places/")
    page.locator("svg.place-map").first.wait_for(state="visible")
    assert page.evaluate("() => window.__sameDocument === true"), (
        "instant navigation did not load the page"
    )
    assert page.locator("h1").inner_text().startswith("Places")
    link = page.locator("svg.place-map a").first
    if link.count():
        link.click()
        page.wait_for_url("**/places/*/")
        assert page.locator("h1").count() == 1
    assert not page.errors, page.errors


@pytest.mark.parametrize("context", ["light", "dark"], indirect=True)
def test_map_draws_land_readably_and_names_its_links(page, site_dir, screenshots, request):
    """Coastlines and borders are drawn in the text colour of the palette; every dot is a link
    named after its place, reachable by role and name."""
    scheme = request.node.callspec.params["context"]
    page.goto("places/uralsk/")
    page.wait_for_load_state("networkidle")
    svg = page.locator("svg.place-map").first
    check_svg(page, "svg.place-map")
    land = svg.locator("path.map-land")
    assert land.count() == 1 and len(land.get_attribute("d")) > 500
    stroke, background = (
        page.evaluate("""() => [getComputedStyle(document.querySelector('svg.place-map path.map-land')).stroke,
        getComputedStyle(document.body).backgroundColor]""")
    )

    def light(colour):
        return sum(float(v) for v in re.findall(r"[\d.]+", colour)[:3]) > 382

    assert light(stroke) != light(background), (
        stroke,
        background,
    )  # dark lines on light paper, or the reverse
    assert page.get_by_role("link", name="Astrakhan", exact=True).count() >= 1
    names = svg.evaluate(
        "s => Array.from(s.querySelectorAll('a')).map(a => a.getAttribute('aria-label'))"
    )
    assert names and all(names)
    svg.screenshot(path=str(screenshots / f"map-{scheme}.png"))
