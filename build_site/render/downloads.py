"""Downloads that explain themselves: every file of `downloads/`, the Atom feed, and the Downloads
page listing them with their sizes and licence.

    downloads/corpus.json, figures.csv            (render/export.py)
    downloads/tei/<event-id>.xml, tei/corpus.xml  (render/tei.py)
    downloads/citations.json, citations.bib       (render/citations.py)
    downloads/indicators/<id>.csv, <id>.json      (render/indicator_data.py)
    feed.xml                                      (render/feed.py)
    downloads/index.md                            the Downloads page, last: it knows every size

Pure: yields (path, content); nothing is read or written here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Protocol

from build_site.config import Config
from build_site.link.index import Index, Statement
from build_site.model import Corpus, Event
from build_site.render.citations import (
    LICENCE_NAME,
    LICENCE_NOTE,
    LICENCE_URL,
    accessed,
    bibtex,
    bibtex_entry,
    csl_entry,
    csl_json,
)
from build_site.render.environment import PageStore, description
from build_site.render.export import (
    corpus_json_chunks,
    event_json,
    figures_csv_chunks,
    figures_csv_rows,
)
from build_site.render.feed import FEED_PATH, NEWEST, atom_feed, newest
from build_site.render.indicator_data import indicator_csv, indicator_meta
from build_site.render.markup import escape
from build_site.render.tei import corpus_tei, event_tei, tei_path

Content = str | Iterable[str] | Iterable[bytes]
"""A file's text, or its chunks as text or as UTF-8 (a large download is streamed)."""


class _Counted:
    """A stream of chunks that counts its UTF-8 bytes as the writer consumes it; `make` gives
    the chunks (again, to count them when nobody read the stream)."""

    def __init__(self, make: Callable[[], Iterable[str]]):
        self.make, self.size, self.done = make, 0, False

    def __iter__(self) -> Iterator[bytes]:
        """The chunks as UTF-8, encoded once: for the count and for the writer (36 MB twice was
        a twentieth of a one-seed regeneration at 1,000 events)."""
        for chunk in self.make():
            data = chunk.encode("utf-8")
            self.size += len(data)
            yield data
        self.done = True


def _size(content: str) -> int:
    return len(content.encode("utf-8"))


# --- every download, then the page ----------------------------------------------------------


def downloads(
    corpus: Corpus,
    index: Index,
    config: Config,
    extra: Iterable[tuple[str, str]] = (),
    cache: PageStore | None = None,
    versions: dict[str, str] | None = None,
    memo: Parts | None = None,
    sigs: Callable[[Sequence[Statement]], list] | None = None,
) -> Iterator[tuple[str, Content]]:
    """Every download (and `extra` ones, e.g. `downloads/corpus.schema.json`), then the page
    listing them.

    With a page cache and the events' versions, a file whose inputs are unchanged comes out as
    the cache's UNCHANGED marker (its size from the cache); with a memo, a corpus-wide file that
    must be made again takes every unchanged event's part of it (its corpus.json entry, CSV rows,
    citations) from the memo, so one edited seed costs one event's work, not the archive's;
    `sigs` gives what each statement's row in its indicator's CSV depends on."""
    files = _Files(cache, versions)
    when = accessed(corpus)
    if sigs is None:  # what the rows of an indicator's CSV show (Renderer.st_sigs gives it cheaply)
        sigs = lambda sts: [  # noqa: E731
            (repr(st.figure), st.ref.event.id, files.state([st.ref.event])) for st in sts
        ]

    def part(kind: str, make: Callable[[Event], str]) -> Callable[[Event], str]:
        if memo is None or versions is None:
            return make
        planned: list[bool] = []

        def key_of(e: Event) -> tuple:
            return ("download", kind, versions[e.id], config.public_url, when)

        def cached(e: Event) -> str:
            key = key_of(e)
            if not planned and hasattr(memo, "plan"):  # the parts are asked for in date order
                planned.append(True)
                memo.plan([key_of(x) for x in sorted(corpus.events, key=_date_order)])
            text = memo.get(key)
            if text is None:
                text = memo[key] = make(e)
            return text

        return cached

    archive = files.state(corpus.events)  # what the corpus-wide files depend on
    yield files.file(
        "downloads/corpus.json",
        archive,
        lambda: _Counted(partial(corpus_json_chunks, corpus, part("corpus.json", event_json))),
    )
    corpus_wide: tuple[tuple[str, Callable[[], str | _Counted]], ...] = (
        (  # streamed too: 30 MB at 5,000 events
            "downloads/figures.csv",
            lambda: _Counted(
                partial(figures_csv_chunks, corpus, part("figures.csv", figures_csv_rows))
            ),
        ),
        (
            "downloads/citations.json",
            lambda: csl_json(
                corpus, config, part("citations.json", lambda e: csl_entry(corpus, config, e))
            ),
        ),
        (
            "downloads/citations.bib",
            lambda: bibtex(
                corpus,
                config,
                part("citations.bib", lambda e: bibtex_entry(corpus, config, e, when)),
            ),
        ),
        ("downloads/tei/corpus.xml", lambda: corpus_tei(corpus, config)),
        (
            FEED_PATH,
            lambda: atom_feed(corpus, config, {e.id: description(e) for e in newest(corpus)}),
        ),
    )
    for path, make in corpus_wide:
        yield files.file(path, archive, make)
    for e in sorted(corpus.events, key=lambda e: (e.sort_date, e.id)):
        # an event's TEI depends on the event (its version) and on what the cache's fingerprint
        # covers (code, vocabularies, settings); the archive's newest date is in its header
        yield files.file(
            tei_path(e),
            ((versions or {}).get(e.id, e.id), when),
            partial(event_tei, e, corpus, config),
        )
    for ind in sorted(corpus.indicators.values(), key=lambda i: i.id):
        statements = index.statements.get(ind.id, ())
        # the statements, the archive's size and newest date (in the metadata's scope)
        inputs = (tuple(sigs(statements)), len(corpus.events), when)
        yield files.file(
            f"downloads/indicators/{ind.id}.csv",
            inputs,
            partial(indicator_csv, corpus, config, statements),
        )
        yield files.file(
            f"downloads/indicators/{ind.id}.json",
            inputs,
            partial(indicator_meta, corpus, config, ind, statements),
        )
    for path, content in extra:
        yield files.file(path, content, partial(str, content))
    final = {p: s if isinstance(s, int) else _settled(s) for p, s in files.sizes.items()}
    yield files.file(
        "downloads/index.md",
        (archive, sorted(final.items())),
        lambda: downloads_page(corpus, final),
    )


def _date_order(e: Event) -> tuple:
    return (e.sort_date, e.id)


class Parts(Protocol):
    """Where each event's part of a corpus-wide download is kept between builds (write.parts)."""

    def get(self, key: tuple, default: str | None = None) -> str | None: ...

    def __setitem__(self, key: tuple, value: str) -> None: ...


class _Files:
    """Yields each download as made, or as the page cache's UNCHANGED marker when made before
    from the same inputs, and keeps every file's size for the Downloads page."""

    def __init__(self, cache: PageStore | None, versions: dict[str, str] | None):
        self.cache = cache if versions is not None else None
        self.versions = versions or {}
        self.sizes: dict[str, int | _Counted] = {}

    def state(self, events: Iterable[Event]) -> str:
        """A digest of these events' versions, each once, in order."""
        ids = dict.fromkeys(e.id for e in events)
        joined = "\0".join(self.versions.get(i, i) for i in ids)
        return hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()

    def file(
        self, path: str, inputs: object, make: Callable[[], str | _Counted]
    ) -> tuple[str, Content]:
        key = self.cache.key(path, inputs) if self.cache is not None else None
        if self.cache is not None and key is not None:
            hit = self.cache.get(path, key)
            if hit is not None:
                self.sizes[path] = self.cache.size(path)
                return path, hit
        content = make()
        if self.cache is not None and key is not None:
            self.cache.put(path, key)
        self.sizes[path] = content if isinstance(content, _Counted) else _size(content)
        return path, content


def _settled(counted: _Counted) -> int:
    """The size of a streamed file; counted again when nobody read the stream (a caller that only
    listed paths)."""
    if counted.done:
        return counted.size
    return sum(len(c.encode("utf-8")) for c in counted.make())


def human(size: int) -> str:
    """
    >>> human(512), human(2048), human(5 * 1024 * 1024)
    ('512 bytes', '2.0 KB', '5.0 MB')
    """
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


TEI_LISTED = 10
"""Event TEI files listed by name on the Downloads page (the newest)."""


def downloads_page(corpus: Corpus, sizes: dict[str, int]) -> str:
    """The Downloads page (downloads/index.md): links relative to downloads/."""

    def row(path: str, what: str, label: str | None = None) -> str:
        href = path.removeprefix("downloads/") if path.startswith("downloads/") else f"../{path}"
        return f"| [{label or href.rsplit('/', 1)[-1]}]({href}) | {what} | {human(sizes[path])} |"

    tei = [p for p in sizes if p.startswith("downloads/tei/") and not p.endswith("corpus.xml")]
    ind_csv = [p for p in sizes if p.startswith("downloads/indicators/") and p.endswith(".csv")]
    ind_json = [p for p in sizes if p.startswith("downloads/indicators/") and p.endswith(".json")]
    schema = "downloads/corpus.schema.json"
    lines = [
        "---",
        'title: "Downloads"',
        'description: "Every text, figure and citation of the archive as data: JSON, CSV, TEI, CSL-JSON, BibTeX and an Atom feed."',
        "---",
        "",
        "# Downloads",
        "",
        "Everything on the site, as data. Every record carries the address of the page and "
        "paragraph it comes from (`events/<id>/#<anchor>`), so a number or a quote can always be "
        "checked in its context.",
        "",
        f"**Licence.** {LICENCE_NOTE.replace(LICENCE_NAME, f'[{LICENCE_NAME}]({LICENCE_URL})')} "
        "Cite the archive as in its [CITATION.cff](https://github.com/speech-archive/russia-kazakhstan/blob/main/CITATION.cff) "
        "and each event as its page's *Cite* menu shows.",
        "",
        "## The whole archive",
        "",
        "| file | what it holds | size |",
        "|---|---|---|",
        row(
            "downloads/corpus.json",
            "Every event, speech and paragraph with its anchor, mentions "
            "and figures; persons, places, topics, organisations and indicators."
            + (
                " Its format: [corpus.schema.json](corpus.schema.json) (JSON Schema)."
                if schema in sizes
                else ""
            ),
        ),
    ]
    if schema in sizes:
        lines.append(row(schema, "The JSON Schema (draft 2020-12) that corpus.json follows."))
    lines += [
        row(
            "downloads/figures.csv",
            "Every figure: value, unit, period, indicator, speaker, paragraph.",
        ),
        row(
            "downloads/tei/corpus.xml",
            f"TEI (Parla-CLARIN / ParlaMint encoding): a teiCorpus with every speaker, including the {len(tei)} event files below.",
        ),
        row(
            "downloads/citations.json",
            "CSL-JSON, one entry per event: import into Zotero, Mendeley or pandoc.",
        ),
        row("downloads/citations.bib", "BibTeX, one `@misc` entry per event."),
        row(
            FEED_PATH,
            f"Atom feed of the {min(NEWEST, len(corpus.events))} newest events.",
            "feed.xml",
        ),
        "",
        "## Events as TEI",
        "",
        "One file per event, `tei/<event-id>.xml`, linked from the *Cite* menu of its page: `u` "
        "per speech (`who` the speaker, `xml:id` the speech's anchor), `seg` per paragraph "
        "(`xml:id` the paragraph's anchor), `measure` around every figure (`type` its indicator), "
        "`note` and `gap` for editorial marks. "
        f"{len(tei)} files, {human(sum(sizes[p] for p in tei))} in all; the newest:",
        "",
        "| file | event | size |",
        "|---|---|---|",
    ]
    # the newest few only: a row per event would grow the page with the archive
    newest_tei = [tei_path(e) for e in newest(corpus)][:TEI_LISTED]
    titles = {
        tei_path(e): f"{e.title}, {e.date.isoformat() if e.date else 'undated'}"
        for e in corpus.events
    }
    lines += [row(p, escape(titles.get(p, ""))) for p in newest_tei if p in sizes]
    lines += [
        "",
        "## Indicators",
        "",
        "For each indicator, a CSV of every statement (value, unit, period, speaker, event, date, "
        "paragraph address) and a JSON file that explains it: definition, unit, scope, how the "
        "figures were extracted, the CSV's columns, how to cite it, licence.",
        "",
        "| indicator | statements | metadata |",
        "|---|---|---|",
    ]
    for c, j in zip(sorted(ind_csv), sorted(ind_json)):
        ind = corpus.indicators.get(c.rsplit("/", 1)[-1].removesuffix(".csv"))
        name = escape(ind.name if ind else c)
        lines.append(
            f"| {name} | [CSV]({c.removeprefix('downloads/')}) ({human(sizes[c])}) "
            f"| [JSON]({j.removeprefix('downloads/')}) ({human(sizes[j])}) |"
        )
    return "\n".join(lines) + "\n"
