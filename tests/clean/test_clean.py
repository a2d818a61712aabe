"""Cleaning: furniture rules (each with lines it must and must not remove), line repair, splitting
a seed into events, header facts and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from build_site.clean import furniture as F
from build_site.clean.clean import clean, split_events
from build_site.clean.dates import find_time, parse_date, parse_dateline, parse_time
from build_site.clean.speakers import SpeakerIndex
from build_site.model import Line, Source
from build_site.read.seeds import read_source
from build_site.read.vocab import load_vocabulary
from tests.paths import SEEDS_DIR

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def speakers() -> SpeakerIndex:
    from build_site.config import DATA_DIR

    return SpeakerIndex(load_vocabulary(DATA_DIR).persons)


def source(lines: list[str], name: str = "t.txt") -> Source:
    return Source(name, name, tuple(Line(i, t) for i, t in enumerate(lines, 1)))


def cleaned(lines: list[str], speakers: SpeakerIndex):
    events, issues = clean(source(lines), speakers)
    return events, issues


# --- furniture rules --------------------------------------------------------------------------

#: rule name → lines it removes (from real Kremlin/Akorda pages), as printed.
POSITIVE = {
    "view-settings": [
        "View settings",
        "Font size:",
        "Site colours:",
        "Site colors: Black on white",
        "Images",
        "Settings",
        "Select font Arial Times New Roman",
        "Character spacing (Kerning): Standard Medium Large",
        "Version for the visually impaired",
        "Версия для слабовидящих",
    ],
    "site-name": [
        "Official website of the President of Russia",
        "Official site of the President of the Republic of Kazakhstan",
        "Официальный сайт Президента России",
    ],
    "breadcrumb": [
        "News /",
        f"News {NBSP} /",
        "Документ /",
        "Events",
        "News / Transcripts /",
        "Главная / Новости",
        "Phone calls",
        "Telephone conversations",
        "Letters and telegrams",
    ],
    "photo-counter": ["1 of 3", "12 of 40", "2 из 5"],
    "photo-caption": [
        "Plenary session of the 19th Russia-Kazakhstan Interregional Cooperation Forum. Photo by Natalia Gubernatorova, Moskovskiy Komsomolets",
        "With President of Kazakhstan Kassym-Jomart Tokayev before the Russia-Kazakhstan talks in restricted format. Photo: Pavel Bednyakov, RIA Novosti",
        "Переговоры в Астане. Фото: РИА Новости",
        "© Photo: Akorda website",
        "Photo source: picture from an open source",
        "Vladimir Putin and Kassym-Jomart Tokayev meet in Sochi on Aug. 19. Photo credit: Akorda.",
        "Photo: Press service of the Armenian government",
        "Photo source: gov.kg",
        "Photo: akorda.kz",
        "Putin and Tokayev formalize alliance between Russia and Kazakhstan Photo: President of Kazakhstan Kassym-Jomart Tokayev and Russian President Vladimir Putin (kremlin.ru)",
        "The leaders in Astana Photo: The presidents before the talks in the Akorda (akorda.kz)",
    ],
    "separator": ["* * *", "***", " *  *  * ", "---", "———", "____"],
    "share-widget": [
        "Text version",
        "Direct link",
        "Share",
        "Print",
        "Версия для печати",
        "Текстовая версия",
        "Share:",
        "Поделиться:",
        "Share with your friends",
        "Share this article",
        "Share on Facebook",
        "Rate this article",
        "Rate Count",
    ],
    # other publishers' furniture (issue 9): general shapes, several sites each
    "media-counter": ["- 11", "- 50:49", "• 1:02:15", "more 3 photos", "12 photos", "2 videos"],
    "photo-credit": [
        "© Reuters",
        "© Sergey Bobylev/POOL/TASS",
        "Russian President Vladimir Putin and Uzbek President Shavkat Mirziyoyev Sergey Bobylev/POOL/TASS",
        "Belarusian President Alexander Lukashenko Alexei Nikolsky/Russian Presidential Press and Information Office/TASS",
        "Vladimir Putin (left) and Ilham Aliyev (right) at the meeting. / Azerbaijan presidential website",
    ],
    "source-credit": [
        "Source: commonspace.eu with agencies",
        "Sources: Kazinform, Akorda",
        "Based on materials from TASS",
        "Translation by RJ983",
        "Disclaimer: Via RIA Novosti – Checked",
    ],
    "byline": [
        "By Staff Report in International on 19 August 2022",
        "By Javid Agha in Baku August 20, 2024",
        "By Aigerim Seisembayeva",
        "Umer Jamshaid Published December 06, 2022 | 04:30 PM",
        "Anna Ivanova Updated 12 May 2024, 10:15",
        "Автор:",
        "Author: Adlet Seilkhanov",
        "Authors:",
    ],
    "post-meta": [
        "Asia-Pacific, Europe, News October 12, 2025 Comments Off on Putin visits Tajikistan4 minute read",
        "Politics 5 min read",
        "0 Shares 1216 Views",
        "1,204 Views",
        "325 просмотров",
    ],
    "currency-ticker": [
        "USD 87.42",
        "EUR 102.87",
        "RUB 1.12",
        "• usd -4.81%",
        "• cny -0.71%",
        "KZT 0,2",
        "Валюта бағамы: $ 389.59 429.06 6.05 ¥ 55.07",
        "Курс валют: $ 92.15 € 99.87 ¥ 12.61",
        "$ 470.12 € 510.44 ₽ 5.21",
    ],
    "navigation": [
        "Skip to content",
        "All news",
        "Popular",
        "Latest news",
        "Show news feed",
        "Read more:",
        "Tags: Kazakhstan, Russia",
        "Вверх",
        "Back to top",
        "Back to top button",
        "Table of Contents",
        "Most viewed",
        "relevant news",
        "Related news",
        "Latest in National",
        "Читать все новости",
        "Ключевые события",
    ],
    "agency-byline": ["nCa Report", "Staff Report", "TCA Report", "Staff Writer"],
    "section-label": ["Key talking points:", "Key points:", "Highlights:", "Key takeaways:"],
    "menu-bullet": [
        "• main",
        "• Kazakh, Russian Presidents sign 8 documents at Interregional Cooperation Forum",
    ],
    "page-metadata": [
        "https://sputnikglobe.com/20230406/putin-and-lukashenko.html",
        "/html/head/meta[@name='og:title']/@content",
        "feedback@sputniknews.com",
        "+74956456601",
        "+7 (7172) 74-55-55",
        "en_EN",
    ],
    "comment-invite": [
        "Dear visitors, You can place your opinion on the material using your Facebook account.",
        "Leave a comment below",
        "The article in full is available on the Kremlin's official website.",
        "The full text of the interview is available on the newspaper's website.",
        "Leave a Reply",
        "Leave a Reply to Anna Cancel reply",
        "Your email address will not be published.",
        "Your email address will not be published. Required fields are marked *",
    ],
    "language-switcher": ["ua en ru", "KZ | RU | EN", "Қаз Рус Eng", "EN / RU"],
    "reprint-notice": [
        "This information may not be reproduced without reference to Kazakhstan Today",
        "Materials may not be republished without a hyperlink to the source",
        "All rights reserved. Kazinform, 2024",
        "Found an error in the text?",
        "Noticed a typo?",
        "Select the error and press Ctrl + Enter at the same time.",
        "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
    ],
    "block-tabs": [
        "Geography Topics Publication status",
        "Geography Persons Topics",
        "Topics Publication status",
    ],
}

#: rule name → lines of text that look alike but are speech (must never be removed).
NEGATIVE = {
    "view-settings": [
        "Images of our common history unite our peoples.",
        "Settings for the new programme are agreed.",
    ],
    "site-name": ["The official website of the President of Russia has published the full text."],
    "breadcrumb": [
        "News of the agreement spread quickly.",
        "Events in the region show steady growth.",
        "Statements by both sides were constructive.",
        "Phone calls between the leaders are regular.",
        "Meetings of the commission will continue.",
    ],
    "photo-counter": ["1 of 3 projects is already complete.", "One of three.", "11:45"],
    "photo-caption": [
        "I keep a photo by my desk.",
        "We looked at the photo: it showed the old bridge.",
        "Photo exhibitions were held in Moscow and Astana.",
        "We saw the photo (it is on kremlin.ru) yesterday.",
    ],
    "separator": ["*", "— Thank you.", "- 5 percent", "* Note"],
    "share-widget": [
        "Share of national currencies reached 75 percent.",
        "Text version of the treaty was signed.",
        "Print media are also represented.",
        "Share with your friends the joy of this day, he said.",
        "Rating agencies upgraded Kazakhstan.",
    ],
    "media-counter": [
        "- 5 percent",
        "11 photos were shown at the exhibition.",
        "3 videos, 2 films",
    ],
    "photo-credit": [
        "Trade grew by 5%/year over the decade, according to TASS.",
        "The talks were held in the Kremlin. / We agreed on everything.",
        "Copyright matters were discussed.",
    ],
    "source-credit": [
        "Source of growth is the energy sector.",
        "Sources of financing were agreed: the budget and the bank.",
        "Based on materials from the talks, we prepared a plan of action for the next three years.",
    ],
    "byline": [
        "By 2030 we will double trade.",
        "By the way, I agree.",
        "By the end of the year, trade will reach $30 billion.",
        "Published documents will be studied.",
        "Author of the plan: the government.",
    ],
    "post-meta": [
        "Comments from the ministry followed on October 12, 2025.",
        "It takes 5 minutes to read the treaty.",
        "Views of the two sides coincide.",
    ],
    "currency-ticker": [
        "USD 5 billion is a lot.",
        "US$28 billion",
        "EUR is stable.",
        "Growth: 4.8 and 5.1",
    ],
    "navigation": [
        "Popular support for the reforms is strong.",
        "Read more about the agreements in our next issue, he said.",
        "Latest figures show growth.",
        "Tags and labels are needed for exports.",
        "Most viewed films were Russian.",
        "Latest in the series of talks was in Sochi.",
        "Contents of the treaty were agreed.",
    ],
    "agency-byline": [
        "The report was approved.",
        "Report on the trade balance was presented.",
        "Annual Report",
    ],
    "section-label": [
        "Key points of the agreement were agreed.",
        "Highlights of the visit: the treaty and the forum.",
    ],
    "menu-bullet": ["Trade grew by 5% • investment by 10%."],
    "page-metadata": [
        "Thank you.",
        "Putin: Thank you.",
        "The phone number 112 works.",
        "The website is president.kz.",
    ],
    "comment-invite": [
        "Dear friends, thank you for coming.",
        "Dear colleagues,",
        "The full text of the treaty is being prepared.",
        "The full text of the agreement is available to everyone.",
        "Leave a reply to the letter, he asked.",
        "Your email address will not be published anywhere, we promise.",
    ],
    "language-switcher": ["to be", "in US", "We do", "be am", "en"],
    "reprint-notice": [
        "The text may not be ready yet.",
        "All rights of citizens are reserved by the Constitution.",
        "We found an error in the calculation.",
    ],
    "block-tabs": ["Geography", "Topics of the talks were agreed.", "Persons of interest"],
}


def test_every_rule_has_examples():
    names = {r.name for r in F.RULES}
    assert names == set(POSITIVE) == set(NEGATIVE), (
        "add positive and negative examples for every furniture rule"
    )


@pytest.mark.parametrize("name, text", [(n, t) for n, ts in POSITIVE.items() for t in ts])
def test_rule_removes(name, text):
    rule = F.match_furniture(text, in_header=True)
    assert rule is not None and rule.name == name


@pytest.mark.parametrize("name, text", [(n, t) for n, ts in NEGATIVE.items() for t in ts])
def test_rule_keeps_speech(name, text):
    rule = F.match_furniture(text, in_header=True)
    assert rule is None or rule.name != name
    assert F.match_furniture(text) is None


@pytest.mark.parametrize("text", ["News /", "Events", "Документ /"])
def test_breadcrumbs_only_in_the_header(text):
    assert F.match_furniture(text, in_header=True).name == "breadcrumb"
    assert F.match_furniture(text) is None


@pytest.mark.parametrize(
    "text", ["See also", "Additional", "Read also", "См. также", "Читайте также"]
)
def test_related_widget_heading(text):
    assert F.RELATED_WIDGET.match(text)


@pytest.mark.parametrize(
    "text", ["See also our plans for 2025.", "Additional schools will be built."]
)
def test_related_widget_negative(text):
    assert not F.RELATED_WIDGET.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "Publication status",
        "Published in sections: News, Transcripts",
        "Published in section: Transcripts",
        "Publication date: November 9, 2023, 11:45",
        "Дата публикации: 9 ноября 2023",
    ],
)
def test_publication_block(text):
    assert F.PUBLICATION.match(text)


@pytest.mark.parametrize(
    "text", ["Publication of the results is expected soon.", "Published works of Abai are read."]
)
def test_publication_negative(text):
    assert not F.PUBLICATION.match(text)


@pytest.mark.parametrize("text", ["Geography", "Topics", "Persons", "Organisations"])
def test_tag_blocks(text):
    assert text.lower() in F.TAG_BLOCKS


@pytest.mark.parametrize(
    "text",
    [
        "Переведено сервисом «Яндекс Переводчик»",
        "Translated by DeepL",
        "Translated with Google Translate",
        "Machine translation from Russian",
        "Перевод выполнен автоматически",
    ],
)
def test_translation_note(text):
    assert F.TRANSLATION.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "Translated into twenty languages, Abai's poems are read everywhere.",
        "Переведено много книг.",
    ],
)
def test_translation_negative(text):
    assert not F.TRANSLATION.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "<…>",
        "<...>",
        "< … >",
        "[…]",
        "[...]",
        "To be continued.",
        "To be continued",
        "Продолжение следует.",
    ],
)
def test_editorial_note(text):
    assert F.NOTE.match(text)


@pytest.mark.parametrize("text", ["To be continued, the talks moved on to energy.", "<b>", "(…)"])
def test_editorial_note_negative(text):
    assert not F.NOTE.match(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("ASTANA – Kazakh President Kassym-Jomart Tokayev said", "ASTANA"),
        ("MOSCOW — The talks", "MOSCOW"),
        ("UST-KAMENOGORSK - “We", "UST-KAMENOGORSK"),
    ],
)
def test_news_dateline(text, place):
    m = F.DATELINE.match(text)
    assert m and m["place"].strip() == place


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan – Russia relations are strong.",
        "In 2024 – a record year – trade grew.",
        "I – and I am sure – we all agree.",
    ],
)
def test_news_dateline_negative(text):
    assert not F.DATELINE.match(text)


# --- clean(): furniture in context ------------------------------------------------------------

HEADER = [
    "View settings",
    "",
    "Font size:",
    "Official website of the President of Russia",
    "News /",
    "Talks with the President of Kazakhstan",
    "November 9, 2023",
    "11:45",
    "Astana",
    "1 of 3",
    "The presidents at the talks. Photo: Pavel Bednyakov, RIA Novosti",
    "Summary of the talks.",
    "* * *",
]


def test_header_facts_and_removed_lines(speakers):
    [ev], issues = cleaned(HEADER + ["Vladimir Putin: Good afternoon.", "Thank you."], speakers)
    assert (ev.title, ev.date, ev.time, ev.place) == (
        "Talks with the President of Kazakhstan",
        dt.date(2023, 11, 9),
        "11:45",
        "Astana",
    )
    assert [c.text for c in ev.lead] == ["Summary of the talks."]
    assert [c.text for c in ev.body] == ["Vladimir Putin: Good afternoon.", "Thank you."]
    removed = {r.line.no: r.rule for r in ev.removed}
    assert removed == {
        1: "view-settings",
        3: "view-settings",
        4: "site-name",
        5: "breadcrumb",
        10: "photo-counter",
        11: "photo-caption",
        13: "separator",
    }
    meta = {r.line.no: r.rule for r in ev.meta_lines}
    assert meta == {6: "title", 7: "date", 8: "time", 9: "place"}
    assert ev.publisher == "Kremlin"
    assert issues == []


@pytest.mark.parametrize(
    "label, name",
    [("Автор:", "Adlet Seilkhanov"), ("Author:", "Anna Ivanova"), ("Authors:", "Kudrenok Tatyana")],
)
def test_name_under_a_byline_label_is_furniture(speakers, label, name):
    title = "Kazakhstan-Russia trade turnover is to hit record high this year"
    lines = [title, label, name, "30 September 2021, 16:50", title,
             "ASTANA. KAZINFORM – Trade grew by 34%, the minister said."]  # fmt: skip
    [ev], _ = cleaned(lines, speakers)
    removed = {r.line.no: r.rule for r in ev.removed}
    assert (removed[2], removed[3], removed[5]) == ("byline", "byline-name", "repeated-title")
    assert ev.title == title
    assert [c.text for c in ev.body] == [lines[5]]


def test_a_name_line_without_a_byline_label_stays_text(speakers):
    lines = ["Talks", "November 9, 2023", "Adlet Seilkhanov", "The talks began.", "Anna Ivanova"]
    [ev], _ = cleaned(lines, speakers)
    assert "byline-name" not in {r.rule for r in ev.removed}


@pytest.mark.parametrize("tag", ["страны центральной азии", "vladimir putin", "union state"])
def test_a_lower_case_tag_after_the_last_sentence_is_furniture(speakers, tag):
    lines = ["Talks", "November 9, 2023", "The talks began.", tag, "Ключевые события"]
    [ev], _ = cleaned(lines, speakers)
    assert [c.text for c in ev.body + ev.lead] == ["The talks began."]
    assert {r.line.no: r.rule for r in ev.removed}[4] == "closing-credit"


def test_caption_after_a_photo_counter_without_credit(speakers):
    [ev], _ = cleaned(
        [
            "Talks",
            "November 9, 2023",
            "2 of 6",
            "The presidents shake hands",
            "* * *",
            "Vladimir Putin: Thank you.",
        ],
        speakers,
    )
    assert {r.line.no: r.rule for r in ev.removed}[4] == "photo-caption"


def test_related_widget_in_the_body_is_removed_with_its_title_and_date(speakers):
    lines = [
        "Talks",
        "November 9, 2023",
        "* * *",
        "Vladimir Putin: First paragraph.",
        "See also",
        "All news about the official visit to Kazakhstan",
        "November 9, 2023",
        "Second paragraph.",
    ]
    [ev], _ = cleaned(lines, speakers)
    assert [c.text for c in ev.body] == ["Vladimir Putin: First paragraph.", "Second paragraph."]
    assert [(r.line.no, r.rule) for r in ev.removed if r.rule == "related-widget"] == [
        (5, "related-widget"),
        (6, "related-widget"),
        (7, "related-widget"),
    ]


def test_closing_blocks_become_tags_and_publication(speakers):
    lines = [
        "Talks",
        "November 9, 2023",
        "* * *",
        "Vladimir Putin: Thank you.",
        "Geography",
        "Kazakhstan",
        "Topics",
        "Agriculture",
        "Foreign policy",
        "Persons",
        "Tokayev Kassym-Jomart",
        "Publication status",
        "Published in sections: News, Transcripts",
        "Publication date: November 9, 2023, 11:45",
    ]
    [ev], _ = cleaned(lines, speakers)
    assert ev.tags == {
        "Geography": ("Kazakhstan",),
        "Topics": ("Agriculture", "Foreign policy"),
        "Persons": ("Tokayev Kassym-Jomart",),
    }
    assert ev.published == "November 9, 2023, 11:45"
    assert ev.time == "11:45"
    assert [c.text for c in ev.body] == ["Vladimir Putin: Thank you."]
    assert {r.line.no for r in ev.meta_lines} >= set(range(5, 15))


def test_translation_note_is_metadata_not_text(speakers):
    [ev], _ = cleaned(
        [
            "An article",
            "First paragraph of the article.",
            "Переведено сервисом «Яндекс Переводчик»",
        ],
        speakers,
    )
    assert ev.translation == "Переведено сервисом «Яндекс Переводчик»"
    assert [c.text for c in ev.body] == ["First paragraph of the article."]


@pytest.mark.parametrize(
    "note", ["<…>", "To be continued.", f"To{NBSP}be continued.", f"<{NBSP}…{NBSP}>"]
)
def test_editorial_notes_are_notes_even_with_no_break_spaces(speakers, note):
    [ev], _ = cleaned(
        ["Talks", "November 9, 2023", "* * *", "Vladimir Putin: Thank you.", note], speakers
    )
    assert [(c.text, c.kind) for c in ev.body][-1] == (note, "note")


@pytest.mark.parametrize(
    "line", [f"Font{NBSP}size:", f"Direct{NBSP}link", f"See{NBSP}also", f"1{NBSP}of{NBSP}3"]
)
def test_furniture_with_no_break_spaces(speakers, line):
    [ev], _ = cleaned(
        ["Talks", "November 9, 2023", "* * *", "Vladimir Putin: Thank you.", line, "More text."],
        speakers,
    )
    assert line not in [c.text for c in ev.body]


# --- line repair ------------------------------------------------------------------------------


def test_lone_full_stop_is_joined(speakers):
    [ev], issues = cleaned(
        [
            "Talks",
            "November 9, 2023",
            "* * *",
            "Vladimir Putin: I am attending with President Tokayev",
            ".",
            "Next.",
        ],
        speakers,
    )
    assert ev.body[0].text == "Vladimir Putin: I am attending with President Tokayev."
    assert ev.body[0].lines == (4, 5)
    assert [str(i) for i in issues] == [
        "t.txt:5: repair: joined a broken line starting '.' to line 4"
    ]


def test_comma_lines_are_joined_in_a_chain(speakers):
    lines = [
        "Talks",
        "November 9, 2023",
        "* * *",
        "Vladimir Putin: within the Eurasian Economic Union",
        ", the Commonwealth of Independent States",
        ", as well as the Shanghai Cooperation Organisation",
        "; and more.",
        "Next.",
    ]
    [ev], issues = cleaned(lines, speakers)
    assert ev.body[0].text == (
        "Vladimir Putin: within the Eurasian Economic Union, the Commonwealth of Independent States"
        ", as well as the Shanghai Cooperation Organisation; and more."
    )
    assert ev.body[0].lines == (4, 5, 6, 7)
    assert [i.line for i in issues] == [5, 6, 7]
    assert all(i.level == "repair" for i in issues)


def test_label_cut_from_its_colon(speakers):
    lines = [
        "Talks",
        "November 9, 2023",
        "President of the Republic of Kazakhstan Kassym-Jomart Tokayev",
        ": President Putin, Russian friends and colleagues, welcome.",
        "Second paragraph.",
    ]
    [ev], issues = cleaned(lines, speakers)
    assert (
        ev.body[0].text
        == "President of the Republic of Kazakhstan Kassym-Jomart Tokayev: President Putin, Russian friends and colleagues, welcome."
    )
    assert ev.body[0].lines == (3, 4)
    assert ev.title == "Talks"
    assert [i.line for i in issues] == [4]


@pytest.mark.parametrize(
    "text", ["... and so on.", ".NET developers", ":)", "Thank you.", "– and I agree."]
)
def test_ordinary_lines_are_not_joined(speakers, text):
    [ev], issues = cleaned(
        ["Talks", "November 9, 2023", "* * *", "Vladimir Putin: Hello.", text], speakers
    )
    assert [c.text for c in ev.body] == ["Vladimir Putin: Hello.", text]
    assert issues == []


def test_broken_line_never_joins_a_note(speakers):
    [ev], _ = cleaned(
        ["Talks", "November 9, 2023", "* * *", "Vladimir Putin: Hello.", "<…>", ", then text"],
        speakers,
    )
    assert [c.kind for c in ev.body] == ["text", "note", "text"]


# --- splitting ------------------------------------------------------------------------------


def test_split_at_text_version_glued_to_the_next_breadcrumb():
    lines = tuple(
        Line(i, t) for i, t in enumerate(["A", "Text versionEvents", "B", "Text version"], 1)
    )
    segments = split_events(lines)
    assert [[l.text for l in seg] for seg, _ in segments] == [["A"], ["Events", "B"]]
    assert [[(r.line.no, r.rule) for r in rem] for _, rem in segments] == [
        [(2, "share-widget")],
        [(4, "share-widget")],
    ]
    assert segments[1][0][0].no == 2


def test_split_without_text_version_is_one_segment():
    lines = tuple(Line(i, t) for i, t in enumerate(["A", "B"], 1))
    assert len(split_events(lines)) == 1


def test_split_keeps_every_line_number():
    lines = tuple(
        Line(i, t)
        for i, t in enumerate(
            ["A", "Text versionEvents", "", "B", "Text version", "", "Text version"], 1
        )
    )
    segments = split_events(lines)
    seen = {l.no for seg, _ in segments for l in seg if l.text.strip()} | {
        r.line.no for _, rem in segments for r in rem
    }
    assert seen == {1, 2, 4, 5, 7}


def test_text_version_with_no_break_space_splits():
    lines = tuple(Line(i, t) for i, t in enumerate(["A", f"Text{NBSP}versionEvents", "B"], 1))
    assert [[l.text for l in seg] for seg, _ in split_events(lines)] == [["A"], ["Events", "B"]]


def test_seed_003_holds_four_events(speakers):
    events, _ = clean(read_source(SEEDS_DIR / "003_6459434bd1d1d077.txt"), speakers)
    assert [(e.title, e.time) for e in events] == [
        ("Russia-Kazakhstan Interregional Cooperation Forum", "11:45"),
        ("Beginning of Russia-Kazakhstan talks in restricted format", "12:15"),
        ("Beginning of Russia-Kazakhstan talks in expanded format", "13:30"),
        ("Media statements by presidents of Russia and Kazakhstan", "14:45"),
    ]
    assert {e.date for e in events} == {dt.date(2023, 11, 9)}
    assert {e.place for e in events} == {"Astana"}
    assert [e.index for e in events] == [0, 1, 2, 3]


def test_seed_000_header(speakers):
    [ev], _ = clean(read_source(SEEDS_DIR / "000_706b5c0bd46f7f98.txt"), speakers)
    assert ev.title == "21st Russia-Kazakhstan Interregional Cooperation Forum"
    assert (ev.date, ev.place) == (dt.date(2025, 11, 12), "The Kremlin, Moscow")
    assert [c.lines for c in ev.lead] == [(17,), (19,)]
    assert ev.body[-1].kind == "note" and ev.body[-1].lines == (99,)


def test_seed_004_translation_note(speakers):
    [ev], _ = clean(read_source(SEEDS_DIR / "004_da09ab2730ed39e0.txt"), speakers)
    assert ev.title == "Kazakhstan and Russia: new horizons of strategic partnership"
    assert ev.translation == "Переведено сервисом «Яндекс Переводчик»"
    assert ev.date is None


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("November 12, 2025, The Kremlin, Moscow", (dt.date(2025, 11, 12), "The Kremlin, Moscow")),
        (
            f"November 12, 2025, The{NBSP}Kremlin, Moscow",
            (dt.date(2025, 11, 12), f"The{NBSP}Kremlin, Moscow"),
        ),
        ("November 9, 2023", (dt.date(2023, 11, 9), None)),
        ("Nov. 26, 2024", (dt.date(2024, 11, 26), None)),
        ("9 ноября 2023 года", (dt.date(2023, 11, 9), None)),
        ("9 ноября 2023 г.", (dt.date(2023, 11, 9), None)),
        ("12 ноября 2025 года, Москва", (dt.date(2025, 11, 12), "Москва")),
        ("2024-11-27", (dt.date(2024, 11, 27), None)),
        ("November 9, 2023, 11:45", (dt.date(2023, 11, 9), None)),
        ("27 November 2024", (dt.date(2024, 11, 27), None)),
    ],
)
def test_parse_dateline(text, expected):
    assert parse_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thank you.",
        "February 30, 2024",
        "Smarch 3, 2024",
        "In 2024, trade grew.",
        "November 9, 2023, we signed many documents and then we went to the theatre together.",
        "November 9, 2023, and it was a good day.",
        "11:45",
        "2024-13-01",
        "x" * 130,
    ],
)
def test_parse_dateline_negative(text):
    assert parse_dateline(text) is None


def test_publication_date_line():
    text = "Publication date: November 9, 2023, 11:45"
    assert parse_date(text.split(":", 1)[1].strip()) == dt.date(2023, 11, 9)
    assert find_time(text) == "11:45"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("11:45", "11:45"),
        ("9:05", "09:05"),
        (" 23:59 ", "23:59"),
        ("24:00", None),
        ("11:60", None),
        ("11.45", None),
        ("at 11:45", None),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


def test_find_time_takes_the_last():
    assert find_time("Publication date: November 9, 2023, 9:05") == "09:05"
    assert find_time("no time here") is None
