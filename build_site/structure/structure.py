"""Structure a cleaned event: metadata (text first, sidecar for what the text lacks), speeches,
paragraphs and their anchors.

Anchors depend only on the event's own text: `#<key>-<n>` for a speaker's n-th turn (`#putin-2`),
`#<key>-<n>-p<k>` for its k-th paragraph, `#narration-<n>` for unattributed text, `#lead-p<k>`
for the lead.

    >>> from build_site.model import Chunk, RawEvent
    >>> import datetime as dt
    >>> raw = RawEvent("s.txt", 0, "Talks", dt.date(2023, 11, 9), None, None, (),
    ...     (Chunk("Vladimir Putin: Hello.", (1,)), Chunk("Thank you.", (2,))), ())
    >>> ev, _, _ = structure(raw, {}, SpeakerIndex({"vladimir-putin": Person("vladimir-putin", "Vladimir Putin", key="putin")}))
    >>> [(s.anchor, [p.anchor for p in s.paragraphs]) for s in ev.speeches]
    [('putin-1', ['putin-1-p1', 'putin-1-p2'])]
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from slugify import slugify

from build_site.clean import furniture as F
from build_site.clean.dates import dateline_prefix
from build_site.clean.speakers import SpeakerIndex
from build_site.model import Chunk, Event, Issue, Paragraph, Person, RawEvent, Speech
from build_site.structure.shape import shape_of_labelled, shape_of_unlabelled, third_person
from build_site.structure.turns import (
    Turn,
    find_attributions,
    interview_turns,
    last_text,
    news_turns,
    title_person,
    transcript_turns,
)


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
    raw: RawEvent,
    sidecar: dict[str, Any],
    speakers: SpeakerIndex,
    sidecar_lines: dict[str, int] | None = None,
) -> tuple[Event | None, dict[str, Person], list[Issue]]:
    """Build the Event; returns it (None when it cannot be placed), persons made from unknown labels, issues.

    sidecar_lines: the line of each sidecar key (Source.sidecar_lines), for messages."""
    issues: list[Issue] = []
    meta = sidecar_for(sidecar, raw.index)
    first_line = (raw.lead or raw.body)[0].lines[0] if (raw.lead or raw.body) else None
    body = list(raw.body)
    place = meta.get("place") or raw.place
    if body and (m := F.DATELINE.match(body[0].text)):
        place = place or m["place"].strip().title()
        body[0] = Chunk(body[0].text[m.end() :], body[0].lines, body[0].kind)
    labels = [
        found[0] for c in body if c.kind == "text" and (found := speakers.split_label_line(c.text))
    ]
    title_text = " ".join(
        t
        for t in (meta.get("title"), raw.title, *(c.text for c in raw.lead))
        if t and len(t.split()) <= 30
    )
    unknown: dict[str, tuple[str, str]] = {}  # persons a news text names, not in persons.yml
    attributions = find_attributions(raw.lead, body, speakers, unknown) if not labels else None
    doc_type = meta.get("doc_type")
    if not doc_type and labels:
        doc_type = "transcript"  # or an interview: decided from the turns below
    elif not doc_type:
        doc_type = shape_of_unlabelled(
            title_text,
            [c.text for c in body if c.kind == "text"],
            has_dateline=bool(raw.body and F.DATELINE.match(raw.body[0].text)),
            attributed=any(direct for _, direct in (attributions or {}).values()),
            third_person=third_person([c.text for c in body if c.kind == "text"], speakers),
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
    spoken_by = None  # the person the title names, for an unlabelled speech, article or interview
    if not labels and doc_type in ("article", "transcript", "interview"):
        spoken_by = title_person(title_text, speakers)
        author = author or (
            spoken_by if doc_type == "article" and not meta.get("doc_type") else None
        )
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
        lines = sidecar_lines or {}
        line = lines.get(f"events.{raw.index}.author") or lines.get("author")
        issues.append(
            Issue(
                raw.seed.rsplit(".", 1)[0] + ".yml",
                line,
                "error",
                f"sidecar author {author!r} is not in persons.yml",
            )
        )
        author = None

    new_persons: dict[str, Person] = {}
    lead_chunks = list(raw.lead)
    if labels and doc_type in ("transcript", "interview"):
        turns = transcript_turns(raw, body, speakers, new_persons, issues)
        if not meta.get("doc_type"):
            doc_type = shape_of_labelled(
                labels, [(t.speaker or t.stem, last_text(t)) for t in turns], title_text
            )
        if doc_type == "interview":
            turns = interview_turns(turns, lead_chunks, title_text, speakers, new_persons)
    elif doc_type == "news" or (labels and doc_type != "article"):
        if attributions is None:
            attributions = find_attributions(raw.lead, body, speakers, unknown)
        turns = news_turns(body, attributions)
        for pid, (name, role) in unknown.items():
            if pid not in speakers.persons:
                new_persons[pid] = Person(pid, name, roles=(role,), curated=False)
                issues.append(
                    Issue(
                        raw.seed,
                        None,
                        "warning",
                        f"unknown speaker {name!r}; add them to persons.yml",
                    )
                )
    else:
        who = author if doc_type == "article" else spoken_by
        turns = [Turn(who, chunks=[(c, None) for c in body])] if body else []
    speeches = _anchor_speeches(turns, speakers, new_persons)
    lead_speakers = attributions or {}
    lead = tuple(
        Paragraph(
            f"lead-p{k}",
            c.text,
            c.kind,
            c.lines,
            lead_speakers.get(id(c), (None, False))[0],
            sic=_sic(c.text, speakers),
        )
        for k, c in enumerate(lead_chunks, 1)
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


def _anchor_speeches(
    turns: list[Turn], speakers: SpeakerIndex, new_persons: dict[str, Person]
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
