"""Who a news report quotes: quotes in the forms publishers print, read across the whole text.

Each paragraph gets ``(person id or None, direct)``: ``direct`` when the paragraph is mainly the
person's own words (it becomes their quoted speech), otherwise the person is paraphrased or
quoted in part (the paragraph stays narration, attributed). The forms:

- quotation marks of any kind (“…”, «…», "…", „…“), a quote over several paragraphs attributed
  only at its end, nested «…» inside «…»;
- the attribution after the quote (``," Tokayev said``, ``," said Tokayev``, ``," noted Nikol
  Pashinyan``, ``," the head of state said``, ``," he added``) or before it (``Tokayev noted: “…``,
  ``Name, title: "…"``, ``According to him, …: “…”``), or on its own line after it (``– Kassym-Jomart
  Tokayev said.``, a line holding only the speaker's name);
- "X said:" with the quote in the next paragraph(s), with or without quotation marks;
- first-person speech without quotation marks attributed at the end (``…, said the Kazakh
  President.``).

A person named by office ("the head of state", "the Kazakh leader", "the Russian President",
"Uzbekistan President") is resolved with the title grammar (data/titles.yml) and the persons'
roles to the person the text named; "he"/"she" to the person the text made its subject last.
When that is ambiguous the quote stays unattributed. Quotes of a press service, a statement or
"they" are nobody's; "the telegram says" is the sender's when the text says who sent it.

>>> from build_site.model import Person
>>> idx = SpeakerIndex({"vladimir-putin": Person("vladimir-putin", "Vladimir Putin",
...     roles=("President of Russia",), aliases=("Putin",))})
>>> attribute_texts(["Russian President Vladimir Putin met the press.",
...     "“We will do it,” the head of state said."], idx)
[(None, False), ('vladimir-putin', True)]
"""

from __future__ import annotations

import bisect
import re

from slugify import slugify

from build_site.clean.quote_marks import REOPENED, quote_spans
from build_site.clean.references import (
    DOCUMENT,
    FIRST_PERSON,
    NON_PERSON,
    OPENERS,
    SAY,
    SAY_WORDS,
    SENTENCE_END,
    Doc,
    is_subject,
    refs_in,
    resolve,
    unknown_names,
    update_focus,
)
from build_site.clean.speakers import SpeakerIndex, attribute

#: How far back from a quote the attribution patterns look: bounded, so that a paragraph holding
#: thousands of quotes is read in linear time.
_LOOKBACK = 400


# --- attribution of one quote -------------------------------------------------------------------


def _trailing(text: str, end: int, doc: Doc) -> tuple[bool, str | None]:
    """The attribution after a closing quote: (found, person)."""
    lo = end + 1
    window = text[lo : lo + 220]
    cut = min([window.find(c) for c in OPENERS if c in window] + [len(window)])
    if m := SENTENCE_END.search(window, 0, cut):
        cut = m.start()
    window = window[:cut]
    if dash := re.match(r"[\s,]*[-–—]\s*", window):  # a headline's "“…” – Tokayev"
        refs = refs_in(text, lo + dash.end(), lo + len(window), doc)
        if refs and refs[0].kind == "name" and refs[0].start == lo + dash.end():
            after_name = text[refs[0].end : refs[0].end + 2]
            if not re.match(r"\s*\w|['’]s", after_name):
                return True, resolve(refs[0], doc)
    say = SAY.search(window)
    if not say or say.start() > 100 or not re.match(r"^[\s,.!?…]*(?:[-–—]\s*)?\S", window):
        return False, None
    refs = refs_in(text, lo, lo + len(window), doc)
    before = [r for r in refs if r.end <= lo + say.start()]
    after = [r for r in refs if r.start >= lo + say.end()]
    head = window[: say.start()]
    if before and len(head.split()) <= 8:
        return True, resolve(before[0], doc)
    if not head.strip(" ,.–—-") and after:
        # "said the first deputy chairman of the Committee …, Konstantin Zatulin": a descriptor
        # that names no one the text named is the title of the name that follows it
        while len(after) > 1 and after[0].kind == "role" and resolve(after[0], doc) is None:
            after = after[1:]
        return True, resolve(after[0], doc)
    if DOCUMENT.search(head) and doc.sender:
        return True, doc.sender
    if NON_PERSON.search(head) or (head.strip(" ,.–—-") and len(head.split()) <= 3):
        return True, None  # "the press office said", "the telegram says": nobody's words
    return False, None


def _lead_in(text: str, start: int, doc: Doc) -> tuple[bool, str | None]:
    """The attribution before an opening quote in the same sentence: (found, person)."""
    lo = max(0, start - _LOOKBACK)
    opening = max([m.end() for m in SENTENCE_END.finditer(text, lo, max(start - 1, 0))] + [lo])
    lead = text[opening : max(start - 1, opening)]
    if not lead.strip():
        return False, None
    if not (
        lead.rstrip().endswith(":") or SAY.search(lead) or re.search(r"according to", lead, re.I)
    ):
        return False, None
    refs = refs_in(text, opening, opening + len(lead), doc)
    if not refs:
        return bool(NON_PERSON.search(lead)), None
    if m := re.search(r"[Aa]ccording to\s+", lead):
        after = [r for r in refs if r.start >= opening + m.end()]
        if after:
            return True, resolve(after[0], doc)
    for r in refs:
        if is_subject(text, r):
            return True, resolve(r, doc)
    if lead.rstrip().endswith(":"):
        return True, resolve(refs[0], doc)
    say = SAY.search(lead)
    named = [r for r in refs if say and r.end <= opening + say.start() and r.kind == "name"]
    if named:
        return True, resolve(named[-1], doc)
    return False, None


# --- the whole text ----------------------------------------------------------------------------

_ATTRIBUTION_LINE = re.compile(
    rf"^[-–—]?\s*(?:(?P<a>.{{1,90}}?)\s+(?:{SAY_WORDS})|(?:{SAY_WORDS})\s+(?P<b>.{{1,90}}?))\s*[.!]?$"
)
_END_ATTRIBUTION = re.compile(
    rf",\s*(?:(?:{SAY_WORDS})\s+(?P<b>[^,.]{{1,90}}(?:,[^,.]{{1,60}})?)|(?P<a>[^,.]{{1,60}}?)\s+(?:{SAY_WORDS}))\.\s*$"
)
_COLON_CUE = re.compile(
    rf"(?:\b(?:{SAY_WORDS})\b|\bremarks\b|\bfollowing\b|\bquestion\b)[^.!?]*:\s*$"
)


def attribute_texts(
    texts: list[str], index: SpeakerIndex, unknown: dict[str, tuple[str, str]] | None = None
) -> list[tuple[str | None, bool]]:
    """(person id or None, direct) for each paragraph of one news text, in order. Persons the
    vocabulary lacks but the text names with a title go into ``unknown`` (id → (name, role))."""
    doc = Doc(index)
    whole = "\n".join(texts)
    doc.all_named = [pid for _, _, pid, _ in index.find_names(whole)]
    surnames: dict[str, set[str]] = {}
    for named in dict.fromkeys(doc.all_named):
        surnames.setdefault(index.persons[named].name.split()[-1], set()).add(named)
    for _, _, name, _ in unknown_names(whole, index):  # "… Alexander Yakovlev said" → "Yakovlev"
        surnames.setdefault(name.split()[-1], set()).add(slugify(name))
    doc.surnames = {s: next(iter(p)) for s, p in surnames.items() if len(p) == 1}
    doc.surnames_re = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, doc.surnames)) + r")(?![\w-])"
        if doc.surnames else r"(?!)"
    )  # fmt: skip
    out: list[tuple[str | None, bool]] = []
    subjects: list[str | None] = []  # the person each paragraph's narration made its subject
    unresolved: set[int] = set()  # quote paragraphs nobody is named for (yet)
    open_group: list[int] = []  # paragraphs of a quote still open
    named_in: list[set[str]] = []
    pending: str | None = None  # "X said:" at the end of the previous paragraph
    open_with: str | None = None  # the mark of a quote still open from the previous paragraph
    for i, text in enumerate(texts):
        if open_with and _opens_anew(text):
            open_with, open_group = None, []  # the open quote was cut off: a new one begins
        elif (
            open_with in REOPENED
            and text.strip()[:1] not in OPENERS
            and not FIRST_PERSON.search(text)
            and not re.search('[”"]', text)
        ):
            # English quotes reopen every paragraph they run on; narration that neither reopens
            # nor closes the quote nor speaks in the first person: the quote was left unclosed
            open_with, open_group, pending = None, [], None
        spans, still_open = quote_spans(text, open_with)
        continuing = bool(open_group)
        open_with = still_open
        stripped = text.strip()
        starts_quoted = continuing or stripped[:1] in OPENERS
        names_here = {pid for s, _, pid, _ in index.find_names(text) if not _inside(s, spans)}
        named_in.append(names_here)
        speaker, found, pos = None, False, 0
        for s, e in spans:
            subject_here = update_focus(text, pos, max(s - 1, pos), doc)
            pos = e + 1
            if found:
                continue
            if e < len(text):
                found, speaker = _trailing(text, e, doc)
            if not found and s > 0:
                found, speaker = _lead_in(text, s, doc)
            if not found and s <= 2 and not text[: max(s - 1, 0)].strip() and pending and i > 0:
                found, speaker = True, pending
            if not found and s > 0 and subject_here and _starts_sentence(text, s):
                found, speaker = True, doc.focus
        quoted = sum(e - s for s, e in spans)
        direct = bool(spans) and (
            quoted >= 0.6 * max(len(stripped), 1)
            or (_opens_anew(text) and len(text.rstrip()) - spans[-1][1] <= 2)
        )  # mostly quoted, or "Name, title: “…”" to the paragraph's end
        if spans:
            if found and continuing:
                for j in open_group:
                    out[j] = (speaker, True)
                    unresolved.discard(j)
            if found:
                out.append((speaker, speaker is not None and (direct or starts_quoted)))
            elif starts_quoted:
                out.append((None, True))
                unresolved.add(i)
            else:
                out.append(_paraphrase(text, index, doc))
            open_group = (open_group + [i]) if still_open else []
            if still_open and found and pending is None:
                pending = speaker
        elif pending:
            out.append((pending, True))
        elif (
            (m := _ATTRIBUTION_LINE.match(stripped))
            and len(stripped.split()) <= 12
            and i
            and _open_prev(out, unresolved, i)
        ):
            refs = refs_in(text, 0, len(text), doc)
            pid = resolve(refs[0], doc) if refs else None
            if pid:
                out[i - 1] = (pid, True)
                unresolved.discard(i - 1)
            out.append((pid, bool(pid)))
        elif i and _open_prev(out, unresolved, i) and (hit := _only_name(stripped, index)):
            out[i - 1] = (hit, True)
            unresolved.discard(i - 1)
            out.append((hit, True))
        elif pid := _colon_speech(text, doc):
            out.append((pid, True))
        elif (m := _END_ATTRIBUTION.search(text)) and FIRST_PERSON.search(text[: m.start()]):
            lo = m.start("a") if m["a"] else m.start("b")
            refs = refs_in(text, lo, m.end(), doc)
            pid = resolve(refs[0], doc) if refs else None
            out.append((pid, True) if pid else _paraphrase(text, index, doc))
        else:
            out.append(_paraphrase(text, index, doc))
        if not spans or not still_open:
            pending = None
        if who := out[i][0]:
            doc.name(who)
        subject = update_focus(text, pos, len(text), doc)
        subjects.append(doc.focus if subject and not spans else None)
        if out[i][0]:
            doc.focus = out[i][0]
        if _COLON_CUE.search(text[-_LOOKBACK:]) and not still_open:
            pending = _colon_speaker(text, doc)
    _settle(out, unresolved, named_in, texts, subjects)
    if unknown is not None:
        used = {pid for pid, _ in out}
        unknown.update({pid: v for pid, v in doc.unknown.items() if pid in used})
    return out


def _opens_anew(text: str) -> bool:
    """A paragraph that opens its own quote after an attribution ("Quote from Putin: "…")."""
    spans, _ = quote_spans(text)
    lead = text[: spans[0][0] - 1] if spans else ""
    return bool(spans) and spans[0][0] > 1 and lead.rstrip().endswith(":")


def _starts_sentence(text: str, start: int) -> bool:
    """The quote opening at ``start`` begins a sentence (after narration that ended one)."""
    return bool(re.search(r"[.!?…]\s*$", text[max(0, start - 40) : max(start - 1, 0)]))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(spans, (pos, len(spans) and spans[-1][1] + 1)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _open_prev(out: list, unresolved: set[int], i: int) -> bool:
    return (i - 1) in unresolved or out[i - 1] == (None, False)


def _only_name(text: str, index: SpeakerIndex) -> str | None:
    names = index.find_names(text.rstrip("."))
    return names[0][2] if len(names) == 1 and names[0][:2] == (0, len(text.rstrip("."))) else None


def _paraphrase(text: str, index: SpeakerIndex, doc: Doc) -> tuple[str | None, bool]:
    pid, _ = attribute(text, index)
    if pid is None and re.match(r"\s*According to (?:him|her)\b", text):
        pid = doc.focus
    if pid is None:  # "…, Armenian Prime Minister Nikol Pashinyan said at talks …"
        for r in refs_in(text, 0, len(text), doc):
            said = re.match(r"\s*(?:(?:has|had|have|also|then)\s+)*", text[r.end : r.end + 40])
            if (
                r.kind != "pronoun"
                and SAY.match(text, r.end + (said.end() if said else 0))
                and is_subject(text, r)
            ):
                return resolve(r, doc), False
    return pid, False


_CUE = re.compile(rf"\b(?:{SAY_WORDS}|question|asked|addressed)\b")


def _colon_speech(text: str, doc: Doc) -> str | None:
    """Who speaks after a colon inside a paragraph, without quotation marks ("X addressed Putin a
    question: What, in your opinion, …?"): the subject of the sentence with the colon, when what
    follows is a question or most of the paragraph."""
    colon = text.find(":")
    after = text[colon + 1 :].strip() if colon > 0 else ""
    if not after or not (after.endswith("?") or len(after) >= 0.5 * len(text.strip())):
        return None
    lo = max(0, colon - _LOOKBACK)
    opening = max([m.end() for m in SENTENCE_END.finditer(text, lo, colon)] + [lo])
    if not _CUE.search(text, opening, colon):
        return None
    for r in refs_in(text, opening, colon, doc):
        if is_subject(text, r):
            return resolve(r, doc)
    return None


def _colon_speaker(text: str, doc: Doc) -> str | None:
    """Who says what follows "…, Vladimir Putin said:" (the last sentence's subject)."""
    opening = max([m.end() for m in SENTENCE_END.finditer(text.rstrip()[:-1])] + [0])
    refs = refs_in(text, opening, len(text), doc)
    for r in refs:
        if is_subject(text, r):
            return resolve(r, doc)
    return None


def _settle(
    out: list,
    unresolved: set[int],
    named_in: list[set[str]],
    texts: list[str],
    subjects: list[str | None],
) -> None:
    """Quote paragraphs still unattributed: the same speaker as the attributed quote paragraph
    right after them, or as the quote paragraph right before, or the person the paragraph before
    reports as speaking when it names nobody else ('…, the Russian president said.'), or the only
    person the paragraph before names, or its narration's subject ('Tokayev, now the newly
    elected President, spoke earlier about Vladimir Putin. He …'); else nobody."""
    for i in sorted(unresolved, reverse=True):
        nxt = out[i + 1] if i + 1 < len(out) else None
        prev = out[i - 1] if i else None
        if nxt and nxt[0] and nxt[1] and texts[i + 1].strip()[:1] in OPENERS:
            out[i] = (nxt[0], True)
        elif prev and prev[0] and prev[1]:
            out[i] = (prev[0], True)
        elif prev and prev[0] and named_in[i - 1] <= {prev[0]}:
            out[i] = (prev[0], True)
        elif i and len(named_in[i - 1]) == 1 and not (prev and prev[0]):
            out[i] = (next(iter(named_in[i - 1])), True)
        elif i and subjects[i - 1] and not (prev and prev[0]):
            out[i] = (subjects[i - 1], True)
        else:
            out[i] = (None, False)
