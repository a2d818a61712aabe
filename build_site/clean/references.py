"""References to persons in news text: names, surnames, titles ("the Kazakh leader", "the head of
state", "Uzbekistan President") and pronouns, resolved to the person the text named.

A title is resolved with the title grammar (data/titles.yml) and the persons' roles: "the
Belarusian leader" is the one person the text named whose role is a head of state or government
of Belarus; "the President" or "he" is the person the text last made the subject of a sentence
(its focus) when that fits, else the only person named who fits; otherwise nobody.

>>> from build_site.model import Person
>>> idx = SpeakerIndex({"vladimir-putin": Person("vladimir-putin", "Vladimir Putin",
...     roles=("President of Russia",))})
>>> person_facts(idx, "vladimir-putin")
({'Russia'}, {'president'})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from slugify import slugify

from build_site.clean.speakers import SpeakerIndex, split_title, title_grammar

SAY_WORDS = (
    "said|says|say|stated|states|noted|notes|added|adds|stressed|emphasi[sz]ed|emphasi[sz]es|"
    "underlined|underscored|highlighted|remarked|told|explained|pointed out|continued|concluded|"
    "expressed|believes|recalled|wrote|writes|asked|answered|replied|declared|announced|assured|"
    "observed|commented|insisted|urged|warned|admitted|acknowledged|suggested|reiterated|"
    "summed up|went on|reads|read|according|saying|adding|noting|stressing|emphasi[sz]ing|"
    "recalling|calling|reassured|confirmed|promised|proposed|argued|claimed|praised|described"
)
SAY = re.compile(rf"\b(?:{SAY_WORDS})\b")
FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me|ours|I’m|I'm|we’re|we're)\b")
NON_PERSON = re.compile(
    r"\b(?:press (?:service|office)|statement|communiqué|report|reports|the ministry|"
    r"the kremlin|the agency|the office|they|They|the source|sources|the document|experts?)\b",
    re.I,
)
DOCUMENT = re.compile(r"\b(?:telegram|message|letter|greetings?|congratulations?|address)\b", re.I)
_SENT = re.compile(r"\b(?:sent|sends|addressed|wrote)\b")
_PRONOUN = re.compile(r"\b(?:he|she|He|She|him|her)\b")
OPENERS = '“«„"'
_NOT_VERB = {
    "and", "or", "of", "in", "at", "on", "with", "to", "for", "from", "by", "as", "the", "a",
    "an", "whose", "who", "which", "that", "than", "is", "was", "are", "were",
}  # fmt: skip
_CLAUSE_END = re.compile(r"[.!?…](?=\s|$)|[;:]")


@lru_cache(maxsize=1)
def _role_descriptor() -> re.Pattern:
    """'the trade representative': lower-case words of a title ending with an office noun
    (data/titles.yml office_nouns); 'the Russian ambassador' is a title (see _grammar)."""
    nouns = "|".join(sorted(title_grammar()["office_nouns"], key=len, reverse=True))
    return re.compile(rf"\b[Tt]he\s+(?P<words>(?:[a-z]+\s+){{0,2}}(?:{nouns}))\b")


@dataclass
class Ref:
    start: int
    end: int
    kind: str  # "name" | "title" | "role" | "pronoun"
    pid: str | None = None
    country: str | None = None
    office: str | None = None


@dataclass
class Doc:
    """What the text has said so far: who was named, who is the subject, who sent a message."""

    index: SpeakerIndex
    named: dict[str, None] = field(default_factory=dict)
    """Persons named so far, the most recent last."""
    all_named: list[str] = field(default_factory=list)
    focus: str | None = None
    sender: str | None = None
    surnames: dict[str, str] | None = None
    surnames_re: re.Pattern | None = None
    unknown: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Persons the vocabulary lacks, named with their title in the text: id → (name, role)."""

    def name(self, pid: str) -> None:
        """Remember that the text named ``pid`` (now the most recent)."""
        self.named.pop(pid, None)
        self.named[pid] = None


# --- the title grammar, compiled ---------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])[.!?…](?=\s|$)")


@lru_cache(maxsize=1)
def _grammar() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    """(descriptor pattern, country form → country, office form → office id). An office form
    with "{country}" in it ("head of the {country} government") takes the country inside."""
    g = title_grammar()
    country_of = {f: c for c, forms in g["countries"].items() for f in forms}
    office_of = {f: o for o, forms in g["offices"].items() for f in forms if "{country}" not in f}
    for f in ("leader", "Leader"):
        office_of[f] = "leader"
    alt = lambda forms: "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))  # noqa: E731
    nat, office = alt(country_of), alt(office_of)
    inner = "|".join(
        re.escape(f).replace(re.escape("{country}"), f"(?P<nat3_{i}>{nat})")
        for i, f in enumerate(_country_forms())
    )
    pattern = re.compile(
        rf"(?:\b(?P<the>[Tt]he)\s+(?:[a-z]+\s+){{0,2}})?"
        rf"(?:\b(?P<nat>{nat})(?:['’]s)?\s+)?\b(?P<office>{office}|(?i:head of state))\b"
        rf"(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<nat2>{nat})\b)?"
        + (rf"|\b(?P<inner>[Tt]he\s+(?:{inner}))\b" if inner else "")
    )
    return pattern, country_of, office_of


@lru_cache(maxsize=1)
def _country_forms() -> tuple[str, ...]:
    """Office forms that hold the country inside ("head of the {country} government")."""
    return tuple(
        f for forms in title_grammar()["offices"].values() for f in forms if "{country}" in f
    )


def _inner_office(m: re.Match) -> tuple[str | None, str]:
    """(country form, office id) of a descriptor matched by an office form with the country in it."""
    offices = {f: o for o, forms in title_grammar()["offices"].items() for f in forms}
    for i, form in enumerate(_country_forms()):
        if m[f"nat3_{i}"]:
            return m[f"nat3_{i}"], offices[form]
    return None, "president"


def person_facts(index: SpeakerIndex, pid: str) -> tuple[set[str], set[str]]:
    """(countries, offices) of a known person, read from their roles: 'President of Belarus' →
    ({'Belarus'}, {'president'}); an office counts only where the role starts with it."""
    cache = index.__dict__.setdefault("_facts", {})
    if pid not in cache:
        _, country_of, office_of = _grammar()
        countries: set[str] = set()
        offices: set[str] = set()
        person = index.persons.get(pid)
        for role in person.roles if person else ():
            for form, country in country_of.items():
                if re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", role):
                    countries.add(country)
            for form, office in office_of.items():
                if office != "leader" and role.lower().startswith(form.lower()):
                    offices.add(office)
        cache[pid] = (countries, offices)
    return cache[pid]


# --- references to persons ----------------------------------------------------------------------


_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_TITLE_WORD = r"(?:[A-Z][\w’'.-]*|of|the|at|and|for|on|&)"
_UNKNOWN = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}),\s+"
    rf"(?P<role>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,14}})(?=\s*[,.;:]|\s+[a-z])"
)


#: A title run before a name, as agencies print it: "Chairman of Tatarstan State Council Farid
#: Mukhametshin has said", "Trade Representative of the Russian Federation in the Republic of
#: Kazakhstan Alexander Yakovlev said"; it ends before a verb, a comma or a full stop.
_TITLED = re.compile(
    rf"(?<![\w’'-])(?P<run>[A-Z][\w’'.-]*(?:[^\S\n]+(?:{_TITLE_WORD}|in|to)){{2,20}})"
    rf"(?=[^\S\n]*[,;:.]|[^\S\n]+[a-z])"
)


def unknown_names(text: str, index: SpeakerIndex) -> list[tuple[int, int, str, str]]:
    """(start, end, name, role) of persons the vocabulary lacks, named with their title after a
    comma: "Askar Dzhaldinov, Deputy Director at the TV and Radio Complex, …", "Ian Phillips,
    AP Vice President", or before the name: "Ambassador of Russia to Kazakhstan Michael
    Bocharnikov informed". The name has no word of an office or place; the title has one.

    >>> unknown_names("Ian Phillips, AP Vice President, International News.", SpeakerIndex({}))
    [(0, 12, 'Ian Phillips', 'AP Vice President')]
    >>> unknown_names("in Central Asia, Russian President Putin said", SpeakerIndex({}))
    []
    >>> unknown_names("The Ambassador of Russia to Kazakhstan Michael Bocharnikov informed", SpeakerIndex({}))
    [(39, 58, 'Michael Bocharnikov', 'Ambassador of Russia to Kazakhstan')]
    """
    words, not_names = title_grammar()["role_words"], title_grammar()["not_names"]
    out = _titled_names(text, index)
    for m in _UNKNOWN.finditer(text):
        name, role = m["name"], m["role"]
        if any(w.lower() in words or w in not_names for w in name.split()):
            continue
        if index.find_names(name):
            continue
        if name.split()[0] in ("The", "A", "An", "In", "On", "At", "During", "According"):
            continue
        if not any(w.lower().strip(".,") in words for w in role.split()):
            continue
        out.append((m.start("name"), m.end("name"), name, role))
    return sorted(out)


def _titled_names(text: str, index: SpeakerIndex) -> list[tuple[int, int, str, str]]:
    """Unknown persons named after their title (see unknown_names)."""
    words, not_names = title_grammar()["role_words"], title_grammar()["not_names"]
    out = []
    parts = [
        (m.start("run") + p.start(), p.group())
        for m in _TITLED.finditer(text)
        for p in re.finditer(r"(?:^|(?<=\sand\s))\S.*?(?=\s+and\s|$)", m["run"])  # "X and Y"
    ]
    for begin, run in parts:
        tokens = run.split()
        while tokens and tokens[0] in ("The", "A", "An"):
            tokens = tokens[1:]
        role, name = split_title(tokens)
        if not 2 <= len(name) <= 3 or not role or not role[0][:1].isupper():
            continue
        if any(not re.fullmatch(_NAME_WORD, w) or w in not_names for w in name):
            continue
        if not any(w.lower() in words for w in role) or index.find_names(" ".join(name)):
            continue
        at = re.search(r"\s+".join(map(re.escape, name)) + "$", run)
        if not at:
            continue
        out.append((begin + at.start(), begin + at.end(), " ".join(name), " ".join(role)))
    return out


def refs_in(text: str, lo: int, hi: int, doc: Doc) -> list[Ref]:
    """Names, surnames of persons the text names, descriptors and pronouns in text[lo:hi]."""
    seg = text[lo:hi]
    refs = [Ref(lo + s, lo + e, "name", pid) for s, e, pid, _ in doc.index.find_names(seg)]
    if doc.surnames is not None and doc.surnames_re is not None:
        refs += [
            Ref(lo + m.start(), lo + m.end(), "name", doc.surnames[m.group()])
            for m in doc.surnames_re.finditer(seg)
        ]
    pattern, country_of, office_of = _grammar()
    for m in pattern.finditer(seg):
        if m["inner"]:  # "the head of the Russian government"
            form, office_id = _inner_office(m)
            refs.append(
                Ref(
                    lo + m.start(),
                    lo + m.end(),
                    "title",
                    None,
                    country_of.get(form or ""),
                    office_id,
                )
            )
            continue
        nat = m["nat"] or m["nat2"]
        if m["the"] or nat:
            refs.append(
                Ref(lo + m.start(), lo + m.end(), "title", None, country_of.get(nat or ""),
                     office_of.get(m["office"], "president"))
            )  # fmt: skip
    g = title_grammar()
    for m in _role_descriptor().finditer(seg):  # "the trade representative"
        words = m["words"].split()
        if all(w in g["role_words"] for w in words):
            refs.append(Ref(lo + m.start(), lo + m.end(), "role", office=" ".join(words)))
    refs += [Ref(lo + m.start(), lo + m.end(), "pronoun") for m in _PRONOUN.finditer(seg)]
    for start, end, name, role in unknown_names(seg, doc.index):
        pid = slugify(name)
        doc.unknown.setdefault(pid, (name, role))
        refs.append(Ref(lo + start, lo + end, "name", pid))
    refs.sort(key=lambda r: (r.start, -(r.end - r.start)))
    out: list[Ref] = []
    for r in refs:
        if out and r.start < out[-1].end:
            if r.kind == "name" and out[-1].kind != "name":
                out[-1] = r
            continue
        # a title right before a name is the name's own title ("President of Russia Vladimir Putin")
        if (
            out
            and out[-1].kind == "title"
            and r.kind == "name"
            and not text[out[-1].end : r.start].strip(" ,")
        ):
            out[-1] = r
            continue
        out.append(r)
    return out


def _fits(doc: Doc, pid: str, ref: Ref) -> bool:
    countries, offices = person_facts(doc.index, pid)
    if ref.country and ref.country not in countries:
        return False
    if ref.office == "leader":
        return bool(offices & {"president", "prime-minister"})
    return ref.office in offices


def _holds(doc: Doc, pid: str, words: str) -> bool:
    """The person's title holds every word of a descriptor ('trade representative')."""
    person = doc.index.persons.get(pid)
    roles = person.roles if person else (doc.unknown[pid][1],) if pid in doc.unknown else ()
    return any(set(words.split()) <= set(role.lower().split()) for role in roles)


def resolve(ref: Ref, doc: Doc) -> str | None:
    if ref.kind == "name":
        return ref.pid
    if ref.kind == "role":
        cands = [p for p in doc.named if _holds(doc, p, ref.office or "")]
        return cands[0] if len(cands) == 1 else None
    if ref.kind == "pronoun":
        return doc.focus
    recent = list(reversed(doc.named))
    cands = [p for p in recent if _fits(doc, p, ref)]
    if ref.country:
        if len(cands) == 1:
            return cands[0]
        if len(cands) > 1:
            return doc.focus if doc.focus in cands else None
        later = [p for p in dict.fromkeys(doc.all_named) if _fits(doc, p, ref)]
        return later[0] if len(later) == 1 else None
    if doc.focus and _fits(doc, doc.focus, ref):
        return doc.focus
    return cands[0] if len(cands) == 1 else None


_APPOSITION = re.compile(r"\s*,[^,.;:“”«»\"]{1,160},")
_BY = re.compile(rf"\b(?:{SAY_WORDS})\s+by\s+(?:the\s+)?[^.,;:]{{0,60}}$")
_NEXT_WORD = re.compile(r"\s+(?:also\s+|then\s+|in\s+turn\s+)?([A-Za-z]+)")


def is_subject(text: str, ref: Ref) -> bool:
    """A reference followed by a verb ("Tokayev noted", "Putin, in turn, said")."""
    after = text[ref.end : ref.end + 300]
    if after[:2] in ("’s", "'s"):
        return False
    if _BY.search(text[max(0, ref.start - 90) : ref.start]):
        return True  # "This was stated by the President … Tokayev"
    if m := _APPOSITION.match(after):
        after = after[m.end() :]
    m = _NEXT_WORD.match(after)
    return bool(m and m.group(1)[0].islower() and m.group(1) not in _NOT_VERB)


def update_focus(text: str, lo: int, hi: int, doc: Doc) -> bool:
    """Every sentence's subject becomes the focus; every name is remembered as named. True when
    a subject was found."""
    pos, found = lo, False
    for end in [m.end() for m in SENTENCE_END.finditer(text, lo, hi)] + [hi]:
        if end <= pos:
            continue
        refs = refs_in(text, pos, end, doc)
        for r in refs:
            if r.kind == "name" and r.pid:
                doc.name(r.pid)
        for k, r in enumerate(refs):
            if is_subject(text, r):
                if k and text[refs[k - 1].end : r.start].strip() in ("and", ","):
                    doc.focus = None  # "Putin and Tokayev held talks": no one subject
                    break
                pid = resolve(r, doc)
                if pid:
                    doc.focus, found = pid, True
                    sentence = text[pos:end]
                    if _SENT.search(sentence) and DOCUMENT.search(sentence):
                        doc.sender = pid
                break
        pos = end
    return found
