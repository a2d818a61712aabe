"""Markup safety: whatever a seed holds, escape() renders as exactly that text in one <p>, through
Python-Markdown with the extensions of mkdocs.yml."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from build_site.render.markup import attr, escape, inline


def test_uses_the_site_extensions(site_extensions):
    names, _ = site_extensions
    for name in (
        "attr_list",
        "footnotes",
        "md_in_html",
        "tables",
        "abbr",
        "def_list",
        "admonition",
        "toc",
    ):
        assert name in names


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append("!--")

    def handle_pi(self, data):
        self.tags.append("?")

    def unknown_decl(self, data):
        self.tags.append("!")

    def handle_decl(self, decl):
        self.tags.append("!")


def parse(out: str) -> tuple[list[str], str]:
    p = _Collect()
    p.feed(out)
    p.close()
    return p.tags, "".join(p.text)


_WS = re.compile(r"[ \t\n\r\f]+")


def squash(text: str) -> str:
    """How a browser shows text: runs of HTML whitespace are one space; none at the ends."""
    return _WS.sub(" ", text).strip()


#: Text as sources hold it: any character but control characters, which cannot occur in HTML text
#: (tab, line feed and carriage return stay in: they do occur in scraped text).
CHARS = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r")
#: Markup that would change the page if it leaked through.
TOKENS = [
    "<script>",
    "</script>",
    "<b>",
    "<!--",
    "-->",
    "<?php",
    "<![CDATA[",
    "*",
    "**",
    "_",
    "__",
    "[^1]:",
    "[^1]",
    "{#id}",
    "{: .c}",
    "{: #x }",
    "{{ x }}",
    "{% if %}",
    "# h",
    "## ",
    "---",
    "===",
    "1. x",
    "1) x",
    "- ",
    "+ ",
    "* ",
    "> q",
    "|a|b|",
    "|---|",
    "`",
    "```",
    "~~~",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "[a](b)",
    "![i](x.png)",
    "<http://x.org>",
    "http://x.org",
    "&amp;",
    "&#42;",
    "&",
    "\\",
    "\\*",
    "!!! note",
    "??? quote",
    "*[HTML]: x",
    "term\n: definition",
    "<div markdown>",
    "</div>",
    "  \n",
    "$",
    "^",
    "~",
    "=",
    "+",
    ":",
    "[",
    "]",
    "(",
    ")",
    "!",
    "#",
    "{",
    "}",
    "|",
    "<",
    ">",
    '"',
    "'",
    "’",
    "\u00a0",
    "x",
    "Putin",
    "1",
    " ",
]
TEXT = st.one_of(
    st.text(CHARS, max_size=60),
    st.lists(st.one_of(st.sampled_from(TOKENS), st.text(CHARS, max_size=5)), max_size=14).map(
        "".join
    ),
)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_plain(text: str, out: str, allowed: set[str]) -> None:
    tags, shown = parse(out)
    assert set(tags) <= allowed, f"{text!r} became markup: {out!r}"
    assert squash(shown) == squash(text), f"{text!r} rendered as {out!r}"


@SETTINGS
@given(TEXT)
@example("<script>alert(1)</script> *x* _y_ [^1]: {#id} {: .c} {{ x }}")
@example("# h")
@example("---")
@example("1. x")
@example("> q")
@example("|a|b|\n|---|---|\n|1|2|")
@example("`code` and ``more``")
@example("[^1]: a footnote definition")
@example("Term\n: Definition")
@example("*[HTML]: Hyper Text")
@example('!!! note "Title"')
@example("???0")
@example("???+ note open")
@example("    indented code")
@example("a\n===")
@example("a\r---")
@example('x {: #evil onclick="alert(1)" }')
def test_escape_is_plain_text(render_markdown, text):
    out = render_markdown(escape(text))
    check_plain(text, out, {"p"} if squash(text) else set())


@SETTINGS
@given(TEXT, st.data())
def test_inline_links_and_text(render_markdown, text, data):
    """A wrapped span becomes one link whose text is the span; the rest stays plain text."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    out = render_markdown(
        inline(text, [], {(start, end): "../places/x.md"}) if end > start else inline(text)
    )
    check_plain(text, out, {"p", "a"})
    if squash(text[start:end]) and end > start:
        links = re.findall(r"<a href=\"([^\"]*)\">(.*?)</a>", out, re.S)
        assert [(href, squash(html.unescape(re.sub("<[^>]+>", "", t)))) for href, t in links] == [
            ("../places/x.md", squash(text[start:end]))
        ]


@pytest.mark.parametrize(
    "text, inserts, wrap, expected",
    [
        ("Trade grew to $5 billion.", [(24, "[^f1]")], None, "Trade grew to $5 billion[^f1]."),
        (
            "Putin and Tokayev",
            [],
            {(0, 5): "p.md", (10, 17): "t.md"},
            "[Putin](p.md) and [Tokayev](t.md)",
        ),
        (
            "Putin and Tokayev",
            [],
            {(0, 9): "a.md", (6, 17): "b.md"},
            "[Putin and](a.md) Tokayev",
        ),  # overlap: later span stays text
        (
            "Putin spoke",
            [(3, "[^x]")],
            {(0, 5): "p.md"},
            "Put[^x]in spoke",
        ),  # an insert inside a span: no link
        ("1. Trade", [], {(3, 8): "t.md"}, "1&#46; [Trade](t.md)"),
        ("*x*", [(3, "[^n]")], None, "&#42;x&#42;[^n]"),
    ],
)
def test_inline_examples(text, inserts, wrap, expected):
    assert inline(text, inserts, wrap) == expected


def test_footnote_marker_renders_as_footnote(render_markdown):
    out = render_markdown(
        inline("Trade grew to $5 billion.", [(24, "[^f1]")]) + "\n\n[^f1]: US$5 billion"
    )
    assert 'class="footnote-ref"' in out and "<script" not in out


@SETTINGS
@given(TEXT)
def test_attr_value_never_breaks_out(render_markdown, text):
    assume(squash(text))  # attributes hold names and labels, never empty ones
    value = attr(text)
    assert '"' not in value and "'" not in value and "}" not in value and "\n" not in value
    out = render_markdown(f'Para\n{{: title="{value}" }}')
    tags, shown = parse(out)
    assert tags == ["p"] and squash(shown) == "Para"
    m = re.search(r'title="([^"]*)"', out)
    assert m and squash(html.unescape(m.group(1))) == squash(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1. not a list", "1&#46; not a list"),
        ("- not a list", "&#45; not a list"),
        ("+ not a list", "&#43; not a list"),
        ("> not a quote", "&#62; not a quote"),
        (": not a definition", "&#58; not a definition"),
        ("# not a heading", "&#35; not a heading"),
        ("??? not a details block", "&#63;?? not a details block"),
        ("Why? Because.", "Why? Because."),
        ("Thank you.", "Thank you."),
        ("Kazakhstan’s trade – 20%", "Kazakhstan’s trade – 20%"),
    ],
)
def test_escape_examples(text, expected):
    assert escape(text) == expected
