"""Benchmark: generation and `mkdocs build` on synthetic corpora of N events made from the real seeds.

    python benchmarks/bench.py --sizes 10 100               # quick, while developing
    python benchmarks/bench.py --sizes 10 100 1000 5000 --doc docs_src/about/performance.md
    python benchmarks/bench.py --sizes 1000 --profile       # where generation spends its time

For each size it writes a temporary project (seeds/, mkdocs.yml, the hand-written docs and a link
to build_site/), then measures, each in a fresh subprocess:

1. generation: `build_site.__main__.run` (read → … → write, URL record, caches) timed in-process,
   exactly what `python -m build_site` does, on a fresh project (cold cache), with its CPU time
   and the peak resident memory of that process and of its worker processes (ru_maxrss);
2. `mkdocs build` wall and CPU time and peak memory (this includes the hook's own generation
   pass, warm: nothing is rendered or written);
3. the site: HTML pages and bytes of every file per event, the largest page, the search index
   (site/pagefind/); the reader's side (benchmarks/reader.py, headless Chromium): bytes downloaded
   from opening an event page to the first search result, and seconds to that result;
4. regeneration after one seed changes (one figure edited; warm cache): seconds and files written;
5. with --serve: `mkdocs serve --dirty`, one seed edited: rebuilds, seconds to the changed page.

The reader's side of search (bytes and time to the first result) is benchmarks/reader.py's.
The first row is the real corpus (seeds/, 8 events), the yardstick for page size. Synthetic seeds
are the real ones with dates and years shifted (2000–2025), titles varied, speaker labels swapped
among a pool of names (some unknown to persons.yml, so they get pages and warnings, as new
speakers do), and every figure perturbed; all from a seeded random generator, so a size always
gives the same corpus. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from build_site.config import GENERATED_DIRS, GENERATED_FILES
from build_site.months import MONTH_NAMES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GENERATED = {*GENERATED_DIRS, *GENERATED_FILES}

MONTHS = list(MONTH_NAMES)
DATE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2}),\s+(\d{4})\b")
YEAR = re.compile(r"(?<![\d,.$])\b(19[5-9]\d|20\d\d)\b(?!,\d|\d)")
FIGURE = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<after>\s*(?:%|percent|per cent|billion|million|thousand"
    r"|trillion|tonnes|tons|companies|enterprises|students|projects|kilomet(?:re|er)s|hectares|branches|schools))\b"
)
LABEL = re.compile(r"^(?P<label>[^:\n]{2,140}?)(?P<colon>\s*:(?:\s|$))")
CITIES = [
    "Astana",
    "Moscow",
    "Almaty",
    "St Petersburg",
    "Uralsk",
    "Omsk",
    "Orenburg",
    "Kostanay",
    "Kazan",
    "Ufa",
    "Pavlodar",
    "Chelyabinsk",
    "Aktobe",
    "Samara",
    "Novosibirsk",
    "Karaganda",
    "Shymkent",
    "Astrakhan",
    "Atyrau",
    "Tyumen",
    "Ekaterinburg",
    "Petropavl",
    "Sochi",
    "Turkestan",
    "Barnaul",
    "Semey",
]
FIRST = [
    "Ivan",
    "Aigerim",
    "Nurlan",
    "Olga",
    "Serik",
    "Marat",
    "Elena",
    "Dmitry",
    "Asel",
    "Yerlan",
    "Sergei",
    "Dana",
    "Arman",
    "Natalia",
    "Bolat",
    "Timur",
    "Galina",
    "Askar",
    "Irina",
    "Kairat",
]
LAST = [
    "Petrov",
    "Nurpeisova",
    "Abenov",
    "Smirnova",
    "Kassymov",
    "Ivanov",
    "Zhaksybekov",
    "Orlova",
    "Sultanov",
    "Volkov",
    "Akhmetova",
    "Kuznetsov",
    "Baimukhanov",
    "Sokolova",
    "Yessimov",
    "Lebedev",
    "Tulegenova",
    "Morozov",
]
ROLES = [
    "Governor of {c} Region",
    "Akim of {c} Region",
    "Mayor of {c}",
    "Minister of Trade and Integration of Kazakhstan",
    "Deputy Prime Minister of Russia",
    "Rector of {c} State University",
    "Chairman of the Board of {c} Energy",
    "Minister of Economic Development of Russia",
]
KNOWN = ["President of Russia Vladimir Putin", "President of Kazakhstan Kassym-Jomart Tokayev"]


# --- synthetic corpus --------------------------------------------------------------------------------


def speaker_pool(rng: random.Random, size: int = 48) -> list[str]:
    pool = list(KNOWN)
    while len(pool) < size:
        role = rng.choice(ROLES).format(c=rng.choice(CITIES))
        label = f"{role} {rng.choice(FIRST)} {rng.choice(LAST)}"
        if label not in pool:
            pool.append(label)
    return pool


def _perturb(m: re.Match, rng: random.Random) -> str:
    num = m["num"]
    value = float(num.replace(",", ""))
    new = value * rng.uniform(0.7, 1.3)
    if "," in num:
        text = f"{max(1000, round(new)):,}"
    elif "." in num:
        text = f"{new:.{len(num.split('.')[1])}f}"
    else:
        text = str(max(1, round(new)))
    return text + m["after"]


def rewrite(
    text: str,
    *,
    shift: int,
    years: int,
    titles: dict[str, str],
    labels: dict[str, str],
    rng: random.Random,
) -> str:
    """One seed's text with dates shifted by `shift` days, other years by `years`, titles and labels
    replaced, and figures perturbed."""

    def date(month: str, day: str, year: str) -> str:
        try:
            d = dt.date(int(year), MONTHS.index(month) + 1, int(day)) + dt.timedelta(days=shift)
        except (ValueError, OverflowError):
            return f"{month} {day}, {year}"
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"

    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped in titles:
            line = line.replace(stripped, titles[stripped])
        lm = LABEL.match(line)
        if lm and " ".join(lm["label"].split()) in labels:
            line = labels[" ".join(lm["label"].split())] + line[lm.end("label") :]
        parts = DATE.split(line)  # keep dates out of the year shift: shift them as whole dates
        pieces = []
        for i in range(0, len(parts), 4):
            plain = YEAR.sub(lambda y: str(min(2099, int(y[1]) + years)), parts[i])
            pieces.append(FIGURE.sub(lambda f: _perturb(f, rng), plain))
            if i + 3 < len(parts):
                pieces.append(date(*parts[i + 1 : i + 4]))
        out.append("".join(pieces))
    return "\n".join(out)


def real_seeds() -> list[dict]:
    """The real seeds with what the generator needs: text, sidecar, titles, labels, date, events."""
    sys.path.insert(0, str(ROOT))
    from build_site.build import build
    from build_site.clean.clean import clean
    from build_site.clean.speakers import SpeakerIndex
    from build_site.config import Config
    from build_site.read.seeds import read_source
    from build_site.read.vocab import load_vocabulary

    with tempfile.TemporaryDirectory() as tmp:
        corpus = build(Config(root=ROOT, docs=Path(tmp), progress=False)).corpus
    speakers = SpeakerIndex(load_vocabulary(Config(root=ROOT).data).persons)
    per_seed = Counter(e.seed for e in corpus.events)
    dates = {e.seed: e.date for e in corpus.events}
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        raws, _ = clean(read_source(path), speakers)
        labels = set()
        for line in path.read_text(encoding="utf-8").split("\n"):
            found = speakers.split_label_line(line)
            if found and found[0].person:
                labels.add(found[0].text)
        sidecar = path.with_suffix(".yml")
        out.append(
            {
                "name": path.stem,
                "text": path.read_text(encoding="utf-8"),
                "sidecar": sidecar.read_text(encoding="utf-8") if sidecar.exists() else None,
                "titles": [r.title for r in raws if r.title],
                "labels": sorted(labels),
                "date": dates[path.name],
                "events": per_seed[path.name],
            }
        )
    return out


def make_corpus(folder: Path, n_events: int, seed: int = 1) -> int:
    """Write seeds for n_events events into folder; returns the number of seed files."""
    rng = random.Random(seed)
    pool = speaker_pool(rng)
    templates = real_seeds()
    folder.mkdir(parents=True, exist_ok=True)
    start, end = dt.date(2000, 1, 1), dt.date(2025, 12, 31)
    left, k, files = n_events, 0, 0
    while left > 0:
        tpl = templates[k % len(templates)]
        k += 1
        if tpl["events"] > left or not tpl["events"]:
            continue
        day = start + dt.timedelta(
            days=(end - start).days * (n_events - left) // max(1, n_events) + rng.randrange(0, 5)
        )
        shift = (day - tpl["date"]).days
        years = day.year - tpl["date"].year
        city = rng.choice(CITIES)
        titles = {t: f"{t} in {city}" if " in " not in t else f"{t}, {city}" for t in tpl["titles"]}
        labels = {lab: rng.choice(pool) for lab in tpl["labels"] if rng.random() < 0.4}
        name = f"syn_{files:05d}_{tpl['name']}"
        (folder / f"{name}.txt").write_text(
            rewrite(tpl["text"], shift=shift, years=years, titles=titles, labels=labels, rng=rng),
            encoding="utf-8",
        )
        if tpl["sidecar"]:
            side = re.sub(
                r"^date: \d{4}-\d{2}-\d{2}", f"date: {day.isoformat()}", tpl["sidecar"], flags=re.M
            )
            side = re.sub(
                r"^title: (.+)$", lambda m, city=city: f"title: {m[1]} in {city}", side, flags=re.M
            )
            (folder / f"{name}.yml").write_text(side, encoding="utf-8")
        files += 1
        left -= tpl["events"]
    return files


def make_project(root: Path, seeds: Path | None = None) -> Path:
    """A buildable project: seeds (copied or already there), mkdocs.yml, hand-written docs, build_site/."""
    root.mkdir(parents=True, exist_ok=True)
    if seeds:
        shutil.copytree(seeds, root / "seeds", ignore=shutil.ignore_patterns("urls.yml"))
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if os.environ.get("BENCH_NO_MATERIAL_SEARCH"):  # the site as it is once Pagefind replaces it
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(
            re.sub(r"(?m)^(plugins:\n)((?:  - search\n)?)", r"\1", text).replace(
                "plugins:\n\n", "plugins: []\n\n"
            ),
            encoding="utf-8",
        )
    (root / "build_site").symlink_to(ROOT / "build_site", target_is_directory=True)
    shutil.copytree(
        ROOT / "docs_src",
        root / "docs_src",
        ignore=lambda d, names: GENERATED if Path(d) == ROOT / "docs_src" else (),
    )
    return root


# --- measurements ----------------------------------------------------------------------------------


def child_generate(root: Path, profile: bool) -> None:
    """Run in a subprocess: what `python -m build_site --root ROOT` does (build_site.__main__.run),
    timed in-process; prints one JSON line. Counts come from the build's own summary line."""
    import io
    import resource

    sys.path.insert(0, str(ROOT))  # this checkout's build_site, not an installed one
    t0 = time.perf_counter()
    from build_site.__main__ import run
    from build_site.config import Config

    t1 = time.perf_counter()
    err = io.StringIO()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
    # use_cache: as `python -m build_site` (the library's default is no cache: every regeneration
    # was measured cold until 2026-12)
    code = run(Config(root=root, progress=False, use_cache=True), err=err)
    t2 = time.perf_counter()
    if profile:
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
    summary = err.getvalue().rstrip().splitlines()[-1]
    m = re.search(
        r"(\d+) events from (\d+) seeds; (\d+) errors, (\d+) warnings.*pages written (\d+), unchanged (\d+)",
        summary,
    )
    if not m:
        raise SystemExit(f"no summary line: {summary}")
    events, _, errors, warnings, written, unchanged = map(int, m.groups())
    print(
        json.dumps(
            {
                "import": t1 - t0,
                "seconds": t2 - t1,
                "exit": code,
                "events": events,
                "errors": errors,
                "warnings": warnings,
                "written": written,
                "pages": written + unchanged,
                "cpu": sum(
                    u.ru_utime + u.ru_stime
                    for u in (
                        resource.getrusage(resource.RUSAGE_SELF),
                        resource.getrusage(resource.RUSAGE_CHILDREN),
                    )
                ),
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )


def env() -> dict[str, str]:
    return dict(os.environ, CI="1", PYTHONUTF8="1", NO_MKDOCS_2_WARNING="1")


def generate(root: Path, profile: bool = False) -> dict:
    args = [sys.executable, __file__, "--child-generate", str(root)] + (
        ["--profile"] if profile else []
    )
    t = time.perf_counter()
    proc = subprocess.run(args, env=env(), capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"generation failed:\n{proc.stderr[-3000:]}")
    if profile:
        print(proc.stderr, file=sys.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1]) | {"wall": wall}


MKDOCS_CHILD = (
    "import resource, runpy, sys\n"
    "sys.argv = ['mkdocs', 'build', '-q', '-d', 'site']\n"
    "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
    "except SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
    "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "print('children', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def mkdocs_build(root: Path) -> tuple[float, float, float, float]:
    """Wall seconds of `mkdocs build` (with its hook: generation, warm, and the search index), its
    CPU seconds (user + system: what the build costs on a machine shared with other work), its
    peak memory and that of its largest child process (Pagefind, run by the hook) in MB."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", MKDOCS_CHILD],
        cwd=root,
        env=env() | {"PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{proc.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    m = re.search(r"maxrss (\d+)", proc.stderr)
    c = re.search(r"children (\d+)", proc.stderr)
    return wall, cpu, int(m[1]) / 1024 if m else 0.0, int(c[1]) / 1024 if c else 0.0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_edit(root: Path, timeout: float = 3600, edits: int = 1) -> dict:
    """`mkdocs serve --dirty` on the project: once it is up, one seed's figure is edited, `edits`
    times, 10 quiet seconds apart; counted per edit: rebuilds that follow and seconds from the
    edit to the end of the first one (MkDocs' "Reloading browsers"), when the changed page is
    served. Returned: the most rebuilds any edit caused, the median seconds, and every edit's."""
    import signal
    import urllib.request

    log = root / "serve.log"
    port = free_port()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env() | {"PYTHONPATH": str(root), "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while "Serving on" not in log.read_text(encoding="utf-8", errors="replace"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"mkdocs serve did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)
            time.sleep(3)
            rebuilds, shown = [], []
            for _ in range(edits):
                text = log.read_text(encoding="utf-8", errors="replace")
                builds0, reloads0 = (
                    text.count("Building documentation"),
                    text.count("Reloading browsers"),
                )
                touch_one_seed(root / "seeds")
                edited = time.monotonic()
                while time.monotonic() - edited < 600:
                    text = log.read_text(encoding="utf-8", errors="replace")
                    if text.count("Reloading browsers") > reloads0:
                        shown.append(time.monotonic() - edited)
                        break
                    time.sleep(0.05)
                time.sleep(10)
                text = log.read_text(encoding="utf-8", errors="replace")
                rebuilds.append(text.count("Building documentation") - builds0)
            try:  # the served site answers after the rebuilds
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).close()
            except OSError:
                pass
            return {
                "rebuilds": max(rebuilds),
                "shown": sorted(shown)[len(shown) // 2] if shown else None,
                "shown_runs": shown,
            }
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def site_stats(site: Path) -> dict:
    files = [
        (p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*") if p.is_file()
    ]
    pages = [f for f in files if f[1].endswith(".html")]
    biggest = max(pages)
    # the search index on disk: Pagefind's chunks (site/pagefind/), or Material's one file before it
    pagefind = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    sitemap = site / "sitemap.xml"
    return {
        "all_bytes": sum(s for s, _ in files),
        "html_bytes": sum(s for s, _ in pages),
        "html_files": len(pages),
        "largest": biggest,
        "search_bytes": sum(pagefind)
        if pagefind
        else index.stat().st_size
        if index.exists()
        else 0,
        "sitemap_bytes": sitemap.stat().st_size if sitemap.exists() else 0,
        "over_300k": sum(1 for s, _ in pages if s > 300 * 1024),
    }


def reader(site: Path) -> dict | None:
    """benchmarks/reader.py: bytes and time from opening an event page to the first search result
    (headless Chromium); None when no Chromium is installed."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.reader import chromium, reader_cost

    if chromium() is None:
        print("no Chromium: the reader's columns are left empty", file=sys.stderr)
        return None
    return reader_cost(site)


def touch_one_seed(seeds: Path) -> Path:
    """Edit one figure in the middle seed (as a maintainer correcting a typo would)."""
    files = sorted(seeds.glob("*.txt"))
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    m = FIGURE.search(text) or re.search(r"\d+", text)
    if m:
        text = (
            text[: m.start()]
            + str(int(float(m.group().split()[0].replace(",", ""))) + 1)
            + text[m.start() + len(m.group().split()[0]) :]
        )
    else:
        text += "\nOne more line.\n"
    path.write_text(text, encoding="utf-8")
    return path


def median_run(runs: list[dict], key: str) -> dict:
    """The run whose `key` is the median (the upper one of an even number).

    >>> median_run([{"s": 3}, {"s": 1}, {"s": 2}], "s")
    {'s': 2}
    """
    return sorted(runs, key=lambda r: r[key])[len(runs) // 2]


def spread(values: list[float]) -> str:
    """' (median of 3: 1.10–1.30 s)', or '' for a single run."""
    if len(values) < 2:
        return ""
    return f" (median of {len(values)}: {min(values):.2f}–{max(values):.2f} s)"


def run_size(
    n: int | None,
    work: Path,
    profile: bool,
    mkdocs: bool,
    serve: bool = False,
    reader_side: bool = True,
    repeat: int = 3,
) -> dict:
    root = work / (f"n{n}" if n else "real")
    if root.exists():
        shutil.rmtree(root)
    make_project(root, None if n else SEEDS)
    if n:
        make_corpus(root / "seeds", n)
    seeds = len(list((root / "seeds").glob("*.txt")))
    print(f"[{n or 'real'}] {seeds} seeds written; generating…", file=sys.stderr, flush=True)
    gen = generate(root, profile)
    row = {
        "n": gen["events"],
        "label": f"{gen['events']}" + ("" if n else " (real seeds)"),
        "seeds": seeds,
        "gen": gen,
    }
    if mkdocs:
        print(
            f"[{n or 'real'}] generation {gen['seconds']:.1f} s; mkdocs build…",
            file=sys.stderr,
            flush=True,
        )
        row["mkdocs"], row["mkdocs_cpu"], row["mkdocs_rss"], row["index_rss"] = mkdocs_build(root)
        row["site"] = site_stats(root / "site")
        if reader_side:
            row["reader"] = reader(root / "site")
    # each edit timed on its own, the median reported: one run varies by a tenth of a second or
    # more on a shared machine (as timeit and pyperf repeat rather than trust one run)
    regens = []
    for _ in range(repeat):
        touch_one_seed(root / "seeds")
        regens.append(generate(root))
    row["regen"] = median_run(regens, "seconds")
    row["regen_runs"] = [r["seconds"] for r in regens]
    if serve:
        print(f"[{n or 'real'}] mkdocs serve --dirty…", file=sys.stderr, flush=True)
        row["serve"] = serve_edit(root, edits=repeat)
    print(f"[{n or 'real'}] done: {json.dumps(row, default=str)}", file=sys.stderr, flush=True)
    return row


# --- report ------------------------------------------------------------------------------------------


def table(rows: list[dict]) -> str:
    head = (
        "| events | seeds | generation s (CPU s) | `mkdocs build` s (CPU s) | full build per event "
        "(CPU) | peak memory "
        "| HTML pages per event | site per event (HTML) | largest page | one seed changed: s, files written "
        "| `serve --dirty`: rebuilds per edit, s to the page | reader: bytes, s to first search result |"
    )
    out = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        g, s, rd = r["gen"], r.get("site"), r.get("reader")
        gen, regen = g["seconds"], r["regen"]["seconds"]
        n = max(1, r["n"])
        workers = (
            f" (+ workers {g['children_maxrss_mb']:.0f} MB each)"
            if g["children_maxrss_mb"] > 1
            else ""
        )
        mem = f"{g['maxrss_mb']:.0f} MB{workers}"
        if "mkdocs_rss" in r:
            mem += f"; `mkdocs build` {r['mkdocs_rss']:.0f} MB"
            if r.get("index_rss"):
                mem += f" (+ Pagefind {r['index_rss']:.0f} MB)"
        sv = r.get("serve")
        out.append(
            "| "
            + " | ".join(
                [
                    r["label"],
                    str(r["seeds"]),
                    f"{gen:.1f} ({g.get('cpu', 0):.1f})",
                    f"{r['mkdocs']:.1f} ({r.get('mkdocs_cpu', 0):.1f})" if "mkdocs" in r else "–",
                    f"{(gen + r['mkdocs']) / n * 1000:.0f} ms "
                    f"({(g.get('cpu', 0) + r.get('mkdocs_cpu', 0)) / n * 1000:.0f} ms)"
                    if "mkdocs" in r
                    else "–",
                    mem,
                    f"{s['html_files'] / n:.2f}" if s else "–",
                    f"{s['all_bytes'] / n / 1024:.0f} KB ({s['html_bytes'] / n / 1024:.0f} KB)"
                    if s
                    else "–",
                    f"`{s['largest'][1]}` {s['largest'][0] / 1024:.0f} KB" if s else "–",
                    f"{regen:.2f} s ({r['regen'].get('cpu', 0):.2f} s CPU)"
                    f"{spread(r.get('regen_runs', []))}, "
                    f"{r['regen']['written']} of {r['regen']['pages']}",
                    f"{sv['rebuilds']}, {sv['shown']:.1f} s{spread(sv.get('shown_runs', []))}"
                    if sv and sv.get("shown") is not None
                    else (f"{sv['rebuilds']}, –" if sv else "–"),
                    f"{rd['bytes'] / 1024:.0f} KB ({rd['search_bytes'] / 1024:.0f} KB of search data), "
                    f"{rd['first_result_s']:.2f} s"
                    if rd
                    else "–",
                ]
            )
            + " |"
        )
    return "\n".join(out)


def machine() -> str:
    try:
        mem = next(
            l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")
        )
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    import mkdocs

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"load average at the end {load} (other work on the machine inflates wall times; CPU "
        f"seconds are the build's own); "
        f"{os.cpu_count()} CPUs (nproc), {ram}, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}; run on {dt.date.today().isoformat()}"
    )


def write_doc(path: Path, text: str) -> None:
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    doc = path.read_text(encoding="utf-8")
    if start not in doc or end not in doc:
        raise SystemExit(f"{path}: no {start} … {end} block to replace")
    head, rest = doc.split(start, 1)
    path.write_text(
        head + start + "\n" + text + "\n" + end + rest.split(end, 1)[1], encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10, 100],
        help="numbers of events (default: 10 100)",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=None,
        help="folder for the temporary projects (default: a temp dir, removed)",
    )
    p.add_argument("--no-mkdocs", action="store_true", help="measure generation only")
    p.add_argument(
        "--serve",
        action="store_true",
        help="also edit a seed under `mkdocs serve --dirty`: rebuilds and seconds to the page",
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="edits timed for the one-seed and serve columns, the median reported (default: 3)",
    )
    p.add_argument("--no-real", action="store_true", help="skip the row of the real corpus")
    p.add_argument(
        "--profile", action="store_true", help="print a cProfile of each generation to stderr"
    )
    p.add_argument(
        "--no-reader", action="store_true", help="skip the reader's measurements (Chromium)"
    )
    p.add_argument(
        "--doc",
        type=Path,
        default=None,
        help="also write the table into this Markdown file's bench block",
    )
    p.add_argument("--child-generate", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_generate:
        child_generate(args.child_generate, args.profile)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    rows = []
    try:
        for n in ([] if args.no_real else [None]) + args.sizes:
            rows.append(
                run_size(
                    n,
                    work,
                    args.profile,
                    not args.no_mkdocs,
                    args.serve,
                    not args.no_reader,
                    max(1, args.repeat),
                )
            )
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    text = f"{table(rows)}\n\nMachine: {machine()}."
    print(text)
    if args.doc:
        write_doc(args.doc, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
