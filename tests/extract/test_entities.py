"""The entity matcher: word boundaries, case, possessives, dashes, overlaps, topics, seeds."""

from __future__ import annotations

import doctest
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import ROOT
from tests.paths import SEED_FILES as SEEDS

if str(ROOT) not in sys.path:  # run from anywhere without installing the package
    sys.path.insert(0, str(ROOT))

from build_site.extract import entities as entities_module  # noqa: E402
from build_site.extract.entities import Matcher, benchmark_matcher, load_matcher, topics_for  # noqa: E402
from build_site.model import Mention  # noqa: E402
from build_site.read.vocab import ENTITY_KINDS, fold, load_vocabulary  # noqa: E402


@pytest.fixture(scope="module")
def m() -> Matcher:
    return load_matcher()


def ents(m: Matcher, text: str) -> list[tuple[str, str, str]]:
    return [(x.kind, x.id, x.term) for x in m.entities(text)]


def ids(m: Matcher, text: str, kind: str | None = None) -> list[str]:
    return [x.id for x in m.find(text) if kind is None or x.kind == kind]


def check_invariants(text: str, mentions: list[Mention]) -> None:
    for x in mentions:
        assert 0 <= x.start < x.end <= len(text)
        assert text[x.start : x.end] == x.term
    assert [(x.start, x.end) for x in mentions] == sorted((x.start, x.end) for x in mentions)
    layers: dict[str, list[Mention]] = {}
    for x in mentions:
        layers.setdefault("entity" if x.kind in ENTITY_KINDS else x.id, []).append(x)
    for layer in layers.values():
        for a, b in zip(layer, layer[1:]):
            assert a.end <= b.start, (a, b)


# --- names, aliases, case -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Talks in Astana.", [("place", "astana", "Astana")]),
        (
            "held in Uralsk, Kazakhstan",
            [("place", "uralsk", "Uralsk"), ("place", "kazakhstan", "Kazakhstan")],
        ),
        ("The forum in Oral opened.", [("place", "uralsk", "Oral")]),
        (
            "in Kostanai and Kostanay",
            [("place", "kostanay", "Kostanai"), ("place", "kostanay", "Kostanay")],
        ),
        (
            "Xi’an, Xi'an and Xian",
            [("place", "xian", "Xi’an"), ("place", "xian", "Xi'an"), ("place", "xian", "Xian")],
        ),
        (
            "St Petersburg or St. Petersburg",
            [
                ("place", "st-petersburg", "St Petersburg"),
                ("place", "st-petersburg", "St. Petersburg"),
            ],
        ),
        ("along the Irtysh River", [("place", "irtysh", "Irtysh River")]),
        ("across the Caspian Sea", [("place", "caspian-sea", "Caspian Sea")]),
        (
            "the Volga region, Siberia, the Urals",
            [
                ("place", "volga-region", "Volga region"),
                ("place", "siberia", "Siberia"),
                ("place", "urals", "Urals"),
            ],
        ),
        ("the Baikonur space centre", [("place", "baikonur-cosmodrome", "Baikonur space centre")]),
        (
            "at Russia’s Selyatino station",
            [("place", "russia", "Russia"), ("place", "selyatino", "Selyatino station")],
        ),
        ("the Jambyl Region", [("place", "jambyl-region", "Jambyl Region")]),
        ("in the Soviet Union", [("place", "soviet-union", "Soviet Union")]),
        (
            "Alma-Ata and Nur-Sultan",
            [("place", "almaty", "Alma-Ata"), ("place", "astana", "Nur-Sultan")],
        ),
        ("President Tokayev said", [("person", "kassym-jomart-tokayev", "President Tokayev")]),
        ("Tokayev Kassym-Jomart", [("person", "kassym-jomart-tokayev", "Tokayev Kassym-Jomart")]),
        (
            "Vladimir Vladimirovich Putin",
            [("person", "vladimir-putin", "Vladimir Vladimirovich Putin")],
        ),
        ("The great Abai said", [("person", "abai-kunanbayev", "Abai")]),
        (
            "after Shoqan Walikhanov, friend of Fyodor Dostoevsky and Grigory Potanin",
            [
                ("person", "shoqan-walikhanov", "Shoqan Walikhanov"),
                ("person", "fyodor-dostoevsky", "Fyodor Dostoevsky"),
                ("person", "grigory-potanin", "Grigory Potanin"),
            ],
        ),
        (
            "the UN and the United Nations",
            [
                ("organisation", "united-nations", "UN"),
                ("organisation", "united-nations", "United Nations"),
            ],
        ),
        ("reported Akorda", [("organisation", "akorda", "Akorda")]),
        ("an interview to the Izvestia newspaper", [("organisation", "izvestia", "Izvestia")]),
        (
            "the Caspian Pipeline Consortium (CPC)",
            [
                ("organisation", "caspian-pipeline-consortium", "Caspian Pipeline Consortium"),
                ("organisation", "caspian-pipeline-consortium", "CPC"),
            ],
        ),
        ("the Russian Sirius school", [("organisation", "sirius", "Sirius")]),
        (
            "the Tretyakov Gallery and the Hermitage",
            [
                ("organisation", "tretyakov-gallery", "Tretyakov Gallery"),
                ("organisation", "hermitage", "Hermitage"),
            ],
        ),
        (
            "Photo: Pavel Bednyakov, RIA Novosti",
            [
                ("person", "pavel-bednyakov", "Pavel Bednyakov"),
                ("organisation", "ria-novosti", "RIA Novosti"),
            ],
        ),
        ("INNOPROM took place", [("organisation", "innoprom", "INNOPROM")]),
    ],
)
def test_finds(m, text, expected):
    assert ents(m, text) == expected


@pytest.mark.parametrize(
    "text,absent",
    [
        ("advanced manufacturing", "ufa"),
        ("a moral duty", "uralsk"),
        ("oral agreements", "uralsk"),
        ("ORAL AGREEMENTS", "uralsk"),
        ("the Kazakhstani economy", "kazakhstan"),
        ("Kazakhstanis fought selflessly", "kazakhstan"),
        ("the Russian economy", "russia"),
        ("Russians living in border regions", "russia"),
        ("Kazakh artists", "kazakhstan"),
        ("the Astanaya river", "astana"),
        ("Moscovite", "moscow"),
        ("the Omskiy district", "omsk"),
        ("a reunion", "united-nations"),
        ("un poco", "united-nations"),
        ("cisgender", "cis"),
        ("the CIStern", "cis"),
        ("sirius black", "sirius"),
        ("a hermitage in the hills", "hermitage"),
        ("Potanin's company", "grigory-potanin"),
        ("the post-Soviet space", "soviet-union"),
        ("putting it simply", "vladimir-putin"),
        ("the Eurasian space", "eurasia"),
        ("Chinese goods", "china"),
    ],
)
def test_not_found_inside_words_or_adjectives(m, text, absent):
    assert absent not in ids(m, text)


@pytest.mark.parametrize(
    "text,pid",
    [
        ("KAZAKHSTAN", "kazakhstan"),
        ("kazakhstan", "kazakhstan"),
        ("moscow", "moscow"),
        ("MOSCOW", "moscow"),
        ("eurasian economic union", "eaeu"),
        ("Eaeu", "eaeu"),
        ("rosatom", "rosatom"),
        ("TOKAYEV", "kassym-jomart-tokayev"),
    ],
)
def test_case_insensitive(m, text, pid):
    assert ids(m, text) and pid in ids(m, text)


@pytest.mark.parametrize(
    "text,pid",
    [
        ("UN", "united-nations"),
        ("Un", None),
        ("un", None),
        ("SCO", "sco"),
        ("sco", None),
        ("CIS", "cis"),
        ("Cis", None),
        ("Oral", "uralsk"),
        ("oral", None),
    ],
)
def test_case_sensitive_aliases(m, text, pid):
    found = [x.id for x in m.entities(f"at the {text} meeting")]
    assert found == ([pid] if pid else [])


# --- possessives, dashes, spaces ------------------------------------------------------------------


@pytest.mark.parametrize("apostrophe", ["’", "'", "ʼ", "‘"])
@pytest.mark.parametrize(
    "name,kind,pid",
    [
        ("Kazakhstan", "place", "kazakhstan"),
        ("Russia", "place", "russia"),
        ("Moscow", "place", "moscow"),
        ("Rosatom", "organisation", "rosatom"),
        ("Tokayev", "person", "kassym-jomart-tokayev"),
        ("Pushkin", "person", "alexander-pushkin"),
        ("the EAEU", "organisation", "eaeu"),
    ],
)
def test_possessives(m, apostrophe, name, kind, pid):
    text = f"{name}{apostrophe}s largest partner"
    found = m.entities(text)
    assert [(x.kind, x.id) for x in found] == [(kind, pid)]
    assert found[0].term == name.removeprefix("the ")


@pytest.mark.parametrize(
    "dash",
    ["-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212", " \u2013 ", " - ", "\u2013\u00a0"],
)
def test_dashed_compounds_yield_both_countries(m, dash):
    text = f"the 21st Russia{dash}Kazakhstan Interregional Cooperation Forum and Kazakhstan{dash}Russia ties"
    assert ids(m, text, "place") == ["russia", "kazakhstan", "kazakhstan", "russia"]
    check_invariants(text, m.find(text))


@pytest.mark.parametrize("dash", ["-", "\u2010", "\u2011", "\u2013", "\u2014", " \u2013 "])
def test_dash_variants_of_hyphenated_names(m, dash):
    text = f"Al{dash}Farabi Kazakh National University and Kassym{dash}Jomart Tokayev on the North{dash}South corridor"
    found = m.find(text)
    check_invariants(text, found)
    assert [x.id for x in found if x.kind in ENTITY_KINDS] == [
        "al-farabi-kazakh-national-university",
        "kassym-jomart-tokayev",
    ]
    assert f"North{dash}South" in topics_for(found)["transport-and-logistics"]


def test_china_kazakhstan_russia_route(m):
    assert ids(m, "the China-Kazakhstan-Russia route", "place") == ["china", "kazakhstan", "russia"]


@pytest.mark.parametrize(
    "text,pid",
    [
        ("Kassym-Jomart\u00a0Tokayev", "kassym-jomart-tokayev"),
        ("Eurasian\nEconomic   Union", "eaeu"),
        ("Mendeleev University of\u00a0Chemical Technology", "mendeleev-university"),
        ("Kazakh\u00adstan", "kazakhstan"),
        ("Kazakh\u200bstan", "kazakhstan"),
        ("Supreme  Eurasian\tEconomic Council", "supreme-eurasian-economic-council"),
    ],
)
def test_whitespace_and_invisible_characters(m, text, pid):
    found = m.entities(f"See {text}.")
    assert [x.id for x in found] == [pid]
    assert found[0].term == text


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "supporting theConference on Interaction and Confidence-Building Measures in Asia (CICA)",
            ["cica", "cica"],
        ),
        (
            "November 12, 2025, The Kremlin, MoscowASTANA – Kazakh President",
            ["kremlin", "moscow", "astana"],
        ),
    ],
)
def test_glued_words_split_on_case_change(m, text, expected):
    assert [x.id for x in m.entities(text)] == expected


# --- overlaps -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "a branch of Al-Farabi Kazakh National University",
            [
                (
                    "organisation",
                    "al-farabi-kazakh-national-university",
                    "Al-Farabi Kazakh National University",
                )
            ],
        ),
        (
            "the Kazakh National University",
            [
                (
                    "organisation",
                    "al-farabi-kazakh-national-university",
                    "Kazakh National University",
                )
            ],
        ),
        ("the Russian Federation", [("place", "russia", "Russian Federation")]),
        ("the Republic of Kazakhstan", [("place", "kazakhstan", "Republic of Kazakhstan")]),
        (
            "at the Dostoevsky Omsk State University",
            [("organisation", "omsk-state-university", "Dostoevsky Omsk State University")],
        ),
        (
            "Rostselmash and St Petersburg Tractor Company",
            [
                ("organisation", "rostselmash", "Rostselmash"),
                ("organisation", "st-petersburg-tractor-company", "St Petersburg Tractor Company"),
            ],
        ),
        (
            "Lomonosov Moscow State University",
            [("organisation", "moscow-state-university", "Lomonosov Moscow State University")],
        ),
        (
            "the Moscow State Institute of International Relations",
            [("organisation", "mgimo", "Moscow State Institute of International Relations")],
        ),
        (
            "National Research Nuclear University MEPhI",
            [("organisation", "mephi", "National Research Nuclear University MEPhI")],
        ),
        (
            "the legendary Baikonur Cosmodrome",
            [("place", "baikonur-cosmodrome", "Baikonur Cosmodrome")],
        ),
        (
            "the Collective Security Treaty Organisation",
            [("organisation", "csto", "Collective Security Treaty Organisation")],
        ),
        (
            "the CIS Council of Heads of State",
            [("organisation", "cis-council-of-heads-of-state", "CIS Council of Heads of State")],
        ),
        (
            "the International Organisation for the Russian Language",
            [
                (
                    "organisation",
                    "international-organisation-for-the-russian-language",
                    "International Organisation for the Russian Language",
                )
            ],
        ),
        (
            "Kazakhstan-Russia Friendship Public Garden",
            [
                (
                    "place",
                    "kazakhstan-russia-friendship-garden",
                    "Kazakhstan-Russia Friendship Public Garden",
                )
            ],
        ),
        ("Mr Putin", [("person", "vladimir-putin", "Mr Putin")]),
    ],
)
def test_leftmost_longest(m, text, expected):
    assert ents(m, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "heads of Yakutia and the Astrakhan and Chelyabinsk regions",
            [
                ("yakutia", "Yakutia"),
                ("astrakhan-region", "Astrakhan"),
                ("chelyabinsk-region", "Chelyabinsk regions"),
            ],
        ),
        (
            "universities in the Orenburg and Samara regions",
            [("orenburg-region", "Orenburg"), ("samara-region", "Samara regions")],
        ),
        (
            "the Orenburg, Samara and Astrakhan regions",
            [
                ("orenburg-region", "Orenburg"),
                ("samara-region", "Samara"),
                ("astrakhan-region", "Astrakhan regions"),
            ],
        ),
        (
            "consulates in Kazan, Astrakhan and Omsk",
            [("kazan", "Kazan"), ("astrakhan", "Astrakhan"), ("omsk", "Omsk")],
        ),
        ("the Astrakhan Region", [("astrakhan-region", "Astrakhan Region")]),
    ],
)
def test_coordinated_region_names(m, text, expected):
    assert [(x.id, x.term) for x in m.entities(text)] == expected


# --- topics ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,topic,term",
    [
        ("trade between our countries", "trade-and-investment", "trade"),
        ("Russian investment reached", "trade-and-investment", "investment"),
        ("oil exports transit through Russia", "energy", "oil"),
        ("the first nuclear power plant", "nuclear-energy", "nuclear power"),
        ("the first nuclear power plant", "energy", "power plant"),
        ("Kazakhstan’s record grain production", "agriculture-and-food", "grain"),
        ("agricultural engineering", "agriculture-and-food", "agricultural"),
        (
            "the International North–South Transport Corridor",
            "transport-and-logistics",
            "North–South",
        ),
        ("the Ayagoz–Bakhty railway lines", "transport-and-logistics", "railway"),
        ("space exploration", "space", "space exploration"),
        ("the Baikonur Cosmodrome", "space", "Baikonur"),
        ("Russian universities", "education-and-science", "universities"),
        ("Kazakhstan Culture Days", "culture-and-humanitarian-ties", "Culture Days"),
        ("schools teach in Pushkin's language", "russian-language", "Pushkin's language"),
        ("schools teach in Pushkin’s language", "russian-language", "Pushkin’s language"),
        ("new Russian-language schools", "russian-language", "Russian-language"),
        ("military-technical cooperation", "security-and-defence", "military-technical"),
        ("within the EAEU", "eurasian-integration", "EAEU"),
        ("BRICS summit", "eurasian-integration", "BRICS"),
        ("in the post-Soviet space", "eurasian-integration", "post-Soviet space"),
        ("cross-border cooperation", "interregional-cooperation", "cross-border"),
        ("the Year of Blue-Collar Professions", "labour-and-skilled-trades", "Blue-Collar"),
        ("artificial intelligence technologies", "digital-and-ai", "artificial intelligence"),
        ("comprehensive digitisation", "digital-and-ai", "digitisation"),
        ("digitization of trade", "digital-and-ai", "digitization"),
        ("the IT sector", "digital-and-ai", "IT sector"),
        ("the Great Patriotic War", "history-and-memory", "Great Patriotic War"),
    ],
)
def test_topic_keywords(m, text, topic, term):
    found = topics_for(m.find(text))
    assert topic in found and term in found[topic], found


@pytest.mark.parametrize(
    "text,topic",
    [
        ("the power of friendship", "energy"),
        ("the Eurasian space and the post-Soviet space", "space"),
        ("an important step", "trade-and-investment"),  # 'import' is not in 'important'
        ("Skilled Trades as a Driving Force", "trade-and-investment"),
        ("food security", "security-and-defence"),
        ("the moral of the story", "digital-and-ai"),
        ("IT IS TIME", "digital-and-ai"),
    ],
)
def test_topic_keywords_not_vague(m, text, topic):
    assert topic not in topics_for(m.find(text))


def test_topics_for_groups_terms_once():
    ms = [
        Mention("topic", "energy", "oil", 0, 3),
        Mention("place", "russia", "Russia", 4, 10),
        Mention("topic", "energy", "Oil", 11, 14),
        Mention("topic", "energy", "gas", 15, 18),
        Mention("topic", "space", "Baikonur", 19, 27),
    ]
    assert topics_for(ms) == {"energy": ("oil", "gas"), "space": ("Baikonur",)}


def test_topic_and_entity_may_overlap_but_layers_do_not(m):
    text = "Rosatom will build the nuclear power plant"
    found = m.find(text)
    assert ("organisation", "rosatom") in [(x.kind, x.id) for x in found]
    assert topics_for(found)["nuclear-energy"] == ("Rosatom", "nuclear power")
    check_invariants(text, found)


def test_find_filters_kinds(m):
    text = "Rosatom in Kazakhstan and nuclear energy"
    assert {x.kind for x in m.find(text, ["topic"])} == {"topic"}
    assert [x.id for x in m.find(text, ["place"])] == ["kazakhstan"]


# --- misspellings ---------------------------------------------------------------------------------


def test_misspellings_are_matched_and_flagged(m):
    text = "Vladimir Putting and Kassym-Jomart Tokayev; the Ayagoz-Bakhry railway; Vladimir Putin"
    found = m.entities(text)
    assert [(x.id, m.is_misspelling(x)) for x in found] == [
        ("vladimir-putin", True),
        ("kassym-jomart-tokayev", False),
        ("ayagoz", False),
        ("bakhty", True),
        ("vladimir-putin", False),
    ]
    assert m.sic(found) == ("Vladimir Putting", "Bakhry")


# --- every term of every entry ---------------------------------------------------------------------

ALL_TERMS = [(t.kind, t.id, t.text, t.prefix) for t in load_vocabulary().terms]


@pytest.mark.parametrize(
    "kind,id_,text,prefix", ALL_TERMS, ids=[f"{k}:{i}:{t}" for k, i, t, _ in ALL_TERMS]
)
def test_every_term_is_found_in_a_sentence(m, kind, id_, text, prefix):
    word = text + ("isation" if prefix else "")
    sentence = f"Yesterday we spoke about {word}, and then left."
    found = [x for x in m.find(sentence) if (x.kind, x.id) == (kind, id_)]
    start = sentence.index(word)
    assert [(x.start, x.end, x.term) for x in found] == [(start, start + len(word), word)]


# --- seeds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_seed_mentions_are_exact_substrings(m, seed):
    text = seed.read_text(encoding="utf-8")
    v = m.vocabulary
    for chunk in [text, *text.split("\n")]:
        found = m.find(chunk)
        check_invariants(chunk, found)
        for x in found:
            assert x.id in v.of_kind(x.kind)


def test_seeds_name_every_expected_place(m):
    text = "\n".join(s.read_text(encoding="utf-8") for s in SEEDS)
    found = {x.id for x in m.find(text, ["place"])}
    expected = {
        "uralsk",
        "kostanay",
        "ufa",
        "astana",
        "almaty",
        "moscow",
        "omsk",
        "aktau",
        "baikonur-cosmodrome",
        "kyzylorda",
        "taraz",
        "turkestan",
        "st-petersburg",
        "kazan",
        "yekaterinburg",
        "yakutsk",
        "ekibastuz",
        "minsk",
        "bishkek",
        "xian",
        "irtysh",
        "caspian-sea",
        "kremlin",
        "volga-region",
        "siberia",
        "urals",
        "orenburg-region",
        "samara-region",
        "yakutia",
        "astrakhan-region",
        "chelyabinsk-region",
        "krasnoyarsk",
        "selyatino",
        "uzbekistan",
        "china",
        "mongolia",
        "turkmenistan",
        "iran",
        "indian-ocean",
        "europe",
        "eurasia",
        "soviet-union",
        "russia",
        "kazakhstan",
        "belarus",
        "buryatia",
        "jambyl-region",
        "astrakhan",
        "bolshoi-theatre",
        "ayagoz",
        "bakhty",
        "dostyk",
        "moiynty",
        "asia",
    }
    assert expected <= found, expected - found


def test_every_vocabulary_entity_occurs_in_the_seeds(m):
    """Each person, place and organisation was added because a seed names it, except the
    reference list of heads of state and government and their officials (persons whose roles
    name a country: issue 9), kept so that other publishers' pages find their speakers."""
    from build_site.clean.references import person_facts
    from build_site.clean.speakers import SpeakerIndex

    idx = SpeakerIndex(m.vocabulary.persons)
    text = "\n".join(s.read_text(encoding="utf-8") for s in SEEDS)
    found = {(x.kind, x.id) for x in m.find(text)}
    for kind in ENTITY_KINDS:
        for id_ in m.vocabulary.of_kind(kind):
            if kind == "person" and person_facts(idx, id_)[0]:
                continue
            assert (kind, id_) in found, (kind, id_)


# --- property tests ---------------------------------------------------------------------------------

TERM_TEXTS = sorted({t.text for t in load_vocabulary().terms})
FILLER = st.text(
    alphabet=st.sampled_from(list("abcxyz KZ-–—’'.,;:()\u00a0\n\u00ad\u200bİß")), max_size=12
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(TERM_TEXTS), FILLER), max_size=25),
    st.randoms(use_true_random=False),
)
def test_property_mentions_are_exact_and_do_not_overlap(parts, rnd):
    m = load_matcher()
    text = "".join(
        p if rnd.random() < 0.5 else p.upper() if rnd.random() < 0.5 else p.lower() for p in parts
    )
    check_invariants(text, m.find(text))


SEPARATOR = st.text(alphabet=st.sampled_from(list(" ,.;:()–-—’'\u00a0\n")), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ALL_TERMS), SEPARATOR), min_size=1, max_size=12))
def test_property_inserted_terms_are_covered(items):
    """Every term placed between separators is found, or covered by a longer match of its layer."""
    m = load_matcher()
    text, spans = " ", []
    for (kind, id_, term, _prefix), sep in items:
        spans.append((kind, id_, len(text), len(text) + len(term)))
        text += term + sep
    found = m.find(text)
    check_invariants(text, found)
    for kind, id_, s, e in spans:
        if kind == "topic":
            layer = [x for x in found if x.kind == "topic" and x.id == id_]
        else:
            layer = [x for x in found if x.kind in ENTITY_KINDS]
        assert any(x.start < e and s < x.end for x in layer), (kind, id_, text[s:e], text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_property_fold_keeps_a_valid_offset_map(text):
    f = fold(text)
    assert len(f.cased) == len(f.folded)
    if f.pos is not None:
        assert len(f.pos) == len(f.cased)
        assert list(f.pos) == sorted(set(f.pos))
        assert all(0 <= p < len(text) for p in f.pos)


# --- performance, caching, docs -------------------------------------------------------------------


def test_load_matcher_is_built_once():
    assert load_matcher() is load_matcher()


def test_benchmark_large_corpus_is_fast(m):
    paragraphs = [p for s in SEEDS for p in s.read_text(encoding="utf-8").split("\n") if p.strip()]
    corpus = paragraphs * 20  # ≈ 2 MB
    result = benchmark_matcher(corpus, repeat=1, matcher=m)
    assert result["mentions"] > 10_000
    assert result["chars_per_s"] > 300_000, result


def test_doctests():
    assert doctest.testmod(entities_module).failed == 0
