"""Structure: turns, anchors, metadata from text and sidecar, and the real seeds' speakers and turns."""

from __future__ import annotations

import datetime as dt

import pytest

from build_site.clean.speakers import SpeakerIndex
from build_site.config import DATA_DIR
from build_site.model import Chunk, Person, RawEvent
from build_site.read.vocab import load_vocabulary
from build_site.structure.structure import person_key, sidecar_for, structure

PUTIN, TOKAYEV = "vladimir-putin", "kassym-jomart-tokayev"
DAY = dt.date(2023, 11, 9)


@pytest.fixture(scope="module")
def idx() -> SpeakerIndex:
    return SpeakerIndex(load_vocabulary(DATA_DIR).persons)


def raw(
    body: list[str | tuple[str, str]],
    title: str | None = "Talks",
    date: dt.date | None = DAY,
    lead: list[str] = (),
    index: int = 0,
    place: str | None = None,
) -> RawEvent:
    no = iter(range(1, 1000))
    lead_chunks = tuple(Chunk(t, (next(no),)) for t in lead)
    chunks = tuple(
        Chunk(t, (next(no),)) if isinstance(t, str) else Chunk(t[0], (next(no),), t[1])
        for t in body
    )
    return RawEvent("s.txt", index, title, date, None, place, lead_chunks, chunks, ())


def outline(event) -> list[tuple[str, str | None, list[str]]]:
    return [(s.anchor, s.speaker, [p.anchor for p in s.paragraphs]) for s in event.speeches]


def test_turns_and_anchors(idx):
    ev, new, issues = structure(
        raw(
            [
                "President of Russia Vladimir Putin: Mr President, friends,",
                "We are delighted.",
                "President of Kazakhstan Kassym-Jomart Tokayev: Thank you.",
                "Second.",
                "Third.",
                "Vladimir Putin: Thank you.",
                "Kassym-Jomart Tokayev: Thank you, Mr President.",
                ("<…>", "note"),
            ]
        ),
        {},
        idx,
    )
    assert outline(ev) == [
        ("putin-1", PUTIN, ["putin-1-p1", "putin-1-p2"]),
        ("tokayev-1", TOKAYEV, ["tokayev-1-p1", "tokayev-1-p2", "tokayev-1-p3"]),
        ("putin-2", PUTIN, ["putin-2-p1"]),
        ("tokayev-2", TOKAYEV, ["tokayev-2-p1", "tokayev-2-p2"]),
    ]
    assert ev.speeches[0].label == "President of Russia Vladimir Putin"
    assert ev.speeches[0].role == "President of Russia"
    assert ev.speeches[0].paragraphs[0].text == "Mr President, friends,"
    assert ev.speeches[0].label_line == 1
    assert ev.speeches[-1].paragraphs[-1].kind == "note"
    assert ev.doc_type == "transcript" and new == {} and issues == []
    assert ev.id == "2023-11-09-talks" and ev.url == "events/2023-11-09-talks/"


def test_label_line_without_text(idx):
    ev, _, issues = structure(raw(["Vladimir Putin:", "Colleagues,", "Thank you."]), {}, idx)
    assert outline(ev) == [("putin-1", PUTIN, ["putin-1-p1", "putin-1-p2"])]
    assert ev.speeches[0].label_line == 1
    assert ev.speeches[0].paragraphs[0].lines == (2,)
    assert issues == []


def test_label_with_no_text_at_all_is_reported(idx):
    ev, _, issues = structure(
        raw(["Vladimir Putin: Hello.", "Kassym-Jomart Tokayev:", "Vladimir Putin: Again."]), {}, idx
    )
    assert [s.anchor for s in ev.speeches] == ["putin-1", "putin-2"]
    assert [(i.line, i.level) for i in issues] == [(2, "warning")]
    assert "has no text" in issues[0].message


def test_questions_are_numbered_and_not_persons(idx):
    ev, new, _ = structure(
        raw(
            [
                "Question: How?",
                "Vladimir Putin: Like this.",
                "Question (cont.): And then?",
                "Vladimir Putin: Then that.",
            ]
        ),
        {},
        idx,
    )
    assert [(s.anchor, s.speaker, s.label) for s in ev.speeches] == [
        ("question-1", None, "Question"),
        ("putin-1", PUTIN, "Vladimir Putin"),
        ("question-2", None, "Question (cont.)"),
        ("putin-2", PUTIN, "Vladimir Putin"),
    ]
    assert new == {}


def test_unknown_speaker_becomes_an_uncurated_person_with_a_warning(idx):
    ev, new, issues = structure(
        raw(
            [
                "Governor of Kostanay Region Kumar Aksakalov: Good afternoon.",
                "Vladimir Putin: Thank you.",
            ]
        ),
        {},
        idx,
    )
    assert [s.anchor for s in ev.speeches] == ["aksakalov-1", "putin-1"]
    person = new["kumar-aksakalov"]
    assert (person.name, person.roles, person.curated) == (
        "Kumar Aksakalov",
        ("Governor of Kostanay Region",),
        False,
    )
    assert [(i.line, i.level) for i in issues] == [(1, "warning")]
    assert "Kumar Aksakalov" in issues[0].message and "persons.yml" in issues[0].message


def test_misspelled_label_is_the_person_label_kept_as_printed(idx):
    ev, new, issues = structure(
        raw(["Vladimir Putting: Thank you.", "Mr Putting, welcome."]), {}, idx
    )
    [speech] = ev.speeches
    assert (speech.anchor, speech.speaker, speech.label) == ("putin-1", PUTIN, "Vladimir Putting")
    assert new == {} and issues == []


def test_misspelling_in_text_is_marked_sic(idx):
    ev, _, _ = structure(
        raw(
            ["Vladimir Putin: I met Vladimir Putting yesterday."],
            lead=["Vladimir Putting and Kassym-Jomart Tokayev made statements for the media."],
        ),
        {},
        idx,
    )
    assert ev.lead[0].sic == ("Vladimir Putting",)
    assert ev.speeches[0].paragraphs[0].sic == ("Vladimir Putting",)
    assert "Vladimir Putting" in ev.lead[0].text  # kept as printed


def test_text_before_the_first_label(idx):
    ev, _, _ = structure(
        raw(
            [
                "Address by the President of Russia at the plenary session",
                "Vladimir Putin: Friends,",
            ]
        ),
        {},
        idx,
    )
    assert outline(ev) == [
        ("narration-1", None, ["narration-1-p1"]),
        ("putin-1", PUTIN, ["putin-1-p1"]),
    ]
    assert ev.speeches[0].paragraphs[0].kind == "heading"


def test_lead_anchors(idx):
    ev, _, _ = structure(raw(["Vladimir Putin: Hi."], lead=["First.", "Second."]), {}, idx)
    assert [(p.anchor, p.text) for p in ev.lead] == [("lead-p1", "First."), ("lead-p2", "Second.")]
    assert ev.summary == "First."


def test_news_report(idx):
    ev, _, _ = structure(
        raw(
            [
                "ASTANA – Kazakh President Kassym-Jomart Tokayev took part in the forum.",
                "Tokayev noted that cooperation is growing.",
                "“Trade is growing,” said Tokayev.",
                "“It will grow further,” said Tokayev.",
                "The branch will open in 2025.",
            ],
            title=None,
        ),
        {"title": "Forum"},
        idx,
    )
    assert ev.doc_type == "news" and ev.place == "Astana"
    assert outline(ev) == [
        ("narration-1", None, ["narration-1-p1", "narration-1-p2"]),
        ("tokayev-1", TOKAYEV, ["tokayev-1-p1", "tokayev-1-p2"]),
        ("narration-2", None, ["narration-2-p1"]),
    ]
    assert ev.speeches[0].paragraphs[0].text.startswith("Kazakh President")
    assert [p.speaker for p in ev.speeches[0].paragraphs] == [None, TOKAYEV]
    assert ev.speeches[1].role == "quoted"


def test_article_with_author(idx):
    ev, _, issues = structure(
        raw(["First paragraph.", "Second paragraph."]),
        {"author": TOKAYEV, "doc_type": "article"},
        idx,
    )
    assert ev.doc_type == "article" and ev.author == TOKAYEV
    assert outline(ev) == [("tokayev-1", TOKAYEV, ["tokayev-1-p1", "tokayev-1-p2"])]
    assert issues == []


def test_article_without_author_warns(idx):
    ev, _, issues = structure(raw(["First paragraph.", "Second paragraph."]), {}, idx)
    assert ev.doc_type == "article" and ev.author is None
    assert outline(ev) == [("narration-1", None, ["narration-1-p1", "narration-1-p2"])]
    assert [i.level for i in issues] == ["warning"] and "author" in issues[0].message


def test_unknown_author_is_an_error(idx):
    _, _, issues = structure(raw(["Text."]), {"author": "nobody-known"}, idx)
    assert any(i.level == "error" and "nobody-known" in i.message for i in issues)


def test_no_date_keeps_the_event_undated_with_a_warning_naming_the_sidecar_key(idx):
    ev, _, issues = structure(raw(["Vladimir Putin: Hello."], date=None), {}, idx)
    assert ev is not None and ev.date is None and ev.id.startswith("undated-")
    assert [(i.file, i.line, i.level) for i in issues] == [("s.txt", 1, "warning")]
    assert issues[0].message == "no date in the text; set 'date:' in seeds/s.yml"


def test_sidecar_date_dates_an_undated_event(idx):
    ev, _, issues = structure(
        raw(["Vladimir Putin: Hello."], date=None), {"date": dt.date(2024, 5, 3)}, idx
    )
    assert ev.date == dt.date(2024, 5, 3) and ev.id.startswith("2024-05-03-")
    assert ev.date_from == (None, "the sidecar") and not issues


def test_no_title_warns_and_uses_the_first_words(idx):
    ev, _, issues = structure(
        raw(
            ["Vladimir Putin: Hello and welcome to all of you, friends and colleagues, today."],
            title=None,
        ),
        {},
        idx,
    )
    assert ev.title.endswith("…") and len(ev.title.split()) == 10
    assert [i.level for i in issues] == ["warning"]


def test_sidecar_fills_and_overrides(idx):
    side = {
        "title": "Seed title",
        "place": "Ufa",
        "publisher": "Akorda",
        "source_url": "https://example.org/a",
        "events": [
            {"title": "First event", "slug": "first", "time": "10:00"},
            {"date": dt.date(2024, 1, 2)},
        ],
    }
    first, _, _ = structure(raw(["Vladimir Putin: Hi."], index=0), side, idx)
    second, _, _ = structure(
        raw(["Vladimir Putin: Hi."], index=1, title=None, date=None), side, idx
    )
    assert (first.title, first.id, first.time, first.place, first.publisher) == (
        "First event",
        "2023-11-09-first",
        "10:00",
        "Ufa",
        "Akorda",
    )
    assert (second.title, second.date, second.id) == (
        "Seed title",
        dt.date(2024, 1, 2),
        "2024-01-02-seed-title",
    )


def test_sidecar_for():
    side = {"title": "A", "events": [{"title": "B"}]}
    assert sidecar_for(side, 0) == {"title": "B"}
    assert sidecar_for(side, 1) == {"title": "A"}


def test_person_key():
    assert (
        person_key(Person("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", key="tokayev"))
        == "tokayev"
    )
    assert person_key(Person("kumar-aksakalov", "Kumar Aksakalov")) == "aksakalov"


def test_anchors_do_not_depend_on_other_events(idx):
    body = ["Vladimir Putin: Hi.", "Kassym-Jomart Tokayev: Hello."]
    a, _, _ = structure(raw(body), {}, idx)
    structure(raw(["Vladimir Putin: Other."]), {}, idx)  # no hidden counters between events
    b, _, _ = structure(raw(body), {}, idx)
    assert outline(a) == outline(b)


# --- the real seeds ---------------------------------------------------------------------------

#: Checked by hand against the source text: (seed, position) → [(speech anchor, speaker, first line, last line)].
EXPECTED = {
    ("000_706b5c0bd46f7f98.txt", 0): [("tokayev-1", TOKAYEV, 23, 73), ("putin-1", PUTIN, 75, 99)],
    ("001_3824384fed6630ea.txt", 0): [
        ("narration-1", None, 1, 2),
        ("tokayev-1", TOKAYEV, 3, 3),
        ("narration-2", None, 4, 5),
        ("tokayev-2", TOKAYEV, 6, 6),
        ("narration-3", None, 7, 7),
        ("tokayev-3", TOKAYEV, 8, 8),
        ("narration-4", None, 9, 13),
    ],
    ("002_2dfdb7079ed04442.txt", 0): [("putin-1", PUTIN, 7, 30), ("tokayev-1", TOKAYEV, 31, 72)],
    ("003_6459434bd1d1d077.txt", 0): [("narration-1", None, 11, 11), ("putin-1", PUTIN, 12, 38)],
    ("003_6459434bd1d1d077.txt", 1): [
        ("tokayev-1", TOKAYEV, 56, 78),
        ("putin-1", PUTIN, 79, 95),
        ("tokayev-2", TOKAYEV, 96, 97),
    ],
    ("003_6459434bd1d1d077.txt", 2): [
        ("tokayev-1", TOKAYEV, 113, 131),
        ("putin-1", PUTIN, 132, 145),
    ],
    ("003_6459434bd1d1d077.txt", 3): [
        ("tokayev-1", TOKAYEV, 161, 197),
        ("putin-1", PUTIN, 198, 241),
    ],
    ("004_da09ab2730ed39e0.txt", 0): [("tokayev-1", TOKAYEV, 4, 35)],
}


def by_key(events):
    return {(e.seed, e.index): e for e in events}


def test_real_seeds_turns(events):
    got = {
        k: [
            (s.anchor, s.speaker, s.paragraphs[0].lines[0], s.paragraphs[-1].lines[-1])
            for s in e.speeches
        ]
        for k, e in by_key(events).items()
    }
    assert got == EXPECTED


def test_real_seeds_doc_types_and_metadata(events):
    e = by_key(events)
    assert {k: ev.doc_type for k, ev in e.items()} == {
        k: (
            "news"
            if k[0].startswith("001")
            else "article"
            if k[0].startswith("004")
            else "transcript"
        )
        for k in EXPECTED
    }
    assert e["004_da09ab2730ed39e0.txt", 0].author == TOKAYEV
    assert e["004_da09ab2730ed39e0.txt", 0].translation == "Переведено сервисом «Яндекс Переводчик»"
    assert (
        e["002_2dfdb7079ed04442.txt", 0].title
        == "Statements for the media following Russia–Kazakhstan talks"
    )
    assert e["000_706b5c0bd46f7f98.txt", 0].place == "The Kremlin, Moscow"
    assert [e["003_6459434bd1d1d077.txt", i].time for i in range(4)] == [
        "11:45",
        "12:15",
        "13:30",
        "14:45",
    ]


def test_seed_000_ends_with_an_editorial_note(events):
    ev = by_key(events)["000_706b5c0bd46f7f98.txt", 0]
    last = ev.speeches[-1].paragraphs[-1]
    assert (last.kind, " ".join(last.text.split())) == ("note", "To be continued.")
    assert [p.kind for p in ev.paragraphs].count("note") == 1


def test_seed_003_notes_and_sic(events):
    e = by_key(events)
    assert e["003_6459434bd1d1d077.txt", 1].speeches[-1].paragraphs[-1].kind == "note"
    assert e["003_6459434bd1d1d077.txt", 2].speeches[-1].paragraphs[-1].kind == "note"
    media = e["003_6459434bd1d1d077.txt", 3]
    assert media.lead[0].sic == ("Vladimir Putting",)
    assert "Vladimir Putting" in media.lead[0].text


def test_seed_001_quotes_are_tokayevs(events):
    ev = by_key(events)["001_3824384fed6630ea.txt", 0]
    for s in ev.speeches:
        if s.speaker:
            assert s.speaker == TOKAYEV and s.role == "quoted"
            assert all(p.text.startswith("“") for p in s.paragraphs)
    paraphrased = [
        p.lines[0]
        for s in ev.speeches
        if s.speaker is None
        for p in s.paragraphs
        if p.speaker == TOKAYEV
    ]
    assert paraphrased == [2, 4, 5, 7, 9]
    assert ev.speeches[0].paragraphs[0].text.startswith("Kazakh President Kassym-Jomart Tokayev")
    assert ev.place == "Astana"


# --- the text's shape decides its type; the sidecar wins (issue 9, part 3) ----------------------

LUKASHENKO = "alexander-lukashenko"

SHAPES = [
    pytest.param(
        [
            "BELARUS, 19 June – Alexander Lukashenko and Vladimir Putin held a meeting in Minsk.",
            "The agenda included about ten issues.",
        ],
        "Talks",
        "news",
        id="dateline-and-third-person",
    ),
    pytest.param(
        [
            "The presidents held a meeting in a narrow and enlarged format.",
            "Russia is the main trading partner of Belarus.",
        ],
        "Talks",
        "news",
        id="third-person-without-dateline",
    ),
    pytest.param(
        [
            "On the eve of my state visit I would like to share my vision of our relations.",
            "Our partnership is underpinned by traditions of friendship. We regularly call each other.",
        ],
        "Article by Vladimir Putin in the Kazakhstanskaya Pravda newspaper",
        "article",
        id="first-person-article",
    ),
    pytest.param(
        [
            "Dear compatriots!",
            "Today, we are on the sacred land of Kyzylorda. I am confident of our future.",
        ],
        "Address by the Head of State Kassym-Jomart Tokayev at the 5th Session of the National Kurultai",
        "transcript",
        id="first-person-address",
    ),
    pytest.param(
        [
            "Key talking points:",
            "Our shared history brings our peoples even closer together. We strive for more.",
        ],
        "President Vladimir Putin's interview to Kazakhstanskaya Pravda newspaper",
        "interview",
        id="first-person-interview-without-labels",
    ),
    pytest.param(
        ["Question: How do you assess relations?", "Vladimir Putin: Indeed, they are privileged."],
        "Interview",
        "interview",
        id="question-labels",
    ),
    pytest.param(
        [
            "Correspondent of the “Washington Post” newspaper:",
            "– Dear Mr. President, what is your attitude?",
            "President Tokayev:",
            "– You see, when a small country is at the intersection of interests.",
        ],
        "Part 5",
        "interview",
        id="label-alone-then-dash-dialogue",
    ),
    pytest.param(
        [
            "President of Russia Vladimir Putin: Good evening,",
            "Let’s take your questions.",
            "Aysel Gereykhanova: Good evening,",
            "Mr President, how do you assess these plans?",
            "Vladimir Putin: We asked ourselves this question.",
            "Alexei Lazurenko: Good afternoon.",
            "Do you think they are still interested?",
            "Vladimir Putin: I think they are even more interested now.",
        ],
        "Press conference",
        "interview",
        id="named-journalists-ask",
    ),
    pytest.param(
        [
            "President of Russia Vladimir Putin: Mr President, friends,",
            "President of Kazakhstan Kassym-Jomart Tokayev: Thank you for your congratulations.",
        ],
        "Beginning of conversation",
        "transcript",
        id="talks-transcript",
    ),
    pytest.param(
        [
            "Lukashenko: Supreme State Council will focus on long-term perspectives",
            "ST. PETERSBURG, 28 January (BelTA) - We will try to look further, Belarusian President Aleksandr Lukashenko said.",
            "“Tomorrow we are going to formalize many of our decisions,” the Belarusian leader said.",
        ],
        "Lukashenko: Supreme State Council",
        "news",
        id="headline-with-a-name-is-not-a-label",
    ),
]


@pytest.mark.parametrize("body, title, doc_type", SHAPES)
def test_doc_type_from_the_texts_shape(idx, body, title, doc_type):
    ev, _, _ = structure(raw(body, title=title), {}, idx)
    assert ev.doc_type == doc_type


def test_sidecar_doc_type_wins(idx):
    body = [
        "Question: How do you assess relations?",
        "Vladimir Putin: Indeed, they are privileged.",
    ]
    ev, _, _ = structure(raw(body), {"doc_type": "transcript"}, idx)
    assert ev.doc_type == "transcript"
    ev, _, _ = structure(raw(["The presidents held talks."]), {"doc_type": "interview"}, idx)
    assert ev.doc_type == "interview"


def test_unlabelled_speech_is_the_title_persons(idx):
    ev, _, issues = structure(
        raw(["Dear compatriots!", "We are approaching an important part of our history."],
            title="President of Kazakhstan Kassym-Jomart Tokayev’s State of the Nation Address"),
        {}, idx,
    )  # fmt: skip
    assert (ev.doc_type, outline(ev)) == (
        "transcript",
        [("tokayev-1", TOKAYEV, ["tokayev-1-p1", "tokayev-1-p2"])],
    )
    ev, _, issues = structure(
        raw(["On the eve of my visit I would like to share my vision. Our states are allies."],
            title="Vladimir Putin's article published in the Kazakhstanskaya Pravda newspaper"),
        {}, idx,
    )  # fmt: skip
    assert (ev.doc_type, ev.author, ev.speeches[0].speaker) == ("article", PUTIN, PUTIN)
    assert not [i for i in issues if "author" in i.message]


def test_interview_answer_label_and_unlabelled_question(idx):
    ev, _, _ = structure(
        raw(
            ["Answer: Let me answer the second part of the question directly: no."],
            title="TRANSCRIPT: AP Interview with Belarusian President Alexander Lukashenko",
            lead=["May 6, 2022 GMT",
                  "President Lukashenko, what was the meaning of yesterday’s military drills?"],
        ),
        {}, idx,
    )  # fmt: skip
    assert ev.doc_type == "interview"
    assert [(s.anchor, s.speaker) for s in ev.speeches] == [
        ("question-1", None),
        ("lukashenko-1", LUKASHENKO),
    ]
    assert [p.text for p in ev.lead] == ["May 6, 2022 GMT"]


def test_interview_initials_labels(idx):
    ev, _, _ = structure(
        raw(
            ["M.M.: Mr. President, how do you envision the future of relations?",
             "A.L.: I don’t want to repeat myself, so I’ll give you a short answer."],
            lead=["Because discussions about Belarusian President Alexander Lukashenko provoke diverse reactions."],
        ),
        {}, idx,
    )  # fmt: skip
    assert ev.doc_type == "interview"
    assert [(s.anchor, s.speaker, s.label) for s in ev.speeches] == [
        ("question-1", None, "M.M."),
        ("lukashenko-1", LUKASHENKO, "A.L."),
    ]


def test_label_alone_then_dash_dialogue(idx):
    ev, new, _ = structure(
        raw(["Correspondent of the “Washington Post” newspaper:", "– So you won’t express your point of view?",
             "President Tokayev:", "– Let me just repeat the main postulates."]),
        {}, idx,
    )  # fmt: skip
    assert [(s.anchor, s.speaker) for s in ev.speeches] == [
        ("correspondent-1", None),
        ("tokayev-1", TOKAYEV),
    ]
    assert new == {}


def test_news_multi_paragraph_quote_and_lead_quote(idx):
    ev, _, _ = structure(
        raw(
            ["NOVO-OGARYOVO, November 18. /TASS/. The fact did not affect relations, Russian President Vladimir Putin said in an interview.",
             "«Our association has established itself as one of the centers.",
             "It helps to ensure growth of the economies of the «five» states,» the head of state said.",
             "The meeting participants approved the main directions."],
            lead=["\"Our relations are based on cultural and religious affinity,\" the Russian president emphasized"],
        ),
        {}, idx,
    )  # fmt: skip
    assert ev.doc_type == "news"
    assert [(s.anchor, s.speaker) for s in ev.speeches] == [
        ("narration-1", None), ("putin-1", PUTIN), ("narration-2", None),
    ]  # fmt: skip
    assert [len(s.paragraphs) for s in ev.speeches] == [1, 2, 1]
    assert ev.lead[0].speaker == PUTIN
