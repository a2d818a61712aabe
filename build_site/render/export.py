"""Downloads: `downloads/corpus.json` (contract: build_site/schema/corpus.schema.json, a copy of
shared/corpus.schema.json published beside it) and `downloads/figures.csv`.

Every id and anchor is the one in the site's URLs: <site_url>/<event.url>#<paragraph.anchor>.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from build_site.model import Corpus, Event, Figure, Paragraph

SCHEMA_VERSION = 1

#: Document types as the corpus contract (shared/corpus.schema.json, v1) names them.
CONTRACT_DOC_TYPES = {"interview": "transcript"}


def _paragraph(p: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {"anchor": p.anchor, "text": p.text}
    if p.kind != "text":
        out["kind"] = p.kind
    if p.speaker:
        out["speaker"] = p.speaker
    if p.sic:
        out["sic"] = list(p.sic)
    if p.mentions:
        out["mentions"] = [
            {"kind": m.kind, "id": m.id, "term": m.term, "start": m.start, "end": m.end}
            for m in p.mentions
        ]
    return out


def _figure(f: Figure, event_id: str) -> dict[str, Any]:
    return {
        "id": f"{event_id}/{f.id}",  # anchors are unique within an event only
        "paragraph": f.paragraph,
        "quote": f.quote,
        "value": f.value,
        "low": f.low,
        "high": f.high,
        "qualifier": f.qualifier,
        "unit": f.unit,
        "indicator": f.indicator,
        "period": f.period,
        "speaker": f.speaker,
        "scope": list(f.scope) if f.scope else None,
        "part": f.part,
        "reviewed": f.reviewed,
    }


def _event(e: Event) -> dict[str, Any]:
    kinds: dict[str, dict[str, None]] = {"topic": {}, "place": {}, "person": {}, "organisation": {}}
    for p in e.paragraphs:
        for m in p.mentions:
            kinds[m.kind][m.id] = None
    for s in e.speakers:
        kinds["person"][s] = None
    return {
        "id": e.id,
        "url": e.url,
        "seed": e.seed,
        "title": e.title,
        "date": (e.date.isoformat() if e.date else None),
        "time": e.time,
        "place": e.place,
        # the shared contract (schema v1) knows transcript/news/article: an interview is exported
        # as the transcript it is, and named in doc_type_detail (an added property)
        "doc_type": CONTRACT_DOC_TYPES.get(e.doc_type, e.doc_type),
        "doc_type_detail": e.doc_type,
        "author": e.author,
        "summary": e.summary,
        "source": {"publisher": e.publisher, "url": e.source_url, "translation": e.translation},
        "lead": [_paragraph(p) for p in e.lead],
        "speeches": [
            {
                "anchor": s.anchor,
                "speaker": s.speaker,
                "speaker_label": s.label,
                "role": s.role,
                "paragraphs": [_paragraph(p) for p in s.paragraphs],
            }
            for s in e.speeches
        ],
        "figures": [_figure(f, e.id) for f in e.figures],
        "topics": sorted(kinds["topic"]),
        "places": sorted(kinds["place"]),
        "persons": sorted(kinds["person"]),
        "organisations": sorted(kinds["organisation"]),
        "source_tags": {k: list(v) for k, v in e.tags.items()},
        "series": e.series,
        "edition": e.edition,
    }


def corpus_json(corpus: Corpus) -> str:
    return "".join(corpus_json_chunks(corpus))


def _dump(value: object) -> str:
    # compact separators keep json on its C encoder (indent= falls back to pure Python)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def event_json(e: Event) -> str:
    """One event's entry of corpus.json."""
    return _dump(_event(e))


def corpus_json_chunks(
    corpus: Corpus, event_entry: Callable[[Event], str] = event_json
) -> Iterator[str]:
    """corpus.json one event at a time: memory stays flat however large the corpus.
    `event_entry` may give an event's entry from a cache (see render.downloads)."""
    dump = _dump
    yield f'{{"schema_version":{SCHEMA_VERSION},"events":['
    for n, e in enumerate(sorted(corpus.events, key=lambda e: (e.sort_date, e.id))):
        yield ("," if n else "") + event_entry(e)
    rest = {
        "persons": [
            {
                "id": p.id,
                "name": p.name,
                "roles": list(p.roles),
                "url": f"persons/{p.id}/",
                "curated": p.curated,
            }
            for p in sorted(corpus.persons.values(), key=lambda p: p.id)
        ],
        "places": [
            {
                "id": p.id,
                "name": p.name,
                "kind": p.kind or None,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "url": f"places/{p.id}/",
            }
            for p in sorted(corpus.places.values(), key=lambda p: p.id)
        ],
        "topics": [
            {"id": t.id, "name": t.name, "url": f"topics/{t.id}/"}
            for t in sorted(corpus.topics.values(), key=lambda t: t.id)
        ],
        "organisations": [
            {"id": o.id, "name": o.name, "url": f"organisations/{o.id}/"}
            for o in sorted(corpus.organisations.values(), key=lambda o: o.id)
        ],
        "indicators": [
            {
                "id": i.id,
                "name": i.name,
                "unit": i.unit,
                "description": i.description or None,
                "topic": i.topic,
                "stock": i.stock,
                "scope": list(i.scope),
                "measure": i.measure or i.id,
                "part": i.part,
                "url": f"indicators/{i.id}/",
            }
            for i in sorted(corpus.indicators.values(), key=lambda i: i.id)
        ],
    }
    yield "]," + dump(rest)[1:] + "\n"


CSV_FIELDS = [
    "id",
    "event",
    "date",
    "url",
    "paragraph",
    "speaker",
    "quote",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "indicator",
    "period",
    "scope",
    "part",
    "reviewed",
]


def figures_csv_rows(e: Event) -> str:
    """One event's rows of figures.csv."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    for f in e.figures:
        row = _figure(f, e.id)
        row["scope"] = "-".join(f.scope) if f.scope else None
        w.writerow(
            {k: row.get(k) for k in CSV_FIELDS}
            | {"event": e.id, "date": (e.date.isoformat() if e.date else None), "url": e.url}
        )
    return buf.getvalue()


def figures_csv_chunks(
    corpus: Corpus, event_rows: Callable[[Event], str] = figures_csv_rows
) -> Iterator[str]:
    """Every figure, a row each: the header, then `event_rows` of every event in date order,
    one event at a time (the file is never held whole)."""
    yield ",".join(CSV_FIELDS) + "\n"
    for e in sorted(corpus.events, key=lambda e: (e.sort_date, e.id)):
        yield event_rows(e)
