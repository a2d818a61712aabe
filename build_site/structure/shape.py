"""What kind of text an event is, from its SHAPE: transcript, news, article or interview.

- speaker labels: a transcript; an interview when the labels are "Question:"/"Answer:", a
  questioner's role ("Correspondent of …:"), initials ("M.M.:"), or named people who ask the
  questions ("Aysel Gereykhanova: … ?") of one person;
- no labels, third-person narration (a dateline, "X said", quotes attributed): news;
- no labels, first person (I, we, our) and nothing attributed: an article, or the speech or
  interview the title names ("Address by the Head of State …", "Vladimir Putin's interview
  to …"), spoken by the person the title names.

The sidecar's ``doc_type`` always wins (structure.py).

>>> shape_of_unlabelled("Article by Vladimir Putin", ["I believe our nations are close. We agree."],
...     has_dateline=False, attributed=False)
'article'
>>> shape_of_unlabelled("Talks", ["The presidents held talks in Minsk."],
...     has_dateline=False, attributed=False)
'news'
"""

from __future__ import annotations

import re

from build_site.clean.quotes import quote_spans
from build_site.clean.references import FIRST_PERSON, SAY
from build_site.clean.speakers import GENERIC, Label, SpeakerIndex

DOC_TYPES = ("transcript", "news", "article", "interview")

_TITLE_KINDS = (
    (re.compile(r"\binterview\b", re.I), "interview"),
    (re.compile(r"\b(?:article|op-ed|opinion piece|column)\b", re.I), "article"),
    (
        re.compile(
            r"\b(?:address|speech|remarks|statement|message|lecture|greetings?|toast|appeal)\b",
            re.I,
        ),
        "transcript",
    ),
)
_ASKING = {"Question", "Answer"}


def first_person_share(texts: list[str]) -> float:
    """First-person words per word, outside quotation marks."""
    words = hits = 0
    for text in texts:
        spans, _ = quote_spans(text)
        outside, pos = [], 0
        for s, e in spans:
            outside.append(text[pos:s])
            pos = e
        outside.append(text[pos:])
        plain = " ".join(outside)
        words += len(plain.split())
        hits += len(FIRST_PERSON.findall(plain))
    return hits / words if words else 0.0


def third_person(texts: list[str], speakers: SpeakerIndex) -> bool:
    """The text names a known person, or people in the plural, or reports what was said."""
    text = " ".join(texts)
    return bool(
        speakers.find_names(text)
        or SAY.search(text)
        or re.search(r"\b(?:[Pp]residents|leaders|delegations|[Hh]e|[Ss]he|[Tt]hey)\b", text)
    )


def title_kind(title: str) -> str | None:
    """'interview', 'article' or 'transcript' when the title names such a text."""
    for pattern, kind in _TITLE_KINDS:
        if pattern.search(title or ""):
            return kind
    return None


def shape_of_labelled(labels: list[Label], turns: list[tuple[str | None, str]], title: str) -> str:
    """'interview' or 'transcript' for a text with speaker labels; turns are (speaker, text)."""
    if any(
        (lb.generic and lb.generic not in GENERIC.values()) or lb.generic in _ASKING or lb.initials
        for lb in labels
    ):
        return "interview"
    speakers = [s for s, _ in turns if s]
    if speakers:
        main = max(set(speakers), key=speakers.count)
        asked = [s for s, text in turns if s and s != main and text.rstrip().endswith("?")]
        if len(asked) >= 2:
            return "interview"
    if title_kind(title) == "interview":
        return "interview"
    return "transcript"


def shape_of_unlabelled(
    title: str, texts: list[str], has_dateline: bool, attributed: bool, third_person: bool = True
) -> str:
    """'news', 'article', 'transcript' or 'interview' for a text without speaker labels.

    ``third_person``: the text names people or reports what was said (not first person)."""
    if has_dateline or attributed:
        return "news"
    if first_person_share(texts) >= 0.01 or not third_person:
        return title_kind(title) or "article"
    return "news"
