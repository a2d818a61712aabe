"""Command line: `python -m build_site` (also the `build-site` script) writes docs_src/.

python -m build_site              # build; messages go to stderr, a summary line at the end
python -m build_site --strict     # any warning about the input fails the build (exit 1)
python -m build_site --report     # print the line audit of every seed
python -m build_site --no-cache   # recompute every seed instead of reusing unchanged ones
python -m build_site --data DIR   # read the vocabularies from DIR instead of build_site/data
"""

from __future__ import annotations

import argparse
import gc
import sys
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from build_site.build import Build, prepare
from build_site.config import Config
from build_site.read import gazetteer
from build_site.write.write import write_if_changed, write_pages


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build-site", description="Generate the speech archive's Markdown pages from seeds/."
    )
    p.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="project root holding seeds/ and docs_src/ (default: .)",
    )
    p.add_argument(
        "--seeds", type=Path, default=None, help="folder of seed files (default: ROOT/seeds)"
    )
    p.add_argument(
        "--docs", type=Path, default=None, help="MkDocs docs_dir to write (default: ROOT/docs_src)"
    )
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder of vocabularies, indicators.yml and series.yml (default: build_site/data)",
    )
    p.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on any warning about the input"
    )
    p.add_argument(
        "--report", action="store_true", help="print the line audit: where every source line went"
    )
    p.add_argument("--quiet", action="store_true", help="print only errors")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="recompute every seed (ignore ROOT/.cache/build-site)",
    )
    return p


def progress_bar(enabled: bool):
    if not enabled or not sys.stderr.isatty():
        return None
    return lambda items: tqdm(items, desc="seeds", unit="seed", leave=False)


def run(config: Config, *, report: bool = False, quiet: bool = False, out=None, err=None) -> int:
    out, err = (
        out or sys.stdout,
        err or sys.stderr,
    )  # looked up per call, so redirection and capsys work
    # The corpus is a million small objects that live until the end: the cyclic garbage collector
    # would walk them again and again while they are made (a third of a warm build's time).
    gc.disable()
    try:
        result = prepare(config, progress_bar(config.progress))
        gazetteer.release()  # read with the vocabularies, asked nothing more (40 MB)
        gc.freeze()
    finally:
        gc.enable()
    try:
        stats = write_pages(config.docs_dir, result.outputs())
        if result.record_sound and result.cache.record_changed:
            write_if_changed(config.url_record, result.record.dump())
        result.cache.save()
        if result.pages_cache is not None:
            result.pages_cache.save()
    finally:
        gc.unfreeze()
    for issue in result.issues:
        if (
            issue.level == "error" or not quiet or (config.strict and issue.level == "warning")
        ):  # what fails is shown
            print(issue, file=err)
    if report:
        print_report(result, out)
    failed = result.failed(config.strict)
    if not quiet or failed:
        levels = {
            lvl: sum(1 for i in result.issues if i.level == lvl)
            for lvl in ("error", "warning", "repair")
        }
        print(
            f"build-site: {len(result.corpus.events)} events from {len(result.audits)} seeds; "
            f"{levels['error']} errors, {levels['warning']} warnings, {levels['repair']} repairs; "
            f"pages written {stats.written}, unchanged {stats.unchanged}, deleted {stats.deleted}"
            + (
                " — FAILED" + (" (strict)" if config.strict and not levels["error"] else "")
                if failed
                else ""
            ),
            file=err,
        )
    return 1 if failed else 0


def print_report(result: Build, out) -> None:
    by_seed: dict[str, list] = {}
    for e in result.corpus.events:
        by_seed.setdefault(e.seed, []).append(e)
    for a in result.audits:
        counts = ", ".join(f"{k} {v}" for k, v in a.counts.items())
        print(
            f"{a.seed}: {a.total} lines: {counts}"
            + ("" if a.ok else f"; UNACCOUNTED lines {list(a.unaccounted)}"),
            file=out,
        )
        for no, (rule, text) in sorted(a.removed.items()):
            print(f"  {a.seed}:{no}: removed by {rule}: {text[:100]}", file=out)
        for e in by_seed.get(a.seed, ()):
            print("  " + date_report(e), file=out)


def date_report(e) -> str:
    """'file:12: date: 2024-11-27 from "MOSCOW, November 27. /TASS/."' (which line gave the date)."""
    line, text = e.date_from or (None, "")
    where = f"{e.seed}:{line}" if line else e.seed
    if e.date is None:
        return f"{where}: date: none (undated: listed under 'Undated')"
    source = text if text == "the sidecar" else f'"{text[:100]}"'
    return f"{where}: date: {e.date.isoformat()} from {source}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    config = Config(
        root=args.root,
        seeds=args.seeds,
        docs=args.docs,
        strict=args.strict,
        **({"data": args.data} if args.data else {}),
        use_cache=not args.no_cache,
    )
    if args.no_progress:
        config = replace(config, progress=False)
    if not config.seeds_dir.is_dir():
        print(f"build-site: error: no seeds folder at {config.seeds_dir}", file=sys.stderr)
        return 2
    return run(config, report=args.report, quiet=args.quiet)


if __name__ == "__main__":
    sys.exit(main())
