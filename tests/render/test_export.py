"""Downloads: corpus.json keeps the shared contract and the site's ids; figures.csv matches it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from jsonschema import Draft202012Validator

from build_site.config import SCHEMA_FILE
from build_site.render.export import CSV_FIELDS
from tests.paths import SHARED_SCHEMA


@pytest.fixture(scope="module")
def corpus(site) -> dict:
    return json.loads(site.pages["downloads/corpus.json"])


@pytest.fixture(scope="module")
def shared() -> dict:
    """The contract beside the repository root (../shared/corpus.schema.json)."""
    if not SHARED_SCHEMA.exists():
        pytest.skip(f"the shared contract {SHARED_SCHEMA} is not beside the repository")
    return json.loads(SHARED_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped() -> dict:
    """The copy shipped in the package and published as downloads/corpus.schema.json."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["shared", "shipped"])
def schema(request) -> dict:
    return request.getfixturevalue(request.param)


def _compatible(shared: dict, shipped: dict, where: str = "#") -> list[str]:
    """Where `shipped` breaks `shared`: a property missing or of another type, or fewer required
    keys. An extension (more properties, more required keys) is compatible."""
    problems = []
    if shared.get("type") != shipped.get("type"):
        problems.append(f"{where}: type {shipped.get('type')!r}, shared {shared.get('type')!r}")
    if missing := set(shared.get("required", ())) - set(shipped.get("required", ())):
        problems.append(f"{where}: no longer requires {sorted(missing)}")
    for group in ("properties", "$defs"):
        for name, sub in shared.get(group, {}).items():
            if name not in shipped.get(group, {}):
                problems.append(f"{where}/{group}/{name}: missing")
            elif isinstance(sub, dict):
                problems += _compatible(sub, shipped[group][name], f"{where}/{group}/{name}")
    if isinstance(shared.get("items"), dict):
        problems += _compatible(shared["items"], shipped.get("items") or {}, f"{where}/items")
    if "$ref" in shared and shared["$ref"] != shipped.get("$ref"):
        problems.append(f"{where}: $ref {shipped.get('$ref')!r}, shared {shared['$ref']!r}")
    return problems


def test_shipped_schema_keeps_the_shared_contract(shared, shipped):
    assert _compatible(shared, shipped) == []


def test_compatibility_check_is_real(shared):
    narrowed = json.loads(json.dumps(shared))
    narrowed["required"] = narrowed["required"][1:]
    del narrowed["properties"][next(iter(narrowed["properties"]))]
    assert len(_compatible(shared, narrowed)) == 2


def test_schema_is_published_beside_the_corpus(site, shipped):
    assert json.loads(site.pages["downloads/corpus.schema.json"]) == shipped


def test_schema_is_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")


def test_corpus_validates_against_the_contract(corpus, schema):
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(corpus), key=lambda e: list(e.absolute_path))
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20]] == []


def test_contract_rejects_a_broken_export(corpus, schema):
    """The validation is real: a paragraph without text or a bad anchor fails it."""
    validator = Draft202012Validator(schema)
    broken = json.loads(json.dumps(corpus))
    broken["events"][0]["speeches"][0]["paragraphs"][0]["anchor"] = "Putin 1"
    del broken["events"][0]["speeches"][0]["paragraphs"][0]["text"]
    assert len(list(validator.iter_errors(broken))) >= 2


def test_every_event_exported(corpus, events):
    assert sorted(e["id"] for e in corpus["events"]) == sorted(e.id for e in events)
    assert [(e["date"], e["id"]) for e in corpus["events"]] == sorted(
        (e["date"], e["id"]) for e in corpus["events"]
    )


def test_ids_and_anchors_equal_the_pages(corpus, site, events, event_page, page_anchors):
    by_id = {e.id: e for e in events}
    for data in corpus["events"]:
        event = by_id[data["id"]]
        assert data["url"] == event.url == f"events/{data['id']}/"
        page = site.pages[event_page(event)]
        defined = set(page_anchors(page))
        anchors = [s["anchor"] for s in data["speeches"]] + [
            p["anchor"] for s in data["speeches"] for p in s["paragraphs"]
        ]
        anchors += [p["anchor"] for p in data.get("lead", [])]
        assert [a for a in anchors if a not in defined] == [], data["id"]
        assert [s["anchor"] for s in data["speeches"]] == [s.anchor for s in event.speeches]
        assert [p["anchor"] for s in data["speeches"] for p in s["paragraphs"]] == [
            p.anchor for s in event.speeches for p in s.paragraphs
        ]
        paragraphs = {p["anchor"] for s in data["speeches"] for p in s["paragraphs"]} | {
            p["anchor"] for p in data.get("lead", [])
        }
        for f in data["figures"]:
            assert f["paragraph"] in paragraphs


def test_persons_and_speakers_link(corpus):
    persons = {p["id"] for p in corpus["persons"]}
    for e in corpus["events"]:
        for s in e["speeches"]:
            assert s["speaker"] is None or s["speaker"] in persons
        assert set(e["persons"]) <= persons
        assert e["author"] is None or e["author"] in persons
    for kind in ("places", "topics", "indicators", "organisations"):
        known = {x["id"] for x in corpus[kind]}
        for x in corpus[kind]:
            assert x["url"] == f"{kind}/{x['id']}/"
        if kind != "indicators":
            for e in corpus["events"]:
                assert set(e.get(kind, [])) <= known, (e["id"], kind)


#: Anything Markdown escaping or rendering would leave behind.
MARKUP = re.compile(
    r"&#\d+;|&[a-z]+;|\\[\\`*_{}\[\]()#+\-.!|]|\[\^|\]\(|\{:|<span|<small|\*Editorial note"
)


def test_paragraph_text_is_plain(corpus, events):
    model = {(e.id, p.anchor): p.text for e in events for p in e.paragraphs}
    for e in corpus["events"]:
        for p in e.get("lead", []) + [p for s in e["speeches"] for p in s["paragraphs"]]:
            assert not MARKUP.search(p["text"]), (
                e["id"],
                p["anchor"],
                MARKUP.search(p["text"]).group(),
            )
            assert p["text"] == model[(e["id"], p["anchor"])]


def test_figures_quote_their_paragraph(corpus):
    for e in corpus["events"]:
        text = {
            p["anchor"]: p["text"]
            for p in e.get("lead", []) + [p for s in e["speeches"] for p in s["paragraphs"]]
        }
        for f in e["figures"]:
            start = int(f["id"].rsplit("-f", 1)[1])
            assert text[f["paragraph"]][start : start + len(f["quote"])] == f["quote"]
            assert f["low"] is None or f["high"] is None or f["low"] <= f["high"]


def test_sic_and_mentions(corpus):
    media = next(
        e
        for e in corpus["events"]
        if e["id"].endswith("media-statements-by-presidents-of-russia-and-kazakhstan")
    )
    assert media["lead"][0]["sic"] == ["Vladimir Putting"]
    for e in corpus["events"]:
        for p in e.get("lead", []) + [p for s in e["speeches"] for p in s["paragraphs"]]:
            for m in p.get("mentions", []):
                assert p["text"][m["start"] : m["end"]] == m["term"]


def test_figures_csv_matches_corpus(site, corpus):
    rows = list(csv.DictReader(io.StringIO(site.pages["downloads/figures.csv"])))
    assert rows and list(rows[0]) == CSV_FIELDS
    expected = [(e["id"], f["id"], f["quote"]) for e in corpus["events"] for f in e["figures"]]
    assert [(r["event"], r["id"], r["quote"]) for r in rows] == expected
    for r in rows:
        assert r["url"] == f"events/{r['event']}/"


def test_written_download_is_the_built_one(site, tmp_path):
    from build_site.write.write import write_pages

    write_pages(tmp_path, site.pages)
    assert json.loads(
        (tmp_path / "downloads/corpus.json").read_text(encoding="utf-8")
    ) == json.loads(site.pages["downloads/corpus.json"])
