"""An editor's hand: the sidecar's ``figures:`` reviews, keyed by a figure's footnote label.

Automatic reading of what a number refers to is the weakest step, so an editor can set it::

    figures:
      putin-2-p3-1: {indicator: trade-turnover, period: "2024"}
      tokayev-1-p4-2: not-a-statistic
      narration-1-p2-1: {scope: RU-BY}     # the same measure, Russia–Belarus
      tokayev-1-p5-1: ok                   # checked: right as it is

The label is the footnote's (``<paragraph anchor>-<n>``, the n-th figure of the paragraph as
found; removing one never renumbers the others). Fields: ``indicator`` (an id from indicators.yml,
a scoped id like ``trade-turnover-by-ru``, or ``none`` to leave it uncompared), ``period``
(``2024``, ``2023-01/2023-08``, ``2020/2022``, ``cumulative``, ``target``, ``target:2030``) and
``scope`` (ISO codes joined by '-', or a bloc: ``RU-BY``, ``EAEU``). A reviewed figure is marked
"reviewed by an editor" in its footnote, on its indicator page and in the export.

A seed holding several events takes reviews under each ``events:`` item; a top-level review
applies to the one event whose figure has that label. Problems are one-line messages naming the
sidecar and line: an unknown label is a warning (the text may have changed), an unknown indicator,
period, scope or field is an error, and that review is ignored.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Literal

from build_site.extract.indicators import in_scope
from build_site.extract.scope import parse_scope, scope_short
from build_site.model import Event, Figure, Indicator, Issue, Paragraph

NOT_A_STATISTIC = "not-a-statistic"
CONFIRMED = {"ok", "reviewed", "confirmed"}
FIELDS = ("indicator", "period", "scope")
PERIOD = re.compile(r"\d{4}(?:-\d{2})?(?:/\d{4}(?:-\d{2})?)?|cumulative|target(?::\d{4})?")


def label(f: Figure) -> str:
    """The figure's footnote label, e.g. 'putin-2-p3-1'."""
    return f"{f.paragraph}-{f.n}"


def review(
    events: list[Event],
    sidecar: dict[str, Any],
    lines: dict[str, int],
    file: str,
    indicators: dict[str, Indicator],
) -> tuple[list[Event], list[Issue]]:
    """Events with the sidecar's reviews applied, and the messages about them."""
    wanted: list[tuple[int | None, Any, Any, str]] = [
        (None, a, v, f"figures.{a}") for a, v in (sidecar.get("figures") or {}).items()
    ]
    for i, item in enumerate(sidecar.get("events") or []):
        if isinstance(item, dict):
            reviews = item.get("figures") or {}
            wanted += [(i, a, v, f"events.{i}.figures.{a}") for a, v in reviews.items()]
    if not wanted:
        return events, []
    issues: list[Issue] = []
    changes: dict[int, dict[str, Figure | None]] = {}  # event position → label → new figure
    for index, anchor, value, key in wanted:
        line = lines.get(key)

        def say(
            level: str,
            message: str,
            field: str | None = None,
            line: int | None = line,
            key: str = key,
            anchor: str = anchor,
        ) -> None:
            at = lines.get(f"{key}.{field}", line) if field else line
            issues.append(Issue(file, at, level, f"figures: {anchor}: {message}"))

        hits = [
            (k, f)
            for k, e in enumerate(events)
            if index is None or e.index == index
            for f in e.figures
            if label(f) == str(anchor)
        ]
        if not hits:
            say(
                "warning",
                "no figure has this label in the text (labels look like putin-2-p3-1);"
                " review ignored",
            )
            continue
        if len(hits) > 1:
            say(
                "warning",
                "several events have a figure with this label; put the review under"
                " the event's item of 'events:'; review ignored",
            )
            continue
        k, f = hits[0]
        new = _apply(f, value, indicators, say)
        if new is not False:
            changes.setdefault(k, {})[label(f)] = new
    out = [_rewrite(e, changes[k]) if k in changes else e for k, e in enumerate(events)]
    return out, issues


def _apply(
    f: Figure, value: Any, indicators: dict[str, Indicator], say
) -> Figure | None | Literal[False]:
    """The reviewed figure, None for 'not a statistic', False when the review is unusable."""
    if isinstance(value, str):
        word = "-".join(value.lower().split())
        if word == NOT_A_STATISTIC:
            return None
        if word in CONFIRMED:
            return replace(f, reviewed=True)
        say(
            "error",
            f"unknown review {value!r} (a mapping of {', '.join(FIELDS)};"
            f" {NOT_A_STATISTIC}; or ok)",
        )
        return False
    if not isinstance(value, dict):
        say("error", f"a review is a mapping of {', '.join(FIELDS)}, {NOT_A_STATISTIC} or ok")
        return False
    if unknown := [k for k in value if k not in FIELDS]:
        say("error", f"unknown field {unknown[0]!r} (known: {', '.join(FIELDS)})", unknown[0])
        return False
    scope = f.scope
    if "scope" in value:
        scope = parse_scope(value["scope"]) if value["scope"] else None
        if scope is None:
            say(
                "error",
                f"unknown scope {value['scope']!r} (ISO codes joined by '-', e.g. RU-BY,"
                " or a bloc: EAEU, CIS...)",
                "scope",
            )
            return False
    indicator = f.indicator
    if "indicator" in value:
        wanted = value["indicator"]
        if wanted in (None, "none", "None", ""):
            indicator = None
        elif wanted not in indicators:
            say("error", f"unknown indicator {wanted!r} (ids are in indicators.yml)", "indicator")
            return False
        elif "scope" in value:
            indicator = in_scope(wanted, scope, indicators)
            if indicator is None:
                say(
                    "error",
                    f"indicator {wanted!r} has no scope {scope_short(scope or ())} (declare it"
                    " under 'scopes:' in indicators.yml)",
                    "indicator",
                )
                return False
        else:
            indicator, scope = wanted, indicators[wanted].scope
    elif "scope" in value:
        indicator = in_scope(f.indicator, scope, indicators)
    period = f.period
    if "period" in value:
        period = str(value["period"]) if value["period"] is not None else None
        if period is not None and not PERIOD.fullmatch(period):
            say(
                "error",
                f"period {value['period']!r} is not like 2024, 2023-01/2023-08, 2020/2022,"
                " cumulative, target or target:2030",
                "period",
            )
            return False
    return replace(f, indicator=indicator, scope=scope, period=period, reviewed=True)


def _rewrite(e: Event, changes: dict[str, Figure | None]) -> Event:
    def para(p: Paragraph) -> Paragraph:
        if not any(label(f) in changes for f in p.figures):
            return p
        kept = [changes.get(label(f), f) if label(f) in changes else f for f in p.figures]
        return replace(p, figures=tuple(f for f in kept if f is not None))

    return replace(
        e,
        lead=tuple(para(p) for p in e.lead),
        speeches=tuple(
            replace(s, paragraphs=tuple(para(p) for p in s.paragraphs)) for s in e.speeches
        ),
    )
