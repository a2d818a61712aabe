"""find_figures over every line of every seed: invariants, and recall/precision on a hand-made gold list.

GOLD was written by reading the seeds, not from the finder's output: every statistic a reader
would footnote, with the value, unit and period the conventions (build_site/periods.py,
build_site/figures.py) give it. Not in GOLD, on purpose: years, dates, ordinals, durations, ranks,
vague amounts, 'the two countries', and counts of a known whole after a determiner ('76 of the
89 regions … with all 17 regions of Kazakhstan': 76 is gold, 89 and 17 are not).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from build_site.extract.figures import find_figures
from build_site.model import Figure
from tests.paths import SEEDS_DIR as SEEDS

#: Date of the occasion of each seed (from its header lines; 001 is a report of the 26–27 November
#: 2024 forum, 004 an article published before the state visit of late November 2024).
EVENT_DATES = {
    "000": dt.date(2025, 11, 12),
    "001": dt.date(2024, 11, 27),
    "002": dt.date(2025, 11, 12),
    "003": dt.date(2023, 11, 9),
    "004": dt.date(2024, 11, 26),
}
FURNITURE = re.compile(
    r"(?:Geography|Topics|Persons|Publication status|See also|Additional|Text version.*|Events|View settings"
    r"|Font size:|Site colours:|Images|Settings|\* \* \*|\d+ of \d+|\d\d:\d\d|<…>|.*Publication date:.*)$"
)
PERIOD = re.compile(r"\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?|cumulative|target(:\d{4})?")
TARGET = "target"
CUM = "cumulative"

# (seed, a snippet of the line, quote, value, unit, period). A quote printed twice in one line is
# listed twice: the n-th entry is the n-th occurrence.
GOLD: list[tuple[str, str, str, float, str, str]] = [
    # 000 — 21st Interregional Forum, 12 November 2025
    ("000", "has exceeded US$28 billion", "US$28 billion", 28e9, "USD", "2025"),
    ("000", "has exceeded US$28 billion", "US$30 billion", 30e9, "USD", TARGET),
    ("000", "In 2024, Russian investment", "US$4 billion", 4e9, "USD", "2024"),
    ("000", "In 2024, Russian investment", "US$27 billion", 27e9, "USD", CUM),
    ("000", "In 2024, Russian investment", "US$9 billion", 9e9, "USD", "2025"),
    ("000", "In 2024, Russian investment", "20,000 companies", 20000, "companies", "2025"),
    ("000", "During the construction phase", "six thousand workers", 6000, "workers", TARGET),
    (
        "000",
        "During the construction phase",
        "three thousand mid-level specialists",
        3000,
        "specialists",
        TARGET,
    ),
    ("000", "A total of 1,453 agreements", "1,453 agreements", 1453, "agreements", "2025"),
    ("000", "nine branches of Russian higher", "nine branches", 9, "branches", "2025"),
    ("000", "nine branches of Russian higher", "four thousand students", 4000, "students", "2025"),
    ("000", "practical training at 18,000", "100,000 students", 100000, "students", "2025"),
    ("000", "practical training at 18,000", "18,000 enterprises", 18000, "enterprises", "2025"),
    ("000", "practical training at 18,000", "4,000 companies", 4000, "companies", "2025"),
    ("000", "practical training at 18,000", "600 colleges", 600, "colleges", "2025"),
    ("000", "More than 60 colleges", "60 colleges", 60, "colleges", "2025"),
    ("000", "More than 60 colleges", "30 countries", 30, "countries", "2025"),
    ("000", "More than 60 colleges", "nine", 9, "colleges", "2025"),
    ("000", "76 of", "76", 76, "regions", "2025"),
    ("000", "approximately 55,000 young", "55,000", 55000, "citizens", "2025"),
    (
        "000",
        "approximately 55,000 young",
        "eight major Russian universities",
        8,
        "universities",
        "2025",
    ),
    # 001 — 20th Interregional Forum (news report), 26–27 November 2024
    ("001", "Last year, it reached $27 billion", "$27 billion", 27e9, "USD", "2023"),
    ("001", "Last year, it reached $27 billion", "20%", 20, "percent", "2024"),
    ("001", "Last year, it reached $27 billion", "$25 billion", 25e9, "USD", CUM),
    ("001", "Last year, it reached $27 billion", "$3 billion", 3e9, "USD", "2023"),
    (
        "001",
        "Last year, it reached $27 billion",
        "23,000 Russian and joint firms",
        23000,
        "firms",
        "2024",
    ),
    ("001", "Last year, it reached $27 billion", "half", 50, "percent", "2024"),
    ("001", "record grain production", "27 million tons", 27e6, "tonnes", "2024"),
    ("001", "By 2030, Kazakhstan plans", "11,000 railroads", 11000, "railroads", "target:2030"),
    ("001", "By 2030, Kazakhstan plans", "5,000 kilometers", 5000, "km", "target:2030"),
    ("001", "200 scholarships", "200 scholarships", 200, "scholarships", "2024"),
    # 002 — statements for the media, 12 November 2025
    ("002", "trade reached US$28.7 billion", "US$28.7 billion", 28.7e9, "USD", "2024"),
    ("002", "trade reached US$28.7 billion", "a fifth", 20, "percent", "2024"),
    ("002", "it already exceeds 96 percent", "96 percent", 96, "percent", "2025"),
    ("002", "cumulative capital investments", "US$10 billion", 10e9, "USD", CUM),
    ("002", "cumulative capital investments", "17,000 enterprises", 17000, "enterprises", "2025"),
    ("002", "cumulative capital investments", "70 major joint projects", 70, "projects", "2025"),
    ("002", "more than thirty Russian regions", "thirty Russian regions", 30, "regions", "2025"),
    ("002", "Approximately 55,000 citizens", "55,000 citizens", 55000, "citizens", "2025"),
    ("002", "Approximately 55,000 citizens", "half", 50, "percent", "2025"),
    ("002", "Three additional schools", "Three additional schools", 3, "schools", TARGET),
    ("002", "The 2024 trade amounted", "US$28 billion", 28e9, "USD", "2024"),
    ("002", "The 2024 trade amounted", "US$17 billion", 17e9, "USD", "2025-01/2025-08"),
    ("002", "The 2024 trade amounted", "US$30 billion", 30e9, "USD", TARGET),
    ("002", "The accumulated volume of direct", "US$27 billion", 27e9, "USD", CUM),
    ("002", "The accumulated volume of direct", "US$4 billion", 4e9, "USD", "2024"),
    ("002", "The accumulated volume of direct", "US$9 billion", 9e9, "USD", CUM),
    (
        "002",
        "More than 20,000 companies with Russian participation",
        "20,000 companies",
        20000,
        "companies",
        "2025",
    ),
    (
        "002",
        "More than 20,000 companies with Russian participation",
        "a half",
        50,
        "percent",
        "2025",
    ),
    (
        "002",
        "More than 20,000 companies with Russian participation",
        "175 major joint projects",
        175,
        "projects",
        "2025",
    ),
    ("002", "nine branches of leading Russian", "nine branches", 9, "branches", "2025"),
    ("002", "over a thousand schools", "a thousand schools", 1000, "schools", "2025"),
    ("002", "over a thousand schools", "one third", 100 / 3, "percent", "2025"),
    # 003 — four events of 9 November 2023 (forum, restricted talks, expanded talks, media statements)
    ("003", "representatives of more than 30 regions", "30 regions", 30, "regions", "2023"),
    ("003", "76 Russian regions have established", "76 Russian regions", 76, "regions", "2023"),
    ("003", "over 60 agreements", "60 agreements", 60, "agreements", "2023"),
    ("003", "over 60 agreements", "$100 million", 100e6, "USD", "2023"),
    (
        "003",
        "increased by over 10 percent in 2022 and reached $28.2",
        "10 percent",
        10,
        "percent",
        "2022",
    ),
    (
        "003",
        "increased by over 10 percent in 2022 and reached $28.2",
        "$28.2 billion",
        28.2e9,
        "USD",
        "2022",
    ),
    (
        "003",
        "increased by over 10 percent in 2022 and reached $28.2",
        "$27 billion",
        27e9,
        "USD",
        "2022",
    ),
    (
        "003",
        "increased by over 10 percent in 2022 and reached $28.2",
        "7 percent",
        7,
        "percent",
        "2023-01/2023-08",
    ),
    ("003", "slightly over $17 billion", "$20 billion", 20e9, "USD", CUM),
    ("003", "slightly over $17 billion", "$17 billion", 17e9, "USD", CUM),
    ("003", "slightly over $17 billion", "$4.6 billion", 4.6e9, "USD", "2023"),
    ("003", "slightly over $17 billion", "6,000 companies", 6000, "companies", "2023"),
    ("003", "slightly over $17 billion", "$36.5 billion", 36.5e9, "USD", "2023"),
    ("003", "wheat (98 percent of imports)", "98 percent", 98, "percent", "2023"),
    ("003", "wheat (98 percent of imports)", "98 percent", 98, "percent", "2023"),
    ("003", "wheat (98 percent of imports)", "80–90 percent", 85, "percent", "2023"),
    ("003", "wheat (98 percent of imports)", "70 percent", 70, "percent", "2023"),
    ("003", "wheat (98 percent of imports)", "60–70 percent", 65, "percent", "2023"),
    ("003", "grew by 22 percent", "22 percent", 22, "percent", "2022"),
    ("003", "grew by 22 percent", "$4 billion", 4e9, "USD", "2022"),
    ("003", "grew by 22 percent", "3 percent", 3, "percent", "2023-01/2023-07"),
    ("003", "production capacity of up to 1 million", "1 million tonnes", 1e6, "tonnes", "2023"),
    ("003", "maintained at 60 million tonnes", "60 million tonnes", 60e6, "tonnes", "target:2023"),
    ("003", "it grew more than 30 percent", "30 percent", 30, "percent", "2020/2022"),
    ("003", "it grew more than 30 percent", "$17 billion", 17e9, "USD", "2023-01/2023-08"),
    (
        "003",
        "143 industrial cooperation projects",
        "143 industrial cooperation projects",
        143,
        "projects",
        "2023",
    ),
    ("003", "143 industrial cooperation projects", "$33 billion", 33e9, "USD", "2023"),
    ("003", "143 industrial cooperation projects", "140 of them", 140, "projects", "2023"),
    (
        "003",
        "Over 20,000 Russian companies are registered",
        "20,000 Russian companies",
        20000,
        "companies",
        "2023",
    ),
    ("003", "your estimate is about $17–18 billion", "$20 billion", 20e9, "USD", "2023"),
    ("003", "your estimate is about $17–18 billion", "$17–18 billion", 17.5e9, "USD", "2023"),
    ("003", "your estimate is about $17–18 billion", "$3.5 billion", 3.5e9, "USD", "2021/2022"),
    (
        "003",
        "volume of Kazakhstani investment has reached $6 billion",
        "$6 billion",
        6e9,
        "USD",
        "2023",
    ),
    ("003", "61,000 citizens of Kazakhstan", "61,000 citizens", 61000, "citizens", "2023"),
    ("003", "61,000 citizens of Kazakhstan", "30,400 of them", 30400, "citizens", "2023"),
    ("003", "61,000 citizens of Kazakhstan", "200 citizens", 200, "citizens", "target:2024"),
    ("003", "61,000 citizens of Kazakhstan", "700 students", 700, "students", "target:2024"),
    (
        "003",
        "About 25 million ordinary",
        "25 million ordinary Kazakhstanis",
        25e6,
        "Kazakhstanis",
        "2023",
    ),
    ("003", "According to our data, trade reached $27 billion", "$27 billion", 27e9, "USD", "2023"),
    ("003", "According to our data, trade reached $27 billion", "$20 billion", 20e9, "USD", "2023"),
    ("003", "According to our data, trade reached $27 billion", "$6 billion", 6e9, "USD", "2023"),
    (
        "003",
        "60 or maybe even more million tonnes",
        "60 or maybe even more million tonnes",
        60e6,
        "tonnes",
        "target:2023",
    ),
    (
        "003",
        "mutual trade has increased by over 30 percent",
        "30 percent",
        30,
        "percent",
        "2020/2022",
    ),
    ("003", "mutual trade has increased by over 30 percent", "$27 billion", 27e9, "USD", "2022"),
    (
        "003",
        "mutual trade has increased by over 30 percent",
        "$17 billion",
        17e9,
        "USD",
        "2023-01/2023-08",
    ),
    ("003", "among the five leading investors", "$20 billion", 20e9, "USD", CUM),
    ("003", "among the five leading investors", "$1 billion", 1e9, "USD", "2023-01/2023-06"),
    ("003", "among the five leading investors", "20 percent", 20, "percent", "2023-01/2023-06"),
    ("003", "among the five leading investors", "$6 billion", 6e9, "USD", "2023"),
    ("003", "expanded to 143", "143", 143, "projects", "2023"),
    ("003", "expanded to 143", "$33 billion", 33e9, "USD", "2023"),
    ("003", "accounts for two thirds", "two thirds", 200 / 3, "percent", "2023"),
    ("003", "increased by 24 percent to $3.6 billion", "24 percent", 24, "percent", "2022"),
    ("003", "increased by 24 percent to $3.6 billion", "$3.6 billion", 3.6e9, "USD", "2022"),
    (
        "003",
        "bilateral trade increased by more than 10 percent in 2022 and reached the level",
        "10 percent",
        10,
        "percent",
        "2022",
    ),
    ("003", "with 75 percent of our transactions", "75 percent", 75, "percent", "2023"),
    (
        "003",
        "accumulated investment in Kazakhstan is equal to about $17",
        "$17 billion",
        17e9,
        "USD",
        CUM,
    ),
    (
        "003",
        "accumulated investment in Kazakhstan is equal to about $17",
        "$20 billion",
        20e9,
        "USD",
        CUM,
    ),
    ("003", "about 6,000 business entities", "6,000 business entities", 6000, "entities", "2023"),
    ("003", "about 6,000 business entities", "$36.5 billion", 36.5e9, "USD", "2023"),
    ("003", "growth will amount to nearly 3 percent", "3 percent", 3, "percent", "target:2023"),
    ("003", "growth will amount to nearly 3 percent", "5 percent", 5, "percent", "2023"),
    (
        "003",
        "growth will amount to nearly 3 percent",
        "5.2 percent",
        5.2,
        "percent",
        "2023-09/2023-10",
    ),
    ("003", "growth will amount to nearly 3 percent", "3 percent", 3, "percent", "2023-09/2023-10"),
    ("003", "We have a 3 percent increase", "3 percent", 3, "percent", "2023"),
    ("003", "We have a 3 percent increase", "43 percent", 43, "percent", "2023"),
    (
        "003",
        "60,000 Kazakhstani students are enrolled",
        "60,000 Kazakhstani students",
        60000,
        "students",
        "2023",
    ),
    # 004 — article by the President of Kazakhstan, November 2024
    ("004", "four full-scale talks", "four full-scale talks", 4, "talks", "2024"),
    (
        "004",
        "Now 23 thousand Russian companies",
        "23 thousand Russian companies",
        23000,
        "companies",
        "2024",
    ),
    ("004", "Now 23 thousand Russian companies", "4 thousand of which", 4000, "companies", "2023"),
    ("004", "invested more than $3 billion", "$3 billion", 3e9, "USD", "2023"),
    ("004", "more than 90 projects", "90 projects", 90, "projects", "2024"),
    ("004", "more than 90 projects", "$18 billion", 18e9, "USD", "2024"),
    ("004", "more than 90 projects", "49 more promising projects", 49, "projects", "2024"),
    ("004", "three thermal power plants", "three thermal power plants", 3, "plants", "2024"),
    ("004", "about 32 million people", "32 million people", 32e6, "people", "2024"),
    ("004", "about 60,000 Kazakh students", "60,000 Kazakh students", 60000, "students", "2024"),
    ("004", "3.5 thousand schools", "3.5 thousand schools", 3500, "schools", "2024"),
    ("004", "more than 45%", "45%", 45, "percent", "2024"),
]


def seed_lines() -> list[tuple[str, int, str]]:
    """(seed key, line number, text) of every paragraph-ish line of every seed."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            text = line.strip()
            if len(text) > 3 and not FURNITURE.fullmatch(text):
                out.append((path.name[:3], no, line))
    return out


LINES = seed_lines()
FOUND: dict[tuple[str, int], list[Figure]] = {
    (seed, no): find_figures(text, event_date=EVENT_DATES[seed]) for seed, no, text in LINES
}


@pytest.mark.parametrize(("seed", "no", "text"), LINES, ids=[f"{s}:{n}" for s, n, _ in LINES])
def test_seed_line_invariants(seed: str, no: int, text: str) -> None:
    found = FOUND[(seed, no)]
    for f in found:
        assert text[f.start : f.end] == f.quote
        assert not re.fullmatch(r"(?:19|20)\d\d", f.quote.strip()), f"a year is not a figure: {f}"
        assert not re.search(r"\d(?:st|nd|rd|th)\b", f.quote), f"an ordinal is not a figure: {f}"
        assert not re.search(r"\b(?:years?|months?|anniversary|century)\b", f.quote, re.I), f
        assert f.value > 0 and f.unit
        assert f.low is None or f.low <= f.value <= f.high
        assert f.period is None or PERIOD.fullmatch(f.period), f.period
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "figures overlap"


def _plain(text: str) -> str:
    """No-break and thin spaces as plain spaces (one for one: offsets stay valid)."""
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text)


def _gold_spans() -> list[tuple[tuple[str, int], int, int, float, str, str]]:
    spans, seen = [], {}
    for seed, snippet, quote, value, unit, period in GOLD:
        lines = [
            (no, _plain(text)) for s, no, text in LINES if s == seed and snippet in _plain(text)
        ]
        assert len(lines) == 1, (
            f"snippet {snippet!r} must pick one line of seed {seed}, picks {len(lines)}"
        )
        no, text = lines[0]
        n = seen[(seed, no, quote)] = seen.get((seed, no, quote), -1) + 1
        at = -1
        for _ in range(n + 1):
            at = text.index(quote, at + 1)
        spans.append(((seed, no), at, at + len(quote), value, unit, period))
    return spans


def _match() -> tuple[int, int, int, int]:
    """(gold, found, matched, matched with the gold period): a match overlaps, with equal value and unit."""
    gold = _gold_spans()
    found = [(key, f) for key, figs in FOUND.items() for f in figs]
    used: set[int] = set()
    matched = periods = 0
    for key, start, end, value, unit, period in gold:
        for i, (k, f) in enumerate(found):
            if i in used or k != key or not (f.start < end and start < f.end):
                continue
            if abs(f.value - value) <= 1e-6 * value and f.unit.lower() == unit.lower():
                used.add(i)
                matched += 1
                periods += f.period == period
                break
    return len(gold), len(found), matched, periods


def test_gold_is_complete_enough_to_measure() -> None:
    assert len(GOLD) >= 130


def test_recall_and_precision_on_the_seeds() -> None:
    gold, found, matched, _ = _match()
    recall, precision = matched / gold, matched / found
    print(
        f"seed figures: gold {gold}, found {found}, matched {matched}: recall {recall:.3f}, precision {precision:.3f}"
    )
    assert recall >= 0.95
    assert precision >= 0.95


def test_periods_on_the_seeds() -> None:
    _, _, matched, periods = _match()
    assert periods / matched >= 0.95
