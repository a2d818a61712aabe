"""Speaker labels as the sources print them, lines that only look like labels, and news attribution."""

from __future__ import annotations

import pytest

from build_site.clean.speakers import SpeakerIndex, attribute
from build_site.config import DATA_DIR
from build_site.model import Person
from build_site.read.vocab import load_vocabulary


@pytest.fixture(scope="module")
def idx() -> SpeakerIndex:
    return SpeakerIndex(load_vocabulary(DATA_DIR).persons)


PUTIN, TOKAYEV = "vladimir-putin", "kassym-jomart-tokayev"

# label line → (person id, name, role, generic, sic, rest of the line)
LABELS = [
    (
        "President of Russia Vladimir Putin: Colleagues, friends,",
        (PUTIN, "Vladimir Putin", "President of Russia", None, None, "Colleagues, friends,"),
    ),
    (
        "President of the Republic of Kazakhstan Kassym-Jomart Tokayev: President Putin, Russian friends and colleagues,",
        (
            TOKAYEV,
            "Kassym-Jomart Tokayev",
            "President of the Republic of Kazakhstan",
            None,
            None,
            "President Putin, Russian friends and colleagues,",
        ),
    ),
    (
        "President of Kazakhstan Kassym-Jomart Tokayev: Mr President, forum participants,",
        (
            TOKAYEV,
            "Kassym-Jomart Tokayev",
            "President of Kazakhstan",
            None,
            None,
            "Mr President, forum participants,",
        ),
    ),
    (
        "Kassym-Jomart Tokayev: Thank you, Mr President.",
        (TOKAYEV, "Kassym-Jomart Tokayev", None, None, None, "Thank you, Mr President."),
    ),
    ("Vladimir Putin:", (PUTIN, "Vladimir Putin", None, None, None, "")),
    (
        "Vladimir Putin: Thank you very much.",
        (PUTIN, "Vladimir Putin", None, None, None, "Thank you very much."),
    ),
    (
        "President of Russia Vladimir Putin: Thank you very much.",
        (PUTIN, "Vladimir Putin", "President of Russia", None, None, "Thank you very much."),
    ),
    (
        "Vladimir Putting: Thank you.",
        (PUTIN, "Vladimir Putin", None, None, "Vladimir Putting", "Thank you."),
    ),
    (
        "President of Russia Vladimir Putting:",
        (PUTIN, "Vladimir Putin", "President of Russia", None, "Vladimir Putting", ""),
    ),
    ("Question:", (None, None, None, "Question", None, "")),
    ("Question (cont.):", (None, None, None, "Question", None, "")),
    (
        "Question: How will trade develop?",
        (None, None, None, "Question", None, "How will trade develop?"),
    ),
    ("Remark:", (None, None, None, "Remark", None, "")),
    ("Moderator: Good afternoon.", (None, None, None, "Moderator", None, "Good afternoon.")),
    (
        "Вопрос: Как будет развиваться торговля?",
        (None, None, None, "Question", None, "Как будет развиваться торговля?"),
    ),
    (
        "Governor of Kostanay Region Kumar Aksakalov: Good afternoon.",
        (
            "kumar-aksakalov",
            "Kumar Aksakalov",
            "Governor of Kostanay Region",
            None,
            None,
            "Good afternoon.",
        ),
    ),
    (
        "Presidential Press Secretary Dmitry Peskov: No comment.",
        (
            "dmitry-peskov",
            "Dmitry Peskov",
            "Presidential Press Secretary",
            None,
            None,
            "No comment.",
        ),
    ),
    (
        "Prime Minister of Kazakhstan Olzhas Bektenov: Esteemed Mr President,",
        (
            "olzhas-bektenov",
            "Olzhas Bektenov",
            "Prime Minister of Kazakhstan",
            None,
            None,
            "Esteemed Mr President,",
        ),
    ),
    (
        "Deputy Prime Minister Alexei Overchuk:",
        ("alexei-overchuk", "Alexei Overchuk", "Deputy Prime Minister", None, None, ""),
    ),
    (
        "Rector of Moscow State University Viktor Sadovnichy: Thank you.",
        (
            "viktor-sadovnichy",
            "Viktor Sadovnichy",
            "Rector of Moscow State University",
            None,
            None,
            "Thank you.",
        ),
    ),
    (
        "Minister of Foreign Affairs of Kazakhstan Murat Nurtleu :  Thank you. ",
        (
            "murat-nurtleu",
            "Murat Nurtleu",
            "Minister of Foreign Affairs of Kazakhstan",
            None,
            None,
            "Thank you.",
        ),
    ),
]


@pytest.mark.parametrize("line, expected", LABELS, ids=[l for l, _ in LABELS])
def test_label(idx, line, expected):
    found = idx.split_label_line(line)
    assert found is not None, f"not read as a label: {line!r}"
    label, rest = found
    assert (label.person, label.name, label.role, label.generic, label.sic, rest) == expected
    assert label.text == line.split(":")[0].strip()


def test_label_with_no_break_spaces(idx):
    label, rest = idx.split_label_line("President of\u00a0Russia Vladimir Putin: Friends,")
    assert (label.person, label.role, rest) == (PUTIN, "President of Russia", "Friends,")


NOT_LABELS = [
    "This forum is dedicated to a highly relevant theme: Skilled Trades as a Driving Force of Economic Growth.",
    "This forum is dedicated to\u00a0a\u00a0highly relevant theme: Skilled Trades as\u00a0a\u00a0Driving Force of\u00a0Economic Growth.",
    "In conclusion: I would like to thank everyone.",
    "Colleagues, friends,",
    "Colleagues:",
    "Mr President:",
    "Dear friends: welcome.",
    "Note: figures are preliminary.",
    "Russia and Kazakhstan: new horizons of strategic partnership",
    "11:45",
    "14:45",
    "Publication date: November 9, 2023, 11:45",
    "The great Abai said: “Russian science and culture are the key to the world’s treasures.”",
    "He approached me during an event and said: “Look, I have this idea, a proposal.”",
    "For the systematic training of a new generation of personnel, Kazakhstan has also embarked on a large-scale transformation: a plan for 2025–2027 has been adopted.",
    "We intend to continue our collaboration in advancing what I consider to be a highly promising initiative: the Trans-Altai Dialogue.",
    "The Skolkovo Institute of Science and Technology is developing cooperation with the Kazakhstani partners too: work is underway.",
    "Kazakhstan and Russia: new horizons",
    "Thank you.",
    ": President Putin, Russian friends and colleagues,",
    "Published in sections: News, Transcripts",
    "Site colours:",
    "Font size:",
    "Agenda: 1. Trade 2. Energy",
]


@pytest.mark.parametrize("line", NOT_LABELS)
def test_not_a_label(idx, line):
    assert idx.split_label_line(line) is None


def test_label_alone_then_colon_line(idx):
    """A label cut from its colon: the label line alone parses as a label (clean joins the two lines)."""
    label = idx.parse_label("President of the Republic of Kazakhstan Kassym-Jomart Tokayev")
    assert (
        label
        and label.person == TOKAYEV
        and label.role == "President of the Republic of Kazakhstan"
    )
    assert (
        idx.split_label_line("President of the Republic of Kazakhstan Kassym-Jomart Tokayev")
        is None
    )


@pytest.mark.parametrize(
    "text",
    ["Colleagues, friends", "Thank you very much", "Russia-Kazakhstan talks in expanded format"],
)
def test_parse_label_negative(idx, text):
    label = idx.parse_label(text)
    assert label is None or label.person is None


def test_find_names_marks_misspellings(idx):
    text = "Vladimir Putting and Kassym-Jomart Tokayev made statements for the media."
    assert idx.find_names(text) == [(0, 16, PUTIN, True), (21, 42, TOKAYEV, False)]


def test_find_names_prefers_the_longest_name(idx):
    text = "Russian President Vladimir Vladimirovich Putin to Kazakhstan"
    [(start, end, pid, sic)] = idx.find_names(text)
    assert text[start:end] == "Vladimir Vladimirovich Putin" and pid == PUTIN and not sic


def test_find_names_whole_words_only(idx):
    assert idx.find_names("Putinism and Tokayevs") == []


def test_small_index():
    idx = SpeakerIndex(
        {"a-b": Person("a-b", "Anna Bell", aliases=("Ms Bell",), misspellings=("Ana Bell",))}
    )
    assert idx.split_label_line("Anna Bell: Hi.")[0].person == "a-b"
    assert idx.split_label_line("Ana Bell: Hi.")[0].sic == "Ana Bell"
    assert SpeakerIndex({}).find_names("Anna Bell") == []


# --- news attribution ------------------------------------------------------------------------

ATTRIBUTION = [
    (
        "“Indeed, trade turnover is growing. Last year, it reached $27 billion,” said Tokayev.",
        TOKAYEV,
        True,
    ),
    (
        "“One of the examples of such cooperation was the construction of a new centre,” Tokayev said.",
        TOKAYEV,
        True,
    ),
    ("“We will do it,” said President Putin.", PUTIN, True),
    ("Tokayev noted that Kazakhstan and Russia have considerable potential.", TOKAYEV, False),
    (
        "Tokayev also said that enhancing the transport and logistics structure is a priority task.",
        TOKAYEV,
        False,
    ),
    (
        "Kazakh President Kassym-Jomart Tokayev stressed the importance of the forum.",
        TOKAYEV,
        False,
    ),
    (
        "According to Tokayev, collaborative efforts enable the two economies to adapt.",
        TOKAYEV,
        False,
    ),
    (
        "Addressing the two countries’ partnership, Tokayev stated that cooperation has reached a new level.",
        TOKAYEV,
        False,
    ),
    ("Tokayev and Putin also took part in the opening ceremony of a branch.", None, False),
    (
        "Kazakh President Kassym-Jomart Tokayev and Russian President Vladimir Putin took part in the plenary session.",
        None,
        False,
    ),
    ("The branch will admit applications in September 2025.", None, False),
]


@pytest.mark.parametrize("text, person, direct", ATTRIBUTION)
def test_attribute(idx, text, person, direct):
    assert attribute(text, idx) == (person, direct)
