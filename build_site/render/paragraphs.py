"""An event page's speech headings and paragraphs: a heading stays Markdown (the table of contents
is made from it), a paragraph is written as the HTML Python-Markdown and MkDocs would make of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from build_site.model import Event, Figure, Paragraph, Person, Speech
from build_site.render.markup import attr, escape, html_link, inline, raw_html
from build_site.render.paths import LINKED_KINDS, page_of, rel


def speech_heading(persons: Mapping[str, Person], page: str, speech: Speech) -> str | None:
    if speech.speaker is None and speech.label is None:
        return None
    if speech.speaker:
        person = persons.get(speech.speaker)
        name = person.name if person else speech.speaker
        text = f"[{escape(name)}]({rel(page, page_of('person', speech.speaker))})"
        role = speech.role or (person.roles[0] if person and person.roles else None)
    else:
        name = text = escape(speech.label or "")
        role = None
    if role:
        text += f' <small class="speech-role">{escape(role)}</small>'
    turn = speech.anchor.rsplit("-", 1)[-1]
    toc = name if turn == "1" else f"{name} ({turn})"  # the contents tell repeated turns apart
    return f'{text} {{: #{speech.anchor} data-toc-label="{attr(toc)}" }}'


def paragraph(
    footnote: Callable[[str, Figure], str],
    page: str,
    event: Event,
    speech: Speech | None,
    p: Paragraph,
    footnotes: list,
    css: str = "",
) -> str:
    """A paragraph as finished HTML between raw_html markers (Python-Markdown would only turn
    it into the same HTML, at a third of an event page's build time), exactly as
    Python-Markdown and MkDocs made it from Markdown: footnote references numbered in the
    order their definitions follow the page, links as .md paths relative to the page (the hook
    makes them final URLs as MkDocs does a Markdown link's; Zensical rewrites them itself). A
    heading stays Markdown, for the table of contents."""
    heading = p.kind == "heading"
    inserts: list[tuple[int, str]] = []
    for n, figure in enumerate(p.figures, 1):
        label = f"{p.anchor}-{figure.n or n}"  # stable when an editor drops a figure
        footnotes.append((label, footnote(page, figure)))
        inserts.append(
            (
                figure.end,
                f"[^{label}]"
                if heading
                else f'<sup id="fnref:{label}"><a class="footnote-ref" href="#fn:{label}">'
                f"{len(footnotes)}</a></sup>",
            )
        )
    for sic in p.sic:
        at = p.text.find(sic)
        if at >= 0:
            inserts.append(
                (
                    at + len(sic),
                    ' <span class="sic" title="Spelling as printed in the source">&#91;sic&#93;</span>',
                )
            )
    wraps: dict[tuple[int, int], str] = {}
    seen = _seen_in_speech(event, speech, p)
    for m in p.mentions:
        if m.kind in LINKED_KINDS and (m.kind, m.id) not in seen:
            seen.add((m.kind, m.id))
            wraps[(m.start, m.end)] = rel(page, page_of(m.kind, m.id))
    if heading:  # under a speech heading (h2) an h3; in narration or the lead an h2
        level = "###" if speech is not None and (speech.speaker or speech.label) else "##"
        return f"{level} {inline(p.text, inserts, wraps)} {{: #{p.anchor} }}"
    text = inline(p.text, inserts, wraps, html_link)
    link = f' <a class="para-link" href="#{p.anchor}" title="Link to this paragraph">¶</a>'
    if p.kind == "note":
        text, css = f"<em>Editorial note:</em> {text}", "editorial-note"
    attrs = f'class="{css}" id="{p.anchor}"' if css else f'id="{p.anchor}"'
    return raw_html(f"<p {attrs}>{text}{link}</p>").strip("\n")


def _seen_in_speech(event: Event, speech: Speech | None, p: Paragraph) -> set:
    """Entities already linked earlier in the same speech (or the lead)."""
    paragraphs = speech.paragraphs if speech else event.lead
    seen: set = set()
    for q in paragraphs:
        if q.anchor == p.anchor:
            break
        seen |= {(m.kind, m.id) for m in q.mentions if m.kind in LINKED_KINDS}
    return seen
