"""Topic pages, and the mention pages that topics, places and organisations share.

Every vocabulary entry gets a page, even with no mentions, so tag links never break. What the
page lists grows with the corpus (the events that name the entry, one row per event: a snippet of
the first paragraph naming it and numbered links to the others), so the list is cut into pages of
`config.excerpts_per_page` events: `topics/<id>.md`, `topics/<id>/page-2.md`, … The pager shows a
window of links, so even it stays bounded.

    >>> snippet("Bilateral trade grew <again> this year.", [(10, 15)], width=14)
    'Bilateral <mark>trade</mark> grew &#60;again&#62;…'
    >>> pager("topics/a-5.md", [f"topics/a-{i}.md" for i in range(1, 10)], 4, window=1)
    'Page 5 of 9: [1](a-1.md) … [4](a-4.md) **5** [6](a-6.md) … [9](a-9.md)'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from build_site.link.index import Ref
from build_site.model import Event
from build_site.render.markup import escape, inline
from build_site.render.paths import (
    long_date,
    page_of,
    page_paths,
    pager,
    paginate,
    rel,
    rel_dir,
)

if TYPE_CHECKING:
    from build_site.render.renderer import Renderer

SNIPPET = 48
"""Characters of context kept on each side of the first matched term (within its sentence): a
line or two of text, enough to see how the entry is spoken of."""
RELATED = 6
"""Topics most often found in the same paragraphs, shown besides the curated `related`."""


_SENTENCE_END = re.compile(r"[.!?…][»”\"')]*\s+")


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET) -> str:
    """Escaped Markdown of the sentence around the first span (at most `width` characters on
    either side of it), every whole span inside marked."""
    if not spans:
        return inline(text[: 2 * width]) + ("…" if len(text) > 2 * width else "")
    first, last = spans[0]
    a, b = max(0, first - width), min(len(text), last + width)
    # The sentence holding the mention, if it ends inside the window.
    for m in _SENTENCE_END.finditer(text, a, first):
        a = m.end()
    end = _SENTENCE_END.search(text, last, b)
    if end:
        b = end.start() + 1
    # Cut at spaces, so no word is halved (unless a word is longer than the window).
    if a > 0 and text[a - 1] != " " and " " in text[a:first]:
        a = text.index(" ", a, first) + 1
    if b < len(text) and not end and " " in text[last:b]:
        b = text.rindex(" ", last, b)
    inserts: list[tuple[int, str]] = []
    taken = a
    for s, e in sorted(spans):
        if taken <= s and e <= b:  # a span overlapping an earlier one stays unmarked
            inserts += [(s - a, "<mark>"), (e - a, "</mark>")]
            taken = e
    return (
        ("…" if a > 0 and not end_before(text, a) else "")
        + inline(text[a:b].strip(), _shift(inserts, text[a:b]))
        + ("…" if b < len(text) and not end else "")
    )


def end_before(text: str, at: int) -> bool:
    """True when `at` starts a sentence (nothing of the paragraph left out before it but whole
    sentences)."""
    return _SENTENCE_END.match(text, max(0, at - 4), at) is not None or bool(
        re.search(r"[.!?…][»”\"')]*\s+$", text[max(0, at - 6) : at])
    )


def _shift(inserts: list[tuple[int, str]], piece: str) -> list[tuple[int, str]]:
    lead = len(piece) - len(piece.lstrip())
    limit = len(piece.strip())
    return [(min(max(0, off - lead), limit), markup) for off, markup in inserts]


Named = list[tuple[Event, tuple[str, ...], str]]
"""An entry's events, newest first, each with the anchors of its paragraphs naming the entry and
the digest of its row (Renderer.named)."""

G = TypeVar("G", bound=tuple[Any, ...])

PARAGRAPHS_PER_EVENT = 4
"""A page holds at most config.excerpts_per_page events and this many times as many paragraph
links, so an archive of long speeches naming the entry everywhere still gives bounded pages."""


def chunk_events(named: Sequence[G], size: int, links: int | None = None) -> list[list[G]]:
    """Cut a list grouped by event ((event, items of it, …) each) into pages: at most `size`
    events and `links` items (default PARAGRAPHS_PER_EVENT * size) a page; an event is never
    split: one with more items fills a page alone.

    >>> e = lambda n: (f"e{n}", ("p",) * n, "")
    >>> [[x for x, _, _ in c] for c in chunk_events([e(1), e(2), e(9), e(1)], 2)]
    [['e1', 'e2'], ['e9'], ['e1']]
    """
    limit = PARAGRAPHS_PER_EVENT * size if links is None else links
    chunks: list[list[G]] = []
    chunk: list[G] = []
    count = 0
    for item in named:
        n = len(item[1])
        if chunk and (len(chunk) >= size or count + n > limit):
            chunks.append(chunk)
            chunk, count = [], 0
        chunk.append(item)
        count += n
    return [*chunks, chunk] if chunk or not chunks else chunks


def _who(r: Renderer, ref: Ref) -> str:
    if ref.speaker:
        return r.name_of("person", ref.speaker)
    return "Lead" if ref.speech is None else (ref.speech.label or "Narration")


def refs_of(r: Renderer, e: Event, anchors: tuple[str, ...]) -> list[Ref]:
    return [r.index.refs[(e.id, a)] for a in anchors]


def paragraphs_of(r: Renderer, named: Named) -> Iterator[Ref]:
    """Every paragraph naming the entry, as a Ref."""
    for e, anchors, _ in named:
        yield from refs_of(r, e, anchors)


def event_rows(r: Renderer, page: str, kind: str, id: str, chunk: Named, quote: bool = True):
    """One row per event of a page, ready to print (escaped; links are .md paths, the list is
    written as HTML: see topic_excerpts.md.j2). The title links to the first paragraph naming the
    entry, the snippet (`quote`) quotes it, and the event's further paragraphs follow as numbered
    links grouped by speaker: ("Vladimir Putin", [(9, href), (12, href)]); who is None where the
    speaker is the one before."""
    rows = []
    events_dir = rel_dir(page, "events")
    for e, anchors, _ in chunk:
        url = f"{events_dir}{e.id}.md"
        refs = refs_of(r, e, anchors)
        first = refs[0]
        spans = [
            (m.start, m.end) for m in first.paragraph.mentions if m.kind == kind and m.id == id
        ]
        more: list[tuple[str | None, list[tuple[int, str]]]] = []
        who = _who(r, first)
        for ref in refs[1:]:
            link = (r.paragraph_number(e, ref.paragraph.anchor), f"{url}#{ref.paragraph.anchor}")
            speaker = _who(r, ref)
            if more and speaker == who:
                more[-1][1].append(link)
            else:
                more.append((None if speaker == who else escape(speaker), [link]))
            who = speaker
        rows.append(
            {
                "href": f"{url}#{first.paragraph.anchor}",
                "title": escape(e.title),
                "date": long_date(e),
                "text": snippet(first.paragraph.text, spans) if quote else "",
                "who": escape(_who(r, first)),
                "n": r.paragraph_number(e, first.paragraph.anchor),
                "more": more,
            }
        )
    return rows


def mention_pages(
    r: Renderer,
    kind: str,
    id: str,
    template: str,
    base: str | None = None,
    extra: list | None = None,
    inputs: object = (),
    first_inputs: object = (),
    first_context: Callable[[Named], dict] | None = None,
    reads: frozenset[tuple] = frozenset(),
    **context,
) -> dict[str, str]:
    """Render `template` once per page of the events naming the entry (one row each: a snippet of
    the first paragraph naming it, linked, and numbered links to the others) [and of an `extra`
    list of events].

    Each list is cut by chunk_events / config.excerpts_per_page; the template receives this page's
    slice of each (`rows`, `extra`), the `totals`, `part`/`pager`, and `first` (page one holds the
    bounded facts: description, terms, indicators…; `first_context(named)` makes those drawn from
    every paragraph, only when page one is rendered).

    A page's cache key is made before any of its content, from the versions of the events it lists
    (r.v: an event's version changes with its seed or sidecar), the page count and totals, and for
    page one the versions of all the entry's events and `first_inputs`; `inputs` counts for every
    page. `context` (vocabulary entries and facts drawn from them) is part of every key.

    The pages are not even keyed when the dependency record shows that nothing they read
    changed: the entry's rows ((kind, id), see Renderer.contributions) and `reads`, what
    `extra`, `inputs` and `first_inputs` are made from."""
    unit = (kind, id)
    kept = r.kept(unit)
    if kept is not None:
        return kept
    size = r.config.excerpts_per_page
    named = r.named(kind, id)
    excerpt_chunks = chunk_events(named, size)
    extra_chunks = paginate(extra or [], size)
    paths = page_paths(base or page_of(kind, id)[:-3], max(len(excerpt_chunks), len(extra_chunks)))
    pages = {}
    totals = {
        "paragraphs": paragraph_count(named),
        "events": len(named),
        "extra": len(extra or []),
    }
    common = r.cache and (inputs, len(paths), tuple(totals.values()), r.speakers_sig(), context)
    sigs = lambda chunk: tuple(sig for _, _, sig in chunk)  # noqa: E731
    for i, page in enumerate(paths):
        pick = lambda chunks, i=i: chunks[i] if i < len(chunks) else []  # noqa: E731
        chunk, more = pick(excerpt_chunks), pick(extra_chunks)
        key = r.cache and (
            common,
            (first_inputs, sigs(named)) if i == 0 else (),
            sigs(chunk),
            tuple(r.line_sig(e) for e in more),
        )

        def render(i=i, page=page, chunk=chunk, more=more) -> str:
            facts = first_context(named) if first_context and i == 0 else {}
            return r.template(
                template,
                page=page,
                r=r,
                part=i + 1,
                parts=len(paths),
                first=i == 0,
                pager=pager(page, paths, i),
                first_page=rel(page, paths[0]),
                rows=event_rows(r, page, kind, id, chunk),
                extra=more,
                totals=totals,
                **context,
                **facts,
            )

        pages[page] = r.cached(page, key, render)
    r.made(unit, {unit, *reads}, pages)
    return pages


# --- topics ------------------------------------------------------------------------------------


def matched_terms(r: Renderer, kind: str, id: str, named: Named) -> list[tuple[str, int]]:
    """Each keyword as matched (first spelling seen), with the number of paragraphs it was found in."""
    counts: Counter = Counter()
    spelling: dict[str, str] = {}
    for ref in paragraphs_of(r, named):
        found = {
            m.term.casefold(): m.term
            for m in ref.paragraph.mentions
            if m.id == id and m.kind == kind
        }
        for folded, term in found.items():
            spelling.setdefault(folded, term)
            counts[folded] += 1
    return [(spelling[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def co_topics(r: Renderer, tid: str, named: Named, limit: int = RELATED) -> list[tuple[str, int]]:
    """Topics found most often in the same paragraphs as `tid` (`named`: its events)."""
    counts: Counter = Counter()
    for ref in paragraphs_of(r, named):
        counts.update({m.id for m in ref.paragraph.mentions if m.kind == "topic" and m.id != tid})
    return [
        (t, n)
        for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if t in r.corpus.topics
    ][:limit]


def paragraph_count(named: Named) -> int:
    return sum(len(anchors) for _, anchors, _ in named)


def topic_pages(r: Renderer) -> dict[str, str]:
    pages: dict[str, str] = {}
    rows = []
    for tid, topic in sorted(r.corpus.topics.items(), key=lambda kv: kv[1].name.casefold()):
        indicators = sorted(
            (i for i in r.corpus.indicators.values() if i.topic == tid), key=lambda i: i.name
        )
        related = [t for t in topic.related if t in r.corpus.topics]

        def facts(named: Named, tid=tid, related=related) -> dict:
            return {
                "terms": matched_terms(r, "topic", tid, named),
                "together": [(t, n) for t, n in co_topics(r, tid, named) if t not in related],
            }

        pages.update(
            mention_pages(
                r,
                "topic",
                tid,
                "topic.md.j2",
                first_context=facts,
                topic=topic,
                indicators=indicators,
                related=related,
            )
        )
        rows.append(topic)
    pages.update(index_of(r, "topic", "topics/index.md", "topics_index.md.j2", rows))
    return pages


def index_of(r: Renderer, kind: str, page: str, template: str, entries: list) -> dict[str, str]:
    """The index of a kind's entries, each with its paragraphs and events: not even keyed when
    the dependency record shows no event's counts for the kind changed ((kind, '*'))."""
    kept = r.kept((kind, "*"))
    if kept is not None:
        return kept
    rows = []
    for entry in entries:
        named = r.named(kind, entry.id)
        rows.append((entry, paragraph_count(named), len(named)))
    made = {
        page: r.cached(
            page,
            tuple((t.id, n, e) for t, n, e in rows),
            lambda: r.template(template, page=page, rows=rows),
        )
    }
    r.made((kind, "*"), {(kind, "*")}, made)
    return made
