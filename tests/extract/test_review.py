"""An editor's hand: sidecar `figures:` reviews by footnote label (build_site/extract/review.py),
and how a reviewed figure shows in footnotes, indicator pages and the downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from build_site.build import build
from build_site.config import Config
from build_site.extract import review as review_module
from tests.paths import ROOT

SEED = "002_2dfdb7079ed04442.txt"
SIDECAR = """\
title: Statements for the media following Russia–Kazakhstan talks
figures:
  putin-1-p5-1: {indicator: trade-turnover, period: "2024"}
  putin-1-p5-2: not-a-statistic
  putin-1-p7-2: ok
  putin-1-p7-3: {scope: RU-BY}
  tokayev-1-p17-1: {indicator: trade-turnover, scope: RU-UZ, period: "2023"}
  putin-1-p99-1: ok
  tokayev-1-p18-1: {indicator: no-such-indicator}
  tokayev-1-p18-2: {period: last year}
  tokayev-1-p18-3:
    colour: red
  tokayev-1-p19-1: {scope: RU-XX}
  tokayev-1-p19-2: maybe
"""


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory, copy_seeds):
    dest = tmp_path_factory.mktemp("review")
    seeds = copy_seeds(dest, [SEED])
    (seeds / SEED.replace(".txt", ".yml")).write_text(SIDECAR, encoding="utf-8")
    return build(Config(root=ROOT, seeds=seeds, docs=dest / "docs", progress=False))


def _figures(site) -> dict[str, object]:
    [event] = site.corpus.events
    return {review_module.label(f): f for f in event.figures}


def test_reviews_apply(reviewed) -> None:
    figs = _figures(reviewed)
    f = figs["putin-1-p5-1"]
    assert (f.indicator, f.period, f.reviewed) == ("trade-turnover", "2024", True)
    assert "putin-1-p5-2" not in figs  # not a statistic: dropped
    assert figs["putin-1-p7-2"].reviewed and figs["putin-1-p7-2"].indicator
    moved = figs["putin-1-p7-3"]
    assert moved.scope == ("BY", "RU") and moved.indicator is None and moved.reviewed
    uz = figs["tokayev-1-p17-1"]
    assert (uz.indicator, uz.scope, uz.period) == ("trade-turnover-ru-uz", ("RU", "UZ"), "2023")
    assert "trade-turnover-ru-uz" in reviewed.corpus.indicators  # its page exists now
    untouched = figs["tokayev-1-p18-1"]
    assert not untouched.reviewed


def test_problems_are_one_line_file_line_messages(reviewed) -> None:
    mine = [str(i) for i in reviewed.issues if "figures:" in i.message]
    name = SEED.replace(".txt", ".yml")
    assert mine == [
        f"{name}:8: warning: figures: putin-1-p99-1: no figure has this label in the text"
        " (labels look like putin-2-p3-1); review ignored",
        f"{name}:9: error: figures: tokayev-1-p18-1: unknown indicator 'no-such-indicator'"
        " (ids are in indicators.yml)",
        f"{name}:10: error: figures: tokayev-1-p18-2: period 'last year' is not like 2024,"
        " 2023-01/2023-08, 2020/2022, cumulative, target or target:2030",
        f"{name}:12: error: figures: tokayev-1-p18-3: unknown field 'colour' (known: indicator,"
        " period, scope)",
        f"{name}:13: error: figures: tokayev-1-p19-1: unknown scope 'RU-XX' (ISO codes joined by"
        " '-', e.g. RU-BY, or a bloc: EAEU, CIS...)",
        f"{name}:14: error: figures: tokayev-1-p19-2: unknown review 'maybe' (a mapping of"
        " indicator, period, scope; not-a-statistic; or ok)",
    ]


def footnote(page: str, label: str) -> str | None:
    """A footnote's text on an event page: a Markdown definition, or the HTML the footnotes
    extension makes of one (render.footnotes.footnotes_html); None when the page has none."""
    m = re.search(rf"^\[\^{re.escape(label)}\]: (.*)$", page, re.M) or re.search(
        rf'^<li id="fn:{re.escape(label)}">\n<p>(.*)</p>$', page, re.M
    )
    return m[1] if m else None


def test_labels_stay_when_a_figure_is_dropped(reviewed, event_page) -> None:
    [event] = reviewed.corpus.events
    page = reviewed.pages[event_page(event)]
    assert footnote(page, "putin-1-p5-1") and footnote(page, "putin-1-p5-2") is None
    assert "[^putin-1-p5-2]" not in page and 'fnref:putin-1-p5-2"' not in page  # nor a reference
    assert footnote(page, "putin-1-p7-3")


def test_marked_in_footnotes_indicator_pages_and_export(reviewed, event_page) -> None:
    [event] = reviewed.corpus.events
    page = reviewed.pages[event_page(event)]
    note = footnote(page, "putin-1-p5-1")
    assert note and "reviewed by an editor" in note
    other = footnote(page, "putin-1-p7-1")
    assert other and "reviewed by an editor" not in other
    assert "(reviewed by an editor)" in reviewed.pages["indicators/trade-turnover.md"]
    assert "Russia and Uzbekistan" in reviewed.pages["indicators/trade-turnover-ru-uz.md"]
    data = json.loads(reviewed.pages["downloads/corpus.json"])
    figures = data["events"][0]["figures"]
    exported = [f for f in figures if f["reviewed"]]
    assert {f["paragraph"] for f in exported} >= {"putin-1-p5", "putin-1-p7", "tokayev-1-p17"}
    assert all(f["reviewed"] is False for f in figures if f not in exported)
    assert all(f["scope"] is None or isinstance(f["scope"], list) for f in figures)
    rows = list(csv.DictReader(io.StringIO(reviewed.pages["downloads/figures.csv"])))
    assert {"scope", "reviewed"} <= set(rows[0])
    assert any(r["scope"] == "RU-UZ" and r["reviewed"] == "True" for r in rows)


def test_figures_key_must_be_a_mapping(tmp_path: Path) -> None:
    from build_site.read.seeds import InputError, read_sidecar

    path = tmp_path / "s.yml"
    path.write_text("title: T\nfigures: putin-1-p1-1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"s.yml:2: error: figures must map footnote labels"):
        read_sidecar(path)


def test_sidecar_lines_of_reviews(tmp_path: Path) -> None:
    from build_site.read.seeds import read_sidecar

    path = tmp_path / "s.yml"
    path.write_text(
        "figures:\n  a-1-p1-1: ok\n  a-1-p1-2:\n    period: '2024'\n"
        "events:\n  - figures: {b-1-p1-1: not-a-statistic}\n",
        encoding="utf-8",
    )
    _, lines = read_sidecar(path)
    assert lines["figures.a-1-p1-1"] == 2
    assert lines["figures.a-1-p1-2.period"] == 4
    assert lines["events.0.figures.b-1-p1-1"] == 6


def test_uncompared_figure_says_why(reviewed, event_page) -> None:
    [event] = reviewed.corpus.events
    page = reviewed.pages[event_page(event)]
    assert "not tied to an indicator" in page or "not compared" in page
