"""The search index command (build_site/write/search_index.py): Pagefind over a small built site.

The site here is hand-made HTML shaped like the built one: an event page (article in
data-pagefind-body, facets, permalink glyphs, footnotes) and a list page that repeats it.
"""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from build_site import mkdocs_hook
from build_site.write import pagefind_files, search_background, search_index, search_parts
from tests.paths import ROOT

EVENT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Talks in Astana</title></head>
<body><a href="#putin-1" class="md-skip">Skip to content</a>
<header>Speech Archive header</header>
<article class="md-content__inner md-typeset"><div data-pagefind-body>
<h1 id="talks-in-astana">Talks in Astana<a class="headerlink" href="#talks-in-astana">#</a></h1>
<div class="event-meta" data-pagefind-ignore><ul><li>Date: 3 May 2024</li><li>Place: Metadatatown</li></ul></div>
<div class="search-facets" hidden data-pagefind-ignore>
<span data-pagefind-meta="title">Talks in Astana</span>
<span data-pagefind-meta="date">3 May 2024</span>
<span data-pagefind-sort="date">2024-05-03</span>
<span data-pagefind-filter="year">2024</span>
<span data-pagefind-filter="type">Transcript</span>
<span data-pagefind-filter="speaker">Vladimir Putin</span>
<span data-pagefind-filter="speaker">Kassym-Jomart Tokayev</span>
<span data-pagefind-filter="topic">Energy</span>
<span data-pagefind-filter="place">Astana</span>
</div>
<details class="quote"><summary>Cite this transcript</summary><p>Citationword “Talks in Astana.”</p></details>
<h2 id="putin-1"><a href="../../persons/vladimir-putin/">Vladimir Putin</a> <small class="speech-role">President of Russia</small><a class="headerlink" href="#putin-1">#</a></h2>
<p id="putin-1-p1">The pipeline brings gas to Astana.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> <a class="para-link" href="#putin-1-p1">¶</a></p>
<h2 id="tokayev-1"><a href="../../persons/kassym-jomart-tokayev/">Kassym-Jomart Tokayev</a><a class="headerlink" href="#tokayev-1">#</a></h2>
<p id="tokayev-1-p1">Grain harvests were plentiful this autumn. <a class="para-link" href="#tokayev-1-p1">¶</a></p>
<div class="footnote"><ol><li id="fn:1"><p>“gas” = Footnoteword figure <a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>
</div></article></body></html>
"""

LIST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Energy</title></head>
<body><article><h1>Energy</h1><p>The pipeline brings gas to Astana. Listpageword.</p></article></body></html>
"""


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "events" / "2024-05-03-talks-in-astana").mkdir(parents=True)
    (site / "topics" / "energy").mkdir(parents=True)
    (site / "index.html").write_text(LIST.replace("Energy", "Home"), encoding="utf-8")
    (site / "events" / "2024-05-03-talks-in-astana" / "index.html").write_text(
        EVENT, encoding="utf-8"
    )
    (site / "topics" / "energy" / "index.html").write_text(LIST, encoding="utf-8")
    (site / "events" / "index.html").write_text(LIST.replace("Energy", "Events"), encoding="utf-8")
    return site


def fragments(site: Path) -> list[dict]:
    """Pagefind's per-page records (gzip; a 12-byte signature, then JSON)."""
    out = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        out.append(json.loads(raw[len(b"pagefind_dcd") :]))
    return out


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "build_site.write.search_index", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_indexes_the_event_reading_text_only(tmp_path):
    site = make_site(tmp_path)
    stale = site / "pagefind" / "stale.txt"
    stale.parent.mkdir()
    stale.write_text("left from an earlier build", encoding="utf-8")
    proc = run_command(str(site))
    assert proc.returncode == 0, proc.stderr
    assert "search index: 1 pages indexed" in proc.stderr
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not stale.exists(), "an earlier index was left behind"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 1, (
        "list pages must not be indexed"
    )
    # ... not even one in the folder that is read (events/index.html): the data-pagefind-body marker decides

    [page] = fragments(site)
    assert page["url"] == "/events/2024-05-03-talks-in-astana/"
    text = page["content"]
    assert "The pipeline brings gas to Astana." in text and "Grain harvests" in text
    for furniture in (
        "¶",
        "#",
        "↩",
        "Skip to content",
        "header",
        "Footnoteword",
        "Metadatatown",
        "Citationword",
        "Listpageword",
    ):
        assert furniture not in text, f"{furniture!r} was indexed: {text!r}"
    assert page["meta"]["title"] == "Talks in Astana" and page["meta"]["date"] == "3 May 2024"
    filters = {key: sorted(values) for key, values in page["filters"].items()}
    assert filters == {
        "year": ["2024"],
        "type": ["Transcript"],
        "topic": ["Energy"],
        "place": ["Astana"],
        "speaker": ["Kassym-Jomart Tokayev", "Vladimir Putin"],
    }
    headings = {a["id"]: a["text"].strip() for a in page["anchors"] if a["element"] == "h2"}
    assert headings == {
        "putin-1": "Vladimir Putin President of Russia",
        "tokayev-1": "Kassym-Jomart Tokayev",
    }


def test_build_index_reports_what_it_wrote(tmp_path):
    site = make_site(tmp_path)
    stats = search_index.build_index(site)
    assert stats.pages == 1 and stats.files > 3 and stats.bytes > 10_000
    assert stats.folder == (site / "pagefind").resolve()
    assert "1 pages indexed" in str(stats)


def test_another_glob_reads_other_folders(tmp_path):
    site = make_site(tmp_path)
    (site / "about").mkdir()
    (site / "about" / "index.html").write_text(
        EVENT.replace("/events/", "/about/"), encoding="utf-8"
    )
    assert search_index.build_index(site).pages == 1
    assert search_index.build_index(site, glob="**/*.html").pages == 2


def test_command_refuses_a_folder_without_a_site(tmp_path):
    proc = run_command(str(tmp_path / "nowhere"))
    assert proc.returncode == 1
    assert "search index: error:" in proc.stderr and "build it first" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_binary_is_reported_with_the_install_command(monkeypatch):
    monkeypatch.setattr(search_index, "get_executable", None)  # as when pagefind_bin is missing
    monkeypatch.setattr(search_index.shutil, "which", lambda name: None)
    with pytest.raises(search_index.SearchIndexError, match=r"pip install 'pagefind\[bin\]'"):
        search_index.pagefind_executable()


def test_hook_indexes_after_the_build():
    hook = (ROOT / "build_site" / "mkdocs_hook.py").read_text(encoding="utf-8")
    assert "def on_post_build" in hook and "build_index(" in hook


def index_files(site: Path) -> dict[str, bytes]:
    out = site / "pagefind"
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_the_same_site_gives_the_same_index(tmp_path):
    """Pagefind writes its filter chunks in hash-map order (different on every run); they are
    rewritten in a fixed order, so that a site built twice is the same byte for byte."""
    site = make_site(tmp_path)
    search_index.build_index(site)
    first = index_files(site)
    for _ in range(3):
        search_index.build_index(site)
        assert index_files(site) == first
    # ... and the index still reads: the metadata lists every filter, each chunk holds its values in order
    entry = json.loads(first["pagefind-entry.json"])
    meta = pagefind_files.read_file(
        site / "pagefind" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    )
    names = [name for name, _ in meta[3]]
    assert names == sorted(names) == ["place", "speaker", "topic", "type", "year"]
    for name, chunk in meta[3]:
        filter_name, values = pagefind_files.read_file(
            site / "pagefind" / "filter" / f"{chunk}.pf_filter"
        )
        assert filter_name == name and [v for v, _ in values] == sorted(v for v, _ in values)
    assert len(list((site / "pagefind" / "filter").iterdir())) == 5, "old chunks were left behind"


def test_pagefind_files_round_trip(tmp_path):
    """make_stable and join_parts write what they read: gzip of the signature and CBOR, named by
    its content."""
    for value in [
        0,
        23,
        24,
        255,
        256,
        65536,
        2**32,
        -1,
        -500,
        "",
        "Astana",
        "Kassym-Jomart Tokayev",
        b"\x00\x01",
        [],
        [1, [2, "x"]],
        {"a": [1, 2]},
        ["year", [["2024", [1, 6]], ["2023", [2, 3, 4, 5]]]],
    ]:
        name = pagefind_files.write_named(tmp_path, "en", 7, ".pf_filter", value)
        assert pagefind_files.read_file(tmp_path / f"{name}.pf_filter") == value
    (tmp_path / "bad.pf_filter").write_bytes(gzip.compress(b"pagefind_dcd" + b"\x18\x05"))
    with pytest.raises(ValueError, match="would not be written back identically"):
        pagefind_files.read_file(tmp_path / "bad.pf_filter")  # 5 written in two bytes


def test_serve_indexes_in_the_background(monkeypatch):
    """Under `mkdocs serve` on_post_build returns at once (the browser reloads) and the index is
    made in a thread; builds that end meanwhile ask for one more run, not one each."""
    started, release = threading.Event(), threading.Event()
    runs: list[str] = []

    def slow_index(site_dir):
        runs.append(site_dir)
        started.set()
        release.wait(10)
        return "indexed"

    indexer = mkdocs_hook.BackgroundIndexer(slow_index)
    monkeypatch.setattr(mkdocs_hook, "_serving", indexer)
    mkdocs_hook.on_post_build({"site_dir": "site-1"})
    assert started.wait(10)
    for n in (2, 3, 4):  # three builds end while the first index runs
        mkdocs_hook.on_post_build({"site_dir": f"site-{n}"})
    release.set()
    indexer.wait(10)
    assert runs == ["site-1", "site-4"]
    mkdocs_hook.on_startup(command="build")
    assert mkdocs_hook._serving is None  # `mkdocs build` indexes before it returns


# --- a large site in parts -------------------------------------------------------------------------

WORDS = [
    f"{a}{b}{c}"
    for a in ("tra", "gas", "pipe", "grain", "rail", "cafe")
    for b in "aeiou"
    for c in "ntr"
] + ["café", "Türkistan", "Turkistan", "naïve", "naive"]  # diacritics: Pagefind's word variants


def event_page(number: int, rng) -> str:
    """An event page like EVENT, with its own title, date (some shared), speaker and ~500 words."""
    date = f"20{10 + number % 7:02d}-0{1 + number % 9}-1{number % 3}"
    speaker = ("Vladimir Putin", "Kassym-Jomart Tokayev", "Askar Mamin")[number % 3]
    paragraphs = "\n".join(
        f'<p id="s-p{i}">{" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))}.</p>'
        for i in range(rng.randint(8, 14))
    )
    return (
        EVENT.replace("Talks in Astana", f"Talks number {number}")
        .replace("2024-05-03", date)
        .replace('"speaker">Vladimir Putin', f'"speaker">{speaker}')
        .replace('<p id="tokayev-1-p1">', f'{paragraphs}\n<p id="tokayev-1-p1">')
    )


def make_large_site(root: Path, pages: int = 60) -> Path:
    rng = random.Random(7)
    site = make_site(root)
    for number in range(pages):
        folder = site / "events" / f"2020-01-01-talks-{number}"
        folder.mkdir()
        (folder / "index.html").write_text(event_page(number, rng), encoding="utf-8")
    (site / "events" / "2019").mkdir()  # a year's list: in a part, never indexed
    (site / "events" / "2019" / "index.html").write_text(LIST, encoding="utf-8")
    return site


def unzipped(files: dict[str, bytes]) -> dict[str, bytes]:
    return {
        name: gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        for name, data in files.items()
    }


def test_a_large_site_is_indexed_in_parts_joined_as_one_run_would_write_it(tmp_path, monkeypatch):
    """Pagefind's memory grows with the words it reads (3.1 GB at 5,000 events): a site with more
    than PART_WORDS is indexed in parts and joined into the index one run writes: the same files
    (named by their content), with the same content once unzipped."""
    site = make_large_site(tmp_path)
    one_run = search_index.build_index(site, part_words=10**9)
    expected = index_files(site)
    words_before = len(list((site / "pagefind" / "index").iterdir()))
    assert words_before >= 2, "the site should fill more than one index chunk"

    runs = []
    real_run = search_index.run_pagefind
    monkeypatch.setattr(search_index, "run_pagefind", lambda *a: runs.append(a[2]) or real_run(*a))
    in_parts = search_index.build_index(site, part_words=15_000)
    assert len(runs) >= 3 and all(glob.startswith("events/{") for glob in runs)
    assert in_parts.pages == one_run.pages == 61
    assert in_parts.parts == len(runs) and one_run.parts == 1
    assert f"61 pages indexed in {len(runs)} parts;" in str(in_parts)
    joined = index_files(site)
    assert joined.keys() == expected.keys()
    assert unzipped(joined) == unzipped(expected)
    assert not list(tmp_path.glob(".pagefind-parts-*")), "the parts were left behind"


def test_parts_that_do_not_join_are_indexed_in_one_run(tmp_path, monkeypatch, capsys):
    site = make_large_site(tmp_path, pages=8)

    def refuse(*args):
        raise search_index.PartsDoNotJoin("a part's sort order is not the one read from its pages")

    monkeypatch.setattr(search_index, "join_parts", refuse)
    assert search_index.build_index(site, part_words=1_000).pages == 9
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "search index: warning: indexed in one run, which needs more memory "
        "(a part's sort order is not the one read from its pages)"
    ]


def test_parts_are_runs_of_even_size_in_the_folder_order():
    folders = [search_index.EventFolder(f"e{n}", 10 + n % 3, ()) for n in range(30)]
    assert search_index.plan_parts(folders, 10**6) == [], "one run when it fits"
    parts = search_index.plan_parts(folders, 100)
    assert [f for part in parts for f in part] == folders
    sizes = [sum(f.words for f in part) for part in parts]
    assert len(parts) == 4 and max(sizes) - min(sizes) <= 12, sizes


def test_a_folder_a_glob_cannot_name_is_indexed_in_one_run(tmp_path):
    site = make_large_site(tmp_path, pages=3)
    assert [f.name for f in search_index.survey(site) or []].count("2019") == 1
    (site / "events" / "2020-01-01-talks-{1}").mkdir()
    assert search_index.survey(site) is None


def test_parts_whose_pages_are_not_the_expected_ones_are_indexed_in_one_run(
    tmp_path, monkeypatch, capsys
):
    """The join checks each part's first and last page against the folders it was given (and its
    sort order against the pages' sort keys): a walk in another order must not number the pages
    wrongly."""
    site = make_large_site(tmp_path, pages=8)
    monkeypatch.setattr(search_parts, "page_url", lambda path: "/elsewhere/")
    stats = search_index.build_index(site, part_words=1_000)
    assert stats.pages == 9 and stats.parts == 1
    assert "a part indexed other pages than its folders hold" in capsys.readouterr().err


def test_the_parts_budget_comes_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("BUILD_SITE_SEARCH_PART_WORDS", "250000")
    assert search_index.part_words_wanted() == 250_000
    monkeypatch.setenv("BUILD_SITE_SEARCH_PART_WORDS", "lots")
    assert search_index.part_words_wanted() == search_index.PART_WORDS
    assert capsys.readouterr().err.strip() == (
        "search index: warning: BUILD_SITE_SEARCH_PART_WORDS='lots' is not a number of words; "
        f"{search_index.PART_WORDS} it is"
    )


def test_a_rebuild_stops_the_index_being_made(monkeypatch):
    """Under `mkdocs serve` a rebuild that begins while the index of the build before is being
    made stops it (its process group: Pagefind is the child of the indexing process); the run
    the rebuild asks for follows, and the stop is no warning."""
    import subprocess
    import sys

    procs: list = []

    def slow_apart(site_dir, started=None):
        proc = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True
        )
        procs.append(proc)
        if started is not None:
            started(proc)
        if proc.wait() != 0:
            raise search_index.SearchIndexError("stopped")
        return "indexed"

    monkeypatch.setattr(search_background, "build_index_apart", slow_apart)
    indexer = mkdocs_hook.BackgroundIndexer()
    monkeypatch.setattr(mkdocs_hook, "_serving", indexer)
    mkdocs_hook.on_post_build({"site_dir": "site-1"})
    for _ in range(200):
        if indexer.proc is not None:
            break
        threading.Event().wait(0.05)
    assert indexer.proc is procs[0]
    indexer.stop()  # what on_pre_build does under serve
    indexer.wait(20)
    assert indexer.thread is None and procs[0].returncode != 0 and not indexer.stopped


def test_a_missing_cbor2_is_one_line_with_the_install_command(monkeypatch, tmp_path, capsys):
    """A copy installed before cbor2 joined the dependencies (a `git pull` without reinstalling)
    gets the command to run, not a traceback: from the library, the CLI and the hook."""
    monkeypatch.setattr(pagefind_files, "cbor2", None)
    with pytest.raises(search_index.SearchIndexError, match=r"cbor2 is not installed.*pip install"):
        search_index.build_index(tmp_path)
    assert search_index.main([str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("search index: error: cbor2 is not installed")
    with pytest.raises(PluginError, match="cbor2 is not installed"):
        mkdocs_hook.on_post_build({"site_dir": str(tmp_path)})
