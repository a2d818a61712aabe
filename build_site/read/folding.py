"""Text folding: the normalised form in which vocabulary terms and speech text are compared.

Dashes become '-', apostrophes "'", any whitespace run one space; spaces around a dash and
invisible characters go. ``folded`` is the lower-cased form, and ``span`` maps a match back to
the original text.

    >>> f = fold("Rosatom\u2019s  state \u2014 owned")
    >>> f.cased, f.folded
    ("Rosatom's state-owned", "rosatom's state-owned")
    >>> f.span(10, 21)
    (11, 24)
    >>> term_key("  Oral ")
    'oral'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_APOSTROPHES = "\u2018\u2019\u02bc\u2032\u00b4`\uff07"
_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_TRANSLATE = str.maketrans(
    {**{c: "-" for c in _DASHES}, **{c: "'" for c in _APOSTROPHES}, **{c: " " for c in _SPACES}}
)
# Dropped: soft hyphens and zero-width characters; spaces around a dash; all but one of a run of spaces.
_DROP = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]| +(?=-)|(?<=-) +| +(?= )")


@dataclass(frozen=True)
class Folded:
    """A text normalised for matching, with a map back to the original offsets.

    ``cased`` has dashes unified to '-', apostrophes to "'", whitespace runs to one space, spaces
    around dashes and invisible characters removed; ``folded`` is ``cased`` lower-cased character by
    character (same length). ``pos[i]`` is the offset in the original text of character ``i``
    (``None``: identical offsets).
    """

    cased: str
    folded: str
    pos: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised [start, end) (end > start)."""
        if self.pos is None:
            return start, end
        return self.pos[start], self.pos[end - 1] + 1


def fold(text: str) -> Folded:
    t = text.translate(_TRANSLATE)
    pos: tuple[int, ...] | None = None
    if _DROP.search(t):
        kept: list[int] = []
        parts: list[str] = []
        last = 0
        for m in _DROP.finditer(t):
            kept.extend(range(last, m.start()))
            parts.append(t[last : m.start()])
            last = m.end()
        kept.extend(range(last, len(t)))
        parts.append(t[last:])
        t = "".join(parts)
        pos = tuple(kept)
    low = t.lower()
    if len(low) != len(t):  # e.g. 'İ'.lower() is two characters: keep such characters as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in t)
    return Folded(t, low, pos)


def term_key(text: str) -> str:
    """The key under which a term is matched (normalised, lower-cased)."""
    return fold(text.strip()).folded
