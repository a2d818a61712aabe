"""Claims as data: schema.org JSON-LD for an event page: in its front matter (`jsonld:`), written
into the page's head as a `<script type="application/ld+json">` by build_site/theme/main.html.

One graph per page:

- the document (a transcript is a `CreativeWork` about an `Event`; a report a `NewsArticle`, an
  op-ed an `Article`): name, date, speakers or author as `Person`, place as `Place`, publisher,
  source (`isBasedOn`), licence;
- every person and indicator it names, once (elsewhere referred to by `@id`: their page's
  address); an indicator by its name and address only (its page carries the description);
- one `Claim` per figure: the sentence stating it (`text`), who states it (`author`), when
  (`datePublished`), where (`appearance`: the paragraph's address with its anchor), the indicator it
  states (`about`: a `StatisticalVariable` with the indicator page's address) and the value itself
  (`mentions`: a `QuantitativeValue`; `temporalCoverage`: the period it is about).

Compact, since every event page carries it (a fifth of the page's bytes before): no whitespace,
and addresses relative to the page's own canonical address, declared as the context's `@base`
(so "#tokayev-1-p6" is the paragraph and "../../persons/x/" a person's page; the canonical address,
not wherever the page is served from).

    >>> sentence_at("It grew. Trade was US$28 billion in 2024. Good.", 19)
    'Trade was US$28 billion in 2024.'
"""

from __future__ import annotations

import json
import re

from build_site.config import Config
from build_site.model import Corpus, Event, Figure, Indicator
from build_site.render.citations import ARCHIVE_NAME, LICENCE_URL, authors, event_url

DOCUMENT_TYPES = {"transcript": "CreativeWork", "news": "NewsArticle", "article": "Article"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"»)]?\s+(?=[A-Z0-9“\"«(\[])")


def sentence_at(text: str, at: int, reach: int = 600) -> str:
    """The sentence of `text` holding position `at`, looking at most `reach` characters either
    side (a paragraph may be megabytes long and hold thousands of figures)."""
    lo = max(0, at - reach)
    window = text[lo : at + reach]
    start = 0
    for m in _SENTENCE_END.finditer(window):
        if m.end() > at - lo:
            return window[start : m.start() + len(m.group().rstrip())].strip()
        start = m.end()
    return window[start:].strip()


def _site_path(event: Event, path: str) -> str:
    """A path under the site's root as an address relative to the event's page (the graph's
    `@base`): 'persons/x/' → '../../persons/x/'."""
    return "../" * event.url.count("/") + path


def _person(corpus: Corpus, event: Event, pid: str) -> dict:
    person = corpus.persons.get(pid)
    url = _site_path(event, f"persons/{pid}/")
    out: dict[str, object] = {
        "@type": "Person",
        "@id": url,
        "name": person.name if person else pid,
        "url": url,
    }
    if person and person.roles:
        out["jobTitle"] = list(person.roles)
    return out


def _figure_speakers(event: Event) -> dict[str, str | None]:
    """Paragraph anchor → who says it: the paragraph's own speaker, else its speech's."""
    out: dict[str, str | None] = {p.anchor: p.speaker for p in event.lead}
    for s in event.speeches:
        for p in s.paragraphs:
            out[p.anchor] = p.speaker or s.speaker
    return out


def _number(value: float) -> float | int:
    """31.0 → 31: a whole number without the float's '.0' (the same JSON number)."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def claim(corpus: Corpus, event: Event, f: Figure, speaker: str | None, text: str) -> dict:
    """The figure's Claim; its addresses are relative to the event's page (the graph's @base).
    The appearance is the paragraph, whose address already says which page it is part of."""
    out: dict = {
        "@type": "Claim",
        "@id": f"#{f.id}",
        "text": sentence_at(text, f.start),
        "datePublished": event.date.isoformat() if event.date else None,
        "appearance": {"@type": "CreativeWork", "url": f"#{f.paragraph}"},
        "mentions": {
            "@type": "QuantitativeValue",
            "value": _number(f.value),
            "unitText": f.unit,
            "description": f.quote,
        },
    }
    who = speaker or (authors(event)[0] if len(authors(event)) == 1 else None)
    out["author"] = (
        {"@id": _site_path(event, f"persons/{who}/")}  # a Person node of the same graph
        if who
        else {"@type": "Organization", "name": event.publisher or ARCHIVE_NAME}
    )
    if f.low is not None:
        out["mentions"]["minValue"] = _number(f.low)
    if f.high is not None:
        out["mentions"]["maxValue"] = _number(f.high)
    if f.period:
        out["temporalCoverage"] = f.period
    if f.indicator in corpus.indicators:  # a StatisticalVariable node of the same graph
        out["about"] = {"@id": _site_path(event, f"indicators/{f.indicator}/")}
    return out


def _indicator(event: Event, ind: Indicator) -> dict:
    """Name and address: the description is the indicator page's (as long as the name, or longer,
    and the same on every page that states the indicator)."""
    url = _site_path(event, f"indicators/{ind.id}/")
    return {"@type": "StatisticalVariable", "@id": url, "name": ind.name, "url": url}


def event_jsonld(corpus: Corpus, config: Config, event: Event) -> dict:
    page = event_url(config, event)
    people = [{"@id": _site_path(event, f"persons/{p}/")} for p in authors(event)]
    place = {"@type": "Place", "name": event.place} if event.place else None
    doc: dict = {
        "@type": DOCUMENT_TYPES.get(event.doc_type, "CreativeWork"),
        "@id": page,
        "url": page,
        "name": event.title,
        "headline": event.title[:110],
        "datePublished": event.date.isoformat() if event.date else None,
        "inLanguage": "en",
        "author": people,
        "publisher": {"@type": "Organization", "name": event.publisher or ARCHIVE_NAME},
        "isPartOf": {"@type": "WebSite", "name": ARCHIVE_NAME, "url": config.public_url},
        "license": LICENCE_URL,
    }
    if event.doc_type == "transcript":
        doc["genre"] = "Transcript"
        doc["about"] = {
            "@type": "Event",
            "name": event.title,
            "startDate": (event.date.isoformat() + (f"T{event.time}" if event.time else ""))
            if event.date
            else None,
            "performer": people,
            **({"location": place} if place else {}),
        }
    if place:
        doc["contentLocation"] = place
    if event.source_url:
        doc["isBasedOn"] = event.source_url
    if event.translation:
        doc["translationOfWork"] = {
            "@type": "CreativeWork",
            "name": event.title,
            "description": event.translation,
        }
    speakers = _figure_speakers(event)
    texts = {p.anchor: p.text for p in event.paragraphs}
    claims = [
        claim(corpus, event, f, f.speaker or speakers.get(f.paragraph), texts[f.paragraph])
        for f in event.figures
    ]
    cited = dict.fromkeys(authors(event))
    cited.update(
        dict.fromkeys(filter(None, (f.speaker or speakers.get(f.paragraph) for f in event.figures)))
    )
    persons = [_person(corpus, event, p) for p in cited]
    stated = dict.fromkeys(f.indicator for f in event.figures if f.indicator in corpus.indicators)
    indicators = [_indicator(event, corpus.indicators[i]) for i in stated]
    graph = [doc, *persons, *indicators, *claims]
    return {
        "@context": ["https://schema.org", {"@base": page}],
        "@graph": [_without_none(n) for n in graph],
    }


def _without_none(node: dict) -> dict:
    """Properties an undated event lacks are left out rather than null."""
    return {
        k: _without_none(v) if isinstance(v, dict) else v for k, v in node.items() if v is not None
    }


#: Characters YAML reads as line breaks or refuses (C1 controls, U+2028/9, non-characters), and
#: those that could end or confuse a <script> element (`</script>`, `<!--`), or a YAML quote.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff<>&']")


def script_json(data: dict) -> str:
    """The graph as compact JSON to write inside `<script type="application/ld+json">` as it is:
    no whitespace between tokens; < > & ' and what YAML would misread as `\\uXXXX` escapes (the
    characters can only be inside JSON strings, so the JSON means the same); one line.

    >>> script_json({"t": "</script> & it's", "n": [1, None]})
    '{"t":"\\\\u003c/script\\\\u003e \\\\u0026 it\\\\u0027s","n":[1,null]}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def front_matter_json(data: dict) -> str:
    """`script_json` as a YAML string for the page's front matter: build_site/theme/main.html
    writes it into the head unchanged. Single-quoted YAML keeps backslashes, and the text holds no
    quote of its own. In the head, not the content: Material's instant navigation re-runs the
    content's inline scripts as JavaScript.

    >>> import yaml
    >>> text = front_matter_json({"t": "a\u2028b <c> & \u0085 '"})
    >>> json.loads(yaml.safe_load("k: " + text)["k"]) == {"t": "a\u2028b <c> & \u0085 '"}
    True
    """
    return f"'{script_json(data)}'"
