"""Numerals and number words as they appear in speech transcripts.

A *core* is the bare number: digits ('28.7', '1,453', '7 791') or words ('nine', 'six thousand',
'twenty-five', 'a thousand', 'one and a half million', 'two-and-a-half'). Scales and units around it are the
figure finder's business (build_site/figures.py).

    >>> [(c.text, c.value) for c in number_cores("over a thousand schools, 7 791 firms and 1.5 million")]
    [('a thousand', 1000.0), ('7 791', 7791.0), ('1.5', 1.5)]
    >>> words_value("twenty-five thousand")
    25000.0
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
"""Word scales (singular only: 'thousands of', 'millions of' are vague, never figures)."""
SCALE_ABBR = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "bln": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "tn": 1e12,
    "trn": 1e12,
    "trln": 1e12,
    "trl": 1e12,
}
FRACTIONS = {
    "half": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}

_WORD = "|".join(sorted([*SMALL, *TENS], key=len, reverse=True))
_ATOM = rf"(?:{_WORD})(?:-(?:{_WORD}))?"
_SCALE = "|".join(SCALES)
_AFTER_SCALE = "".join(f"(?<={w})" if i == 0 else f"|(?<={w})" for i, w in enumerate(SCALES))
#: the letters a number phrase can begin with: a lookahead of them fails fast at most positions
_FIRSTS = "".join(sorted({w[0] for w in [*SMALL, *TENS, "a"]}))
WORDS_RE = re.compile(
    rf"(?=[{_FIRSTS}])\b(?:{_ATOM}|a(?=\s+(?:{_SCALE})\b))(?:[\s-]+and[\s-]+a[\s-]+half)?"
    rf"(?:[\s-]+(?:{_ATOM}|{_SCALE})\b|(?:{_AFTER_SCALE})\s+and\s+(?:{_ATOM})\b)*\b",
    re.IGNORECASE,
)
_SEP = r"[,\u00a0\u202f\u2009 ]"
#: A number may follow a connector whose space a repost lost ("ishome to37 million people");
#: any other letter before a digit makes a label ('G20', 'COVID19').
DIGITS_RE = re.compile(  # the lookahead of a digit fails fast at most positions
    r"(?=\d)(?:(?<![\w.,/])|(?<=\bto)|(?<=\bof)|(?<=\bin)|(?<=\bby)|(?<=\bat))(?<![A-Za-z]-)(?:\d{1,3}(?:(?:,\d{3})+|(?:[\u00a0\u202f\u2009 ]\d{3})+)(?!\d)|\d+)(?:\.\d+)?"
)


@dataclass(frozen=True)
class Core:
    """A bare number found in text: text[start:end] == text."""

    text: str
    start: int
    end: int
    value: float
    words: bool
    """True for number words ('nine'), False for digits."""

    @property
    def plain_int(self) -> bool:
        """Digits only, no separator and no decimals (a possible year)."""
        return not self.words and self.text.isdigit()


def digits_value(s: str) -> float:
    """'1,453' → 1453.0; '7 791' → 7791.0; '28.7' → 28.7."""
    return float(re.sub(_SEP, "", s))


def words_value(s: str) -> float | None:
    """Value of a number-word phrase, or None if it is not one ('a' alone, 'and')."""
    tokens = re.findall(r"[a-z]+", s.lower())
    total = current = 0.0
    seen = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == "a" and i + 1 < len(tokens) and tokens[i + 1] == "half" and seen:
            current += 0.5
            i += 2
            continue
        if t == "a":
            current, seen = max(current, 1.0), True
        elif t in SMALL:
            current += SMALL[t]
            seen = True
        elif t in TENS:
            current += TENS[t]
            seen = True
        elif t == "hundred":
            current = (current or 1.0) * 100
        elif t in SCALES:
            total += (current or 1.0) * SCALES[t]
            current = 0.0
        elif t != "and":
            return None
        i += 1
    if not seen:
        return None
    return total + current


def number_cores(text: str) -> list[Core]:
    """All bare numbers in text, left to right, not overlapping (digits win ties)."""
    found: list[Core] = []
    for m in DIGITS_RE.finditer(text):
        found.append(Core(m.group(), m.start(), m.end(), digits_value(m.group()), False))
    taken = [(c.start, c.end) for c in found]  # sorted, not overlapping
    starts = [s for s, _ in taken]
    for m in WORDS_RE.finditer(text):
        phrase = m.group()
        if phrase.lower() in {"a"} or re.fullmatch(r"a\s+and.*", phrase, re.I):
            continue
        if phrase.lower().startswith("a ") and not re.match(rf"a\s+(?:{_SCALE})\b", phrase, re.I):
            continue  # 'a' only counts before a scale: 'a thousand'
        value = words_value(phrase)
        k = bisect_left(starts, m.end())  # digits starting before the phrase ends: taken[:k]
        if value is None or (k and taken[k - 1][1] > m.start()):
            continue
        found.append(Core(phrase, m.start(), m.end(), value, True))
    return sorted(found, key=lambda c: c.start)
