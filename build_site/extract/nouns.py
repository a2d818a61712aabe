"""The noun a count counts: '23,000 Russian and joint firms' → 'firms'.

English puts the head noun of a counted phrase last and plural, after any modifiers, so the counted
noun is the first plural-looking word after the number, skipping modifiers ('Russian', 'joint',
'young, highly promising Kazakhstani') and stopping at a preposition, verb, pronoun or strong
punctuation. 'N of them' / 'N of which' point back to an earlier noun (ANTECEDENT).

    >>> counted_noun("55,000 young, highly promising Kazakhstani citizens are", 6)
    ('citizens', 51)
    >>> counted_noun("76 of the 89 regions", 2)
    ('regions', 20)
    >>> counted_noun("30,400 of them", 6)
    ('@', 14)
    >>> counted_noun("143 with an overall", 3) is None
    True
    >>> counted_noun("76 such direct agreements", 2)  # 'such' is a determiner, not a stop
    ('agreements', 25)
"""

from __future__ import annotations

import re

ANTECEDENT = "@"
"""Returned for 'N of them/which/these': the unit is the noun of an earlier count."""

STOP = set(
    """in at on for with from to by into onto across between among amongst per than as over under
    about after before during since until within without via through throughout against towards
    is are was were be been being has have had will would can could should may might must do does
    did shall the a an this that these those which who whom whose what it its their our we they he
    she i you his her them us my your not also already still only now just while but if so when
    where there here percent per cent both each every all no nor yet then thus""".split()
)
IRREGULAR = set(
    """people children personnel staff youth police cattle livestock media data men women
    teachers alumni""".split()
)
NOT_PLURAL = set(
    """this thus its his has was does is us as always perhaps towards afterwards besides various
    numerous previous famous serious business news series species gas bus plus lens bonus campus
    status virus consensus census analysis basis crisis thesis emphasis process progress success
    access address congress express less unless across whereas tennis axis oasis""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'\-]*|\d[\d,.\u00a0\u202f ]*\d|\d|[^\sA-Za-z\d]")


def is_plural(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR:
        return True
    if w in NOT_PLURAL or "’" in w or "'" in w or len(w) < 4:
        return False
    return w.endswith("s") and not w.endswith(("ss", "us", "ous"))


def unit_name(word: str) -> str:
    """Keep a proper noun's capital ('Kazakhstanis'); lower-case a common noun."""
    return word if word[:1].isupper() and word[1:2].islower() else word.lower()


def counted_noun(text: str, pos: int, *, window: int = 7) -> tuple[str, int] | None:
    """(unit, end) of the noun counted by a number ending at pos, or None."""
    tokens = [(m.group(), m.end()) for m in _TOKEN.finditer(text, pos, min(len(text), pos + 160))]
    words = 0
    i = 0
    if tokens and tokens[0][0].lower() == "of":
        if len(tokens) > 1 and tokens[1][0].lower() in {
            "them",
            "which",
            "these",
            "those",
            "whom",
            "us",
        }:
            return ANTECEDENT, tokens[1][1]
        i = 1
        while i < len(tokens) and tokens[i][0].lower() in {
            "the",
            "our",
            "all",
            "its",
            "their",
            "these",
            "those",
            "your",
            "my",
        }:
            i += 1
    while i < len(tokens) and words < window:
        tok, end = tokens[i]
        low = tok.lower()
        if tok[0].isdigit():
            i += 1
            continue
        if tok == ",":
            nxt = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
            if (
                not nxt[:1].isalpha()
                or nxt in STOP
                or nxt in {"and", "or", "which", "while", "including"}
            ):
                return None
            i += 1
            continue
        if not tok[0].isalpha() or low in STOP:
            return None
        if is_plural(tok):
            return unit_name(tok), end
        words += 1
        i += 1
    return None


PARTIES = {"countries", "states", "nations", "sides", "parties", "peoples"}


def noun_before(text: str, start: int, lo: int) -> str | None:
    """The noun a bare number measures, from text[lo:start]: 'the number of X', else the nearest
    plural noun ('our pool of joint projects has been expanded to 143' → 'projects') other than the
    parties ('between the two countries')."""
    for m in reversed(
        list(re.finditer(r"\bnumber\s+of((?:\s+[A-Za-z’'\-]+){1,4})", text[lo:start], re.I))
    ):
        plural = [w for w in m[1].split() if is_plural(w) and w.lower() not in STOP]
        if plural:
            return unit_name(plural[0])
    for m in reversed(list(re.finditer(r"[A-Za-z][A-Za-z’'\-]*", text[lo:start]))):
        if m.group().lower() not in STOP | PARTIES and is_plural(m.group()):
            return unit_name(m.group())
    return None
