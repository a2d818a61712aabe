"""The MkDocs hook's small pieces: the watcher ignores what the generator writes (one rebuild per
edit), and the whitespace trim keeps <pre> and every word boundary."""

from __future__ import annotations

from pathlib import Path

from build_site.mkdocs_hook import on_post_page, own_files


def test_the_watcher_ignores_only_what_the_generator_writes(tmp_path):
    docs, seeds = tmp_path / "docs_src", tmp_path / "seeds"
    ignored = own_files(docs, seeds / "urls.yml")
    for path in (
        docs / "events" / "a.md",
        docs / "topics" / "t" / "page-2.md",
        docs / "index.md",
        docs / "downloads" / "corpus.json",
        seeds / "urls.yml",
        docs / "events" / ".a.md.tmp",
    ):
        assert ignored(str(path)), path
    for path in (docs / "about" / "index.md", seeds / "a.txt", seeds / "a.yml", Path("/x/y.md")):
        assert not ignored(str(path)), path


def test_whitespace_trim_keeps_pre_and_word_boundaries():
    html = "<p>\n    a <b>x</b>   \n\n   y</p>\n  <pre>  k\n\n  l</pre>\n\n  <i>z</i>"
    out = on_post_page(html)
    assert out == "<p>\na <b>x</b>\ny</p>\n<pre>  k\n\n  l</pre>\n<i>z</i>"
