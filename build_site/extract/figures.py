"""Numeric statements ('figures') in one paragraph's plain text.

A figure is a number that measures something: money ('US$28.7 billion', '$17–18 billion'), a
percentage or share ('98 percent', 'a fifth', 'two thirds'), a quantity ('60 million tonnes') or a
count of things ('23,000 Russian and joint firms', 'nine branches', '30,400 of them'). Not figures:
years, dates, times, ordinals, durations ('three years'), ranks ('top 10', 'among the five'),
vague amounts ('hundreds of thousands', 'dozens'), labels ('Soyuz-5', 'G20', 'Kazakhstan 2050').

Rules for counts:
- digits count the plural noun after them (adjectives skipped): unit = that noun, lower-cased
  unless a proper noun ('Kazakhstanis'); 'N of them/which' takes the unit of the nearest earlier
  count in the paragraph, else 'units'. Bare digits with no noun are a figure only as the value of
  a measured subject ('expanded to 143', 'the number of flights reached 180', 'including 1,200'),
  unit = the noun after 'number of', else the nearest plural noun before; a scaled one is an
  ellipsis ("20 million people and Russia's 146 million").
- number words ('nine', 'six thousand') must count a plural noun. 'one' alone never does
  ('one of the biggest', 'one day'); 'two' never counts the dialogue's participants
  (countries, states, nations, peoples, presidents, sides...); a small word (up to ten) never counts
  discourse items (points, issues, areas...); a number right after a determiner ('the five EAEU
  states', 'our two countries', 'all 17 regions') names a known set, not a statistic.

Multipliers ('1.5 times', 'fivefold') have unit 'times'; 'one in five' and fractions are percent.
Values are in base units (28.7e9); a range has low/high and its midpoint as value. Qualifiers
('over', 'more than', 'about', 'nearly', 'up to', 'record'...) are normalised lower-case; an
adverb qualifier is part of the quote, a verb ('exceeded' → 'over', 'approached' → 'nearly') is not.
Periods: see build_site/periods.py.

    >>> [(f.quote, f.value, f.unit, f.qualifier) for f in find_figures("Trade exceeded $17–18 billion in 2023.")]
    [('$17–18 billion', 17500000000.0, 'USD', 'over')]
    >>> [(f.quote, f.value, f.unit) for f in find_figures("More than 20,000 companies with Russian capital operate.")]
    [('More than 20,000 companies', 20000.0, 'companies')]
"""

from __future__ import annotations

import datetime as dt
import re

from build_site.extract.amounts import (
    ADVERB,
    CURRENCY_BEFORE,
    CURRENCY_CODES,
    FRACTION,
    MORE_FILLER,
    RANGE,
    SCALE,
    fractions,
    scale_of,
)
from build_site.extract.amounts import money_or_measure as _money_or_measure
from build_site.extract.amounts import qualifier as _qualifier
from build_site.extract.clauses import sentence_at
from build_site.extract.nouns import ANTECEDENT, counted_noun, noun_before
from build_site.extract.numbers import SMALL, Core, number_cores
from build_site.extract.periods import MONTHS, period_of
from build_site.model import Figure

_I = re.IGNORECASE
MONTH = (
    r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\b\.?"
)
DURATIONS = re.compile(
    r"[\s-]*(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|minutes?)\b", _I
)
PARTICIPANTS = set(
    """countries states nations peoples presidents leaders sides parties governments heads
    economies capitals neighbours neighbors allies delegations""".split()
)
DISCOURSE = set(
    """points issues areas aspects questions things priorities matters reasons ways words
    directions tasks factors examples topics ideas principles elements pillars components
    dimensions levels times occasions stages""".split()
)
TICKER = re.compile(r"\W*[A-Za-z]{3}\s*[-+−]?\s*\d[\d.,]*\s*%?\W*")
#: what a web page counts about itself (galleries, counters, glued links): never a statistic
PAGE_COUNTS = {"photos", "photographs", "pictures", "images", "videos", "comments", "views"}
PAGE_COUNTS |= {"likes", "shares", "https", "http", "www"}
DETERMINER = re.compile(
    r"\b(?:the|these|those|our|their|its|all|both|his|her|your|my|every|each|whose)\s+$", _I
)
LABEL = re.compile(
    r"(?:\b(?:top|no\.?|№|phase|stage|line|unit|block|section|point|item|article|paragraph|chapter"
    r"|clause|part|number|page|level|grade|class|group|round|step|route|version|generation|figure|table"
    r"|annex|appendix|chart|slide|photo|window|gate|platform|terminal|block|reactor|lot)|№|#)[\s-]*$",
    _I,
)
BARE_VALUE = re.compile(
    r"\b(?:to|reached|reaching|totall?ed|totall?ing|totals|numbered|numbering|stands?\s+at|stood\s+at|is|was|are|were"
    r"|at|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|approach(?:es|ed|ing)?|(?:a\s+)?total\s+of|including"
    r"|among\s+them|of\s+which|of\s+these|(?:it|that)[’']s)\s+$",
    _I,
)
YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|of|for|from|during|after|before|the)\s+$", _I
)
GROWTH = re.compile(
    r"\b(?:increas\w*|gr[eo]w\w*|rose|risen|expand\w*|multipl\w*|by)\s+(?:(?:almost|nearly|about|more\s+than|over)\s+)?$",
    _I,
)
ONE_IN = re.compile(
    r"\b(one)\s+(?:in|out\s+of)\s+(?:every\s+)?(two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    _I,
)
FOLD = re.compile(  # the lookahead of the first letters fails fast at most positions
    r"(?=[tfsenh])\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold\b", _I
)
#: a '-fold' is a multiplier only next to a change: 'a fivefold increase', 'grew threefold'
FOLD_CHANGE = re.compile(
    r"\s+(?:increase|growth|rise|jump|expansion|decrease|reduction|drop|decline|more|higher|larger)",
    _I,
)
EXCLUDED_SPANS = [  # dates ('May 2 and 3', '2023-04-06', '21.02.2024'), times, 'Photo 1 of 3'
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:[–—-]|and|or|to)\s*\d{{1,2}}\b)?(?:,?\s+\d{{4}})?",
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    r"\b\d{1,2}\.\d{1,2}\.\d{4}\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[–—-]\s*\d{{1,2}})?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?",
    rf"\b{MONTH}\s+\d{{4}}",
    r"\b\d{1,2}:\d{2}\b",
    r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\b\.?|o[’']clock)",
    r"\b\d+\s+of\s+\d+\b(?!\s*[A-Za-z%$€,])",
]

#: each of EXCLUDED_SPANS needs a digit: a paragraph without one is not scanned for them
_EXCLUDED = [re.compile(p) for p in EXCLUDED_SPANS]
_DIGIT = re.compile(r"\d")

MONEY = {"USD", "EUR", "RUB", "KZT", "CNY"}
#: a sentence about these speaks of money: a bare 'three billion' in it is an amount (in dollars,
#: the currency of trade statistics, unless an earlier amount of the paragraph names another)
MONEY_WORDS = re.compile(
    r"\b(?:trade|turnover|invest\w*|exports?|imports?|worth|contracts?|budget|revenues?|GDP)\b", _I
)
#: Characters before a number that the rules read (none looks further than a few words).
CONTEXT = 200


def find_figures(text: str, *, event_date: dt.date | None = None) -> list[Figure]:
    """Every figure in one paragraph's text, left to right (see module docstring)."""
    if TICKER.fullmatch(text):
        return []  # 'USD 87.45', '• eur -3.87%': an exchange-rate ticker, not a statement
    cores = number_cores(text)
    if cores:  # dates and times are read only where a number may be one
        spans = [*_EXCLUDED, ONE_IN] if _DIGIT.search(text) else [ONE_IN]  # most have no digit
        excluded = [m.span() for rx in spans for m in rx.finditer(text)]
        cores = [c for c in cores if not any(a <= c.start and c.end <= b for a, b in excluded)]
    raw: list[dict] = []
    skip_until = -1
    for i, core in enumerate(cores):
        if core.start < skip_until:
            continue
        fig = _build(text, core, cores[i + 1] if i + 1 < len(cores) else None)
        if fig:
            raw.append(fig)
            skip_until = fig["end"]
    raw += fractions(text, raw)
    raw += _not_but(text, raw)
    for rx, unit in (
        (FOLD, "times"),
        (ONE_IN, "percent"),
    ):  # 'a fivefold increase', 'one in five students'
        for m in rx.finditer(text):
            if rx is FOLD and not (
                FOLD_CHANGE.match(text, m.end())
                or GROWTH.search(text[max(0, m.start() - 40) : m.start()])
            ):
                continue  # 'your position is twofold' (ambiguous), not a multiplier
            if not any(f["start"] < m.end() and m.start() < f["end"] for f in raw):
                qual, start = _qualifier(text, m.start())
                n = 100.0 if m[1].lower() == "hundred" else float(SMALL.get(m[1].lower(), 20))
                value = (
                    n
                    if unit == "times"
                    else 100 / (float(m[2]) if m[2].isdigit() else SMALL[m[2].lower()])
                )
                raw.append(
                    {
                        "start": min(start, m.start()),
                        "end": m.end(),
                        "value": value,
                        "unit": unit,
                        "low": None,
                        "high": None,
                        "qualifier": qual,
                        "count": False,
                    }
                )
    raw.sort(key=lambda f: f["start"])
    counts = [(g["end"], g["unit"]) for g in raw if g.pop("count") and g["unit"] != ANTECEDENT]
    figures = []
    for f in raw:
        if f["unit"] in (ANTECEDENT, None):
            earlier = [unit for end, unit in counts if end <= f["start"]]
            lo, hi = sentence_at(text, f["start"])
            money = [g["unit"] for g in raw if g["end"] <= f["start"] and g["unit"] in MONEY]
            if (
                f["unit"] == ANTECEDENT
                and not earlier
                and (money or MONEY_WORDS.search(text, lo, hi))
            ):
                earlier = money[-1:] or ["USD"]  # 'trade will reach three billion': dollars implied
            f["unit"] = (
                earlier[-1]
                if earlier and f["unit"] == ANTECEDENT
                else _unit_before(text, f["start"], lo)
            )
        f["period"] = period_of(text, f["start"], f["end"], event_date)
        figures.append(Figure(quote=text[f["start"] : f["end"]], **f))
    return figures


def _unit_before(text: str, start: int, lo: int) -> str:
    """The plural noun a bare value measures ('flights ... reached 180'); never a duration
    ('A few years ago ... 3,000')."""
    noun = noun_before(text, start, lo)
    return noun if noun and not DURATIONS.fullmatch(" " + noun) else "units"


def _build(text: str, core: Core, nxt: Core | None) -> dict | None:
    # the words before the number: a bounded tail (reading the whole prefix made long paragraphs quadratic)
    before, pos = text[max(0, core.start - CONTEXT) : core.start], core.end
    if (
        re.match(r"(?:st|nd|rd|th)\b|[A-Za-z]", text[pos:])
        and not _money_or_measure(text, pos)
        and not SCALE.match(text, pos)
    ):
        return None  # ordinal '21st', label '5G'
    if (
        LABEL.search(before[-20:])
        or re.search(r"(?<![.!?])\s[A-Z][a-z]+\s$", before[-30:])
        and not ADVERB.search(before[-30:])
    ):
        return None  # 'top 10', 'No. 1', 'Article 5', 'Kazakhstan 2050'
    low = high = None
    value = core.value
    r = RANGE.match(text, pos)
    gap = (
        text[r.end() : nxt.start]
        if r and nxt and nxt.start >= r.end() and nxt.words == core.words
        else None
    )
    from_to = (
        gap is not None
        and re.fullmatch(r"(?:US\$|\$|€|₽|₸)?", gap)
        and re.search(r"\bfrom\s+\S*$", before)
    )
    if gap == "" and not from_to:
        low, high, value, pos = core.value, nxt.value, None, nxt.end
    filler = MORE_FILLER.match(text, pos)
    pos = filler.end() if filler else pos
    scale = 1.0
    s = SCALE.match(text, pos)
    currency = CURRENCY_BEFORE.search(before[-6:])
    if s and (s[1] or s[2] or currency):
        scale, pos = scale_of(s), s.end()
        value, pos = _compound(text, value, scale, pos, nxt)
    unit, count = None, False
    qual, qstart = _qualifier(text, core.start - (len(currency.group()) if currency else 0))
    start = (
        qstart
        if qual and qstart < core.start
        else core.start - (len(currency.group()) if currency else 0)
    )
    if currency:
        unit = CURRENCY_CODES.get(re.sub(r"[\s$]", "", currency.group()) or "$", "USD")
        after = _money_or_measure(text, pos)
        if after and after[0] in {"USD", "RUB", "KZT", "EUR"}:
            pos = after[2]
    else:
        after = _money_or_measure(text, pos)
        if after:
            unit, factor, pos = after
            scale *= factor
            if (
                unit == "times"
                and core.words
                and text[pos - 5 : pos] == "times"
                and not (
                    re.match(
                        r"\s+(?:more|higher|greater|larger|bigger|less|lower|as|over)\b", text[pos:]
                    )
                    or GROWTH.search(before[-40:])
                )
            ):
                return None  # 'three times' (occasions) unless '1.5 times more', 'increased three times'
    if from_to and (unit is None or scale == 1.0):
        sub = _build(text, nxt, None)  # 'from 500 to 700 students', 'from $20 to $30 billion'
        if (
            sub
            and sub["unit"] not in (None, ANTECEDENT)
            and unit in (None, sub["unit"])
            and nxt.value
        ):
            unit, scale, count = (
                sub["unit"],
                (sub["value"] / nxt.value) if sub["low"] is None else 1.0,
                sub["count"],
            )
    year_like = core.plain_int and 1000 <= core.value <= 2100 and scale == 1.0
    if unit is None:
        if (
            DURATIONS.match(text, pos)
            or FRACTION.match(text, pos + 1)
            and re.match(r"[\s-]", text[pos : pos + 1])
        ):
            return None
        if year_like and (
            not re.match(r"\s+[a-z]+s\b", text[pos:]) or YEAR_BEFORE.search(before[-12:])
        ):
            return None  # 'in 2022', 'the 2024 summit'; but '2000 students'
        noun = counted_noun(text, pos)
        if noun:
            unit, pos = noun
            count = True
        elif (scale > 1 and not core.words) or (
            core.words and value >= 1e6 and not core.text.lower().startswith("a ")
        ):
            unit = ANTECEDENT  # ellipsis: "Kazakhstan's 20 million people and Russia's 146 million"
        elif (
            core.words
            or not BARE_VALUE.search(
                before[-20:] if not qual else text[max(0, qstart - CONTEXT) : qstart]
            )
            or year_like
        ):
            return None
        if core.words and value == 1 and scale == 1 and core.text.lower() in {"one", "a"}:
            return None
        small = core.words and (high or value) <= 10
        if (
            value == 2
            and unit in PARTICIPANTS
            or small
            and unit in DISCOURSE
            or unit
            and DURATIONS.fullmatch(" " + unit)
            or unit in PAGE_COUNTS
        ):
            return None
        if (
            DETERMINER.search(before[-12:] if not qual else "")
            and not qual
            and (core.words or value < 10 or not re.search(r"\bthe\s+$", before[-5:], _I))
        ):
            return (
                None  # 'the five states', 'the two presidents' point back; 'the 28 programs' counts
            )
    if low is not None:
        low, high = low * scale, high * scale
        value = (low + high) / 2
    else:
        value = value * scale
    qual = qual or ("at least" if filler else None)
    return {
        "start": start,
        "end": pos,
        "value": value,
        "unit": unit,
        "low": low,
        "high": high,
        "qualifier": qual,
        "count": count,
    }


def _compound(
    text: str, value: float, scale: float, pos: int, nxt: Core | None
) -> tuple[float, int]:
    """'1 billion 800 million': a smaller scaled number right after joins the first (value in units of
    `scale`); anything else leaves value and pos as they were."""
    if nxt is None or nxt.words or not re.fullmatch(r"\s+(?:and\s+)?", text[pos : nxt.start]):
        return value, pos
    s = SCALE.match(text, nxt.end)
    if s and (s[1] or s[2]) and scale_of(s) < scale:
        return value + nxt.value * scale_of(s) / scale, s.end()
    return value, pos


NOT_BUT = re.compile(r"\bnot\s+(\d+(?:[.,]\d+)?)\s*,?\s+but\s+(?=(\d+(?:[.,]\d+)?))", _I)


def _not_but(text: str, taken: list[dict]) -> list[dict]:
    """'not 10, but 13 million people': the first number takes the scale and unit of the second."""
    out = []
    for m in NOT_BUT.finditer(text):
        after = next((f for f in taken if f["start"] == m.end() and f["low"] is None), None)
        second = float(m[2].replace(",", "."))
        if after is None or not second or any(f["start"] <= m.start(1) < f["end"] for f in taken):
            continue
        scale = after["value"] / second
        out.append(
            dict(after, start=m.start(1), end=m.end(1), value=float(m[1].replace(",", ".")) * scale)
            | {"qualifier": None, "count": False}
        )
    return out
