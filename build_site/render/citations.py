"""How to cite an event: a formatted reference, CSL-JSON (reference managers: Zotero, Mendeley,
pandoc) and BibTeX, for every event; `downloads/citations.json` and `downloads/citations.bib`.

Pure: the corpus and settings in, text out. The build reads no clock (the same seeds give the
same bytes, whenever built), so `accessed` / `urldate` is the date of the newest event: the state
of the archive the file describes. The event page's Cite menu shows the reader's own date instead
(docs_src/assets/archive.js).

    >>> bibtex_escape("50% of R&D_costs {sic}")
    '50\\\\% of R\\\\&D\\\\_costs \\\\{sic\\\\}'
    >>> split_name("Kassym-Jomart Tokayev")
    {'family': 'Tokayev', 'given': 'Kassym-Jomart'}
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable

from build_site.config import Config
from build_site.model import Corpus, Event, Person
from build_site.render.paths import DOC_TYPES, long_date

ARCHIVE_NAME = "Russia–Kazakhstan Speech Archive"
#: Licence of what the archive adds (cleaning, anchors, annotations, figures); texts stay their
#: publishers' (the mkdocs.yml copyright line says the same).
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_NOTE = (
    "Texts © their publishers, quoted for research and reference. The archive's cleaning, "
    f"anchors and annotations (speakers, mentions, figures, indicators) are licensed under {LICENCE_NAME}."
)
CSL_TYPES = {
    "transcript": "speech",
    "interview": "interview",
    "news": "article-newspaper",
    "article": "article-newspaper",
}


def event_url(config: Config, event: Event, anchor: str | None = None) -> str:
    return config.public_url + event.url + (f"#{anchor}" if anchor else "")


def csl_type(event: Event) -> str:
    """'speech' for a transcript, 'interview' for an interview, else 'article-newspaper'."""
    return CSL_TYPES.get(event.doc_type, "article-newspaper")


def authors(event: Event) -> list[str]:
    """Person ids credited with the event: its speakers, else the article's author."""
    return list(event.speakers) or ([event.author] if event.author else [])


def split_name(name: str) -> dict[str, str]:
    """'Vladimir Putin' → family 'Putin', given 'Vladimir' (names in persons.yml are given-first)."""
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": name}


def _person_name(person: Person | None, pid: str) -> dict[str, str]:
    if person is None:
        return {"literal": pid}
    return split_name(person.name) if person.curated else {"literal": person.name}


def accessed(corpus: Corpus) -> dt.date:
    """The state of the archive the entries describe: its newest event's date (never a clock)."""
    return corpus.latest_date or dt.date(1970, 1, 1)


def _date_parts(d: dt.date) -> dict:
    return {"date-parts": [[d.year, d.month, d.day]]}


def _note(event: Event) -> str:
    parts = [DOC_TYPES.get(event.doc_type, event.doc_type)]
    if event.place:
        parts.append(event.place)
    if event.translation:
        parts.append(f"Translation: {event.translation}")
    parts.append(f"In: {ARCHIVE_NAME}")
    return ". ".join(parts)


def csl_item(corpus: Corpus, config: Config, event: Event, when: dt.date) -> dict:
    item = {
        "id": event.id,
        "type": csl_type(event),
        "title": event.title,
        "author": [_person_name(corpus.persons.get(p), p) for p in authors(event)],
        "issued": _date_parts(event.date) if event.date else {"literal": "n.d."},
        "publisher": event.publisher or ARCHIVE_NAME,
        "container-title": ARCHIVE_NAME,
        "event-place": event.place,
        "genre": DOC_TYPES.get(event.doc_type, event.doc_type),
        "URL": event_url(config, event),
        "accessed": _date_parts(when),
        "source": event.source_url,
        "note": _note(event),
        "license": LICENCE_URL,
    }
    return {k: v for k, v in item.items() if v}


def csl_entry(corpus: Corpus, config: Config, event: Event) -> str:
    """One event's line of citations.json."""
    return json.dumps(csl_item(corpus, config, event, accessed(corpus)), ensure_ascii=False)


def csl_json(corpus: Corpus, config: Config, entry: Callable[[Event], str] | None = None) -> str:
    """Every event's CSL-JSON item; `entry` may give an event's line from a cache."""
    make = entry or (lambda e: csl_entry(corpus, config, e))
    items = (make(e) for e in _ordered(corpus))
    return "[\n" + ",\n".join(items) + "\n]\n"  # one entry a line: diffs stay readable


# --- BibTeX -------------------------------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIB_RE = re.compile("|".join(re.escape(c) for c in _BIB_SPECIAL))


def bibtex_escape(text: str) -> str:
    """TeX's special characters escaped; UTF-8 kept (biber and modern BibTeX read it)."""
    return _BIB_RE.sub(lambda m: _BIB_SPECIAL[m.group()], text)


def _bib_url(url: str) -> str:
    """URLs stay verbatim for \\url; only what would end the field or start a comment is escaped."""
    return url.replace("{", "%7B").replace("}", "%7D").replace("%", r"\%").replace("#", r"\#")


def _bib_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return "{" + bibtex_escape(name["literal"]) + "}"
    return f"{bibtex_escape(name['family'])}, {bibtex_escape(name['given'])}"


def bibtex_entry(corpus: Corpus, config: Config, event: Event, when: dt.date) -> str:
    item = csl_item(corpus, config, event, when)
    fields = [
        ("author", " and ".join(_bib_name(n) for n in item.get("author", []))),
        ("title", "{" + bibtex_escape(event.title) + "}"),  # double braces keep its capitals
        ("howpublished", bibtex_escape(item["publisher"])),
        ("address", bibtex_escape(event.place or "")),
        ("year", str(event.date.year) if event.date else "n.d."),
        ("month", str(event.date.month) if event.date else ""),
        ("date", event.date.isoformat() if event.date else ""),
        ("url", _bib_url(item["URL"])),
        ("urldate", when.isoformat()),
        (
            "note",
            bibtex_escape(
                _note(event) + (f". Original: {event.source_url}" if event.source_url else "")
            ),
        ),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    return f"@misc{{{event.id},\n{body}\n}}\n"


def bibtex(corpus: Corpus, config: Config, entry: Callable[[Event], str] | None = None) -> str:
    """Every event's BibTeX entry; `entry` may give an event's entry from a cache."""
    when = accessed(corpus)
    make = entry or (lambda e: bibtex_entry(corpus, config, e, when))
    head = (
        f"% {ARCHIVE_NAME}: one entry per event. {LICENCE_NOTE}\n"
        f"% urldate: the state of the archive these entries describe; use the day you read it.\n\n"
    )
    return head + "\n".join(make(e) for e in _ordered(corpus))


# --- formatted reference ----------------------------------------------------------------------


def reference(
    corpus: Corpus,
    config: Config,
    event: Event,
    anchor: str | None = None,
    speaker: str | None = None,
) -> str:
    """'Vladimir Putin, Kassym-Jomart Tokayev. “Title.” Kremlin, 9 November 2023. <url#anchor>'
    (plain text): of the event, or of one speech or paragraph (`anchor`, said by `speaker`)."""
    who = [speaker] if speaker else authors(event)
    names = ", ".join(corpus.persons[p].name if p in corpus.persons else p for p in who)
    source = ", ".join(x for x in (event.publisher, long_date(event)) if x)
    return f"{names + '. ' if names else ''}“{event.title}.” {source}. <{event_url(config, event, anchor)}>"


def _ordered(corpus: Corpus) -> list[Event]:
    return sorted(corpus.events, key=lambda e: (e.sort_date, e.id))


def event_citations(corpus: Corpus, config: Config, event: Event) -> dict[str, str]:
    """What the event page's Cite menu shows: the event's BibTeX and CSL-JSON entries."""
    when = accessed(corpus)
    return {
        "bibtex": bibtex_entry(corpus, config, event, when).rstrip("\n"),
        "csl": "{\n"
        + ",\n".join(
            f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in csl_item(corpus, config, event, when).items()
        )
        + "\n}",
        "authors": ", ".join(
            corpus.persons[p].name if p in corpus.persons else p for p in authors(event)
        ),
    }
