"""TEI (Parla-CLARIN / ParlaMint encoding): every file well-formed, and its structure the page's:
every u/@xml:id a speech anchor of the event page, every seg/@xml:id a paragraph anchor, in the
same order and with the same text; speakers in listPerson; figures as measure; xi:include of every
event in the corpus file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from build_site.render.tei import GAP, TEI_NS, XI_NS

NS = {"tei": TEI_NS, "xi": XI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def tei(site) -> dict[str, ET.Element]:
    """Every TEI file of the build, parsed (a file that is not well-formed fails here)."""
    return {
        path: ET.fromstring(text.encode("utf-8"))
        for path, text in site.pages.items()
        if path.startswith("downloads/tei/")
    }


def test_one_file_per_event_and_a_corpus(tei, events):
    assert set(tei) == {f"downloads/tei/{e.id}.xml" for e in events} | {"downloads/tei/corpus.xml"}


def test_corpus_includes_every_event(tei, events):
    root = tei["downloads/tei/corpus.xml"]
    assert root.tag == f"{{{TEI_NS}}}teiCorpus"
    hrefs = [el.get("href") for el in root.findall("xi:include", NS)]
    assert sorted(hrefs) == sorted(f"{e.id}.xml" for e in events)
    people = {p.get(XML_ID) for p in root.iterfind(".//tei:listPerson/tei:person", NS)}
    assert {s for e in events for s in e.speakers} <= people


def test_header(tei, events, site):
    for e in events:
        root = tei[f"downloads/tei/{e.id}.xml"]
        header = root.find("tei:teiHeader", NS)
        assert header.findtext("tei:fileDesc/tei:titleStmt/tei:title", namespaces=NS) == e.title
        assert header.find(".//tei:setting/tei:date", NS).get("when") == e.date.isoformat()
        if e.place:
            assert header.findtext(".//tei:setting/tei:name", namespaces=NS) == e.place
        bibl = header.find("tei:fileDesc/tei:sourceDesc/tei:bibl", NS)
        if e.publisher:
            assert bibl.findtext("tei:publisher", namespaces=NS) == e.publisher
        if e.source_url:
            assert bibl.findtext("tei:idno", namespaces=NS) == e.source_url
        if e.translation:
            assert bibl.findtext("tei:note[@type='translation']", namespaces=NS) == e.translation
        licence = header.findtext(".//tei:availability/tei:licence", namespaces=NS)
        assert licence.startswith("https://creativecommons.org/licenses/by/")
        assert "©" in "".join(header.find(".//tei:availability", NS).itertext())
        idno = header.findtext("tei:fileDesc/tei:publicationStmt/tei:idno", namespaces=NS)
        assert idno == site.config.public_url + e.url
        persons = {p.get(XML_ID): p for p in header.iterfind(".//tei:listPerson/tei:person", NS)}
        assert set(e.speakers) <= set(persons)
        for pid in e.speakers:
            person = site.corpus.persons[pid]
            assert " ".join(persons[pid].find("tei:persName", NS).itertext()).split() == (
                person.name.split()
            )
            roles = [r.text for r in persons[pid].iterfind(".//tei:roleName", NS)]
            assert roles == list(person.roles)


def _text(el: ET.Element) -> str:
    """A paragraph's text as encoded (a gap's is its description: the mark as printed)."""
    if el.tag == f"{{{TEI_NS}}}gap":
        return el.findtext("tei:desc", namespaces=NS)
    return "".join(el.itertext())


def test_structure_is_the_page(tei, events, site, event_page, page_anchors):
    for e in events:
        root = tei[f"downloads/tei/{e.id}.xml"]
        anchors = set(page_anchors(site.pages[event_page(e)]))
        us = root.findall(".//tei:u", NS)
        assert [u.get(XML_ID) for u in us] == [s.anchor for s in e.speeches]
        assert {u.get(XML_ID) for u in us} <= anchors
        for u, s in zip(us, e.speeches):
            assert u.get("who") == (f"#{s.speaker}" if s.speaker else None)
            marks = [c for c in u if c.tag != f"{{{TEI_NS}}}note" or c.get(XML_ID)]
            assert [c.get(XML_ID) for c in marks] == [p.anchor for p in s.paragraphs]
            for el, p in zip(marks, s.paragraphs):
                assert _text(el) == p.text, p.anchor
                kind = el.tag.split("}")[1]
                if p.kind == "note":
                    assert kind == ("gap" if GAP.match(p.text) else "note")
                else:
                    assert kind == "seg"
        segs = root.findall(".//tei:seg", NS)
        paragraphs = {p.anchor: p for p in e.paragraphs}
        assert all(seg.get(XML_ID) in paragraphs for seg in segs)
        assert {seg.get(XML_ID) for seg in segs} <= anchors
        summary = root.findall(".//tei:body//tei:note[@type='summary']", NS)
        assert [n.get(XML_ID) for n in summary] == [p.anchor for p in e.lead]


def test_figures_are_measures(tei, events):
    for e in events:
        root = tei[f"downloads/tei/{e.id}.xml"]
        measures = root.findall(".//tei:text//tei:measure", NS)
        assert len(measures) == len(e.figures)
        for m, f in zip(measures, e.figures):
            assert m.text == f.quote
            assert float(m.get("quantity")) == pytest.approx(f.value)
            assert m.get("unit") == f.unit
            assert m.get("type") == f.indicator


def test_editorial_marks(tei, events):
    """'<…>' is a gap, 'To be continued.' a note: both kept with the page's anchor."""
    seen = {"gap": 0, "note": 0}
    for e in events:
        root = tei[f"downloads/tei/{e.id}.xml"]
        for p in e.paragraphs:
            if p.kind == "note":
                kind = "gap" if GAP.match(p.text) else "note"
                [el] = [x for x in root.iter(f"{{{TEI_NS}}}{kind}") if x.get(XML_ID) == p.anchor]
                seen[kind] += 1
    assert seen["gap"] and seen["note"]


def test_text_is_escaped_by_the_serialiser(build_seeds, tmp_path):
    """Markup characters in a seed stay text: the file still parses and holds them."""
    from build_site.render.tei import event_tei

    site = build_seeds(tmp_path, ["003_6459434bd1d1d077.txt"])
    e = site.corpus.events[0]
    from dataclasses import replace

    s = e.speeches[0]
    p = replace(s.paragraphs[0], text='A & B <b>not markup</b> ]]> "q"', figures=(), mentions=())
    e = replace(e, title="T & <x>", speeches=(replace(s, paragraphs=(p,)),))
    root = ET.fromstring(event_tei(e, site.corpus, site.config).encode("utf-8"))
    [seg] = root.findall(".//tei:seg", NS)
    assert seg.text == p.text
    assert root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == "T & <x>"
