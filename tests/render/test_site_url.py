"""Every absolute address in the research downloads comes from site_url (config.public_url): a
build for another address names no other."""

from __future__ import annotations

from build_site.build import build
from build_site.config import Config
from tests.paths import ROOT

OTHER = "https://archive.example.org/rk/"


def test_downloads_feed_and_jsonld_follow_site_url(tmp_path):
    site = build(Config(root=ROOT, docs=tmp_path / "docs", site_url=OTHER, progress=False))
    default = Config(root=ROOT, progress=False).public_url
    checked = [
        p
        for p in site.pages
        if p.startswith("downloads/") and p != "downloads/corpus.json" or p == "feed.xml"
    ]
    checked += [f"events/{e.id}.md" for e in site.corpus.events]
    assert len(checked) > 20
    for path in checked:
        text = site.pages[path]
        assert default not in text, path
    for path in ("feed.xml", "downloads/citations.json", "downloads/citations.bib"):
        assert OTHER + "events/" in site.pages[path], path
    e = site.corpus.events[0]
    assert f'"@base":"{OTHER}{e.url}"' in site.pages[f"events/{e.id}.md"]  # compact JSON-LD
    assert f'"url":"{OTHER}{e.url}"' in site.pages[f"events/{e.id}.md"]
    assert f'<idno type="URI">{OTHER}{e.url}</idno>' in site.pages[f"downloads/tei/{e.id}.xml"]
