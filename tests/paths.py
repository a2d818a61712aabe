"""Where the tests find the project: one home for the paths every test module uses."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))
GOLDEN_DIR = ROOT / "tests" / "golden"
PACKAGE_DIR = ROOT / "build_site"
#: The corpus contract, beside the repository root (shared/ is laid next to the checkout).
SHARED_SCHEMA = ROOT.parent / "shared" / "corpus.schema.json"
