"""The pipeline, library first: read → clean → structure → extract → link → render (pure), then
`write` (the only stage that touches files).

    from build_site.build import build
    from build_site.config import Config
    result = build(Config(root=Path(".")))
    result.pages["events/index.md"]
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_site.clean.clean import clean
from build_site.clean.speakers import SpeakerIndex
from build_site.config import SCHEMA_FILE, TEMPLATES_DIR, Config
from build_site.extract.entities import Matcher
from build_site.extract.extract import extract
from build_site.extract.indicators import load_indicators
from build_site.extract.review import review
from build_site.link.index import Index
from build_site.link.series import Series, assign_series, load_series
from build_site.link.urls import UrlRecord, load_record, redirect_page, resolve_urls
from build_site.model import Corpus, Event, Issue, Person
from build_site.read import gazetteer
from build_site.read.seeds import InputError, find_seeds, read_source
from build_site.read.vocab import load_vocabulary
from build_site.read.yamlfile import mkdocs_site_url
from build_site.render.downloads import downloads
from build_site.render.environment import environment
from build_site.render.renderer import Renderer
from build_site.render.site import SECTIONS, iter_pages
from build_site.structure.audit import SeedAudit, audit
from build_site.structure.structure import structure
from build_site.write.cache import Memo, SeedCache, TemplateBytecode, fingerprint
from build_site.write.page_cache import PageCache, Unchanged, render_fingerprint
from build_site.write.parts import PartStore
from build_site.write.write import content_text

#: Wraps an iterable of seeds to show progress (a tqdm bar), yielding the same items.
Progress = Callable[[Iterable], Iterable]


@dataclass(frozen=True)
class Build:
    corpus: Corpus
    index: Index
    pages: dict[str, str]
    audits: tuple[SeedAudit, ...]
    record: UrlRecord
    """Published URLs and redirects, to be saved with the seeds."""
    cache: CacheUpdate
    config: Config
    versions: dict[str, str] = field(default_factory=dict)
    """event id → hash of its seed, sidecar, code, URL and series: what its pages depend on."""
    pages_cache: PageCache | None = None
    """Inputs of every page of the last build (None: render every page)."""

    @property
    def issues(self) -> tuple[Issue, ...]:
        return self.corpus.issues

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.corpus.issues if i.level == "error")

    def outputs(self) -> Iterator[tuple[str, str | Iterable[str] | Iterable[bytes] | Unchanged]]:
        """Every file of docs_src/ the build owns, lazily: pages, downloads, redirect pages."""
        renderer = Renderer(
            self.corpus,
            self.index,
            self.config,
            env=environment(self.cache.templates),
            cache=self.pages_cache,
            versions=self.versions,
            memo=self.cache.memo,
        )
        yield from iter_pages(renderer, SECTIONS)
        # corpus.json (and its schema beside it), figures.csv, TEI, citations, indicator data,
        # feed.xml, and last the Downloads page listing them all with their sizes
        schema = SCHEMA_FILE.read_text(encoding="utf-8")
        yield from downloads(
            self.corpus,
            self.index,
            self.config,
            extra=[("downloads/corpus.schema.json", schema)],
            cache=self.pages_cache,
            versions=self.versions,
            memo=self.cache.parts,
            sigs=renderer.st_sigs,
        )
        current = {f"{e.seed}#{e.index}": e.url for e in self.corpus.events}
        for old, key in self.record.redirects.items():
            if key in current:
                yield f"{old}index.html", redirect_page(posixpath.relpath(current[key], old) + "/")

    @property
    def record_sound(self) -> bool:
        """False when the URL record had errors: then it is left as it is, for a person to fix."""
        name = self.config.url_record.name
        return not any(i.file == name and i.level == "error" for i in self.corpus.issues)

    def failed(self, strict: bool) -> bool:
        levels = ("error", "warning") if strict else ("error",)
        return any(i.level in levels for i in self.corpus.issues)


@dataclass(frozen=True)
class SeedResult:
    """Everything one seed yields; cached by content (see cache.py)."""

    name: str
    sha256: str | None
    events: tuple[Event, ...]
    persons: dict[str, Person]
    issues: tuple[Issue, ...]
    audit: SeedAudit | None


def process_seed(
    path: Path, speakers: SpeakerIndex, matcher: Matcher, indicators: dict
) -> SeedResult:
    """read → clean → structure → extract for one seed file; problems become Issues."""
    try:
        source = read_source(path)
    except InputError as exc:
        return SeedResult(path.name, None, (), {}, (exc.issue,), None)
    raws, issues = clean(source, speakers)
    events, persons = [], {}
    for raw in raws:
        event, new_persons, st_issues = structure(
            raw, source.sidecar, speakers, source.sidecar_lines
        )
        issues += st_issues
        persons.update(new_persons)
        if event:
            events.append(extract(event, matcher, indicators))
    events, reviewed = review(
        events, source.sidecar, source.sidecar_lines, path.with_suffix(".yml").name, indicators
    )
    issues += reviewed
    result = audit(source, raws, events, issues)
    if not result.ok:
        issues.append(
            Issue(
                source.name,
                result.unaccounted[0],
                "error",
                f"{len(result.unaccounted)} line(s) lost by the pipeline",
            )
        )
    return SeedResult(
        source.name,
        source.sha256,
        tuple(events),
        persons,
        tuple(source.issues) + tuple(issues),
        result,
    )


#: Below this many seeds to process, worker processes cost more than they save.
PARALLEL_MIN = 40
_worker_tools: tuple = ()


def _init_worker(data_dir: Path) -> None:
    global _worker_tools
    ignored: list[Issue] = []  # the main process has reported them
    vocab = load_vocabulary(data_dir, ignored)
    gazetteer.release()
    _worker_tools = (
        SpeakerIndex(vocab.persons),
        Matcher(vocab),
        load_indicators(data_dir / "indicators.yml", ignored, vocab.topics),
    )


def _process_in_worker(path: Path) -> SeedResult:
    return process_seed(path, *_worker_tools)


def _process_all(
    paths: list[Path], tools: tuple, config: Config, progress: Progress | None
) -> list[SeedResult]:
    """process_seed over many seeds, in order; on every core when there are enough of them."""
    workers = min(os.cpu_count() or 1, config.jobs or os.cpu_count() or 1)
    if len(paths) < PARALLEL_MIN or workers < 2:
        return [process_seed(p, *tools) for p in (progress(paths) if progress else paths)]
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(config.data,)) as pool:
        done = pool.map(_process_in_worker, paths, chunksize=8)
        return list(progress(done) if progress else done)


def gather(
    config: Config, progress: Progress | None = None
) -> tuple[Corpus, tuple[SeedAudit, ...], UrlRecord, CacheUpdate, tuple[Series, ...]]:
    """Read every seed into one Corpus; problems become Issues, never exceptions.
    Also returns the URL record, the cache entries computed in this build (for the write stage)
    and the series of <data>/series.yml."""
    issues: list[Issue] = []
    cache = SeedCache(config.cache_dir, fingerprint(config.data))
    memo = Memo(config.cache_dir / "memo.index", cache.fingerprint) if config.cache_dir else None
    # Vocabularies and indicators as parsed last time when neither they nor the code changed
    # (parsing the YAML and looking places up in the gazetteer take most of a warm build's second).
    # (their problems are kept with them, so a bad entry is reported on every build)
    data = memo.get(("vocabulary",)) if memo is not None else None
    if data is None:
        found: list[Issue] = []
        vocab = load_vocabulary(config.data, found)
        data = (
            vocab,
            load_indicators(config.data / "indicators.yml", found, vocab.topics),
            load_series(config.data / "series.yml", found),
            tuple(found),
        )
        if memo is not None:
            memo[("vocabulary",)] = data
    vocab, indicators, series, found_issues = data
    issues += found_issues
    persons: dict[str, Person] = dict(vocab.persons)
    events: list[Event] = []
    audits: list[SeedAudit] = []
    used: set[str] = set()
    seen_hashes: dict[str, str] = {}
    paths = find_seeds(config.seeds_dir)
    keyed: list[tuple[Path, str]] = []
    for path in paths:
        try:
            sidecar = path.with_suffix(".yml")
            keyed.append(
                (
                    path,
                    cache.key(
                        path.name,
                        path.read_bytes(),
                        sidecar.read_bytes() if sidecar.exists() else b"",
                    ),
                )
            )
        except OSError as exc:
            issues.append(Issue(path.name, None, "error", f"cannot read: {exc.strerror}"))
    results: dict[str, SeedResult] = {}
    for _, key in keyed:
        hit = cache.get(key)
        if isinstance(hit, SeedResult):
            results[key] = hit
    misses = [(p, k) for p, k in keyed if k not in results]
    tools = (SpeakerIndex(vocab.persons), Matcher(vocab), indicators) if misses else ()
    fresh = dict(
        zip((k for _, k in misses), _process_all([p for p, _ in misses], tools, config, progress))
    )
    results.update(fresh)
    for _, key in keyed:
        result = results[key]
        used.add(key)
        if result.sha256 in seen_hashes:
            issues.append(
                Issue(
                    result.name,
                    None,
                    "warning",
                    f"exact duplicate of {seen_hashes[result.sha256]}; skipped",
                )
            )
            continue
        if result.sha256:
            seen_hashes[result.sha256] = result.name
        issues += result.issues
        for pid, person in result.persons.items():
            persons.setdefault(pid, person)
        if result.audit:
            audits.append(result.audit)
        events += result.events
    published = load_record(config.url_record, issues)
    events, record = resolve_urls(events, published, issues)
    seed_keys = {p.name: k for p, k in keyed}
    events = assign_series(
        events,
        series,
        memo=memo,
        keys={e.id: f"{seed_keys.get(e.seed)}#{e.index}" for e in events},
    )
    corpus = Corpus(
        events=tuple(events),
        persons=persons,
        places=vocab.places,
        topics=vocab.topics,
        organisations=vocab.organisations,
        indicators=indicators,
        issues=tuple(issues),
    )
    versions = {
        e.id: hashlib.blake2b(
            repr(
                (seed_keys.get(e.seed), e.index, e.id, e.url, e.series, e.edition, e.theme)
            ).encode(),
            digest_size=16,
        ).hexdigest()
        for e in events
    }
    return (
        corpus,
        tuple(audits),
        record,
        CacheUpdate(
            cache,
            fresh,
            used,
            versions,
            memo,
            record != published,
            PartStore(config.cache_dir, cache.fingerprint)
            if config.cache_dir is not None
            else None,
            TemplateBytecode(config.cache_dir) if config.cache_dir is not None else None,
        ),
        series,
    )


@dataclass(frozen=True)
class CacheUpdate:
    """What the write stage stores: entries computed now, and which entries are still in use."""

    cache: SeedCache
    fresh: dict[str, SeedResult]
    used: set[str]
    versions: dict[str, str] = field(default_factory=dict)
    """event id → version (see Build.versions)."""
    memo: Memo | None = None
    """Vocabularies and series memberships, by content key."""
    record_changed: bool = True
    """The URL record differs from the one read (dumping 1,000 URLs as YAML costs 0.2 s)."""
    parts: PartStore | None = None
    """Each event's part of the corpus-wide downloads, by its version: read only when one of
    those files must be made again (tens of MB on a large archive)."""
    templates: TemplateBytecode | None = None  # as compiled by earlier builds

    def save(self) -> None:
        self.cache.save(self.fresh)
        self.cache.prune(self.used)
        for memo in (self.memo, self.parts, self.templates):
            if memo is not None:
                memo.save()


def prepare(config: Config, progress: Progress | None = None) -> Build:
    """Everything but the pages: the corpus, its indexes, the audits and the URL record."""
    if config.site_url is None:
        config = replace(config, site_url=mkdocs_site_url(config.root.resolve() / "mkdocs.yml"))
    corpus, audits, record, cache, series = gather(config, progress)
    pages_cache = None
    if config.cache_dir is not None:
        persons = hashlib.blake2b(repr(sorted(corpus.persons.items())).encode()).hexdigest()
        pages_cache = PageCache.load(
            config.cache_dir,
            config.docs_dir,
            render_fingerprint(
                cache.cache.fingerprint,
                TEMPLATES_DIR,
                config.public_url,
                config.page_size,
                config.excerpts_per_page,
                persons,
            ),
        )
    return Build(
        corpus,
        Index.build(corpus.events, series),
        {},
        audits,
        record,
        cache,
        config,
        cache.versions,
        pages_cache,
    )


def build(config: Config, progress: Progress | None = None) -> Build:
    """The whole build with every page in memory (`Build.pages`): for the library and tests."""
    prepared = prepare(config, progress)
    pages = {path: content_text(content) for path, content in prepared.outputs()}
    return replace(prepared, pages=pages)
