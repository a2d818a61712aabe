"""Indicator catalogue (data/indicators.yml) and the classifier that reads what a figure measures."""

from __future__ import annotations

import dataclasses
import doctest
import re
import textwrap
from pathlib import Path

import pytest

from build_site.extract import indicators as indicators_module
from build_site.extract.figures import find_figures
from build_site.extract.indicators import assign_indicators, classify, load_indicators
from build_site.model import Figure, Indicator
from build_site.read.vocab import load_vocabulary

INDICATORS = load_indicators()
TOPICS = set(load_vocabulary().topics)

REQUIRED = [
    "trade-turnover",
    "trade-growth",
    "russian-investment-stock",
    "russian-investment-inflow",
    "kazakh-investment-in-russia",
    "companies-with-russian-capital",
    "kazakh-students-in-russia",
    "national-currencies-share",
    "agricultural-trade",
    "joint-projects-count",
    "joint-projects-value",
    "russian-university-branches",
    "russian-language-schools",
    "border-regions-population",
    "regions-with-direct-ties",
    "interregional-agreements",
]


# --- catalogue --------------------------------------------------------------------------------


def test_catalogue_has_the_required_indicators() -> None:
    assert set(REQUIRED) <= set(INDICATORS)


@pytest.mark.parametrize("ind", INDICATORS.values(), ids=list(INDICATORS))
def test_catalogue_entries_are_complete(ind: Indicator) -> None:
    assert isinstance(ind, Indicator)
    assert ind.name and ind.unit and ind.description and ind.topic in TOPICS
    assert ind.units and ind.patterns
    assert any(not p.startswith("!") for p in ind.patterns)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "indicators.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
- id: trade-turnover
  name: Trade
  unit: USD
  topic: trade-and-investment
  units: [USD]
  patterns: ['trade']
"""


def test_load_a_small_catalogue(tmp_path: Path) -> None:
    inds = load_indicators(_write(tmp_path, GOOD))
    assert inds["trade-turnover"] == Indicator(
        id="trade-turnover",
        name="Trade",
        unit="USD",
        topic="trade-and-investment",
        units=("USD",),
        patterns=("trade",),
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- id: x\n  name: X\n", "'unit'"),
        ("- id: Bad Id\n  name: X\n  unit: USD\n  patterns: [a]\n", "slug"),
        ("- id: x\n  name: X\n  unit: USD\n  topic: weather\n  patterns: [a]\n", "unknown topic"),
        ("- id: x\n  name: X\n  unit: USD\n  patterns: ['(unclosed']\n", "bad pattern"),
        ("- id: x\n  name: X\n  unit: USD\n  patterns: ['!only-negative']\n", "positive pattern"),
        ("- id: x\n  name: X\n  unit: USD\n  patterns: []\n", "positive pattern"),
        ("- id: x\n  name: X\n  unit: USD\n  units: USD\n  patterns: [a]\n", "'units'"),
        ("- id: x\n  name: X\n  unit: USD\n  colour: red\n  patterns: [a]\n", "unknown keys"),
        (GOOD + GOOD, "duplicate id"),
        ("- just a string\n", "mapping"),
        ("id: x\n", "list"),
        ("- id: x\n  name: [unclosed\n", "YAML"),
    ],
)
def test_bad_catalogue_names_file_and_entry(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ValueError) as err:
        load_indicators(path)
    assert re.match(rf"{re.escape(str(path))}:\d+: error: ", str(err.value))
    assert message in str(err.value)


# --- classification ---------------------------------------------------------------------------

# (text, quote of the figure, expected indicator id or None)
CASES = [
    # the examples
    (
        "Russia remains Kazakhstan’s largest trade and investment partner. The trade between our countries has exceeded US$28 billion.",
        "US$28 billion",
        "trade-turnover",
    ),
    (
        "The trade between our countries has exceeded US$28 billion, and targeted efforts are underway to increase this figure to US$30 billion.",
        "US$30 billion",
        "trade-turnover",
    ),
    (
        "In 2024, Russian investment reached a record level of US$4 billion, while the total cumulative volume of Russian investment in Kazakhstan, according to our data, exceeded US$27 billion.",
        "US$27 billion",
        "russian-investment-stock",
    ),
    (
        "In 2024, Russian investment reached a record level of US$4 billion, while the total cumulative volume of Russian investment in Kazakhstan, according to our data, exceeded US$27 billion.",
        "US$4 billion",
        "russian-investment-inflow",
    ),
    (
        "At the same time, Kazakhstan’s investment in Russia amounts to approximately US$9 billion.",
        "US$9 billion",
        "kazakh-investment-in-russia",
    ),
    (
        "More than 20,000 companies with Russian capital are successfully operating in Kazakhstan.",
        "20,000 companies",
        "companies-with-russian-capital",
    ),
    (
        "As for the share of national currencies in our mutual settlements, it already exceeds 96 percent.",
        "96 percent",
        "national-currencies-share",
    ),
    (
        "In total, approximately 55,000 young, highly promising Kazakhstani citizens are studying at universities, colleges, and technical schools across the Volga region.",
        "55,000",
        "kazakh-students-in-russia",
    ),
    (
        "Russia’s trade with Kazakhstan increased by over 10 percent in 2022 and reached $28.2 billion according to our statistics.",
        "10 percent",
        "trade-growth",
    ),
    (
        "Russia’s trade with Kazakhstan increased by over 10 percent in 2022 and reached $28.2 billion according to our statistics.",
        "$28.2 billion",
        "trade-turnover",
    ),
    (
        "Today, at the opening of the forum, we stated the exact figures of our growing trade. Over the past three years, it grew more than 30 percent.",
        "30 percent",
        "trade-growth",
    ),
    # seeds, other sentences
    (
        "Indeed, trade turnover is growing. Last year, it reached $27 billion.",
        "$27 billion",
        "trade-turnover",
    ),
    (
        "At the same time, Russia accounts for almost 20% of Kazakhstan’s foreign trade.",
        "20%",
        "russia-share-of-kazakhstan-trade",
    ),
    (
        "Last year, trade reached US$28.7 billion, which accounts for a fifth of Kazakhstan’s foreign trade.",
        "a fifth",
        "russia-share-of-kazakhstan-trade",
    ),
    (
        "Last year, trade reached US$28.7 billion, which accounts for a fifth of Kazakhstan’s foreign trade.",
        "US$28.7 billion",
        "trade-turnover",
    ),
    (
        "The total volume of direct Russian investment approached $25 billion. The annual inflow of investment has grown significantly, doubling last year to $3 billion.",
        "$25 billion",
        "russian-investment-stock",
    ),
    (
        "The total volume of direct Russian investment approached $25 billion. The annual inflow of investment has grown significantly, doubling last year to $3 billion.",
        "$3 billion",
        "russian-investment-inflow",
    ),
    (
        "In Kazakhstan, 23,000 Russian and joint firms operate, representing nearly half of all our enterprises with foreign participation.",
        "23,000",
        "companies-with-russian-capital",
    ),
    (
        "In Kazakhstan, 23,000 Russian and joint firms operate, representing nearly half of all our enterprises with foreign participation.",
        "half",
        "russian-share-of-foreign-companies",
    ),
    (
        "highlighting Kazakhstan’s record grain production of nearly 27 million tons this year.",
        "27 million tons",
        "grain-harvest",
    ),
    (
        "Russia is a leading investor in Kazakhstan, with cumulative capital investments totalling approximately US$10 billion.",
        "US$10 billion",
        "russian-investment-stock",
    ),
    (
        "Over 17,000 enterprises with Russian participation operate on the Kazakhstani market, and the two countries are implementing around 70 major joint projects.",
        "17,000 enterprises",
        "companies-with-russian-capital",
    ),
    (
        "Over 17,000 enterprises with Russian participation operate on the Kazakhstani market, and the two countries are implementing around 70 major joint projects.",
        "70 major joint projects",
        "joint-projects-count",
    ),
    (
        "It brings together representatives from more than thirty Russian regions and their counterparts from across Kazakhstan.",
        "thirty Russian regions",
        "forum-participating-regions",
    ),
    (
        "Approximately 55,000 citizens of Kazakhstan are studying in Russia, with half of them on government scholarships.",
        "55,000",
        "kazakh-students-in-russia",
    ),
    (
        "Approximately 55,000 citizens of Kazakhstan are studying in Russia, with half of them on government scholarships.",
        "half",
        "kazakh-students-state-funded-share",
    ),
    (
        "For its part, Russia is assisting in the construction of new Russian-language schools in Kazakhstan. Three additional schools are to open soon in the cities of Kyzylorda, Taraz, and Turkestan.",
        "Three additional schools",
        "russian-language-schools",
    ),
    (
        "The 2024 trade amounted to about US$28 billion, and in the eight months of this year it exceeded US$17 billion.",
        "US$17 billion",
        "trade-turnover",
    ),
    (
        "Kazakhstan’s investments in Russia are also rising, their total amount over 15 years has reached about US$9 billion.",
        "US$9 billion",
        "kazakh-investment-in-russia",
    ),
    (
        "More than 20,000 companies with Russian participation have been operating in Kazakhstan, which makes up almost a half of all businesses with foreign capital operating in our country.",
        "a half",
        "russian-share-of-foreign-companies",
    ),
    (
        "We are implementing 175 major joint projects.",
        "175 major joint projects",
        "joint-projects-count",
    ),
    (
        "In Kazakhstan, nine branches of leading Russian universities are operating successfully.",
        "nine branches",
        "russian-university-branches",
    ),
    (
        "In Kazakhstan, nine branches of Russian higher education institutions are successfully operating, with approximately four thousand students enrolled.",
        "four thousand students",
        "students-at-russian-university-branches",
    ),
    (
        "In secondary education, there are over a thousand schools with Russian as the language of instruction in Kazakhstan, with one third of all students receiving their education in Russian.",
        "a thousand schools",
        "russian-language-schools",
    ),
    (
        "In secondary education, there are over a thousand schools with Russian as the language of instruction in Kazakhstan, with one third of all students receiving their education in Russian.",
        "one third",
        "russian-language-education-share",
    ),
    (
        "A total of 1,453 agreements have been concluded between the higher education institutions of our two countries.",
        "1,453 agreements",
        "university-agreements",
    ),
    (
        "Overall, 76 of the 89 regions of the Russian Federation maintain direct contacts with all 17 regions of Kazakhstan.",
        "76",
        "regions-with-direct-ties",
    ),
    (
        "As of now, 76 Russian regions have established direct partner ties with regions in Kazakhstan.",
        "76 Russian regions",
        "regions-with-direct-ties",
    ),
    (
        "It is important that representatives of more than 30 regions of Russia and Kazakhstan have gathered in Kostanay for this event.",
        "30 regions",
        "forum-participating-regions",
    ),
    (
        "We continue to develop the legal framework of regional cooperation, which comprises, in particular, over 60 agreements between our countries’ regional governments.",
        "60 agreements",
        "interregional-agreements",
    ),
    (
        "a number of new agreements and memoranda, as well as commercial contracts worth in total about $100 million, have been prepared for signing based on the results of this forum.",
        "$100 million",
        "interregional-contracts-value",
    ),
    (
        "In January to August 2023, our mutual trade increased by another 7 percent.",
        "7 percent",
        "trade-growth",
    ),
    (
        "The total volume of Russian investments is slightly lower, according to our statistics: President Tokayev said that it was over $20 billion, and in our estimation, it is slightly over $17 billion.",
        "$17 billion",
        "russian-investment-stock",
    ),
    (
        "Kazakhstan’s investments into Russia amount to $4.6 billion, according to our data.",
        "$4.6 billion",
        "kazakh-investment-in-russia",
    ),
    (
        "Some 6,000 companies with Russian capital operate in various regions of Kazakhstan, while the total cost of joint projects that are being implemented with Russian participation is $36.5 billion.",
        "6,000 companies",
        "companies-with-russian-capital",
    ),
    (
        "Some 6,000 companies with Russian capital operate in various regions of Kazakhstan, while the total cost of joint projects that are being implemented with Russian participation is $36.5 billion.",
        "$36.5 billion",
        "joint-projects-value",
    ),
    (
        "Russia is Kazakhstan’s key supplier of various products such as wheat (98 percent of imports), barley (98 percent), poultry (80–90 percent).",
        "80–90 percent",
        "russian-share-of-food-imports",
    ),
    (
        "Overall, bilateral turnover of agricultural products and foods grew by 22 percent and reached $4 billion in 2022; in the first seven months of this year, it increased by another 3 percent.",
        "22 percent",
        "agricultural-trade-growth",
    ),
    (
        "Overall, bilateral turnover of agricultural products and foods grew by 22 percent and reached $4 billion in 2022; in the first seven months of this year, it increased by another 3 percent.",
        "$4 billion",
        "agricultural-trade",
    ),
    (
        "Overall, bilateral turnover of agricultural products and foods grew by 22 percent and reached $4 billion in 2022; in the first seven months of this year, it increased by another 3 percent.",
        "3 percent",
        "agricultural-trade-growth",
    ),
    (
        "Incidentally, Russia has gathered a very good wheat harvest this year, our export potential will be maintained at 60 million tonnes.",
        "60 million tonnes",
        "russian-wheat-exports",
    ),
    (
        "Here, we can see some interesting numbers: 143 industrial cooperation projects worth over $33 billion are being implemented; 140 of them are based in Kazakhstan.",
        "140 of them",
        "joint-projects-count",
    ),
    (
        "Here, we can see some interesting numbers: 143 industrial cooperation projects worth over $33 billion are being implemented; 140 of them are based in Kazakhstan.",
        "$33 billion",
        "joint-projects-value",
    ),
    (
        "According to our estimates, direct Russian investment exceeds $20 billion. As far as I know, your estimate is about $17–18 billion.",
        "$17–18 billion",
        "russian-investment-stock",
    ),
    (
        "Our estimates show that the volume of Kazakhstani investment has reached $6 billion.",
        "$6 billion",
        "kazakh-investment-in-russia",
    ),
    (
        "I would like to say that 61,000 citizens of Kazakhstan are studying at Russian universities, and the education of 30,400 of them is funded by the Russian federal budget.",
        "61,000 citizens",
        "kazakh-students-in-russia",
    ),
    (
        "I would like to say that 61,000 citizens of Kazakhstan are studying at Russian universities, and the education of 30,400 of them is funded by the Russian federal budget.",
        "30,400 of them",
        "kazakh-students-state-funded",
    ),
    (
        "In the 2023–2024 academic year, the government quota will be increased by another 200 citizens to 700 students.",
        "700 students",
        "kazakh-students-state-funded",
    ),
    (
        "About 25 million ordinary Kazakhstanis and Russians living in border regions enjoy concrete benefits.",
        "25 million",
        "border-regions-population",
    ),
    (
        "It is also extremely important that about 32 million people live in the border regions on both sides.",
        "32 million people",
        "border-regions-population",
    ),
    (
        "According to our data, trade reached $27 billion, and about $20 billion came from Russia to the economy of Kazakhstan as direct investment, but Kazakhstan also managed to invest $6 billion in the Russian economy.",
        "$27 billion",
        "trade-turnover",
    ),
    (
        "According to our data, trade reached $27 billion, and about $20 billion came from Russia to the economy of Kazakhstan as direct investment, but Kazakhstan also managed to invest $6 billion in the Russian economy.",
        "$20 billion",
        "russian-investment-stock",
    ),
    (
        "According to our data, trade reached $27 billion, and about $20 billion came from Russia to the economy of Kazakhstan as direct investment, but Kazakhstan also managed to invest $6 billion in the Russian economy.",
        "$6 billion",
        "kazakh-investment-in-russia",
    ),
    (
        "In the first half of this year alone, Russian investment in Kazakhstan’s economy exceeded $1 billion, which is 20 percent more than last year.",
        "$1 billion",
        "russian-investment-inflow",
    ),
    (
        "In the first half of this year alone, Russian investment in Kazakhstan’s economy exceeded $1 billion, which is 20 percent more than last year.",
        "20 percent",
        "russian-investment-growth",
    ),
    (
        "I would like to add that interregional cooperation accounts for two thirds of our trade.",
        "two thirds",
        "interregional-share-of-trade",
    ),
    (
        "Last year, our trade in the agro-industrial sector increased by 24 percent to $3.6 billion.",
        "24 percent",
        "agricultural-trade-growth",
    ),
    (
        "Last year, our trade in the agro-industrial sector increased by 24 percent to $3.6 billion.",
        "$3.6 billion",
        "agricultural-trade",
    ),
    (
        "Meanwhile, we have substantially increased the share of national currencies in our bilateral trade, with 75 percent of our transactions already carried out in rubles and tenge.",
        "75 percent",
        "national-currencies-share",
    ),
    (
        "There are about 6,000 business entities with Russian capital in Kazakhstan.",
        "6,000 business entities",
        "companies-with-russian-capital",
    ),
    (
        "I would also like to note that 60,000 Kazakhstani students are enrolled in Russia.",
        "60,000",
        "kazakh-students-in-russia",
    ),
    (
        "Now 23 thousand Russian companies are fruitfully working in Kazakhstan, 4 thousand of which opened their doors only last year.",
        "23 thousand",
        "companies-with-russian-capital",
    ),
    (
        "Now 23 thousand Russian companies are fruitfully working in Kazakhstan, 4 thousand of which opened their doors only last year.",
        "4 thousand",
        "new-companies-with-russian-capital",
    ),
    (
        "In 2023, Russian companies invested more than $3 billion in Kazakhstan, and Kazakhstan invested the same amount in the Russian economy.",
        "$3 billion",
        "russian-investment-inflow",
    ),
    (
        "To date, more than 90 projects worth more than $18 billion have been implemented, and 49 more promising projects are in the execution stage.",
        "49 more",
        "joint-projects-count",
    ),
    (
        "Currently, about 60,000 Kazakh students are studying in Russian educational institutions.",
        "60,000",
        "kazakh-students-in-russia",
    ),
    (
        "In Kazakhstan more than 3.5 thousand schools teach in Pushkin's language.",
        "3.5 thousand",
        "russian-language-schools",
    ),
    (
        "Furthermore, eight major Russian universities have established branches in Kazakhstan.",
        "eight major",
        "russian-university-branches",
    ),
    # other phrasings of the same kind
    ("Bilateral trade grew by 8.5% to reach $26.3 billion in 2021.", "8.5%", "trade-growth"),
    (
        "Bilateral trade grew by 8.5% to reach $26.3 billion in 2021.",
        "$26.3 billion",
        "trade-turnover",
    ),
    ("Mutual trade totalled USD 24.1 bn in 2021, up 34% year-on-year.", "34%", "trade-growth"),
    (
        "In January–September 2024, trade turnover amounted to $19.6 billion.",
        "$19.6 billion",
        "trade-turnover",
    ),
    ("We aim to increase trade to $40 billion by 2030.", "$40 billion", "trade-turnover"),
    (
        "The share of settlements in roubles and tenge rose from 70% to 90%.",
        "90%",
        "national-currencies-share",
    ),
    ("The share of the rouble in settlements reached 90%.", "90%", "national-currencies-share"),
    (
        "Investment from Russia rose by 15% in 2023 to $2.1 billion.",
        "15%",
        "russian-investment-growth",
    ),
    (
        "Investment from Russia rose by 15% in 2023 to $2.1 billion.",
        "$2.1 billion",
        "russian-investment-inflow",
    ),
    (
        "Kazakhstan invested $1.2 billion in Russia in 2023.",
        "$1.2 billion",
        "kazakh-investment-in-russia",
    ),
    (
        "Gross inflow of Russian direct investment in 2023 totalled $1.9 billion.",
        "$1.9 billion",
        "russian-investment-inflow",
    ),
    ("More than 1,000 Russian companies took part.", "1,000", "companies-with-russian-capital"),
    (
        "Over 70,000 Kazakh students study in Russia, 30,000 of them on budget-funded places.",
        "70,000",
        "kazakh-students-in-russia",
    ),
    (
        "Over 70,000 Kazakh students study in Russia, 30,000 of them on budget-funded places.",
        "30,000",
        "kazakh-students-state-funded",
    ),
    (
        "More than 70,000 Kazakh students are studying at Russian universities, 40% of them on state grants.",
        "40%",
        "kazakh-students-state-funded-share",
    ),
    (
        "Russian universities have opened 10 branches in Kazakhstan with 5,000 students.",
        "10 branches",
        "russian-university-branches",
    ),
    (
        "Russian universities have opened 10 branches in Kazakhstan with 5,000 students.",
        "5,000 students",
        "students-at-russian-university-branches",
    ),
    (
        "Twelve Russian universities operate branches in Kazakhstan.",
        "Twelve",
        "russian-university-branches",
    ),
    (
        "There are 1,200 Russian-language schools and 30% of pupils study in Russian.",
        "1,200",
        "russian-language-schools",
    ),
    (
        "There are 1,200 Russian-language schools and 30% of pupils study in Russian.",
        "30%",
        "russian-language-education-share",
    ),
    (
        "About 40 million people live in the border areas.",
        "40 million",
        "border-regions-population",
    ),
    (
        "70 Russian regions cooperate directly with Kazakh regions.",
        "70 Russian regions",
        "regions-with-direct-ties",
    ),
    (
        "Over 300 agreements have been concluded between the regions.",
        "300 agreements",
        "interregional-agreements",
    ),
    (
        "Agricultural trade reached $4.2 billion, growing by 10%.",
        "$4.2 billion",
        "agricultural-trade",
    ),
    (
        "Agricultural trade reached $4.2 billion, growing by 10%.",
        "10%",
        "agricultural-trade-growth",
    ),
    (
        "Russia exported 50 million tonnes of wheat last season.",
        "50 million tonnes",
        "russian-wheat-exports",
    ),
    (
        "Kazakhstan harvested 26.5 million tonnes of grain this year.",
        "26.5 million tonnes",
        "grain-harvest",
    ),
    (
        "We have 120 joint projects worth $30 billion in our portfolio.",
        "120 joint projects",
        "joint-projects-count",
    ),
    (
        "We have 120 joint projects worth $30 billion in our portfolio.",
        "$30 billion",
        "joint-projects-value",
    ),
    (
        "Trade between the border regions accounts for 70% of the total turnover.",
        "70%",
        "interregional-share-of-trade",
    ),
    (
        "In 2023, the volume of bilateral trade reached a record $27.6 billion, an increase of 6.2 percent.",
        "6.2 percent",
        "trade-growth",
    ),
    # fits nothing: None
    (
        "During the construction phase, more than six thousand workers will be employed.",
        "six thousand",
        None,
    ),
    (
        "Currently, more than 100,000 students are undergoing practical training at 18,000 enterprises.",
        "100,000 students",
        None,
    ),
    (
        "Currently, more than 100,000 students are undergoing practical training at 18,000 enterprises.",
        "18,000 enterprises",
        None,
    ),
    (
        "More than 60 colleges in Kazakhstan have already established cooperation with partners from 30 countries, while nine of our colleges are successfully working with Russian colleges and enterprises.",
        "nine",
        None,
    ),
    (
        "By 2030, Kazakhstan plans to repair 11,000 railroads and develop more than 5,000 kilometers of new lines.",
        "5,000 kilometers",
        None,
    ),
    (
        "Our economy is growing, and this year growth will amount to nearly 3 percent.",
        "3 percent",
        None,
    ),
    ("Over 4,000 companies have assumed sponsorship of 600 colleges.", "4,000 companies", None),
    (
        "The representatives of the BRICS association represent the interests of more than 45% of the world's population.",
        "45%",
        None,
    ),
    ("Exports of Russian goods rose 12.3 percent.", "12.3 percent", None),
    ("The pipeline is 1,500 km long.", "1,500 km", None),
    (
        "Kazakhstan is home to over 1,100 schools teaching in Russian, with over 300,000 students.",
        "300,000 students",
        None,
    ),
    ("Russia's GDP grew by 3.6 percent in 2023.", "3.6 percent", None),
    ("The parties signed 15 commercial contracts worth $2 billion.", "$2 billion", None),
    ("President Tokayev and I have held four full-scale talks.", "four", None),
]


def _figure(text: str, quote: str) -> tuple[Figure, list[Figure]]:
    found = find_figures(text)
    at = text.index(quote)
    mine = [f for f in found if f.start < at + len(quote) and at < f.end]
    assert len(mine) == 1, (quote, found)
    return mine[0], found


@pytest.mark.parametrize(("text", "quote", "expected"), CASES)
def test_classify(text: str, quote: str, expected: str | None) -> None:
    figure, found = _figure(text, quote)
    assert classify(text, figure, INDICATORS, neighbours=found) == expected
    assert classify(text, figure, INDICATORS) == expected  # neighbours found on its own


def test_every_required_indicator_is_exercised() -> None:
    assert set(REQUIRED) <= {expected for _, _, expected in CASES}


def test_classification_reads_the_sentence_not_the_number() -> None:
    a = "Bilateral trade reached $28 billion."
    b = "Russian investment in Kazakhstan reached a total volume of $28 billion."
    assert [f.indicator for f in assign_indicators(a, find_figures(a), INDICATORS)] == [
        "trade-turnover"
    ]
    assert [f.indicator for f in assign_indicators(b, find_figures(b), INDICATORS)] == [
        "russian-investment-stock"
    ]


def test_unit_must_be_accepted() -> None:
    text = "Bilateral trade reached 28 million tonnes."
    assert [f.indicator for f in assign_indicators(text, find_figures(text), INDICATORS)] == [None]


def test_assign_returns_copies_and_keeps_the_originals() -> None:
    text = "Last year, trade reached US$28.7 billion, which accounts for a fifth of Kazakhstan’s foreign trade."
    found = find_figures(text)
    out = assign_indicators(text, found, INDICATORS)
    assert [f.indicator for f in out] == ["trade-turnover", "russia-share-of-kazakhstan-trade"]
    assert [f.indicator for f in found] == [None, None]
    assert [dataclasses.replace(f, indicator=None) for f in out] == found


def test_assign_on_nothing() -> None:
    assert assign_indicators("Thank you.", [], INDICATORS) == []
    assert (
        assign_indicators("Trade grew by 5 percent.", find_figures("Trade grew by 5 percent."), {})[
            0
        ].indicator
        is None
    )


def test_negative_pattern_vetoes(tmp_path: Path) -> None:
    path = tmp_path / "i.yml"
    path.write_text(
        "- {id: t, name: T, unit: USD, units: [USD], patterns: ['trade', '!share']}\n",
        encoding="utf-8",
    )
    inds = load_indicators(path)
    yes, no = "Trade reached $5 billion.", "The trade share reached $5 billion."
    assert classify(yes, find_figures(yes)[0], inds) == "t"
    assert classify(no, find_figures(no)[0], inds) is None


def test_doctests() -> None:
    result = doctest.testmod(indicators_module)
    assert result.failed == 0 and result.attempted > 0
