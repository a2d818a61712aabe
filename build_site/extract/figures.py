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

from build_site.extract.clauses import sentence_at
from build_site.extract.nouns import ANTECEDENT, counted_noun, noun_before
from build_site.extract.numbers import FRACTIONS, SCALE_ABBR, SMALL, Core, number_cores
from build_site.extract.periods import MONTHS, period_of
from build_site.model import Figure

_I = re.IGNORECASE
MONTH = (
    r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\b\.?"
)
CURRENCY_BEFORE = re.compile(r"(?:US\s?\$|\$\s?US|\$|USD\s?|€|EUR\s?|₽|RUB\s?|KZT\s?|₸)\s?$")
CURRENCY_CODES = {
    "$": "USD",
    "US": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "₽": "RUB",
    "RUB": "RUB",
    "KZT": "KZT",
    "₸": "KZT",
}
CURRENCY_AFTER = [
    (re.compile(rf"\s*(?:{p})\b"), unit)
    for p, unit in [
        (r"(?:US|U\.S\.|American)\s+dollars|dollars|USD", "USD"),
        (r"roubles|rubles|RUB", "RUB"),
        (r"tenge|KZT", "KZT"),
        (r"euros?|EUR", "EUR"),
        (r"yuan|CNY", "CNY"),
    ]
]
PERCENT = re.compile(r"\s*(?:(%)|(?:percent|per\s+cent|pct)\b|(percentage\s+points?)\b)", _I)
MEASURES = [
    (re.compile(rf"(?:-|\s*)(?:{p})\b"), unit, factor)
    for p, unit, factor in [
        (r"(?:metric\s+)?(?:tonnes|tons|tonne|ton)", "tonnes", 1.0),
        (r"kilomet(?:re|er)s?|km", "km", 1.0),
        (r"cubic\s+met(?:re|er)s?|m3|m³", "m3", 1.0),
        (r"bcm", "m3", 1e9),
        (r"square\s+met(?:re|er)s?|m2|m²", "m2", 1.0),
        (r"hectares?|ha", "ha", 1.0),
        (r"kilowatt[- ]hours?|kWh", "kWh", 1.0),
        (r"megawatts?|MW", "MW", 1.0),
        (r"gigawatts?|GW", "GW", 1.0),
        (r"barrels|bbl", "barrels", 1.0),
        (r"TEU", "TEU", 1.0),
        (r"-?fold|times", "times", 1.0),
    ]
]
SCALE = re.compile(
    r"\s*(?:(thousand|million|billion|trillion)\b|(bn|bln|mn|mln|tn|trn)\b|(m)\b(?=[\s.,;)]|$))", _I
)
MORE_FILLER = re.compile(
    r"\s+or\s+(?:(?:maybe|perhaps|possibly|even)\s+)*more(?=\s+(?:thousand|million|billion|tonnes|tons|percent))",
    _I,
)
RANGE = re.compile(r"\s*(?:–|—|-|to)\s*")
ADVERB = re.compile(
    r"\b(slightly\s+(?:over|more\s+than|above)|just\s+over|a\s+little\s+over|more\s+than|over|above|about|approximately"
    r"|approx\.|around|nearly|almost|up\s+to|some|at\s+least|no\s+(?:less|fewer)\s+than|less\s+than|fewer\s+than"
    r"|roughly|close\s+to|in\s+excess\s+of|upwards\s+of)\s+$",
    _I,
)
VERB_QUALIFIER = re.compile(
    r"\b(exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|topp?(?:ed|s|ing)?|approach(?:ed|es|ing)?|(?:a|the)\s+record(?:\s+(?:level|high))?(?:\s+of)?"
    r"|record(?:\s+(?:level|high))?(?:\s+of)?)\s+(?:(?:already|almost|nearly)\s+)?$",
    _I,
)
QUALIFIER_NAMES = {
    "slightly above": "slightly over",
    "slightly more than": "slightly over",
    "just over": "slightly over",
    "a little over": "slightly over",
    "above": "over",
    "approx.": "approximately",
    "roughly": "about",
    "close to": "nearly",
    "in excess of": "over",
    "upwards of": "over",
    "fewer than": "less than",
    "no less than": "at least",
    "no fewer than": "at least",
}
DURATIONS = re.compile(
    r"[\s-]*(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|minutes?)\b", _I
)
PARTICIPANTS = {
    "countries",
    "states",
    "nations",
    "peoples",
    "presidents",
    "leaders",
    "sides",
    "parties",
    "governments",
    "heads",
    "economies",
    "capitals",
    "neighbours",
    "neighbors",
    "allies",
    "delegations",
}
DISCOURSE = {
    "points",
    "issues",
    "areas",
    "aspects",
    "questions",
    "things",
    "priorities",
    "matters",
    "reasons",
    "ways",
    "words",
    "directions",
    "tasks",
    "factors",
    "examples",
    "topics",
    "ideas",
    "principles",
    "elements",
    "pillars",
    "components",
    "dimensions",
    "levels",
    "times",
    "occasions",
    "stages",
}
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
    r"|among\s+them|of\s+which|of\s+these)\s+$",
    _I,
)
YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|of|for|from|during|after|before|the)\s+$", _I
)
GROWTH = re.compile(
    r"\b(?:increas\w*|gr[eo]w\w*|rose|risen|expand\w*|multipl\w*|by)\s+(?:(?:almost|nearly|about|more\s+than|over)\s+)?$",
    _I,
)
SHARE_BEFORE = re.compile(
    r"\b(?:by|reached|reaching|to|is|was|are|were|at|for|up|about|nearly|almost|over|than|exceeds?|exceeded)\s+$",
    _I,
)
ONE_IN = re.compile(
    r"\b(one)\s+(?:in|out\s+of)\s+(?:every\s+)?(two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    _I,
)
FOLD = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold\b", _I)
EXCLUDED_SPANS = [  # dates, times, 'Photo 1 of 3'
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[–—-]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[–—-]\s*\d{{1,2}})?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?",
    rf"\b{MONTH}\s+\d{{4}}",
    r"\b\d{1,2}:\d{2}\b",
    r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\b\.?|o[’']clock)",
    r"\b\d+\s+of\s+\d+\b(?!\s*[A-Za-z%$€,])",
]
FRACTION = re.compile(
    r"\b(?:(a|one|two|three|four|nine)[\s-]+)?(half|thirds?|quarters?|fifths?|tenths?)\b(?=(\s+(?:of|the|our|all|their|its)\b)?)",
    _I,
)


#: Characters before a number that the rules read (none looks further than a few words).
CONTEXT = 200


def _money_or_measure(text: str, pos: int) -> tuple[str, float, int] | None:
    for rx, unit in CURRENCY_AFTER:
        m = rx.match(text, pos)
        if m:
            return unit, 1.0, m.end()
    m = PERCENT.match(text, pos)
    if m:
        return ("pp" if m[2] else "percent"), 1.0, m.end()
    for rx, unit, factor in MEASURES:
        m = rx.match(text, pos)
        if m:
            return unit, factor, m.end()
    return None


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """(normalised qualifier, quote start): an adverb joins the quote, a verb or 'record' does not."""
    m = ADVERB.search(text, max(0, start - 30), start)
    if m:
        q = " ".join(m[1].lower().split())
        return QUALIFIER_NAMES.get(q, q), m.start()
    v = VERB_QUALIFIER.search(text, max(0, start - 40), start)
    if v:
        w = v[1].lower()
        return (
            "record" if "record" in w else "nearly" if w.startswith("approach") else "over"
        ), start
    return None, start


def find_figures(text: str, *, event_date: dt.date | None = None) -> list[Figure]:
    """Every figure in one paragraph's text, left to right (see module docstring)."""
    excluded = [m.span() for p in [*EXCLUDED_SPANS, ONE_IN] for m in re.finditer(p, text)]
    cores = [
        c for c in number_cores(text) if not any(a <= c.start and c.end <= b for a, b in excluded)
    ]
    raw: list[dict] = []
    skip_until = -1
    for i, core in enumerate(cores):
        if core.start < skip_until:
            continue
        fig = _build(text, core, cores[i + 1] if i + 1 < len(cores) else None)
        if fig:
            raw.append(fig)
            skip_until = fig["end"]
    raw += _fractions(text, raw)
    for rx, unit in (
        (FOLD, "times"),
        (ONE_IN, "percent"),
    ):  # 'a fivefold increase', 'one in five students'
        for m in rx.finditer(text):
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
            lo = sentence_at(text, f["start"])[0]
            f["unit"] = (
                earlier[-1]
                if earlier and f["unit"] == ANTECEDENT
                else noun_before(text, f["start"], lo) or "units"
            )
        f["period"] = period_of(text, f["start"], f["end"], event_date)
        figures.append(Figure(quote=text[f["start"] : f["end"]], **f))
    return figures


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
        scale, pos = SCALE_ABBR.get((s[1] or s[2] or "mn").lower(), 1e6), s.end()
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
        elif scale > 1 and not core.words:
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
        ):
            return None
        if DETERMINER.search(before[-12:] if not qual else "") and not qual:
            return None
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


def _fractions(text: str, taken: list[dict]) -> list[dict]:
    out = []
    for m in FRACTION.finditer(text):
        num, frac, of = (m[1] or "").lower(), m[2].lower(), m[3]
        if any(f["start"] < m.end() and m.start() < f["end"] for f in taken):
            continue
        before = text[max(0, m.start() - CONTEXT) : m.start()]
        if frac == "half":
            if (
                not of
                or re.search(r"\b(?:first|second|last|1st|2nd|and)\s+(?:a\s+)?$", before, _I)
                or num not in {"", "a", "one"}
            ):
                continue
        elif (
            not num
            or not (of or SHARE_BEFORE.search(before[-30:]))
            or re.match(r"\s+of\s+(?:a|the)\s+century", text[m.end() :], _I)
        ):
            continue
        n = 1 if num in {"", "a", "one"} else SMALL[num]
        qual, start = _qualifier(text, m.start())
        out.append(
            {
                "start": start if start < m.start() else m.start(),
                "end": m.end(),
                "value": n * FRACTIONS[frac] * 100,
                "unit": "percent",
                "low": None,
                "high": None,
                "qualifier": qual,
                "count": False,
            }
        )
    return out
