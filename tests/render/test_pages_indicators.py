"""Indicator pages: one per catalogue indicator, with table, chart and disagreement notes; every
link resolves; long tables are paginated so a page stays bounded at thousands of statements."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET

import pytest

from build_site.render.charts import MAX_MARKS
from build_site.render.footnotes import comparable
from build_site.render.pages.indicators import MAX_NOTES, indicators_section
from tests.render.test_footnotes import DISAGREE, Spec, synthetic

LINK = re.compile(r"\]\(([^)\s]+)\)")
HTML_LINK = re.compile(r'<a href="([^"]+)"')
FIGURE = re.compile(r"<figure class=\"indicator-figure\">\n(.*?)\n<figcaption>", re.S)
TABLE_HEAD = (
    "<th>Period</th>\n<th>As said</th>\n<th>Normalised</th>\n<th>Speaker</th>\n<th>Event</th>"
)


def links(markdown: str, path: str) -> list[str]:
    """Every link of a generated page as a docs-relative .md target (with its anchor): Markdown
    links and the HTML blocks' links alike are .md paths relative to the page's file."""
    return [
        posixpath.normpath(posixpath.join(posixpath.dirname(path), t.split("#")[0])) + _anchor(t)
        if not t.startswith("#")
        else path + t
        for t in LINK.findall(markdown) + HTML_LINK.findall(markdown)
    ]


def _anchor(target: str) -> str:
    return "#" + target.split("#", 1)[1] if "#" in target else ""


def table_rows(markdown: str) -> list[str]:
    """Body rows of the statements table (written as HTML)."""
    return re.findall(r"<tr>\n<td>.*?</tr>", markdown, re.S)


def markdown_rows(markdown: str) -> list[str]:
    """Rows of a Markdown table (the index of indicators)."""
    return [
        ln for ln in markdown.splitlines() if ln.startswith("| ") and not ln.startswith("| Period")
    ]


@pytest.fixture(scope="module")
def real(site):
    return site


def test_every_indicator_has_a_page(real):
    for iid in real.corpus.indicators:
        assert f"indicators/{iid}.md" in real.pages
    index = real.pages["indicators/index.md"]
    for iid, _sts in real.index.statements.items():
        assert f"]({iid}.md) |" in index
    listed = [  # every catalogue entry; a measure's variant for another scope once it is used
        i
        for i in real.corpus.indicators.values()
        if not i.measure or real.index.statements.get(i.id)
    ]
    assert len(markdown_rows(index)) - 1 == len(listed)  # minus the header row


def test_pages_with_two_statements_have_table_and_chart(real):
    checked = 0
    for iid, sts in real.index.statements.items():
        if len(sts) < 2:
            continue
        page = real.pages[f"indicators/{iid}.md"]
        assert TABLE_HEAD in page
        assert len(table_rows(page)) == len(sts)
        svg = FIGURE.search(page).group(1)
        root = ET.fromstring(svg)
        unit = real.corpus.indicators[iid].unit
        plotted = [st for st in sts if st.figure.period and comparable(st.figure.unit, unit)]
        assert sum(1 for e in root.iter() if e.get("class") == "mark") == len(plotted) <= MAX_MARKS
        checked += 1
    assert checked >= 5


def test_every_link_resolves(real):
    """Links to pages that exist; anchors into events name a paragraph of that event (Index.refs)."""
    for path, page in real.pages.items():
        if not path.startswith("indicators/"):
            continue
        for target in links(page, path):
            dest, _, anchor = target.partition("#")
            if dest.startswith(("topics/", "places/", "organisations/")):
                continue  # sections of other issues
            assert dest in real.pages, (path, target)
            if anchor:
                event_id = dest.removeprefix("events/").removesuffix(".md")
                assert (event_id, anchor) in real.index.refs, (path, target)


def test_footnotes_link_to_indicator_pages(real):
    for e in real.corpus.events:
        page = real.pages[f"events/{e.id}.md"]
        for target in re.findall(r"\]\(\.\./(indicators/[^)#]+)\)", page):
            assert target in real.pages


def test_disagreement_notes_name_who_said_what():
    r = synthetic(DISAGREE)
    page = indicators_section(r)["indicators/stock.md"]
    notes = page.split("## Where statements disagree")[1].split("## Statements")[0]
    assert "**cumulative (stated in 2023):**" in notes
    assert (
        "**about US$17 billion** (Vladimir Putin" in notes
        and "**over US$20 billion** (Kassym-Jomart Tokayev" in notes
    )
    assert "a gap of US$3 billion (15%)" in notes and "stated in 2024" not in notes


def test_empty_indicator_page():
    pages = indicators_section(synthetic(DISAGREE))
    empty = pages["indicators/empty.md"]
    assert (
        "No statement in the archive" in empty and "<svg" not in empty and "| Period" not in empty
    )
    assert "[Nothing said yet](empty.md) | percent (%) | 0 | — |" in pages["indicators/index.md"]


def test_index_shows_latest_statement():
    index = indicators_section(synthetic(DISAGREE))["indicators/index.md"]
    row = next(ln for ln in index.splitlines() if "(stock.md)" in ln)
    assert (
        "| 3 |" in row
        and "nearly US$25 billion" in row
        and "27 November 2024" in row
        and "#tokayev-1-p1" in row
    )


def test_thousands_of_statements_stay_bounded():
    speakers = [None, "vladimir-putin", "kassym-jomart-tokayev"]
    specs = [
        Spec(
            dt.date(2000 + i % 26, 1 + i % 12, 1 + i % 28),
            speakers[i % 3],
            (10 + i % 37) * 1e9,
            [
                f"{2000 + i % 26}",
                "cumulative",
                "target:2030",
                f"{2000 + i % 26}-01/{2000 + i % 26}-06",
            ][i % 4],
            f"${10 + i % 37} billion",
        )
        for i in range(3000)
    ]
    r = synthetic(specs, page_size=25)
    pages = {p: md for p, md in indicators_section(r).items() if p.startswith("indicators/stock")}
    per_page = 25 * 4
    assert len(pages) == -(-3000 // per_page)
    rows = 0
    for path, md in pages.items():
        assert len(table_rows(md)) <= per_page and len(md) < 150_000, path
        rows += len(table_rows(md))
        assert ("<svg" in md) == (path == "indicators/stock.md")
        for target in links(md, path):
            dest = target.partition("#")[0]
            assert dest in pages or dest.startswith(("events/", "persons/", "downloads/")), target
    assert rows == 3000
    first = pages["indicators/stock.md"]
    svg = FIGURE.search(first).group(1)
    assert 0 < sum(1 for e in ET.fromstring(svg).iter() if e.get("class") == "mark") <= MAX_MARKS
    notes = first.split('<div class="indicator-meta" markdown>', 1)[1].split("</div>", 1)[1]
    assert notes.count("\n- **") <= MAX_NOTES  # the notes under the meta list are capped
    assert "Page 1 of 30" in first


def test_front_matter_is_valid_yaml():
    import yaml

    for path, md in indicators_section(synthetic(DISAGREE)).items():
        head = yaml.safe_load(md.split("---\n")[1])
        assert isinstance(head, dict) and head["title"] and head["description"], path
