"""Downloads that explain themselves: every file of `downloads/`, the Atom feed, and the Downloads
page listing them with their sizes and licence.

    downloads/corpus.json, figures.csv            (render/export.py)
    downloads/tei/<event-id>.xml, tei/corpus.xml  (render/tei.py)
    downloads/citations.json, citations.bib       (render/citations.py)
    downloads/indicators/<id>.csv                 every statement of one indicator
    downloads/indicators/<id>.json                its metadata: definition, unit, scope, method,
                                                  how to cite, licence, the CSV's columns
    feed.xml                                      (render/feed.py)
    downloads/index.md                            the Downloads page, last: it knows every size

Pure: yields (path, content); nothing is read or written here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from build_site.config import Config
from build_site.link.index import Index, Statement
from build_site.model import Corpus, Indicator
from build_site.render.citations import (
    ARCHIVE_NAME,
    LICENCE_NAME,
    LICENCE_NOTE,
    LICENCE_URL,
    accessed,
    bibtex,
    csl_json,
    event_url,
)
from build_site.render.export import corpus_json_chunks, figures_csv
from build_site.render.feed import FEED_PATH, NEWEST, atom_feed, newest
from build_site.render.markup import escape
from build_site.render.renderer import PageStore, description
from build_site.render.tei import corpus_tei, event_tei, tei_path

Content = str | Iterable[str]

INDICATOR_COLUMNS = {
    "value": "The value as normalised (e.g. 28000000000 for 'US$28 billion').",
    "low": "Lower bound, when a range is stated.",
    "high": "Upper bound, when a range is stated.",
    "qualifier": "'over', 'about', 'record'… as said.",
    "unit": "Unit of the value (USD, percent, a counted noun…).",
    "period": "What the value is about: a year (2024), a span (2020/2022), 'target:2030', 'cumulative'.",
    "quote": "The figure exactly as printed in the text.",
    "speaker": "Person id of who states it (persons/<id>/ on the site).",
    "speaker_name": "Their name.",
    "event": "Event id (events/<id>/ on the site).",
    "event_title": "The event's title.",
    "date": "Date of the event (ISO 8601).",
    "url": "The paragraph stating it: the page's address with the paragraph's anchor.",
}
METHOD = (
    "Figures are found by the archive's extractor (build_site/extract/figures.py): numbers with a "
    "unit or counted noun, normalised to a value, with the period they are about read from the "
    "sentence. An indicator is assigned when every pattern of its definition in indicators.yml "
    "matches the context of the figure (its clause, then sentence, then the sentence before), and "
    "the figure's unit is one the indicator accepts. Statements are as said, not checked against "
    "official statistics."
)


class _Counted:
    """A stream of chunks that counts its UTF-8 bytes as the writer consumes it."""

    def __init__(self, chunks: Iterable[str]):
        self.chunks, self.size, self.done = chunks, 0, False

    def __iter__(self) -> Iterator[str]:
        for chunk in self.chunks:
            self.size += len(chunk.encode("utf-8"))
            yield chunk
        self.done = True


def _num(x: float | None) -> str | None:
    """28000000000 rather than 28000000000.0; fractions as they are."""
    return None if x is None else (str(int(x)) if float(x).is_integer() else repr(x))


def _size(content: str) -> int:
    return len(content.encode("utf-8"))


# --- per indicator --------------------------------------------------------------------------


def indicator_csv(corpus: Corpus, config: Config, statements: Iterable[Statement]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(INDICATOR_COLUMNS), lineterminator="\n")
    w.writeheader()
    for st in statements:
        f, e = st.figure, st.ref.event
        who = st.ref.speaker
        w.writerow(
            {
                "value": _num(f.value),
                "low": _num(f.low),
                "high": _num(f.high),
                "qualifier": f.qualifier,
                "unit": f.unit,
                "period": f.period,
                "quote": f.quote,
                "speaker": who,
                "speaker_name": corpus.persons[who].name if who in corpus.persons else who,
                "event": e.id,
                "event_title": e.title,
                "date": e.date.isoformat() if e.date else None,
                "url": event_url(config, e, f.paragraph),
            }
        )
    return buf.getvalue()


def indicator_meta(
    corpus: Corpus, config: Config, ind: Indicator, statements: tuple[Statement, ...]
) -> str:
    base = config.public_url
    dates = sorted(d for d in (st.ref.event.date for st in statements) if d)
    speakers = sorted({st.ref.speaker for st in statements if st.ref.speaker})
    cite = (
        f"{ARCHIVE_NAME}, “{ind.name}”: statements by {len(speakers)} speaker(s), "
        f"{len(statements)} statement(s). {base}indicators/{ind.id}/ "
        f"(data: {base}downloads/indicators/{ind.id}.csv)"
    )
    meta = {
        "id": ind.id,
        "name": ind.name,
        "definition": ind.description or ind.name,
        "unit": ind.unit,
        "units_accepted": list(ind.units),
        "topic": ind.topic,
        "kind": "stock (a level accumulated over time)" if ind.stock else "flow or count",
        "scope": (
            f"Statements made in the archive's texts ({len(corpus.events)} events, "
            f"{dates[0].isoformat() + ' to ' + dates[-1].isoformat() if dates else 'none yet'}) "
            "that state this indicator: what was said, by whom and when; not official statistics."
        ),
        "statements": len(statements),
        "speakers": speakers,
        "periods": sorted({st.figure.period for st in statements if st.figure.period}),
        "method": METHOD,
        "patterns": list(ind.patterns),
        "page": f"{base}indicators/{ind.id}/",
        "data": f"{base}downloads/indicators/{ind.id}.csv",
        "columns": INDICATOR_COLUMNS,
        "how_to_cite": cite,
        "citation": {
            "type": "dataset",
            "id": f"indicator-{ind.id}",
            "title": f"{ind.name} (statements)",
            "author": [{"literal": ARCHIVE_NAME}],
            "publisher": ARCHIVE_NAME,
            "URL": f"{base}indicators/{ind.id}/",
            "accessed": {"date-parts": [[*accessed(corpus).timetuple()[:3]]]},
        },
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL, "note": LICENCE_NOTE},
    }
    return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"


# --- every download, then the page ----------------------------------------------------------


def downloads(
    corpus: Corpus,
    index: Index,
    config: Config,
    extra: Iterable[tuple[str, str]] = (),
    cache: PageStore | None = None,
    versions: dict[str, str] | None = None,
) -> Iterator[tuple[str, Content]]:
    """Every download (and `extra` ones, e.g. `downloads/corpus.schema.json`), then the page
    listing them."""
    sizes: dict[str, int | _Counted] = {}
    stream = _Counted(corpus_json_chunks(corpus))
    yield "downloads/corpus.json", stream
    sizes["downloads/corpus.json"] = stream
    for path, content in (
        ("downloads/figures.csv", figures_csv(corpus)),
        ("downloads/citations.json", csl_json(corpus, config)),
        ("downloads/citations.bib", bibtex(corpus, config)),
        ("downloads/tei/corpus.xml", corpus_tei(corpus, config)),
        (FEED_PATH, atom_feed(corpus, config, {e.id: description(e) for e in newest(corpus)})),
    ):
        sizes[path] = _size(content)
        yield path, content
    for e in sorted(corpus.events, key=lambda e: (e.sort_date, e.id)):
        path = tei_path(e)
        # an event's TEI depends on the event (its version) and on what the cache's fingerprint
        # covers (code, vocabularies, settings); the archive's newest date is in its header
        key = cache.key(path, (versions[e.id], corpus.latest_date)) if cache and versions else None
        hit = cache.get(path, key) if cache and key else None
        if cache and key and hit is not None:
            sizes[path] = cache.size(path)
            yield path, hit
            continue
        text = event_tei(e, corpus, config)
        if cache and key:
            cache.put(path, key)
        sizes[path] = _size(text)
        yield path, text
    for ind in sorted(corpus.indicators.values(), key=lambda i: i.id):
        statements = index.statements.get(ind.id, ())
        for path, text in (
            (f"downloads/indicators/{ind.id}.csv", indicator_csv(corpus, config, statements)),
            (
                f"downloads/indicators/{ind.id}.json",
                indicator_meta(corpus, config, ind, statements),
            ),
        ):
            sizes[path] = _size(text)
            yield path, text
    for path, content in extra:
        sizes[path] = _size(content)
        yield path, content
    final = {p: s if isinstance(s, int) else _settled(s, corpus) for p, s in sizes.items()}
    yield "downloads/index.md", downloads_page(corpus, final)


def _settled(counted: _Counted, corpus: Corpus) -> int:
    """The size of a streamed file; counted again when nobody read the stream (a caller that only
    listed paths)."""
    if counted.done:
        return counted.size
    return sum(len(c.encode("utf-8")) for c in corpus_json_chunks(corpus))


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
