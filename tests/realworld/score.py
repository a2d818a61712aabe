"""Score the pipeline (read → clean → structure → extract) on the real-world corpus, per page and
per publisher, against the hand-written `*.expected.yml` files (format: README.md beside this).

    scores = score_all(tmp_dir)          # one PageScore per page
    print(table(scores))                 # a Markdown table per publisher, with totals

Each page is copied alone into a fresh folder before it is read, so the `.expected.yml` beside it
is never taken for a sidecar.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_site.build import process_seed
from build_site.clean.speakers import SpeakerIndex
from build_site.config import DATA_DIR
from build_site.extract.entities import Matcher
from build_site.extract.indicators import load_indicators
from build_site.read.vocab import load_vocabulary

PAGES = Path(__file__).parent / "pages"


@dataclass
class PageScore:
    publisher: str
    page: str
    published: bool = False
    date_ok: bool = False
    doc_type_ok: bool = False
    speakers_ok: bool = False
    figures: int = 0
    """Expected figures, and how many of them were found."""
    figures_found: int = 0
    reported: int = 0
    """Figures the pipeline reported, and how many of them are real (an expected figure)."""
    reported_real: int = 0
    furniture: int = 0
    furniture_removed: int = 0
    problems: list[str] = field(default_factory=list)


def pages() -> list[Path]:
    return sorted(PAGES.glob("*/*.txt"))


def tools() -> tuple:
    vocab = load_vocabulary(DATA_DIR)
    return vocab, (
        SpeakerIndex(vocab.persons),
        Matcher(vocab),
        load_indicators(DATA_DIR / "indicators.yml"),
    )


def score_all(tmp: Path) -> list[PageScore]:
    vocab, pipeline = tools()
    out = []
    for i, page in enumerate(pages()):
        folder = tmp / str(i)
        folder.mkdir(parents=True)
        shutil.copy(page, folder / page.name)
        result = process_seed(folder / page.name, *pipeline)
        persons = {**vocab.persons, **result.persons}
        expected = yaml.safe_load(page.with_suffix("").with_suffix(".expected.yml").read_text())
        out.append(score_page(page, expected, result, persons))
    return out


def score_page(page: Path, exp: dict, result, persons: dict) -> PageScore:
    s = PageScore(page.parent.name, f"{page.parent.name}/{page.stem}")
    events = result.events
    errors = [i for i in result.issues if i.level == "error"]
    s.published = bool(events) and not errors and bool(result.audit and result.audit.ok)
    if not s.published:
        s.problems.append("not published: " + "; ".join(str(i) for i in errors[:2]))
    event = events[0] if events else None
    s.date_ok = event is not None and _date_ok(event.date, exp)
    if event and not s.date_ok:
        s.problems.append(
            f"date {event.date} (expected {exp.get('date') or exp.get('date_partial')})"
        )
    s.doc_type_ok = event is not None and event.doc_type == exp["doc_type"]
    if event and not s.doc_type_ok:
        s.problems.append(f"doc_type {event.doc_type} (expected {exp['doc_type']})")
    got = _speakers(events, persons)
    want = [n for n in exp.get("speakers") or [] if n]
    if exp.get("quotes"):  # a news report: each quote's paragraph, and no speech for anyone else
        wrong = _misattributed(exp["quotes"], events, persons)
        extra = [n for n in got if n.casefold() not in {w.casefold() for w in want}]
        s.speakers_ok = not wrong and not extra
        s.problems += [f"quote {q!r}: {who} (expected {exp_who})" for q, who, exp_who in wrong]
        if extra:
            s.problems.append(f"speeches of {extra} (expected only {want})")
    else:
        s.speakers_ok = [n.casefold() for n in got] == [n.casefold() for n in want]
        if not s.speakers_ok:
            s.problems.append(f"speakers {got} (expected {want})")
    _score_figures(s, exp, events)
    _score_furniture(s, exp, page, events)
    return s


def _date_ok(date, exp: dict) -> bool:
    """The expected date or one of `date_also_ok`; a page without a full date must stay undated
    (or, given only day and month, may carry them in some year the sidecar chose)."""
    ok = [str(d) for d in [exp.get("date"), *(exp.get("date_also_ok") or [])] if d]
    if date is None:
        return exp.get("date") is None
    if date.isoformat() in ok:
        return True
    partials = [p for p in [exp.get("date_partial"), *ok] if str(p).startswith("--")]
    return exp.get("date") is None and f"--{date:%m-%d}" in partials


def _speakers(events, persons: dict) -> list[str]:
    """Distinct named speakers in order of first appearance: the persons whose speeches (turns,
    or quotes a news report gives them) the page holds. A narration paragraph that paraphrases
    someone ('Putin stressed that ...') marks that person on the paragraph but is not their
    speech, as the expected files count it."""
    seen: dict[str, None] = {}
    for e in events:
        for sp in e.speeches:
            if sp.speaker:
                seen.setdefault(persons[sp.speaker].name if sp.speaker in persons else sp.speaker)
    return list(seen)


def _misattributed(quotes: list, events, persons: dict) -> list[tuple[str, str, str]]:
    """(quote, who the pipeline says, who the expected file says) for every quote whose
    paragraph is given to the wrong person (or to nobody); a quote not found counts as wrong."""
    out = []
    for q in quotes:
        start, want = " ".join(q["starts"].split()), q.get("speaker")
        who = None
        for e in events:
            for sp in e.speeches:
                for p in sp.paragraphs:
                    if start in " ".join(p.text.split()):
                        pid = p.speaker or sp.speaker
                        who = persons[pid].name if pid in persons else pid
                        break
                else:
                    continue
                break
        if (who or "").casefold() != (want or "").casefold():
            out.append((q["starts"], who or "nobody", want or "nobody"))
    return out


def _paragraphs(events):
    return [p for e in events for p in e.paragraphs]


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _overlaps(p, f, needle: str) -> bool:
    return any(a < f.end and f.start < b for a, b in _spans(p.text, needle))


def _score_figures(s: PageScore, exp: dict, events) -> None:
    wanted = [f["text"] for f in exp.get("figures") or []]
    not_figures = {str(x) for x in exp.get("not_figures") or []}
    found = [(p, f) for p in _paragraphs(events) for f in p.figures]
    s.figures = len(wanted)
    s.figures_found = sum(any(_overlaps(p, f, w) for p, f in found) for w in wanted)
    s.reported = len(found)
    s.reported_real = sum(
        f.quote not in not_figures and any(_overlaps(p, f, w) for w in wanted) for p, f in found
    )
    missed = [w for w in wanted if not any(_overlaps(p, f, w) for p, f in found)]
    if missed:
        s.problems.append(f"figures missed: {missed[:4]}")
    unreal = [f.quote for p, f in found if not any(_overlaps(p, f, w) for w in wanted)]
    if unreal:
        s.problems.append(f"figures not real: {unreal[:4]}")


def _score_furniture(s: PageScore, exp: dict, page: Path, events) -> None:
    """A furniture line is removed when no paragraph was built from a source line holding it."""
    lines = page.read_text(encoding="utf-8").split("\n")
    in_paragraph = {no for p in _paragraphs(events) for no in p.lines}
    for text in exp.get("furniture") or []:
        text = text.strip()
        where = [i for i, l in enumerate(lines, 1) if l.strip() == text] or [
            i for i, l in enumerate(lines, 1) if text in l
        ]
        s.furniture += 1
        if any(no in in_paragraph for no in where):
            s.problems.append(f"furniture in a paragraph: {text[:60]!r}")
        else:
            s.furniture_removed += 1


COLUMNS = (
    "files",
    "published",
    "date",
    "doc_type",
    "speakers",
    "figures found",
    "figures real",
    "furniture removed",
)


def totals(scores: list[PageScore]) -> dict[str, tuple[int, int]]:
    """Column → (right, out of)."""
    return {
        "files": (len(scores), len(scores)),
        "published": (sum(s.published for s in scores), len(scores)),
        "date": (sum(s.date_ok for s in scores), len(scores)),
        "doc_type": (sum(s.doc_type_ok for s in scores), len(scores)),
        "speakers": (sum(s.speakers_ok for s in scores), len(scores)),
        "figures found": (sum(s.figures_found for s in scores), sum(s.figures for s in scores)),
        "figures real": (sum(s.reported_real for s in scores), sum(s.reported for s in scores)),
        "furniture removed": (
            sum(s.furniture_removed for s in scores),
            sum(s.furniture for s in scores),
        ),
    }


def rate(pair: tuple[int, int]) -> float:
    return pair[0] / pair[1] if pair[1] else 1.0


def table(scores: list[PageScore]) -> str:
    """A Markdown table: one row per publisher folder, then the totals, then each page's problems."""
    by_publisher: dict[str, list[PageScore]] = defaultdict(list)
    for s in scores:
        by_publisher[s.publisher].append(s)
    head = "| publisher | " + " | ".join(COLUMNS) + " |"
    rows = [head, "|" + "---|" * (len(COLUMNS) + 1)]

    def row(name: str, group: list[PageScore]) -> str:
        t = totals(group)
        cells = [str(len(group))] + [f"{t[c][0]}/{t[c][1]}" for c in COLUMNS[1:]]
        return f"| {name} | " + " | ".join(cells) + " |"

    rows += [row(name, group) for name, group in sorted(by_publisher.items())]
    t = totals(scores)
    rows.append(
        "| **all** | "
        + " | ".join(
            [str(len(scores))]
            + [f"**{rate(t[c]):.0%}** ({t[c][0]}/{t[c][1]})" for c in COLUMNS[1:]]
        )
        + " |"
    )
    problems = [f"- `{s.page}`: " + "; ".join(s.problems) for s in scores if s.problems]
    return "\n".join(rows) + ("\n\nProblems:\n\n" + "\n".join(problems) if problems else "") + "\n"
