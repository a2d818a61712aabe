"""Topic pages, and the mention pages that topics, places and organisations share.

Every vocabulary entry gets a page, even with no mentions, so tag links never break. What the
page lists grows with the corpus (the events that name the entry, one excerpt per paragraph), so
both lists are cut into pages of `config.page_size`: `topics/<id>.md`, `topics/<id>/page-2.md`, …
The pager shows a window of links, so even it stays bounded.

    >>> snippet("Bilateral trade grew <again> this year.", [(10, 15)], width=14)
    'Bilateral <mark>trade</mark> grew &#60;again&#62;…'
    >>> pager("topics/a-5.md", [f"topics/a-{i}.md" for i in range(1, 10)], 4, window=1)
    'Page 5 of 9: [1](a-1.md) … [4](a-4.md) **5** [6](a-6.md) … [9](a-9.md)'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_site.link.index import Ref
from build_site.model import Event, Mention
from build_site.render.maps import url_rel
from build_site.render.markup import inline
from build_site.render.paths import event_page, page_of, page_paths, pager, paginate, rel

if TYPE_CHECKING:
    from build_site.render.renderer import Renderer

SNIPPET = 90
"""Characters of context kept on each side of the first matched term."""
RELATED = 6
"""Topics most often found in the same paragraphs, shown besides the curated `related`."""


@dataclass(frozen=True)
class Excerpt:
    ref: Ref
    mentions: tuple[Mention, ...]
    """This entry's mentions in the paragraph, in text order."""

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.term for m in self.mentions))


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


def excerpts(r: Renderer, kind: str, id: str) -> list[Excerpt]:
    """One excerpt per paragraph naming the entry: events newest first, paragraphs in text order."""
    rank = {e.id: n for n, e in enumerate(r.events)}
    seen: dict[tuple[str, str], Ref] = {}
    for ref, _term in r.index.mentions.get((kind, id), ()):
        seen.setdefault((ref.event.id, ref.paragraph.anchor), ref)
    out = [
        Excerpt(ref, tuple(m for m in ref.paragraph.mentions if (m.kind, m.id) == (kind, id)))
        for ref in seen.values()
    ]
    order = {key: n for n, key in enumerate(seen)}
    return sorted(
        out,
        key=lambda x: (
            rank.get(x.ref.event.id, len(rank)),
            order[(x.ref.event.id, x.ref.paragraph.anchor)],
        ),
    )


def excerpt_groups(
    r: Renderer, page: str, items: list[Excerpt]
) -> list[tuple[Event, str, list[dict]]]:
    """Excerpts of one page grouped by event, each ready to print: snippet, link, who speaks.
    Links are final URLs: the list is written as HTML (see topic_excerpts.md.j2)."""
    groups: dict[str, tuple[Event, list[dict]]] = {}
    for x in items:
        ref = x.ref
        who = (
            r.name_of("person", ref.speaker)
            if ref.speaker
            else ("Lead" if ref.speech is None else "Paragraph")
        )
        groups.setdefault(ref.event.id, (ref.event, []))[1].append(
            {
                "text": snippet(ref.paragraph.text, [(m.start, m.end) for m in x.mentions]),
                "href": url_rel(page, event_page(ref.event)) + "#" + ref.paragraph.anchor,
                "who": who,
                "terms": x.terms,
            }
        )
    return [(e, url_rel(page, event_page(e)), rows) for e, rows in groups.values()]


class Lazy:
    """A piece of a page made only if the page is rendered (the page cache may skip it); left
    out of the page's inputs, so whoever passes one names what it depends on in `inputs`."""

    def __init__(self, make):
        self.make = make

    def __str__(self) -> str:
        return self.make()


def mention_pages(
    r: Renderer,
    kind: str,
    id: str,
    template: str,
    base: str | None = None,
    extra: list | None = None,
    items: list[Excerpt] | None = None,
    inputs: object = (),
    **context,
) -> dict[str, str]:
    """Render `template` once per page of the entry's excerpts (one per paragraph naming it, a
    sentence each, grouped by event, linked to the paragraph) [and of an `extra` list of events].

    Each list is cut at config.excerpts_per_page; the template receives this page's slice of each
    (`groups`, `extra`), the `totals`, `part`/`pager`, and `first` (page one holds the bounded
    facts: description, terms, indicators…, drawn from every excerpt). A page is rendered again
    only when its own events, the totals or, for page one, any of the entry's events changed
    (`inputs`: whatever else the context depends on)."""
    size = r.config.excerpts_per_page
    items = excerpts(r, kind, id) if items is None else items
    excerpt_chunks = paginate(items, size)
    extra_chunks = paginate(extra or [], size)
    paths = page_paths(base or page_of(kind, id)[:-3], max(len(excerpt_chunks), len(extra_chunks)))
    pages = {}
    totals = {
        "paragraphs": len(items),
        "events": len({x.ref.event.id for x in items}),
        "extra": len(extra or []),
    }
    # (totals counted once: per page it was quadratic in the mentions)
    facts = tuple((k, v) for k, v in context.items() if not isinstance(v, Lazy)) if r.cache else ()
    for i, page in enumerate(paths):
        pick = lambda chunks, i=i: chunks[i] if i < len(chunks) else []  # noqa: E731
        chunk, more = pick(excerpt_chunks), pick(extra_chunks)
        key = r.cache and (
            inputs,
            len(paths),
            tuple(totals.values()),
            facts if i == 0 else (),
            tuple(r.ref_sig(x.ref) + tuple(m.start for m in x.mentions) for x in chunk),
            tuple(r.line_sig(e) for e in more),
        )
        pages[page] = r.cached(
            page,
            key,
            lambda i=i, page=page, chunk=chunk, more=more: r.template(
                template,
                page=page,
                r=r,
                part=i + 1,
                parts=len(paths),
                first=i == 0,
                pager=pager(page, paths, i),
                first_page=rel(page, paths[0]),
                groups=excerpt_groups(r, page, chunk),
                extra=more,
                totals=totals,
                **context,
            ),
        )
    return pages


# --- topics ------------------------------------------------------------------------------------


def matched_terms(items: list[Excerpt]) -> list[tuple[str, int]]:
    """Each keyword as matched (first spelling seen), with the number of paragraphs it was found in."""
    counts: Counter = Counter()
    spelling: dict[str, str] = {}
    for x in items:
        for t in {t.casefold(): t for t in x.terms}.items():
            spelling.setdefault(t[0], t[1])
            counts[t[0]] += 1
    return [(spelling[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def co_topics(
    r: Renderer, tid: str, items: list[Excerpt], limit: int = RELATED
) -> list[tuple[str, int]]:
    """Topics found most often in the same paragraphs as `tid` (`items`: its excerpts)."""
    counts: Counter = Counter()
    for x in items:
        counts.update({m.id for m in x.ref.paragraph.mentions if m.kind == "topic" and m.id != tid})
    return [
        (t, n)
        for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if t in r.corpus.topics
    ][:limit]


def topic_pages(r: Renderer) -> dict[str, str]:
    pages: dict[str, str] = {}
    rows = []
    for tid, topic in sorted(r.corpus.topics.items(), key=lambda kv: kv[1].name.casefold()):
        items = excerpts(r, "topic", tid)
        indicators = sorted(
            (i for i in r.corpus.indicators.values() if i.topic == tid), key=lambda i: i.name
        )
        related = [t for t in topic.related if t in r.corpus.topics]
        pages.update(
            mention_pages(
                r,
                "topic",
                tid,
                "topic.md.j2",
                items=items,
                topic=topic,
                terms=matched_terms(items),
                indicators=indicators,
                related=related,
                together=[(t, n) for t, n in co_topics(r, tid, items) if t not in related],
            )
        )
        rows.append((topic, len(items), len({x.ref.event.id for x in items})))
    pages["topics/index.md"] = r.cached(
        "topics/index.md",
        tuple((t.id, n, e) for t, n, e in rows),
        lambda: r.template("topics_index.md.j2", page="topics/index.md", rows=rows),
    )
    return pages
