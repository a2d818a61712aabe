"""Unit tests of build_site/urls.py: the published-URL record, collisions and redirects."""

from __future__ import annotations

import doctest

import pytest
import yaml

from build_site.link import urls as urls_module
from build_site.link.urls import HEADER, UrlRecord, assign_urls, load_record, redirect_page

U = lambda id_: f"events/{id_}/"  # noqa: E731


def test_doctests():
    assert doctest.testmod(urls_module).failed == 0


# --- assign_urls ------------------------------------------------------------------------------


def test_empty_record_gives_wanted_ids():
    wanted = {"a.txt#0": "2024-01-01-talks", "b.txt#0": "2024-02-02-forum"}
    final, record = assign_urls(wanted, UrlRecord())
    assert final == wanted
    assert record.urls == {"a.txt#0": U("2024-01-01-talks"), "b.txt#0": U("2024-02-02-forum")}
    assert record.redirects == {}


def test_nothing_to_do():
    final, record = assign_urls({}, UrlRecord())
    assert final == {} and record == UrlRecord()


def test_stable_when_nothing_changes():
    wanted = {"a.txt#0": "2024-01-01-talks", "a.txt#1": "2024-01-01-forum"}
    final, record = assign_urls(wanted, UrlRecord())
    again, record2 = assign_urls(wanted, record)
    assert again == final and record2 == record


def test_collision_of_two_newcomers_is_resolved_by_key_not_by_order():
    wanted = {"b.txt#0": "2024-01-01-talks", "a.txt#0": "2024-01-01-talks"}
    final, _ = assign_urls(wanted, UrlRecord())
    assert final["a.txt#0"] == "2024-01-01-talks"  # the smaller key keeps the plain URL
    assert final["b.txt#0"].startswith("2024-01-01-talks-") and final["b.txt#0"] != final["a.txt#0"]
    # the same input in another order gives the same answer
    final2, _ = assign_urls(dict(reversed(list(wanted.items()))), UrlRecord())
    assert final2 == final


def test_suffix_depends_on_the_key_only():
    """A newcomer's suffix is made from its own key, never from how many other seeds exist."""
    one, _ = assign_urls({"a.txt#0": "d-t", "z.txt#0": "d-t"}, UrlRecord())
    many, _ = assign_urls({"a.txt#0": "d-t", "m.txt#0": "d-t", "z.txt#0": "d-t"}, UrlRecord())
    assert one["z.txt#0"] == many["z.txt#0"]
    assert len({*many.values()}) == 3


def test_three_way_collision_all_distinct():
    wanted = {f"{c}.txt#0": "2024-01-01-talks" for c in "abcde"}
    final, record = assign_urls(wanted, UrlRecord())
    assert len(set(final.values())) == 5
    assert len(set(record.urls.values())) == 5


def test_recorded_event_keeps_its_url_against_a_newcomer():
    """A newcomer with a smaller key never takes the URL an older event holds."""
    _, record = assign_urls({"z.txt#0": "2024-01-01-talks"}, UrlRecord())
    final, record2 = assign_urls(
        {"a.txt#0": "2024-01-01-talks", "z.txt#0": "2024-01-01-talks"}, record
    )
    assert final["z.txt#0"] == "2024-01-01-talks"
    assert final["a.txt#0"] != "2024-01-01-talks" and final["a.txt#0"].startswith(
        "2024-01-01-talks-"
    )
    assert record2.urls["z.txt#0"] == U("2024-01-01-talks")


def test_title_correction_moves_url_and_records_redirect():
    _, record = assign_urls({"a.txt#0": "2024-01-01-talks"}, UrlRecord())
    final, record2 = assign_urls({"a.txt#0": "2024-01-01-talks-corrected"}, record)
    assert final == {"a.txt#0": "2024-01-01-talks-corrected"}
    assert record2.urls == {"a.txt#0": U("2024-01-01-talks-corrected")}
    assert record2.redirects == {U("2024-01-01-talks"): "a.txt#0"}


def test_two_corrections_keep_every_old_url():
    record = UrlRecord()
    for id_ in ("2024-01-01-a", "2024-01-01-b", "2024-01-01-c"):
        _, record = assign_urls({"s.txt#0": id_}, record)
    assert record.urls == {"s.txt#0": U("2024-01-01-c")}
    assert record.redirects == {U("2024-01-01-a"): "s.txt#0", U("2024-01-01-b"): "s.txt#0"}


def test_correction_back_to_old_title_drops_that_redirect():
    record = UrlRecord()
    for id_ in ("2024-01-01-a", "2024-01-01-b", "2024-01-01-a"):
        final, record = assign_urls({"s.txt#0": id_}, record)
    assert final == {"s.txt#0": "2024-01-01-a"}
    assert record.urls == {"s.txt#0": U("2024-01-01-a")}
    assert record.redirects == {U("2024-01-01-b"): "s.txt#0"}  # never a redirect to itself


def test_newcomer_never_takes_a_url_that_redirects_to_another_event():
    record = UrlRecord(
        urls={"a.txt#0": U("2024-01-01-new")}, redirects={U("2024-01-01-old"): "a.txt#0"}
    )
    final, record2 = assign_urls({"a.txt#0": "2024-01-01-new", "b.txt#0": "2024-01-01-old"}, record)
    assert final["a.txt#0"] == "2024-01-01-new"
    assert final["b.txt#0"] != "2024-01-01-old"
    assert record2.redirects[U("2024-01-01-old")] == "a.txt#0"


def test_renamed_seed_keeps_its_url():
    _, record = assign_urls({"old name.txt#0": "2024-01-01-talks"}, UrlRecord())
    final, record2 = assign_urls({"new-name.txt#0": "2024-01-01-talks"}, record)
    assert final == {"new-name.txt#0": "2024-01-01-talks"}
    assert record2.urls == {"new-name.txt#0": U("2024-01-01-talks")}
    assert record2.redirects == {}


def test_removed_event_stays_in_record():
    """Never delete an entry: a removed event's URL stays reserved in the record."""
    _, record = assign_urls({"a.txt#0": "2024-01-01-a", "b.txt#0": "2024-01-01-b"}, UrlRecord())
    final, record2 = assign_urls({"a.txt#0": "2024-01-01-a"}, record)
    assert final == {"a.txt#0": "2024-01-01-a"}
    assert record2.urls == record.urls


def test_other_events_unaffected_by_a_collision():
    base = {"a.txt#0": "2024-01-01-a", "b.txt#0": "2024-01-01-b"}
    final, record = assign_urls(base, UrlRecord())
    final2, _ = assign_urls({**base, "c.txt#0": "2024-01-01-a"}, record)
    assert {k: final2[k] for k in base} == final


def test_does_not_mutate_input_record():
    record = UrlRecord(urls={"a.txt#0": U("x")}, redirects={U("w"): "a.txt#0"})
    before = (dict(record.urls), dict(record.redirects))
    assign_urls({"a.txt#0": "y", "b.txt#0": "x"}, record)
    assert (record.urls, record.redirects) == before


# --- the record file --------------------------------------------------------------------------


def test_record_round_trip(tmp_path):
    record = UrlRecord(
        urls={
            "b.txt#0": U("2024-01-02-b"),
            "Встреча с президентом 2024.txt#0": U("2024-01-01-vstrecha"),
        },
        redirects={U("2023-01-01-old"): "b.txt#0"},
    )
    path = tmp_path / "urls.yml"
    path.write_text(record.dump(), encoding="utf-8")
    assert load_record(path) == record
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert "Встреча" in text  # readable, not escaped
    assert record.dump() == load_record(path).dump()  # stable bytes


def test_record_dump_is_sorted():
    a = UrlRecord(
        urls={"b#0": "events/b/", "a#0": "events/a/"},
        redirects={"events/z/": "b#0", "events/y/": "a#0"},
    )
    b = UrlRecord(
        urls={"a#0": "events/a/", "b#0": "events/b/"},
        redirects={"events/y/": "a#0", "events/z/": "b#0"},
    )
    assert a.dump() == b.dump()
    data = yaml.safe_load(a.dump())
    assert list(data["urls"]) == ["a#0", "b#0"] and list(data["redirects"]) == [
        "events/y/",
        "events/z/",
    ]


def test_missing_record_is_empty(tmp_path):
    assert load_record(tmp_path / "urls.yml") == UrlRecord()


def test_empty_record_file(tmp_path):
    path = tmp_path / "urls.yml"
    path.write_text(HEADER, encoding="utf-8")
    assert load_record(path) == UrlRecord()
    path.write_text("urls:\nredirects:\n", encoding="utf-8")
    assert load_record(path) == UrlRecord()


@pytest.mark.parametrize("text", ["urls: [a, b]\n", "- 1\n- 2\n", "urls: {}\nredirects: 3\n"])
def test_malformed_record_is_an_error(tmp_path, text):
    path = tmp_path / "urls.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="urls.yml"):
        load_record(path)


def test_the_repository_record_is_consistent(root):
    record = load_record(root / "seeds" / "urls.yml")
    assert record.urls, "seeds/urls.yml holds no URL"
    assert len(set(record.urls.values())) == len(record.urls), "two events share a URL"
    for key, url in record.urls.items():
        assert "#" in key and url.startswith("events/") and url.endswith("/")
    for old, key in record.redirects.items():
        assert key in record.urls and record.urls[key] != old


# --- redirect pages ---------------------------------------------------------------------------


def test_redirect_page():
    html = redirect_page("../2024-01-01-new/")
    assert '<meta http-equiv="refresh" content="0; url=../2024-01-01-new/">' in html
    assert '<link rel="canonical" href="../2024-01-01-new/">' in html
    assert "location.hash" in html  # the #anchor a reader asked for survives the move
    assert html.startswith("<!doctype html>")
