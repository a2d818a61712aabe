"""Golden snapshots (as mkdocs-gen-files tests its output): for each seed, tests/golden/<seed stem>/
holds the generated Markdown of each of its events, an outline of its speakers and turns, and the
issues it raises ('file:line: level: message'). Any change to the output shows as a unified diff.

After an intended change: `pytest --update-golden`, then READ the diff of tests/golden/ before
committing it: a snapshot is only worth what its review was.
"""

from __future__ import annotations

import difflib

import pytest

from tests.paths import GOLDEN_DIR, SEED_FILES

OUTLINE_TEXT = 72


def _short(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= OUTLINE_TEXT else text[: OUTLINE_TEXT - 1] + "…")


def _lines(lines: tuple[int, ...]) -> str:
    return f"{lines[0]}-{lines[-1]}" if len(lines) > 1 else str(lines[0])


def outline(events) -> str:
    """Who speaks where: one block per event, one line per speech and paragraph (with source lines)."""
    out = []
    for e in events:
        out.append(f"event {e.id}  ({e.seed} #{e.index})")
        out.append(f"  title: {e.title}")
        out.append(f"  date: {e.date.isoformat()}  time: {e.time or '-'}  place: {e.place or '-'}")
        out.append(
            f"  type: {e.doc_type}  author: {e.author or '-'}  publisher: {e.publisher or '-'}"
            f"  translation: {e.translation or '-'}"
        )
        if e.tags:
            out.append(
                "  source tags: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in e.tags.items())
            )
        for p in e.lead:
            out.append(
                f"  {p.anchor}  [{_lines(p.lines)}] {p.kind}{'  sic=' + ','.join(p.sic) if p.sic else ''}  {_short(p.text)}"
            )
        for s in e.speeches:
            label = f"  label={s.label!r}" if s.label else ""
            line = f" (line {s.label_line})" if s.label_line else ""
            out.append(
                f"  {s.anchor}  speaker={s.speaker or '-'}{label}{line}{'  role=' + s.role if s.role else ''}"
            )
            for p in s.paragraphs:
                extra = (f"  by={p.speaker}" if p.speaker else "") + (
                    f"  sic={','.join(p.sic)}" if p.sic else ""
                )
                out.append(f"    {p.anchor}  [{_lines(p.lines)}] {p.kind}{extra}  {_short(p.text)}")
        out.append("")
    return "\n".join(out)


def snapshot(site, seed, event_page) -> dict[str, str]:
    """File name → content of the seed's golden folder, as the current build makes it."""
    events = sorted((e for e in site.corpus.events if e.seed == seed.name), key=lambda e: e.index)
    files = {f"{e.id}.md": site.pages[event_page(e)] for e in events}
    own = (seed.name, seed.with_suffix(".yml").name)
    files["issues.txt"] = "".join(f"{i}\n" for i in site.issues if i.file in own)
    files["outline.txt"] = outline(events)
    return files


def _diff(name: str, stored: str | None, actual: str | None) -> str:
    return "".join(
        difflib.unified_diff(
            (stored or "").splitlines(keepends=True),
            (actual or "").splitlines(keepends=True),
            fromfile=f"tests/golden/{name}" + ("" if stored is not None else " (missing)"),
            tofile="build" + ("" if actual is not None else " (not produced)"),
        )
    )


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_golden(site, seed, update_golden, event_page):
    folder = GOLDEN_DIR / seed.stem
    actual = snapshot(site, seed, event_page)
    if update_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for path in folder.iterdir():
            if path.name not in actual:
                path.unlink()
        for name, text in actual.items():
            path = folder / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8", newline="\n")
        return
    if not folder.is_dir():
        pytest.fail(
            f"no snapshot for {seed.name}: run `pytest --update-golden` and review tests/golden/{seed.stem}/",
            pytrace=False,
        )
    stored = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}
    diffs = [
        _diff(f"{seed.stem}/{name}", stored.get(name), actual.get(name))
        for name in sorted(set(stored) | set(actual))
        if stored.get(name) != actual.get(name)
    ]
    if diffs:
        pytest.fail(
            f"{seed.name}: output differs from tests/golden/{seed.stem}/ "
            "(if intended: pytest --update-golden, then review the diff)\n" + "\n".join(diffs),
            pytrace=False,
        )


def test_no_snapshot_without_a_seed(update_golden):
    stems = {p.stem for p in SEED_FILES}
    stale = (
        [d for d in GOLDEN_DIR.iterdir() if d.is_dir() and d.name not in stems]
        if GOLDEN_DIR.is_dir()
        else []
    )
    if update_golden:
        for d in stale:
            for path in d.iterdir():
                path.unlink()
            d.rmdir()
        return
    assert stale == [], (
        "snapshots of seeds that no longer exist (pytest --update-golden removes them)"
    )


def test_outline_format():
    """The outline names anchors, speakers, source lines and text: what a reviewer checks by hand."""
    import datetime as dt

    from build_site.model import Event, Paragraph, Speech

    ev = Event(
        id="2023-11-09-talks",
        url="events/2023-11-09-talks/",
        seed="s.txt",
        index=0,
        title="Talks",
        date=dt.date(2023, 11, 9),
        time="11:45",
        place="Astana",
        doc_type="transcript",
        speeches=(
            Speech(
                "putin-1",
                "vladimir-putin",
                "Vladimir Putin",
                (Paragraph("putin-1-p1", "Hello.", lines=(3, 4)),),
                None,
                3,
            ),
        ),
    )
    assert outline([ev]).splitlines() == [
        "event 2023-11-09-talks  (s.txt #0)",
        "  title: Talks",
        "  date: 2023-11-09  time: 11:45  place: Astana",
        "  type: transcript  author: -  publisher: -  translation: -",
        "  putin-1  speaker=vladimir-putin  label='Vladimir Putin' (line 3)",
        "    putin-1-p1  [3-4] text  'Hello.'",
    ]
