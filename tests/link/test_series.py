"""Series: edition numbers in every phrasing, own vs related events, pages from the real seeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from build_site.link.series import (
    classify,
    classify_memo,
    find_names,
    load_series,
    members,
    ordinal,
    ordinal_value,
)  # noqa: E402
from build_site.model import Event, Paragraph, Speech  # noqa: E402

SERIES = load_series()[0]


@pytest.mark.parametrize(
    "text, number",
    [
        ("the twentieth Russia-Kazakhstan Interregional Cooperation Forum", 20),
        ("the 20th Russia–Kazakhstan Interregional Cooperation Forum", 20),
        ("the XX Forum of Kazakhstan-Russia Interregional Cooperation", 20),
        ("the 20th Forum of Kazakhstan-Russia Interregional Cooperation", 20),
        ("the Twenty-First Russia-Kazakhstan Interregional Cooperation Forum", 21),
        ("the twenty first Interregional Cooperation Forum", 21),
        ("XXI Russia\u00a0–\u00a0Kazakhstan Interregional\u00a0Cooperation Forum", 21),
        ("the 19th Interregional Forum for Russia-Kazakhstan Cooperation", 19),
        ("the 19th Interregional Cooperation Forum", 19),
        ("the Russia-Kazakhstan Interregional Cooperation Forum", None),
        ("annual interregional forums", None),
    ],
)
def test_names_and_numbers(text, number):
    found = find_names(SERIES, text)
    assert len(found) == 1 and found[0].number == number, found


@pytest.mark.parametrize(
    "text",
    [
        "multilateral forums",
        "the forum of young leaders",
        "interregional cooperation",
        "what did Interregional Cooperation Forum",
    ],
)
def test_no_false_numbers(text):
    assert all(x.number is None for x in find_names(SERIES, text))


def test_ordinals():
    assert [
        ordinal_value(t) for t in ("1st", "22nd", "XIX", "XX", "nineteenth", "did", "MIX", "IIII")
    ] == [1, 22, 19, 20, 19, None, None, None]
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]


def _event(title: str, year: int, lead: tuple[str, ...] = (), body: tuple[str, ...] = ()) -> Event:
    paras = tuple(Paragraph(anchor=f"s-1-p{i + 1}", text=t) for i, t in enumerate(body))
    return Event(
        id=title.lower().replace(" ", "-"),
        url="",
        seed="s.txt",
        index=0,
        title=title,
        date=dt.date(year, 11, 10),
        time=None,
        place=None,
        doc_type="transcript",
        speeches=(Speech("s-1", None, None, paras),),
        lead=tuple(Paragraph(anchor=f"lead-p{i + 1}", text=t) for i, t in enumerate(lead)),
    )


def _summary(event: Event) -> list[tuple[int | None, bool]]:
    return [(m.edition, m.own) for m in classify(event, SERIES)]


def test_own_by_title_number():
    assert _summary(_event("21st Russia-Kazakhstan Interregional Cooperation Forum", 2025)) == [
        (21, True)
    ]


def test_own_by_title_without_number_takes_lead_number_then_year():
    lead = (
        "The presidents took part in the plenary session of the XX Forum of Kazakhstan-Russia Interregional Cooperation.",
    )
    assert _summary(_event("Russia-Kazakhstan Interregional Cooperation Forum", 2023, lead)) == [
        (20, True)
    ]
    assert _summary(_event("Russia-Kazakhstan Interregional Cooperation Forum", 2023)) == [
        (19, True)
    ]


def test_own_by_lead_with_cue():
    lead = (
        "Vladimir Putin and Kassym-Jomart Tokayev addressed the twentieth Russia-Kazakhstan Interregional Cooperation Forum.",
    )
    assert _summary(_event("Presidents speak to the regions", 2024, lead)) == [(20, True)]


def test_passing_mention_is_related():
    body = (
        "We have just participated in the 21st Russia-Kazakhstan Interregional Cooperation Forum held in Uralsk.",
    )
    assert _summary(_event("Statements for the media following talks", 2025, body=body)) == [
        (21, False)
    ]
    # a lead naming it without saying the event is a session of it is a passing mention too
    lead = ("Earlier the 21st Russia-Kazakhstan Interregional Cooperation Forum closed in Uralsk.",)
    assert _summary(_event("Talks", 2025, lead)) == [(21, False)]


def test_own_event_mentioning_another_edition():
    body = (
        "Last year the 20th Forum of Kazakhstan-Russia Interregional Cooperation met in Ufa.",
        "This forum, the interregional forum, is held in Uralsk.",
    )
    assert _summary(
        _event("21st Russia-Kazakhstan Interregional Cooperation Forum", 2025, body=body)
    ) == [(21, True), (20, False)]


def test_remembered_by_the_words_of_the_event():
    """classify_memo remembers a classification by what classify reads: another key or no memo
    gives the same members, of the event asked about; a changed word or year is read again."""
    body = (
        "We have just taken part in the 21st Russia-Kazakhstan Interregional Cooperation Forum.",
    )
    event = _event("Talks in Uralsk", 2025, body=body)
    first = classify_memo(event, SERIES, {}, "key-1")
    assert first == classify(event, SERIES) == classify_memo(event, SERIES)
    assert [(m.edition, m.own) for m in classify_memo(event, SERIES, {}, "key-2")] == [(21, False)]
    renamed = replace(event, id="other")
    assert [m.event for m in classify_memo(renamed, SERIES)] == [renamed]
    changed = _event("Talks in Uralsk", 2025, body=(body[0].replace("21st", "20th"),))
    assert [(m.edition, m.own) for m in classify_memo(changed, SERIES)] == [(20, False)]
    assert [
        (m.edition, m.own)
        for m in classify_memo(
            replace(event, title="21st Russia-Kazakhstan Interregional Cooperation Forum"), SERIES
        )
    ] == [(21, True)]


def test_unrelated_event():
    assert (
        _summary(_event("Talks", 2025, body=("We coordinate positions at multilateral forums.",)))
        == []
    )


def test_real_seeds(site):
    found = members(list(site.corpus.events), SERIES)
    own = {m.edition: m.event.id for m in found if m.own}
    assert set(own) == {19, 20, 21}
    assert "20th" in own[20] and "21st" in own[21]
    related = {(m.edition, m.event.id) for m in found if not m.own}
    assert (21, "2025-11-12-statements-for-the-media-following-russia-kazakhstan-talks") in related
    assert not {m.event.id for m in found if m.own} & {e for _, e in related}
    md = site.pages["series/russia-kazakhstan-interregional-forum.md"]
    for text in (
        "{: #edition-19 }",
        "[Kostanay](../places/kostanay.md)",
        "Agriculture as the Foundation of a Strong Economy",
        "[Ufa](../places/ufa.md)",
        "[Uralsk](../places/uralsk.md)",
        "Skilled Trades as a Driving Force of Economic Growth",
    ):
        assert text in md
    assert "series/index.md" in site.pages
