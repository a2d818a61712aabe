"""What a figure is about: its scope (the countries, or the bloc) and whether it is a part of a whole.

A scope is a sorted tuple of ISO 3166-1 alpha-2 codes (``("KZ", "RU")`` for Russia–Kazakhstan) or
a bloc alone (``("EAEU",)``). It is read from the words, never from the number:

1. the figure's sentence: two or more countries named there ("trade between Russia and Belarus",
   "Russia's trade with Kazakhstan", "Uzbek-Kyrgyz trade") are the scope; a bloc named with at
   most one country is the bloc ("trade within the EAEU"); one country named takes its partner
   from the wider context ("trade with Belarus", "Russian investment"), unless the sentence is
   about the country's own affairs ("Kazakhstan's grain harvest", "voters", "GDP", "foreign
   trade"): then it is that country alone;
2. else the sentences before it in the paragraph, nearest first, by the same rule;
3. else the event: the countries its title and lead name, then its speakers' countries (from
   their roles: "President of Russia"), then the countries its whole text names most.

More than one partner candidate, or none at all, leaves the scope unknown (None): such a figure
is never compared with anything. Countries are named by name, adjective or demonym, capital
("Moscow and Minsk") or a group ("the Union State" = Russia and Belarus, "Central Asia" = its five
states).

A *part* is a piece of a whole that must never be compared with the whole: border regions,
interregional or cross-border trade, one region, rail only ("via railways"), one sector or
product ("agricultural trade"), supplies to the regions, one direction of trade ("exports to
Uzbekistan": a part of the turnover). Indicators that measure a part say so
(``part: true`` in indicators.yml); the others never take a part.

    >>> scope_in("Trade between Russia and Belarus reached $46.5 billion.")
    ('BY', 'RU')
    >>> scope_in("Kazakh-Uzbek trade grew by 30%."), scope_in("Trade within the EAEU grew.")
    (('KZ', 'UZ'), ('EAEU',))
    >>> is_part("trade between the border regions alone reached $5 billion")
    True
    >>> scope_label(("KZ", "RU")), scope_slug(("BY", "RU")), parse_scope("RU-KZ")
    ('Russia and Kazakhstan', 'by-ru', ('KZ', 'RU'))
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from build_site.extract.clauses import clause_at, sentences
from build_site.extract.wordmatch import whole_words

#: code: (name, words naming it: name, adjective, demonym, capital, official names)
COUNTRIES: dict[str, tuple[str, str]] = {
    "RU": ("Russia", r"Russia|Russian Federation|Russians?|Moscow|Kremlin"),
    "KZ": (
        "Kazakhstan",
        r"Kazakhstan|Qazaqstan|Kazakhstani|Kazakhstanis|Kazakhs?|Qazaq|Astana|Nur-Sultan|Akorda",
    ),
    "BY": ("Belarus", r"Belarus|Byelorussia|Belarusian|Belarussian|Belarusians|Minsk"),
    "UZ": ("Uzbekistan", r"Uzbekistan|Uzbeks?|Tashkent"),
    "KG": ("Kyrgyzstan", r"Kyrgyzstan|Kyrgyz Republic|Kyrgyz|Kirghizia|Kirgiz|Bishkek"),
    "TJ": ("Tajikistan", r"Tajikistan|Tajiks?|Dushanbe"),
    "TM": ("Turkmenistan", r"Turkmenistan|Turkmens?|Ashgabat"),
    "AM": ("Armenia", r"Armenia|Armenians?|Yerevan"),
    "AZ": ("Azerbaijan", r"Azerbaijan|Azerbaijanis?|Azeris?|Baku"),
    "GE": ("Georgia", r"Georgia|Georgians?|Tbilisi"),
    "MD": ("Moldova", r"Moldova|Moldovans?|Chisinau"),
    "UA": ("Ukraine", r"Ukraine|Ukrainians?|Kyiv|Kiev"),
    "CN": ("China", r"China|Chinese|Beijing|PRC"),
    "MN": ("Mongolia", r"Mongolia|Mongolians?|Ulaanbaatar"),
    "IR": ("Iran", r"Iran|Iranians?|Tehran"),
    "TR": ("Türkiye", r"Turkey|Türkiye|Turkish|Ankara"),
    "IN": ("India", r"India|Indians?|New Delhi"),
    "US": (
        "the United States",
        r"United States|USA|U\.S\.(?!\s*dollars)|Americans?(?!\s+dollars)|Washington",
    ),
    "DE": ("Germany", r"Germany|Germans?|Berlin"),
}
CENTRAL_ASIA = ("KG", "KZ", "TJ", "TM", "UZ")
#: bloc: (name, words); groups of countries named as one are in GROUPS
BLOCS: dict[str, tuple[str, str]] = {
    "EAEU": ("the Eurasian Economic Union", r"EAEU|EAEC|EEU|Eurasian Economic (?:Union|Community)"),
    "CIS": ("the CIS", r"CIS|Commonwealth of Independent States"),
    "CSTO": ("the CSTO", r"CSTO|Collective Security Treaty Organi[sz]ation"),
    "SCO": ("the SCO", r"SCO|Shanghai Cooperation Organi[sz]ation"),
    "EU": ("the European Union", r"EU|European Union"),
    "NATO": ("NATO", r"NATO|North Atlantic Alliance"),
    "BRICS": ("BRICS", r"BRICS"),
}
GROUPS: list[tuple[str, tuple[str, ...]]] = [
    (r"Union State", ("BY", "RU")),
    (r"Central Asian? (?:states|countries|nations|republics|region)|Central Asia", CENTRAL_ASIA),
]
Scope = tuple[str, ...]
#: characters either side of a figure read for a part or a home-affairs clause
WINDOW = 300
#: the words right after a figure that still say what it measures
TAIL = re.compile(r"[^,;:.!?]*?(?=\s+(?:and|while|but|which|as|for|thanks|due)\b|[,;:.!?]|$)")
#: where one statement of a sentence ends and another begins
CLAUSE_BREAK = re.compile(
    r";|,?\s+(?:while|whereas)\b|,\s+(?:and|but)\s+(?=\w+\s+(?:trade|exports|imports))", re.I
)
#: sentences of the paragraph looked back at, at most, for what a figure is about
MAX_BACK = 20
#: display order: Russia first, then Kazakhstan, then the rest by name
_ORDER = {"RU": 0, "KZ": 1}


_CASED = {"CIS", "SCO", "EU", "EEU", "PRC", "USA"}


@cache
def _lexicon() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    out: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
    for code, (_, words) in COUNTRIES.items():
        out.append((re.compile(whole_words(words), re.IGNORECASE), (code,)))
    for bloc, (_, words) in BLOCS.items():
        out.append(
            (re.compile(whole_words(words, ignorecase=False)), (bloc,))
        )  # case-sensitive: 'eu', 'cis' are not blocs
    for words, codes in GROUPS:
        out.append((re.compile(whole_words(words), re.IGNORECASE), codes))
    return out


#: words saying the figure is about one country's own affairs (else one country named seeks a partner)
DOMESTIC = re.compile(
    r"\b(?:harvest\w*|population|inhabitants|residents|voters?|votes|turnout|elect\w+|referendum|GDP"
    r"|unemployment|inflation|produc(?:tion|ed|ers?)\b|output|domestic|internal|debt|reserves|army|troops"
    r"|soldiers)\b",
    re.IGNORECASE,
)
#: a part of a whole: border regions, one region, interregional, rail only, one sector or product
PART = re.compile(
    r"\b(?:border(?:ing)?|frontier)\s+(?:regions|areas|territories|oblasts)"
    r"|\binter-?regional\b|\bcross-border\b|\b(?:between|to|from)\s+(?:the\s+)?(?:\w+\s+)?regions\b"
    r"|\bregional\s+trade|\b(?:via|by|through)\s+rail\w*|\brail\s+(?:trade|freight|transport)"
    r"|\bagricultur\w*|\bagro-?\w*|\bfood\b|\bgrain\b|\bwheat\b|\bnon-(?:oil|primary|commodity)\b"
    r"|\b(?:exports?|imports?|supplies|deliveries|shipments)\b(?!\s+and\s+(?:exports|imports))",
    re.IGNORECASE,
)


def parse_scope(text: str) -> tuple[str, ...] | None:
    """'RU-KZ', 'KZ–RU', 'EAEU', ['RU', 'KZ'] → canonical scope; None if a code is unknown."""
    parts = (
        text if isinstance(text, (list, tuple)) else re.split(r"\s*[-–,+ ]\s*", str(text).strip())
    )
    codes = [str(p).strip().upper() for p in parts if str(p).strip()]
    if not codes or any(c not in COUNTRIES and c not in BLOCS for c in codes):
        return None
    if any(c in BLOCS for c in codes) and len(codes) > 1:
        return None
    return tuple(sorted(set(codes)))


def scope_slug(scope: Sequence[str]) -> str:
    return "-".join(c.lower() for c in sorted(scope))


def _name(code: str) -> str:
    return COUNTRIES[code][0] if code in COUNTRIES else BLOCS[code][0] if code in BLOCS else code


def _ordered(scope: Sequence[str]) -> list[str]:
    return sorted(scope, key=lambda c: (_ORDER.get(c, 9), _name(c).removeprefix("the ")))


def scope_label(scope: Sequence[str] | None) -> str:
    """'Russia and Kazakhstan', 'Russia, Kyrgyzstan and Tajikistan', 'the Eurasian Economic Union'."""
    if not scope:
        return "scope not stated"
    names = [_name(c) for c in _ordered(scope)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def scope_short(scope: Sequence[str]) -> str:
    """'Russia–Kazakhstan' (for indicator names)."""
    if set(scope) >= set(CENTRAL_ASIA) and len(scope) == 6:
        return "Russia–Central Asia"
    return "–".join(_name(c).removeprefix("the ") for c in _ordered(scope))


def named(text: str, lo: int = 0, hi: int | None = None) -> list[str]:
    """Countries and blocs named in text[lo:hi], in order of first mention (groups expanded)."""
    hi = len(text) if hi is None else hi
    hits: list[tuple[int, tuple[str, ...]]] = []
    window = text[lo:hi]
    for rx, codes in _lexicon():
        for m in rx.finditer(window):
            hits.append((m.start(), codes))
    seen: dict[str, None] = {}
    for _, codes in sorted(hits):
        for c in codes:
            seen.setdefault(c)
    explicit = [c for c in seen if any(cs == (c,) for _, cs in hits)]
    if len([c for c in explicit if c in COUNTRIES]) >= 2:
        return explicit  # 'Kazakhstan and Uzbekistan ... in Central Asia': the group is a place
    return list(seen)


def main_countries(texts: Iterable[str]) -> list[str]:
    """The countries a whole text is about: those named at least a third as often as the most
    named one (by name, adjective or capital), most named first; blocs and groups left out."""
    counts: dict[str, int] = {}
    for text in texts:
        for rx, codes in _lexicon():
            if len(codes) == 1 and codes[0] in COUNTRIES:
                n = len(rx.findall(text))
                if n:
                    counts[codes[0]] = counts.get(codes[0], 0) + n
    if not counts:
        return []
    top = max(counts.values())
    return sorted((c for c, n in counts.items() if 3 * n >= top), key=lambda c: (-counts[c], c))


def _decide(
    codes: list[str], exchange: bool, wider: _Levels, after: int
) -> Scope | None | Literal[False]:
    """Scope from the codes named at one level; False when this level names nothing. `wider`
    from index `after` on are the levels a partner is looked for in."""
    blocs = [c for c in codes if c in BLOCS]
    countries = [c for c in codes if c in COUNTRIES]
    if blocs and len(countries) <= 1:
        return (blocs[0],) if len(blocs) == 1 else None
    if len(countries) >= 2:
        return tuple(sorted(countries))
    if len(countries) == 1:
        if not exchange:
            return (countries[0],)
        for n in range(
            after, len(wider)
        ):  # the partner: the nearest level naming exactly one other
            others = [c for c in wider[n] if c in COUNTRIES and c != countries[0]]
            if len(others) == 1:
                return tuple(sorted((countries[0], others[0])))
            if others:
                return None
        return (countries[0],)
    return False


class _Levels:
    """The sentences before the figure's that name something, nearest first (at most MAX_BACK),
    then the event's levels: read lazily from tables made once per paragraph (a scan per figure
    would be quadratic in a long paragraph)."""

    def __init__(self, table: _Table, k: int, event: list[list[str]]):
        pos = bisect_left(table.named, k)
        self.before = table.named[max(0, pos - MAX_BACK) : pos][::-1]
        self.codes, self.event, self.para = table.codes, event, len(self.before)

    def __len__(self) -> int:
        return self.para + len(self.event)

    def __getitem__(self, n: int) -> list[str]:
        return self.codes[self.before[n]] if n < self.para else self.event[n - self.para]


@dataclass(frozen=True)
class _Table:
    spans: tuple[tuple[int, int], ...]
    codes: tuple[list[str], ...]
    """What each sentence names."""
    domestic: tuple[bool, ...]
    """Whether each sentence is about a country's own affairs."""
    named: list[int]
    """Indices of the sentences naming something."""


@lru_cache(maxsize=16)
def _sentence_table(text: str) -> _Table:
    spans = sentences(text) or ((0, len(text)),)
    codes = tuple(named(text, a, b) for a, b in spans)
    return _Table(
        spans,
        codes,
        tuple(bool(DOMESTIC.search(text, a, b)) for a, b in spans),
        [i for i, c in enumerate(codes) if c],
    )


def scope_of(
    text: str,
    start: int,
    event_codes: Sequence[str] = (),
    participants: Sequence[str] = (),
    main: Sequence[str] = (),
) -> tuple[str, ...] | None:
    """Scope of the figure at text[start:] (see module docstring); None when unsure."""
    return scope_and_level(text, start, event_codes, participants, main)[0]


def scope_and_level(
    text: str,
    start: int,
    event_codes: Sequence[str] = (),
    participants: Sequence[str] = (),
    main: Sequence[str] = (),
) -> tuple[Scope | None, int]:
    """(scope, level it was read at): 0 the sentence, 1 the paragraph, 2 the event (its title and
    lead, then its speakers' countries, then the countries its whole text names most)."""
    table = _sentence_table(text)
    k = max(0, bisect_right(table.spans, (start, float("inf"))) - 1)
    ss, se = table.spans[k]
    wider = _Levels(table, k, [list(event_codes), list(participants), list(main)])
    exchange = not table.domestic[k]
    if not exchange:  # 'Kazakhstan and Russia ... Kazakhstan's grain production of 27 million tons'
        lo, hi = max(ss, start - WINDOW), min(se, start + WINDOW)
        lo += max([0] + [m.end() for m in re.finditer(r"[,;:]", text[lo:start])])
        hi = min([hi] + [start + m.start() for m in re.finditer(r"[,;:]", text[start:hi])])
        clause = [c for c in named(text, lo, hi) if c in COUNTRIES]
        if len(clause) == 1:
            return (clause[0],), 0
    found = _in_clause(text, start, ss, se, table.codes[k], exchange)
    if found is False:
        found = _decide(table.codes[k], exchange, wider, 0)
    if found is not False:
        return found, 0
    for n in range(len(wider)):
        found = _decide(wider[n], exchange or n >= wider.para, wider, n + 1)
        if found is not False:
            return found, 1 if n < wider.para else 2
    return None, 2


def _in_clause(
    text: str, start: int, ss: int, se: int, sentence: list[str], exchange: bool
) -> Scope | None | Literal[False]:
    """A sentence of two statements ('Trade between Kazakhstan and Russia reached $28 billion,
    while trade with China exceeded $31 billion'): the figure's own clause first; False when it
    does not decide."""
    lo = max([ss] + [m.end() for m in CLAUSE_BREAK.finditer(text, max(ss, start - WINDOW), start)])
    cut = CLAUSE_BREAK.search(text, start, min(se, start + WINDOW))
    hi = cut.start() if cut else se
    if (lo, hi) == (ss, se):
        return False
    own = [c for c in named(text, lo, hi) if c in COUNTRIES]
    if len(own) >= 2:
        return tuple(sorted(own))
    if len(own) == 1 and exchange:
        others = [c for c in sentence if c in COUNTRIES and c != own[0]]
        return tuple(sorted((own[0], others[0]))) if len(others) == 1 else None if others else False
    return False


def scope_in(sentence: str) -> tuple[str, ...] | None:
    return scope_of(sentence, 0)


def event_codes(title: str, lead: Iterable[str]) -> list[str]:
    """Countries and blocs the event's title and lead name."""
    seen: dict[str, None] = {}
    for text in (title, *lead):
        for c in named(text or ""):
            seen.setdefault(c)
    return list(seen)


def role_countries(roles: Iterable[str]) -> list[str]:
    """'President of Russia' → ['RU'] (the first country a role names)."""
    for role in roles:
        codes = [c for c in named(role) if c in COUNTRIES]
        if codes:
            return codes[:1]
    return []


def is_part(text: str, lo: int = 0, hi: int | None = None) -> bool:
    return bool(PART.search(text, lo, len(text) if hi is None else hi))


def part_at(text: str, start: int, end: int | None = None) -> bool:
    """Whether the figure at text[start:end] is a part of a whole, read from its clause up to it
    (what is measured: 'exports to Uzbekistan reached') and the words right after it, up to the
    next comma or 'and' ('$5 billion in the border regions alone'); a cause told later in the
    clause ('grew by 30 percent, mostly thanks to agricultural supplies') is not what is measured."""
    end = start if end is None else end
    lo, hi = clause_at(text, start)
    tail = TAIL.match(text, end, min(hi, end + WINDOW))
    return is_part(text, max(lo, start - WINDOW), start) or bool(tail and is_part(tail[0]))
