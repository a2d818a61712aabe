"""Indicator pages: who said which number, when.

`indicators/<id>.md` for every indicator of the catalogue (so footnote links never break, even with
no statement yet): definition, unit, topic, a chart (build_site/charts.py), notes where statements
of one period disagree, and a table of every statement, newest period first (targets, then
statements without a period, last). The table is paginated (config.page_size * 4 rows:
`<id>/page-2.md`, ...); the chart and the notes sit on the first page and cover every statement (the
chart aggregates past charts.MAX_MARKS, the notes list the MAX_NOTES most recent periods).
`indicators/index.md` lists each indicator with its unit, count and latest statement (a measure's
variant for another scope, e.g. `trade-turnover-by-ru`, once some statement uses it).

Speakers keep one colour and shape across the site where possible: they are ranked by how many
statements they make in the whole corpus, and each chart gives its slots in that order.

    >>> disagreement_groups([])
    []
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from build_site.extract.scope import scope_label
from build_site.link.index import Statement
from build_site.render import charts
from build_site.render.footnotes import (
    comparable,
    describe,
    differs,
    format_value,
    group_label,
    period_group,
    period_label,
    unit_kind,
)
from build_site.render.markup import escape, html_link
from build_site.render.paths import event_page, long_date, page_of, page_paths, pager, paginate, rel

if TYPE_CHECKING:
    from build_site.render.renderer import Renderer

MAX_NOTES = 20
UNITS = {
    "USD": "US dollars (US$)",
    "EUR": "euros (€)",
    "RUB": "roubles",
    "KZT": "tenge",
    "percent": "percent (%)",
}


@dataclass(frozen=True)
class Row:
    period: str
    said: str
    """The quote, linked to its paragraph."""
    value: str
    speaker: str
    event: str


def unit_label(unit: str) -> str:
    return UNITS.get(unit, unit)


def table_order(st: Statement) -> tuple:
    """Newest period first; targets after dated periods, unplaceable ones last."""
    panel, mid, said = charts.period_key(st.figure.period, st.ref.event.sort_date)
    return (panel, -mid, -said.toordinal(), st.ref.event.id, st.figure.start)


def speaker_ranks(r: Renderer) -> dict[str | None, int]:
    """Speakers by number of statements in the corpus (ties by name): a stable colour order."""
    counts = Counter(st.ref.speaker for sts in r.index.statements.values() for st in sts)
    order = sorted(
        counts, key=lambda s: (-counts[s], s is None, r.name_of("person", s) if s else "")
    )
    return {s: i for i, s in enumerate(order)}


def speaker_name(r: Renderer, speaker: str | None) -> str:
    return r.name_of("person", speaker) if speaker else "Not attributed"


def speaker_link(r: Renderer, page: str, speaker: str | None, html: bool = False) -> str:
    """The speaker's name linked to their page (Markdown, or HTML)."""
    if speaker and speaker in r.corpus.persons:
        if html:
            return html_link(
                escape(speaker_name(r, speaker)), rel(page, page_of("person", speaker))
            )
        return r.link(page, "person", speaker)
    return escape(speaker_name(r, speaker))


def para_link(r: Renderer, page: str, st: Statement, text: str) -> str:
    """`text` is Markdown already (escaped)."""
    return f"[{text}]({rel(page, event_page(st.ref.event), st.ref.paragraph.anchor)})"


def row(r: Renderer, page: str, st: Statement) -> Row:
    """A row of the statements table, as HTML cells (the table is written as HTML, exactly as
    Python-Markdown's tables extension and MkDocs made it: see markup.raw_html)."""
    f, e = st.figure, st.ref.event
    url = rel(page, event_page(e))
    return Row(
        period=escape(period_label(f.period)),
        said=html_link(f"“{escape(f.quote)}”", f"{url}#{st.ref.paragraph.anchor}"),
        value=escape(describe(f)) + (" (reviewed by an editor)" if f.reviewed else ""),
        speaker=speaker_link(r, page, st.ref.speaker, html=True),
        event=f"{html_link(escape(e.title), url)}, {long_date(e)}",
    )


def disagreement_groups(statements: list[Statement]) -> list[list[Statement]]:
    """Groups of comparable statements (footnotes.period_group) whose values differ, newest first."""
    groups: dict[tuple, list[Statement]] = {}
    for st in statements:
        if st.figure.period:  # values in different units (US$ vs roubles) are not compared
            key = (st.figure.scope, period_group(st), unit_kind(st.figure.unit))
            groups.setdefault(key, []).append(st)
    out = [
        g
        for g in groups.values()
        if differs(min(s.figure.value for s in g), max(s.figure.value for s in g))
    ]
    return sorted(out, key=lambda g: min(table_order(s) for s in g))


def note(r: Renderer, page: str, group: list[Statement], unit: str) -> str:
    """'2023: from about US$17 billion (Vladimir Putin, 9 November 2023) to over US$20 billion (...)'."""
    lo = min(group, key=lambda s: (s.figure.value, s.ref.event.sort_date))
    hi = max(group, key=lambda s: (s.figure.value, -s.ref.event.sort_date.toordinal()))

    def who(st: Statement) -> str:
        return (
            f"**{escape(describe(st.figure))}** ({escape(speaker_name(r, st.ref.speaker))}, "
            + para_link(r, page, st, long_date(st.ref.event))
            + ")"
        )

    gap = abs(hi.figure.value - lo.figure.value)
    count = f"; {len(group)} statements" if len(group) > 2 else ""
    return (
        f"**{escape(group_label(lo))}:** {who(lo)} vs {who(hi)}: a gap of {escape(format_value(gap, unit))}"
        f" ({round(gap / max(abs(hi.figure.value), abs(lo.figure.value)) * 100)}%){count}"
    )


def chart_of(
    r: Renderer, iid: str, statements: list[Statement], ranks: dict[str | None, int]
) -> charts.Chart | None:
    """Only statements in the indicator's own unit: one axis cannot hold US$ and roubles."""
    indicator = r.corpus.indicators[iid]
    statements = [st for st in statements if comparable(st.figure.unit, indicator.unit)]
    if not statements:
        return None
    speakers = sorted({st.ref.speaker for st in statements}, key=lambda s: ranks.get(s, len(ranks)))
    slot = {s: i for i, s in enumerate(speakers)}
    unit = indicator.unit
    points = [
        charts.Point(
            st.figure.period,
            st.ref.event.sort_date,
            st.figure.value,
            slot[st.ref.speaker],
            f"{speaker_name(r, st.ref.speaker)}, {long_date(st.ref.event)}: {describe(st.figure)}"
            f" ({period_label(st.figure.period)})",
            st.figure.low,
            st.figure.high,
        )
        for st in statements
    ]
    desc = (
        f"{len(statements)} statement{'s' if len(statements) != 1 else ''} by {len(speakers)} "
        f"speaker{'s' if len(speakers) != 1 else ''}, {charts.value_range(points, unit)}. Each mark is one "
        "statement, placed at the middle of the period it is about; stocks at the date stated; targets "
        "in a separate panel on the right. The table on this page lists every statement."
    )
    return charts.chart(
        points,
        [speaker_name(r, s) for s in speakers],
        unit,
        f"{indicator.name}: statements by period and speaker",
        desc,
        name=f"chart-{iid}",
    )


def indicator_pages(
    r: Renderer, iid: str, ranks: dict[str | None, int] | None = None
) -> dict[str, str]:
    indicator = r.corpus.indicators[iid]
    statements = in_table_order(r, r.index.statements.get(iid, ()))
    ranks = ranks if ranks is not None else speaker_ranks(r)
    chunks = paginate(statements, r.config.page_size * 4)
    paths = page_paths(f"indicators/{iid}", len(chunks))
    units = {st.figure.unit for st in statements}
    summary = {
        "total": len(statements),
        "speakers": len({st.ref.speaker for st in statements}),
        "events": len({st.ref.event.id for st in statements}),
        "other_units": sorted(u for u in units if not comparable(u, indicator.unit)),
        "unplotted": sum(1 for st in statements if not comparable(st.figure.unit, indicator.unit)),
    }
    made: dict = {}

    def whole() -> tuple:  # what page one draws from every statement: made once, if needed
        if not made:
            made["chart"] = chart_of(r, iid, statements, ranks)
            made["groups"] = disagreement_groups(statements)
        return made["chart"], made["groups"]

    ranks_key = r.cache and tuple(sorted(ranks.items(), key=repr))
    pages = {}
    for i, page in enumerate(paths):
        first = i == 0
        key = r.cache and (
            ranks_key if first else (),
            len(paths),
            tuple(summary.values()),
            tuple(r.st_sigs(statements if first else chunks[i])),
        )

        def render(i=i, page=page, first=first) -> str:
            chart, groups = whole() if first else (None, [])
            topic = indicator.topic if indicator.topic in r.corpus.topics else None
            return r.template(
                "indicator.md.j2",
                page=page,
                indicator=indicator,
                part=i + 1,
                parts=paths,
                pager=pager(page, paths, i),
                unit=unit_label(indicator.unit),
                about=scope_label(indicator.scope)
                + (" (a part of a whole)" if indicator.part else ""),
                topic=r.link(page, "topic", topic) if topic else None,
                rows=[row(r, page, st) for st in chunks[i]],
                total=summary["total"],
                speakers=summary["speakers"],
                events=summary["events"],
                chart=chart,
                first=rel(page, paths[0]),
                notes=[
                    note(
                        r,
                        page,
                        g,
                        indicator.unit
                        if comparable(g[0].figure.unit, indicator.unit)
                        else g[0].figure.unit,
                    )
                    for g in groups[:MAX_NOTES]
                ],
                more_notes=max(0, len(groups) - MAX_NOTES),  # shown with the notes only
                other_units=summary["other_units"],
                unplotted=summary["unplotted"],
            )

        pages[page] = r.cached(page, key, render)
    return pages


def latest(statements: tuple[Statement, ...]) -> Statement | None:
    """The most recently stated (ties: an observation before a target, then the later period)."""

    def key(st: Statement) -> tuple:
        panel, mid, _ = charts.period_key(st.figure.period, st.ref.event.sort_date)
        return (st.ref.event.sort_date, panel == 0, mid)

    return max(statements, key=key, default=None)


def in_table_order(r: Renderer, statements: Sequence[Statement]) -> list[Statement]:
    """sorted(statements, key=table_order), the order remembered between builds by what the
    statements show (Renderer.st_sig covers the period, date, event and place in the paragraph
    the order reads): every build lists every indicator's statements, an edit changes few."""
    if r.memo is None or not statements:
        return sorted(statements, key=table_order)
    key = ("table-order", _digest(r, statements))
    order = r.memo.get(key)
    if order is None:
        order = r.memo[key] = tuple(
            sorted(range(len(statements)), key=lambda i: table_order(statements[i]))
        )
    return [statements[i] for i in order]


def latest_of(r: Renderer, statements: Sequence[Statement]) -> Statement | None:
    """latest(statements), remembered between builds like in_table_order."""
    if r.memo is None or not statements:
        return latest(tuple(statements))
    key = ("latest", _digest(r, statements))
    at = r.memo.get(key)
    if at is None:
        found = latest(tuple(statements))
        at = r.memo[key] = next(i for i, st in enumerate(statements) if st is found)
    return statements[at]


def _digest(r: Renderer, statements: Sequence[Statement]) -> str:
    return hashlib.blake2b(repr(r.st_sigs(statements)).encode(), digest_size=16).hexdigest()


def index_page(r: Renderer) -> str:
    page = "indicators/index.md"
    items = []
    for ind in sorted(r.corpus.indicators.values(), key=lambda i: i.name.lower()):
        sts = r.index.statements.get(ind.id, ())
        if ind.measure and not sts:
            continue  # a scope declared but never stated: its page exists, the list skips it
        st = latest_of(r, sts)
        items.append(
            {
                "link": r.link(page, "indicator", ind.id),
                "unit": escape(unit_label(ind.unit)),
                "count": len(sts),
                "latest": (
                    f"{escape(describe(st.figure))} ({escape(period_label(st.figure.period))}): "
                    f"{speaker_link(r, page, st.ref.speaker)}, {para_link(r, page, st, long_date(st.ref.event))}"
                )
                if st
                else "—",
            }
        )
    return r.template("indicators_index.md.j2", page=page, items=items)


def indicators_section(r: Renderer) -> dict[str, str]:
    """Every indicator page plus the index (registered in sections_extra.EXTRA_SECTIONS)."""
    ranks = cache(lambda: speaker_ranks(r))  # made once, if some indicator's pages must be keyed
    pages: dict[str, str] = {}
    for iid in sorted(r.corpus.indicators):
        unit = ("indicator", iid)

        def make(iid: str = iid) -> dict[str, str]:
            return indicator_pages(r, iid, ranks())

        pages.update(r.unit_pages(unit, {unit, ("speakers",)}, make))
    pages["indicators/index.md"] = r.cached(
        "indicators/index.md",
        r.cache
        and tuple(
            r.st_sig(latest_of(r, r.index.statements.get(i, ())))
            if r.index.statements.get(i)
            else (i,)
            for i in sorted(r.corpus.indicators)
        )
        + tuple((i, len(v)) for i, v in sorted(r.index.statements.items())),
        lambda: index_page(r),
    )
    return pages
