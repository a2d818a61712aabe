"""The pipeline, library first: read → clean → structure → extract → link → render (pure), then
`write` (the only stage that touches files).

    from build_site.build import build
    from build_site.config import Config
    result = build(Config(root=Path(".")))
    result.pages["events/index.md"]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Iterable

from .audit import SeedAudit, audit
from .clean import clean
from .config import Config
from .entities import Matcher
from .export import corpus_json, figures_csv
from .extract import extract
from .indicators import load_indicators
from .link import Index
from .model import Corpus, Event, Issue, Person
from .read import InputError, find_seeds, read_source
from .render import render_site
from .speakers import SpeakerIndex
from .structure import structure
from .vocab import load_vocabulary


@dataclass(frozen=True)
class Build:
    corpus: Corpus
    index: Index
    pages: dict[str, str]
    audits: tuple[SeedAudit, ...]

    @property
    def issues(self) -> tuple[Issue, ...]:
        return self.corpus.issues

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.corpus.issues if i.level == "error")

    def failed(self, strict: bool) -> bool:
        levels = ("error", "warning") if strict else ("error",)
        return any(i.level in levels for i in self.corpus.issues)


def gather(config: Config, progress: Iterable | None = None) -> tuple[Corpus, tuple[SeedAudit, ...]]:
    """Read every seed into one Corpus; problems become Issues, never exceptions."""
    vocab = load_vocabulary(config.data)
    indicators = load_indicators(config.data / "indicators.yml")
    speakers = SpeakerIndex(vocab.persons)
    matcher = Matcher(vocab)
    persons: dict[str, Person] = dict(vocab.persons)
    events: list[Event] = []
    issues: list[Issue] = []
    audits: list[SeedAudit] = []
    seen_hashes: dict[str, str] = {}
    paths = find_seeds(config.seeds_dir)
    for path in progress(paths) if progress else paths:
        try:
            source = read_source(path)
        except InputError as exc:
            issues.append(exc.issue)
            continue
        except OSError as exc:
            issues.append(Issue(path.name, None, "error", f"cannot read: {exc.strerror}"))
            continue
        issues += source.issues
        if source.sha256 in seen_hashes:
            issues.append(Issue(source.name, None, "warning", f"exact duplicate of {seen_hashes[source.sha256]}; skipped"))
            continue
        seen_hashes[source.sha256] = source.name
        raws, seed_issues = clean(source, speakers)
        seed_events = []
        for raw in raws:
            event, new_persons, st_issues = structure(raw, source.sidecar, speakers)
            seed_issues += st_issues
            for pid, person in new_persons.items():
                persons.setdefault(pid, person)
            if event:
                seed_events.append(extract(event, matcher, indicators))
        issues += seed_issues
        result = audit(source, raws, seed_events, seed_issues)
        if not result.ok:
            issues.append(Issue(source.name, result.unaccounted[0], "error", f"{len(result.unaccounted)} line(s) lost by the pipeline"))
        audits.append(result)
        events += seed_events
    events = resolve_urls(events, issues)
    corpus = Corpus(
        events=tuple(events), persons=persons, places=vocab.places, topics=vocab.topics,
        organisations=vocab.organisations, indicators=indicators, issues=tuple(issues),
        removed={a.seed: () for a in audits},
    )
    return corpus, tuple(audits)


def resolve_urls(events: list[Event], issues: list[Issue]) -> list[Event]:
    """Give events that share a date and slug distinct URLs. The suffix comes from the event's own
    seed name (and position in it), so it never depends on which other seeds exist."""
    by_id: dict[str, list[Event]] = {}
    for e in events:
        by_id.setdefault(e.id, []).append(e)
    out = []
    for e in events:
        group = by_id[e.id]
        if len(group) > 1 and e is not min(group, key=lambda x: (x.seed, x.index)):
            suffix = hashlib.sha1(f"{e.seed}#{e.index}".encode()).hexdigest()[:6]
            new_id = f"{e.id}-{suffix}"
            issues.append(Issue(e.seed, None, "warning", f"same date and title as another event; URL events/{new_id}/"))
            e = replace(e, id=new_id, url=f"events/{new_id}/")
        out.append(e)
    return out


def build(config: Config, progress: Iterable | None = None) -> Build:
    corpus, audits = gather(config, progress)
    index = Index.build(corpus.events, {p.name.lower(): p.id for p in corpus.places.values()})
    from .sections_extra import EXTRA_SECTIONS

    pages = render_site(corpus, index, config, EXTRA_SECTIONS)
    pages["downloads/corpus.json"] = corpus_json(corpus)
    pages["downloads/figures.csv"] = figures_csv(corpus)
    return Build(corpus, index, pages, audits)
