"""The MkDocs hook's small pieces: the watcher ignores what the generator writes (one rebuild per
edit), the whitespace trim keeps <pre> and every word boundary, and finished HTML blocks skip
Python-Markdown unchanged."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markdown

from build_site.mkdocs_hook import (
    final_links,
    on_env,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_page,
    own_files,
    restore_raw_html,
    url_rel,
)
from build_site.render.markup import raw_html
from build_site.write.cache import TemplateBytecode


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


class _Page:
    class file:
        src_uri = "topics/trade.md"

    present_anchor_ids: set[str] = {"trade"}


def test_raw_html_blocks_skip_markdown_and_come_back_unchanged():
    """What the hook does to a page gives the same HTML as Python-Markdown passing the block
    through itself (as under Zensical, which runs no hooks), in place, between converted text."""
    block = '<div class="excerpts" id="rows">\n<p><strong>A &#38; *b*</strong></p>\n\n<ul><li>x [y](z)</li></ul>\n</div>'
    source = "# Trade\n\nBefore *this*." + raw_html(block) + "After." + raw_html("<p>two</p>")
    convert = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"]).convert
    hooked = restore_raw_html(convert(on_page_markdown(source, page=_Page)), page=_Page)
    assert block in hooked and "<p>two</p>" in hooked and "BUILD-SITE" not in hooked
    assert hooked.index("<em>this</em>") < hooked.index(block) < hooked.index("After.")
    assert _Page.present_anchor_ids == {"trade", "rows"}  # MkDocs checks links to them
    plain = convert(source)
    assert block in plain  # the markers are comments: the block passes through without the hook


class _HeldPage:
    class file:
        src_uri = "events/a.md"

    present_anchor_ids = None
    markdown = "# A\n\nText “quoted”."
    content = None
    title = "A"


def test_a_page_waits_for_its_template_compressed_and_comes_back_unchanged():
    """Between a page's conversion and the rendering of its template the hook holds its HTML
    compressed and lets its Markdown go (MkDocs converts every page before it renders the first);
    the template gets the HTML as converted, and the page lets it go once written."""
    page = _HeldPage()
    html = '<h1 id="a">A</h1>\n<p>Text “quoted”.</p>' * 50
    page.content = on_page_content(html, page=page)
    assert page.content == "" and page.markdown == ""
    context = {"page": page}
    assert on_page_context(context, page=page) is context
    assert page.content == html
    on_post_page("<html></html>", page=page)
    assert page.content == ""
    on_page_context(context, page=page)  # a page rendered twice keeps what it has
    assert page.content == ""


def test_theme_templates_compile_once_per_process(tmp_path):
    """`mkdocs serve` makes a new Jinja2 environment for every rebuild: with the hook's bytecode
    cache a template is parsed once, and again only when its source changes."""
    (tmp_path / "page.html").write_text("<p>{{ 1 + 1 }}</p>", encoding="utf-8")
    cache = TemplateBytecode(None)
    parsed: list[str] = []

    class Counting(jinja2.Environment):
        def _parse(self, source, name, filename):
            parsed.append(name)
            return super()._parse(source, name, filename)

    def fresh() -> jinja2.Environment:  # as each rebuild of `mkdocs serve` does
        env = Counting(loader=jinja2.FileSystemLoader(str(tmp_path)))
        assert isinstance(on_env(env, config=None, files=None).bytecode_cache, TemplateBytecode)
        env.bytecode_cache = cache  # this test's own, empty at its start
        return env

    assert fresh().get_template("page.html").render() == "<p>2</p>"
    assert fresh().get_template("page.html").render() == "<p>2</p>"
    assert parsed == ["page.html"]
    (tmp_path / "page.html").write_text("<p>{{ 2 + 2 }}</p>", encoding="utf-8")
    assert fresh().get_template("page.html").render() == "<p>4</p>"
    assert parsed == ["page.html", "page.html"]


def test_url_rel_matches_directory_urls():
    assert url_rel("places/index.md", "places/ufa.md") == "ufa/"
    assert url_rel("places/omsk.md", "places/ufa.md") == "../ufa/"
    assert url_rel("index.md", "places/ufa.md") == "places/ufa/"
    # The final URLs assume MkDocs' directory URLs: fail loudly if the site stops using them.
    from tests.browser.sitebuild import read_config

    assert read_config().get("use_directory_urls", True) is True


def test_raw_html_links_become_what_mkdocs_makes_of_markdown_links():
    """Raw HTML links are .md paths relative to their page (Zensical rewrites them); the hook
    rewrites them as MkDocs rewrites a Markdown link, and leaves every other link alone."""
    html = (
        '<a href="../events/a.md#p-1">a</a> <a href="b.md">b</a> <a href="#x">x</a> '
        '<a href="https://example.org/a.md">e</a> <a href="../../downloads/corpus.json">d</a>'
    )
    assert final_links(html, "topics/energy.md") == (
        '<a href="../../events/a/#p-1">a</a> <a href="../b/">b</a> <a href="#x">x</a> '
        '<a href="https://example.org/a.md">e</a> <a href="../../downloads/corpus.json">d</a>'
    )
