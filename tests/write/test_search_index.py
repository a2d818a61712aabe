"""The search index command (build_site/write/search_index.py): Pagefind over a small built site.

The site here is hand-made HTML shaped like the built one: an event page (article in
data-pagefind-body, facets, permalink glyphs, footnotes) and a list page that repeats it.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from build_site import mkdocs_hook
from build_site.write import search_index
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
    meta = search_index._read(
        site / "pagefind" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    )
    names = [name for name, _ in meta[3]]
    assert names == sorted(names) == ["place", "speaker", "topic", "type", "year"]
    for name, chunk in meta[3]:
        filter_name, values = search_index._read(
            site / "pagefind" / "filter" / f"{chunk}.pf_filter"
        )
        assert filter_name == name and [v for v, _ in values] == sorted(v for v, _ in values)
    assert len(list((site / "pagefind" / "filter").iterdir())) == 5, "old chunks were left behind"


def test_cbor_round_trip():
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
        encoded = search_index._cbor_encode(value)
        assert search_index._cbor_decode(encoded) == (value, len(encoded))


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

    monkeypatch.setattr(mkdocs_hook, "build_index_apart", slow_apart)
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
