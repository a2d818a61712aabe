"""TEI XML after the Parla-CLARIN / ParlaMint encoding: `downloads/tei/<event-id>.xml` per event
and `downloads/tei/corpus.xml`, a teiCorpus that `xi:include`s them all.

One event file:

    TEI/teiHeader   title, date, place, publisher, source URL, translation note, licence;
                    particDesc/listPerson: the speakers (name, roles)
    TEI/text/body/div
        note type="summary"  xml:id=lead-p1       the lead
        u  who=#person-id  xml:id=putin-2        one per speech (the page's speech anchor)
            seg xml:id=putin-2-p3                 one per paragraph (the page's paragraph anchor)
                measure quantity= unit= type=<indicator id>   each figure, around its quote
            note type="editorial" xml:id=…        an editorial mark ('To be continued.')
            gap reason="editorial" xml:id=…       an omission ('<…>')

xml:id values are the page's anchors, so they are unique within one event file (not across the
corpus: ParlaMint prefixes its ids with the file's; here the anchor is the point).
Built with xml.etree.ElementTree: every character is escaped by the serialiser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from build_site.config import Config
from build_site.model import Corpus, Event, Figure, Paragraph, Person, Speech
from build_site.render.citations import (
    ARCHIVE_NAME,
    LICENCE_NAME,
    LICENCE_NOTE,
    LICENCE_URL,
    accessed,
    event_url,
)
from build_site.render.paths import DOC_TYPES

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("xi", XI_NS)

#: An omission mark printed in the source: encoded as a <gap>, not a <note>.
GAP = re.compile(r"^[<\[]\s*(?:…|\.\.\.)\s*[>\]]$")
#: Speaker types (ParlaMint's taxonomy of the same name), for u/@ana.
SPEAKER_TYPES = {
    "regular": "A named speaker.",
    "question": "An unnamed questioner (a journalist, a member of the audience).",
    "narration": "A report's own narration: no speaker.",
}


def _iso(event: Event) -> str | None:
    return event.date.isoformat() if event.date else None


def tei_path(event: Event) -> str:
    return f"downloads/tei/{event.id}.xml"


def _t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs) -> ET.Element:
    attrs = {_attr(k): str(v) for k, v in attrs.items() if v is not None}
    el = ET.Element(_t(tag), attrs) if parent is None else ET.SubElement(parent, _t(tag), attrs)
    if text is not None:
        el.text = text
    return el


def _attr(name: str) -> str:
    return f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml_") else name


def _indent(el: ET.Element, level: int = 0) -> None:
    """ET.indent for element-only content: mixed content (a seg with its measures, whose text is
    '' rather than None) keeps its text exactly. Kept though every event has a TEI file: one space
    per level and none inside a paragraph come to about 4 % of a file (0.7 of 19 KB at 200
    events, benchmarks/page_parts.py), and a file people open in an editor should read as XML."""
    if not len(el) or el.text is not None or any(c.tail is not None for c in el):
        return
    el.text = "\n" + " " * (level + 1)
    for child in el:
        _indent(child, level + 1)
        child.tail = "\n" + " " * (level + 1)
    el[-1].tail = "\n" + " " * level


def _serialise(root: ET.Element) -> str:
    _indent(root)
    ET.register_namespace("", TEI_NS)  # just before: the feed's Atom takes the default prefix too
    return ET.tostring(root, encoding="unicode").join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "\n")
    )


# --- header -----------------------------------------------------------------------------------


def _availability(parent: ET.Element) -> None:
    avail = _el(parent, "availability", status="restricted")
    _el(avail, "licence", LICENCE_URL)
    p = _el(avail, "p", LICENCE_NOTE.split(" The archive")[0] + " ")
    ref = _el(p, "ref", LICENCE_NAME, target=LICENCE_URL)
    ref.tail = " applies to the archive's cleaning, anchors and annotations."


def _person(list_person: ET.Element, pid: str, person: Person | None, config: Config) -> None:
    el = _el(list_person, "person", xml_id=pid)
    pers_name = _el(el, "persName")
    if person and person.curated:
        given, _, family = person.name.rpartition(" ")
        if given:
            _el(pers_name, "forename", given)
        _el(pers_name, "surname", family)
    else:
        pers_name.text = person.name if person else pid
    for role in person.roles if person else ():
        aff = _el(el, "affiliation")
        _el(aff, "roleName", role)
    _el(el, "idno", config.public_url + f"persons/{pid}/", type="URI")


def _persons_of(event: Event) -> list[str]:
    seen = dict.fromkeys(event.speakers)
    if event.author:
        seen.setdefault(event.author)
    for p in event.paragraphs:
        if p.speaker:
            seen.setdefault(p.speaker)
    return list(seen)


def _header(event: Event, corpus: Corpus, config: Config) -> ET.Element:
    header = _el(None, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", event.title, type="main", xml_lang="en")
    _el(title_stmt, "title", f"{ARCHIVE_NAME}, {_iso(event) or 'undated'}", type="sub")
    if event.author:
        _el(title_stmt, "author", _name(corpus, event.author), ref=f"#{event.author}")
    resp = _el(title_stmt, "respStmt")
    _el(resp, "orgName", ARCHIVE_NAME)
    _el(resp, "resp", "Cleaning, speaker turns, anchors, annotation of figures; TEI encoding")
    extent = _el(file_desc, "extent")
    n = len(event.speeches)
    _el(extent, "measure", f"{n} speeches", unit="speeches", quantity=n)
    words = sum(len(p.text.split()) for p in event.paragraphs)
    _el(extent, "measure", f"{words:,} words", unit="words", quantity=words)
    pub = _el(file_desc, "publicationStmt")
    publisher = _el(pub, "publisher")
    _el(publisher, "orgName", ARCHIVE_NAME)
    _el(publisher, "ref", config.public_url, target=config.public_url)
    _el(pub, "idno", event_url(config, event), type="URI")
    _availability(pub)
    when = accessed(corpus).isoformat()
    _el(pub, "date", when, when=when)
    source = _el(_el(file_desc, "sourceDesc"), "bibl")
    _el(source, "title", event.title)
    if event.publisher:
        _el(source, "publisher", event.publisher)
    if event.source_url:
        _el(source, "idno", event.source_url, type="URI")
    if event.date:
        _el(source, "date", _iso(event), when=_iso(event))
    if event.translation:
        _el(source, "note", event.translation, type="translation")
    _el(source, "note", DOC_TYPES.get(event.doc_type, event.doc_type), type="genre")
    _encoding(header)
    profile = _el(header, "profileDesc")
    setting = _el(_el(profile, "settingDesc"), "setting")
    if event.place:
        _el(setting, "name", event.place, type="place")
    if event.date:
        _el(setting, "date", _iso(event), when=_iso(event))
    list_person = _el(_el(profile, "particDesc"), "listPerson")
    for pid in _persons_of(event):
        _person(list_person, pid, corpus.persons.get(pid), config)
    _el(_el(profile, "langUsage"), "language", "English", ident="en")
    return header


def _encoding(header: ET.Element) -> None:
    enc = _el(header, "encodingDesc")
    _el(
        enc,
        "p",
        "Encoded after Parla-CLARIN / ParlaMint. Each u/@xml:id and seg/@xml:id is the anchor of "
        "the speech or paragraph on the archive's page (<URL>#<xml:id>); measure marks a figure "
        "stated in the text, its type the archive's indicator.",
    )
    taxonomy = _el(_el(enc, "classDecl"), "taxonomy", xml_id="speaker_types")
    for cid, desc in SPEAKER_TYPES.items():
        _el(_el(taxonomy, "category", xml_id=cid), "catDesc", desc)


def _name(corpus: Corpus, pid: str) -> str:
    return corpus.persons[pid].name if pid in corpus.persons else pid


# --- text -------------------------------------------------------------------------------------


def _fill(el: ET.Element, p: Paragraph, config: Config) -> None:
    """The paragraph's text with a <measure> around every figure's quote."""
    last: ET.Element | None = None
    at = 0
    el.text = ""
    for f in sorted(p.figures, key=lambda f: f.start):
        if f.start < at:  # overlapping figures: keep the first
            continue
        _append(el, last, p.text[at : f.start])
        last = _measure(el, f, config)
        at = f.end
    _append(el, last, p.text[at:])


def _append(el: ET.Element, last: ET.Element | None, text: str) -> None:
    if last is None:
        el.text = (el.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _measure(parent: ET.Element, f: Figure, config: Config) -> ET.Element:
    def num(x: float | None) -> str | None:
        return None if x is None else (f"{x:.0f}" if float(x).is_integer() else repr(x))

    return _el(
        parent,
        "measure",
        f.quote,
        quantity=num(f.value),
        unit=f.unit,
        type=f.indicator,
        atLeast=num(f.low),
        atMost=num(f.high),
        corresp=config.public_url + f"indicators/{f.indicator}/" if f.indicator else None,
    )


def _paragraph(parent: ET.Element, p: Paragraph, config: Config, summary: bool = False) -> None:
    if p.kind == "note" and GAP.match(p.text.strip()):
        _el(_el(parent, "gap", reason="editorial", xml_id=p.anchor), "desc", p.text)
        return
    if p.kind == "note":
        _el(parent, "note", p.text, type="editorial", xml_id=p.anchor)
        return
    if summary:
        el = _el(parent, "note", type="summary", xml_id=p.anchor)
    else:
        el = _el(parent, "seg", xml_id=p.anchor, type="heading" if p.kind == "heading" else None)
    if p.speaker and not summary:
        el.set("corresp", f"#{p.speaker}")  # a report quoting or paraphrasing this person
    _fill(el, p, config)


def _speech(body: ET.Element, s: Speech, config: Config) -> None:
    kind = "regular" if s.speaker else ("question" if s.label else "narration")
    u = _el(body, "u", xml_id=s.anchor, who=f"#{s.speaker}" if s.speaker else None, ana=f"#{kind}")
    if s.label and not s.speaker:
        _el(u, "note", s.label, type="speaker")
    for p in s.paragraphs:
        _paragraph(u, p, config)


def event_tei(event: Event, corpus: Corpus, config: Config) -> str:
    # An NCName cannot start with a digit: the file's id is 'event.<event id>'.
    root = _el(None, "TEI", xml_lang="en", xml_id=f"event.{event.id}")
    root.append(_header(event, corpus, config))
    text = _el(root, "text")
    div = _el(_el(text, "body"), "div", type="debateSection")
    _el(div, "head", event.title)
    for p in event.lead:
        _paragraph(div, p, config, summary=True)
    for s in event.speeches:
        _speech(div, s, config)
    return _serialise(root)


def corpus_tei(corpus: Corpus, config: Config) -> str:
    """The teiCorpus: a header for the whole archive (every speaker) and an xi:include per event."""
    root = _el(None, "teiCorpus", xml_lang="en", xml_id="speech-archive")
    header = _el(root, "teiHeader")
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", ARCHIVE_NAME, type="main", xml_lang="en")
    extent = _el(file_desc, "extent")
    n = len(corpus.events)
    _el(extent, "measure", f"{n} events", unit="texts", quantity=n)
    pub = _el(file_desc, "publicationStmt")
    _el(_el(pub, "publisher"), "orgName", ARCHIVE_NAME)
    _el(pub, "idno", config.public_url, type="URI")
    _availability(pub)
    when = accessed(corpus).isoformat()
    _el(pub, "date", when, when=when)
    _el(
        _el(_el(file_desc, "sourceDesc"), "bibl"),
        "title",
        "Transcripts, news reports and articles as published (see each file's sourceDesc)",
    )
    _encoding(header)
    list_person = _el(_el(_el(header, "profileDesc"), "particDesc"), "listPerson")
    events = sorted(corpus.events, key=lambda e: (e.sort_date, e.id))
    people = dict.fromkeys(pid for e in events for pid in _persons_of(e))
    for pid in sorted(people):
        _person(list_person, pid, corpus.persons.get(pid), config)
    for e in events:
        ET.SubElement(root, f"{{{XI_NS}}}include", {"href": f"{e.id}.xml"})
    return _serialise(root)
