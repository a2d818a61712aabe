"""Speaker turns of an event's body: labelled (transcripts, interviews) or attributed (news).

Collected as mutable `Turn` records, then frozen into Speeches by structure.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from slugify import slugify

from build_site.clean.quotes import attribute_texts
from build_site.clean.references import unknown_names
from build_site.clean.speakers import SpeakerIndex
from build_site.model import Chunk, Issue, Person, RawEvent

_HEADING_END = re.compile(r"[.!?:;,…\"”»]$")


def is_heading(text: str) -> bool:
    return len(text.split()) <= 12 and not _HEADING_END.search(text) and text[:1].isupper()


@dataclass
class Turn:
    """A speech being collected (mutable scratch; frozen into a Speech by _anchor_speeches)."""

    speaker: str | None = None
    label: str | None = None
    role: str | None = None
    stem: str | None = None
    """Anchor stem of an unnamed label ('question'); a person's key otherwise."""
    label_line: int | None = None
    chunks: list[tuple[Chunk, str | None]] = field(default_factory=list)
    """(chunk, person paraphrased in it)."""


def transcript_turns(
    raw: RawEvent,
    body: list[Chunk],
    speakers: SpeakerIndex,
    new_persons: dict[str, Person],
    issues: list[Issue],
) -> list[Turn]:
    turns: list[Turn] = []
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
                Turn(
                    label.person or None,
                    label.text,
                    label.role,
                    label.generic.lower() if label.generic else None,
                    chunk.lines[0],
                    [(Chunk(rest, chunk.lines), None)] if rest else [],
                )
            )
        elif not turns:  # text before the first label: the transcript's own narration
            kind = "heading" if chunk.kind == "text" and is_heading(chunk.text) else chunk.kind
            turns.append(Turn(chunks=[(Chunk(chunk.text, chunk.lines, kind), None)]))
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


def find_attributions(
    lead: tuple[Chunk, ...] | list[Chunk],
    body: list[Chunk],
    speakers: SpeakerIndex,
    unknown: dict[str, tuple[str, str]],
) -> dict[int, tuple[str | None, bool]]:
    """(person, direct) of every text chunk of the lead and body, keyed by id(chunk)."""
    chunks = [c for c in (*lead, *body) if c.kind == "text"]
    found = attribute_texts([c.text for c in chunks], speakers, unknown)
    return dict(zip(map(id, chunks), found))


def news_turns(body: list[Chunk], attributions: dict[int, tuple[str | None, bool]]) -> list[Turn]:
    """Direct quotes become the quoted person's speech; paraphrase stays narration, attributed."""
    turns: list[Turn] = []
    for chunk in body:
        pid, direct = attributions.get(id(chunk), (None, False))
        speaker = pid if direct else None
        kind = (
            "heading" if chunk.kind == "text" and not pid and is_heading(chunk.text) else chunk.kind
        )
        item = (Chunk(chunk.text, chunk.lines, kind), pid if pid and not direct else None)
        if turns and turns[-1].speaker == speaker:
            turns[-1].chunks.append(item)
        else:
            turns.append(Turn(speaker, role="quoted" if speaker else None, chunks=[item]))
    return turns


def last_text(turn: Turn) -> str:
    return turn.chunks[-1][0].text if turn.chunks else ""


def title_person(title: str, speakers: SpeakerIndex) -> str | None:
    """The one known person a title names ("Address by the Head of State Kassym-Jomart Tokayev")."""
    found = {pid for _, _, pid, _ in speakers.find_names(title)}
    return found.pop() if len(found) == 1 else None


def interview_turns(
    turns: list[Turn],
    lead: list[Chunk],
    title: str,
    speakers: SpeakerIndex,
    new_persons: dict[str, Person],
) -> list[Turn]:
    """An interview's labels resolved: "Answer:" is the person interviewed (named by the title),
    initials ("A.L.") the person of the text with those initials, and an unlabelled question
    just before the first label (also at the end of the lead) becomes a question turn."""
    persons = [pid for _, _, pid, _ in speakers.find_names(title)]
    text = " ".join([c.text for c in lead] + [c.text for t in turns for c, _ in t.chunks])
    named = dict.fromkeys(persons + [pid for _, _, pid, _ in speakers.find_names(text)])
    interviewee = persons[0] if persons else None
    for t in turns:
        if t.stem == "answer" and interviewee:
            t.speaker, t.stem = interviewee, None
        elif t.label and t.speaker is None and re.fullmatch(r"(?:[A-ZА-ЯЁ]\.\s?){2,3}", t.label):
            initials = t.label.replace(" ", "")
            match = [
                pid
                for pid in named
                if "".join(w[0] + "." for w in speakers.persons[pid].name.split()) == initials
            ]
            if len(match) == 1:
                t.speaker, t.stem = match[0], None
            else:
                t.stem = "question"
    # the interviewer: the one person the intro names with a title ("Ian Phillips, AP Vice
    # President") who is not the person interviewed
    intro = " ".join([title] + [c.text for c in lead])
    others = {slugify(n): (n, r) for _, _, n, r in unknown_names(intro, speakers)}
    asker: tuple[str | None, str | None] = (None, "question")
    if len(others) == 1:
        pid, (name, role) = others.popitem()
        new_persons.setdefault(pid, Person(pid, name, roles=(role,), curated=False))
        asker = (pid, None)
    first = next((k for k, t in enumerate(turns) if t.label), None)
    if first == 0 and lead and lead[-1].kind == "text" and lead[-1].text.rstrip().endswith("?"):
        question = lead.pop()
        turns.insert(0, Turn(asker[0], None, None, asker[1], None, [(question, None)]))
    elif first and turns[first - 1].chunks and last_text(turns[first - 1]).rstrip().endswith("?"):
        asked = turns[first - 1].chunks.pop()
        if not turns[first - 1].chunks:
            turns.pop(first - 1)
            first -= 1
        turns.insert(first, Turn(asker[0], None, None, asker[1], None, [asked]))
    return turns
