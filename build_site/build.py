"""The pipeline, library first: read → clean → structure → extract → link → render (pure), then
`write` (the only stage that touches files).

    from build_site.build import build
    from build_site.config import Config
    result = build(Config(root=Path(".")))
    result.pages["events/index.md"]
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from typing import Iterable

import yaml

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
from .series import assign_series
from .speakers import SpeakerIndex
from .structure import structure
from .urls import UrlRecord, assign_urls, load_record, redirect_page
from .vocab import load_vocabulary


@dataclass(frozen=True)
class Build:
    corpus: Corpus
    index: Index
    pages: dict[str, str]
    audits: tuple[SeedAudit, ...]
    record: UrlRecord
    """Published URLs and redirects, to be saved with the seeds."""

    @property
    def issues(self) -> tuple[Issue, ...]:
        return self.corpus.issues

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.corpus.issues if i.level == "error")

    def failed(self, strict: bool) -> bool:
        levels = ("error", "warning") if strict else ("error",)
        return any(i.level in levels for i in self.corpus.issues)


def gather(config: Config, progress: Iterable | None = None) -> tuple[Corpus, tuple[SeedAudit, ...], UrlRecord]:
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
    try:
        record = load_record(config.url_record)
    except (ValueError, yaml.YAMLError) as exc:
        issues.append(Issue(config.url_record.name, None, "error", f"unreadable URL record: {exc}"))
        record = UrlRecord()
    events, record = resolve_urls(events, record, issues)
    events = assign_series(events)
    corpus = Corpus(
        events=tuple(events), persons=persons, places=vocab.places, topics=vocab.topics,
        organisations=vocab.organisations, indicators=indicators, issues=tuple(issues),
        removed={a.seed: () for a in audits},
    )
    return corpus, tuple(audits), record


def resolve_urls(events: list[Event], record: UrlRecord, issues: list[Issue]) -> tuple[list[Event], UrlRecord]:
    """Final URLs from the published-URL record (see urls.py): stable, collision-free."""
    keyed = {f"{e.seed}#{e.index}": e for e in events}
    final, new_record = assign_urls({k: e.id for k, e in keyed.items()}, record)
    out = []
    for key, e in keyed.items():
        if final[key] != e.id:  # said on every build (not only the first), so that --strict keeps failing
            issues.append(Issue(e.seed, None, "warning", f"another event has the same date and title; URL events/{final[key]}/"
                                " (set 'slug:' in the sidecar to choose one)"))
            e = replace(e, id=final[key], url=f"events/{final[key]}/")
        out.append(e)
    return out, new_record


def build(config: Config, progress: Iterable | None = None) -> Build:
    corpus, audits, record = gather(config, progress)
    index = Index.build(corpus.events, {p.name.lower(): p.id for p in corpus.places.values()})
    from .sections_extra import EXTRA_SECTIONS

    pages = render_site(corpus, index, config, EXTRA_SECTIONS)
    pages["downloads/corpus.json"] = corpus_json(corpus)
    pages["downloads/figures.csv"] = figures_csv(corpus)
    current = {f"{e.seed}#{e.index}": e.url for e in corpus.events}
    for old, key in record.redirects.items():
        if key in current:
            pages[f"{old}index.html"] = redirect_page(posixpath.relpath(current[key], old) + "/")
    return Build(corpus, index, pages, audits, record)
