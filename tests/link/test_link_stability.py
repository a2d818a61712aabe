"""Links never break: adding, removing or changing one seed, or adding a vocabulary entry, changes
no URL or anchor of any other event; a corrected title moves the event and leaves a redirect; a
renamed seed keeps its URL.

Each test builds a temporary project twice with the real pipeline (`run`, which also saves the
URL record seeds/urls.yml) and compares {event URL: anchors defined on its page}.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from build_site.__main__ import run
from build_site.config import DATA_DIR, Config
from build_site.link.urls import load_record

#: A footnote definition: its label is a link target too ('#fn:putin-1-p2-1').
FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:", re.M)

NEW_SEED = """News /
Talks with the Prime Minister of Kazakhstan
March 14, 2024
Moscow
* * *
Vladimir Putin: Good afternoon. Trade between our countries reached US$28 billion last year.
Kassym-Jomart Tokayev: Thank you. More than 20,000 companies with Russian capital operate in Kazakhstan.
"""


@pytest.fixture()
def project(tmp_path, copy_seeds, root):
    copy_seeds(tmp_path)
    shutil.copy2(root / "seeds" / "urls.yml", tmp_path / "seeds" / "urls.yml")
    return tmp_path


@pytest.fixture()
def build(page_anchors):
    def build(
        project: Path, data: Path = DATA_DIR, strict: bool = False
    ) -> tuple[dict[str, frozenset[str]], str]:
        """Build and save the URL record; ({event URL: anchors on its page}, messages)."""
        err = io.StringIO()
        code = run(Config(root=project, data=data, progress=False, strict=strict), err=err)
        assert code == 0, err.getvalue()
        return event_anchors(project / "docs_src", page_anchors), err.getvalue()

    return build


def event_anchors(docs: Path, page_anchors) -> dict[str, frozenset[str]]:
    out = {}
    for page in sorted((docs / "events").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        if not isinstance(front, dict) or "event_id" not in front:
            continue  # a year page or the index
        assert page.stem == front["event_id"]
        out[f"events/{front['event_id']}/"] = frozenset(page_anchors(text)) | frozenset(
            FOOTNOTE.findall(text)
        )
    return out


def keys(project: Path) -> dict[str, str]:
    """event key ('<seed>#<n>') → URL, from the saved record."""
    return load_record(project / "seeds" / "urls.yml").urls


def others_unchanged(before: dict, after: dict, moved: set[str] = frozenset()) -> None:
    """Every event of `before` except `moved` is in `after` at the same URL with the same anchors."""
    for url, anchors in before.items():
        if url in moved:
            continue
        assert url in after, f"{url} disappeared"
        assert after[url] == anchors, (
            f"anchors of {url} changed: lost {sorted(anchors - after[url])[:5]}, "
            f"new {sorted(after[url] - anchors)[:5]}"
        )


def test_a_build_defines_anchors(project, build):
    before, _ = build(project)
    assert len(before) == 8
    assert all(len(a) > 3 for a in before.values())
    assert any("putin-1-p1" in a for a in before.values())


def test_adding_a_seed(project, build):
    before, _ = build(project)
    (project / "seeds" / "zzz_new.txt").write_text(NEW_SEED, encoding="utf-8")
    after, _ = build(project)
    assert len(after) == len(before) + 1
    others_unchanged(before, after)


def test_adding_a_seed_that_sorts_first_with_a_colliding_title(project, build, root):
    """A newcomer with the same date and title as a published event, whose file name sorts before
    it, gets a new URL; the published event keeps its own."""
    before, _ = build(project)
    src = project / "seeds" / "002_2dfdb7079ed04442.txt"
    text = src.read_text(encoding="utf-8").replace("Colleagues", "Dear colleagues", 1)
    (project / "seeds" / "000_000_copy.txt").write_text(text, encoding="utf-8")
    shutil.copy2(src.with_suffix(".yml"), project / "seeds" / "000_000_copy.yml")
    after, messages = build(project)
    others_unchanged(before, after)
    assert len(after) == len(before) + 1
    assert "000_000_copy.txt: warning: another event has the same date and title" in messages
    urls = keys(project)
    assert urls["000_000_copy.txt#0"] != urls["002_2dfdb7079ed04442.txt#0"]


def test_removing_a_seed(project, build):
    before, _ = build(project)
    gone = keys(project)["000_706b5c0bd46f7f98.txt#0"]
    (project / "seeds" / "000_706b5c0bd46f7f98.txt").unlink()
    after, _ = build(project)
    assert gone not in after and len(after) == len(before) - 1
    others_unchanged(before, after, moved={gone})
    assert (
        keys(project)["000_706b5c0bd46f7f98.txt#0"] == gone
    )  # the URL stays reserved in the record


def test_changing_one_event_of_a_multi_event_seed(project, build):
    """Seed 003 holds four events; editing it so that one event changes leaves the other three alone."""
    before, _ = build(project)
    path = project / "seeds" / "003_6459434bd1d1d077.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    urls = keys(project)
    changed = urls["003_6459434bd1d1d077.txt#1"]
    # add a paragraph inside the second event (after its first speaker turn)
    second_event_text = (project / "docs_src" / (changed.rstrip("/") + ".md")).read_text(
        encoding="utf-8"
    )
    assert second_event_text
    at = next(i for i, l in enumerate(lines) if "Text version" in l)  # end of the first event
    at = next(
        i for i in range(at + 1, len(lines)) if re.match(r"^[A-Z][\w .-]+: \S", lines[i])
    )  # first turn of the second
    lines.insert(at + 1, "Allow me to add one more thing: cooperation grew by 10 percent.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after, _ = build(project)
    assert changed in after and after[changed] != before[changed]  # the edit did change that event
    others_unchanged(before, after, moved={changed})


def test_changing_one_seed(project, build):
    before, _ = build(project)
    path = project / "seeds" / "000_706b5c0bd46f7f98.txt"
    text = path.read_text(encoding="utf-8")
    first = next(l for l in text.splitlines() if len(l) > 200)
    path.write_text(
        text.replace(first, first + "\n\nA new paragraph: trade reached US$30 billion.", 1),
        encoding="utf-8",
    )
    changed = keys(project)["000_706b5c0bd46f7f98.txt#0"]
    after, _ = build(project)
    assert after[changed] != before[changed]
    others_unchanged(before, after, moved={changed})


def test_adding_a_vocabulary_entry(project, build, tmp_path):
    before, _ = build(project)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "topics.yml").open("a", encoding="utf-8") as f:
        f.write(
            "\n- id: friendship-between-peoples\n  name: Friendship between peoples\n"
            "  description: Added by a test.\n  aliases: [friendship]\n"
        )
    after, _ = build(project, data=data)
    assert (project / "docs_src" / "topics" / "friendship-between-peoples.md").exists(), (
        "the new topic has no page"
    )
    corpus = json.loads(
        (project / "docs_src" / "downloads" / "corpus.json").read_text(encoding="utf-8")
    )
    assert any("friendship-between-peoples" in e["topics"] for e in corpus["events"]), (
        "the new topic matched nothing"
    )
    others_unchanged(before, after)
    assert after.keys() == before.keys()


def test_adding_a_person(project, build, tmp_path):
    before, _ = build(project)
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "persons.yml").open("a", encoding="utf-8") as f:
        f.write(
            "\n- id: test-person\n  name: Test Person\n  key: testperson\n  description: Added by a test.\n"
        )
    after, _ = build(project, data=data)
    assert after == before


def test_corrected_title_moves_the_event_and_redirects(project, build):
    before, _ = build(project)
    key = "000_706b5c0bd46f7f98.txt#0"
    old = keys(project)[key]
    (project / "seeds" / "000_706b5c0bd46f7f98.yml").write_text(
        "title: Plenary session of the 21st Russia–Kazakhstan Interregional Forum\n",
        encoding="utf-8",
    )
    after, messages = build(project, strict=True)  # a correction is not a warning
    record = load_record(project / "seeds" / "urls.yml")
    new = record.urls[key]
    assert new != old and new.startswith("events/2025-11-12-plenary-session")
    assert record.redirects == {old: key}
    assert after[new] == before[old], "the anchors moved with the event"
    others_unchanged(before, after, moved={old})
    assert old not in after
    page = project / "docs_src" / old / "index.html"
    assert page.exists(), "no redirect page at the old URL"
    html = page.read_text(encoding="utf-8")
    target = "../" + new.split("/")[1] + "/"
    assert f'url={target}"' in html and f'href="{target}"' in html
    # the redirect outlives later builds, and a second correction keeps both old URLs working
    (project / "seeds" / "000_706b5c0bd46f7f98.yml").write_text(
        "title: Russia–Kazakhstan Forum in Uralsk\n", encoding="utf-8"
    )
    build(project)
    record = load_record(project / "seeds" / "urls.yml")
    newest = record.urls[key]
    assert record.redirects == {old: key, new: key}
    for url in (old, new):
        html = (project / "docs_src" / url / "index.html").read_text(encoding="utf-8")
        assert f'url=../{newest.split("/")[1]}/"' in html


def test_renamed_seed_keeps_its_url(project, build):
    before, _ = build(project)
    old_urls = keys(project)
    seeds = project / "seeds"
    (seeds / "002_2dfdb7079ed04442.txt").rename(seeds / "Statements for the media 2025.txt")
    (seeds / "002_2dfdb7079ed04442.yml").rename(seeds / "Statements for the media 2025.yml")
    after, messages = build(project, strict=True)
    assert after == before
    record = load_record(seeds / "urls.yml")
    assert (
        record.urls["Statements for the media 2025.txt#0"] == old_urls["002_2dfdb7079ed04442.txt#0"]
    )
    assert "002_2dfdb7079ed04442.txt#0" not in record.urls
    assert record.redirects == {}
    assert not list((project / "docs_src" / "events").glob("*/index.html"))


def test_renaming_a_multi_event_seed_keeps_every_url(project, build):
    before, _ = build(project)
    seeds = project / "seeds"
    (seeds / "003_6459434bd1d1d077.txt").rename(seeds / "zz-2023 visit.txt")
    after, _ = build(project, strict=True)
    assert after == before
