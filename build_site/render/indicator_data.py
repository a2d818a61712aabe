"""Each indicator's data for researchers: `downloads/indicators/<id>.csv`, every statement of it,
and `downloads/indicators/<id>.json`, its metadata (definition, unit, scope, method, how to cite,
licence, the CSV's columns).

    >>> _num(28e9), _num(2.5)
    ('28000000000', '2.5')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from build_site.config import Config
from build_site.link.index import Statement
from build_site.model import Corpus, Indicator
from build_site.render.citations import (
    ARCHIVE_NAME,
    LICENCE_NAME,
    LICENCE_NOTE,
    LICENCE_URL,
    accessed,
    event_url,
)

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


def _num(x: float | None) -> str | None:
    """28000000000 rather than 28000000000.0; fractions as they are."""
    return None if x is None else (str(int(x)) if float(x).is_integer() else repr(x))


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
