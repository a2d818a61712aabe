"""Amounts: the currency, percent sign, measure or scale around a bare number, and qualifiers.

Currencies before ('US$', 'US $', '$ ', 'USD ', '€', '₸') or after the number ('US dollars',
'U.S. dollars', 'dollars', '[dollars]' (an editor's bracket), 'USD', 'tenge', 'roubles');
scales in words or abbreviations ('billion', 'bn', 'bln', 'mln', 'trln', 'tn', and 'B' or 'M'
after a currency: '$19 B'); percentages; measures ('tonnes', 'km', 'bcm', 'times', '-fold').
Qualifiers before the number: adverbs ('over', 'about', 'almost') join the quote, verbs
('exceeded') and 'record' do not.

    >>> money_or_measure("12 billion [dollars]", 10)
    ('USD', 1.0, 20)
    >>> SCALE.match(" B, a record")[3], SCALE.match("trln")[2]
    ('B', 'trln')
    >>> scale_of(SCALE.match(" B")), scale_of(SCALE.match("bn")), scale_of(SCALE.match(" m"))
    (1000000000.0, 1000000000.0, 1000000.0)
"""

from __future__ import annotations

import re

from build_site.extract.numbers import FRACTIONS, SCALE_ABBR, SMALL

_I = re.IGNORECASE
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
    (re.compile(rf"\s*(?:\[(?:{p})\]|(?:{p})\b)"), unit)  # '[dollars]': an editor's bracket
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
    r"\s*(?:(thousand|million|billion|trillion)\b|(bn|bln|mn|mln|trln|trl|tn|trn)\b"
    r"|([mb])\b(?=[\s.,;)]|$))",
    _I,
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


def scale_of(m: re.Match[str]) -> float:
    """Factor of a SCALE match: 'billion', 'bn', 'B' (after a currency) → 1e9."""
    word = (m[1] or m[2] or "").lower()
    if word:
        return SCALE_ABBR.get(word, 1e6)
    return 1e9 if m[3].lower() == "b" else 1e6


def money_or_measure(text: str, pos: int) -> tuple[str, float, int] | None:
    """(unit, factor, end) of a currency, percent or measure right after text[:pos], or None."""
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


def qualifier(text: str, start: int) -> tuple[str | None, int]:
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


#: Characters before a fraction that the rules read.
CONTEXT = 200
SHARE_BEFORE = re.compile(
    r"\b(?:by|reached|reaching|to|is|was|are|were|at|for|up|about|nearly|almost|over|than|exceeds?|exceeded)\s+$",
    _I,
)
FRACTION = re.compile(  # the lookahead of the first letters fails fast at most positions
    r"(?=[aotfnhq])\b(?:(a|one|two|three|four|nine)[\s-]+)?(half|thirds?|quarters?|fifths?|tenths?)\b(?=(\s+(?:of|the|our|all|their|its)\b)?)",
    _I,
)


def fractions(text: str, taken: list[dict]) -> list[dict]:
    """Fractions as percentages ('a fifth' = 20%, 'two thirds', 'half of'), outside `taken` spans."""
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
        qual, start = qualifier(text, m.start())
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
