"""axe-core in Chromium: no serious or critical WCAG 2.1 A/AA violation on any kind of page, in the
light (`default`) and the dark (`slate`) palette.

axe-core comes from npm, never from another host at test time: `.ci/run` installs it into
tests/browser/node_modules (`npm install --prefix tests/browser`); AXE_CORE_PATH may name another
axe.min.js (or the axe-core folder holding it). Without it the tests skip, or fail when
REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

HERE = Path(__file__).parent
#: The rule sets of WCAG 2.1 levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IMPACTS = ("serious", "critical")
PALETTES = {"light": "default", "dark": "slate"}


def axe_path() -> Path | None:
    chosen = os.environ.get("AXE_CORE_PATH")
    candidates = [Path(chosen)] if chosen else [HERE / "node_modules" / "axe-core"]
    for c in candidates:
        path = c / "axe.min.js" if c.is_dir() else c
        if path.is_file():
            return path
    return None


@pytest.fixture(scope="session")
def axe_script() -> Path:
    path = axe_path()
    if path is None:
        message = (
            "axe-core is not installed: `npm install --prefix tests/browser` (as .ci/run does) "
            "or set AXE_CORE_PATH to an axe.min.js"
        )
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message + "; REQUIRE_BROWSER is set")
        pytest.skip(message)
    return path


def _first(site_dir: Path, folder: str, test=lambda html: True) -> str:
    """Site-relative URL of the first page under folder/ (a slug, not a year or page-N) that passes test."""
    for index in sorted((site_dir / folder).glob("*/index.html")):
        name = index.parent.name
        if re.fullmatch(r"\d{4}|page-\d+", name):
            continue
        if test(index.read_text(encoding="utf-8")):
            return f"{folder}/{name}/"
    raise AssertionError(f"no page under {folder}/ fits")


def _event_of_type(doc_type: str):
    return lambda site_dir: _first(
        site_dir, "events", lambda html: f"Type:</strong> {doc_type}" in html
    )


#: Every kind of page: name → site-relative URL, found in the built site.
KINDS = {
    "home": lambda site_dir: "",
    "events-index": lambda site_dir: "events/",
    "event-transcript": _event_of_type("Transcript"),
    "event-news": _event_of_type("News"),
    "event-article": _event_of_type("Article"),
    "timeline": lambda site_dir: "timeline/",
    "year": lambda site_dir: min(
        f"events/{p.parent.name}/"
        for p in (site_dir / "events").glob("[0-9][0-9][0-9][0-9]/index.html")
    ),
    "series-index": lambda site_dir: "series/",
    "series-page": lambda site_dir: _first(site_dir, "series"),
    "indicators-index": lambda site_dir: "indicators/",
    "indicator-page": lambda site_dir: _first(site_dir, "indicators", lambda html: "<svg" in html),
    "topics-index": lambda site_dir: "topics/",
    "topic-page": lambda site_dir: _first(site_dir, "topics"),
    "topic-page-2": lambda site_dir: min(
        f"topics/{p.parent.parent.name}/page-2/"
        for p in (site_dir / "topics").glob("*/page-2/index.html")
    ),
    "places-index": lambda site_dir: "places/",
    "place-page": lambda site_dir: _first(site_dir, "places", lambda html: "place-map" in html),
    "persons-index": lambda site_dir: "persons/",
    "person-page": lambda site_dir: _first(site_dir, "persons"),
    "organisations-index": lambda site_dir: "organisations/",
    "organisation-page": lambda site_dir: _first(site_dir, "organisations"),
    "about": lambda site_dir: "about/",
}

RUN_AXE = """async tags => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')), impacts: v.nodes.map(n => n.impact)}));
}"""


def violations(page, url: str, axe_script: Path) -> list[dict]:
    """axe-core's violations of the WCAG 2.1 A/AA rules on the page at url."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(RUN_AXE, TAGS)


@pytest.mark.parametrize("context", list(PALETTES), indirect=True)
@pytest.mark.parametrize("kind", list(KINDS))
def test_no_serious_axe_violation(page, site_dir, axe_script, kind, request):
    url = KINDS[kind](site_dir)
    found = violations(page, url, axe_script)
    palette = PALETTES[request.node.callspec.params["context"]]
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == palette, (
        "palette not applied"
    )
    bad = [
        (v["id"], impact, target)
        for v in found
        for target, impact in zip(v["targets"], v["impacts"])
        if impact in IMPACTS
    ]
    listing = "\n".join(f"  {rule} [{impact}] {target}" for rule, impact, target in bad[:40])
    more = f"\n  … and {len(bad) - 40} more" if len(bad) > 40 else ""
    assert not bad, (
        f"{url or 'home'} ({palette}): {len(bad)} serious or critical axe-core violations:\n{listing}{more}"
    )
