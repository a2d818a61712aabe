"""Safe Markdown from source text: nothing in a seed can become markup.

Every character that Markdown, its extensions (attr_list, footnotes, abbr, tables, def_list) or
HTML give a meaning becomes a numeric character reference; the reader sees the same text and the
search index (built from the HTML) holds the same words.

    >>> escape("<script>alert(1)</script> *x* [^1]: {#id} {{ y }}")
    '&#60;script&#62;alert(1)&#60;/script&#62; &#42;x&#42; &#91;&#94;1&#93;: &#123;&#35;id&#125; &#123;&#123; y &#125;&#125;'
    >>> escape("1. not a list")
    '1&#46; not a list'
    >>> inline("Trade grew to $5 billion.", [(24, "[^f1]")])
    'Trade grew to $5 billion[^f1].'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>*_`[]{}#|~^\\!=+"}
#: Everything Markdown (or str.splitlines) reads as a line break: text stays on one line.
_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: one pass of str.translate both escapes and unbreaks (a regex pass for the breaks cost as much)
_TABLE = str.maketrans({**_SPECIAL, **{c: " " for c in _BREAKS}})
_LINE_START = re.compile(r"^(\s*)(\d+)\.(\s)|^(\s*)([-+>:?])")  # '?': '??? x' opens a details block


def escape(text: str) -> str:
    """Escape plain text for use inside a Markdown paragraph, heading or table cell."""
    return _fix_start(_escape_piece(text))


def attr(text: str) -> str:
    """Text for a quoted attribute value in attr_list or HTML."""
    return escape(text).replace('"', "&#34;").replace("'", "&#39;")


def markdown_link(text: str, target: str) -> str:
    return f"[{text}]({target})"


def html_link(text: str, target: str) -> str:
    return f'<a href="{target}">{text}</a>'


def inline(
    text: str,
    inserts: Sequence[tuple[int, str]] = (),
    wrap: dict[tuple[int, int], str] | None = None,
    link: Callable[[str, str], str] = markdown_link,
) -> str:
    """Escape text and splice in Markdown: `inserts` are (offset, markup) placed at text offsets;
    `wrap` maps a (start, end) span to a link target, turning the span into [span](target) (or
    what `link` makes of it: html_link for a paragraph written as HTML).
    A span that overlaps an earlier one, or holds an insert point, stays plain text.
    """
    points = {off for off, _ in inserts}
    spans: dict[int, tuple[int, str]] = {}
    taken = -1
    for (start, end), target in sorted((wrap or {}).items()):
        if taken <= start < end <= len(text) and not any(start < p < end for p in points):
            spans[start] = (end, target)
            taken = end
    after: dict[int, list[str]] = {}
    for off, markup in sorted(inserts, key=lambda t: t[0]):
        after.setdefault(off, []).append(markup)
    cuts = sorted({0, len(text), *after, *spans, *(e for e, _ in spans.values())})
    out: list[str] = list(after.get(0, []))
    position = {c: k for k, c in enumerate(cuts)}
    i = 0
    while i < len(cuts) - 1:
        a = cuts[i]
        if a in spans:
            b, target = spans[a]
            out.append(link(_escape_piece(text[a:b]), target))
        else:
            b = cuts[i + 1]
            out.append(_escape_piece(text[a:b]))
        out += after.get(b, [])
        i = position[b]
    return _fix_start("".join(out))


def _escape_piece(piece: str) -> str:
    return piece.translate(_TABLE)


def _fix_start(out: str) -> str:
    # leading blanks would make an indented code block; a browser would not show them anyway
    out = out.lstrip(" \t")
    return _LINE_START.sub(
        lambda m: f"{m[1]}{m[2]}&#46;{m[3]}" if m[2] else f"{m[4]}&#{ord(m[5])};", out
    ).rstrip()


def raw_html(block: str) -> str:
    """A block of finished HTML for a Markdown page, as its own paragraph between the markers that
    the MkDocs hook hands to Python-Markdown as one placeholder (mkdocs_hook.RAW_HTML).

    >>> raw_html("<ul><li>x</li></ul>")
    '\\n\\n<!-- html -->\\n<ul><li>x</li></ul>\\n<!-- /html -->\\n\\n'
    """
    return f"\n\n<!-- html -->\n{block.strip()}\n<!-- /html -->\n\n"
