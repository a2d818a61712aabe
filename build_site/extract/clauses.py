"""Sentence and clause spans of one paragraph, for reading the context around a figure.

A *clause* here is a stretch of a sentence between strong breaks: ';', ': ', a spaced dash,
', and', ', but', ', while', ', whereas', ', although', ', or'. Figures in different clauses of one
sentence often measure different things in different periods ("In 2024, investment reached
US$4 billion, while the total cumulative volume exceeded US$27 billion").

    >>> t = "Trade grew. In 2024, it reached $4 billion, while the stock hit $27 billion."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Trade grew.', 'In 2024, it reached $4 billion, while the stock hit $27 billion.']
    >>> [t[s:e] for s, e in clauses(t, 12, len(t))]
    ['In 2024, it reached $4 billion', ', while the stock hit $27 billion.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "nos",
    "vs",
    "etc",
    "approx",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gen",
    "prof",
    "inc",
    "ltd",
    "co",
    "corp",
    "art",
    "p",
    "pp",
    "fig",
    "cf",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*\s+(?=[\"“‘«(\[]?[A-Z0-9А-Я])")
#: The word before a full stop (is it an abbreviation?), looked for in a bounded tail only.
_LAST_WORD = re.compile(r"(?<![\w.])([\w.]+)[.!?…]*$")
#: Longest stretch read as one sentence: a scrape that lost its punctuation is cut at spaces, so the
#: context read around each figure stays bounded (cost linear in the paragraph, not quadratic).
MAX_SENTENCE = 1000
_CLAUSE_BREAK = re.compile(
    r";|:\s|\s[–—-]\s|,\s+(?=(?:and|but|while|whereas|although|though|or|yet)\s)|\s(?=whereas\s)",
)


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; the end includes the closing punctuation. Cached per text."""
    return _sentences(text)


@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, max(start, m.start() - 40), m.start() + 1)
        if (
            word
            and m.group().startswith(".")
            and word.group(1).lower().rstrip(".") in ABBREVIATIONS
        ):
            continue
        end = m.start() + len(m.group().rstrip())
        spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return tuple(piece for s, e in spans if e > s for piece in _bounded(text, s, e))


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence longer than MAX_SENTENCE, cut at spaces into pieces of at most that length."""
    pieces = []
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + 1, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        pieces.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    return pieces + [(s, e)]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the clauses of text[start:end]; the break belongs to the next clause."""
    cuts = [start] + [start + m.start() for m in _CLAUSE_BREAK.finditer(text[start:end])] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    spans = sentences(text)
    i = bisect_right(spans, (pos, float("inf"))) - 1  # the last sentence starting at or before pos
    if i >= 0 and (spans[i][0] <= pos < spans[i][1] or pos == spans[i][1]):
        return spans[i]
    return 0, len(text)


def clause_at(text: str, pos: int) -> tuple[int, int]:
    s, e = sentence_at(text, pos)
    for a, b in clauses(text, s, e):
        if a <= pos < b:
            return a, b
    return s, e
