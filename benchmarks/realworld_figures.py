"""Figures on the real-world corpus (tests/realworld/pages): found, real, and on the right scope.

Each page is copied alone into a temporary folder and run through `build_site.build.process_seed`;
a page the pipeline cannot date gets a sidecar date (`date: 2024-01-01`) so that its figures are
still measured (dates are scored elsewhere). A found figure matches an expected one when either
quote contains the other (whitespace and trailing punctuation ignored); a second print of a
matched statistic (title and body) is a duplicate, not a false positive.

    python benchmarks/realworld_figures.py          # problems per page, then the totals
    python benchmarks/realworld_figures.py -v tass  # every figure of the pages whose path has 'tass'

Reported: recall (expected figures found), precision (found figures that are expected), wrong
landings (a figure on an indicator whose scope differs from the expected one, or a part of a whole
on an indicator of the whole), and scope agreement (the figure's own scope vs the expected one).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, whatever is installed

from build_site.build import process_seed  # noqa: E402
from build_site.clean.speakers import SpeakerIndex  # noqa: E402
from build_site.config import DATA_DIR  # noqa: E402
from build_site.extract.entities import Matcher  # noqa: E402
from build_site.extract.indicators import load_indicators  # noqa: E402
from build_site.read.vocab import load_vocabulary  # noqa: E402

PAGES = ROOT / "tests" / "realworld" / "pages"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower().rstrip(".,;:")


def run(page: Path, tools: tuple) -> tuple[list, bool]:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        shutil.copy(page, d / page.name)
        result = process_seed(d / page.name, *tools)
        if result.events:
            return [f for e in result.events for f in e.figures], False
        (d / (page.stem + ".yml")).write_text("date: 2024-01-01\n", encoding="utf-8")
        result = process_seed(d / page.name, *tools)
        return [f for e in result.events for f in e.figures], True


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    only = [a for a in argv if not a.startswith("-")]
    vocab = load_vocabulary(DATA_DIR)
    inds = load_indicators(DATA_DIR / "indicators.yml")
    tools = (SpeakerIndex(vocab.persons), Matcher(vocab), inds)
    t = dict.fromkeys(
        "expected found hit fp dup wrong part_whole dated scope_ok scope_none scope_bad".split(), 0
    )
    for exp_path in sorted(PAGES.glob("*/*.expected.yml")):
        page = exp_path.with_name(exp_path.name.replace(".expected.yml", ".txt"))
        name = f"{page.parent.name}/{page.stem}"
        if only and not any(o in name for o in only):
            continue
        exp = yaml.safe_load(exp_path.read_text(encoding="utf-8"))
        figs, dated = run(page, tools)
        t["dated"] += dated
        expected = exp.get("figures") or []
        t["expected"] += len(expected)
        t["found"] += len(figs)
        used: set[int] = set()
        lines = []
        for x in expected:
            want = tuple(sorted(x["scope"] if isinstance(x["scope"], list) else [x["scope"]]))
            m = next(
                (
                    i
                    for i, f in enumerate(figs)
                    if i not in used
                    and (norm(f.quote) in norm(x["text"]) or norm(x["text"]) in norm(f.quote))
                ),
                None,
            )
            if m is None:
                lines.append(f"  missed   {x['text']!r} ({x['measure']})")
                continue
            used.add(m)
            t["hit"] += 1
            f = figs[m]
            ind = inds.get(f.indicator or "")
            if ind and tuple(getattr(ind, "scope", ("KZ", "RU"))) != want:
                t["wrong"] += 1
                lines.append(f"  WRONG    {f.quote!r} on {f.indicator}, about {want}")
            elif ind and x.get("part") and not getattr(ind, "part", "region" in ind.id):
                t["part_whole"] += 1
                lines.append(f"  PART     {f.quote!r} on {f.indicator} (a whole)")
            if getattr(f, "scope", None) == want:
                t["scope_ok"] += 1
            elif getattr(f, "scope", None) is None:
                t["scope_none"] += 1
            else:
                t["scope_bad"] += 1
                lines.append(
                    f"  scope    {f.quote!r}: {getattr(f, 'scope', None)}, expected {want}"
                )
            if verbose:
                lines.append(f"  ok       {f.quote!r} {getattr(f, 'scope', None)} {f.indicator}")
        for i, f in enumerate(figs):
            if i in used:
                continue
            if any(
                norm(figs[j].quote) == norm(f.quote)
                or (figs[j].value, figs[j].unit) == (f.value, f.unit)
                for j in used
            ):
                t["dup"] += 1
                continue
            t["fp"] += 1
            lines.append(f"  not real {f.quote!r} ({f.unit}, {f.indicator})")
        if lines:
            print(name + ("  [dated by a sidecar]" if dated and verbose else ""))
            print("\n".join(lines))
    real = t["found"] - t["dup"]
    print(
        f"\nfigures found {t['hit']}/{t['expected']} = {t['hit'] / max(1, t['expected']):.3f}; "
        f"real {t['hit']}/{real} = {t['hit'] / max(1, real):.3f} ({t['dup']} repeated prints); "
        f"on another scope's indicator {t['wrong']}; part on a whole {t['part_whole']}; "
        f"scope agrees {t['scope_ok']}/{t['hit']} (unsure {t['scope_none']}); "
        f"{t['dated']} page(s) dated by a sidecar"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
