"""Invariants over every seed: what must hold whatever the text says."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from build_site.clean import furniture as F
from build_site.clean.dates import parse_dateline
from tests.paths import SEED_FILES

#: The corpus as it stands: five seeds, eight events (seed 003 holds four).
EXPECTED_EVENTS = 8

#: Strings of the sites' page furniture that must never reach a paragraph.
FURNITURE_STRINGS = [
    "Font size",
    "View settings",
    "Site colours",
    "Official website",
    "Photo:",
    "Photo by",
    "1 of 3",
    "1 of 6",
    "See also",
    "Publication date",
    "Publication status",
    "Published in section",
    "Text version",
    "Select font",
    "Character spacing",
    "Переведено сервисом",
    "* * *",
]
ANCHOR = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def flat(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def all_paragraphs(events):
    for e in events:
        for p in e.lead:
            yield e, None, p
        for s in e.speeches:
            for p in s.paragraphs:
                yield e, s, p


# --- counts -----------------------------------------------------------------------------------


def test_eight_events_from_five_seeds(events):
    assert len(SEED_FILES) == 5
    assert len(events) == EXPECTED_EVENTS
    assert Counter(e.seed[:3] for e in events) == {"000": 1, "001": 1, "002": 1, "003": 4, "004": 1}


def test_no_errors(site):
    assert [str(i) for i in site.issues if i.level == "error"] == []


def test_every_event_has_text(events):
    for e in events:
        assert e.title and e.date and e.speeches
        assert all(s.paragraphs for s in e.speeches)
        assert all(p.text.strip() for p in e.paragraphs)


# --- no furniture in the text -----------------------------------------------------------------


def test_no_furniture_in_any_paragraph(events):
    bad = []
    for e, _, p in all_paragraphs(events):
        text = flat(p.text)
        checks = {
            "furniture rule": F.match_furniture(text, in_header=True),
            "publication block": F.PUBLICATION.match(text),
            "translation note": F.TRANSLATION.match(text),
            "related widget": F.RELATED_WIDGET.match(text),
            "tag block": text.lower() in F.TAG_BLOCKS,
            "dateline": parse_dateline(text),
            "editorial note as text": p.kind != "note" and F.NOTE.match(text),
            "furniture string": next((s for s in FURNITURE_STRINGS if s in text), None),
        }
        bad += [
            f"{e.seed}:{p.lines[0]} {p.anchor}: {what}: {text[:80]!r}"
            for what, hit in checks.items()
            if hit
        ]
    assert bad == []


def test_notes_are_only_editorial_marks(events):
    notes = [flat(p.text) for _, _, p in all_paragraphs(events) if p.kind == "note"]
    assert notes and all(F.NOTE.match(n) for n in notes)


# --- anchors ----------------------------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]


def html_ids(render_markdown, page: str) -> list[str]:
    body = re.sub(
        r"\A---\n.*?\n---\n", "", page, flags=re.S
    )  # front matter: MkDocs reads it as metadata
    parser = _Ids()
    parser.feed(render_markdown(body))
    return parser.ids


def test_every_anchor_unique_within_its_page(
    site, events, event_page, page_anchors, render_markdown
):
    for e in events:
        page = site.pages[event_page(e)]
        md_ids = page_anchors(page)
        assert [a for a, n in Counter(md_ids).items() if n > 1] == [], e.id
        ids = html_ids(render_markdown, page)
        assert [a for a, n in Counter(ids).items() if n > 1] == [], e.id


def test_every_speech_and_paragraph_has_its_anchor_on_the_page(
    site, events, event_page, page_anchors, render_markdown
):
    for e in events:
        page = site.pages[event_page(e)]
        defined = set(page_anchors(page))
        wanted = [s.anchor for s in e.speeches] + [p.anchor for p in e.paragraphs]
        assert [a for a in wanted if a not in defined] == [], e.id
        assert set(wanted) <= set(html_ids(render_markdown, page)), e.id


def test_anchor_shapes(events):
    for e in events:
        counts: Counter = Counter()
        for s in e.speeches:
            assert ANCHOR.match(s.anchor)
            stem, n = s.anchor.rsplit("-", 1)
            counts[stem] += 1
            assert int(n) == counts[stem], f"{e.id}: turns of {stem} are numbered in order"
            assert [p.anchor for p in s.paragraphs] == [
                f"{s.anchor}-p{k}" for k in range(1, len(s.paragraphs) + 1)
            ]
        assert [p.anchor for p in e.lead] == [f"lead-p{k}" for k in range(1, len(e.lead) + 1)]
        all_ids = [s.anchor for s in e.speeches] + [p.anchor for p in e.paragraphs]
        assert len(all_ids) == len(set(all_ids))


def test_event_ids_and_urls_unique(events):
    assert len({e.id for e in events}) == len(events)
    assert all(e.url == f"events/{e.id}/" for e in events)


def anchors_of(result, seed, event_page, page_anchors):
    return {
        (e.seed, e.index): (
            e.id,
            e.url,
            [s.anchor for s in e.speeches],
            [p.anchor for p in e.paragraphs],
            page_anchors(result.pages[event_page(e)]),
        )
        for e in result.corpus.events
        if e.seed == seed
    }


@pytest.fixture(scope="module")
def all_seeds_build(tmp_path_factory, build_seeds):
    return build_seeds(tmp_path_factory.mktemp("all"))


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_anchors_depend_only_on_the_events_own_text(
    tmp_path, all_seeds_build, build_seeds, event_page, page_anchors, seed
):
    alone = anchors_of(build_seeds(tmp_path, [seed.name]), seed.name, event_page, page_anchors)
    together = anchors_of(all_seeds_build, seed.name, event_page, page_anchors)
    assert alone and alone == together


# --- figures ----------------------------------------------------------------------------------


def test_every_figure_quote_is_its_paragraph_text(events):
    bad = []
    for e, _s, p in all_paragraphs(events):
        for f in p.figures:
            if not (0 <= f.start < f.end <= len(p.text) and p.text[f.start : f.end] == f.quote):
                bad.append(
                    f"{e.id}#{p.anchor}: {f.quote!r} at {f.start}:{f.end} is {p.text[f.start : f.end]!r}"
                )
            if f.paragraph != p.anchor:
                bad.append(f"{e.id}#{p.anchor}: figure {f.quote!r} names paragraph {f.paragraph!r}")
    assert bad == []


def test_every_mention_term_is_its_paragraph_text(events):
    bad = [
        f"{e.id}#{p.anchor}: {m.term!r}"
        for e, _, p in all_paragraphs(events)
        for m in p.mentions
        if p.text[m.start : m.end] != m.term
    ]
    assert bad == []


# --- the line audit ---------------------------------------------------------------------------


def test_every_source_line_is_accounted_for(site, sources):
    assert {a.seed for a in site.audits} == set(sources)
    for a in site.audits:
        assert a.ok, (
            f"{a.seed}: lines {a.unaccounted} are in no paragraph, no metadata and no removal"
        )
        assert a.total == len(sources[a.seed].lines)
        assert "unaccounted" not in a.counts


def test_removed_lines_name_a_rule(site):
    rules = {r.name for r in F.RULES} | set(F.CONTEXT_RULES)
    for a in site.audits:
        for no, (rule, _text) in a.removed.items():
            assert rule in rules, f"{a.seed}:{no}: unknown rule {rule!r}"


def _drop_last_paragraph(structure):
    def broken(raw, sidecar, speakers, sidecar_lines=None):
        event, persons, issues = structure(raw, sidecar, speakers, sidecar_lines)
        if event and event.speeches and len(event.speeches[-1].paragraphs) > 1:
            last = event.speeches[-1]
            event = replace(
                event,
                speeches=event.speeches[:-1] + (replace(last, paragraphs=last.paragraphs[:-1]),),
            )
        return event, persons, issues

    return broken


def test_audit_catches_a_paragraph_dropped_by_structure(tmp_path, monkeypatch, build_seeds):
    import build_site.build as build_module

    good = build_seeds(tmp_path / "good", ["002_2dfdb7079ed04442.txt"])
    last_line = good.corpus.events[0].speeches[-1].paragraphs[-1].lines[-1]
    monkeypatch.setattr(build_module, "structure", _drop_last_paragraph(build_module.structure))
    broken = build_seeds(tmp_path / "broken", ["002_2dfdb7079ed04442.txt"])
    [a] = broken.audits
    assert not a.ok and a.unaccounted == (last_line,)
    errors = [str(i) for i in broken.issues if i.level == "error"]
    assert errors == [
        f"002_2dfdb7079ed04442.txt:{last_line}: error: 1 line(s) lost by the pipeline"
    ]
    assert broken.failed(strict=False)


def test_audit_catches_a_line_dropped_by_clean(tmp_path, monkeypatch, build_seeds):
    import build_site.build as build_module

    real_clean = build_module.clean
    dropped: list[int] = []

    def broken(source, speakers):
        raws, issues = real_clean(source, speakers)
        dropped.extend(no for r in raws for no in r.body[2].lines)
        return [replace(r, body=r.body[:2] + r.body[3:]) for r in raws], issues

    monkeypatch.setattr(build_module, "clean", broken)
    result = build_seeds(tmp_path, ["003_6459434bd1d1d077.txt"])
    [a] = result.audits
    assert len(dropped) >= 4 and a.unaccounted == tuple(
        sorted(dropped)
    )  # the third body chunk of each of four events
    assert any(i.level == "error" and "lost by the pipeline" in i.message for i in result.issues)


# --- no speech text lost ----------------------------------------------------------------------


def lost_text(sources, events, audits) -> list[str]:
    """Lines neither furniture nor metadata whose words are missing from the paragraphs built from
    them (allowing for the speech label and the news dateline they carried)."""
    audits = {a.seed: a for a in audits}
    lost = []
    for name, src in sources.items():
        seed_events = [e for e in events if e.seed == name]
        claim: dict[int, list] = {}
        for e in seed_events:
            for s in [None, *e.speeches]:
                for p in e.lead if s is None else s.paragraphs:
                    for no in p.lines:
                        claim.setdefault(no, []).append((e, s, p))
        labels = {s.label_line: s.label for e in seed_events for s in e.speeches if s.label_line}
        for line in src.lines:
            if not line.text.strip() or line.no in audits[name].removed:
                continue
            if line.no in claim:
                have = Counter()
                for e, s, p in claim[line.no]:
                    have += words(p.text) + words(s.label or "" if s else "") + words(e.place or "")
                have += words(labels.get(line.no) or "")
            elif line.no in labels:
                have = words(labels[line.no])
            else:
                continue  # metadata: test_metadata_lines_are_metadata
            missing = words(line.text) - have
            if missing:
                lost.append(f"{name}:{line.no}: {sorted(missing)} not in its paragraph")
    return lost


def test_no_speech_text_lost(site, sources, events):
    """Every word of every line that is neither furniture nor metadata is in the paragraphs built
    from that line (or in the speech label / news dateline it carried)."""
    assert lost_text(sources, events, site.audits) == []


def test_lost_text_is_detected(tmp_path, monkeypatch, build_seeds, sources):
    """The check is real: a pipeline that cuts the end off one paragraph is caught."""
    import build_site.build as build_module

    real = build_module.structure

    def cutting(raw, sidecar, speakers, sidecar_lines=None):
        event, persons, issues = real(raw, sidecar, speakers)
        s = event.speeches[0]
        p = s.paragraphs[1]
        cut = replace(p, text=p.text.rsplit(" ", 3)[0])
        return (
            replace(
                event,
                speeches=(
                    replace(s, paragraphs=(s.paragraphs[0], cut, *s.paragraphs[2:])),
                    *event.speeches[1:],
                ),
            ),
            persons,
            issues,
        )

    monkeypatch.setattr(build_module, "structure", cutting)
    name = "002_2dfdb7079ed04442.txt"
    result = build_seeds(tmp_path, [name])
    assert all(
        a.ok for a in result.audits
    )  # the audit counts lines, not words: this is the check that sees it
    assert lost_text({name: sources[name]}, result.corpus.events, result.audits) == [
        f"{name}:8: ['a', 'state', 'visit'] not in its paragraph"
    ]


def test_metadata_lines_are_metadata(site, sources, events):
    """A line used as metadata states a fact the event shows (title, date, time, place, tags,
    translation) or is a publication line: speech is never swallowed as metadata."""
    bad = []
    for name, src in sources.items():
        seed_events = [e for e in events if e.seed == name]
        in_paragraphs = {no for e in seed_events for p in e.paragraphs for no in p.lines}
        labels = {s.label_line for e in seed_events for s in e.speeches}
        removed = next(a for a in site.audits if a.seed == name).removed
        facts = Counter()
        for e in seed_events:
            facts |= words(
                " ".join(
                    [
                        e.title,
                        e.place or "",
                        e.time or "",
                        e.translation or "",
                        *(v for vs in e.tags.values() for v in vs),
                    ]
                )
            )
        for line in src.lines:
            text = flat(line.text)
            if not text or line.no in in_paragraphs or line.no in labels or line.no in removed:
                continue
            if F.PUBLICATION.match(text) or text.lower() in F.TAG_BLOCKS or parse_dateline(text):
                continue
            if words(text) - facts:
                bad.append(f"{name}:{line.no}: {text[:80]!r}")
    assert bad == []
