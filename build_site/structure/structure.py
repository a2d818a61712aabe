"""Structure a cleaned event: metadata (text first, sidecar for what the text lacks), speeches,
paragraphs and their anchors.

Anchors depend only on the event's own text: `#<key>-<n>` for a speaker's n-th turn (`#putin-2`),
`#<key>-<n>-p<k>` for its k-th paragraph, `#narration-<n>` for unattributed text, `#lead-p<k>`
for the lead.

    >>> from .model import Chunk, RawEvent
    >>> import datetime as dt
    >>> raw = RawEvent("s.txt", 0, "Talks", dt.date(2023, 11, 9), None, None, (),
    ...     (Chunk("Vladimir Putin: Hello.", (1,)), Chunk("Thank you.", (2,))), ())
    >>> ev, _, _ = structure(raw, {}, SpeakerIndex({"vladimir-putin": Person("vladimir-putin", "Vladimir Putin", key="putin")}))
    >>> [(s.anchor, [p.anchor for p in s.paragraphs]) for s in ev.speeches]
    [('putin-1', ['putin-1-p1', 'putin-1-p2'])]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from slugify import slugify

from build_site.clean import furniture as F
from build_site.clean.dates import dateline_prefix
from build_site.clean.speakers import SpeakerIndex, attribute
from build_site.model import Chunk, Event, Issue, Paragraph, Person, RawEvent, Speech

_HEADING_END = re.compile(r"[.!?:;,…\"”»]$")


def person_key(person: Person) -> str:
    return person.key or slugify(person.name.split()[-1])


def sidecar_for(sidecar: dict[str, Any], index: int) -> dict[str, Any]:
    """Seed-level keys, overridden by the index-th item of `events:`."""
    merged = {k: v for k, v in sidecar.items() if k != "events"}
    events = sidecar.get("events") or []
    if index < len(events):
        merged.update(events[index])
    return merged


def structure(
    raw: RawEvent, sidecar: dict[str, Any], speakers: SpeakerIndex
) -> tuple[Event | None, dict[str, Person], list[Issue]]:
    """Build the Event; returns it (None when it cannot be placed), persons made from unknown labels, issues."""
    issues: list[Issue] = []
    meta = sidecar_for(sidecar, raw.index)
    first_line = (raw.lead or raw.body)[0].lines[0] if (raw.lead or raw.body) else None
    body = list(raw.body)
    place = meta.get("place") or raw.place
    if body and (m := F.DATELINE.match(body[0].text)):
        place = place or m["place"].strip().title()
        body[0] = Chunk(body[0].text[m.end() :], body[0].lines, body[0].kind)
    has_labels = any(speakers.split_label_line(c.text) for c in body if c.kind == "text")
    doc_type = meta.get("doc_type") or (
        "transcript" if has_labels else "news" if _is_news(raw, body, speakers) else "article"
    )

    date, date_from = _date(raw, meta, first_line, issues)
    title = meta.get("title") or raw.title
    if not title:
        first = " ".join(" ".join(c.text for c in (raw.lead or tuple(body))[:1]).split())
        dateline = dateline_prefix(first)  # 'MOSCOW, October 6. /TASS/.' is no part of a title
        words = first[dateline.end if dateline else 0 :].split()
        title = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        issues.append(
            Issue(
                raw.seed,
                first_line,
                "warning",
                f"no title in the text; using {title!r} (set 'title:' in the sidecar)",
            )
        )
    author = meta.get("author")
    if doc_type == "article" and not author:
        issues.append(
            Issue(
                raw.seed,
                first_line,
                "warning",
                "article without a byline; set 'author:' in the sidecar",
            )
        )
    elif author and author not in speakers.persons:
        issues.append(
            Issue(raw.seed, None, "error", f"sidecar author {author!r} is not in persons.yml")
        )
        author = None

    new_persons: dict[str, Person] = {}
    if doc_type == "transcript":
        turns = _transcript_turns(raw, body, speakers, new_persons, issues)
    elif doc_type == "news":
        turns = _news_turns(body, speakers)
    else:
        turns = [_Turn(author, chunks=[(c, None) for c in body])] if body else []
    speeches = _anchor_speeches(turns, speakers, new_persons)
    lead = tuple(
        Paragraph(f"lead-p{k}", c.text, c.kind, c.lines, sic=_sic(c.text, speakers))
        for k, c in enumerate(raw.lead, 1)
    )
    slug = meta.get("slug") or slugify(title, max_length=60, word_boundary=True) or "event"
    event_id = f"{date.isoformat()}-{slug}" if date else f"undated-{slug}"
    return (
        Event(
            id=event_id,
            url=f"events/{event_id}/",
            seed=raw.seed,
            index=raw.index,
            title=" ".join(title.split()),
            date=date,
            time=meta.get("time") or raw.time,
            place=place,
            doc_type=doc_type,
            speeches=speeches,
            lead=lead,
            author=author,
            publisher=meta.get("publisher") or raw.publisher,
            source_url=meta.get("source_url"),
            translation=meta.get("translation") or raw.translation,
            tags=dict(raw.tags),
            date_from=date_from,
        ),
        new_persons,
        issues,
    )


def _date(
    raw: RawEvent, meta: dict[str, Any], first_line: int | None, issues: list[Issue]
) -> tuple[Any, tuple[int | None, str] | None]:
    """The event's date (the sidecar's wins) and where it came from; an undated event is kept
    (listed under 'Undated') with a warning naming the sidecar key that dates it."""
    if meta.get("date"):
        return meta["date"], (None, "the sidecar")
    if raw.date:
        return raw.date, raw.date_from
    key = "date" if raw.index == 0 else f"events[{raw.index}].date"
    where = f"set '{key}:' in seeds/{raw.seed.rsplit('.', 1)[0]}.yml"
    if raw.date_from:  # a date printed without its year
        line, text = raw.date_from
        issues.append(
            Issue(
                raw.seed,
                line,
                "warning",
                f"the text gives the date {text!r} without a year; {where}",
            )
        )
    else:
        issues.append(Issue(raw.seed, first_line or 1, "warning", f"no date in the text; {where}"))
    return None, None


@dataclass
class _Turn:
    """A speech being collected (mutable scratch; frozen into a Speech by _anchor_speeches)."""

    speaker: str | None = None
    label: str | None = None
    role: str | None = None
    stem: str | None = None
    """Anchor stem of an unnamed label ('question'); a person's key otherwise."""
    label_line: int | None = None
    chunks: list[tuple[Chunk, str | None]] = field(default_factory=list)
    """(chunk, person paraphrased in it)."""


def _is_news(raw: RawEvent, body: list[Chunk], speakers: SpeakerIndex) -> bool:
    if raw.body and F.DATELINE.match(raw.body[0].text):
        return True
    return any(attribute(c.text, speakers)[0] for c in body)


def _transcript_turns(
    raw: RawEvent,
    body: list[Chunk],
    speakers: SpeakerIndex,
    new_persons: dict[str, Person],
    issues: list[Issue],
) -> list[_Turn]:
    turns: list[_Turn] = []
    for chunk in body:
        found = speakers.split_label_line(chunk.text) if chunk.kind == "text" else None
        if found:
            label, rest = found
            if (
                label.person
                and label.person not in speakers.persons
                and label.person not in new_persons
            ):
                new_persons[label.person] = Person(
                    label.person,
                    label.name or label.text,
                    roles=(label.role,) if label.role else (),
                    curated=False,
                )
                issues.append(
                    Issue(
                        raw.seed,
                        chunk.lines[0],
                        "warning",
                        f"unknown speaker {label.name!r}; add them to persons.yml",
                    )
                )
            turns.append(
                _Turn(
                    label.person or None,
                    label.text,
                    label.role,
                    label.generic.lower() if label.generic else None,
                    chunk.lines[0],
                    [(Chunk(rest, chunk.lines), None)] if rest else [],
                )
            )
        elif not turns:  # text before the first label: the transcript's own narration
            kind = "heading" if chunk.kind == "text" and _is_heading(chunk.text) else chunk.kind
            turns.append(_Turn(chunks=[(Chunk(chunk.text, chunk.lines, kind), None)]))
        else:
            turns[-1].chunks.append((chunk, None))
    for t in turns:
        if not t.chunks:
            issues.append(
                Issue(
                    raw.seed,
                    t.label_line,
                    "warning",
                    f"speaker label {t.label!r} has no text; turn left out",
                )
            )
    return [t for t in turns if t.chunks]


def _news_turns(body: list[Chunk], speakers: SpeakerIndex) -> list[_Turn]:
    """Direct quotes become the quoted person's speech; paraphrase stays narration, attributed."""
    turns: list[_Turn] = []
    for chunk in body:
        pid, direct = attribute(chunk.text, speakers) if chunk.kind == "text" else (None, False)
        speaker = pid if direct else None
        kind = (
            "heading"
            if chunk.kind == "text" and not pid and _is_heading(chunk.text)
            else chunk.kind
        )
        item = (Chunk(chunk.text, chunk.lines, kind), pid if pid and not direct else None)
        if turns and turns[-1].speaker == speaker:
            turns[-1].chunks.append(item)
        else:
            turns.append(_Turn(speaker, role="quoted" if speaker else None, chunks=[item]))
    return turns


def _is_heading(text: str) -> bool:
    return len(text.split()) <= 12 and not _HEADING_END.search(text) and text[:1].isupper()


def _anchor_speeches(
    turns: list[_Turn], speakers: SpeakerIndex, new_persons: dict[str, Person]
) -> tuple[Speech, ...]:
    counts: Counter[str] = Counter()
    speeches = []
    for t in turns:
        person = (
            (speakers.persons.get(t.speaker) or new_persons.get(t.speaker)) if t.speaker else None
        )
        stem = person_key(person) if person else t.stem or "narration"
        counts[stem] += 1
        anchor = f"{stem}-{counts[stem]}"
        paragraphs = tuple(
            Paragraph(
                f"{anchor}-p{k}",
                chunk.text,
                chunk.kind,
                chunk.lines,
                paraphrased,
                tuple(dict.fromkeys(_sic(chunk.text, speakers))),
            )
            for k, (chunk, paraphrased) in enumerate(t.chunks, 1)
        )
        speeches.append(Speech(anchor, t.speaker, t.label, paragraphs, t.role, t.label_line))
    return tuple(speeches)


def _sic(text: str, speakers: SpeakerIndex) -> tuple[str, ...]:
    return tuple(text[s:e] for s, e, _, is_sic in speakers.find_names(text) if is_sic)
