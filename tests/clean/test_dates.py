"""Dates as other publishers print them (issue 9), and the rule for which line dates the event:
the dateline or heading date near the top; a date without a year takes it from the page's own
date; never a site clock or a date mentioned in the text; the store's stamp only as a last resort."""

from __future__ import annotations

import datetime as dt

import pytest

from build_site.clean.clean import clean
from build_site.clean.dates import date_line, dateline_prefix, find_dates, parse_dateline
from build_site.clean.speakers import SpeakerIndex
from build_site.model import Line, Source

D = dt.date


@pytest.mark.parametrize(
    "text, expected",
    [
        # day-month-year, with weekday, time and zone
        ("9 November 2023 16:35 (UTC +04:00)", D(2023, 11, 9)),
        ("22 April 2024 - 19:15", D(2024, 4, 22)),
        ("Wednesday, 9 November 2023", D(2023, 11, 9)),
        ("15 march 2024 year", D(2024, 3, 15)),
        ("15 March, 2018, 17:03 816", D(2018, 3, 15)),  # date, time, view counter
        ("8 November, 2019 11:04", D(2019, 11, 8)),
        ("01 September 2022", D(2022, 9, 1)),
        ("20 September 2021, 21:16", D(2021, 9, 20)),
        ("9 ноября 2023 года, 14:00", D(2023, 11, 9)),
        # month-day-year
        ("May 6, 2022 GMT", D(2022, 5, 6)),
        ("October 17, 2022", D(2022, 10, 17)),
        ("Friday, May 6, 2022 10:30 AM", D(2022, 5, 6)),
        ("Ноя 03, 2017", D(2017, 11, 3)),
        ("Nov. 26, 2024", D(2024, 11, 26)),
        # numeric
        ("21.02.2024", D(2024, 2, 21)),
        ("19.06.2018", D(2018, 6, 19)),
        ("0:41 11.10.2025", D(2025, 10, 11)),
        ("21.01.2026 12:30:38 322", D(2026, 1, 21)),
        ("07.07.2021 - 07.07.2021", D(2021, 7, 7)),
        ("Created at : 2.09.2019, 17:50, Updated at : 2.09.2019, 17:50", D(2019, 9, 2)),
        ("2019-10-01", D(2019, 10, 1)),
        ("2023-04-06T11:47+0000", D(2023, 4, 6)),
        ("Published: 2024-05-24 01:10", D(2024, 5, 24)),
        ("2023/11/09", D(2023, 11, 9)),
        ("Posted on May 6, 2022 by Admin", D(2022, 5, 6)),
        ("09 November 2023, 16:35 | Politics", D(2023, 11, 9)),
        ("Nov 9, 2023 at 4:35 PM", D(2023, 11, 9)),
        ("November 9th, 2023", D(2023, 11, 9)),
        ("9th of November, 2023", D(2023, 11, 9)),
        ("Updated: 12:30, 9 November 2023", D(2023, 11, 9)),
        # a place before or after
        ("Dushanbe, October 10, 2025", D(2025, 10, 10)),
        ("May 8, 2024, The Kremlin, Moscow", D(2024, 5, 8)),
    ],
)
def test_date_lines(text, expected):
    found = date_line(text)
    assert found is not None and found.found.date() == expected


@pytest.mark.parametrize(
    "text, month_day",
    [("9 Dec. 18:50 (UTC+3 MSK)", (12, 9)), ("October 6", (10, 6)), ("7 April, 12:00", (4, 7))],
)
def test_date_lines_without_a_year(text, month_day):
    found = date_line(text).found
    assert (found.month, found.day, found.year) == (*month_day, None)
    assert parse_dateline(text) is None  # a full date is needed for the header's date


@pytest.mark.parametrize(
    "text",
    [
        "In 2024, trade grew.",
        "On 12 October 2023, the presidents met.",
        "He stated it on February 24 during an official visit.",
        "Thank you, 12 May 2024",
        "14:35",
        "USD 87.42",
        "30 February 2024",
        "The 2025-2027 programme",
        "may 5 be the day",
    ],
)
def test_not_date_lines(text):
    assert date_line(text) is None


@pytest.mark.parametrize(
    "text, place, month_day_year",
    [
        ("MOSCOW, October 6. /TASS/. The authorities of Uzbekistan", "MOSCOW", (10, 6, None)),
        ("ASTANA, January 3. /tass/. The upcoming", "ASTANA", (1, 3, None)),
        ("NOVO-OGARYOVO, November 18. /TASS/. The fact", "NOVO-OGARYOVO", (11, 18, None)),
        ("ST. PETERSBURG, July 13. /TASS/. Belarus remains", "ST. PETERSBURG", (7, 13, None)),
        ("MINSK, 7 April (BelTA) - Belarusian President", "MINSK", (4, 7, None)),
        ("ST. PETERSBURG, 28 January (BelTA) - At the upcoming", "ST. PETERSBURG", (1, 28, None)),
        ("Astana. July 4. KazTAG - President of Kazakhstan", "Astana", (7, 4, None)),
        ("DUSHANBE, Tajikistan, October 9. On October 9, the summit", "DUSHANBE", (10, 9, None)),
        ("BISHKEK, Kyrgyzstan, May 1. Akylbek Japarov", "BISHKEK", (5, 1, None)),
        (
            "TASHKENT (UrduPoint News / Sputnik - 06th December, 2022) Presidents",
            "TASHKENT",
            (12, 6, 2022),
        ),
        ("Dushanbe, October 10, 2025 - The leaders met", "Dushanbe", (10, 10, 2025)),
        ("ASTANA, Nov 9 (Reuters) - Kazakhstan said", "ASTANA", (11, 9, None)),
        ("ASTANA, Nov. 9 (Xinhua) -- Kazakhstan said", "ASTANA", (11, 9, None)),
        ("ASTANA. Nov 9. KAZINFORM - The President", "ASTANA", (11, 9, None)),
        ("Moscow, 9 November 2023 – The talks", "Moscow", (11, 9, 2023)),
    ],
)
def test_agency_datelines(text, place, month_day_year):
    d = dateline_prefix(text)
    assert d is not None and d.place == place
    assert (d.found.month, d.found.day, d.found.year) == month_day_year


@pytest.mark.parametrize(
    "text",
    [
        "On 12 October 2023, President Japarov met Putin.",
        "Back on 9 August, at the big press conference in Minsk, he spoke.",
        "ASTANA – Kazakh President Tokayev spoke at an Oct. 23 ceremony.",
        "Putin said on Monday, May 6, that trade grew.",
        "In May 2024 trade grew by 5%.",
    ],
)
def test_not_agency_datelines(text):
    assert dateline_prefix(text) is None


def test_find_dates_in_a_byline():
    [d] = find_dates("By Javid Agha in Baku August 20, 2024")
    assert d.date() == D(2024, 8, 20)


# --- which line dates the event ---------------------------------------------------------------


def event(lines: list[str]):
    src = Source("t.txt", "t.txt", tuple(Line(i, t) for i, t in enumerate(lines, 1)))
    [ev], _ = clean(src, SpeakerIndex({}))
    return ev


def test_dateline_takes_its_year_from_the_stamp():
    ev = event([" date 2023-10-06 MOSCOW, October 6. /TASS/. The authorities expect growth."])
    assert ev.date == D(2023, 10, 6)
    assert ev.date_from == (
        1,
        "MOSCOW, October 6. /TASS/. The authorities expect growth. (year from line 1)",
    )
    assert ev.body[0].text.startswith("MOSCOW, October 6.")  # the stamp is not text


def test_dateline_beats_a_repost_date_and_takes_its_year():
    ev = event(
        [
            "Main / News / Republic",
            "Lukashenko: the council will focus on the long term",
            "29.01.2024",
            "ST. PETERSBURG, 28 January (BelTA) - At the upcoming meeting we will look ahead.",
        ]
    )
    assert ev.date == D(2024, 1, 28)


def test_dateline_in_december_takes_the_year_before_a_january_page_date():
    ev = event(["Talks", "03.01.2024", "MOSCOW, December 30. /TASS/. The talks ended."])
    assert ev.date == D(2023, 12, 30)


def test_a_dateline_without_any_year_leaves_the_event_undated():
    ev = event(["Talks", "", "TASHKENT, May 27. /TASS/. The presidents met in Tashkent."])
    assert ev.date is None and ev.date_from[0] == 3


def test_site_clock_and_ticker_are_not_dates():
    ev = event(["14:35", "USD 87.42", "", "A greeting", "", "The president sent greetings."])
    assert ev.date is None and ev.time is None
    assert {r.rule for r in ev.removed} >= {"site-clock", "currency-ticker"}


def test_a_date_in_the_text_never_dates_the_event():
    ev = event(
        ["Talks", "", "The presidents met on 12 October 2023 in Bishkek, he said on 9 May 2024."]
    )
    assert ev.date is None


def test_title_date_of_a_repost_names_the_event():
    ev = event(
        [
            "October 17, 2022",
            "",
            "President Putin at press conference in Kazakhstan Oct 14:  What is happening today",
            "",
            "Vladimir Putin: Good evening.",
        ]
    )
    assert ev.date == D(2022, 10, 14)


def test_byline_date():
    ev = event(
        ["Putin pays state visit", "By Javid Agha in Baku August 20, 2024", "", "Putin arrived."]
    )
    assert ev.date == D(2024, 8, 20)
    assert any(r.rule == "byline" for r in ev.removed)


def test_stamp_is_the_last_resort():
    ev = event([" date 2024-10-23 ASTANA – Kazakh President spoke at an Oct. 23 ceremony."])
    assert ev.date == D(2024, 10, 23)
    ev = event(
        [
            " date 2022-08-19 A title",
            "",
            "By Staff Report in International on 18 August 2022",
            "",
            "Text.",
        ]
    )
    assert ev.date == D(2022, 8, 18)


# --- other sites' furniture that depends on its neighbours ----------------------------------------


def rules(ev) -> dict[int, str]:
    return {r.line.no: r.rule for r in ev.removed}


def test_repeated_title_alone_or_with_the_site_name():
    ev = event(["A forum", "A forum", "", "Text of the report.", "A forum | Strategy2050.kz"])
    assert rules(ev) == {2: "repeated-title", 5: "repeated-title"}


def test_caption_above_a_credit():
    ev = event(
        [
            "Putin, Uzbek president meet",
            "",
            "The presidents met.",
            "Russian President Vladimir Putin and Uzbek President Shavkat Mirziyoyev",
            "© Sergey Bobylev/POOL/TASS",
            "",
            "TASHKENT, May 27. /TASS/. They met.",
        ]
    )
    assert rules(ev) == {4: "photo-caption-before-credit", 5: "photo-credit"}


def test_tag_lists_need_two_lines_in_a_row():
    ev = event(
        [
            "Talks",
            "",
            "The talks ended.",
            "vladimir putin",
            "union state",
            "",
            "More text.",
            "indented code",
            "Final words.",
        ]
    )
    assert rules(ev) == {4: "tag-list", 5: "tag-list"}


def test_author_box_and_closing_credits():
    ev = event(
        [
            "Talks",
            "",
            "The forum will be held in Chelyabinsk.",
            "Sergey Kwan",
            "TCA",
            "Sergey Kwan has worked for the paper since 1999.",
            "Kwan studied in Bishkek.",
        ]
    )
    assert [c.text for c in ev.body] == ["The forum will be held in Chelyabinsk."]
    assert set(rules(ev).values()) == {"author-box"}
    ev = event(["Talks", "", "The leaders met.", "Kudrenok Tatyana"])
    assert rules(ev) == {4: "closing-credit"}
    ev = event(
        [
            "Talks",
            "",
            "The leaders met.",
            'GSV "Russia - Islamic world"',
            "Based on materials from TASS",
        ]
    )
    assert rules(ev) == {4: "closing-credit", 5: "source-credit"}


@pytest.mark.parametrize(
    "last", ["Thank you", ".NET developers", "The head of state invited Vl", "-->"]
)
def test_closing_credits_keep_speech(last):
    ev = event(["Talks", "", "The leaders met.", last])
    assert ev.body[-1].text == last


def test_a_short_section_name_above_the_title_is_not_the_title():
    ev = event(
        [
            "Foreign visits",
            "",
            "Development of Armenian-Russian relations: Nikol Pashinyan, Vladimir Putin meet",
            "07.07.2021 - 07.07.2021",
            "",
            "Acting Prime Minister Nikol Pashinyan met Vladimir Putin.",
        ]
    )
    assert ev.title.startswith("Development of Armenian-Russian relations")
    assert rules(ev) == {1: "section-name"} and ev.date == D(2021, 7, 7)
    # a short title followed by its lead stays the title
    ev = event(["A forum", "November 9, 2023", "Astana", "", "The forum opened."])
    assert ev.title == "A forum"


def test_a_name_subheading_in_a_news_digest_is_not_an_author_box():
    body = ["Sergey Lavrov", "Lavrov said the talks went well.", "Lavrov added that trade grew."]
    ev = event(["Digest", "", "The ministers met.", *body, *["More news follows here."] * 8])
    assert "Sergey Lavrov" in [c.text for c in ev.body]
    ev = event(["Digest", "", "The ministers met.", *body])
    assert "Sergey Lavrov" in [c.text for c in ev.body]  # 'said' is no author's biography
